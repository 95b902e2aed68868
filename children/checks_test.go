package children

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

type checkCase struct {
	Name            string          `json:"name"`
	On              string          `json:"on"`
	NoContactMonths int             `json:"no_contact_months"`
	Child           json.RawMessage `json:"child"`
	Want            []string        `json:"want"`
	Report          bool            `json:"report"`
}

func TestCheckCases(t *testing.T) {
	b, err := os.ReadFile("testdata/checks.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Schema string      `json:"schema"`
		Note   string      `json:"note"`
		Cases  []checkCase `json:"cases"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		t.Fatal(err)
	}
	for _, tc := range f.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			c, err := decodeCaseChild(t, tc.Child)
			if err != nil {
				t.Fatal(err)
			}
			p := Default()
			if tc.NoContactMonths != 0 {
				p = p.Overlay(ownChecks(t, `"no_contact_months": {"value": `+strconv.Itoa(tc.NoContactMonths)+`, "source": "county rule (test)", "status": "SUPPLIED", "scope": "national"}`))
			}
			_, flags, err := classifyCheck(p, &c, poverty.MustParseDate(tc.On))
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, x := range flags.All() {
				got = append(got, x.Code)
				if x.Severity == Severity(0) || x.Actor == Actor(0) || !strings.HasSuffix(x.Source, "]") {
					t.Errorf("flag %s lacks severity, actor or source: %+v", x.Code, x)
				}
				if x.Report != (x.Actor == Police) || x.Report != strings.HasPrefix(x.Code, "report.") {
					t.Errorf("flag %s: report %v, actor %v", x.Code, x.Report, x.Actor)
				}
			}
			if diff := cmp.Diff(tc.Want, got); diff != "" {
				t.Errorf("flags (-want +got):\n%s", diff)
			}
			if flags.MustReport() != tc.Report {
				t.Errorf("MustReport = %v, want %v", flags.MustReport(), tc.Report)
			}
		})
	}
}

// ownChecks loads a partial checks file holding the params members given.
func ownChecks(t *testing.T, params string) *Rules {
	t.Helper()
	c, err := LoadRules(strings.NewReader(`{"schema": "fupin.children.checks/2", "vintage": "2026-12-01", "params": {`+params+`}}`), "own.json")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLoadChecksErrors(t *testing.T) {
	good := string(checksJSON)
	for _, tc := range []struct {
		name, doc string
		want      error
		field     string
	}{
		{"unknown field", strings.Replace(good, `"vintage"`, `"vintag"`, 1), poverty.ErrSyntax, "file"},
		{"unknown parameter", strings.Replace(good, `"guardian_min_age"`, `"guardian_age"`, 1), poverty.ErrUnknownWord, "params.guardian_age"},
		{"unconfirmed with a value", strings.Replace(good, `"status": "DEFAULT"`, `"status": "UNCONFIRMED"`, 1), poverty.ErrUnconfirmed, "params.no_contact_months.status"},
		{"zero threshold", strings.Replace(good, `"value": 6,`, `"value": 0,`, 1), poverty.ErrRange, "params.no_contact_months.value"},
		{"threshold out of range", strings.Replace(good, `"value": 6,`, `"value": 121,`, 1), poverty.ErrRange, "params.no_contact_months.value"},
		{"no source", strings.Replace(good, `"value": 18, "source": "国发〔2016〕13号: guardianship is entrusted to a relative or other adult with guardianship capacity (委托监护)"`, `"value": 18, "source": ""`, 1), poverty.ErrMissing, "params.guardian_min_age.source"},
		{"no scope", strings.Replace(good, `"status": "DEFAULT", "scope": "national"`, `"status": "DEFAULT"`, 1), poverty.ErrMissing, "params.no_contact_months.scope"},
		{"a value for a rule", strings.Replace(good, `"entrusted_guardianship": {"source"`, `"entrusted_guardianship": {"value": 1, "source"`, 1), poverty.ErrRange, "params.entrusted_guardianship.value"},
		{"no params", `{"schema": "fupin.children.checks/2", "params": {}}`, poverty.ErrMissing, "params"},
		{"wrong schema", strings.Replace(good, `checks/2`, `checks/1`, 1), poverty.ErrUnknownWord, "schema"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.doc == good {
				t.Fatal("replacement did not apply")
			}
			_, err := LoadRules(strings.NewReader(tc.doc), "test.json")
			var fe *poverty.FieldError
			field := ""
			if errors.As(err, &fe) {
				field = fe.Field
			}
			if !errors.Is(err, tc.want) || field != tc.field || !strings.HasPrefix(err.Error(), "children.LoadRules: ") {
				t.Errorf("err = %v, want %v on field %s", err, tc.want, tc.field)
			}
		})
	}
	var zero Rules
	c := migrantChild("z")
	cl, _ := Default().Classify(&c, d("2024-01-01"))
	if _, err := zero.Check(&c, &cl); !errors.Is(err, poverty.ErrMissing) {
		t.Errorf("zero Rules: err = %v, want ErrMissing", err)
	}
	other := cl
	other.ChildID = "other"
	p := Default()
	if _, err := p.Check(&c, &other); !errors.Is(err, ErrConflict) {
		t.Errorf("classification of another child: err = %v, want ErrConflict", err)
	}
	// A partial file alone cannot run; laid over the defaults it can.
	own := ownChecks(t, `"no_contact_months": {"value": 3, "source": "county rule (test)", "status": "SUPPLIED", "scope": "340722"}`)
	var re *poverty.FieldError
	if _, err := own.Check(&c, &cl); !errors.As(err, &re) || re.Field != "living_alone_under_age" || !errors.Is(err, poverty.ErrMissing) {
		t.Errorf("partial checks: err = %v, want the missing parameter named", err)
	}
	p = p.Overlay(own)
	if _, err := p.Check(&c, &cl); err != nil {
		t.Errorf("overlaid checks: %v", err)
	}
	// An UNCONFIRMED parameter (no value) is loaded, and stops the checks
	// with an error naming it.
	gap := ownChecks(t, `"no_contact_months": {"source": "commonly quoted: 3 months", "status": "UNCONFIRMED", "scope": "national"}`)
	p = Default().Overlay(gap)
	if _, err := p.Check(&c, &cl); !errors.As(err, &re) || re.Field != "no_contact_months" || !errors.Is(err, poverty.ErrUnconfirmed) {
		t.Errorf("unconfirmed parameter: err = %v", err)
	}
	// School ages out of order are refused after an overlay.
	p = Default().Overlay(ownChecks(t, `"school_age_from": {"value": 16, "source": "own", "status": "SUPPLIED", "scope": "national"}`))
	if _, err := p.Check(&c, &cl); !errors.Is(err, poverty.ErrRange) {
		t.Errorf("school ages out of order: err = %v", err)
	}
}

// TestChecksOverlayHistory checks the one overlay verb and the history of
// a parameter: the embedded version first, the current one last.
func TestChecksOverlayHistory(t *testing.T) {
	own := ownChecks(t, `"no_contact_months": {"value": 3, "source": "county rule (test)", "status": "SUPPLIED", "scope": "340722"}`)
	p := Default().Overlay(own).Overlay(own)
	var got []string
	for _, h := range p.ParamHistory("no_contact_months") {
		got = append(got, strconv.Itoa(h.Value)+" "+h.Label()+" @"+h.Origin)
	}
	want := []string{"6 DEFAULT @embedded", "3 SUPPLIED 340722 @own.json", "3 SUPPLIED 340722 @own.json"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	if h := Default().ParamHistory("no_contact_months"); len(h) != 1 {
		t.Errorf("Overlay changed the default checks: %d versions", len(h))
	}
	if h := p.ParamHistory("guardian_min_age"); len(h) != 1 || h[0].Value != 18 {
		t.Errorf("untouched parameter history = %+v", h)
	}
	if _, ok := p.Param("no_such_param"); ok {
		t.Error("found an unknown parameter")
	}
}

// TestChecksImmutable changes every field of everything DefaultChecks
// hands out and checks that a fresh call is unchanged, compared with a
// fresh decode of the embedded file.
func TestChecksImmutable(t *testing.T) {
	var doc struct {
		Params map[string]Param `json:"params"`
	}
	if err := json.Unmarshal(checksJSON, &doc); err != nil {
		t.Fatal(err)
	}
	var want []Param
	for _, def := range checkParams {
		p := doc.Params[def.name]
		p.Name, p.Origin = def.name, "embedded"
		want = append(want, p)
	}
	c := Default()
	ps := c.Params()
	for i := range ps {
		ps[i] = Param{Name: "x", Value: 99, Provenance: poverty.Provenance{Source: "x", Status: poverty.Example, Scope: "11", From: "1990", To: "1991", Qualifier: "x", Note: "x"}, Origin: "x"}
	}
	for _, def := range checkParams {
		p, _ := c.Param(def.name)
		p.Value, p.Source, p.Status = 99, "x", poverty.Example
		for _, h := range c.ParamHistory(def.name) {
			h.Value, h.Source = 99, "x"
		}
	}
	if diff := cmp.Diff(want, Default().Params()); diff != "" {
		t.Errorf("DefaultChecks changed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, c.Params()); diff != "" {
		t.Errorf("the copy changed (-want +got):\n%s", diff)
	}
}

// TestCheckLabels checks the labels of the check parameters against
// docs/POLICY.md: the school ages 6-16 are SECONDARY (1.5, a translated
// operational definition), the no-contact period a DEFAULT that says
// what it follows, and the rules of 国发〔2016〕13号 CONFIRMED (4.2).
func TestCheckLabels(t *testing.T) {
	got := map[string]string{}
	for _, p := range Default().Params() {
		got[p.Name] = p.Label()
	}
	want := map[string]string{
		"living_alone_under_age": "CONFIRMED", "guardian_min_age": "CONFIRMED", "no_contact_months": "DEFAULT",
		"school_age_from": "SECONDARY", "school_age_under": "SECONDARY", "entrusted_guardianship": "CONFIRMED", "mandatory_reporting": "CONFIRMED",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
}
