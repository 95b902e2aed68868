package predict

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// The exactness tests: what the library counts on generated records equals
// an independent per-record oracle computed from the generator's own
// fields, whatever the published figures.

// TestZhenxiongOracle counts the labour force, the supported workers and
// those of registered households from each generated member: of working
// age under the Jilin rule (16-55 for women, 16-60 for men, inclusive, on
// 31 December), able or partly able to work, and holding in 2020 a job
// from an assistance channel (a workshop, a welfare post, or a migrant job
// placed by a workstation or a job fair: gen.Record.Labor's mapping).
func TestZhenxiongOracle(t *testing.T) {
	for _, seed := range []uint64{1, 7} {
		got, err := Zhenxiong(seed, 4000)
		if err != nil {
			t.Fatal(err)
		}
		var want struct{ Force, Supported, Poor, Workshop, WorkshopPoor int64 }
		end := poverty.MustDate(2020, time.December, 31)
		for rec := range (gen.Config{Seed: seed, Households: 4000, Year: 2020}).All() {
			poor := rec.Registration.Registered != 0 && rec.Registration.Registered <= 2020
			for i := range rec.Members {
				m, p := &rec.Members[i], &rec.People[i]
				age := m.BirthDate.AgeOn(end)
				top := 60
				if m.Sex == poverty.Female {
					top = 55
				}
				if age < 16 || age > top || !m.Capacity.CanWork() {
					continue
				}
				want.Force++
				assisted := p.Work == gen.WorkshopJob || p.Work == gen.WelfarePost ||
					p.Work.Migrant() && (rec.Index*7+i*13)%20 < 17
				if assisted && p.WorkMonths > 0 {
					want.Supported++
					if poor {
						want.Poor++
					}
				}
				if p.Work == gen.WorkshopJob && p.WorkMonths > 0 {
					want.Workshop++
					if poor {
						want.WorkshopPoor++
					}
				}
			}
		}
		have := struct{ Force, Supported, Poor, Workshop, WorkshopPoor int64 }{got.Tally.LaborForce, got.Tally.Supported,
			got.Tally.SupportedPoor, got.Workshop.Supported, got.Workshop.SupportedPoor}
		if diff := cmp.Diff(want, have); diff != "" {
			t.Errorf("seed %d: labor's tally against the oracle (-oracle +labor):\n%s", seed, diff)
		}
	}
}

// TestAnhuiOracle checks, case by case, the measures the catalogue proposed
// against the catalogue's data read directly (a measure of the household's
// type addressing one of its factors; the safety net for a household
// without workers; the fallback when no development measure applies), and
// every elimination against the monthly incomes summed by hand: each of
// the stable months' monitoring windows before the visit at or above the line.
func TestAnhuiOracle(t *testing.T) {
	catalog := risk.DefaultCatalog().Measures()
	line, err := poverty.Default().MonitoringLine(2020, poverty.MustParseRegion("34"), poverty.LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cases := 0
	stable := 0
	each := func(rec *gen.Record, c *risk.Case) {
		cases++
		info := c.Info()
		workers := rec.Workers()
		var want []string
		dev := false
		for _, m := range catalog {
			hit := m.Factors&info.Factors != 0
			switch {
			case m.Type == risk.Development && workers > 0 && hit:
				want, dev = append(want, m.Code), true
			case m.Type == risk.SafetyNet && (hit || workers == 0 && m.NoLabour):
				want = append(want, m.Code)
			}
		}
		if workers > 0 && !dev {
			want = append([]string{"transfer_employment"}, want...)
		}
		var got []string
		var eliminated *risk.Entry
		for _, e := range c.History() {
			if e.Measure != nil {
				got = append(got, e.Measure.Code)
			}
			if e.Stage == risk.Eliminated {
				eliminated = &e
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (factors %s, %d workers): measures (-oracle +case):\n%s", rec.ID, info.Factors, workers, diff)
		}
		if eliminated == nil {
			return
		}
		n := poverty.Money(rec.Residents())
		visit := eliminated.Date.YearMonth()
		for j := 1; j <= stable; j++ {
			end := visit.Add(-j)
			var sum poverty.Money
			for _, mi := range rec.Monthly {
				if mi.Month <= end && mi.Month > end.Add(-12) {
					t, err := mi.Income.Total()
					if err != nil {
						panic(err)
					}
					sum += t
				}
			}
			if sum/n < line.Amount {
				t.Errorf("%s eliminated on %s, but the window ending %s has %s a head, below %s", rec.ID, eliminated.Date, end, sum/n, line.Amount)
			}
		}
	}
	for _, stable = range []int{3, 6} {
		in := AnhuiInput{Seed: 3, Households: 3000, Each: each}
		if stable != 6 {
			in.StableMonths = stable
		}
		if _, err := RunAnhui(in); err != nil {
			t.Fatal(err)
		}
	}
	if cases == 0 {
		t.Fatal("no marginal household generated")
	}
}
