package gen_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/poverty"
)

func TestDeterministic(t *testing.T) {
	c := gen.Config{Seed: 7, Households: 20000, IDNumbers: true}
	var a, b bytes.Buffer
	if _, err := gen.WriteCSV(&a, c); err != nil {
		t.Fatal(err)
	}
	if _, err := gen.WriteCSV(&b, c); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two runs with the same config differ")
	}
	// The parallel writer gives the bytes of the households in order.
	want := []byte(gen.CSVHeader + "\n")
	for rec := range c.All() {
		want = gen.AppendCSV(want, rec)
	}
	if !bytes.Equal(a.Bytes(), want) {
		t.Fatal("WriteCSV differs from AppendCSV over All")
	}
	var d bytes.Buffer
	c.Seed = 8
	if _, err := gen.WriteCSV(&d, c); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Bytes(), d.Bytes()) {
		t.Fatal("different seeds give the same population")
	}
}

// TestShards checks that household i made directly equals the i-th
// household of the stream, so populations can be split across goroutines.
func TestShards(t *testing.T) {
	c := gen.Config{Seed: 3, Households: 500, IDNumbers: true}
	g, err := gen.New(c)
	if err != nil {
		t.Fatal(err)
	}
	opts := cmp.Options{cmp.AllowUnexported(poverty.IDNumber{}, poverty.Date{}), cmpopts.EquateEmpty()}
	i := 0
	var direct gen.Record
	for rec := range c.All() {
		g.Fill(&direct, rec.Index)
		if rec.Index != i {
			t.Fatalf("index %d at position %d", rec.Index, i)
		}
		if diff := cmp.Diff(*rec, direct, opts); diff != "" {
			t.Fatalf("household %d (-stream +direct):\n%s", i, diff)
		}
		i++
	}
	if i != c.Households {
		t.Fatalf("streamed %d households, want %d", i, c.Households)
	}
}

// TestValidRecords checks every generated household against the
// library's own validation and the generator's invariants.
func TestValidRecords(t *testing.T) {
	c := gen.Config{Seed: 11, Households: 5000, IDNumbers: true}
	for rec := range c.All() {
		if err := rec.Validate(); err != nil {
			t.Fatalf("household %s: %v", rec.ID, err)
		}
		if len(rec.People) != len(rec.Members) {
			t.Fatalf("household %s: %d people for %d members", rec.ID, len(rec.People), len(rec.Members))
		}
		year := poverty.Window{From: poverty.YearMonthOf(2020, time.January), To: poverty.YearMonthOf(2020, time.December)}
		sum, err := poverty.SumWindow(rec.Monthly, year)
		if err != nil {
			t.Fatalf("household %s: %v", rec.ID, err)
		}
		if diff := cmp.Diff(rec.Income, sum); diff != "" {
			t.Fatalf("household %s: annual income is not the sum of the months (-annual +sum):\n%s", rec.ID, diff)
		}
		for i, m := range rec.Members {
			if m.IDNumber.IsZero() || m.IDNumber.BirthDate() != m.BirthDate || m.IDNumber.Sex() != m.Sex {
				t.Fatalf("household %s member %d: identity number %v does not match", rec.ID, i, m.IDNumber)
			}
			p := rec.People[i]
			if p.Guardian >= len(rec.Members) || p.Mother >= len(rec.Members) || p.Father >= len(rec.Members) {
				t.Fatalf("household %s member %d: index out of range: %+v", rec.ID, i, p)
			}
			if p.Work.Migrant() != (m.MonthsAway > 6 && p.Work != gen.NoWork) && p.Work.Migrant() {
				t.Fatalf("household %s member %d: migrant at home %d months away", rec.ID, i, m.MonthsAway)
			}
		}
		if rec.Province() != poverty.MustParseRegion("53") {
			t.Fatalf("household %s: province %v", rec.ID, rec.Province())
		}
	}
}

