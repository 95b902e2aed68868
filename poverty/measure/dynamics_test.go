package measure_test

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/poverty/measure"
)

func TestPanelDynamicsHandWorked(t *testing.T) {
	const (
		rp = poverty.RegisteredPoor
		pu = poverty.PoorUnregistered
		lo = poverty.LiftedOut
		mg = poverty.Marginal
		np = poverty.NotPoor
	)
	// Five households over three years, weighted by resident members:
	//   H1 rp rp rp  (5)  chronic; one spell of 3, censored at both ends
	//   H2 rp lo rp  (3)  exit, then relapse; spells of 1 at t0 and t2, censored
	//   H3 np mg pu  (4)  new entry in t2; spell of 1, censored
	//   H4 mg pu mg  (2)  new entry in t1, exit in t2; spell of 1, completed
	//   H5 np np np  (1)  never poor
	hs := []measure.History[poverty.Status]{
		{ID: "H1", Weight: 5, Statuses: []poverty.Status{rp, rp, rp}},
		{ID: "H2", Weight: 3, Statuses: []poverty.Status{rp, lo, rp}},
		{ID: "H3", Weight: 4, Statuses: []poverty.Status{np, mg, pu}},
		{ID: "H4", Weight: 2, Statuses: []poverty.Status{mg, pu, mg}},
		{ID: "H5", Weight: 1, Statuses: []poverty.Status{np, np, np}},
	}
	d, err := measure.PanelDynamics(hs, measure.StatusRules())
	if err != nil {
		t.Fatal(err)
	}
	// Matrices in the order rp, pu, lo, mg, np.
	want := measure.Dynamics[poverty.Status]{
		Years: 3, Units: 5,
		Transitions: []measure.Transitions[poverty.Status]{
			{From: 0, To: 1, States: []poverty.Status{rp, pu, lo, mg, np},
				Weight: [][]float64{
					{5, 0, 3, 0, 0}, // H1 rp→rp, H2 rp→lo
					{0, 0, 0, 0, 0},
					{0, 0, 0, 0, 0},
					{0, 2, 0, 0, 0}, // H4 mg→pu
					{0, 0, 0, 4, 1}, // H3 np→mg, H5 np→np
				},
				Records: [][]int{{1, 0, 1, 0, 0}, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, {0, 1, 0, 0, 0}, {0, 0, 0, 1, 1}}},
			{From: 1, To: 2, States: []poverty.Status{rp, pu, lo, mg, np},
				Weight: [][]float64{
					{5, 0, 0, 0, 0}, // H1
					{0, 0, 0, 2, 0}, // H4 pu→mg
					{3, 0, 0, 0, 0}, // H2 lo→rp
					{0, 4, 0, 0, 0}, // H3 mg→pu
					{0, 0, 0, 0, 1}, // H5
				},
				Records: [][]int{{1, 0, 0, 0, 0}, {0, 0, 0, 1, 0}, {1, 0, 0, 0, 0}, {0, 1, 0, 0, 0}, {0, 0, 0, 0, 1}}},
		},
		Relapses:   measure.Flow{Records: 1, Weight: 3},     // H2
		NewEntries: measure.Flow{Records: 2, Weight: 4 + 2}, // H3, H4
		Exits:      measure.Flow{Records: 2, Weight: 3 + 2}, // H2, H4
		Spells: []measure.SpellCount{
			{Length: 1, Spells: 4, Completed: 1, Weight: 3 + 3 + 4 + 2},
			{Length: 2},
			{Length: 3, Spells: 1, Weight: 5},
		},
		Chronic:   measure.Flow{Records: 1, Weight: 5},
		Transient: measure.Flow{Records: 3, Weight: 9},
		NeverPoor: measure.Flow{Records: 1, Weight: 1},
	}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("PanelDynamics (-want +got):\n%s", diff)
	}
	// Of the 8 persons registered poor in year 0, 3 were lifted out in year 1.
	if r, ok := d.Transitions[0].Rate(rp, lo); !ok || r != 3.0/8 {
		t.Errorf("Rate(rp, lo) = %v, %v; want .375", r, ok)
	}
	if r, ok := d.Transitions[0].Rate(lo, rp); !ok || !math.IsNaN(r) {
		t.Errorf("Rate from an empty row = %v, %v; want NaN", r, ok)
	}
	if _, ok := d.Transitions[0].Rate(poverty.Status(0), rp); ok {
		t.Error("Rate of a status outside the matrix reports ok")
	}
}

