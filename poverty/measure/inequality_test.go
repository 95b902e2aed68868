package measure_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/poverty/measure"
)

func TestInequalityHandWorked(t *testing.T) {
	// Welfare 1, 2, 3, 4 yuan, weight 1 each: mean 2.5.
	//
	// Gini = Σ_i Σ_j |yi - yj| / (2 n² μ): the pairs differ by 1,2,3,1,2,1
	// (sum 10, twice over ordered pairs = 20); 20 / (2×16×2.5) = .25.
	// TheilT = (1/4) Σ (y/μ) ln(y/μ), y/μ = .4 .8 1.2 1.6
	//        = (-.366516 - .178515 + .218786 + .752006)/4 = .106440
	// TheilL = (1/4) Σ ln(μ/y) = (.916291 + .223144 - .182322 - .470004)/4 = .121777
	// Atkinson(.5) = 1 - (mean √(y/μ))² = 1 - ((.632456+.894427+1.095445+1.264911)/4)² = .055586
	// Atkinson(1)  = 1 - geometric mean/μ = 1 - 24^(1/4)/2.5 = .114654 (= 1 - exp(-TheilL))
	// Atkinson(2)  = 1 - harmonic mean/μ = 1 - (4/(1+1/2+1/3+1/4))/2.5 = 1 - 1.92/2.5 = .232
	// Lorenz: each person is a quarter of the population.
	//   L(.1) = .4×1/10 = .04; L(.2) = .8/10; L(.4) = (1 + .6×2)/10 = .22;
	//   L(.3) = (1 + .2×2)/10 = .14; L(.5) = (1+2)/10 = .3; L(.6) = (3 + .4×3)/10 = .42;
	//   L(.7) = (3 + .8×3)/10 = .54; L(.8) = (1+2+3 + .2×4)/10 = .68; L(.9) = (6 + .6×4)/10 = .84
	//   deciles (differences): .04 .04 .06 .08 .08 .12 .12 .14 .16 .16 (sum 1)
	//   Palma = (1 - .84)/.22 = .727273; S80/S20 = (1 - .68)/.08 = 4
	p := mustPop(t, []poverty.Money{yuan(3), yuan(1), yuan(4), yuan(2)}, nil)
	want := measure.Inequality{
		Population: 4, Records: 4, Mean: poverty.MustParseMoney("2.50"),
		Gini:         .25,
		TheilT:       (.4*math.Log(.4) + .8*math.Log(.8) + 1.2*math.Log(1.2) + 1.6*math.Log(1.6)) / 4,
		TheilL:       (math.Log(2.5) + math.Log(1.25) + math.Log(2.5/3) + math.Log(.625)) / 4,
		AtkinsonHalf: 1 - math.Pow((math.Sqrt(.4)+math.Sqrt(.8)+math.Sqrt(1.2)+math.Sqrt(1.6))/4, 2),
		AtkinsonOne:  1 - math.Pow(24, .25)/2.5,
		AtkinsonTwo:  .232,
		Deciles:      [10]float64{.04, .04, .06, .08, .08, .12, .12, .14, .16, .16},
		Palma:        .16 / .22,
		S80S20:       4,
	}
	got, err := p.Inequality()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("Inequality (-want +got):\n%s", diff)
	}
	// The single-measure methods agree with the summary.
	single := map[string]func() (float64, error){
		"gini": p.Gini, "theil_t": p.TheilT, "theil_l": p.TheilL, "palma": p.Palma, "s80s20": p.S80S20,
		"atkinson_half": func() (float64, error) { return p.Atkinson(.5) },
		"atkinson_one":  func() (float64, error) { return p.Atkinson(1) },
		"atkinson_two":  func() (float64, error) { return p.Atkinson(2) },
		"atkinson_zero": func() (float64, error) { return p.Atkinson(0) },
	}
	wantSingle := map[string]float64{"gini": want.Gini, "theil_t": want.TheilT, "theil_l": want.TheilL, "palma": want.Palma,
		"s80s20": want.S80S20, "atkinson_half": want.AtkinsonHalf, "atkinson_one": want.AtkinsonOne, "atkinson_two": want.AtkinsonTwo}
	gotSingle := map[string]float64{}
	for name, f := range single {
		v, err := f()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		gotSingle[name] = v
	}
	wantSingle["atkinson_zero"] = 0
	if diff := cmp.Diff(wantSingle, gotSingle, approx); diff != "" {
		t.Errorf("single measures (-want +got):\n%s", diff)
	}
	shares, err := p.Shares(10)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.Deciles[:], shares, approx); diff != "" {
		t.Errorf("Shares(10) (-want +got):\n%s", diff)
	}
	pts, err := p.Lorenz(1, 0, .5, .25)
	if err != nil {
		t.Fatal(err)
	}
	wantPts := []measure.LorenzPoint{{P: 1, Share: 1}, {P: 0, Share: 0}, {P: .5, Share: .3}, {P: .25, Share: .1}}
	if diff := cmp.Diff(wantPts, pts, approx); diff != "" {
		t.Errorf("Lorenz (-want +got):\n%s", diff)
	}
}

