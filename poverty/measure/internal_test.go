package measure

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"golang.org/x/exp/stats"

	"github.com/openfupin/fupin/poverty"
)

// TestWeightedQuantileAgreesWithStats checks the weighted type-7 quantile
// against golang.org/x/exp/stats when every weight is the same (and not 1,
// so that the weighted code path really runs).
func TestWeightedQuantileAgreesWithStats(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	qs := []float64{0, .01, .1, .25, 1.0 / 3, .5, .6, .75, .9, .99, 1}
	for trial := range 200 {
		n := 1 + r.IntN(50)
		w := 0.5 + r.Float64()*5
		os := make([]obs, n)
		ys := make([]float64, n)
		for i := range os {
			y := poverty.Money(r.IntN(1_000_000) - 1000)
			if r.IntN(4) == 0 && i > 0 {
				y = os[i-1].y // ties
			}
			os[i] = obs{y: y, w: w}
		}
		slices.SortFunc(os, func(a, b obs) int { return int(a.y - b.y) })
		for i := range os {
			ys[i] = float64(os[i].y)
		}
		want := stats.Quantiles(ys, qs...)
		for k, q := range qs {
			got := weightedQuantile(os, q)
			if math.Abs(got-want[k]) > 1e-6*math.Max(1, math.Abs(want[k])) {
				t.Errorf("trial %d (n=%d, w=%v): q=%v: weighted %v, stats %v", trial, n, w, q, got, want[k])
			}
		}
	}
}

func TestWeightedQuantileSkipsZeroWeights(t *testing.T) {
	// Zero-weight observations, even at the ends, change nothing.
	a := []obs{{y: 100, w: 1}, {y: 200, w: 1}, {y: 400, w: 1}}
	b := []obs{{y: 50, w: 0}, {y: 100, w: 1}, {y: 150, w: 0}, {y: 200, w: 1}, {y: 400, w: 1}, {y: 900, w: 0}}
	for _, q := range []float64{0, .2, .5, .8, 1} {
		if x, y := weightedQuantile(a, q), weightedQuantile(b, q); x != y {
			t.Errorf("q=%v: %v without zero weights, %v with", q, x, y)
		}
	}
}

func TestInt128(t *testing.T) {
	tests := []struct {
		a, b int64
		want string
	}{
		{3, 4, "12"},
		{-3, 4, "-12"},
		{math.MaxInt64, math.MaxInt64, "big"},
		{-math.MaxInt64, 2, "big"},
	}
	for _, tc := range tests {
		x := mul64(tc.a, tc.b)
		v, ok := x.int64()
		switch tc.want {
		case "big":
			if ok {
				t.Errorf("%d×%d fits in int64: %d", tc.a, tc.b, v)
			}
			// x + (-x) == 0
			if z, ok := x.add(x.neg()).int64(); !ok || z != 0 {
				t.Errorf("%d×%d: x - x = %d, %v", tc.a, tc.b, z, ok)
			}
		default:
			if !ok || strconv.Itoa(int(v)) != tc.want {
				t.Errorf("%d×%d = %d (%v), want %s", tc.a, tc.b, v, ok, tc.want)
			}
		}
	}
	if cmp128(mul64(1, 1), mul64(-1, 1)) <= 0 || cmp128(mul64(math.MaxInt64, 4), mul64(math.MaxInt64, 3)) <= 0 {
		t.Error("cmp128 order wrong")
	}
}

// TestSortObs: the radix sort gives exactly the comparison sort's order,
// with negative amounts, ties and every digit in play.
func TestSortObs(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	less := compareObs
	for _, span := range []int64{10, 1 << 20, 1 << 40, int64(poverty.MaxAmount)} {
		os := make([]obs, radixMin+1000)
		for i := range os {
			os[i] = obs{y: poverty.Money(r.Int64N(2*span) - span), w: float64(r.IntN(4)), g: int32(r.IntN(3))}
		}
		want := slices.Clone(os)
		slices.SortFunc(want, less)
		sortObs(os, less)
		if !slices.Equal(want, os) {
			t.Errorf("span %d: radix sort order differs from the comparison sort", span)
		}
	}
}
