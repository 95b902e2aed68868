package measure_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
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
		mg = poverty.InMonitoringRange
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
		ChronicByDuration:   measure.Flow{Records: 1, Weight: 5},
		TransientByDuration: measure.Flow{Records: 3, Weight: 9},
		NeverPoor:           measure.Flow{Records: 1, Weight: 1},
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
	got := []any{d.NewEntries, d.Relapses, d.Exits, d.Spells, d.TransientByDuration}
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

func TestChronicByComponents(t *testing.T) {
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
		want  measure.ChronicComponents
	}{
		{"FGT2", poverty.BelowLine, 2, measure.ChronicComponents{Line: yuan(100), Alpha: 2, Years: 2,
			Total: .1125, Chronic: .045, Transient: .0675, ChronicUnits: measure.Flow{Records: 1, Weight: 1}}},
		// FGT1: total (.25 + .3)/2 = .275, chronic .3/2 = .15.
		{"FGT1", poverty.BelowLine, 1, measure.ChronicComponents{Line: yuan(100), Alpha: 1, Years: 2,
			Total: .275, Chronic: .15, Transient: .125, ChronicUnits: measure.Flow{Records: 1, Weight: 1}}},
		// FGT0: total (.5 + 1)/2 = .75, chronic .5.
		{"FGT0 below", poverty.BelowLine, 0, measure.ChronicComponents{Line: yuan(100), Alpha: 0, Years: 2,
			Total: .75, Chronic: .5, Transient: .25, ChronicUnits: measure.Flow{Records: 1, Weight: 1}}},
		{"FGT0 at or below", poverty.AtOrBelowLine, 0, measure.ChronicComponents{Line: yuan(100), Boundary: poverty.AtOrBelowLine, Alpha: 0, Years: 2,
			Total: .75, Chronic: 1, Transient: -.25, ChronicUnits: measure.Flow{Records: 2, Weight: 2}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := measure.ChronicByComponents(hs, yuan(100), tc.b, tc.alpha)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got, approx); diff != "" {
				t.Errorf("ChronicByComponents (-want +got):\n%s", diff)
			}
		})
	}
	bad := []measure.IncomeHistory{{ID: "U1", Weight: 1, Welfare: []poverty.Money{1, 2}}, {ID: "U2", Weight: 1, Welfare: []poverty.Money{1}}}
	if _, err := measure.ChronicByComponents(bad, yuan(100), poverty.BelowLine, 2); !errors.Is(err, poverty.ErrRange) {
		t.Errorf("ragged panel: err = %v", err)
	}
	if _, err := measure.ChronicByComponents(hs, yuan(100), poverty.BelowLine, -1); !errors.Is(err, poverty.ErrRange) {
		t.Errorf("negative alpha: err = %v", err)
	}
	if _, err := measure.ChronicByComponents(nil, yuan(100), poverty.BelowLine, 2); !errors.Is(err, measure.ErrNoWeight) {
		t.Errorf("empty panel: err = %v", err)
	}
}