// TestCalibration checks the figures calibration.md cites, computed from
// generated records with the library.
func TestCalibration(t *testing.T) {
	c := gen.Config{Seed: 1, Households: 20000}
	var regSum, allSum poverty.Money
	var regN, allN, ever int
	for rec := range c.All() {
		pc, err := rec.PerCapita()
		if err != nil {
			t.Fatal(err)
		}
		allSum += pc.Amount
		allN++
		if rec.Registration.Registered != 0 {
			regSum += pc.Amount
			regN++
			ever++
		}
	}
	regMean := regSum / poverty.Money(regN)
	allMean := allSum / poverty.Money(allN)
	t.Logf("registered mean %v (%d), all mean %v, ever registered %d of %d", regMean, regN, allMean, ever, allN)
	if lo, hi := 10740*poverty.Yuan*97/100, 10740*poverty.Yuan*103/100; regMean < lo || regMean > hi {
		t.Errorf("registered households' mean per-capita income %v, want 10740 ± 3%% (SCIO 2021-04-06)", regMean)
	}
	if allMean <= 10000*poverty.Yuan {
		t.Errorf("county mean per-capita income %v, want above 10000 (Zhenxiong 2020)", allMean)
	}
	if share := float64(ever) / float64(allN); share < 0.28 || share > 0.34 {
		t.Errorf("ever-registered share %.3f, want about one in three (Zhenxiong)", share)
	}
}

func TestLayout(t *testing.T) {
	tests := []struct {
		name       string
		households int
		counties   int
	}{
		{"village", 250, 1},
		{"county", 84000, 1},
		{"two counties", 84001, 2},
		{"province", 20_000_000, 60},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := gen.Config{Households: tc.households}
			if got := c.Counties(); got != tc.counties {
				t.Errorf("Counties() = %d, want %d", got, tc.counties)
			}
			if err := c.Validate(); err != nil {
				t.Errorf("Validate() = %v", err)
			}
			// With villages fixed at 250 households, a province needs too
			// many counties.
			c.PerVillage = 250
			if err := c.Validate(); (c.Counties() > 99) != errors.Is(err, gen.ErrConfig) {
				t.Errorf("250 a village, %d counties: Validate() = %v", c.Counties(), err)
			}
		})
	}
	if _, err := gen.New(gen.Config{}); !errors.Is(err, gen.ErrConfig) {
		t.Errorf("New(zero) = %v, want ErrConfig", err)
	}
}

