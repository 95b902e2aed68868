package risk_test

import (
	"fmt"
	"time"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// Under the 2020 guidance a lifted-out household whose income is below
// the poverty standard has returned to poverty: it goes back on the
// registered list and is not a monitored household, so no case opens. The
// same household with no monthly records is read from its annual income,
// and the result says so.
func ExampleIdentify_returnedPoor() {
	h := &poverty.Household{ID: "h1", Region: poverty.MustParseRegion("53"), Year: 2020, Concept: poverty.NetIncome,
		Registration: poverty.Registration{Registered: 2014, Exited: 2019},
		Members:      make([]poverty.Member, 3)}
	for m := range 12 {
		h.Monthly = append(h.Monthly, poverty.MonthlyIncome{Month: poverty.YearMonthOf(2020, time.January).Add(m),
			Income: poverty.Income{Wage: 800 * poverty.Yuan}})
	}
	id, err := risk.Identify(risk.IdentifyInput{Household: h, On: poverty.MustParseDate("2020-12-31")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(id.Code(), id.Category.Monitored(), id.IncomeLabel())

	h.Monthly, h.Income.Wage = nil, 9600*poverty.Yuan
	id, err = risk.Identify(risk.IdentifyInput{Household: h, On: poverty.MustParseDate("2020-12-31")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(id.Code(), id.Basis, id.IncomeLabel())
	// Output:
	// category.returned_poor false 3200.00 net_income over 2020-01..2020-12 (monthly records)
	// category.returned_poor annual_record 3200.00 net_income over 2020-01..2020-12 (annual record of 2020)
}
