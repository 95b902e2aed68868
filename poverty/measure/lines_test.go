package measure_test

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/poverty/measure"
)

func TestQuantiles(t *testing.T) {
	tests := []struct {
		name    string
		welfare []poverty.Money
		weights []float64
		qs      []float64
		want    []poverty.Money
	}{
		// Unweighted, type 7: h = (n-1)q + 1 over 1000..4000:
		// q=.25: h=1.75 → 1000 + .75×1000 = 1750; q=.5: 2500; q=.75: 3250.
		{"unweighted", []poverty.Money{yuan(4000), yuan(1000), yuan(3000), yuan(2000)}, nil,
			[]float64{0, .25, .5, .75, 1}, []poverty.Money{yuan(1000), yuan(1750), yuan(2500), yuan(3250), yuan(4000)}},
		// Weighted 1000 (w1), 2000 (w2), 4000 (w1): centres of weight at
		// .5, 2, 3.5; span 3. q=.25 → 1.25, halfway from .5 to 2 → 1500;
		// q=.5 → 2 → 2000; q=.75 → 2.75, halfway from 2 to 3.5 → 3000.
		{"weighted", []poverty.Money{yuan(1000), yuan(2000), yuan(4000)}, []float64{1, 2, 1},
			[]float64{0, .25, .5, .75, 1}, []poverty.Money{yuan(1000), yuan(1500), yuan(2000), yuan(3000), yuan(4000)}},
		// The same with weights ×7: weights are relative.
		{"weighted scaled", []poverty.Money{yuan(1000), yuan(2000), yuan(4000)}, []float64{7, 14, 7},
			[]float64{.25, .5, .75}, []poverty.Money{yuan(1500), yuan(2000), yuan(3000)}},
		// A heavy middle observation holds the median.
		{"heavy middle", []poverty.Money{yuan(1), yuan(2), yuan(3)}, []float64{1, 10, 1},
			[]float64{.5}, []poverty.Money{yuan(2)}},
		// Half a fen rounds half up: median of 0.01 and 0.02 is 0.015.
		{"rounding", []poverty.Money{1, 2}, nil, []float64{.5}, []poverty.Money{2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := mustPop(t, tc.welfare, tc.weights).Quantiles(poverty.RoundHalfUp, tc.qs...)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Quantiles (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRelativeLine(t *testing.T) {
	// The hand-worked population: weighted median. Centres of weight:
	// 1000 at 1, 2000 at 2.5, 3000 at 4.5, 5000 at 7, 8000 at 9; span 8;
	// q=.5 → 1 + 4 = 5, from 4.5 (3000) to 7 (5000) at .2 → 3400.
	// Mean = (2000 + 2000 + 9000 + 10000 + 16000)/10 = 3900.
	p := mustPop(t, handWelfare, handWeights)
	tests := []struct {
		name  string
		share poverty.Rate
		base  measure.RelativeBase
		want  poverty.Money
	}{
		{"50% of median", 50 * poverty.Percent, measure.OfMedian, yuan(1700)},
		{"40% of median", 40 * poverty.Percent, measure.OfMedian, yuan(1360)},
		{"60% of median", 60 * poverty.Percent, measure.OfMedian, yuan(2040)},
		{"40% of mean", 40 * poverty.Percent, measure.OfMean, yuan(1560)},
		// 3900 × 0.333333 = 1299.9987, rounded half up to the fen.
		{"one third of mean", mustRate("0.333333"), measure.OfMean, yuan(1300)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := p.RelativeLine(tc.share, tc.base, poverty.RoundHalfUp)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("RelativeLine = %s, want %s", got, tc.want)
			}
		})
	}
	med, _ := p.Median(poverty.RoundHalfUp)
	mean, _ := p.Mean(poverty.RoundHalfUp)
	if med != yuan(3400) || mean != yuan(3900) {
		t.Errorf("Median %s, Mean %s; want 3400.00, 3900.00", med, mean)
	}
}

func TestLineForShare(t *testing.T) {
	// Hand-worked population, cumulative shares by weight: 1000 → .2,
	// 2000 → .3, 3000 → .6, 5000 → .8, 8000 → 1.
	p := mustPop(t, handWelfare, handWeights)
	tests := []struct {
		share poverty.Rate
		b     poverty.Boundary
		want  poverty.Money
	}{
		{30 * poverty.Percent, poverty.BelowLine, yuan(2000) + 1},
		{30 * poverty.Percent, poverty.AtOrBelowLine, yuan(2000)},
		{25 * poverty.Percent, poverty.BelowLine, yuan(2000) + 1},
		{1 * poverty.Percent, poverty.BelowLine, yuan(1000) + 1},
		{61 * poverty.Percent, poverty.AtOrBelowLine, yuan(5000)},
		{poverty.One, poverty.BelowLine, yuan(8000) + 1},
	}
	for _, tc := range tests {
		t.Run(tc.share.Percent()+" "+tc.b.String(), func(t *testing.T) {
			got, err := p.LineForShare(tc.share, tc.b)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("LineForShare = %s, want %s", got, tc.want)
			}
		})
	}
}

// TestLineForShareInvertsIncidence: at the returned line the incidence
// reaches the share, one fen lower it does not.
func TestLineForShareInvertsIncidence(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for trial := range 50 {
		ys, ws := randomData(r, 1+r.IntN(300), false)
		if trial%2 == 1 {
			for i := range ws {
				ws[i] = r.Float64() * 3
			}
		}
		p := mustPop(t, ys, ws)
		for _, b := range []poverty.Boundary{poverty.BelowLine, poverty.AtOrBelowLine} {
			share := poverty.Rate(1 + r.IntN(poverty.RateScale))
			z, err := p.LineForShare(share, b)
			if err != nil {
				t.Fatal(err)
			}
			m, err := p.Poverty(b, z, z-1)
			if err != nil {
				if z-1 <= 0 { // the lowest welfare is at or below one fen
					continue
				}
				t.Fatal(err)
			}
			s := share.Float64()
			if m[0].Incidence < s-1e-12 || m[1].Incidence >= s {
				t.Errorf("trial %d %v: share %v: line %s has incidence %v, one fen lower %v", trial, b, s, z, m[0].Incidence, m[1].Incidence)
			}
		}
	}
}
