package children

import (
	"encoding"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

// TestCodes checks the rule catalogue: sorted, unique, each rule with a
// text and a valid provenance, found by RuleFor, and handed out as a copy.
func TestCodes(t *testing.T) {
	cs := Codes()
	if !slices.IsSortedFunc(cs, func(a, b poverty.Rule) int { return strings.Compare(a.Code, b.Code) }) {
		t.Error("codes not sorted")
	}
	for i, r := range cs {
		if i > 0 && cs[i-1].Code == r.Code {
			t.Errorf("code %s twice", r.Code)
		}
		if r.Rule == "" {
			t.Errorf("code %s has no rule text", r.Code)
		}
		if err := r.Validate(r.Code); err != nil {
			t.Errorf("code %s: %v", r.Code, err)
		}
		if got, ok := RuleFor(r.Code); !ok || got.Code != r.Code {
			t.Errorf("RuleFor(%s) = %v, %v", r.Code, got.Code, ok)
		}
	}
	if _, ok := RuleFor("no.such.code"); ok {
		t.Error("RuleFor found an unknown code")
	}
	cs[0].Rule = "changed"
	if r, _ := RuleFor(cs[0].Code); r.Rule == "changed" {
		t.Error("Codes shares memory with the catalogue")
	}
}

// TestEveryCodeCatalogued classifies and checks a generated registry and
// the testdata cases: every reason and flag code they produce is in the
// catalogue.
func TestEveryCodeCatalogued(t *testing.T) {
	reg := genRegistry(2000, d("2024-09-01"))
	seen := map[string]bool{}
	rules := Default()
	for i := range reg.Children {
		c := &reg.Children[i]
		c.Concerns = Concerns{ChildMissing: i%7 == 0, GuardianNotPerforming: i%11 == 0, SuspectedAbuse: i%13 == 0}
		if i%5 == 0 {
			c.Living = Alone
		}
		cl, f, err := classifyCheck(rules, c, reg.On)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range []*Result{&cl.LeftBehind, &cl.Unattended, &cl.ACWF} {
			for _, x := range r.Reasons() {
				seen[x.Code] = true
			}
		}
		for _, x := range f.All() {
			seen[x.Code] = true
		}
	}
	for code := range seen {
		if _, ok := RuleFor(code); !ok {
			t.Errorf("code %s is not in the catalogue", code)
		}
	}
	if len(seen) < 15 {
		t.Errorf("only %d codes produced; the registry does not exercise the checks", len(seen))
	}
}

// TestShortForms checks the one-line forms beside the full explanations.
func TestShortForms(t *testing.T) {
	c := migrantChild("s")
	c.Living, c.Guardian = Alone, Guardian{Kind: NoGuardian}
	cl, f, err := classifyCheck(Default(), &c, d("2024-09-01"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, got, want string }{
		{"left-behind", cl.LeftBehind.String(), "left_behind_2016: yes (parents.combination: yes)"},
		{"flags", f.String(), "care.living_alone guardian.not_entrusted report.living_alone (urgent, report at once)"},
		{"no flags", (&Flags{}).String(), "none"},
		{"unclassified", (&Result{}).String(), "unset"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
		if strings.Contains(tc.got, "\n") || strings.Contains(tc.got, "[") {
			t.Errorf("%s: the short form holds a line break or a citation: %q", tc.name, tc.got)
		}
	}
	if long := cl.LeftBehind.Explain(); len(long) <= len(cl.LeftBehind.String()) || !strings.Contains(long, "[CONFIRMED]") {
		t.Errorf("Explain is not the full form: %q", long)
	}
}

// TestZeroValuesMarshal checks that every enumeration marshals its zero
// value (the unset word) and reads it back, and that JSON null leaves a
// value unchanged.
func TestZeroValuesMarshal(t *testing.T) {
	type textValue interface {
		encoding.TextMarshaler
	}
	for _, tc := range []struct {
		v    textValue
		back encoding.TextUnmarshaler
		word string
	}{
		{Hukou(0), new(Hukou), "unknown"}, {Situation(0), new(Situation), "unknown"}, {Capacity(0), new(Capacity), "unknown"},
		{GuardianKind(0), new(GuardianKind), "unknown"}, {Living(0), new(Living), "unknown"}, {School(0), new(School), "unknown"},
		{Role(0), new(Role), "none"}, {Outcome(0), new(Outcome), "unset"}, {Status(0), new(Status), "unknown"},
		{Severity(0), new(Severity), "unknown"}, {Actor(0), new(Actor), "unknown"}, {Service(0), new(Service), "unknown"},
		{AgeBand(0), new(AgeBand), "unknown"}, {Combination(0), new(Combination), "unknown"}, {Causes(0), new(Causes), ""},
	} {
		b, err := tc.v.MarshalText()
		if err != nil || string(b) != tc.word {
			t.Errorf("%T(0).MarshalText() = %q, %v; want %q", tc.v, b, err, tc.word)
		}
		if err := tc.back.UnmarshalText(b); err != nil {
			t.Errorf("%T: %q does not parse back: %v", tc.v, b, err)
		}
		if err := tc.back.UnmarshalText([]byte("no_such_word")); err == nil || !strings.HasPrefix(err.Error(), "children: ") {
			t.Errorf("%T: an unknown word: %v", tc.v, err)
		}
	}
	s := Scheme{Away: SituationSetting{Situations: SituationsOf(AtHome, Deceased)}}
	if err := json.Unmarshal([]byte(`{"away": {"situations": null}}`), &s); err != nil || s.Away.Situations != SituationsOf(AtHome, Deceased) {
		t.Errorf("null set: %v, %v", s.Away.Situations.Situations(), err)
	}
	c := Child{Hukou: Rural, Father: Parent{Situation: AtHome}}
	if err := json.Unmarshal([]byte(`{"hukou": null, "father": {"situation": null}}`), &c); err != nil || c.Hukou != Rural || c.Father.Situation != AtHome {
		t.Errorf("null words: %+v, %v", c, err)
	}
	if diff := cmp.Diff([]Situation{AtHome, Deceased}, SituationsOf(Deceased, AtHome, 0, numSituations).Situations()); diff != "" {
		t.Errorf("SituationsOf (-want +got):\n%s", diff)
	}
}
