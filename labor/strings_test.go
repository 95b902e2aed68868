package labor

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/openfupin/fupin/poverty"
)

// TestShortForms checks the one-line String of every result that carries
// reasons, both outcomes.
func TestShortForms(t *testing.T) {
	crit := func(code string, pass bool) poverty.Criterion {
		return poverty.Criterion{Code: code, Pass: pass, Rule: "r", Input: "i", Source: "s"}
	}
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"recognised", Recognition{Rule: "r1", Workshop: "ws", On: date(2020, 6, 30), Recognized: true, Counted: 5, Award: Award{Total: 5000 * poverty.Yuan}}.String(),
			"r1 workshop ws on 2020-06-30: recognised, 5 counted, award 5000.00"},
		{"not recognised", Recognition{Rule: "r1", Workshop: "ws", On: date(2020, 6, 30), Counted: 3,
			Criteria: []poverty.Criterion{crit("recognition.min_workers", false), crit("recognition.site", true), crit("recognition.type", false)}}.String(),
			"r1 workshop ws on 2020-06-30: not recognised, 3 counted (recognition.min_workers, recognition.type)"},
		{"eligible", TransportResult{Rule: "t", Job: "j", Eligible: true, Total: 800 * poverty.Yuan}.String(), "t job j: eligible, 800.00"},
		{"not eligible", TransportResult{Rule: "t", Job: "j", Criteria: []poverty.Criterion{crit("transport.months", false)}}.String(),
			"t job j: not eligible (transport.months)"},
		{"household", HouseholdEmployment{Household: "h", Code: "employment.zero_employment", LaborForce: 2}.String(),
			"h: employment.zero_employment (labour force 2, stable 0)"},
		{"impact", Impact{WorkshopImpact: WorkshopImpact{Workshop: "a,b", Jobs: 3, JobsPoor: 1, WageBill: 100 * poverty.Yuan}, ReturnWindowDays: 183,
			BaselineYear: 2019, Year: 2020, StandardAssessed: true, CrossedStandard: 2}.String(),
			"a,b: 3 jobs (1 poor or monitored), wage bill 100.00, 2 households crossed the standard (2019 to 2020), 0 returned migrants (window 183 days), 0 children reunited"},
		{"impact without a standard in one year", Impact{WorkshopImpact: WorkshopImpact{Workshop: "a"}, ReturnWindowDays: 183, BaselineYear: 2020, Year: 2021}.String(),
			"a: 0 jobs (0 poor or monitored), wage bill 0.00, standard not assessed (2020 to 2021), 0 returned migrants (window 183 days), 0 children reunited"},
		{"zero impact", Impact{}.String(),
			": 0 jobs (0 poor or monitored), wage bill 0.00, standard not assessed, 0 returned migrants (window 0 days), 0 children reunited"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("String() = %q, want %q", tt.got, tt.want)
			}
			if strings.Contains(tt.got, "\n") {
				t.Error("a short form is one line")
			}
		})
	}
}

// TestRulesCatalog checks that every reason code this package emits is in
// Rules, sorted, and that RuleFor finds each.
func TestRulesCatalog(t *testing.T) {
	rs := Rules()
	if len(rs) != len(ruleTexts) {
		t.Fatalf("%d rules, want %d", len(rs), len(ruleTexts))
	}
	for i, r := range rs {
		if i > 0 && rs[i-1].Code >= r.Code {
			t.Errorf("rules not sorted at %s", r.Code)
		}
		got, ok := RuleFor(r.Code)
		if !ok || got != r || r.Rule == "" {
			t.Errorf("RuleFor(%s) = %+v, %v", r.Code, got, ok)
		}
	}
	if _, ok := RuleFor("employment.nothing"); ok {
		t.Error("an unknown code has a rule")
	}
	rs[0].Rule = "changed"
	if Rules()[0].Rule == "changed" {
		t.Error("Rules shares memory")
	}
}

// roundTrip marshals every value of an enumeration, the zero value
// included, and reads it back; JSON null leaves a value unchanged.
func roundTrip[T interface {
	~uint8
	MarshalText() ([]byte, error)
}, PT interface {
	*T
	UnmarshalText([]byte) error
}](t *testing.T, last T) {
	t.Helper()
	for v := T(0); v <= last; v++ {
		b, err := v.MarshalText()
		if err != nil {
			t.Fatalf("%v: MarshalText: %v", v, err)
		}
		var back T
		if err := PT(&back).UnmarshalText(b); err != nil || back != v {
			t.Errorf("%q reads back as %v, %v; want %v", b, back, err, v)
		}
		j, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		back = last
		if err := json.Unmarshal(j, &back); err != nil || back != v {
			t.Errorf("JSON %s reads back as %v, %v", j, back, err)
		}
		if err := json.Unmarshal([]byte("null"), &back); err != nil || back != v {
			t.Errorf("JSON null changed %v to %v, %v", v, back, err)
		}
	}
}

func TestEnumRoundTrip(t *testing.T) {
	roundTrip[Channel](t, ChannelSelfFound)
	roundTrip[Place](t, PlaceOther)
	roundTrip[WorkshopType](t, CulturalTourism)
	roundTrip[Site](t, SiteIndustrialPark)
	roundTrip[Grade](t, Pass)
	roundTrip[Group](t, GroupMonitored)
}
