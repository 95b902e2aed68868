package risk_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// anhuiHouseholds is the scale of the generated cases: Anhui's 61,279
// marginal households (SEEDS.md S2). The published measures and
// eliminations are not built in: each case's number of measures and its
// elimination are drawn from its index, and the test checks the tally
// against the cases' own counts. The published figures as predictions
// are in docs/VALIDATION.md (internal/gen/predict).
const anhuiHouseholds = 61279

// anhuiGenerator builds case records one at a time, through the public
// lifecycle API, deterministically: two to five measures a case and an
// elimination test passed by about one case in four, both chosen by a
// hash of the index, and recorded by the generator for the oracle.
type anhuiGenerator struct {
	t        testing.TB
	catalog  []risk.Measure
	monthly  [6][]poverty.MonthlyIncome // by household size: 2,000 yuan per member per month, 2019-01..2020-12
	line     poverty.Threshold
	counties []poverty.County
	factors  []risk.Factor
	// The oracle: what the generator recorded.
	measures, eliminated int
	members              int64
}

func newAnhuiGenerator(t testing.TB) *anhuiGenerator {
	g := &anhuiGenerator{t: t, catalog: risk.DefaultCatalog().Measures(), factors: allFactors()}
	for n := 1; n <= 5; n++ {
		for m := range 24 {
			g.monthly[n] = append(g.monthly[n], poverty.MonthlyIncome{Month: poverty.YearMonthOf(2019, time.January).Add(m),
				Income: poverty.Income{Wage: y(2000) * poverty.Money(n)}})
		}
	}
	var err error
	if g.line, err = poverty.Default().MonitoringLine(2020, poverty.MustParseRegion("34"), poverty.LookupOptions{}); err != nil {
		t.Fatal(err)
	}
	// Illustrative Anhui county codes (province prefix 34).
	for _, c := range []string{"340722", "341503", "341602", "340827"} {
		g.counties = append(g.counties, poverty.MustParseCounty(c))
	}
	return g
}

