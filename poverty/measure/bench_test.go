package measure_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/poverty/measure"
)

// benchN is the size of the benchmark populations: ten million weighted
// observations, as the issue asks. Building them takes well under a second,
// once per test binary, outside b.Loop.
const benchN = 10_000_000

// benchData returns benchN welfare amounts, log-normal around a median of
// 5000 yuan (σ = 0.8), generated in increasing order from the inverse
// normal distribution, and whole-number weights 1 to 6 (household sizes)
// from a fixed seed, sorted within runs of equal welfare so that the
// observations arrive in the population's order and building it needs no
// sort. About 59% of the weight lies below the highest benchmark line.
var benchData = sync.OnceValues(func() ([]poverty.Money, []float64) {
	ys := make([]poverty.Money, benchN)
	ws := make([]float64, benchN)
	r := rand.New(rand.NewPCG(2020, 2021))
	start := 0
	for i := range ys {
		u := (float64(i) + 0.5) / benchN
		ys[i] = poverty.Money(math.Exp(math.Log(500000) + 0.8*math.Sqrt2*math.Erfinv(2*u-1)))
		ws[i] = float64(1 + r.IntN(6))
		if ys[i] != ys[start] {
			slices.Sort(ws[start:i])
			start = i
		}
	}
	slices.Sort(ws[start:])
	return ys, ws
})

var benchPopulation = sync.OnceValue(func() *measure.Population {
	ys, ws := benchData()
	p, err := measure.New(ys, ws)
	if err != nil {
		panic(err)
	}
	return p
})

var (
	sinkMeasures []measure.Poverty
	sinkFloat    float64
)

// BenchmarkPoverty10M: FGT0/1/2, Watts, Sen and the exact cost for three
// lines over ten million weighted observations, one pass.
func BenchmarkPoverty10M(b *testing.B) {
	p := benchPopulation()
	lines := []poverty.Money{poverty.YuanAmount(3000), poverty.YuanAmount(4000), poverty.YuanAmount(6000)}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m, err := p.Poverty(poverty.BelowLine, lines...)
		if err != nil {
			b.Fatal(err)
		}
		sinkMeasures = m
	}
	b.ReportMetric(float64(benchN)*float64(b.N)/b.Elapsed().Seconds(), "obs/s")
}

// BenchmarkGini10M: the weighted Gini over a built (sorted) population of
// ten million: one O(n) pass.
func BenchmarkGini10M(b *testing.B) {
	p := benchPopulation()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		g, err := p.Gini()
		if err != nil {
			b.Fatal(err)
		}
		sinkFloat = g
	}
}

// BenchmarkGini10MUnsorted: building a population from ten million
// shuffled observations (the O(n log n) sort) and its Gini.
func BenchmarkGini10MUnsorted(b *testing.B) {
	ys0, ws0 := benchData()
	ys := append([]poverty.Money(nil), ys0...)
	ws := append([]float64(nil), ws0...)
	r := rand.New(rand.NewPCG(7, 7))
	r.Shuffle(len(ys), func(i, j int) { ys[i], ys[j] = ys[j], ys[i]; ws[i], ws[j] = ws[j], ws[i] })
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		p, err := measure.New(ys, ws)
		if err != nil {
			b.Fatal(err)
		}
		g, err := p.Gini()
		if err != nil {
			b.Fatal(err)
		}
		sinkFloat = g
	}
}

// BenchmarkInequality10M: every inequality measure, one pass.
func BenchmarkInequality10M(b *testing.B) {
	p := benchPopulation()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		in, err := p.Inequality()
		if err != nil {
			b.Fatal(err)
		}
		sinkFloat = in.Gini
	}
}

