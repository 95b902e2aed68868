package measure_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/poverty/measure"
)

// approx compares floats to 1e-12 relative (or absolute near zero) and
// treats NaN as equal to NaN.
var approx = cmp.Options{cmpopts.EquateApprox(1e-12, 1e-12), cmpopts.EquateNaNs()}

// approxLoose allows for summation order, 1e-9 relative.
var approxLoose = cmp.Options{cmpopts.EquateApprox(1e-9, 1e-12), cmpopts.EquateNaNs()}

func yuan(n int64) poverty.Money { return poverty.YuanAmount(n) }

func mustPop(t testing.TB, welfare []poverty.Money, weights []float64) *measure.Population {
	t.Helper()
	p, err := measure.New(welfare, weights)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The hand-worked population used by several tests (amounts in yuan):
//
//	welfare  1000  2000  3000  5000  8000
//	weight      2     1     3     2     2      W = 10
//
// At the line z = 4000 (below the line), the poor are the first three:
//
//	gap g = (z-y)/z     .75   .50   .25
//	Poor      = 2+1+3 = 6; Incidence = 6/10 = .6
//	Gap       = (2×.75 + 1×.5 + 3×.25)/10 = 2.75/10 = .275
//	Severity  = (2×.5625 + 1×.25 + 3×.0625)/10 = 1.5625/10 = .15625
//	IncomeGapRatio = 2.75/6 = .458333...
//	Watts     = (2 ln 4 + ln 2 + 3 ln(4/3))/10
//	Sen       = Σ w g (2Wp - 2C - w)/(W Wp), Wp = 6, C = weight of poorer poor:
//	            2×.75×(12-0-2) + 1×.5×(12-4-1) + 3×.25×(12-6-3)
//	            = 15 + 3.5 + 2.25 = 20.75;  20.75/60 = .345833...
//	  check:    Gini of the poor (1000,1000,2000,3000,3000,3000), mean 13000/6:
//	            Σ w y (2C + w - Wp) = 2000(-4) + 2000(-1) + 9000(3) = 17000
//	            Gp = 17000/(36 × 13000/6) = .217949; .6 × (.458333 + .541667 × .217949) = .345833
//	Cost      = 2×3000 + 1×2000 + 3×1000 = 11000 yuan
var (
	handWelfare = []poverty.Money{yuan(5000), yuan(1000), yuan(8000), yuan(3000), yuan(2000)}
	handWeights = []float64{2, 2, 2, 3, 1}
)

func TestPovertyHandWorked(t *testing.T) {
	p := mustPop(t, handWelfare, handWeights)
	tests := []struct {
		name string
		b    poverty.Boundary
		line poverty.Money
		want measure.Poverty
	}{
		{"z=4000 below", poverty.BelowLine, yuan(4000), measure.Poverty{
			Line: yuan(4000), Boundary: poverty.BelowLine, Population: 10, Poor: 6, PoorRecords: 3,
			Incidence: .6, Gap: .275, Severity: .15625, IncomeGapRatio: 2.75 / 6,
			Watts: (2*math.Log(4) + math.Log(2) + 3*math.Log(4.0/3)) / 10,
			Sen:   20.75 / 60, Cost: yuan(11000), CostExact: true,
		}},
		// At 3000 below the line, 3000 is not poor: poor are 1000 (w2) and
		// 2000 (w1), gaps 2/3 and 1/3.
		// Incidence .3; Gap (2×2/3 + 1/3)/10 = (5/3)/10; Severity (2×4/9 + 1/9)/10 = 1/10;
		// Sen: 2×(2/3)×(6-0-2) + (1/3)×(6-4-1) = 16/3 + 1/3 = 17/3, over 10×3.
		// Cost 2×2000 + 1000 = 5000 yuan.
		{"z=3000 below", poverty.BelowLine, yuan(3000), measure.Poverty{
			Line: yuan(3000), Boundary: poverty.BelowLine, Population: 10, Poor: 3, PoorRecords: 2,
			Incidence: .3, Gap: 5.0 / 30, Severity: .1, IncomeGapRatio: (5.0 / 3) / 3,
			Watts: (2*math.Log(3) + math.Log(1.5)) / 10, Sen: (17.0 / 3) / 30, Cost: yuan(5000), CostExact: true,
		}},
		// At or below 3000, 3000 (w3) is poor with gap 0: Incidence .6,
		// Gap and Cost as for "below", Sen: Wp = 6:
		// 2×(2/3)×(12-0-2) + (1/3)×(12-4-1) + 0 = 40/3 + 7/3 = 47/3, over 60.
		{"z=3000 at or below", poverty.AtOrBelowLine, yuan(3000), measure.Poverty{
			Line: yuan(3000), Boundary: poverty.AtOrBelowLine, Population: 10, Poor: 6, PoorRecords: 3,
			Incidence: .6, Gap: 5.0 / 30, Severity: .1, IncomeGapRatio: (5.0 / 3) / 6,
			Watts: (2*math.Log(3) + math.Log(1.5)) / 10, Sen: (47.0 / 3) / 60, Cost: yuan(5000), CostExact: true,
		}},
		{"z=500 nobody poor", poverty.BelowLine, yuan(500), measure.Poverty{
			Line: yuan(500), Boundary: poverty.BelowLine, Population: 10, CostExact: true,
		}},
		// Everyone poor at 10000: Incidence 1; Cost 2×9000+1×8000+3×7000+2×5000+2×2000 = 61000.
		{"z=10000 everyone", poverty.BelowLine, yuan(10000), measure.Poverty{
			Line: yuan(10000), Boundary: poverty.BelowLine, Population: 10, Poor: 10, PoorRecords: 5,
			Incidence: 1, Gap: .61, Severity: (2*.81 + .64 + 3*.49 + 2*.25 + 2*.04) / 10, IncomeGapRatio: .61,
			Watts: (2*math.Log(10) + math.Log(5) + 3*math.Log(10.0/3) + 2*math.Log(2) + 2*math.Log(1.25)) / 10,
			// Sen with everyone poor: Σ w g (2W - 2C - w)/W²:
			// 2×.9×18 + .8×15 + 3×.7×(20-6-3) + 2×.5×(20-12-2) + 2×.2×(20-16-2) = 32.4+12+23.1+6+.8 = 74.3
			Sen: 74.3 / 100, Cost: yuan(61000), CostExact: true,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := p.Poverty(tc.b, tc.line)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got[0], approx); diff != "" {
				t.Errorf("Poverty (-want +got):\n%s", diff)
			}
			// Each line on its own gives the same as in a batch.
			for _, alpha := range []float64{0, 1, 2} {
				fgt, err := p.FGT(tc.line, tc.b, alpha)
				if err != nil {
					t.Fatal(err)
				}
				want := []float64{tc.want.Incidence, tc.want.Gap, tc.want.Severity}[int(alpha)]
				if diff := cmp.Diff(want, fgt, approx); diff != "" {
					t.Errorf("FGT(%v) (-want +got):\n%s", alpha, diff)
				}
			}
		})
	}
}