// TestPanelDynamicsGaps: missing years (attrition, a unit never observed)
// under the three rules of Rules. "?" is a missing year:
//
//	G1 rp ?  rp np  (2)
//	G2 np rp ?  ?   (3)  leaves the panel
//	G3 lo ?  rp np  (1)
//	G4 ?  ?  ?  ?   (4)  never observed
//	G5 np rp np np  (1)
func TestPanelDynamicsGaps(t *testing.T) {
	const (
		rp = poverty.RegisteredPoor
		lo = poverty.LiftedOut
		np = poverty.NotPoor
		mi = poverty.Status(0) // any status: ignored in a missing year
	)
	m := func(b ...bool) []bool { return b }
	const T, F = true, false
	hs := []measure.History[poverty.Status]{
		{ID: "G1", Weight: 2, Statuses: []poverty.Status{rp, mi, rp, np}, Missing: m(F, T, F, F)},
		{ID: "G2", Weight: 3, Statuses: []poverty.Status{np, rp, mi, mi}, Missing: m(F, F, T, T)},
		{ID: "G3", Weight: 1, Statuses: []poverty.Status{lo, mi, rp, np}, Missing: m(F, T, F, F)},
		{ID: "G4", Weight: 4, Statuses: []poverty.Status{mi, mi, mi, mi}, Missing: m(T, T, T, T)},
		{ID: "G5", Weight: 1, Statuses: []poverty.Status{np, rp, np, np}},
	}
	type summary struct {
		Units                                 int
		Relapses, NewEntries, Exits           measure.Flow
		Spells                                []measure.SpellCount
		Chronic, Transient, Never, Unobserved measure.Flow
		Dropped                               measure.Flow
		Missing                               []measure.Flow
		Moved                                 []float64 // weight in each matrix
	}
	spells := func(s ...measure.SpellCount) []measure.SpellCount {
		out := []measure.SpellCount{{Length: 1}, {Length: 2}, {Length: 3}, {Length: 4}}
		for _, c := range s {
			out[c.Length-1] = c
		}
		return out
	}
	base := measure.StatusRules()
	with := func(f func(*measure.Rules[poverty.Status])) measure.Rules[poverty.Status] { r := base; f(&r); return r }
	tests := []struct {
		name  string
		rules measure.Rules[poverty.Status]
		want  summary
	}{
		// Bridged: G1's rp ? rp is one spell of 2 observed years, censored
		// (a year inside it is missing); G3 relapses from lo across the
		// gap; G2's spell is right-censored by attrition; only G5's spell
		// is completed. Duration shares: G1 2/3, G2 1/2, G3 1/3, G5 1/4.
		{"bridged", base, summary{
			Units: 4, Relapses: measure.Flow{Records: 1, Weight: 1}, NewEntries: measure.Flow{Records: 2, Weight: 4}, Exits: measure.Flow{Records: 3, Weight: 4},
			Spells:    spells(measure.SpellCount{Length: 1, Spells: 3, Completed: 1, Weight: 5}, measure.SpellCount{Length: 2, Spells: 1, Weight: 2}),
			Transient: measure.Flow{Records: 4, Weight: 7}, Unobserved: measure.Flow{Records: 1, Weight: 4},
			Missing: []measure.Flow{{Records: 2, Weight: 3}, {Records: 3, Weight: 6}, {Records: 1, Weight: 3}},
			Moved:   []float64{4, 1, 4},
		}},
		{"cutoff one half", with(func(r *measure.Rules[poverty.Status]) { r.ChronicCutoff = poverty.One / 2 }), summary{
			Units: 4, Relapses: measure.Flow{Records: 1, Weight: 1}, NewEntries: measure.Flow{Records: 2, Weight: 4}, Exits: measure.Flow{Records: 3, Weight: 4},
			Spells:  spells(measure.SpellCount{Length: 1, Spells: 3, Completed: 1, Weight: 5}, measure.SpellCount{Length: 2, Spells: 1, Weight: 2}),
			Chronic: measure.Flow{Records: 2, Weight: 5}, Transient: measure.Flow{Records: 2, Weight: 2}, Unobserved: measure.Flow{Records: 1, Weight: 4},
			Missing: []measure.Flow{{Records: 2, Weight: 3}, {Records: 3, Weight: 6}, {Records: 1, Weight: 3}},
			Moved:   []float64{4, 1, 4},
		}},
		// A gap ends the spell: G1 has two censored spells of 1, and G3's
		// move across the gap is no relapse.
		{"gap ends spell", with(func(r *measure.Rules[poverty.Status]) { r.GapEndsSpell = true }), summary{
			Units: 4, NewEntries: measure.Flow{Records: 2, Weight: 4}, Exits: measure.Flow{Records: 3, Weight: 4},
			Spells:    spells(measure.SpellCount{Length: 1, Spells: 5, Completed: 1, Weight: 9}),
			Transient: measure.Flow{Records: 4, Weight: 7}, Unobserved: measure.Flow{Records: 1, Weight: 4},
			Missing: []measure.Flow{{Records: 2, Weight: 3}, {Records: 3, Weight: 6}, {Records: 1, Weight: 3}},
			Moved:   []float64{4, 1, 4},
		}},
		// A balanced panel: only G5.
		{"drop incomplete", with(func(r *measure.Rules[poverty.Status]) { r.DropIncomplete = true }), summary{
			Units: 1, NewEntries: measure.Flow{Records: 1, Weight: 1}, Exits: measure.Flow{Records: 1, Weight: 1},
			Spells:    spells(measure.SpellCount{Length: 1, Spells: 1, Completed: 1, Weight: 1}),
			Transient: measure.Flow{Records: 1, Weight: 1}, Dropped: measure.Flow{Records: 4, Weight: 10},
			Missing: []measure.Flow{{}, {}, {}},
			Moved:   []float64{1, 1, 1},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := measure.PanelDynamics(hs, tc.rules)
			if err != nil {
				t.Fatal(err)
			}
			got := summary{Units: d.Units, Relapses: d.Relapses, NewEntries: d.NewEntries, Exits: d.Exits, Spells: d.Spells,
				Chronic: d.ChronicByDuration, Transient: d.TransientByDuration, Never: d.NeverPoor, Unobserved: d.Unobserved, Dropped: d.Dropped}
			for _, tr := range d.Transitions {
				got.Missing = append(got.Missing, tr.Missing)
				var s float64
				for _, row := range tr.Weight {
					for _, w := range row {
						s += w
					}
				}
				got.Moved = append(got.Moved, s)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("PanelDynamics (-want +got):\n%s", diff)
			}
		})
	}
	bad := []measure.History[poverty.Status]{{ID: "X", Weight: 1, Statuses: []poverty.Status{np, np}, Missing: m(T)}}
	var fe *poverty.FieldError
	if _, err := measure.PanelDynamics(bad, base); !errors.Is(err, poverty.ErrRange) || !errors.As(err, &fe) || fe.Field != "missing" {
		t.Errorf("Missing of the wrong length: err = %v", err)
	}
	cut := with(func(r *measure.Rules[poverty.Status]) { r.ChronicCutoff = poverty.One + 1 })
	if _, err := measure.PanelDynamics(hs, cut); !errors.Is(err, poverty.ErrRange) || !errors.As(err, &fe) || fe.Field != "chronic_cutoff" {
		t.Errorf("cutoff above one: err = %v", err)
	}
}

