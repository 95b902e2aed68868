package risk_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

func result(id, group string, people int, s poverty.Status, c risk.Category, t risk.Tier, why ...string) risk.HouseholdResult {
	return risk.HouseholdResult{Household: id, Group: group, People: people, Status: s, Category: c, Tier: t, Reasons: why}
}

func TestCompare(t *testing.T) {
	base := []risk.HouseholdResult{
		result("H1", "T01", 4, poverty.NotPoor, risk.CategoryNone, risk.Green, "above the line"),
		result("H2", "T01", 3, poverty.LiftedOut, risk.CategoryNone, risk.Yellow),
		result("H3", "T02", 5, poverty.InMonitoringRange, risk.MarginalAtRisk, risk.Orange),
		result("H4", "T02", 2, poverty.NotPoor, risk.CategoryNone, risk.Green),
	}
	// The reform raises the line: H1 becomes marginal and monitored, H2 is
	// monitored in an orange tier, H3 does not move, H4 does not either.
	reform := []risk.HouseholdResult{
		result("H4", "T02", 2, poverty.NotPoor, risk.CategoryNone, risk.Green),
		result("H3", "T02", 5, poverty.InMonitoringRange, risk.MarginalAtRisk, risk.Orange),
		result("H2", "T01", 3, poverty.LiftedOut, risk.UnstableLiftedOut, risk.Orange),
		result("H1", "T01", 4, poverty.InMonitoringRange, risk.MarginalAtRisk, risk.Yellow, "below the line"),
	}
	got, err := risk.Compare(base, reform, 1)
	if err != nil {
		t.Fatal(err)
	}
	sh := func(d risk.Dimension, from, to string, dir risk.Direction, hh, people int) risk.Shift {
		return risk.Shift{Dimension: d, From: from, To: to, Direction: dir, Households: hh, People: people}
	}
	t01 := []risk.Shift{
		sh(risk.DimensionCategory, "none", "marginal", risk.Worse, 1, 4),
		sh(risk.DimensionCategory, "none", "unstable_lifted_out", risk.Worse, 1, 3),
		sh(risk.DimensionStatus, "not_poor", "in_monitoring_range", risk.Worse, 1, 4),
		sh(risk.DimensionTier, "green", "yellow", risk.Worse, 1, 4),
		sh(risk.DimensionTier, "yellow", "orange", risk.Worse, 1, 3),
	}
	want := risk.Comparison{
		Households: 4, People: 14, Changed: 2, ChangedPeople: 7,
		Shifts: t01,
		ByGroup: []risk.GroupShifts{
			{Group: "T01", Households: 2, People: 7, Shifts: t01},
			{Group: "T02", Households: 2, People: 7},
		},
		Sample: []risk.Change{{Base: base[0], Reform: reform[3],
			Dimensions: []risk.Dimension{risk.DimensionStatus, risk.DimensionCategory, risk.DimensionTier}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Compare (-want +got):\n%s", diff)
	}
	if hh, people := got.Count(risk.DimensionCategory, risk.Worse); hh != 2 || people != 7 {
		t.Errorf("Count(category, worse) = %d, %d; want 2, 7", hh, people)
	}
	if hh, people := got.ByGroup[1].Count(risk.DimensionTier, risk.Worse); hh != 0 || people != 0 {
		t.Errorf("T02 Count(tier, worse) = %d, %d; want 0, 0", hh, people)
	}
}

func TestCompareErrors(t *testing.T) {
	a := result("H1", "", 1, poverty.NotPoor, risk.CategoryNone, risk.Green)
	b := result("H2", "", 1, poverty.NotPoor, risk.CategoryNone, risk.Green)
	for _, tc := range []struct {
		name         string
		base, reform []risk.HouseholdResult
		record       string
		want         error
	}{
		{"missing from the reform", []risk.HouseholdResult{a, b}, []risk.HouseholdResult{a}, "base result 1", poverty.ErrMissing},
		{"missing from the baseline", []risk.HouseholdResult{a}, []risk.HouseholdResult{a, b}, "reform result 1", poverty.ErrMissing},
		{"duplicate in the baseline", []risk.HouseholdResult{a, a}, []risk.HouseholdResult{a}, "base result 1", poverty.ErrDuplicate},
		{"duplicate in the reform", []risk.HouseholdResult{a}, []risk.HouseholdResult{a, a}, "reform result 1", poverty.ErrDuplicate},
		{"no key", []risk.HouseholdResult{{}}, []risk.HouseholdResult{a}, "base result 0", poverty.ErrMissing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := risk.Compare(tc.base, tc.reform, 0)
			var fe *poverty.FieldError
			if !errors.As(err, &fe) || !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want a FieldError wrapping %v", err, tc.want)
			}
			if got := [3]string{fe.Op, fe.Record, fe.Field}; got != [3]string{"risk.Compare", tc.record, "household"} {
				t.Errorf("error names %q, want risk.Compare, %q, household", got, tc.record)
			}
		})
	}
}

