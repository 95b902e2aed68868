package risk_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// recovering is a household of 3 (one able to work) whose monthly income is
// 1,000 yuan from 2019-01 to 2019-12 and 2,000 from 2020-01 on, through
// 2020-12. Per-capita income over 12 months passes 6,000 (the derived 2020
// line) once the window holds at least 6 months at 2,000: in the window
// ending 2020-06 (6,000 exactly is not below the line) and after.
func recovering(id string, able bool) *poverty.Household {
	wages := append(repeat(y(1000), 12), repeat(y(2000), 12)...)
	h := household(id, 3, 2019, y(12000), poverty.YearMonthOf(2019, time.January), wages...)
	if !able {
		h.Members[0].Capacity = poverty.UnableToWork
	}
	return h
}

func openCase(t *testing.T, id string, m ...risk.MeasureRecord) *risk.Case {
	in := info(id)
	in.HouseholdID = id
	c, err := risk.Open(in, day("2020-03-20"), "cadre visit")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range m {
		if i == 0 {
			err = c.StartAssistance(r.Start, r, "")
		} else {
			err = c.AddMeasure(r.Start, r, "")
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// assessmentWith returns an assessment whose only warning is rule r, read
// from its JSON form.
func assessmentWith(t *testing.T, r risk.WarningRule) *risk.Assessment {
	t.Helper()
	checks := make([]risk.WarningCheck, risk.GuaranteeLost)
	for i := range checks {
		checks[i] = risk.WarningCheck{Rule: risk.WarningRule(i + 1), Outcome: risk.Clear}
	}
	checks[r-1].Outcome = risk.Triggered
	b, err := json.Marshal(map[string]any{"household_id": "h", "checks": checks})
	if err != nil {
		t.Fatal(err)
	}
	var a risk.Assessment
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatal(err)
	}
	return &a
}

func TestEliminationTest(t *testing.T) {
	dev := measure("public_welfare_post", risk.Development, "2020-03-20")
	safety := measure("dibao", risk.SafetyNet, "2020-03-20")
	warned := assessmentWith(t, risk.IncomeDrop)
	illness := risk.FactorsOf(risk.Illness)
	tests := []struct {
		name      string
		able      bool
		measures  []risk.MeasureRecord
		on        string
		g         poverty.Guarantees
		resolved  risk.FactorSet
		newF      risk.FactorSet
		a         *risk.Assessment
		wantFail  []string
		wantRoute risk.Route
	}{
		{"passes after six stable months", true, []risk.MeasureRecord{dev}, "2020-12-05", poverty.AllSecured(), illness, 0, nil, nil, risk.AfterAssistance},
		{"passes naturally without measures", true, nil, "2020-12-05", poverty.AllSecured(), illness, 0, nil, nil, risk.Naturally},
		{"five stable months are not enough", true, []risk.MeasureRecord{dev}, "2020-11-05", poverty.AllSecured(), illness, 0, nil,
			[]string{"elimination.income_stable"}, risk.AfterAssistance},
		{"records missing", true, []risk.MeasureRecord{dev}, "2021-03-05", poverty.AllSecured(), illness, 0, nil,
			[]string{"elimination.income_stable"}, risk.AfterAssistance},
		{"water not verified", true, []risk.MeasureRecord{dev}, "2020-12-05", poverty.Guarantees{Food: 1, Clothing: 1, Education: 1, Medical: 1, Housing: 1}, illness, 0, nil,
			[]string{"elimination.guarantees"}, risk.AfterAssistance},
		{"original risk open", true, []risk.MeasureRecord{dev}, "2020-12-05", poverty.AllSecured(), 0, 0, nil,
			[]string{"elimination.original_risk_resolved"}, risk.AfterAssistance},
		{"new factor", true, []risk.MeasureRecord{dev}, "2020-12-05", poverty.AllSecured(), illness, risk.FactorsOf(risk.Accident), nil,
			[]string{"elimination.no_new_risk"}, risk.AfterAssistance},
		{"open department warning", true, []risk.MeasureRecord{dev}, "2020-12-05", poverty.AllSecured(), illness, 0, warned,
			[]string{"elimination.no_new_risk"}, risk.AfterAssistance},
		{"no labour, safety net only: keep tracking", false, []risk.MeasureRecord{safety}, "2020-12-05", poverty.AllSecured(), illness, 0, nil,
			[]string{"elimination.labour_capacity"}, risk.AfterAssistance},
		{"no labour, no measures", false, nil, "2020-12-05", poverty.AllSecured(), illness, 0, nil,
			[]string{"elimination.labour_capacity"}, risk.Naturally},
		{"no labour, a development measure", false, []risk.MeasureRecord{safety, dev}, "2020-12-05", poverty.AllSecured(), illness, 0, nil, nil, risk.AfterAssistance},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id := "e"
			c := openCase(t, id, tc.measures...)
			res, err := risk.EliminationTest(risk.EliminationInput{Case: c, Household: recovering(id, tc.able), On: day(tc.on),
				Line: lineFor2020(t), Guarantees: tc.g, Resolved: tc.resolved, New: tc.newF, Assessment: tc.a}, nil)
			if err != nil {
				t.Fatal(err)
			}
			var failed []string
			for _, f := range res.Failed() {
				failed = append(failed, f.Code)
			}
			if diff := cmp.Diff(tc.wantFail, failed); diff != "" {
				t.Errorf("failed criteria (-want +got):\n%s\n%s", diff, res.Explain())
			}
			if res.Pass != (len(tc.wantFail) == 0) || res.Route != tc.wantRoute || len(res.Criteria) != 5 {
				t.Errorf("pass %t route %s criteria %d", res.Pass, res.Route, len(res.Criteria))
			}
			if x := res.Explain(); !strings.Contains(x, "elimination.labour_capacity") || !strings.Contains(x, c.Info().ID) {
				t.Errorf("explanation:\n%s", x)
			}
			err = c.Eliminate(&res)
			if res.Pass != (err == nil) {
				t.Errorf("Eliminate after pass=%t: %v", res.Pass, err)
			}
		})
	}
}

