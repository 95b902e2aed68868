package measure_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openfupin/fupin/poverty"
)

// TestFGTIdentities checks the published identities on generated data:
// FGT0 is the headcount ratio (weight of the poor over the population),
// FGT1 = FGT0 × income-gap ratio, FGT2 <= FGT1 <= FGT0 when no welfare is
// negative, and Sen = H (I + (1 - I) Gp) with Gp the Gini of the poor.
func TestFGTIdentities(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for trial := range 40 {
		ys, ws := randomData(r, 1+r.IntN(400), false)
		p := mustPop(t, ys, ws)
		lines := []poverty.Money{yuan(1000 + int64(r.IntN(9000))), yuan(3000), yuan(5000)}
		b := poverty.Boundary(trial % 2)
		ms, err := p.Poverty(b, lines...)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			got := []float64{m.Incidence, m.Gap}
			want := []float64{m.Poor / m.Population, m.Incidence * m.IncomeGapRatio}
			if diff := cmp.Diff(want, got, approxLoose); diff != "" {
				t.Errorf("trial %d line %s: identities (-want +got):\n%s", trial, m.Line, diff)
			}
			if m.Severity > m.Gap+1e-12 || m.Gap > m.Incidence+1e-12 {
				t.Errorf("trial %d line %s: FGT2 %v <= FGT1 %v <= FGT0 %v fails", trial, m.Line, m.Severity, m.Gap, m.Incidence)
			}
			// Sen against the Gini of the poor, computed from a population of the poor only.
			var py []poverty.Money
			var pw []float64
			for i, y := range ys {
				if b.Below(y, m.Line) {
					py, pw = append(py, y), append(pw, ws[i])
				}
			}
			if len(py) == 0 {
				if m.Sen != 0 {
					t.Errorf("Sen %v with nobody poor", m.Sen)
				}
				continue
			}
			gp, err := mustPop(t, py, pw).Gini()
			if err != nil {
				continue // the poor have zero mean income: Gp undefined
			}
			wantSen := m.Incidence * (m.IncomeGapRatio + (1-m.IncomeGapRatio)*gp)
			if diff := cmp.Diff(wantSen, m.Sen, approxLoose); diff != "" {
				t.Errorf("trial %d line %s: Sen (-H(I+(1-I)Gp) +got):\n%s", trial, m.Line, diff)
			}
		}
	}
}

// TestFGTScaleInvariance: multiplying every income and the line by the same
// factor leaves every measure except Cost unchanged.
func TestFGTScaleInvariance(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for trial := range 30 {
		ys, ws := randomData(r, 1+r.IntN(300), trial%3 == 0)
		k := poverty.Money(2 + r.IntN(20))
		line := yuan(int64(500 + r.IntN(8000)))
		scaled := make([]poverty.Money, len(ys))
		for i, y := range ys {
			scaled[i] = y * k
		}
		m1, err := mustPop(t, ys, ws).Poverty(poverty.BelowLine, line)
		if err != nil {
			t.Fatal(err)
		}
		m2, err := mustPop(t, scaled, ws).Poverty(poverty.BelowLine, line*k)
		if err != nil {
			t.Fatal(err)
		}
		if m2[0].Cost != m1[0].Cost*k {
			t.Errorf("trial %d: cost %s scaled by %d is %s, want %s", trial, m1[0].Cost, k, m2[0].Cost, m1[0].Cost*k)
		}
		m2[0].Line, m2[0].Cost = m1[0].Line, m1[0].Cost
		if diff := cmp.Diff(m1[0], m2[0], approxLoose); diff != "" {
			t.Errorf("trial %d: scaling by %d changes the measures (-original +scaled):\n%s", trial, k, diff)
		}
	}
}

// TestFGTMonotone: raising any poor person's income never raises FGT0,
// FGT1, FGT2 or Watts.
func TestFGTMonotone(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	const eps = 1e-12
	for trial := range 200 {
		ys, ws := randomData(r, 2+r.IntN(100), trial%2 == 0)
		line := yuan(5000)
		b := poverty.Boundary(trial % 2)
		before, err := mustPop(t, ys, ws).Poverty(b, line)
		if err != nil {
			t.Fatal(err)
		}
		var poor []int
		for i, y := range ys {
			if b.Below(y, line) {
				poor = append(poor, i)
			}
		}
		if len(poor) == 0 {
			continue
		}
		i := poor[r.IntN(len(poor))]
		ys[i] += poverty.Money(1 + r.IntN(600000))
		after, err := mustPop(t, ys, ws).Poverty(b, line)
		if err != nil {
			t.Fatal(err)
		}
		x, y := before[0], after[0]
		if y.Incidence > x.Incidence+eps || y.Gap > x.Gap+eps || y.Severity > x.Severity+eps || (y.Watts > x.Watts+eps && !math.IsInf(x.Watts, 1)) {
			t.Errorf("trial %d: raising a poor income raised poverty:\nbefore %+v\nafter  %+v", trial, x, y)
		}
		if y.Cost > x.Cost {
			t.Errorf("trial %d: cost rose from %s to %s", trial, x.Cost, y.Cost)
		}
	}
}