func TestPovertySeveralLinesOnePass(t *testing.T) {
	p := mustPop(t, handWelfare, handWeights)
	lines := []poverty.Money{yuan(4000), yuan(500), yuan(3000), yuan(10000), yuan(3000)}
	all, err := p.Poverty(poverty.BelowLine, lines...)
	if err != nil {
		t.Fatal(err)
	}
	for i, z := range lines {
		one, err := p.Poverty(poverty.BelowLine, z)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(one[0], all[i], approx); diff != "" {
			t.Errorf("line %d (%s) in a batch differs from alone (-alone +batch):\n%s", i, z, diff)
		}
	}
}

func TestFGTHigherOrder(t *testing.T) {
	p := mustPop(t, handWelfare, handWeights)
	// FGT3 at 4000: (2×.75³ + .5³ + 3×.25³)/10 = (.84375 + .125 + .046875)/10
	got, err := p.FGT(yuan(4000), poverty.BelowLine, 3)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(1.015625/10, got, approx); diff != "" {
		t.Errorf("FGT3 (-want +got):\n%s", diff)
	}
	// FGT0.5: (2√.75 + √.5 + 3√.25)/10
	got, _ = p.FGT(yuan(4000), poverty.BelowLine, .5)
	if diff := cmp.Diff((2*math.Sqrt(.75)+math.Sqrt(.5)+1.5)/10, got, approx); diff != "" {
		t.Errorf("FGT0.5 (-want +got):\n%s", diff)
	}
}

