package measure_test

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
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
func attributionHouseholds() (scenario []poverty.Household, workshop measure.IncomeSource) {
	scenario = []poverty.Household{
		household("A", poverty.NetIncome, yuan(10000), 2),
		household("B", poverty.NetIncome, yuan(9000), 3),
		household("C", poverty.NetIncome, yuan(8000), 1),
		household("D", poverty.NetIncome, yuan(18000), 4),
	}
	wages := map[string]poverty.Money{"A": yuan(4000), "B": yuan(3000), "D": yuan(2000)}
	return scenario, func(h *poverty.Household) poverty.Money { return wages[h.ID] }
}

func TestAttributeOneAtATimeHandWorked(t *testing.T) {
	scenario, workshop := attributionHouseholds()
	type summary struct {
		Inc, Gap, Sev             float64
		Households, With, Without int
		Lifted                    int
		Scenario, Without0        float64
	}
	tests := []struct {
		name string
		opt  measure.AttributeOptions
		want summary
	}{
		// 10 persons. With the workshop: B poor (3, gap .25):
		//   Incidence .3, Gap .75/10 = .075, Severity 3×.0625/10 = .01875.
		// Without: A (2, gap .25), B (3, gap .5); D at 4000 is not below:
		//   Incidence .5, Gap (.5 + 1.5)/10 = .2, Severity (.125 + .75)/10 = .0875.
		{"persons", measure.AttributeOptions{}, summary{.2, .125, .06875, 4, 3, 2, 1, .3, .5}},
		// At or below the line, D (4000 without the workshop) is also
		// lifted by it: without, D (4, gap 0) joins: Incidence .9.
		{"at or below", measure.AttributeOptions{Boundary: poverty.AtOrBelowLine}, summary{.6, .125, .06875, 4, 3, 1, 2, .3, .9}},
		// Survey weights A 2, B 1, C 1, D 0.5: persons 4, 3, 1, 2 = 10.
		// With: B poor (3, .25): .3, .075. Without: A (4, .25), B (3, .5):
		// Incidence .7, Gap (1 + 1.5)/10 = .25, Severity (.25 + .75)/10 = .1.
		{"survey weights", measure.AttributeOptions{SurveyWeight: func(h *poverty.Household) float64 {
			return map[string]float64{"A": 2, "B": 1, "C": 1, "D": .5}[h.ID]
		}}, summary{.4, .175, .08125, 4, 3, 2, 1, .3, .7}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := measure.AttributeOneAtATime(scenario, workshop, tc.opt, yuan(4000))
			if err != nil {
				t.Fatal(err)
			}
			a := got[0]
			gotS := summary{a.DeltaIncidence, a.DeltaGap, a.DeltaSeverity, a.Households, a.AboveWith, a.AboveWithout, a.Lifted, a.Scenario.Incidence, a.Without.Incidence}
			if diff := cmp.Diff(tc.want, gotS, approx); diff != "" {
				t.Errorf("AttributeOneAtATime (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAttributeShapleyHandWorked: two persons, line 100, wage and
// transfers:
//
//	      wage  transfer  as is  -wage  -transfer  -both
//	H1    60    60        120     60    60         0
//	H2    150   0         150      0    150        0
//
// Incidence: as is 0, -wage 1, -transfer .5, -both 1. Shapley of wage
// ½[(1 - 0) + (1 - .5)] = .75, of transfers ½[(.5 - 0) + (1 - 1)] = .25:
// they add up to the total change 1, while the one-at-a-time effects,
// 1 and .5, add up to 1.5.
func TestAttributeShapleyHandWorked(t *testing.T) {
	hh := func(id string, wage, transfer int64) poverty.Household {
		return poverty.Household{ID: id, Concept: poverty.NetIncome, Members: make([]poverty.Member, 1),
			Income: poverty.Income{Wage: yuan(wage), TransferIncome: yuan(transfer)}}
	}
	households := []poverty.Household{hh("H1", 60, 60), hh("H2", 150, 0)}
	src := measure.IncomeComponents()
	sources := []measure.Source{src[0], src[3]} // wage, net transfer
	got, err := measure.AttributeShapley(households, sources, measure.AttributeOptions{}, yuan(100))
	if err != nil {
		t.Fatal(err)
	}
	// Gap: -wage (.4 + 1)/2 = .7, -transfer .4/2 = .2, -both 1.
	// Severity: -wage (.16 + 1)/2 = .58, -transfer .08, -both 1.
	// Gini (mean absolute difference over twice the mean, pairs i ≠ j and
	// i = j): as is 60/1080 = 1/18, -wage 120/240 = .5, -transfer
	// 180/840 = 3/14, -both 0 (equal incomes).
	g0, gw, gt := 1.0/18, .5, 3.0/14
	giniW, giniT := ((gw-g0)+(0-gt))/2, ((gt-g0)+(0-gw))/2
	want := measure.Shapley{
		Sources: []string{"wage", "net_transfer"}, Households: 2, Population: 2,
		Lines: []measure.ShapleyLine{{Line: yuan(100),
			Incidence: measure.SourceEffects{With: 0, Without: 1, Total: 1, Parts: []float64{.75, .25}, Shares: []float64{.75, .25}, Removal: []float64{1, .5}},
			Gap:       measure.SourceEffects{With: 0, Without: 1, Total: 1, Parts: []float64{.75, .25}, Shares: []float64{.75, .25}, Removal: []float64{.7, .2}},
			Severity:  measure.SourceEffects{With: 0, Without: 1, Total: 1, Parts: []float64{.75, .25}, Shares: []float64{.75, .25}, Removal: []float64{.58, .08}},
		}},
		Gini: measure.SourceEffects{With: g0, Without: 0, Total: -g0, Parts: []float64{giniW, giniT},
			Shares: []float64{giniW / -g0, giniT / -g0}, Removal: []float64{gw - g0, gt - g0}},
	}
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("AttributeShapley (-want +got):\n%s", diff)
	}
	// The JSON form keeps every member; a share of a zero total is null.
	got, err = measure.AttributeShapley(households, sources, measure.AttributeOptions{}, yuan(10))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Lines []struct {
			Incidence struct {
				Total  float64    `json:"total"`
				Shares []*float64 `json:"shares"`
			} `json:"incidence"`
		} `json:"lines"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	// At 10 yuan removing wages leaves H2 with 0: poor; the total change
	// (both removed) is 1. Removing transfers leaves H1 at 60: not poor.
	if in := back.Lines[0].Incidence; in.Total != 1 || len(in.Shares) != 2 || in.Shares[0] == nil {
		t.Errorf("JSON %s", b)
	}
}

// randomHouseholds returns n households with the four income components
// (a tenth with an operating loss, some with negative net transfers) and
// 1 to 6 resident members, and survey weights between .2 and 3.
func randomHouseholds(r *rand.Rand, n int) ([]poverty.Household, map[string]float64) {
	hs := make([]poverty.Household, n)
	sw := make(map[string]float64, n)
	amount := func(median float64) poverty.Money {
		return poverty.Money(math.Exp(math.Log(median*100) + r.NormFloat64()))
	}
	for i := range hs {
		id := "h" + strconv.Itoa(i)
		size := 1 + r.IntN(6)
		in := poverty.Income{Wage: amount(6000) * poverty.Money(r.IntN(2)), OperatingIncome: amount(3000),
			OperatingCosts: amount(1000), Property: amount(200) * poverty.Money(r.IntN(2)), TransferIncome: amount(1500), TransferSpending: amount(300)}
		if r.IntN(10) == 0 {
			in.OperatingCosts = in.OperatingIncome + amount(2000) // a loss
		}
		hs[i] = poverty.Household{ID: id, Concept: poverty.DisposableIncome, Members: make([]poverty.Member, size), Income: in}
		sw[id] = .2 + 2.8*r.Float64()
	}
	return hs, sw
}

// naiveMeasures computes, for the households with the sources in removed
// taken out, FGT0/1/2 at line z straight from the definition and the Gini
// as Σ_i Σ_j w_i w_j |y_i - y_j| / (2 W² μ) over all pairs: an oracle
// independent of the population's sorted passes.
func naiveMeasures(hs []poverty.Household, sw map[string]float64, sources []measure.Source, removed []bool, z poverty.Money, b poverty.Boundary) [4]float64 {
	ys := make([]float64, len(hs))
	ws := make([]float64, len(hs))
	var W, Y float64
	var fgt [3]float64
	for i := range hs {
		h := &hs[i]
		x, _ := h.Income.Total()
		for k, s := range sources {
			if removed[k] {
				x -= s.Amount(h)
			}
		}
		pc, _ := x.Div(int64(len(h.Members)), poverty.PerCapitaRounding)
		w := sw[h.ID] * float64(len(h.Members))
		ys[i], ws[i] = float64(pc), w
		W += w
		Y += w * float64(pc)
		if b.Below(pc, z) {
			g := float64(z-pc) / float64(z)
			fgt[0] += w
			fgt[1] += w * g
			fgt[2] += w * g * g
		}
	}
	var mad float64
	equal := true
	for i := range ys {
		for j := range ys {
			mad += ws[i] * ws[j] * math.Abs(ys[i]-ys[j])
		}
		equal = equal && ys[i] == ys[0]
	}
	gini := mad / (2 * W * Y)
	if Y <= 0 {
		gini = math.NaN()
		if equal {
			gini = 0
		}
	}
	return [4]float64{fgt[0] / W, fgt[1] / W, fgt[2] / W, gini}
}

// naiveShapley averages each source's marginal effect over every order of
// removal (K! permutations), the textbook definition, with the measures of
// naiveMeasures.
func naiveShapley(hs []poverty.Household, sw map[string]float64, sources []measure.Source, z poverty.Money, b poverty.Boundary) (parts [][4]float64, total [4]float64) {
	K := len(sources)
	memo := map[int][4]float64{}
	v := func(mask int) [4]float64 {
		if m, ok := memo[mask]; ok {
			return m
		}
		removed := make([]bool, K)
		for k := range K {
			removed[k] = mask&(1<<k) != 0
		}
		memo[mask] = naiveMeasures(hs, sw, sources, removed, z, b)
		return memo[mask]
	}
	parts = make([][4]float64, K)
	var perms int
	var permute func(order []int, used int)
	permute = func(order []int, used int) {
		if len(order) == K {
			perms++
			mask := 0
			for _, k := range order {
				before, after := v(mask), v(mask|1<<k)
				for j := range 4 {
					parts[k][j] += after[j] - before[j]
				}
				mask |= 1 << k
			}
			return
		}
		for k := range K {
			if used&(1<<k) == 0 {
				permute(append(order, k), used|1<<k)
			}
		}
	}
	permute(nil, 0)
	for k := range parts {
		for j := range 4 {
			parts[k][j] /= float64(perms)
		}
	}
	all, none := v(1<<K-1), v(0)
	for j := range 4 {
		total[j] = all[j] - none[j]
	}
	return parts, total
}

// TestAttributeShapleyNaive checks the Shapley parts against the
// permutation definition on random survey-weighted households with
// negative sources, to 1e-9, and that the parts add up to the total change
// to 1e-9; the one-at-a-time effects are AttributeOneAtATime's.
func TestAttributeShapleyNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(1717, 17))
	all := measure.IncomeComponents()
	for trial := range 12 {
		hs, sw := randomHouseholds(r, 30+r.IntN(150))
		sources := all[:1+trial%4]
		b := poverty.Boundary(trial % 2)
		opt := measure.AttributeOptions{Boundary: b, SurveyWeight: func(h *poverty.Household) float64 { return sw[h.ID] }}
		lines := []poverty.Money{yuan(4000), yuan(2500)}
		got, err := measure.AttributeShapley(hs, sources, opt, lines...)
		if err != nil {
			t.Fatal(err)
		}
		for l, z := range lines {
			parts, total := naiveShapley(hs, sw, sources, z, b)
			effects := []measure.SourceEffects{got.Lines[l].Incidence, got.Lines[l].Gap, got.Lines[l].Severity, got.Gini}
			for j, e := range effects {
				want := make([]float64, len(sources))
				for k := range want {
					want[k] = parts[k][j]
				}
				if diff := cmp.Diff(want, e.Parts, approxLoose); diff != "" {
					t.Errorf("trial %d line %s measure %d: parts (-permutations +AttributeShapley):\n%s", trial, z, j, diff)
				}
				if diff := cmp.Diff(total[j], e.Total, approxLoose); diff != "" {
					t.Errorf("trial %d line %s measure %d: total (-naive +got):\n%s", trial, z, j, diff)
				}
				var sum, shares float64
				for k := range e.Parts {
					sum += e.Parts[k]
					shares += e.Shares[k]
				}
				if math.Abs(sum-e.Total) > 1e-9 {
					t.Errorf("trial %d line %s measure %d: parts add up to %v, total %v", trial, z, j, sum, e.Total)
				}
				if e.Total != 0 && math.Abs(shares-1) > 1e-9 {
					t.Errorf("trial %d line %s measure %d: shares add up to %v", trial, z, j, shares)
				}
			}
		}
		for k, s := range sources {
			one, err := measure.AttributeOneAtATime(hs, s.Amount, opt, lines...)
			if err != nil {
				t.Fatal(err)
			}
			for l := range lines {
				want := []float64{one[l].DeltaIncidence, one[l].DeltaGap, one[l].DeltaSeverity}
				g := got.Lines[l]
				if diff := cmp.Diff(want, []float64{g.Incidence.Removal[k], g.Gap.Removal[k], g.Severity.Removal[k]}, approxLoose); diff != "" {
					t.Errorf("trial %d source %s: Removal (-AttributeOneAtATime +AttributeShapley):\n%s", trial, s.Name, diff)
				}
			}
		}
	}
}

// TestAttributeShapleyOrderFree: the parts do not depend on the order in
// which the sources are given.
func TestAttributeShapleyOrderFree(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 17))
	hs, _ := randomHouseholds(r, 200)
	src := measure.IncomeComponents()
	a, err := measure.AttributeShapley(hs, src, measure.AttributeOptions{}, yuan(4000))
	if err != nil {
		t.Fatal(err)
	}
	rev := []measure.Source{src[3], src[2], src[1], src[0]}
	b, err := measure.AttributeShapley(hs, rev, measure.AttributeOptions{}, yuan(4000))
	if err != nil {
		t.Fatal(err)
	}
	for k := range src {
		x, y := a.Lines[0].Severity.Parts[k], b.Lines[0].Severity.Parts[3-k]
		if math.Abs(x-y) > 1e-12 {
			t.Errorf("source %s: %v in one order, %v in the other", src[k].Name, x, y)
		}
	}
}

func TestAttributeErrors(t *testing.T) {
	scenario, workshop := attributionHouseholds()
	huge := func(*poverty.Household) poverty.Money { return poverty.MaxAmount + 1 }
	mixed := append([]poverty.Household(nil), scenario...)
	mixed[1].Concept = poverty.DisposableIncome
	noResidents := append([]poverty.Household(nil), scenario...)
	noResidents[2].Members = nil
	src := []measure.Source{{Name: "workshop", Amount: workshop}}
	one := func(hs []poverty.Household, s measure.IncomeSource, opt measure.AttributeOptions, lines ...poverty.Money) func() error {
		return func() error { _, err := measure.AttributeOneAtATime(hs, s, opt, lines...); return err }
	}
	shapley := func(hs []poverty.Household, s []measure.Source, opt measure.AttributeOptions, lines ...poverty.Money) func() error {
		return func() error { _, err := measure.AttributeShapley(hs, s, opt, lines...); return err }
	}
	weight := func(w float64) measure.AttributeOptions {
		return measure.AttributeOptions{SurveyWeight: func(*poverty.Household) float64 { return w }}
	}
	many := make([]measure.Source, measure.MaxShapleySources+1)
	for i := range many {
		many[i] = measure.Source{Name: strconv.Itoa(i), Amount: workshop}
	}
	tests := []struct {
		name   string
		err    func() error
		record string // the FieldError's record, "" when the error is an *Error
		want   error
	}{
		{"no source", one(scenario, nil, measure.AttributeOptions{}, yuan(1)), "attribution", poverty.ErrMissing},
		{"no line", one(scenario, workshop, measure.AttributeOptions{}), "", poverty.ErrRange},
		{"huge source", one(scenario, huge, measure.AttributeOptions{}, yuan(1)), "A", poverty.ErrRange},
		{"no households", one(nil, workshop, measure.AttributeOptions{}, yuan(1)), "population", measure.ErrNoWeight},
		{"zero weights", one(scenario, workshop, weight(0), yuan(1)), "population", measure.ErrNoWeight},
		{"negative weight", one(scenario, workshop, weight(-1), yuan(1)), "A", poverty.ErrNegative},
		{"NaN weight", one(scenario, workshop, weight(math.NaN()), yuan(1)), "A", poverty.ErrRange},
		{"mixed concepts", one(mixed, workshop, measure.AttributeOptions{}, yuan(1)), "B", poverty.ErrConceptMismatch},
		{"no residents", one(noResidents, workshop, measure.AttributeOptions{}, yuan(1)), "C", poverty.ErrNoResidents},
		{"shapley no sources", shapley(scenario, nil, measure.AttributeOptions{}, yuan(1)), "attribution", poverty.ErrMissing},
		{"shapley nil amount", shapley(scenario, []measure.Source{{Name: "x"}}, measure.AttributeOptions{}, yuan(1)), "attribution", poverty.ErrMissing},
		{"shapley duplicate", shapley(scenario, append(src, src[0]), measure.AttributeOptions{}, yuan(1)), "attribution", poverty.ErrDuplicate},
		{"shapley too many", shapley(scenario, many, measure.AttributeOptions{}, yuan(1)), "attribution", poverty.ErrRange},
		{"shapley huge", shapley(scenario, []measure.Source{{Name: "x", Amount: huge}}, measure.AttributeOptions{}, yuan(1)), "A", poverty.ErrRange},
		{"shapley huge counterfactual", shapley(scenario, []measure.Source{
			{Name: "x", Amount: func(*poverty.Household) poverty.Money { return -poverty.MaxAmount }},
			{Name: "y", Amount: func(*poverty.Household) poverty.Money { return -poverty.MaxAmount }}}, measure.AttributeOptions{}, yuan(1)), "A", poverty.ErrRange},
		{"shapley bad boundary", shapley(scenario, src, measure.AttributeOptions{Boundary: 9}, yuan(1)), "", poverty.ErrRange},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.err()
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var fe *poverty.FieldError
			if tc.record == "" {
				var me *measure.Error
				if !errors.As(err, &me) {
					t.Errorf("err = %T %v, want *measure.Error", err, err)
				}
			} else if !errors.As(err, &fe) || fe.Record != tc.record {
				t.Errorf("err = %v, want a FieldError for record %q", err, tc.record)
			}
		})
	}
}

// TestAttributeShapleyGiniUndefined: a counterfactual whose mean welfare
// is below zero and unequal has no Gini: the Gini parts are NaN, the FGT
// parts stay defined, and a zero total change has NaN shares.
func TestAttributeShapleyGiniUndefined(t *testing.T) {
	hs := []poverty.Household{
		{ID: "H1", Concept: poverty.NetIncome, Members: make([]poverty.Member, 1), Income: poverty.Income{Wage: yuan(500), OperatingCosts: yuan(300)}},
		{ID: "H2", Concept: poverty.NetIncome, Members: make([]poverty.Member, 1), Income: poverty.Income{Wage: yuan(100)}},
	}
	wage := measure.IncomeComponents()[:1]
	got, err := measure.AttributeShapley(hs, wage, measure.AttributeOptions{}, yuan(50))
	if err != nil {
		t.Fatal(err)
	}
	// As is: 200, 100 (nobody below 50). Without wages: -300, 0 (both poor).
	if g := got.Gini; !math.IsNaN(g.Without) || !math.IsNaN(g.Parts[0]) || math.IsNaN(g.With) {
		t.Errorf("Gini effects %+v, want NaN without wages and in the parts", g)
	}
	if in := got.Lines[0].Incidence; in.Total != 1 || in.Parts[0] != 1 || in.Shares[0] != 1 {
		t.Errorf("incidence effects %+v", in)
	}
	// A source that is zero everywhere changes nothing: total 0, share NaN.
	zero := []measure.Source{{Name: "none", Amount: func(*poverty.Household) poverty.Money { return 0 }}}
	got, err = measure.AttributeShapley(hs, zero, measure.AttributeOptions{}, yuan(50))
	if err != nil {
		t.Fatal(err)
	}
	if in := got.Lines[0].Incidence; in.Total != 0 || !math.IsNaN(in.Shares[0]) {
		t.Errorf("zero source: %+v, want total 0 and a NaN share", in)
	}
}