// TestCompareProperties checks invariants on random results: comparing a
// list with itself changes nothing; swapping baseline and reform swaps
// worse and better and keeps the counts; the groups add up to the total.
func TestCompareProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	statuses := []poverty.Status{poverty.RegisteredPoor, poverty.LiftedOut, poverty.InMonitoringRange, poverty.PoorUnregistered, poverty.NotPoor}
	for round := range 50 {
		n := 1 + rng.IntN(60)
		base := make([]risk.HouseholdResult, n)
		reform := make([]risk.HouseholdResult, n)
		for i := range base {
			id, g := fmt.Sprintf("H%d", i), fmt.Sprintf("T%d", rng.IntN(4))
			people := 1 + rng.IntN(6)
			base[i] = result(id, g, people, statuses[rng.IntN(5)], risk.Category(rng.IntN(4)), risk.Tier(1+rng.IntN(4)))
			reform[i] = result(id, g, people, statuses[rng.IntN(5)], risk.Category(rng.IntN(4)), risk.Tier(1+rng.IntN(4)))
		}
		rng.Shuffle(n, func(i, j int) { reform[i], reform[j] = reform[j], reform[i] })
		same, err := risk.Compare(base, base, n)
		if err != nil {
			t.Fatal(err)
		}
		if same.Changed != 0 || len(same.Shifts) != 0 || len(same.Sample) != 0 {
			t.Fatalf("round %d: a list compared with itself changed: %+v", round, same)
		}
		fwd, err := risk.Compare(base, reform, n)
		if err != nil {
			t.Fatal(err)
		}
		back, err := risk.Compare(reform, base, n)
		if err != nil {
			t.Fatal(err)
		}
		if fwd.Changed != back.Changed || fwd.ChangedPeople != back.ChangedPeople || len(fwd.Sample) != fwd.Changed {
			t.Fatalf("round %d: changed %d/%d forward, %d/%d back, sample %d", round, fwd.Changed, fwd.ChangedPeople, back.Changed, back.ChangedPeople, len(fwd.Sample))
		}
		for _, d := range []risk.Dimension{risk.DimensionStatus, risk.DimensionCategory, risk.DimensionTier} {
			for _, pair := range [][2]risk.Direction{{risk.Worse, risk.Better}, {risk.Better, risk.Worse}, {risk.Across, risk.Across}} {
				h1, p1 := fwd.Count(d, pair[0])
				h2, p2 := back.Count(d, pair[1])
				if h1 != h2 || p1 != p2 {
					t.Fatalf("round %d: %s %s forward %d/%d, %s back %d/%d", round, d, pair[0], h1, p1, pair[1], h2, p2)
				}
				sh, sp := 0, 0
				for i := range fwd.ByGroup {
					h, p := fwd.ByGroup[i].Count(d, pair[0])
					sh, sp = sh+h, sp+p
				}
				if sh != h1 || sp != p1 {
					t.Fatalf("round %d: groups add up to %d/%d, total %d/%d", round, sh, sp, h1, p1)
				}
			}
		}
	}
}

// BenchmarkCompare pairs and tallies two county-sized result lists.
func BenchmarkCompare(b *testing.B) {
	const n = 84000
	base := make([]risk.HouseholdResult, n)
	reform := make([]risk.HouseholdResult, n)
	for i := range base {
		id := fmt.Sprintf("H530120-%07d", i)
		base[i] = result(id, fmt.Sprintf("T%02d", i%28), 4, poverty.NotPoor, risk.CategoryNone, risk.Green)
		reform[i] = base[i]
		if i%50 == 0 {
			reform[i].Status, reform[i].Category, reform[i].Tier = poverty.InMonitoringRange, risk.MarginalAtRisk, risk.Yellow
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := risk.Compare(base, reform, 10); err != nil {
			b.Fatal(err)
		}
	}
}

// Compare pairs a county's results under the baseline and under a higher
// monitoring line, and says who moved and which way.
func ExampleCompare() {
	base := []risk.HouseholdResult{
		{Household: "H1", Group: "T01", People: 4, Status: poverty.NotPoor, Category: risk.CategoryNone, Tier: risk.Green},
		{Household: "H2", Group: "T01", People: 3, Status: poverty.InMonitoringRange, Category: risk.MarginalAtRisk, Tier: risk.Yellow},
	}
	reform := []risk.HouseholdResult{
		{Household: "H2", Group: "T01", People: 3, Status: poverty.InMonitoringRange, Category: risk.MarginalAtRisk, Tier: risk.Orange},
		{Household: "H1", Group: "T01", People: 4, Status: poverty.InMonitoringRange, Category: risk.MarginalAtRisk, Tier: risk.Yellow,
			Reasons: []string{"per-capita income 6,100 below the line 6,500"}},
	}
	c, err := risk.Compare(base, reform, 5)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d of %d households changed (%d people)\n", c.Changed, c.Households, c.ChangedPeople)
	for _, s := range c.Shifts {
		fmt.Printf("%s %s -> %s (%s): %d households, %d people\n", s.Dimension, s.From, s.To, s.Direction, s.Households, s.People)
	}
	fmt.Println(c.Sample[0].Reform.Household, c.Sample[0].Dimensions, c.Sample[0].Reform.Reasons)
	// Output:
	// 2 of 2 households changed (7 people)
	// category none -> marginal (worse): 1 households, 4 people
	// status not_poor -> in_monitoring_range (worse): 1 households, 4 people
	// tier green -> yellow (worse): 1 households, 4 people
	// tier yellow -> orange (worse): 1 households, 3 people
	// H1 [status category tier] [per-capita income 6,100 below the line 6,500]
}