func TestCSV(t *testing.T) {
	var b bytes.Buffer
	n, err := gen.WriteCSV(&b, gen.Config{Seed: 2, Households: 100})
	if err != nil || n != 100 {
		t.Fatalf("WriteCSV = %d, %v", n, err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if lines[0] != gen.CSVHeader || len(lines) != 101 {
		t.Fatalf("header %q, %d lines", lines[0], len(lines))
	}
	for i, l := range lines {
		if got := strings.Count(l, ",") + 1; got != gen.CSVColumns {
			t.Fatalf("line %d has %d columns, want %d: %s", i+1, got, gen.CSVColumns, l)
		}
	}
	var j bytes.Buffer
	if n, err := gen.WriteJSONL(&j, gen.Config{Seed: 2, Households: 10}); err != nil || n != 10 {
		t.Fatalf("WriteJSONL = %d, %v", n, err)
	}
	if got := strings.Count(j.String(), "\n"); got != 10 {
		t.Errorf("WriteJSONL wrote %d lines, want 10", got)
	}
}

// TestFillAllocs enforces the streaming budget: once a Record's slices
// have grown, a household costs one allocation (its ID string).
func TestFillAllocs(t *testing.T) {
	g, err := gen.New(gen.Config{Seed: 1, Households: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var rec gen.Record
	for i := range 1000 {
		g.Fill(&rec, i)
	}
	i := 0
	buf := make([]byte, 0, 512)
	allocs := testing.AllocsPerRun(500, func() {
		g.Fill(&rec, i%1000)
		buf = gen.AppendCSV(buf[:0], &rec)
		i++
	})
	if allocs > 1 {
		t.Errorf("Fill+AppendCSV: %v allocations a household, want at most 1", allocs)
	}
}

func BenchmarkFill(b *testing.B) {
	g, _ := gen.New(gen.Config{Seed: 1, Households: 1 << 20})
	var rec gen.Record
	var buf []byte
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		g.Fill(&rec, i&(1<<20-1))
		buf = gen.AppendCSV(buf[:0], &rec)
		i++
	}
}

func ExampleConfig_All() {
	c := gen.Config{Seed: 42, Households: 3}
	for rec := range c.All() {
		pc, _ := rec.PerCapita()
		fmt.Println(rec.ID, len(rec.Members), "members,", rec.Residents(), "resident, per capita", pc)
	}
	// Output:
	// H530120-0000000 4 members, 4 resident, per capita 19100.50 disposable_income
	// H530120-0000001 3 members, 3 resident, per capita 15301.33 disposable_income
	// H530120-0000002 4 members, 4 resident, per capita 20626.25 disposable_income
}

// TestMonths checks the monthly series: the year before, the year, and the
// months of the year after that NextMonths asks for, each month of another
// year the same month of this year deflated or grown by 8%.
func TestMonths(t *testing.T) {
	c := gen.Config{Seed: 3, Households: 50, NextMonths: 6}
	for rec := range c.All() {
		if len(rec.Monthly) != 30 {
			t.Fatalf("%s: %d months, want 30", rec.ID, len(rec.Monthly))
		}
		for i, m := range rec.Monthly {
			if want := poverty.YearMonthOf(2019, time.January).Add(i); m.Month != want {
				t.Fatalf("%s: month %d is %v, want %v", rec.ID, i, m.Month, want)
			}
		}
		this, next := rec.Monthly[12].Income.Wage, rec.Monthly[24].Income.Wage
		if next != this*108/100/poverty.Yuan*poverty.Yuan {
			t.Fatalf("%s: January wage %v, next January %v, want 8%% more", rec.ID, this, next)
		}
	}
	if err := (gen.Config{Households: 1, NextMonths: 13}).Validate(); !errors.Is(err, gen.ErrConfig) {
		t.Errorf("NextMonths 13: %v, want ErrConfig", err)
	}
}

// TestSafetyNetFromThresholds checks that the safety-net level comes from
// the embedded monitoring lines, not from a number in the generator.
func TestSafetyNetFromThresholds(t *testing.T) {
	for _, tt := range []struct {
		province string
		year     int
		want     poverty.Money
	}{
		{"53", 2020, poverty.YuanAmount(6000)},  // 1.5 x the 2020 standard, derived
		{"35", 2023, poverty.YuanAmount(10560)}, // Fujian's own 2023 line
		{"53", 2026, poverty.YuanAmount(8700)},  // Yunnan 2025 carried forward (lenient)
		{"52", 2023, poverty.YuanAmount(6000)},  // unconfirmed: the 2020 line
	} {
		c := gen.Config{Households: 1, Year: tt.year, Province: poverty.MustParseRegion(tt.province)}.Defaults()
		if c.SafetyNet != tt.want {
			t.Errorf("%s %d: SafetyNet %s, want %s", tt.province, tt.year, c.SafetyNet, tt.want)
		}
	}
	if c := (gen.Config{SafetyNet: poverty.YuanAmount(7000)}).Defaults(); c.SafetyNet != poverty.YuanAmount(7000) {
		t.Errorf("a set SafetyNet was replaced: %s", c.SafetyNet)
	}
}

// TestWages checks Record.Wages against the household's wage income: the
// members' wages sum to the Wage component of the year, and a migrant's
// count at half the gross pay (whole yuan) while a job at home counts in
// full.
func TestWages(t *testing.T) {
	migrants := 0
	for rec := range (gen.Config{Seed: 5, Households: 2000}).All() {
		var sum poverty.Money
		for k := range rec.People {
			w, p := rec.Wages(k), &rec.People[k]
			sum += w
			want := p.Pay * poverty.Money(p.WorkMonths)
			if p.Work.Migrant() {
				migrants++
				want = p.Pay / 2 / poverty.Yuan * poverty.Yuan * poverty.Money(p.WorkMonths)
			}
			if w != want {
				t.Fatalf("%s member %d (%s, pay %s for %d months): wages %s, want %s", rec.ID, k, p.Work, p.Pay, p.WorkMonths, w, want)
			}
		}
		if sum != rec.Income.Wage {
			t.Fatalf("%s: members' wages %s, household wage income %s", rec.ID, sum, rec.Income.Wage)
		}
	}
	if migrants == 0 {
		t.Fatal("no migrant generated")
	}
}