// TestTransitionRateZeroWeight: a row whose only unit has weight zero has
// an undefined rate (NaN), and Records shows the unit.
func TestTransitionRateZeroWeight(t *testing.T) {
	tr, err := measure.TransitionMatrix([]colour{"green", "red"}, []colour{"green", "red"}, []colour{"red", "red"}, []float64{0, 1})
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := tr.Rate("green", "red"); !ok || !math.IsNaN(r) || tr.Records[0][1] != 1 {
		t.Errorf("Rate = %v, %v with records %v; want NaN and one record", r, ok, tr.Records)
	}
	if r, ok := tr.Rate("red", "red"); !ok || r != 1 {
		t.Errorf("Rate(red, red) = %v, %v", r, ok)
	}
}

// naiveDynamics is an independent implementation of PanelDynamics over
// the observed years of each unit: it lists them, cuts the list into
// segments at each gap when the rule says so, and reads moves, spells and
// the duration class off the segments.
func naiveDynamics(hs []measure.History[colour], rules measure.Rules[colour], years int) measure.Dynamics[colour] {
	d := measure.Dynamics[colour]{Years: years, Spells: make([]measure.SpellCount, years)}
	for i := range d.Spells {
		d.Spells[i].Length = i + 1
	}
	pos := map[colour]int{}
	for i, s := range rules.States {
		pos[s] = i
	}
	ns := len(rules.States)
	for t := range years - 1 {
		tr := measure.Transitions[colour]{From: t, To: t + 1, States: rules.States, Weight: make([][]float64, ns), Records: make([][]int, ns)}
		for i := range ns {
			tr.Weight[i], tr.Records[i] = make([]float64, ns), make([]int, ns)
		}
		d.Transitions = append(d.Transitions, tr)
	}
	add := func(f *measure.Flow, w float64) { f.Records++; f.Weight += w }
	cutoff := rules.ChronicCutoff
	if cutoff == 0 {
		cutoff = poverty.One
	}
	for _, h := range hs {
		var seen []int
		for t := range years {
			if h.Missing == nil || !h.Missing[t] {
				seen = append(seen, t)
			}
		}
		if rules.DropIncomplete && len(seen) < years {
			add(&d.Dropped, h.Weight)
			continue
		}
		if len(seen) == 0 {
			add(&d.Unobserved, h.Weight)
			continue
		}
		d.Units++
		adjacentPairs := 0
		for i := 1; i < len(seen); i++ {
			if a, b := seen[i-1], seen[i]; b == a+1 {
				adjacentPairs++
				tr := &d.Transitions[a]
				tr.Weight[pos[h.Statuses[a]]][pos[h.Statuses[b]]] += h.Weight
				tr.Records[pos[h.Statuses[a]]][pos[h.Statuses[b]]]++
			}
		}
		for t := range years - 1 {
			aSeen := h.Missing == nil || !h.Missing[t]
			bSeen := h.Missing == nil || !h.Missing[t+1]
			if !aSeen || !bSeen {
				add(&d.Transitions[t].Missing, h.Weight)
			}
		}
		var segments [][]int
		start := 0
		for i := 1; i <= len(seen); i++ {
			if i == len(seen) || (rules.GapEndsSpell && seen[i] != seen[i-1]+1) {
				segments = append(segments, seen[start:i])
				start = i
			}
		}
		poorYears := 0
		for _, seg := range segments {
			poor := func(i int) bool { return rules.Poor(h.Statuses[seg[i]]) }
			for i := 1; i < len(seg); i++ {
				prev := h.Statuses[seg[i-1]]
				switch {
				case poor(i) && !poor(i-1) && rules.LiftedOut != nil && rules.LiftedOut(prev):
					add(&d.Relapses, h.Weight)
				case poor(i) && !poor(i-1):
					add(&d.NewEntries, h.Weight)
				case !poor(i) && poor(i-1):
					add(&d.Exits, h.Weight)
				}
			}
			for i := 0; i < len(seg); {
				if !poor(i) {
					i++
					continue
				}
				j := i
				for j+1 < len(seg) && poor(j+1) {
					j++
				}
				n := j - i + 1
				poorYears += n
				completed := i > 0 && j+1 < len(seg) && seg[i-1] == seg[i]-1 && seg[j+1] == seg[j]+1 && seg[j]-seg[i] == j-i
				sc := &d.Spells[n-1]
				sc.Spells++
				sc.Weight += h.Weight
				if completed {
					sc.Completed++
				}
				i = j + 1
			}
		}
		switch {
		case poorYears == 0:
			add(&d.NeverPoor, h.Weight)
		case int64(poorYears)*poverty.RateScale >= int64(cutoff)*int64(len(seen)):
			add(&d.ChronicByDuration, h.Weight)
		default:
			add(&d.TransientByDuration, h.Weight)
		}
	}
	return d
}

