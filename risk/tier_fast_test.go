package risk_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// TestTieringAgreesWithClassify is the oracle test of the fast path: for
// every embedded scheme and schemes of both bases with both boundary sides,
// a Tiering resolved once gives the tier Classify explains, for incomes on
// both sides of and exactly at every cut-off, a sweep of incomes, both
// values of the severe-guarantee flag and guarantees not assessed, secured,
// or with an item not secured or unverified (TierWithGuarantees, with the
// code too); it refuses what Classify refuses and does not allocate.
func TestTieringAgreesWithClassify(t *testing.T) {
	line, err := poverty.Default().MonitoringLine(2020, poverty.MustParseRegion("65"), poverty.LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	own, err := risk.LoadSchemes(strings.NewReader(`{"schema":"fupin.risk.tiers/2","schemes":[
	 {"id":"rel","basis":"relative_to_monitoring_line","tiers":["red","orange","yellow","green"],"cuts":[{"value":"0.9","at_cut":"lower"},{"value":"1","at_cut":"upper"},{"value":"1.5","at_cut":"lower"}],"severe_guarantee_red":true,"guarantee_not_secured":{"tier":"red","source":"s","status":"EXAMPLE","scope":"national"},"source":"s","status":"EXAMPLE","scope":"national","from":"2020"},
	 {"id":"abs","basis":"absolute","concept":"`+line.Concept.String()+`","tiers":["red","yellow","green"],"cuts":[{"value":"3000","at_cut":"upper"},{"value":"3000.01","at_cut":"lower"}],"source":"s","status":"EXAMPLE","scope":"national","from":"2020"}]}`), "own.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range risk.DefaultSchemes().Overlay(own).All() {
		concept := s.Concept
		if s.Basis == risk.RelativeToLine {
			concept = line.Concept
		}
		tiering, err := s.Tiering(&line, concept)
		if err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
		probe, err := s.Classify(risk.TierInput{PerCapita: poverty.Figure{Concept: concept}, Line: &line})
		if err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
		incomes := []poverty.Money{0, -poverty.Yuan, poverty.MaxAmount, -poverty.MaxAmount}
		for _, c := range probe.Cuts {
			incomes = append(incomes, c-poverty.Fen, c, c+poverty.Fen)
		}
		for m := poverty.Money(0); m <= poverty.YuanAmount(20000); m += poverty.YuanAmount(37) + 13 {
			incomes = append(incomes, m)
		}
		secured, lost, unverified := poverty.AllSecured(), poverty.AllSecured(), poverty.AllSecured()
		lost.Housing, unverified.DrinkingWater = poverty.NotSecured, poverty.Unverified
		for _, m := range incomes {
			for _, severe := range []bool{false, true} {
				want, err := s.Classify(risk.TierInput{PerCapita: poverty.Figure{Amount: m, Concept: concept}, Line: &line, SevereGuaranteeFailure: severe})
				if err != nil {
					t.Fatal(err)
				}
				if got := tiering.Tier(m, severe); got != want.Tier {
					t.Errorf("%s at %s (severe %v): Tiering.Tier = %s; Classify = %s", s.ID, m, severe, got, want.Tier)
				}
				for _, g := range []*poverty.Guarantees{nil, &secured, &lost, &unverified} {
					want, err := s.Classify(risk.TierInput{PerCapita: poverty.Figure{Amount: m, Concept: concept}, Line: &line, SevereGuaranteeFailure: severe, Guarantees: g})
					if err != nil {
						t.Fatal(err)
					}
					if got, code := tiering.TierWithGuarantees(m, severe, g); got != want.Tier || code != want.Code {
						t.Errorf("%s at %s (severe %v, guarantees %v): TierWithGuarantees = %s %s; Classify = %s %s", s.ID, m, severe, g, got, code, want.Tier, want.Code)
					}
				}
			}
		}
		if n := testing.AllocsPerRun(200, func() { _ = tiering.Tier(poverty.YuanAmount(4500), false) }); n != 0 {
			t.Errorf("%s: Tiering.Tier allocates %v times", s.ID, n)
		}
		if n := testing.AllocsPerRun(200, func() { _, _ = tiering.TierWithGuarantees(poverty.YuanAmount(4500), false, &lost) }); n != 0 {
			t.Errorf("%s: Tiering.TierWithGuarantees allocates %v times", s.ID, n)
		}
		// Tiering refuses what Classify refuses.
		other := poverty.NetIncome
		if concept == poverty.NetIncome {
			other = poverty.DisposableIncome
		}
		for _, tc := range []struct {
			name    string
			line    *poverty.Threshold
			concept poverty.IncomeConcept
		}{{"concept", &line, other}, {"no line", nil, concept}} {
			_, terr := s.Tiering(tc.line, tc.concept)
			_, cerr := s.Classify(risk.TierInput{PerCapita: poverty.Figure{Concept: tc.concept}, Line: tc.line})
			if (terr == nil) != (cerr == nil) || (terr != nil && !strings.HasPrefix(terr.Error(), "risk.Scheme.Tiering: ")) {
				t.Errorf("%s, %s: Tiering %v; Classify %v", s.ID, tc.name, terr, cerr)
			}
		}
	}
	var zero risk.Tiering
	if got := zero.Tier(poverty.YuanAmount(100), true); got != risk.TierUnknown {
		t.Errorf("the zero Tiering gives %s", got)
	}
}

var sinkTier risk.Tier

// BenchmarkSchemeTiering resolves the scheme and tiers one income per
// call: what Scheme.Tier did before the Tiering.
func BenchmarkSchemeTiering(b *testing.B) {
	s, _ := risk.DefaultSchemes().Lookup("xinjiang-2020")
	b.ReportAllocs()
	for b.Loop() {
		t, _ := s.Tiering(nil, s.Concept)
		sinkTier = t.Tier(poverty.YuanAmount(4500), false)
	}
}

// BenchmarkTieringTier tiers one income with a Tiering resolved once: the
// fast path of batch programs.
func BenchmarkTieringTier(b *testing.B) {
	s, _ := risk.DefaultSchemes().Lookup("xinjiang-2020")
	t, err := s.Tiering(nil, s.Concept)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		sinkTier = t.Tier(poverty.YuanAmount(4500), false)
	}
}

