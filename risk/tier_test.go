package risk_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

func xinjiang(t testing.TB) risk.Scheme {
	s, ok := risk.DefaultSchemes().Lookup("xinjiang-2020")
	if !ok {
		t.Fatal("no xinjiang-2020 scheme")
	}
	return s
}

func relative(t testing.TB) risk.Scheme {
	f, err := os.Open("testdata/relative_scheme.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ss, err := risk.LoadSchemes(f, "testdata/relative_scheme.json")
	if err != nil {
		t.Fatal(err)
	}
	return ss.All()[0]
}

func TestXinjiangScheme(t *testing.T) {
	s := xinjiang(t)
	if s.Scope != "65" || !s.InForceIn(2020) || s.InForceIn(2021) || s.Label() != "CONFIRMED 65 (press)" || !s.SevereGuaranteeRed {
		t.Errorf("scheme %+v", s)
	}
	res, err := s.Classify(risk.TierInput{PerCapita: poverty.Figure{Amount: y(4500), Concept: poverty.NetIncome}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Tier != risk.Orange || !strings.Contains(res.Reason, "exactly at cut-off 4500.00: lower band") || res.Code != "tier.income" {
		t.Errorf("4500: %s %s %s", res.Tier, res.Code, res.Reason)
	}
}

func TestRelativeScheme(t *testing.T) {
	s := relative(t)
	line := poverty.Threshold{Kind: poverty.KindMonitoringLine, Year: 2023,
		Amount: y(8050), Concept: poverty.NetIncome, Provenance: poverty.Provenance{Source: "元谋县", Status: poverty.Confirmed, Scope: "53"}}
	tests := []struct {
		pc   string
		want risk.Tier
	}{
		{"5634.99", risk.Red},    // 0.7 x 8050 = 5635
		{"5635.00", risk.Orange}, // upper
		{"8049.99", risk.Orange}, // below the line
		{"8050.00", risk.Yellow}, // at the line: upper
		{"9660.00", risk.Yellow}, // 1.2 x 8050 = 9660: lower
		{"9660.01", risk.Green},
	}
	for _, tc := range tests {
		t.Run(tc.pc, func(t *testing.T) {
			res, err := s.Classify(risk.TierInput{PerCapita: poverty.Figure{Amount: poverty.MustParseMoney(tc.pc), Concept: poverty.NetIncome}, Line: &line})
			if err != nil {
				t.Fatal(err)
			}
			if res.Tier != tc.want {
				t.Errorf("tier %s, want %s (%s)", res.Tier, tc.want, res.Reason)
			}
		})
	}
	if _, err := s.Classify(risk.TierInput{PerCapita: poverty.Figure{Amount: y(1), Concept: poverty.NetIncome}}); !errors.Is(err, poverty.ErrMissing) {
		t.Errorf("relative scheme without a line: %v", err)
	}
	if _, err := s.Classify(risk.TierInput{PerCapita: poverty.Figure{Amount: y(1), Concept: poverty.DisposableIncome}, Line: &line}); !errors.Is(err, poverty.ErrConceptMismatch) {
		t.Errorf("concept mismatch: %v", err)
	}
}

// TestTierMonotonic is the property of the issue: with the same events, more
// income never gives a worse tier, for the reference scheme and the relative
// one, around every cut-off and at random.
func TestTierMonotonic(t *testing.T) {
	line := poverty.Threshold{Amount: y(8050), Concept: poverty.NetIncome}
	rng := rand.New(rand.NewPCG(65, 2020))
	for _, s := range []risk.Scheme{xinjiang(t), relative(t)} {
		t.Run(s.ID, func(t *testing.T) {
			var probes []poverty.Money
			for _, c := range []poverty.Money{y(4000), y(4500), y(5000), y(5635), y(8050), y(9660)} {
				for d := poverty.Money(-3); d <= 3; d++ {
					probes = append(probes, c+d)
				}
			}
			for range 2000 {
				probes = append(probes, poverty.Money(rng.Int64N(int64(y(20000)))))
			}
			for _, severe := range []bool{false, true} {
				for _, a := range probes {
					b := a + poverty.Money(rng.Int64N(int64(y(3000))))
					ta := tierOf(t, &s, a, &line, severe)
					tb := tierOf(t, &s, b, &line, severe)
					if tb < ta {
						t.Fatalf("income %s gives %s but more income %s gives %s (severe %t)", a, ta, b, tb, severe)
					}
				}
			}
		})
	}
}

func tierOf(t *testing.T, s *risk.Scheme, pc poverty.Money, line *poverty.Threshold, severe bool) risk.Tier {
	res, err := s.Classify(risk.TierInput{PerCapita: poverty.Figure{Amount: pc, Concept: poverty.NetIncome}, Line: line, SevereGuaranteeFailure: severe})
	if err != nil {
		t.Fatal(err)
	}
	return res.Tier
}

func TestLoadSchemesErrors(t *testing.T) {
	ok := `{"schema":"fupin.risk.tiers/2","schemes":[{"id":"s","scope":"65","from":"2020","basis":"absolute","concept":"net_income","tiers":["red","green"],"cuts":[{"value":"4000","at_cut":"upper"}],"status":"DEFAULT","source":"test"}]}`
	if _, err := risk.LoadSchemes(strings.NewReader(ok), "ok"); err != nil {
		t.Fatalf("valid scheme rejected: %v", err)
	}
	// Every status is accepted: SUPPLIED, LOCAL, DEFAULT and EXAMPLE
	// included (SUPPLIED used to be refused); an UNCONFIRMED scheme only as
	// a gap without cut-offs.
	for _, st := range []string{"CONFIRMED", "SECONDARY", "LOCAL", "DEFAULT", "SUPPLIED", "EXAMPLE"} {
		if _, err := risk.LoadSchemes(strings.NewReader(strings.Replace(ok, `"DEFAULT"`, `"`+st+`"`, 1)), "ok"); err != nil {
			t.Errorf("status %s rejected: %v", st, err)
		}
	}
	gap := `{"schema":"fupin.risk.tiers/2","schemes":[{"id":"gap","scope":"65","status":"UNCONFIRMED","source":"commonly quoted, not found"}]}`
	ss, err := risk.LoadSchemes(strings.NewReader(gap), "gap")
	if err != nil {
		t.Fatalf("a gap scheme rejected: %v", err)
	}
	g, _ := ss.Lookup("gap")
	if _, err := g.Classify(risk.TierInput{}); !errors.Is(err, poverty.ErrUnconfirmed) {
		t.Errorf("an UNCONFIRMED scheme classifies: %v", err)
	}
	if _, err := g.Tiering(nil, poverty.NetIncome); !errors.Is(err, poverty.ErrUnconfirmed) {
		t.Errorf("an UNCONFIRMED scheme resolves: %v", err)
	}
	tests := []struct{ name, old, new string }{
		{"unknown field", `"source":"test"`, `"source":"test","colour":1`},
		{"schema", `tiers/2`, `tiers/1`},
		{"no side", `,"at_cut":"upper"`, ``},
		{"tiers out of order", `["red","green"]`, `["green","red"]`},
		{"too few cuts", `"tiers":["red","green"]`, `"tiers":["red","yellow","green"]`},
		{"no source", `"source":"test"`, `"source":""`},
		{"no status", `"status":"DEFAULT",`, ``},
		{"old status word", `"DEFAULT"`, `"COUNTY_RULE"`},
		{"unconfirmed with cut-offs", `"DEFAULT"`, `"UNCONFIRMED"`},
		{"no scope", `"scope":"65",`, ``},
		{"old region member", `"scope":"65"`, `"region":"65"`},
		{"integer year", `"from":"2020"`, `"from":2020`},
		{"period reversed", `"from":"2020"`, `"from":"2020","to":"2019"`},
		{"no concept", `"concept":"net_income",`, ``},
		{"bad value", `"4000"`, `"4000.001"`},
		{"zero cut", `"4000"`, `"0"`},
		{"duplicate", `"source":"test"}]`, `"source":"test"},{"id":"s","scope":"65","from":"2020","basis":"absolute","concept":"net_income","tiers":["red","green"],"cuts":[{"value":"4000","at_cut":"upper"}],"status":"DEFAULT","source":"test"}]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := strings.Replace(ok, tc.old, tc.new, 1)
			if in == ok {
				t.Fatal("fixture unchanged")
			}
			var fe *poverty.FieldError
			if _, err := risk.LoadSchemes(strings.NewReader(in), "bad"); !errors.As(err, &fe) {
				t.Errorf("error %v, want *poverty.FieldError", err)
			}
		})
	}
}

// TestTierMonotonicThroughAssess checks the property end to end: the same
// events, assessed with a household whose monthly incomes are raised, never
// give a worse Xinjiang tier.
func TestTierMonotonicThroughAssess(t *testing.T) {
	s := xinjiang(t)
	rng := rand.New(rand.NewPCG(2020, 65))
	kinds := []risk.Event{
		{Kind: risk.MedicalClaim, Date: day("2020-02-01"), Total: y(9000), OutOfPocket: y(4000), Severe: true},
		{Kind: risk.DisasterEvent, Date: day("2020-03-01"), Hazard: risk.DisasterEarthquake, Loss: y(3000), Severe: true},
		{Kind: risk.CadreVisitEvent, Date: day("2020-04-01"), Lost: risk.GuaranteesOf(risk.DrinkingWater)},
		{Kind: risk.Employment, Date: day("2020-06-02"), Action: risk.JobLost, PreviousWage: y(800)},
	}
	tier := func(h *poverty.Household, events []risk.Event) risk.Tier {
		a, err := risk.Assess(h, events, on, nil)
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Classify(risk.TierInput{PerCapita: a.PerCapita, SevereGuaranteeFailure: a.SevereGuaranteeFailure})
		if err != nil {
			t.Fatal(err)
		}
		return res.Tier
	}
	for n := range 500 {
		var events []risk.Event
		for _, e := range kinds {
			if rng.IntN(2) == 0 {
				events = append(events, e)
			}
		}
		wages := make([]poverty.Money, 12)
		for i := range wages {
			wages[i] = poverty.Money(rng.Int64N(int64(y(2500))))
		}
		h := household("p", 1+rng.IntN(5), 2019, y(10000), poverty.YearMonthOf(2019, time.June), wages...)
		before := tier(h, events)
		for range 1 + rng.IntN(4) {
			h.Monthly[rng.IntN(12)].Income.Wage += poverty.Money(rng.Int64N(int64(y(1000))))
		}
		if after := tier(h, events); after < before {
			t.Fatalf("run %d: more income moved the tier from %s to %s", n, before, after)
		}
	}
}

// TestSchemesImmutable: changing every field and element of what
// DefaultSchemes, Get, All, History and SchemeFor returned changes nothing
// another caller sees.
func TestSchemesImmutable(t *testing.T) {
	fresh, err := risk.LoadSchemes(bytes.NewReader(mustRead(t, "data/tiers.json")), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	mutate := func(s *risk.Scheme) {
		for i := range s.Tiers {
			s.Tiers[i] = risk.TierUnknown
		}
		for i := range s.Cuts {
			s.Cuts[i] = risk.Cut{Amount: 1, Multiple: 1, AtCut: risk.Upper, Note: "x"}
		}
		s.ID, s.Name, s.Basis, s.Concept, s.SevereGuaranteeRed, s.Origin = "x", "x", risk.RelativeToLine, poverty.NetIncome, false, "x"
		s.GuaranteeNotSecured = risk.GuaranteeRule{Tier: risk.Green, Provenance: poverty.Provenance{Source: "x", Status: poverty.Example, Scope: "53"}}
		s.Provenance = poverty.Provenance{Source: "x", Status: poverty.Example, Scope: "53", From: "2000", Note: "x"}
	}
	d := risk.DefaultSchemes()
	all := d.All()
	for i := range all {
		mutate(&all[i])
	}
	g, _ := d.Lookup("xinjiang-2020")
	mutate(&g)
	hs := d.History("xinjiang-2020")
	for i := range hs {
		mutate(&hs[i])
	}
	if p, ok := d.For(poverty.MustParseRegion("65"), 2020); ok {
		mutate(&p)
	}
	if diff := cmp.Diff(fresh.All(), risk.DefaultSchemes().All()); diff != "" {
		t.Errorf("schemes changed by a caller (-want +got):\n%s", diff)
	}
}