// TestPanelDynamicsNaive checks PanelDynamics against naiveDynamics on
// random weighted panels with missing years, under random rules, to 1e-9.
func TestPanelDynamicsNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 1717))
	states := []colour{"green", "yellow", "red", "out"}
	for trial := range 200 {
		years := 2 + r.IntN(5)
		rules := measure.Rules[colour]{
			States:         states,
			Poor:           func(c colour) bool { return c == "red" },
			LiftedOut:      func(c colour) bool { return c == "out" },
			ChronicCutoff:  []poverty.Rate{0, poverty.One / 3, poverty.One / 2, 2 * poverty.One / 3, poverty.One}[r.IntN(5)],
			GapEndsSpell:   r.IntN(2) == 0,
			DropIncomplete: r.IntN(4) == 0,
		}
		hs := make([]measure.History[colour], 1+r.IntN(40))
		for i := range hs {
			h := measure.History[colour]{ID: strconv.Itoa(i), Weight: r.Float64() * 5, Statuses: make([]colour, years)}
			if r.IntN(2) == 0 {
				h.Missing = make([]bool, years)
			}
			for t := range years {
				h.Statuses[t] = states[r.IntN(len(states))]
				if h.Missing != nil && r.IntN(4) == 0 {
					h.Missing[t] = true
					h.Statuses[t] = "" // not a state: ignored
				}
			}
			hs[i] = h
		}
		got, err := measure.PanelDynamics(hs, rules)
		if err != nil {
			t.Fatal(err)
		}
		want := naiveDynamics(hs, rules, years)
		if diff := cmp.Diff(want, got, approxLoose); diff != "" {
			t.Fatalf("trial %d (%+v): (-naive +PanelDynamics):\n%s", trial, rules, diff)
		}
	}
}