// BenchmarkSchemeClassify is the explained path, for comparison.
func BenchmarkSchemeClassify(b *testing.B) {
	s, _ := risk.DefaultSchemes().Lookup("xinjiang-2020")
	in := risk.TierInput{PerCapita: poverty.Figure{Amount: poverty.YuanAmount(4500), Concept: s.Concept}}
	b.ReportAllocs()
	for b.Loop() {
		r, _ := s.Classify(in)
		sinkTier = r.Tier
	}
}

func TestSchemesFor(t *testing.T) {
	own, err := risk.LoadSchemes(strings.NewReader(`{"schema":"fupin.risk.tiers/2","schemes":[
	 {"id":"national","basis":"absolute","concept":"net_income","tiers":["red","green"],"cuts":[{"value":"4000","at_cut":"upper"}],"source":"s","status":"EXAMPLE","scope":"national","from":"2021"},
	 {"id":"yunnan","basis":"absolute","concept":"net_income","tiers":["red","green"],"cuts":[{"value":"4000","at_cut":"upper"}],"source":"s","status":"LOCAL","scope":"53","from":"2023","to":"2024"},
	 {"id":"west","basis":"absolute","concept":"net_income","tiers":["red","green"],"cuts":[{"value":"4000","at_cut":"upper"}],"source":"s","status":"DEFAULT","scope":"west","from":"2026"},
	 {"id":"guizhou-press","basis":"absolute","concept":"net_income","tiers":["red","green"],"cuts":[{"value":"4000","at_cut":"upper"}],"source":"s","status":"SECONDARY","scope":"52","from":"2020"},
	 {"id":"county","basis":"absolute","concept":"net_income","tiers":["red","green"],"cuts":[{"value":"4000","at_cut":"upper"}],"source":"s","status":"LOCAL","scope":"340722","from":"2020"},
	 {"id":"gap","source":"s","status":"UNCONFIRMED","scope":"34","from":"2020"}]}`), "own.json")
	if err != nil {
		t.Fatal(err)
	}
	schemes := risk.DefaultSchemes().Overlay(own)
	for _, tt := range []struct {
		region string
		year   int
		want   string
	}{
		{"65", 2020, "xinjiang-2020"}, // the province's own scheme
		{"65", 2019, ""},              // nothing in force
		{"65", 2021, "national"},      // falls back to the national scheme
		{"53", 2023, "yunnan"},        // province before national
		{"53", 2025, "national"},      // the province's scheme has ended
		{"53", 2026, "west"},          // the zone before national
		{"52", 2020, ""},              // a SECONDARY scheme is not served unasked
		{"34", 2020, ""},              // a county's scheme is not its province's; a gap is never served
		{"national", 2022, "national"},
		{"national", 2026, "national"},
	} {
		s, ok := schemes.For(poverty.MustParseRegion(tt.region), tt.year)
		got := ""
		if ok {
			got = s.ID
		}
		if got != tt.want {
			t.Errorf("For(%s, %d) = %q, want %q", tt.region, tt.year, got, tt.want)
		}
	}
	// An overlaid scheme for the same scope takes precedence.
	newer, err := risk.LoadSchemes(strings.NewReader(`{"schema":"fupin.risk.tiers/2","schemes":[
	 {"id":"xinjiang-own","basis":"absolute","concept":"net_income","tiers":["red","green"],"cuts":[{"value":"4000","at_cut":"upper"}],"source":"s","status":"SUPPLIED","scope":"65","from":"2020"}]}`), "newer.json")
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := schemes.Overlay(newer).For(poverty.MustParseRegion("65"), 2020); !ok || s.ID != "xinjiang-own" {
		t.Errorf("overlaid scheme not preferred: %v %v", s, ok)
	}
	// Named, any scheme is served.
	if s, ok := schemes.Lookup("guizhou-press"); !ok || s.Status != poverty.Secondary {
		t.Errorf("Get(guizhou-press) = %v, %v", s, ok)
	}
}

func ExampleSchemes_For() {
	s, ok := risk.DefaultSchemes().For(poverty.MustParseRegion("65"), 2020)
	fmt.Println(s.ID, ok)
	_, ok = risk.DefaultSchemes().For(poverty.MustParseRegion("53"), 2020)
	fmt.Println(ok)
	// Output:
	// xinjiang-2020 true
	// false
}
