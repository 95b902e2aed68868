package risk_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// TestTierAgreesWithClassify checks that the allocation-free Scheme.Tier
// gives the tier Classify explains, for every embedded scheme, around each
// cut-off and with the severe-guarantee rule, and that it does not allocate.
func TestTierAgreesWithClassify(t *testing.T) {
	line, err := poverty.Default().MonitoringLine(2020, poverty.MustParseRegion("65"), poverty.LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range risk.DefaultSchemes().All() {
		concept := s.Concept
		if s.Basis == risk.RelativeToLine {
			concept = line.Concept
		}
		probe, err := s.Classify(risk.TierInput{PerCapita: poverty.Figure{Concept: concept}, Line: &line})
		if err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
		var incomes []poverty.Money
		for _, c := range probe.Cuts {
			incomes = append(incomes, c-poverty.Fen, c, c+poverty.Fen)
		}
		incomes = append(incomes, 0, -poverty.Yuan, poverty.YuanAmount(100000))
		for _, m := range incomes {
			for _, severe := range []bool{false, true} {
				in := risk.TierInput{PerCapita: poverty.Figure{Amount: m, Concept: concept}, Line: &line, SevereGuaranteeFailure: severe}
				want, err := s.Classify(in)
				if err != nil {
					t.Fatal(err)
				}
				got, err := s.Tier(in)
				if err != nil || got != want.Tier {
					t.Errorf("%s at %s (severe %v): Tier = %s, %v; Classify = %s", s.ID, m, severe, got, err, want.Tier)
				}
			}
		}
		s := s
		in := risk.TierInput{PerCapita: poverty.Figure{Amount: poverty.YuanAmount(4500), Concept: concept}, Line: &line}
		if n := testing.AllocsPerRun(200, func() { _, _ = s.Tier(in) }); n != 0 {
			t.Errorf("%s: Tier allocates %v times", s.ID, n)
		}
	}
}

func BenchmarkSchemeTier(b *testing.B) {
	s, _ := risk.DefaultSchemes().Get("xinjiang-2020")
	in := risk.TierInput{PerCapita: poverty.Figure{Amount: poverty.YuanAmount(4500), Concept: s.Concept}}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = s.Tier(in)
	}
}

func TestSchemeFor(t *testing.T) {
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
		s, ok := risk.SchemeFor(schemes, poverty.MustParseRegion(tt.region), tt.year)
		got := ""
		if ok {
			got = s.ID
		}
		if got != tt.want {
			t.Errorf("SchemeFor(%s, %d) = %q, want %q", tt.region, tt.year, got, tt.want)
		}
	}
	// An overlaid scheme for the same scope takes precedence.
	newer, err := risk.LoadSchemes(strings.NewReader(`{"schema":"fupin.risk.tiers/2","schemes":[
	 {"id":"xinjiang-own","basis":"absolute","concept":"net_income","tiers":["red","green"],"cuts":[{"value":"4000","at_cut":"upper"}],"source":"s","status":"SUPPLIED","scope":"65","from":"2020"}]}`), "newer.json")
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := risk.SchemeFor(schemes.Overlay(newer), poverty.MustParseRegion("65"), 2020); !ok || s.ID != "xinjiang-own" {
		t.Errorf("overlaid scheme not preferred: %v %v", s, ok)
	}
	// Named, any scheme is served.
	if s, ok := schemes.Get("guizhou-press"); !ok || s.Status != poverty.Secondary {
		t.Errorf("Get(guizhou-press) = %v, %v", s, ok)
	}
}

func ExampleSchemeFor() {
	s, ok := risk.SchemeFor(risk.DefaultSchemes(), poverty.MustParseRegion("65"), 2020)
	fmt.Println(s.ID, ok)
	_, ok = risk.SchemeFor(risk.DefaultSchemes(), poverty.MustParseRegion("53"), 2020)
	fmt.Println(ok)
	// Output:
	// xinjiang-2020 true
	// false
}
