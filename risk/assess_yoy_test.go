package risk_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// seasonal is a household whose income follows a season: 1,500 a month,
// but 800 in the last three months of each year on record (migrants home,
// the harvest sold). Its window on 2021-01-01 is 2020-01..2020-12; with
// the year before on record, its last three months equal the same months
// a year earlier.
func seasonal(priorMonths int) *poverty.Household {
	h := &poverty.Household{ID: "s", Region: poverty.MustParseRegion("34"), Year: 2020, Concept: poverty.DisposableIncome,
		Members: make([]poverty.Member, 2), Income: poverty.Income{Wage: y(15300)}}
	h.Members[0].Capacity = poverty.AbleToWork
	for i := 12 - priorMonths; i < 24; i++ {
		m := poverty.YearMonthOf(2019, time.January).Add(i)
		wage := y(1500)
		if m.Month() >= time.October {
			wage = y(800)
		}
		h.Monthly = append(h.Monthly, poverty.MonthlyIncome{Month: m, Income: poverty.Income{Wage: wage}})
	}
	return h
}

// TestIncomeDropYearEarlier: the income-drop rule compares the recent
// months with the same months a year earlier when the records hold them,
// so that a season does not read as a fall; without them it compares
// within the window and says so. Boundaries: a fall of exactly the
// parameter share fires, a cent less does not; a year-earlier month
// missing or repeated falls back to the window.
func TestIncomeDropYearEarlier(t *testing.T) {
	on := day("2021-01-01")
	dropBy := func(h *poverty.Household, last3 poverty.Money) *poverty.Household {
		for i := range h.Monthly {
			if h.Monthly[i].Month >= poverty.YearMonthOf(2020, time.October) {
				h.Monthly[i].Income.Wage = last3
			}
		}
		return h
	}
	repeated := seasonal(12)
	repeated.Monthly = append(repeated.Monthly, repeated.Monthly[10]) // 2019-11 twice
	tests := []struct {
		name        string
		h           *poverty.Household
		outcome     risk.Outcome
		yearEarlier bool
		share       string
	}{
		{"a season with the year before on record: clear", seasonal(12), risk.Clear, true, "0"},
		{"the same season with only the window on record: fires, within the window", seasonal(0), risk.Triggered, false, "0.466666"},
		{"the same months a year earlier are enough", seasonal(3), risk.Clear, true, "0"},
		{"one of them missing: within the window", seasonal(2), risk.Triggered, false, "0.466666"},
		{"one of them repeated: within the window", repeated, risk.Triggered, false, "0.466666"},
		{"a fall of exactly 30% on a year earlier fires", dropBy(seasonal(12), y(560)), risk.Triggered, true, "0.3"},
		{"a cent less does not", dropBy(seasonal(12), poverty.MustParseMoney("560.01")), risk.Clear, true, "0.299987"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := risk.Assess(tc.h, nil, on, nil)
			if err != nil {
				t.Fatal(err)
			}
			c, ok := a.Lookup(risk.IncomeDrop)
			if !ok {
				t.Fatal("no income_drop check")
			}
			type out struct {
				Outcome     risk.Outcome
				YearEarlier bool
				Share       string
			}
			if d := cmp.Diff(out{tc.outcome, tc.yearEarlier, tc.share}, out{c.Outcome, c.YearEarlier, c.Share.String()}); d != "" {
				t.Errorf("(-want +got)\n%s\n%s", d, c.Explain())
			}
			x := c.Explain()
			if tc.yearEarlier != strings.Contains(x, "a year earlier, fall") || !tc.yearEarlier && !strings.Contains(x, "seasonal incomes can fire") {
				t.Errorf("the reason does not say what the income was compared with: %s", x)
			}
		})
	}
}