// TestChronicByComponentsNaive checks the Jalan-Ravallion split against a
// direct float computation on random weighted panels with missing years,
// to 1e-9, for several orders.
func TestChronicByComponentsNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(98, 17))
	z := yuan(4000)
	for trial := range 100 {
		years := 1 + r.IntN(6)
		alpha := []float64{0, .5, 1, 2, 3}[trial%5]
		hs := make([]measure.IncomeHistory, 1+r.IntN(30))
		var W, total, chronic float64
		for i := range hs {
			h := measure.IncomeHistory{Weight: .1 + 3*r.Float64(), Welfare: make([]poverty.Money, years)}
			if r.IntN(2) == 0 {
				h.Missing = make([]bool, years)
			}
			var sum, fgt float64
			n := 0
			for t := range years {
				h.Welfare[t] = poverty.Money(math.Exp(math.Log(400000)+.6*r.NormFloat64())) - poverty.Money(r.IntN(2)*50000)
				if h.Missing != nil && r.IntN(4) == 0 {
					h.Missing[t] = true
					continue
				}
				n++
				y := float64(h.Welfare[t])
				sum += y
				if y < float64(z) {
					fgt += math.Pow((float64(z)-y)/float64(z), alpha)
				}
			}
			hs[i] = h
			if n == 0 {
				continue
			}
			W += h.Weight
			total += h.Weight * fgt / float64(n)
			if mean := sum / float64(n); mean < float64(z) {
				chronic += h.Weight * math.Pow((float64(z)-mean)/float64(z), alpha)
			}
		}
		got, err := measure.ChronicByComponents(hs, z, poverty.BelowLine, alpha)
		if W == 0 {
			if !errors.Is(err, measure.ErrNoWeight) {
				t.Errorf("trial %d: no observed unit: err = %v", trial, err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		want := []float64{total / W, chronic / W, total/W - chronic/W}
		if diff := cmp.Diff(want, []float64{got.Total, got.Chronic, got.Transient}, approxLoose); diff != "" {
			t.Errorf("trial %d alpha %v: total, chronic, transient (-naive +got):\n%s", trial, alpha, diff)
		}
		if alpha >= 1 && got.Transient < -1e-12 {
			t.Errorf("trial %d alpha %v: negative transient %v", trial, alpha, got.Transient)
		}
	}
}

func TestChronicByComponentsErrors(t *testing.T) {
	ok := measure.IncomeHistory{ID: "U1", Weight: 1, Welfare: []poverty.Money{yuan(1), yuan(2)}}
	tests := []struct {
		name  string
		hs    []measure.IncomeHistory
		field string
		want  error
	}{
		{"missing length", []measure.IncomeHistory{ok, {ID: "U2", Weight: 1, Welfare: []poverty.Money{1, 2}, Missing: []bool{true}}}, "missing", poverty.ErrRange},
		{"negative weight", []measure.IncomeHistory{{ID: "U2", Weight: -1, Welfare: []poverty.Money{1, 2}}}, "weight", poverty.ErrNegative},
		{"welfare out of range", []measure.IncomeHistory{{ID: "U2", Weight: 1, Welfare: []poverty.Money{1, poverty.MaxAmount + 1}}}, "welfare[1]", poverty.ErrRange},
		{"too many years", []measure.IncomeHistory{{ID: "U2", Weight: 1, Welfare: make([]poverty.Money, 1001)}}, "welfare", poverty.ErrRange},
		{"every year missing", []measure.IncomeHistory{{ID: "U2", Weight: 1, Welfare: []poverty.Money{1, 2}, Missing: []bool{true, true}}}, "weight", measure.ErrNoWeight},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := measure.ChronicByComponents(tc.hs, yuan(100), poverty.BelowLine, 2)
			var fe *poverty.FieldError
			if !errors.Is(err, tc.want) || !errors.As(err, &fe) || fe.Field != tc.field || fe.Op != "measure.ChronicByComponents" {
				t.Errorf("err = %v, want %v on field %q", err, tc.want, tc.field)
			}
		})
	}
	// A unit never observed takes no part and is counted.
	r, err := measure.ChronicByComponents([]measure.IncomeHistory{ok, {ID: "U2", Weight: 3, Welfare: []poverty.Money{1, 2}, Missing: []bool{true, true}}}, yuan(100), poverty.BelowLine, 2)
	if err != nil || r.Unobserved != (measure.Flow{Records: 1, Weight: 3}) || r.ChronicUnits.Records != 1 {
		t.Errorf("unobserved unit: %+v, %v", r, err)
	}
}
