package risk_test

import (
	"fmt"
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
	for _, s := range risk.DefaultSchemes() {
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
	s, _ := risk.FindScheme(risk.DefaultSchemes(), "xinjiang-2020")
	in := risk.TierInput{PerCapita: poverty.Figure{Amount: poverty.YuanAmount(4500), Concept: s.Concept}}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = s.Tier(in)
	}
}

func TestSchemeFor(t *testing.T) {
	national := risk.Scheme{ID: "national", Region: poverty.National, From: 2021}
	yunnan := risk.Scheme{ID: "yunnan", Region: poverty.MustParseRegion("53"), From: 2023, To: 2024}
	schemes := append(risk.DefaultSchemes(), yunnan, national)
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
		{"national", 2022, "national"},
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