// colour is a stand-in for the risk package's colour tiers: the dynamics
// are generic over any comparable status.
type colour string

func TestPanelDynamicsGeneric(t *testing.T) {
	rules := measure.Rules[colour]{
		States: []colour{"green", "yellow", "red"},
		Poor:   func(c colour) bool { return c == "red" },
	}
	hs := []measure.History[colour]{
		{Weight: 1, Statuses: []colour{"green", "red", "red", "yellow"}},
		{Weight: 1, Statuses: []colour{"red", "yellow", "red", "red"}},
	}
	d, err := measure.PanelDynamics(hs, rules)
	if err != nil {
		t.Fatal(err)
	}
	// Entries: first at t1, second at t2 (no lifted-out status: both new).
	// Exits: first at t3, second at t1. Spells: first 2 (completed), second
	// 1 (left-censored) and 2 (right-censored).
	got := []any{d.NewEntries, d.Relapses, d.Exits, d.Spells, d.Transient}
	want := []any{measure.Flow{Records: 2, Weight: 2}, measure.Flow{}, measure.Flow{Records: 2, Weight: 2},
		[]measure.SpellCount{{Length: 1, Spells: 1, Weight: 1}, {Length: 2, Spells: 2, Completed: 1, Weight: 2}, {Length: 3}, {Length: 4}},
		measure.Flow{Records: 2, Weight: 2}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	tr, err := measure.TransitionMatrix([]colour{"green", "red"}, []colour{"green", "green", "red"}, []colour{"red", "green", "red"}, []float64{2, 1, 4})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]float64{{1, 2}, {0, 4}}, tr.Weight); diff != "" {
		t.Errorf("TransitionMatrix (-want +got):\n%s", diff)
	}
}

func TestPanelDynamicsErrors(t *testing.T) {
	rules := measure.StatusRules()
	two := func(a, b poverty.Status) []poverty.Status { return []poverty.Status{a, b} }
	tests := []struct {
		name   string
		hs     []measure.History[poverty.Status]
		rules  measure.Rules[poverty.Status]
		record string
		want   error
	}{
		{"no histories", nil, rules, "panel", measure.ErrNoWeight},
		{"one year", []measure.History[poverty.Status]{{ID: "A", Weight: 1, Statuses: []poverty.Status{poverty.NotPoor}}}, rules, "A", poverty.ErrRange},
		{"ragged", []measure.History[poverty.Status]{{ID: "A", Weight: 1, Statuses: two(poverty.NotPoor, poverty.NotPoor)},
			{ID: "B", Weight: 1, Statuses: []poverty.Status{poverty.NotPoor}}}, rules, "B", poverty.ErrRange},
		{"unknown status", []measure.History[poverty.Status]{{Weight: 1, Statuses: two(poverty.NotPoor, poverty.Status(0))}}, rules, "history 0", poverty.ErrUnknownWord},
		{"NaN weight", []measure.History[poverty.Status]{{ID: "A", Weight: math.NaN(), Statuses: two(poverty.NotPoor, poverty.NotPoor)}}, rules, "A", poverty.ErrRange},
		{"negative weight", []measure.History[poverty.Status]{{ID: "A", Weight: -1, Statuses: two(poverty.NotPoor, poverty.NotPoor)}}, rules, "A", poverty.ErrNegative},
		{"duplicate state", []measure.History[poverty.Status]{{Weight: 1, Statuses: two(poverty.NotPoor, poverty.NotPoor)}},
			measure.Rules[poverty.Status]{States: []poverty.Status{poverty.NotPoor, poverty.NotPoor}, Poor: rules.Poor}, "rules", poverty.ErrDuplicate},
		{"no poor rule", []measure.History[poverty.Status]{{Weight: 1, Statuses: two(poverty.NotPoor, poverty.NotPoor)}},
			measure.Rules[poverty.Status]{States: rules.States}, "rules", poverty.ErrMissing},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := measure.PanelDynamics(tc.hs, tc.rules)
			var fe *poverty.FieldError
			if !errors.Is(err, tc.want) || !errors.As(err, &fe) || fe.Record != tc.record {
				t.Errorf("err = %v, want %v for record %q", err, tc.want, tc.record)
			}
		})
	}
	if _, err := measure.TransitionMatrix(rules.States, two(poverty.NotPoor, poverty.NotPoor), []poverty.Status{poverty.NotPoor}, nil); !errors.Is(err, poverty.ErrRange) {
		t.Errorf("TransitionMatrix with unequal lengths: err = %v", err)
	}
}