// lineFor2020 is the derived 2020 line (6,000, disposable income) for a
// test in 2020 or 2021 (a caller's choice in 2021: no line is confirmed).
func lineFor2020(t *testing.T) *poverty.Threshold {
	l, err := poverty.Default().MonitoringLine(2020, poverty.MustParseRegion("34"), poverty.LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return &l
}

func TestEliminationParams(t *testing.T) {
	p := risk.DefaultParams()
	if p.StableMonths.Count != 6 || p.StableMonths.Status != poverty.LibraryDefault {
		t.Fatalf("stable months %s", p.StableMonths.Cite())
	}
	if !strings.Contains(p.StableMonths.Source, "枞阳县") || p.StableMonths.Scope != poverty.ScopeNational {
		t.Errorf("stable months: the national DEFAULT names the 枞阳县 rule it follows: %s", p.StableMonths.Cite())
	}
	p.StableMonths = risk.Param{ID: "stable_months", Unit: poverty.UnitMonths, Count: 5,
		Provenance: poverty.Provenance{Status: poverty.Supplied, Source: "a county with five months", Scope: "53"}}
	c := openCase(t, "e", measure("public_welfare_post", risk.Development, "2020-03-20"))
	res, err := risk.EliminationTest(risk.EliminationInput{Case: c, Household: recovering("e", true), On: day("2020-11-05"),
		Line: lineFor2020(t), Guarantees: poverty.AllSecured(), Resolved: risk.FactorsOf(risk.Illness)}, &p)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Pass || res.Stable.Source != "a county with five months" {
		t.Errorf("five-month rule: pass %t\n%s", res.Pass, res.Explain())
	}
}

func TestEliminationErrors(t *testing.T) {
	closed := sampleCase(t)
	open := openCase(t, "e")
	tests := []struct {
		name string
		in   risk.EliminationInput
		want error
	}{
		{"no case", risk.EliminationInput{Household: recovering("e", true), On: day("2020-12-01")}, poverty.ErrMissing},
		{"no household", risk.EliminationInput{Case: open, On: day("2020-12-01")}, poverty.ErrMissing},
		{"no date", risk.EliminationInput{Case: open, Household: recovering("e", true)}, poverty.ErrMissing},
		{"closed case", risk.EliminationInput{Case: closed, Household: recovering("h-c1", true), On: day("2021-01-01")}, risk.ErrTerminal},
		{"another household", risk.EliminationInput{Case: open, Household: recovering("x", true), On: day("2020-12-01")}, poverty.ErrRange},
		{"unconfirmed 2021 line", risk.EliminationInput{Case: open, Household: recovering("e", true), On: day("2021-01-05")}, poverty.ErrUnconfirmed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := risk.EliminationTest(tc.in, nil); !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
	// A stability period that is absent (a partial Params) or UNCONFIRMED
	// is refused with an error naming the parameter.
	in := risk.EliminationInput{Case: open, Household: recovering("e", true), On: day("2020-12-01"), Line: lineFor2020(t)}
	for name, tc := range map[string]struct {
		p    risk.Param
		want error
	}{
		"absent":      {risk.Param{}, poverty.ErrMissing},
		"unconfirmed": {risk.Param{ID: "stable_months", Unit: poverty.UnitMonths, Provenance: poverty.Provenance{Status: poverty.Unconfirmed, Source: "s", Scope: "national"}}, poverty.ErrUnconfirmed},
	} {
		p := risk.DefaultParams()
		p.StableMonths = tc.p
		_, err := risk.EliminationTest(in, &p)
		var fe *poverty.FieldError
		if !errors.Is(err, tc.want) || !errors.As(err, &fe) || (name == "unconfirmed" && !strings.Contains(err.Error(), "stable_months")) {
			t.Errorf("%s stable_months: error %v, want a *poverty.FieldError wrapping %v", name, err, tc.want)
		}
	}
}