// TestMeasureAllocs enforces the allocation budget: the poverty pass
// allocates its few result slices whatever the number of observations, and
// Gini and Inequality allocate nothing.
func TestMeasureAllocs(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	lines := []poverty.Money{yuan(3000), yuan(4000), yuan(6000)}
	var counts []float64
	for _, n := range []int{1000, 100_000} {
		ys, ws := randomData(r, n, true)
		p := mustPop(t, ys, ws)
		a := testing.AllocsPerRun(5, func() {
			if _, err := p.Poverty(poverty.BelowLine, lines...); err != nil {
				t.Fatal(err)
			}
		})
		if a > 4 {
			t.Errorf("n=%d: Poverty allocates %v times, budget 4", n, a)
		}
		counts = append(counts, a)
		if a := testing.AllocsPerRun(5, func() { _, _ = p.Gini() }); a != 0 {
			t.Errorf("n=%d: Gini allocates %v times", n, a)
		}
		if a := testing.AllocsPerRun(5, func() { _, _ = p.Inequality() }); a != 0 {
			t.Errorf("n=%d: Inequality allocates %v times", n, a)
		}
	}
	if counts[0] != counts[1] {
		t.Errorf("Poverty allocations grow with n: %v", counts)
	}
}

// BenchmarkBuild1M: building a population of a million shuffled
// observations (the radix sort), with welfare all positive and with a
// tenth of it negative (losses from operating income): with keys offset by
// the minimum both take the same two 16-bit passes.
func BenchmarkBuild1M(b *testing.B) {
	for _, bc := range []struct {
		name string
		neg  bool
	}{{"positive", false}, {"negative", true}} {
		b.Run(bc.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(3, 4))
			ys := make([]poverty.Money, 1<<20)
			for i := range ys {
				ys[i] = poverty.Money(r.Int64N(2_000_000_00))
				if bc.neg && i%10 == 0 {
					ys[i] = -ys[i] / 10
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				p, err := measure.New(ys, nil)
				if err != nil {
					b.Fatal(err)
				}
				sinkFloat = p.Weight()
			}
		})
	}
}

// benchHouseholds returns a million households with the four income
// components (log-normal amounts, a tenth with an operating loss) and 1 to
// 6 resident members; households of the same size share one read-only
// member slice, so that the million take about 200 MB.
var benchHouseholds = sync.OnceValue(func() []poverty.Household {
	const n = 1_000_000
	var members [7][]poverty.Member
	for size := range members {
		members[size] = make([]poverty.Member, size)
	}
	r := rand.New(rand.NewPCG(17, 2020))
	amount := func(median float64) poverty.Money {
		return poverty.Money(math.Exp(math.Log(median*100) + r.NormFloat64()))
	}
	hs := make([]poverty.Household, n)
	for i := range hs {
		in := poverty.Income{Wage: amount(6000) * poverty.Money(r.IntN(2)), OperatingIncome: amount(3000),
			OperatingCosts: amount(1000), Property: amount(200), TransferIncome: amount(1500), TransferSpending: amount(300)}
		if r.IntN(10) == 0 {
			in.OperatingCosts = in.OperatingIncome + amount(2000)
		}
		hs[i] = poverty.Household{ID: "h", Concept: poverty.DisposableIncome, Members: members[1+r.IntN(6)], Income: in}
	}
	return hs
})

var sinkShapley measure.Shapley

// BenchmarkShapley1M: the exact Shapley decomposition of FGT0/1/2 at three
// lines and of the Gini by the four income components over a million
// survey-weighted households: 16 populations of a million.
func BenchmarkShapley1M(b *testing.B) {
	hs := benchHouseholds()
	opt := measure.AttributeOptions{SurveyWeight: func(h *poverty.Household) float64 { return 1 + float64(h.Income.Property%7)/4 }}
	lines := []poverty.Money{poverty.YuanAmount(3000), poverty.YuanAmount(4000), poverty.YuanAmount(6000)}
	src := measure.IncomeComponents()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		s, err := measure.AttributeShapley(hs, src, opt, lines...)
		if err != nil {
			b.Fatal(err)
		}
		sinkShapley = s
	}
	b.ReportMetric(float64(len(hs))*float64(b.N)/b.Elapsed().Seconds(), "households/s")
}