// hash spreads an index (SplitMix64's finaliser).
func hash(i int) uint64 {
	x := uint64(i) + 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// anhuiCase returns case i of the generated records.
func (g *anhuiGenerator) anhuiCase(i int) *risk.Case {
	t := g.t
	members := 1 + i%5
	f1 := g.factors[i%len(g.factors)]
	f2 := g.factors[(i/7)%len(g.factors)]
	in := risk.CaseInfo{ID: fmt.Sprintf("ah-%05d", i), HouseholdID: fmt.Sprintf("ah-hh-%05d", i), Region: poverty.MustParseRegion("34"),
		County: g.counties[i%len(g.counties)], Category: risk.MarginalAtRisk, Factors: risk.FactorsOf(f1, f2),
		Channel: risk.Channel(1 + i%3), Members: members}
	opened := day("2020-03-20").AddDays(i % 28)
	c, err := risk.Open(in, opened, "identified")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.RecordTier(opened, risk.Tier(1+i%4), "first review"); err != nil {
		t.Fatal(err)
	}
	h := hash(i)
	n := 2 + int(h%4)
	g.measures += n
	g.members += int64(members)
	for k := range n {
		m := g.catalog[(i+k*5)%len(g.catalog)]
		start := opened.AddDays(10 + k)
		rec := risk.MeasureRecord{Code: m.Code, Type: m.Type, Start: start}
		if k == 0 {
			err = c.StartAssistance(start, rec, "plan")
		} else {
			err = c.AddMeasure(start, rec, "plan")
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if (h>>8)%4 == 0 {
		hh := &poverty.Household{ID: in.HouseholdID, County: in.County, Year: 2019, Concept: poverty.DisposableIncome,
			Members: make([]poverty.Member, members), Monthly: g.monthly[members]}
		hh.Members[0].Capacity = poverty.AbleToWork
		res, err := risk.EliminationTest(risk.EliminationInput{Case: c, Household: hh, On: day("2020-12-10"), Line: &g.line,
			Guarantees: poverty.AllSecured(), Resolved: in.Factors}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Eliminate(&res); err != nil {
			t.Fatalf("%v\n%s", err, res.Explain())
		}
		g.eliminated++
	}
	return c
}

// TestAnhuiReport tallies 61,279 generated cases and checks the report
// against the generator's own record of what it built (an exactness test:
// no published figure is asserted): households, members, measures,
// eliminations, the two ratios computed from those counts, and every
// breakdown adding up.
func TestAnhuiReport(t *testing.T) {
	g := newAnhuiGenerator(t)
	var tally risk.Tally
	for i := range anhuiHouseholds {
		tally.Add(g.anhuiCase(i))
	}
	r := tally.Report()
	if r.Households != anhuiHouseholds || r.Measures != g.measures || r.Eliminated != g.eliminated || r.Population != g.members {
		t.Fatalf("households %d measures %d eliminated %d population %d; the generator made %d %d %d %d",
			r.Households, r.Measures, r.Eliminated, r.Population, anhuiHouseholds, g.measures, g.eliminated, g.members)
	}
	mph, err := poverty.Ratio(int64(g.measures), anhuiHouseholds, poverty.RoundHalfUp)
	if err != nil {
		t.Fatal(err)
	}
	er, err := poverty.Ratio(int64(g.eliminated), anhuiHouseholds, poverty.RoundHalfUp)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]poverty.Rate{mph, er}, []poverty.Rate{r.MeasuresPerHousehold, r.EliminationRate}); diff != "" {
		t.Errorf("measures per household, elimination rate (-oracle +report):\n%s", diff)
	}
	sum := func(cs []risk.Count) int {
		n := 0
		for _, c := range cs {
			n += c.Count
		}
		return n
	}
	for name, cs := range map[string][]risk.Count{"category": r.ByCategory, "tier": r.ByTier, "stage": r.ByStage, "route": r.ByRoute, "region": r.ByRegion} {
		if sum(cs) != anhuiHouseholds {
			t.Errorf("by %s adds up to %d", name, sum(cs))
		}
	}
	want := []risk.Count{{Key: "under_assistance", Count: anhuiHouseholds - g.eliminated}, {Key: "risk_eliminated", Count: g.eliminated}}
	if diff := cmp.Diff(want, r.ByStage); diff != "" {
		t.Errorf("by stage (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]risk.Count{{Key: "34", Count: anhuiHouseholds}}, r.ByRegion); diff != "" {
		t.Errorf("by region (-want +got):\n%s", diff)
	}
}

func TestSummarize(t *testing.T) {
	a := sampleCase(t) // eliminated, green, 2 measures, 3 members, illness
	in := info("b")
	in.Region, in.Category, in.Factors, in.Members = poverty.MustParseRegion("65"), risk.UnstableLiftedOut, risk.FactorsOf(risk.Illness, risk.DisasterFlood), 5
	b, err := risk.Open(in, day("2020-05-01"), "")
	if err != nil {
		t.Fatal(err)
	}
	if err := b.ReturnToPoverty(day("2020-08-01"), "flood"); err != nil {
		t.Fatal(err)
	}
	r := risk.Summarize([]*risk.Case{a, b, nil})
	want := risk.Report{Households: 2, Population: 8, Measures: 2, Eliminated: 1, Returned: 1,
		MeasuresPerHousehold: poverty.One, EliminationRate: 50 * poverty.Percent,
		ByCategory: []risk.Count{{Key: "unstable_lifted_out", Count: 1}, {Key: "marginal", Count: 1}},
		ByFactor:   []risk.Count{{Key: "illness", Count: 2}, {Key: "disaster_flood", Count: 1}},
		ByTier:     []risk.Count{{Key: "unknown", Count: 1}, {Key: "green", Count: 1}},
		ByStage:    []risk.Count{{Key: "risk_eliminated", Count: 1}, {Key: "returned_to_poverty", Count: 1}},
		ByRoute:    []risk.Count{{Key: "not_eliminated", Count: 1}, {Key: "after_assistance", Count: 1}},
		ByRegion:   []risk.Count{{Key: "34", Count: 1}, {Key: "65", Count: 1}},
	}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	var t1, t2 risk.Tally
	t1.Add(a)
	t2.Add(b)
	t1.Merge(&t2)
	if diff := cmp.Diff(r, t1.Report()); diff != "" {
		t.Errorf("merged tally (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(risk.Report{}, risk.Summarize(nil)); diff != "" {
		t.Errorf("empty report (-want +got):\n%s", diff)
	}
}

func TestCheckCap(t *testing.T) {
	tests := []struct {
		name       string
		monitored  int64
		registered int64
		deep       bool
		within     bool
		code       string
	}{
		{"4.8% generally", 48, 1000, false, true, "cap.general"},
		{"exactly 5%", 50, 1000, false, true, "cap.general"},
		{"5.1% generally", 51, 1000, false, false, "cap.general"},
		{"9% in a deep-poverty county", 90, 1000, true, true, "cap.deep"},
		{"10.01% in a deep-poverty county", 1001, 10000, true, false, "cap.deep"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := risk.Report{Population: tc.monitored}
			res, err := r.CapTest(tc.registered, tc.deep, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Within != tc.within || res.Reason.Code != tc.code || res.Cap.Status != poverty.Confirmed {
				t.Errorf("within %t code %s cap %s", res.Within, res.Reason.Code, res.Cap.Cite())
			}
		})
	}
	r := risk.Report{Population: 1}
	if _, err := r.CapTest(0, false, nil); err == nil {
		t.Error("no error for an empty registered population")
	}
}

// BenchmarkAnhuiTally tallies the 61,279 generated cases of the Anhui scale, built once
// outside the loop.
func BenchmarkAnhuiTally(b *testing.B) {
	g := newAnhuiGenerator(b)
	cases := make([]*risk.Case, anhuiHouseholds)
	for i := range cases {
		cases[i] = g.anhuiCase(i)
	}
	b.ReportAllocs()
	for b.Loop() {
		var t risk.Tally
		for _, c := range cases {
			t.Add(c)
		}
		if t.Report().Households != anhuiHouseholds {
			b.Fatal("count")
		}
	}
	b.ReportMetric(float64(anhuiHouseholds)*float64(b.N)/b.Elapsed().Seconds(), "cases/s")
}