func TestGini(t *testing.T) {
	tests := []struct {
		name    string
		welfare []poverty.Money
		weights []float64
		want    float64
	}{
		{"equal incomes", []poverty.Money{yuan(7), yuan(7), yuan(7)}, nil, 0},
		{"equal incomes weighted", []poverty.Money{yuan(7), yuan(7)}, []float64{1, 9}, 0},
		// One of n holds everything: (n-1)/n.
		{"one holds all of 2", []poverty.Money{0, yuan(10)}, nil, .5},
		{"one holds all of 1000", append(make([]poverty.Money, 999), yuan(10)), nil, .999},
		// Weighted: (1 yuan, weight 2), (4 yuan, weight 1) is persons 1,1,4:
		// pairs differ by 0,3,3 → Σ over ordered pairs 12; μ = 2; 12/(2×9×2) = 1/3.
		{"weighted", []poverty.Money{yuan(1), yuan(4)}, []float64{2, 1}, 1.0 / 3},
		// Negative income kept: -1, 1, 3: μ = 1, pairs differ by 2,4,2 →
		// 16/(2×9×1) = .888889.
		{"negative", []poverty.Money{yuan(-1), yuan(1), yuan(3)}, nil, 16.0 / 18},
		// -5, 1, 7: μ = 1, pairs 6, 12, 6 → 48/18 = 2.666667 (above 1).
		{"negative above one", []poverty.Money{yuan(-5), yuan(1), yuan(7)}, nil, 48.0 / 18},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, err := mustPop(t, tc.welfare, tc.weights).Gini()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, g, approx); diff != "" {
				t.Errorf("Gini (-want +got):\n%s", diff)
			}
		})
	}
	// One person holding everything: the Gini tends to 1 as n grows.
	prev := 0.0
	for _, n := range []int{2, 10, 100, 10000} {
		ys := make([]poverty.Money, n)
		ys[0] = yuan(1000)
		g, _ := mustPop(t, ys, nil).Gini()
		if g <= prev || g >= 1 || 1-g > 1.0/float64(n)+1e-12 {
			t.Errorf("n=%d: Gini %v, want in (%v, 1) within 1/n of 1", n, g, prev)
		}
		prev = g
	}
}

// naiveGini is the definition: Σ_i Σ_j w_i w_j |y_i - y_j| / (2 W² μ), O(n²).
func naiveGini(ys []poverty.Money, ws []float64) float64 {
	var s, W, Y float64
	for i := range ys {
		W += ws[i]
		Y += ws[i] * float64(ys[i])
		for j := range ys {
			s += ws[i] * ws[j] * math.Abs(float64(ys[i]-ys[j]))
		}
	}
	return s / (2 * W * Y)
}

// naiveTheil computes Theil T and L straight from their definitions.
func naiveTheil(ys []poverty.Money, ws []float64) (tt, tl float64) {
	var W, Y float64
	for i := range ys {
		W += ws[i]
		Y += ws[i] * float64(ys[i])
	}
	mu := Y / W
	for i := range ys {
		r := float64(ys[i]) / mu
		tt += ws[i] * r * math.Log(r)
		tl -= ws[i] * math.Log(r)
	}
	return tt / W, tl / W
}

func TestInequalityAgainstDefinitions(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for trial := range 30 {
		n := 2 + r.IntN(200)
		ys, ws := randomData(r, n, false)
		for i := range ws {
			ws[i] = r.Float64() * 10 // survey weights
		}
		p := mustPop(t, ys, ws)
		in, err := p.Inequality()
		if err != nil {
			t.Fatal(err)
		}
		tt, tl := naiveTheil(ys, ws)
		got := []float64{in.Gini, in.TheilT, in.TheilL}
		want := []float64{naiveGini(ys, ws), tt, tl}
		if diff := cmp.Diff(want, got, approxLoose); diff != "" {
			t.Errorf("trial %d: Gini, TheilT, TheilL (-definition +got):\n%s", trial, diff)
		}
		// Scale invariance: doubling every income leaves them unchanged.
		for i := range ys {
			ys[i] *= 2
		}
		in2, _ := mustPop(t, ys, ws).Inequality()
		if diff := cmp.Diff(in.Gini, in2.Gini, approxLoose); diff != "" {
			t.Errorf("trial %d: Gini not scale invariant:\n%s", trial, diff)
		}
		sum := 0.0
		for _, d := range in.Deciles {
			sum += d
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("trial %d: deciles sum to %v", trial, sum)
		}
	}
}