func TestNegativeWelfare(t *testing.T) {
	// Welfare -1000, 0, 1000, 4000 (weights 1) at the line 2000:
	// gaps 1.5, 1, .5: Gap = 3/4, Severity = (2.25+1+.25)/4 = .875,
	// Cost = 3000+2000+1000 = 6000; Watts diverges (+Inf).
	// Sen = Σ g (2×3 - 2C - 1)/(4×3) = (1.5×5 + 1×3 + .5×1)/12 = 11/12.
	p := mustPop(t, []poverty.Money{yuan(-1000), 0, yuan(1000), yuan(4000)}, nil)
	got, err := p.Poverty(poverty.BelowLine, yuan(2000))
	if err != nil {
		t.Fatal(err)
	}
	want := measure.Poverty{Line: yuan(2000), Population: 4, Poor: 3, PoorRecords: 3, Incidence: .75,
		Gap: .75, Severity: .875, IncomeGapRatio: 1, Watts: math.Inf(1), Sen: 11.0 / 12, Cost: yuan(6000), CostExact: true}
	if diff := cmp.Diff(want, got[0], approx); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestCostNotIntegral(t *testing.T) {
	// Weights 1.5 and 0.25 at line 100: cost 1.5×60 + .25×20 = 95 yuan, not exact.
	p := mustPop(t, []poverty.Money{yuan(40), yuan(80), yuan(200)}, []float64{1.5, .25, 1})
	got, err := p.Poverty(poverty.BelowLine, yuan(100))
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Cost != yuan(95) || got[0].CostExact || p.Integral() {
		t.Errorf("Cost = %s exact %v, integral %v; want 95.00, false, false", got[0].Cost, got[0].CostExact, p.Integral())
	}
}

func TestPopulationErrors(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	tests := []struct {
		name    string
		welfare []poverty.Money
		weights []float64
		record  string
		field   string
		want    error
	}{
		{"NaN weight", []poverty.Money{1, 2}, []float64{1, nan}, "observation 1", "weight", poverty.ErrRange},
		{"Inf weight", []poverty.Money{1, 2}, []float64{inf, 1}, "observation 0", "weight", poverty.ErrRange},
		{"-Inf weight", []poverty.Money{1, 2}, []float64{1, -inf}, "observation 1", "weight", poverty.ErrRange},
		{"negative weight", []poverty.Money{1, 2, 3}, []float64{1, 1, -2}, "observation 2", "weight", poverty.ErrNegative},
		{"zero total", []poverty.Money{1, 2}, []float64{0, 0}, "population", "weight", measure.ErrNoWeight},
		{"empty", nil, nil, "population", "weight", measure.ErrNoWeight},
		{"weights length", []poverty.Money{1, 2}, []float64{1}, "population", "weights", poverty.ErrRange},
		{"welfare too large", []poverty.Money{poverty.MaxAmount + 1}, nil, "observation 0", "welfare", poverty.ErrRange},
		{"welfare too small", []poverty.Money{1, -poverty.MaxAmount - 1}, nil, "observation 1", "welfare", poverty.ErrRange},
		{"weight too large", []poverty.Money{1, 2}, []float64{1, math.MaxFloat64}, "observation 1", "weight", poverty.ErrRange},
		{"total overflows", []poverty.Money{1, 2}, []float64{6e14, 6e14}, "observation 1", "weight", poverty.ErrOverflow},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := measure.New(tc.welfare, tc.weights)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var fe *poverty.FieldError
			if !errors.As(err, &fe) || fe.Record != tc.record || fe.Field != tc.field {
				t.Errorf("err = %#v, want record %q field %q", err, tc.record, tc.field)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	var empty measure.Population
	p := mustPop(t, handWelfare, handWeights)
	neg := mustPop(t, []poverty.Money{yuan(-10), yuan(5)}, nil)
	zero := mustPop(t, []poverty.Money{0, yuan(5)}, nil)
	nonPosMean := mustPop(t, []poverty.Money{yuan(-10), yuan(5)}, []float64{1, 1})
	tests := []struct {
		name string
		call func() error
		want error
	}{
		{"empty poverty", func() error { _, err := empty.Poverty(poverty.BelowLine, yuan(1)); return err }, measure.ErrNoWeight},
		{"empty gini", func() error { _, err := empty.Gini(); return err }, measure.ErrNoWeight},
		{"empty quantile", func() error { _, err := empty.Median(poverty.RoundHalfUp); return err }, measure.ErrNoWeight},
		{"no line", func() error { _, err := p.Poverty(poverty.BelowLine); return err }, poverty.ErrRange},
		{"zero line", func() error { _, err := p.Poverty(poverty.BelowLine, yuan(1), 0); return err }, poverty.ErrRange},
		{"huge line", func() error { _, err := p.Poverty(poverty.BelowLine, poverty.MaxAmount+1); return err }, poverty.ErrRange},
		{"bad boundary", func() error { _, err := p.Poverty(poverty.Boundary(7), yuan(1)); return err }, poverty.ErrRange},
		{"negative alpha", func() error { _, err := p.FGT(yuan(1), poverty.BelowLine, -1); return err }, poverty.ErrRange},
		{"NaN alpha", func() error { _, err := p.FGT(yuan(1), poverty.BelowLine, math.NaN()); return err }, poverty.ErrRange},
		{"quantile > 1", func() error { _, err := p.Quantile(1.5, poverty.RoundHalfUp); return err }, poverty.ErrRange},
		{"quantile NaN", func() error { _, err := p.Quantile(math.NaN(), poverty.RoundHalfUp); return err }, poverty.ErrRange},
		{"quantile no rounding", func() error { _, err := p.Quantile(.5, 0); return err }, poverty.ErrRounding},
		{"relative no base", func() error { _, err := p.RelativeLine(50*poverty.Percent, 0, poverty.RoundHalfUp); return err }, poverty.ErrRange},
		{"relative zero share", func() error { _, err := p.RelativeLine(0, measure.OfMedian, poverty.RoundHalfUp); return err }, poverty.ErrRange},
		{"share zero", func() error { _, err := p.LineForShare(0, poverty.BelowLine); return err }, poverty.ErrRange},
		{"share above one", func() error { _, err := p.LineForShare(poverty.One+1, poverty.BelowLine); return err }, poverty.ErrRange},
		{"theil L with zero", func() error { _, err := zero.TheilL(); return err }, measure.ErrNotPositive},
		{"theil T with negative", func() error { _, err := neg.TheilT(); return err }, measure.ErrNotPositive},
		{"atkinson 1 with zero", func() error { _, err := zero.Atkinson(1); return err }, measure.ErrNotPositive},
		{"atkinson negative epsilon", func() error { _, err := p.Atkinson(-1); return err }, poverty.ErrRange},
		{"gini mean not positive", func() error { _, err := nonPosMean.Gini(); return err }, measure.ErrNotPositive},
		{"lorenz p out of range", func() error { _, err := p.Lorenz(1.1); return err }, poverty.ErrRange},
		{"shares zero", func() error { _, err := p.Shares(0); return err }, poverty.ErrRange},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var me *measure.Error
			if !errors.As(err, &me) || me.Measure == "" {
				t.Errorf("err = %#v, want a *Error naming the measure", err)
			}
		})
	}
	// Theil T accepts zero welfare (its term is zero), as Atkinson below 1 does.
	if _, err := zero.TheilT(); err != nil {
		t.Errorf("TheilT with zero welfare: %v", err)
	}
	if _, err := zero.Atkinson(.5); err != nil {
		t.Errorf("Atkinson(.5) with zero welfare: %v", err)
	}
}

func TestFromHouseholds(t *testing.T) {
	hs := []poverty.Household{
		household("A", poverty.NetIncome, yuan(9000), 3),  // 3000 per person, weight 3
		household("B", poverty.NetIncome, yuan(10000), 2), // 5000, weight 2
		household("C", poverty.NetIncome, yuan(1000), 1),  // 1000, weight 1
	}
	p, err := measure.FromHouseholds(hs, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Persons: 6; poor below 4000: A (3) and C (1) = 4; households 2.
	// Cost: 3×1000 + 1×3000 = 6000 yuan.
	got, err := p.Poverty(poverty.BelowLine, yuan(4000))
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Poor != 4 || got[0].PoorRecords != 2 || got[0].Population != 6 || got[0].Cost != yuan(6000) || p.Concept() != poverty.NetIncome {
		t.Errorf("got %+v concept %v", got[0], p.Concept())
	}

	bad := append(slices.Clone(hs), household("D", poverty.DisposableIncome, yuan(1), 1))
	if _, err := measure.FromHouseholds(bad, nil); !errors.Is(err, poverty.ErrConceptMismatch) {
		t.Errorf("mixed concepts: err = %v", err)
	}
	empty := append(slices.Clone(hs), poverty.Household{ID: "E", Concept: poverty.NetIncome})
	if _, err := measure.FromHouseholds(empty, nil); !errors.Is(err, poverty.ErrNoResidents) {
		t.Errorf("no residents: err = %v", err)
	}
	var b measure.Builder
	if err := b.AddHousehold(&hs[0], -1, ""); !errors.Is(err, poverty.ErrNegative) {
		t.Errorf("negative survey weight: err = %v", err)
	}
}

// household returns a household of n resident members with a total wage
// income.
func household(id string, c poverty.IncomeConcept, wage poverty.Money, n int) poverty.Household {
	return poverty.Household{ID: id, Concept: c, Year: 2019, Members: make([]poverty.Member, n), Income: poverty.Income{Wage: wage}}
}

func TestPopulationOrderIndependent(t *testing.T) {
	// The same observations in any order give identical results, byte for byte.
	r := rand.New(rand.NewPCG(1, 2))
	ys, ws := randomData(r, 500, true)
	p1 := mustPop(t, ys, ws)
	perm := r.Perm(len(ys))
	ys2, ws2 := make([]poverty.Money, len(ys)), make([]float64, len(ws))
	for i, j := range perm {
		ys2[i], ws2[i] = ys[j], ws[j]
	}
	p2 := mustPop(t, ys2, ws2)
	m1, _ := p1.Poverty(poverty.BelowLine, yuan(3000), yuan(5000))
	m2, _ := p2.Poverty(poverty.BelowLine, yuan(3000), yuan(5000))
	i1, _ := p1.Inequality()
	i2, _ := p2.Inequality()
	if diff := cmp.Diff(m1, m2); diff != "" {
		t.Errorf("poverty depends on input order:\n%s", diff)
	}
	if diff := cmp.Diff(i1, i2, cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("inequality depends on input order:\n%s", diff)
	}
}

// randomData returns n welfare amounts (log-normal around 5000 yuan, with
// a few at zero and below when withNonPositive) and whole-number weights 1-6.
func randomData(r *rand.Rand, n int, withNonPositive bool) ([]poverty.Money, []float64) {
	ys := make([]poverty.Money, n)
	ws := make([]float64, n)
	for i := range ys {
		ys[i] = poverty.Money(math.Exp(math.Log(500000)+0.8*r.NormFloat64())) / 100 * 100
		if withNonPositive && r.IntN(50) == 0 {
			ys[i] = -poverty.Money(r.IntN(100000))
		}
		ws[i] = float64(1 + r.IntN(6))
	}
	return ys, ws
}

// expand replicates each observation by its whole-number weight, to check
// weighted measures against the unweighted measures of the persons.
func expand(ys []poverty.Money, ws []float64) []poverty.Money {
	var out []poverty.Money
	for i, y := range ys {
		for range int(ws[i]) {
			out = append(out, y)
		}
	}
	return out
}

func TestWeightsAreReplication(t *testing.T) {
	// With whole-number weights, every measure equals the unweighted
	// measure of the expanded population (each observation repeated weight
	// times): weights project households to persons.
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 20 {
		ys, ws := randomData(r, 40+trial, trial%2 == 0)
		pw := mustPop(t, ys, ws)
		pe := mustPop(t, expand(ys, ws), nil)
		lines := []poverty.Money{yuan(2000), yuan(4000), yuan(6000)}
		mw, err := pw.Poverty(poverty.AtOrBelowLine, lines...)
		if err != nil {
			t.Fatal(err)
		}
		me, _ := pe.Poverty(poverty.AtOrBelowLine, lines...)
		for k := range me {
			me[k].PoorRecords = mw[k].PoorRecords // records differ by construction
		}
		if diff := cmp.Diff(me, mw, cmpopts.EquateApprox(1e-9, 1e-12), cmpopts.EquateNaNs()); diff != "" {
			t.Errorf("trial %d: poverty (-expanded +weighted):\n%s", trial, diff)
		}
		iw, _ := pw.Inequality()
		ie, _ := pe.Inequality()
		ie.Records = iw.Records
		ie.NonPositive = iw.NonPositive
		if diff := cmp.Diff(ie, iw, cmpopts.EquateApprox(1e-9, 1e-12), cmpopts.EquateNaNs()); diff != "" {
			t.Errorf("trial %d: inequality (-expanded +weighted):\n%s", trial, diff)
		}
	}
}

// TestPopulationConcurrent: a built population is read-only; measures from
// several goroutines agree (run with -race).
func TestPopulationConcurrent(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	ys, ws := randomData(r, 2000, true)
	p := mustPop(t, ys, ws)
	want, _ := p.Poverty(poverty.BelowLine, yuan(4000))
	done := make(chan []measure.Poverty)
	for range 4 {
		go func() {
			_, _ = p.Inequality()
			_, _ = p.Quantiles(poverty.RoundHalfUp, .1, .5)
			_, _ = p.ByGroup(poverty.BelowLine, yuan(3000))
			m, _ := p.Poverty(poverty.BelowLine, yuan(4000))
			done <- m
		}()
	}
	for range 4 {
		if diff := cmp.Diff(want, <-done, cmpopts.EquateNaNs()); diff != "" {
			t.Errorf("concurrent result differs:\n%s", diff)
		}
	}
}
