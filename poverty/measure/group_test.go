package measure_test

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/poverty/measure"
)

func TestByGroupHandWorked(t *testing.T) {
	// Two villages and a declared third with no household:
	//   east: 1000 (w2), 5000 (w2)          W=4
	//   west: 2000 (w1), 3000 (w3), 8000 (w2) W=6
	//   north: none
	// Means: east (2000+10000)/4 = 3000, all 39000/10 = 3900.
	// At 4000: east poor 2 of 4 (gap .75): Incidence .5, Gap 1.5/4 = .375;
	//          west poor 4 of 6 (gaps .5, .25): Incidence 4/6, Gap 1.25/6.
	// Contributions: east .4 × .5 = .2, west .6 × 4/6 = .4: sum .6 = total.
	//                Gap: .4 × .375 = .15, .6 × 1.25/6 = .125: sum .275 = total.
	var b measure.Builder
	b.Declare("north")
	for _, o := range []struct {
		y poverty.Money
		w float64
		g string
	}{{yuan(1000), 2, "east"}, {yuan(5000), 2, "east"}, {yuan(2000), 1, "west"}, {yuan(3000), 3, "west"}, {yuan(8000), 2, "west"}} {
		if err := b.Add(o.y, o.w, o.g); err != nil {
			t.Fatal(err)
		}
	}
	p, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"east", "north", "west"}, p.Groups()); diff != "" {
		t.Errorf("Groups (-want +got):\n%s", diff)
	}
	r, err := p.ByGroup(poverty.BelowLine, yuan(4000))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Key                 string
		Records             int
		Population, Share   float64
		Incidence, Gap      float64
		CIncidence, CGap    float64
		Cost                poverty.Money
		Mean                poverty.Money
		PoorRecords         int
		IncidenceShareOfAll float64
	}
	var got []row
	for _, g := range append([]measure.Group{r.Total}, r.Groups...) {
		m, c := g.Poverty[0], g.Contributions[0]
		got = append(got, row{g.Key, g.Records, g.Population, g.PopulationShare, m.Incidence, m.Gap, c.Incidence, c.Gap, m.Cost, g.Inequality.Mean, m.PoorRecords, c.IncidenceShare})
	}
	nan := math.NaN()
	want := []row{
		{"", 5, 10, 1, .6, .275, .6, .275, yuan(11000), yuan(3900), 3, 1},
		{"east", 2, 4, .4, .5, .375, .2, .15, yuan(6000), yuan(3000), 1, .2 / .6},
		{"north", 0, 0, 0, nan, nan, 0, 0, 0, 0, 0, 0},
		// west mean: (2000 + 3×3000 + 2×8000)/6 = 27000/6 = 4500.
		{"west", 3, 6, .6, 4.0 / 6, 1.25 / 6, .4, .125, yuan(5000), yuan(4500), 2, .4 / .6},
	}
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("ByGroup (-want +got):\n%s", diff)
	}
	if !math.IsNaN(r.Groups[1].Inequality.Gini) {
		t.Errorf("empty group Gini = %v, want NaN", r.Groups[1].Inequality.Gini)
	}
}

