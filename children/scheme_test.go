package children

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

func TestDefaultSchemes(t *testing.T) {
	r := Default()
	var ids []string
	for _, s := range r.Schemes() {
		ids = append(ids, s.ID)
		if s.Document == "" || s.Status == "" || s.Origin != "embedded" {
			t.Errorf("%s lacks document, status or origin", s.ID)
		}
	}
	want := []string{"acwf_2008", "de_facto_unattended_2019", "left_behind_2016", "left_behind_education_statistics"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("schemes (-want +got):\n%s", diff)
	}
	for k, id := range map[Kind]string{KindLeftBehind: "left_behind_2016", KindUnattended: "de_facto_unattended_2019", KindACWF: "acwf_2008"} {
		if s := r.Primary(k); s == nil || s.ID != id {
			t.Errorf("primary %v = %v, want %s", k, s, id)
		}
	}
	s := r.Primary(KindUnattended)
	l, ok := s.Listing(Deported)
	if !ok || l.IssuedYear != 2020 || !strings.Contains(l.Source, "125号") {
		t.Errorf("deported listing = %+v", l)
	}
	if l, ok := s.Listing(LostContact); !ok || l.MinMonths != 6 {
		t.Errorf("lost contact listing = %+v", l)
	}
	if _, ok := s.Listing(MigrantInCounty); ok {
		t.Error("a migrant worker is not a listed situation")
	}
	if r.Primary(KindUnknown) != nil || r.Primary(Kind(99)) != nil {
		t.Error("primary of an unknown kind")
	}
}

func TestInForce(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    InForce
		on   string
		want Outcome
	}{
		{"zero is always in force", InForce{}, "1990-01-01", Yes},
		{"before the day", InForce{From: d("2016-02-04")}, "2016-02-03", No},
		{"on the day", InForce{From: d("2016-02-04")}, "2016-02-04", Yes},
		{"year before issue", InForce{IssuedYear: 2020}, "2019-12-31", No},
		{"in the year of issue", InForce{IssuedYear: 2020}, "2020-01-01", Undetermined},
		{"last day of the year of issue", InForce{IssuedYear: 2020}, "2020-12-31", Undetermined},
		{"year after issue", InForce{IssuedYear: 2020}, "2021-01-01", Yes},
		{"a known day wins over the year", InForce{From: d("2020-12-15"), IssuedYear: 2020}, "2020-12-16", Yes},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.f.On(d(tc.on)); got != tc.want {
				t.Errorf("On(%s) = %v, want %v", tc.on, got, tc.want)
			}
		})
	}
}

func TestLoadRulesErrors(t *testing.T) {
	good := string(schemesJSON)
	for _, tc := range []struct {
		name, doc string
		want      error
		field     string
	}{
		{"unknown field", strings.Replace(good, `"under_age": 16,`, `"under_age": 16, "over_age": 1,`, 1), poverty.ErrSyntax, "file"},
		{"unconfirmed parameter", strings.Replace(good, `"status": "DEFAULT", "note": "the definition`, `"status": "UNCONFIRMED", "note": "the definition`, 1), poverty.ErrUnconfirmed, "away.status"},
		{"unknown status", strings.Replace(good, `"status": "SECONDARY", "note": "a parent's`, `"status": "MAYBE", "note": "a parent's`, 1), poverty.ErrUnknownWord, "incapable.status"},
		{"unknown situation", strings.Replace(good, `"situations": ["deceased", "missing"]`, `"situations": ["deceased", "vanished"]`, 1), poverty.ErrSyntax, "file"},
		{"duplicate id", strings.Replace(good, `"id": "acwf_2008"`, `"id": "left_behind_2016"`, 1), poverty.ErrDuplicate, "id"},
		{"two primaries", strings.Replace(good, `"kind": "left_behind",
   "name": "left-behind child, education`, `"kind": "left_behind", "primary": true,
   "name": "left-behind child, education`, 1), poverty.ErrDuplicate, "primary"},
		{"duplicate listing", strings.Replace(good, `{"situation": "seriously_ill"`, `{"situation": "severely_disabled"`, 1), poverty.ErrDuplicate, "listed[1].situation"},
		{"listed and absent", strings.Replace(good, `{"situation": "seriously_ill"`, `{"situation": "missing"`, 1), ErrConflict, "listed[1].situation"},
		{"age out of range", strings.Replace(good, `"under_age": 16,`, `"under_age": 0,`, 1), poverty.ErrRange, "under_age"},
		{"missing rural flag", strings.Replace(good, `"rural_only": {"value": true, "source": "ACWF reports count rural children", "status": "CONFIRMED"},`, ``, 1), poverty.ErrMissing, "rural_only"},
		{"wrong schema", strings.Replace(good, `children/1`, `children/9`, 1), poverty.ErrUnknownWord, "schema"},
		{"extension region unknown", strings.Replace(good, `{"region": "44"`, `{"region": "national"`, 1), poverty.ErrUnknownRegion, "school_extension[0].region"},
		{"trailing data", good + "{}", poverty.ErrSyntax, "file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.doc == good {
				t.Fatal("replacement did not apply")
			}
			_, err := LoadRules(strings.NewReader(tc.doc), "caller.json")
			var re *RecordError
			if !errors.Is(err, tc.want) || !errors.As(err, &re) || re.Field != tc.field {
				t.Errorf("err = %v; want %v on field %s", err, tc.want, tc.field)
			}
		})
	}
}

