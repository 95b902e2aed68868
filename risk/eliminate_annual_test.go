package risk_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// TestEliminationAnnual runs the elimination test at the boundaries of the
// annual reading (issue 12, item 4; rule elimination.annual_income): a
// household with no monthly record and an annual income of the test's year
// or the year before is read on it, and the input says so with the
// per-capita figure against the line; but income stable over the months
// cannot be shown by one annual total, so elimination.income_stable never
// passes on it, whatever the figure, and the case cannot be eliminated.
// Some months but not every window, and no income at all, fail as before.
func TestEliminationAnnual(t *testing.T) {
	dev := measure("public_welfare_post", risk.Development, "2020-03-20")
	annual := func(year int, income poverty.Money) *poverty.Household {
		return household("e", 3, year, income, 0)
	}
	partial := recovering("e", true)
	partial.Monthly = partial.Monthly[:len(partial.Monthly)-2] // to 2020-10: the window to 2020-11 is incomplete
	nothing := annual(0, 0)
	one := risk.DefaultParams()
	one.StableMonths = risk.Param{ID: "stable_months", Unit: poverty.UnitMonths, Count: 1,
		Provenance: poverty.Provenance{Status: poverty.Supplied, Source: "a county with one month", Scope: "34"}}
	windows := "(2019-07..2020-06 to 2019-12..2020-11)"
	tests := []struct {
		name   string
		h      *poverty.Household
		p      *risk.Params
		failed []string
		has    []string // in the input of elimination.income_stable
	}{
		{"annual above the line: not assessable, not passed", annual(2020, y(21000)), nil, []string{"elimination.income_stable"},
			[]string{"not assessable from an annual income, so not passed: annual income of 2020, 12 months not recorded: calendar year 2020 (annual record), 3 resident members: per-capita 7000.00 disposable_income, above the line true (boundary below)",
				"each of the 6 months before 2020-12", windows, "elimination.annual_income: "}},
		{"annual exactly at the line", annual(2020, y(18000)), nil, []string{"elimination.income_stable"},
			[]string{"per-capita 6000.00 disposable_income, above the line true", windows}},
		{"annual below the line", annual(2020, y(17997)), nil, []string{"elimination.income_stable"},
			[]string{"per-capita 5999.00 disposable_income, above the line false", windows}},
		{"annual of the year before", annual(2019, y(21000)), nil, []string{"elimination.income_stable"},
			[]string{"annual income of 2019, 12 months not recorded: calendar year 2019 (annual record)", windows}},
		{"one stable month is still months", annual(2020, y(21000)), &one, []string{"elimination.income_stable"},
			[]string{"each of the 1 months before 2020-12", "(2019-12..2020-11 to 2019-12..2020-11)"}},
		{"some months but not every window: as before", partial, nil, []string{"elimination.income_stable"},
			[]string{"2019-12..2020-11: no complete monthly records"}},
		{"no income at all: as before", nothing, nil, []string{"elimination.income_stable"},
			[]string{"2019-07..2020-06: no complete monthly records"}},
		{"full months: the months", recovering("e", true), nil, nil, []string{"12 months to 2020-11: 7666.67 (above true)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := openCase(t, "e", dev)
			res, err := risk.EliminationTest(risk.EliminationInput{Case: c, Household: tc.h, On: day("2020-12-05"), Line: lineFor2020(t),
				Guarantees: poverty.AllSecured(), Resolved: risk.FactorsOf(risk.Illness)}, tc.p)
			if err != nil {
				t.Fatal(err)
			}
			var failed []string
			for _, f := range res.Failed() {
				failed = append(failed, f.Code)
			}
			if diff := cmp.Diff(tc.failed, failed); diff != "" {
				t.Errorf("failed (-want +got):\n%s\n%s", diff, res.Explain())
			}
			in := res.Criteria[0].Input
			for _, s := range tc.has {
				if !strings.Contains(in, s) {
					t.Errorf("input lacks %q:\n%s", s, in)
				}
			}
			if annualRead := strings.Contains(in, "annual record"); annualRead != (tc.h.Year != 0 && len(tc.h.Monthly) == 0) {
				t.Errorf("annual reading %t:\n%s", annualRead, in)
			}
			if err := c.Eliminate(&res); (err == nil) != (len(tc.failed) == 0) || (err != nil && !errors.Is(err, risk.ErrNotEliminable)) {
				t.Errorf("Eliminate: %v", err)
			}
		})
	}

	r, ok := risk.RuleFor("elimination.annual_income")
	if !ok || r.Label() != "DEFAULT" || !strings.Contains(r.Source, "Hainan") || !strings.Contains(r.Source, "POLICY.md 2.3") {
		t.Errorf("rule elimination.annual_income: %+v", r)
	}

	net := annual(2020, y(21000))
	net.Concept = poverty.NetIncome
	noResidents := annual(2020, y(21000))
	for i := range noResidents.Members {
		noResidents.Members[i].Exclusion = poverty.SettledElsewhere
	}
	errs := []struct {
		name  string
		h     *poverty.Household
		field string
		want  error
	}{
		{"an annual income two years old", annual(2018, y(21000)), "year", poverty.ErrRange},
		{"an annual income of the next year", annual(2021, y(21000)), "year", poverty.ErrRange},
		{"an income without a year", annual(0, y(21000)), "year", poverty.ErrRange},
		{"a year without an income", annual(2020, 0), "income", poverty.ErrMissing},
		{"another concept than a strict line's", net, "concept", poverty.ErrConceptMismatch},
		{"no resident member", noResidents, "members", poverty.ErrNoResidents},
	}
	// A caller's line without the embedded 2020 line's concept policy
	// (which accepts net income, DEFAULT) refuses a net-income household.
	strict := lineFor2020(t)
	strict.Accepts = poverty.ConceptMatch{}
	for _, tc := range errs {
		t.Run(tc.name, func(t *testing.T) {
			_, err := risk.EliminationTest(risk.EliminationInput{Case: openCase(t, "e", dev), Household: tc.h, On: day("2020-12-05"),
				Line: strict, Guarantees: poverty.AllSecured(), Resolved: risk.FactorsOf(risk.Illness)}, nil)
			var fe *poverty.FieldError
			if !errors.Is(err, tc.want) || !errors.As(err, &fe) || fe.Op != "risk.EliminationTest" || fe.Field != tc.field {
				t.Errorf("error %v, want a *poverty.FieldError of risk.EliminationTest on %s wrapping %v", err, tc.field, tc.want)
			}
		})
	}
}