// TestByGroupDecomposition: on generated grouped data, FGT contributions
// sum to the total, each group's measures equal those of a population of
// that group alone, and Theil T and L split exactly into within and between.
func TestByGroupDecomposition(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	for trial := range 20 {
		ng := 1 + r.IntN(6)
		var b measure.Builder
		b.Declare("village-" + strconv.Itoa(ng)) // one declared, empty group
		ys, ws := randomData(r, 50+r.IntN(300), false)
		keys := make([]string, len(ys))
		for i := range ys {
			keys[i] = "village-" + strconv.Itoa(r.IntN(ng))
			if err := b.Add(ys[i], ws[i], keys[i]); err != nil {
				t.Fatal(err)
			}
		}
		p, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		lines := []poverty.Money{yuan(5000), yuan(2000), yuan(3500)}
		rep, err := p.ByGroup(poverty.BelowLine, lines...)
		if err != nil {
			t.Fatal(err)
		}
		total, _ := p.Poverty(poverty.BelowLine, lines...)
		if diff := cmp.Diff(total, rep.Total.Poverty, approxLoose); diff != "" {
			t.Errorf("trial %d: total (-Poverty +ByGroup):\n%s", trial, diff)
		}
		for k := range lines {
			var s0, s1, s2, sh float64
			for _, g := range rep.Groups {
				c := g.Contributions[k]
				s0, s1, s2 = s0+c.Incidence, s1+c.Gap, s2+c.Severity
				sh += c.IncidenceShare
			}
			got := []float64{s0, s1, s2, sh}
			want := []float64{total[k].Incidence, total[k].Gap, total[k].Severity, 1}
			if diff := cmp.Diff(want, got, approxLoose); diff != "" {
				t.Errorf("trial %d line %s: contributions do not sum to the total (-total +sum):\n%s", trial, lines[k], diff)
			}
		}
		for _, g := range rep.Groups {
			var gy []poverty.Money
			var gw []float64
			for i := range ys {
				if keys[i] == g.Key {
					gy, gw = append(gy, ys[i]), append(gw, ws[i])
				}
			}
			if len(gy) == 0 {
				if g.Records != 0 || !math.IsNaN(g.Poverty[0].Incidence) {
					t.Errorf("trial %d: empty group %s reported as %+v", trial, g.Key, g.Poverty[0])
				}
				continue
			}
			alone := mustPop(t, gy, gw)
			m, _ := alone.Poverty(poverty.BelowLine, lines...)
			in, _ := alone.Inequality()
			if diff := cmp.Diff(m, g.Poverty, approxLoose); diff != "" {
				t.Errorf("trial %d group %s: poverty (-alone +by group):\n%s", trial, g.Key, diff)
			}
			if diff := cmp.Diff(in, g.Inequality, approxLoose); diff != "" {
				t.Errorf("trial %d group %s: inequality (-alone +by group):\n%s", trial, g.Key, diff)
			}
		}
		th := rep.Theil
		got := []float64{th.TWithin + th.TBetween, th.LWithin + th.LBetween}
		want := []float64{rep.Total.Inequality.TheilT, rep.Total.Inequality.TheilL}
		if diff := cmp.Diff(want, got, approxLoose); diff != "" {
			t.Errorf("trial %d: Theil within + between (-total +sum):\n%s", trial, diff)
		}
		if th.TBetween < -1e-12 || th.LBetween < -1e-12 {
			t.Errorf("trial %d: negative between-group Theil %+v", trial, th)
		}
	}
}

func TestByGroupUngrouped(t *testing.T) {
	p := mustPop(t, handWelfare, handWeights)
	r, err := p.ByGroup(poverty.BelowLine, yuan(4000))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Groups) != 1 || r.Groups[0].Key != "" || r.Groups[0].Poverty[0].Incidence != .6 {
		t.Errorf("ungrouped ByGroup = %+v", r.Groups)
	}
}