// TestOverlayProvincialRule shows a caller supplying a rule the embedded
// data lack: the exact day 民发〔2019〕62号 took effect in their reading,
// which turns a 2019 "undetermined" into an answer, while the embedded
// scheme stays visible in Replaced.
func TestOverlayProvincialRule(t *testing.T) {
	doc := strings.Replace(string(schemesJSON), `"issued_year": 2019,
   "from_note"`, `"from": "2019-06-18", "issued_year": 2019,
   "from_note"`, 1)
	o, err := LoadRules(strings.NewReader(doc), "county.json")
	if err != nil {
		t.Fatal(err)
	}
	r := Default().Overlay(o)
	c := Child{ID: "x", BirthDate: d("2012-01-01"), Hukou: Rural, Father: Parent{Situation: SeverelyDisabled}, Mother: Parent{Situation: SeriouslyIll}}
	for _, tc := range []struct {
		rules *Rules
		on    string
		want  Outcome
	}{
		{Default(), "2019-07-01", Undetermined},
		{r, "2019-06-17", No},
		{r, "2019-07-01", Yes},
	} {
		cl, err := tc.rules.Classify(&c, d(tc.on))
		if err != nil {
			t.Fatal(err)
		}
		if cl.Unattended.Outcome != tc.want {
			t.Errorf("%s on %s = %v, want %v", cl.Unattended.Scheme.Origin, tc.on, cl.Unattended.Outcome, tc.want)
		}
	}
	if got := r.Primary(KindUnattended).Origin; got != "county.json" {
		t.Errorf("primary origin = %s", got)
	}
	var replaced []string
	for _, s := range r.Replaced() {
		replaced = append(replaced, s.ID+"@"+s.Origin)
	}
	if len(replaced) != 4 || replaced[1] != "de_facto_unattended_2019@embedded" {
		t.Errorf("replaced = %v", replaced)
	}
	if len(Default().Replaced()) != 0 {
		t.Error("Overlay changed the default rules")
	}
}

