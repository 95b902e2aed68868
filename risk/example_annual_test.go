package risk_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// A platform that holds one annual income per household, and no monthly
// incomes: the assessment reads the annual income of 2019 as what it is,
// the income of calendar year 2019, and says so; the income-drop rule,
// which compares months, is not assessable. An annual income of 2018 is
// refused on 2020-09-01.
func ExampleAssess_annual() {
	h := weixianHousehold()
	h.Monthly = nil // the annual income of 2019 (21,600 yuan), no months
	events := []risk.Event{{Kind: risk.MedicalClaim, Date: poverty.MustParseDate("2020-04-28"),
		Total: poverty.YuanAmount(31800), OutOfPocket: poverty.YuanAmount(10500), Severe: true}}
	a, err := risk.Assess(h, events, poverty.MustParseDate("2020-05-20"), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a)
	fmt.Println(a.IncomeLabel())
	for _, c := range a.Checks() {
		fmt.Println(c)
	}

	h.Year = 2018
	_, err = risk.Assess(h, events, poverty.MustParseDate("2020-09-01"), nil)
	fmt.Println(errors.Is(err, poverty.ErrRange), err)
	// Output:
	// weixian-fu 2020-05-20: per capita 5400.00 disposable_income, calendar year 2019 (annual record); warnings warning.medical_oop_amount, warning.medical_oop_share
	// 5400.00 disposable_income over 2019-01..2019-12 (annual record of 2019; 8 of its months in the monitoring window 2019-05..2020-04)
	// warning.rigid_expenditure clear: 10500.00 against 1 x 21600.00
	// warning.income_drop not_evaluated: missing monthly incomes of the window (not assessable from an annual income: the rule compares the last months with the months before, and the year is not split into months)
	// warning.medical_oop_amount triggered: 10500.00 (10000.00)
	// warning.medical_oop_share triggered: share 48.6111% (0.3)
	// warning.guarantee_lost clear: lost none
	// true risk.Assess: record "weixian-fu": field year = "2018": value out of range: no monthly records, and the annual income of 2018 is not of the year of 2020-09-01 or the year before
}

// The elimination test on an annual income alone: the figure is read and
// reported against the line, but stability over the months cannot be shown
// by one annual total, so the criterion does not pass and the case is not
// closed until monthly incomes are recorded.
func ExampleEliminationTest_annual() {
	h := weixianHousehold()
	h.Monthly, h.Year, h.Income = nil, 2020, poverty.Income{Wage: poverty.YuanAmount(28800)}
	c, _ := risk.Open(risk.CaseInfo{ID: "case-1", HouseholdID: h.ID, Region: poverty.MustParseRegion("13"),
		Category: risk.UnstableLiftedOut, Factors: risk.FactorsOf(risk.Illness), Channel: risk.DepartmentWarning, Members: 4},
		poverty.MustParseDate("2020-05-20"), "")
	res, err := risk.EliminationTest(risk.EliminationInput{Case: c, Household: h, On: poverty.MustParseDate("2020-12-10"),
		Guarantees: poverty.AllSecured(), Resolved: risk.FactorsOf(risk.Illness)}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(&res)
	for _, part := range strings.SplitN(res.Criteria[0].Input, "; ", 3)[:2] {
		fmt.Println(part)
	}
	fmt.Println(errors.Is(c.Eliminate(&res), risk.ErrNotEliminable))
	// Output:
	// case-1 2020-12-10: fail (naturally): elimination.income_stable
	// not assessable from an annual income, so not passed: annual income of 2020, 12 months not recorded: calendar year 2020 (annual record), 4 resident members: per-capita 7200.00 disposable_income, above the line true (boundary below)
	// income stable in each of the 6 months before 2020-12 needs the per-capita income of the monitoring windows ending in them (2019-07..2020-06 to 2019-12..2020-11), which one annual total does not show
	// true
}