// TestTheilZeroIncomeGroup is the regression test of issue 17: a group of
// positive weight whose welfare is all zero takes no part in Theil's T
// (0·ln 0 = 0) instead of making the decomposition NaN.
func TestTheilZeroIncomeGroup(t *testing.T) {
	// a: 100 (w1), 300 (w1); z: 0 (w2). W = 4, μ = 100, μ_a = 200, s_a = 1.
	//   T = (1·ln 1 + 3 ln 3 + 0)/4 = .75 ln 3
	//   within  = s_a T_a = (.5 ln .5 + 1.5 ln 1.5)/2
	//   between = s_a ln(μ_a/μ) = ln 2
	var b measure.Builder
	for _, o := range []struct {
		y poverty.Money
		w float64
		g string
	}{{100, 1, "a"}, {300, 1, "a"}, {0, 2, "z"}} {
		if err := b.Add(o.y, o.w, o.g); err != nil {
			t.Fatal(err)
		}
	}
	p, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	r, err := p.ByGroup(poverty.BelowLine, 50)
	if err != nil {
		t.Fatal(err)
	}
	nan := math.NaN()
	want := measure.TheilDecomposition{
		TWithin: (.5*math.Log(.5) + 1.5*math.Log(1.5)) / 2, TBetween: math.Ln2,
		LWithin: nan, LBetween: nan, // the population's L is +Inf
	}
	if diff := cmp.Diff(want, r.Theil, approx); diff != "" {
		t.Errorf("Theil (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(.75*math.Log(3), r.Total.Inequality.TheilT, approx); diff != "" {
		t.Errorf("population T (-want +got):\n%s", diff)
	}
	if !math.IsNaN(r.Groups[1].Inequality.TheilT) {
		t.Errorf("the zero group's own T = %v, want NaN (0/0)", r.Groups[1].Inequality.TheilT)
	}
}

// naiveTheilT returns Theil's T of the observations and its within and
// between parts by group, straight from the definitions with 0·ln 0 = 0:
// an independent oracle for ByGroup.
func naiveTheilT(ys []poverty.Money, ws []float64, keys []string) (total, within, between float64) {
	type sums struct{ w, y float64 }
	theil := func(idx []int) (float64, sums) {
		var s sums
		for _, i := range idx {
			s.w += ws[i]
			s.y += ws[i] * float64(ys[i])
		}
		mu := s.y / s.w
		var t float64
		for _, i := range idx {
			if ys[i] > 0 {
				x := float64(ys[i]) / mu
				t += ws[i] * x * math.Log(x)
			}
		}
		return t / s.w, s
	}
	all := make([]int, len(ys))
	groups := map[string][]int{}
	for i := range ys {
		all[i] = i
		groups[keys[i]] = append(groups[keys[i]], i)
	}
	total, s := theil(all)
	mu := s.y / s.w
	for _, idx := range groups {
		tg, sg := theil(idx)
		if sg.y == 0 {
			continue // s_g = 0: 0·T_g = 0 and 0·ln 0 = 0
		}
		share := sg.y / s.y
		within += share * tg
		between += share * math.Log(sg.y/sg.w/mu)
	}
	return total, within, between
}

// TestTheilDecompositionNaive checks the T decomposition against
// naiveTheilT on random weighted data where one group's welfare is all
// zero, to 1e-9.
func TestTheilDecompositionNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(171, 172))
	for trial := range 30 {
		ng := 2 + r.IntN(5)
		ys, ws := randomData(r, 20+r.IntN(300), false)
		keys := make([]string, len(ys))
		var b measure.Builder
		for i := range ys {
			g := r.IntN(ng)
			keys[i] = "g" + strconv.Itoa(g)
			if g == 0 {
				ys[i] = 0 // group g0: all zero
			}
			ws[i] *= 0.25 + r.Float64() // survey-like, fractional
			if err := b.Add(ys[i], ws[i], keys[i]); err != nil {
				t.Fatal(err)
			}
		}
		p, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		rep, err := p.ByGroup(poverty.BelowLine, yuan(4000))
		if err != nil {
			t.Fatal(err)
		}
		tot, within, between := naiveTheilT(ys, ws, keys)
		want := []float64{tot, within, between}
		got := []float64{rep.Total.Inequality.TheilT, rep.Theil.TWithin, rep.Theil.TBetween}
		if diff := cmp.Diff(want, got, approxLoose); diff != "" {
			t.Errorf("trial %d: T, within, between (-naive +ByGroup):\n%s", trial, diff)
		}
		if d := rep.Theil.TWithin + rep.Theil.TBetween - tot; math.Abs(d) > 1e-9 {
			t.Errorf("trial %d: within + between - T = %g", trial, d)
		}
	}
}