func TestPanelPoverty(t *testing.T) {
	// Line 100, two years, weights 1:
	//   U1: 50, 150 — yearly gaps .5, 0; squared mean (.25 + 0)/2 = .125;
	//       mean welfare 100, not below the line: chronic 0.
	//   U2: 60, 80  — gaps .4, .2; squared mean (.16 + .04)/2 = .1;
	//       mean 70, gap .3: chronic .09.
	//   Total (.125 + .1)/2 = .1125; Chronic (0 + .09)/2 = .045; Transient .0675.
	// At or below the line, U1's mean of exactly 100 is chronic with gap 0:
	// for alpha 0 that counts it (Chronic = 1), below the line it does not (.5).
	hs := []measure.IncomeHistory{
		{ID: "U1", Weight: 1, Welfare: []poverty.Money{yuan(50), yuan(150)}},
		{ID: "U2", Weight: 1, Welfare: []poverty.Money{yuan(60), yuan(80)}},
	}
	tests := []struct {
		name  string
		b     poverty.Boundary
		alpha float64
		want  measure.ChronicTransient
	}{
		{"FGT2", poverty.BelowLine, 2, measure.ChronicTransient{Line: yuan(100), Alpha: 2, Years: 2,
			Total: .1125, Chronic: .045, Transient: .0675, ChronicUnits: measure.Flow{Records: 1, Weight: 1}}},
		// FGT1: total (.25 + .3)/2 = .275, chronic .3/2 = .15.
		{"FGT1", poverty.BelowLine, 1, measure.ChronicTransient{Line: yuan(100), Alpha: 1, Years: 2,
			Total: .275, Chronic: .15, Transient: .125, ChronicUnits: measure.Flow{Records: 1, Weight: 1}}},
		// FGT0: total (.5 + 1)/2 = .75, chronic .5.
		{"FGT0 below", poverty.BelowLine, 0, measure.ChronicTransient{Line: yuan(100), Alpha: 0, Years: 2,
			Total: .75, Chronic: .5, Transient: .25, ChronicUnits: measure.Flow{Records: 1, Weight: 1}}},
		{"FGT0 at or below", poverty.AtOrBelowLine, 0, measure.ChronicTransient{Line: yuan(100), Boundary: poverty.AtOrBelowLine, Alpha: 0, Years: 2,
			Total: .75, Chronic: 1, Transient: -.25, ChronicUnits: measure.Flow{Records: 2, Weight: 2}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := measure.PanelPoverty(hs, yuan(100), tc.b, tc.alpha)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got, approx); diff != "" {
				t.Errorf("PanelPoverty (-want +got):\n%s", diff)
			}
		})
	}
	bad := []measure.IncomeHistory{{ID: "U1", Weight: 1, Welfare: []poverty.Money{1, 2}}, {ID: "U2", Weight: 1, Welfare: []poverty.Money{1}}}
	if _, err := measure.PanelPoverty(bad, yuan(100), poverty.BelowLine, 2); !errors.Is(err, poverty.ErrRange) {
		t.Errorf("ragged panel: err = %v", err)
	}
	if _, err := measure.PanelPoverty(hs, yuan(100), poverty.BelowLine, -1); !errors.Is(err, poverty.ErrRange) {
		t.Errorf("negative alpha: err = %v", err)
	}
	if _, err := measure.PanelPoverty(nil, yuan(100), poverty.BelowLine, 2); !errors.Is(err, measure.ErrNoWeight) {
		t.Errorf("empty panel: err = %v", err)
	}
}
