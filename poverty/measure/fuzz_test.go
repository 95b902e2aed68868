package measure_test

import (
	"encoding/binary"
	"math"
	"testing"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/poverty/measure"
)

// FuzzRelativeBaseText: the RelativeBase decoder never panics and round-trips.
func FuzzRelativeBaseText(f *testing.F) {
	for _, s := range []string{"median", "mean", "unknown", "", "Median", "mode"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b measure.RelativeBase
		if err := b.UnmarshalText([]byte(s)); err != nil {
			return
		}
		out, err := b.MarshalText()
		if err != nil || string(out) != s {
			t.Errorf("%q decodes to %v, encodes to %q (%v)", s, b, out, err)
		}
	})
}

// FuzzMeasures decodes arbitrary bytes into observations (welfare, weight
// and group, 11 bytes each) and a line, and checks that nothing panics and
// that the measures keep their invariants: 0 <= FGT0 <= 1, FGT0 = poor
// weight / total, FGT1 = FGT0 × income gap ratio, group contributions sum
// to the total, and the Gini of positive welfare lies in [0, 1).
func FuzzMeasures(f *testing.F) {
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 9, 0, 0, 0, 0, 0, 0, 0, 3, 1, 7}, int64(500), uint8(0))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 1}, int64(1), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, line int64, boundary uint8) {
		var b measure.Builder
		for len(data) >= 11 {
			y := poverty.Money(int64(binary.LittleEndian.Uint64(data)) >> 14) // keep most within MaxAmount
			w := float64(data[8]) / 4
			g := string('a' + rune(data[9]%4))
			if data[10]%7 == 0 {
				w = math.Float64frombits(binary.LittleEndian.Uint64(data)) // NaN, Inf, negative...
			}
			data = data[11:]
			if err := b.Add(y, w, g); err != nil {
				return // rejected input is fine; panics are not
			}
		}
		p, err := b.Build()
		if err != nil {
			return
		}
		bd := poverty.Boundary(boundary % 2)
		z := poverty.Money(line)
		r, err := p.ByGroup(bd, z)
		if err != nil {
			return
		}
		m := r.Total.Poverty[0]
		if !(m.Incidence >= 0 && m.Incidence <= 1+1e-12) {
			t.Fatalf("incidence %v", m.Incidence)
		}
		if d := m.Incidence - m.Poor/m.Population; math.Abs(d) > 1e-9 {
			t.Fatalf("incidence %v, poor/population %v", m.Incidence, m.Poor/m.Population)
		}
		if d := m.Gap - m.Incidence*m.IncomeGapRatio; math.Abs(d) > 1e-9*math.Max(1, math.Abs(m.Gap)) {
			t.Fatalf("gap %v != incidence %v × ratio %v", m.Gap, m.Incidence, m.IncomeGapRatio)
		}
		var sum float64
		for _, g := range r.Groups {
			sum += g.Contributions[0].Incidence
		}
		if math.Abs(sum-m.Incidence) > 1e-9 {
			t.Fatalf("contributions sum to %v, total %v", sum, m.Incidence)
		}
		if lo, _ := p.Min(); lo > 0 {
			g, err := p.Gini()
			if err != nil || g < -1e-12 || g >= 1 {
				t.Fatalf("Gini %v, %v on positive welfare", g, err)
			}
		}
		if _, err := p.Inequality(); err != nil {
			t.Fatal(err)
		}
		if _, err := p.LineForShare(50*poverty.Percent, bd); err != nil {
			t.Fatal(err)
		}
		if _, err := p.Quantiles(poverty.RoundHalfEven, 0, .5, 1); err != nil {
			t.Fatal(err)
		}
	})
}