func TestEnumWords(t *testing.T) {
	type enum interface {
		String() string
		MarshalText() ([]byte, error)
	}
	check := func(name string, vals []enum, parse func([]byte) (enum, error)) {
		t.Run(name, func(t *testing.T) {
			for _, v := range vals {
				b, err := v.MarshalText()
				if err != nil {
					t.Errorf("%v: %v", v, err)
					continue
				}
				back, err := parse(b)
				if err != nil || back != v {
					t.Errorf("%s: parsed %v, %v", b, back, err)
				}
			}
			if _, err := parse([]byte("no_such_word")); !errors.Is(err, poverty.ErrUnknownWord) {
				t.Errorf("unknown word: %v", err)
			}
		})
	}
	check("situation", func() (v []enum) {
		for s := AtHome; s < numSituations; s++ {
			v = append(v, s)
		}
		return
	}(), func(b []byte) (enum, error) { var s Situation; err := s.UnmarshalText(b); return s, err })
	check("school", func() (v []enum) {
		for s := NotEnrolled; s < numSchools; s++ {
			v = append(v, s)
		}
		return
	}(), func(b []byte) (enum, error) { var s School; err := s.UnmarshalText(b); return s, err })
	check("cause", func() (v []enum) {
		for s := ParentReturned; s < numCauses; s++ {
			v = append(v, s)
		}
		return
	}(), func(b []byte) (enum, error) { var s Cause; err := s.UnmarshalText(b); return s, err })
	check("service", []enum{ChildrensHome, ActivityCentre, DirectorPost, SupervisorPost},
		func(b []byte) (enum, error) { var s Service; err := s.UnmarshalText(b); return s, err })
	check("guardian", []enum{GuardianParent, Grandparent, OtherRelative, EntrustedAdult, Institution, NoGuardian},
		func(b []byte) (enum, error) { var s GuardianKind; err := s.UnmarshalText(b); return s, err })
	check("living", []enum{WithParents, WithOneParent, WithGrandparents, WithRelatives, WithOtherAdult, InInstitution, Alone},
		func(b []byte) (enum, error) { var s Living; err := s.UnmarshalText(b); return s, err })
	check("status", []enum{NotCovered, LeftBehind, Unattended, StatusUndetermined},
		func(b []byte) (enum, error) { var s Status; err := s.UnmarshalText(b); return s, err })
	check("severity", []enum{Notice, Warning, Urgent},
		func(b []byte) (enum, error) { var s Severity; err := s.UnmarshalText(b); return s, err })
	check("actor", []enum{Parents, ChildDirector, Supervisor, SchoolActor, Police},
		func(b []byte) (enum, error) { var s Actor; err := s.UnmarshalText(b); return s, err })
	check("age band", []enum{Age0to5, Age6to13, Age14to16, Age17Plus},
		func(b []byte) (enum, error) { var s AgeBand; err := s.UnmarshalText(b); return s, err })
	if _, err := Situation(0).MarshalText(); !errors.Is(err, poverty.ErrUnknownWord) {
		t.Errorf("unset situation marshals: %v", err)
	}
	if got := Situation(200).String(); got != "Situation(200)" {
		t.Errorf("out of range: %s", got)
	}
}

func TestOverlayReplacementKeepsPrimary(t *testing.T) {
	// A county file replaces the 2016 scheme without marking it primary (it
	// narrows the definition to migrants outside the county): it still
	// takes the replaced scheme's place.
	doc := `{"schema":"fupin.children/1","vintage":"2026-12-01","schemes":[{"id":"left_behind_2016","kind":"left_behind",
	  "document":"国发〔2016〕13号 as read by a county","status":"CONFIRMED","from":"2016-02-04","under_age":16,
	  "rural_only":{"value":true,"source":"国发〔2016〕13号","status":"CONFIRMED"},
	  "away":{"situations":["migrant_in_province","migrant_out_of_province"],"source":"county rule","status":"DEFAULT"},
	  "rule":"both_away_or_one_away_other_incapable"}]}`
	o, err := LoadRules(strings.NewReader(doc), "county.json")
	if err != nil {
		t.Fatal(err)
	}
	r := Default().Overlay(o)
	if p := r.Primary(KindLeftBehind); p == nil || p.Origin != "county.json" {
		t.Fatalf("primary = %+v", p)
	}
	c := migrantChild("x")
	c.Mother.Situation = MigrantInCounty
	on := d("2024-09-01")
	a, _ := Default().Classify(&c, on)
	b, _ := r.Classify(&c, on)
	if a.LeftBehind.Outcome != Yes || b.LeftBehind.Outcome != No {
		t.Errorf("default %v, county %v; want yes, no", a.LeftBehind.Outcome, b.LeftBehind.Outcome)
	}
	if Default().Primary(KindLeftBehind).Origin != "embedded" {
		t.Error("Overlay changed the default rules")
	}
}
