package measure_test

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/poverty/measure"
)

// attributionHouseholds returns four households and their workshop wages
// (part of Wage), at the line 4000 yuan per person:
//
//	   persons  wage    workshop  per capita with  without
//	A  2        10000   4000      5000             3000    lifted by the workshop
//	B  3         9000   3000      3000             2000    poor either way
//	C  1         8000      0      8000             8000
//	D  4        18000   2000      4500             4000    at the line without it
//
// and the same households a year earlier (baseline): A 2500, B 1500,
// C 7000, D 3500 per person.
func attributionHouseholds() (baseline, scenario []poverty.Household, workshop measure.IncomeSource) {
	scenario = []poverty.Household{
		household("A", poverty.NetIncome, yuan(10000), 2),
		household("B", poverty.NetIncome, yuan(9000), 3),
		household("C", poverty.NetIncome, yuan(8000), 1),
		household("D", poverty.NetIncome, yuan(18000), 4),
	}
	baseline = []poverty.Household{
		household("A", poverty.NetIncome, yuan(5000), 2),
		household("B", poverty.NetIncome, yuan(4500), 3),
		household("C", poverty.NetIncome, yuan(7000), 1),
		household("D", poverty.NetIncome, yuan(14000), 4),
	}
	wages := map[string]poverty.Money{"A": yuan(4000), "B": yuan(3000), "D": yuan(2000)}
	return baseline, scenario, func(h *poverty.Household) poverty.Money { return wages[h.ID] }
}

func TestAttributeHandWorked(t *testing.T) {
	baseline, scenario, workshop := attributionHouseholds()
	got, err := measure.Attribute(baseline, scenario, workshop, poverty.BelowLine, yuan(4000))
	if err != nil {
		t.Fatal(err)
	}
	a := got[0]
	// 10 persons. With the workshop: B poor (3, gap .25):
	//   Incidence .3, Gap .75/10 = .075, Severity 3×.0625/10 = .01875.
	// Without: A (2, gap .25), B (3, gap .5); D at 4000 is not below:
	//   Incidence .5, Gap (.5 + 1.5)/10 = .2, Severity (.125 + .75)/10 = .0875.
	// Baseline: A (2, .375), B (3, .625), D (4, .125):
	//   Incidence .9, Gap (.75 + 1.875 + .5)/10 = .3125,
	//   Severity (2×.140625 + 3×.390625 + 4×.015625)/10 = .1515625.
	// Effect: .2, .125, .06875; reduction .6, .2375, .1328125.
	type summary struct {
		Inc, Gap, Sev                float64
		ShareInc, ShareGap, ShareSev float64
		Households, With, Without    int
		Lifted                       int
		Scenario, Without0, Base     float64
	}
	want := summary{.2, .125, .06875, .2 / .6, .125 / .2375, .06875 / .1328125, 4, 3, 2, 1, .3, .5, .9}
	gotS := summary{a.DeltaIncidence, a.DeltaGap, a.DeltaSeverity, a.ShareIncidence, a.ShareGap, a.ShareSeverity,
		a.Households, a.AboveWith, a.AboveWithout, a.Lifted, a.Scenario.Incidence, a.Without.Incidence, a.Baseline.Incidence}
	if diff := cmp.Diff(want, gotS, approx); diff != "" {
		t.Errorf("Attribute (-want +got):\n%s", diff)
	}
	if a.Baseline.Gap != .3125 || math.Abs(a.Baseline.Severity-.1515625) > 1e-15 || !a.HasBaseline {
		t.Errorf("baseline %+v", a.Baseline)
	}

	// At or below the line, D (4000 without the workshop) is also lifted by it.
	got, err = measure.Attribute(nil, scenario, workshop, poverty.AtOrBelowLine, yuan(4000))
	if err != nil {
		t.Fatal(err)
	}
	if a := got[0]; a.Lifted != 2 || a.AboveWithout != 1 || a.HasBaseline || !math.IsNaN(a.ShareIncidence) {
		t.Errorf("at or below: %+v", a)
	}
}

func TestAttributeErrors(t *testing.T) {
	baseline, scenario, workshop := attributionHouseholds()
	huge := func(*poverty.Household) poverty.Money { return poverty.MaxAmount + 1 }
	mixed := append([]poverty.Household(nil), baseline...)
	mixed[0].Concept = poverty.DisposableIncome
	tests := []struct {
		name string
		err  func() error
		want error
	}{
		{"no source", func() error { _, err := measure.Attribute(nil, scenario, nil, poverty.BelowLine, yuan(1)); return err }, poverty.ErrMissing},
		{"no line", func() error { _, err := measure.Attribute(nil, scenario, workshop, poverty.BelowLine); return err }, poverty.ErrRange},
		{"huge source", func() error { _, err := measure.Attribute(nil, scenario, huge, poverty.BelowLine, yuan(1)); return err }, poverty.ErrRange},
		{"no households", func() error { _, err := measure.Attribute(nil, nil, workshop, poverty.BelowLine, yuan(1)); return err }, measure.ErrNoWeight},
		{"baseline concept", func() error {
			b := []poverty.Household{household("X", poverty.DisposableIncome, yuan(1), 1)}
			_, err := measure.Attribute(b, scenario, workshop, poverty.BelowLine, yuan(1))
			return err
		}, poverty.ErrConceptMismatch},
		{"mixed baseline", func() error {
			_, err := measure.Attribute(mixed, scenario, workshop, poverty.BelowLine, yuan(1))
			return err
		}, poverty.ErrConceptMismatch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.err(); !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
}
