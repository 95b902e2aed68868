package risk_test

import (
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

func TestDefaultParams(t *testing.T) {
	p := risk.DefaultParams()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	type row struct {
		Value  string
		Status risk.Basis
	}
	got := map[string]row{}
	for _, q := range p.List() {
		got[q.ID] = row{q.Value(), q.Status}
		if q.Source == "" || q.Origin != "embedded" {
			t.Errorf("%s: source %q origin %q", q.ID, q.Source, q.Origin)
		}
	}
	// No national document fixes the warning triggers: they are DEFAULTs,
	// never CONFIRMED; the six months are a county rule; the caps are
	// confirmed.
	want := map[string]row{
		"rigid_excess":              {"1", risk.Default},
		"income_drop_share":         {"0.3", risk.Default},
		"income_drop_recent_months": {"3", risk.Default},
		"medical_oop_amount":        {"10000.00", risk.Default},
		"medical_oop_share":         {"0.3", risk.Default},
		"stable_months":             {"6", risk.CountyRule},
		"cap_general":               {"0.05", risk.Confirmed},
		"cap_deep":                  {"0.1", risk.Confirmed},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parameters (-want +got):\n%s", diff)
	}
	if !strings.Contains(p.StableMonths.Source, "枞阳县") {
		t.Errorf("stable months not sourced to 枞阳县: %s", p.StableMonths.Source)
	}
}

func TestParamsLoad(t *testing.T) {
	p := risk.DefaultParams()
	file := `{"schema":"fupin.risk.params/1","vintage":"2024-01-01","params":[
	 {"id":"medical_oop_amount","unit":"yuan","value":"8000","status":"COUNTY_RULE","source":"a county's own trigger"},
	 {"id":"stable_months","unit":"months","value":"12","status":"COUNTY_RULE","source":"a stricter county"}]}`
	q, err := p.Load(strings.NewReader(file), "county.json")
	if err != nil {
		t.Fatal(err)
	}
	if q.MedicalOOPAmount.Amount != y(8000) || q.StableMonths.Count != 12 || q.MedicalOOPAmount.Origin != "county.json" {
		t.Errorf("loaded %s; %s", q.MedicalOOPAmount.Cite(), q.StableMonths.Cite())
	}
	if q.IncomeDropShare != p.IncomeDropShare {
		t.Error("a parameter the file does not name changed")
	}
	if p.MedicalOOPAmount.Amount != y(10000) {
		t.Error("Load changed its receiver")
	}
	var old []string
	for _, h := range q.History() {
		old = append(old, h.ID+"="+h.Value()+"@"+h.Origin)
	}
	if diff := cmp.Diff([]string{"medical_oop_amount=10000.00@embedded", "stable_months=6@embedded"}, old); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	tests := []struct {
		name, file string
		want       error
	}{
		{"unknown field", `{"schema":"fupin.risk.params/1","params":[{"id":"cap_deep","unit":"ratio","value":"0.1","status":"CONFIRMED","source":"s","x":1}]}`, poverty.ErrSyntax},
		{"unknown id", `{"schema":"fupin.risk.params/1","params":[{"id":"cap_moon","unit":"ratio","value":"0.1","status":"CONFIRMED","source":"s"}]}`, poverty.ErrUnknownWord},
		{"wrong unit", `{"schema":"fupin.risk.params/1","params":[{"id":"cap_deep","unit":"yuan","value":"0.1","status":"CONFIRMED","source":"s"}]}`, poverty.ErrUnknownWord},
		{"no source", `{"schema":"fupin.risk.params/1","params":[{"id":"cap_deep","unit":"ratio","value":"0.1","status":"CONFIRMED","source":""}]}`, poverty.ErrMissing},
		{"unconfirmed status", `{"schema":"fupin.risk.params/1","params":[{"id":"cap_deep","unit":"ratio","value":"0.1","status":"UNCONFIRMED","source":"s"}]}`, poverty.ErrUnknownWord},
		{"share above one", `{"schema":"fupin.risk.params/1","params":[{"id":"income_drop_share","unit":"ratio","value":"1.5","status":"DEFAULT","source":"s"}]}`, poverty.ErrRange},
		{"bad months", `{"schema":"fupin.risk.params/1","params":[{"id":"stable_months","unit":"months","value":"six","status":"DEFAULT","source":"s"}]}`, poverty.ErrSyntax},
		{"duplicate", `{"schema":"fupin.risk.params/1","params":[{"id":"cap_deep","unit":"ratio","value":"0.1","status":"CONFIRMED","source":"s"},{"id":"cap_deep","unit":"ratio","value":"0.1","status":"CONFIRMED","source":"s"}]}`, poverty.ErrDuplicate},
		{"schema", `{"schema":"x","params":[]}`, poverty.ErrUnknownWord},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := p.Load(strings.NewReader(tc.file), "bad.json")
			var fe *poverty.FieldError
			if !errors.As(err, &fe) || !errors.Is(err, tc.want) {
				t.Errorf("error %v, want a *poverty.FieldError wrapping %v", err, tc.want)
			}
		})
	}
	var zero risk.Params
	if err := zero.Validate(); err == nil {
		t.Error("the zero Params is valid")
	}
}

// TestRuleCatalogue checks that every reason code the package uses is in
// data/rules.json with a rule text, a source and a status.
func TestRuleCatalogue(t *testing.T) {
	codes := map[string]bool{}
	for r := risk.RigidExpenditure; r <= risk.GuaranteeLost; r++ {
		codes[r.Code()] = true
	}
	re := regexp.MustCompile(`"((?:warning|identify|factor|tier|propose|elimination|cap)\.[a-z_0-9]+)"`)
	for _, f := range []string{"assess.go", "identify.go", "tier.go", "measure.go", "eliminate.go", "report.go"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(b, -1) {
			codes[string(m[1])] = true
		}
	}
	if len(codes) < 20 {
		t.Fatalf("found only %d codes", len(codes))
	}
	for code := range codes {
		r, ok := risk.RuleFor(code)
		if !ok || r.Rule == "" || r.Source == "" || r.Status == risk.BasisUnset {
			t.Errorf("rule %s missing or incomplete: %+v", code, r)
		}
	}
	for _, r := range risk.Rules() {
		if r.Status == risk.Confirmed && strings.HasPrefix(r.Code, "warning.medical") {
			t.Errorf("%s: numeric medical triggers are not national policy", r.Code)
		}
	}
}
