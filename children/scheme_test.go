package children

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/openfupin/fupin/poverty"
)

// mustPrimary returns the primary scheme of the kind.
func mustPrimary(tb testing.TB, r *Rules, k Status) *Scheme {
	tb.Helper()
	s, ok := r.Primary(k)
	if !ok {
		tb.Fatalf("no primary scheme of kind %v", k)
	}
	return &s
}

// ignoreInternal compares schemes by their exported fields.
var ignoreInternal = cmpopts.IgnoreUnexported(Scheme{})

func TestDefaultSchemes(t *testing.T) {
	r := Default()
	var ids []string
	for _, s := range r.Schemes() {
		ids = append(ids, s.ID)
		if err := s.Provenance.Validate(s.ID); err != nil || s.Origin != "embedded" {
			t.Errorf("%s: provenance %v, origin %q", s.ID, err, s.Origin)
		}
	}
	want := []string{"acwf_2008", "de_facto_unattended_2019", "left_behind_2016", "left_behind_education_statistics"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("schemes (-want +got):\n%s", diff)
	}
	for k, id := range map[Status]string{LeftBehind: "left_behind_2016", Unattended: "de_facto_unattended_2019", ACWF: "acwf_2008"} {
		if s, ok := r.Primary(k); !ok || s.ID != id {
			t.Errorf("primary %v = %v, want %s", k, s.ID, id)
		}
	}
	if _, ok := r.Primary(Status(0)); ok {
		t.Error("primary of the unknown kind")
	}
	if _, ok := r.Primary(Status(99)); ok {
		t.Error("primary of an out-of-range kind")
	}
	s := mustPrimary(t, r, Unattended)
	if _, ok := s.Listing(MigrantInCounty, poverty.National); ok {
		t.Error("a migrant worker is not a listed situation")
	}
}

// TestScopedRules checks which record decides where: the six-month rules
// and the two situations of 民发〔2020〕125号 are provincial rules of
// Guangdong (44) and Fujian (35), LOCAL there; elsewhere the library's
// DEFAULT reading, which says that it follows them, applies.
func TestScopedRules(t *testing.T) {
	s := mustPrimary(t, Default(), Unattended)
	hunan, guangdong, fujian := poverty.Region(43), poverty.Region(44), poverty.Region(35)
	label := func(sit Situation, r poverty.Region) string {
		l, ok := s.Listing(sit, r)
		if !ok {
			return "not listed"
		}
		if len(l.MinMonths) == 0 {
			return l.Label() + "; no minimum"
		}
		if len(l.MinMonths) != 1 {
			t.Errorf("%v in %v: %d minimum durations, want the one that applies", sit, r, len(l.MinMonths))
		}
		m := l.MinMonths[0]
		return l.Label() + "; " + m.Label() + " " + string(rune('0'+m.Value))
	}
	for _, tc := range []struct {
		sit    Situation
		region poverty.Region
		want   string
	}{
		{LostContact, guangdong, "CONFIRMED (provincial implementation quoting the national text); LOCAL 44 (provincial) 6"},
		{LostContact, fujian, "CONFIRMED (provincial implementation quoting the national text); LOCAL 35 (provincial) 6"},
		{LostContact, hunan, "CONFIRMED (provincial implementation quoting the national text); DEFAULT 6"},
		{LostContact, poverty.National, "CONFIRMED (provincial implementation quoting the national text); DEFAULT 6"},
		{Imprisoned, guangdong, "CONFIRMED (provincial implementation quoting the national text); LOCAL 44 (provincial) 6"},
		{Imprisoned, fujian, "CONFIRMED (provincial implementation quoting the national text); DEFAULT 6"},
		{DrugRehabilitation, hunan, "CONFIRMED (provincial implementation quoting the national text); DEFAULT 6"},
		{SeverelyDisabled, guangdong, "CONFIRMED (provincial implementation quoting the national text); no minimum"},
		{GuardianshipRevoked, fujian, "LOCAL 35 (provincial); no minimum"},
		{GuardianshipRevoked, hunan, "DEFAULT; no minimum"},
		{Deported, fujian, "LOCAL 35 (provincial); no minimum"},
		{Deported, guangdong, "DEFAULT; no minimum"},
	} {
		if got := label(tc.sit, tc.region); got != tc.want {
			t.Errorf("%v in %v: %s, want %s", tc.sit, tc.region, got, tc.want)
		}
	}
	// Every DEFAULT says what it follows, and every record is complete.
	for _, l := range s.Listed {
		for _, m := range append([]Setting[int]{{Provenance: l.Provenance}}, l.MinMonths...) {
			if err := m.Validate(s.ID); err != nil {
				t.Error(err)
			}
			if m.Status == poverty.LibraryDefault && !strings.Contains(m.Source, "library default") {
				t.Errorf("%v: a DEFAULT that does not say so: %s", l.Situation, m.Source)
			}
		}
	}
	if e := s.Extensions; len(e) != 1 || e[0].Label() != "LOCAL 44 (provincial)" {
		t.Errorf("school extension = %+v", e)
	}
}

// TestScopedReasons checks that a reason cites the record that decided,
// with its status, by the child's province.
func TestScopedReasons(t *testing.T) {
	c := Child{ID: "x", BirthDate: d("2012-01-01"), Hukou: Rural,
		Father: Parent{Situation: LostContact, LastContact: d("2024-01-01")}, Mother: Parent{Situation: Deceased}}
	for _, tc := range []struct {
		region poverty.Region
		label  string
	}{
		{44, "[LOCAL 44 (provincial)]"},
		{35, "[LOCAL 35 (provincial)]"},
		{43, "[DEFAULT]"},
	} {
		c.Region = tc.region
		cl, err := Default().Classify(&c, d("2024-08-01"))
		if err != nil {
			t.Fatal(err)
		}
		r, ok := cl.Unattended.reason(codeParentListed)
		if !ok || r.Outcome != Yes || r.Param != 6 || !strings.HasSuffix(r.Source, tc.label) {
			t.Errorf("region %v: %s", tc.region, r)
		}
		if in, _ := cl.Unattended.reason(codeInForce); !strings.HasSuffix(in.Source, "[CONFIRMED (provincial implementation quoting the national text)]") {
			t.Errorf("in force: %s", in)
		}
	}
}

func TestPeriod(t *testing.T) {
	for _, tc := range []struct {
		name     string
		from, to string
		on       string
		want     Outcome
	}{
		{"no bounds is always in force", "", "", "1990-01-01", Yes},
		{"before the day", "2016-02-04", "", "2016-02-03", No},
		{"on the day", "2016-02-04", "", "2016-02-04", Yes},
		{"year before issue", "2020", "", "2019-12-31", No},
		{"in the year of issue", "2020", "", "2020-01-01", Undetermined},
		{"last day of the year of issue", "2020", "", "2020-12-31", Undetermined},
		{"year after issue", "2020", "", "2021-01-01", Yes},
		{"in the month of issue", "2020-06", "", "2020-06-30", Undetermined},
		{"month after issue", "2020-06", "", "2020-07-01", Yes},
		{"last day in force", "", "2022-12-31", "2022-12-31", Yes},
		{"day after the end", "", "2022-12-31", "2023-01-01", No},
		{"in the year of the end", "", "2022", "2022-06-01", Undetermined},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := poverty.Provenance{Source: "s", Status: poverty.Confirmed, Scope: poverty.ScopeNational, From: tc.from, To: tc.to}
			if got := periodOf(p).on(d(tc.on)); got != tc.want {
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
		{"old document member", strings.Replace(good, `"source": "国发〔2016〕13号 《`, `"document": "国发〔2016〕13号 《`, 1), poverty.ErrSyntax, "file"},
		{"unconfirmed setting with a value", strings.Replace(good, `"status": "DEFAULT", "scope": "national", "note": "the definition`, `"status": "UNCONFIRMED", "scope": "national", "note": "the definition`, 1), poverty.ErrUnconfirmed, "away.status"},
		{"unknown status", strings.Replace(good, `"status": "SECONDARY", "scope": "national", "note": "a parent's`, `"status": "MAYBE", "scope": "national", "note": "a parent's`, 1), poverty.ErrSyntax, "file"},
		{"missing scope", strings.Replace(good, `"status": "SECONDARY", "scope": "national", "note": "a parent's`, `"status": "SECONDARY", "note": "a parent's`, 1), poverty.ErrMissing, "incapable.scope"},
		{"invented date", strings.Replace(good, `"from": "2016-02-04"`, `"from": "2016-02-30"`, 1), poverty.ErrSyntax, "from"},
		{"unknown situation", strings.Replace(good, `"situations": ["deceased", "missing"]`, `"situations": ["deceased", "vanished"]`, 1), poverty.ErrSyntax, "file"},
		{"duplicate id", strings.Replace(good, `"id": "acwf_2008"`, `"id": "left_behind_2016"`, 1), poverty.ErrDuplicate, "id"},
		{"two primaries", strings.Replace(good, `"kind": "left_behind",
   "name": "left-behind child, education`, `"kind": "left_behind", "primary": true,
   "name": "left-behind child, education`, 1), poverty.ErrDuplicate, "primary"},
		{"duplicate listing", strings.Replace(good, `{"situation": "seriously_ill"`, `{"situation": "severely_disabled"`, 1), poverty.ErrDuplicate, "listed[1].situation"},
		{"duplicate threshold scope", strings.Replace(good, `"status": "LOCAL", "qualifier": "provincial", "scope": "35"},`, `"status": "LOCAL", "qualifier": "provincial", "scope": "44"},`, 1), poverty.ErrDuplicate, "listed[5].min_months[1].scope"},
		{"threshold out of range", strings.Replace(good, `{"value": 6, "source": "粤民规字〔2019〕10号: 失联`, `{"value": 0, "source": "粤民规字〔2019〕10号: 失联`, 1), poverty.ErrRange, "listed[5].min_months[0].value"},
		{"listed and absent", strings.Replace(good, `{"situation": "seriously_ill"`, `{"situation": "missing"`, 1), ErrConflict, "listed[1].situation"},
		{"age out of range", strings.Replace(good, `"under_age": 16,`, `"under_age": 0,`, 1), poverty.ErrRange, "under_age"},
		{"missing rural flag", strings.Replace(good, `"rural_only": {"value": true, "source": "ACWF reports count rural children", "status": "CONFIRMED", "qualifier": "press", "scope": "national"},`, ``, 1), poverty.ErrMissing, "rural_only"},
		{"wrong schema", strings.Replace(good, `children/2`, `children/9`, 1), poverty.ErrUnknownWord, "schema"},
		{"extension scope unknown", strings.Replace(good, `"qualifier": "provincial", "scope": "44"}
   ]`, `"qualifier": "provincial", "scope": "99"}
   ]`, 1), poverty.ErrSyntax, "file"},
		{"trailing data", good + "{}", poverty.ErrSyntax, "file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.doc == good {
				t.Fatal("replacement did not apply")
			}
			_, err := LoadRules(strings.NewReader(tc.doc), "caller.json")
			var fe *poverty.FieldError
			field := ""
			if errors.As(err, &fe) && fe.Op == "children.LoadRules" {
				field = fe.Field
			}
			if !errors.Is(err, tc.want) || field != tc.field {
				t.Errorf("err = %v; want %v on field %s", err, tc.want, tc.field)
			}
		})
	}
}

// TestLoadRulesEveryStatus checks that every status loads: an UNCONFIRMED
// record without a value is kept (to show the gap) and decides nothing;
// SUPPLIED and EXAMPLE are a caller's.
func TestLoadRulesEveryStatus(t *testing.T) {
	doc := `{"schema":"fupin.children/2","vintage":"2026-12-01","schemes":[{"id":"own","kind":"de_facto_unattended",
	  "source":"county reading (example)","status":"EXAMPLE","scope":"340722","under_age":18,
	  "rural_only":{"value":false,"source":"caller","status":"SUPPLIED","scope":"34"},
	  "rule":"both_listed_or_one_absent_other_listed",
	  "absent":{"situations":["deceased"],"source":"caller","status":"SECONDARY","scope":"national"},
	  "listed":[{"situation":"seriously_ill","source":"caller","status":"LOCAL","scope":"34"},
	    {"situation":"imprisoned","source":"commonly quoted, not found","status":"UNCONFIRMED","scope":"national",
	     "min_months":[{"value":0,"source":"commonly quoted: 6 months","status":"UNCONFIRMED","scope":"national"}]},
	    {"situation":"lost_contact","source":"caller","status":"DEFAULT","scope":"national"}]}]}`
	r, err := LoadRules(strings.NewReader(doc), "own.json")
	if err != nil {
		t.Fatal(err)
	}
	s, _ := r.Scheme("own")
	c := Child{ID: "x", BirthDate: d("2012-01-01"), Region: 34, Hukou: Rural,
		Father: Parent{Situation: Imprisoned, Since: d("2020-01-01")}, Mother: Parent{Situation: Deceased}}
	res, err := s.Classify(&c, d("2024-01-01"))
	if err != nil || res.Outcome != No {
		t.Errorf("an UNCONFIRMED listing decided: %v %v\n%s", res.Outcome, err, res.Explain())
	}
	c.Father.Situation = SeriouslyIll
	if res, _ := s.Classify(&c, d("2024-01-01")); res.Outcome != Yes {
		t.Errorf("LOCAL 34 listing in Anhui: %v", res.Outcome)
	}
	c.Region = 43
	if res, _ := s.Classify(&c, d("2024-01-01")); res.Outcome != No {
		t.Errorf("LOCAL 34 listing in Hunan: %v", res.Outcome)
	}
}

// TestOverlayHistory shows a caller supplying a rule the embedded data
// lack: the exact day 民发〔2019〕62号 took effect in their reading, which
// turns a 2019 "undetermined" into an answer, while the embedded scheme
// stays in History.
func TestOverlayHistory(t *testing.T) {
	doc := strings.Replace(string(schemesJSON), `"from": "2019",`, `"from": "2019-06-18",`, 1)
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
			t.Errorf("%s on %s = %v, want %v", cl.Unattended.Scheme, tc.on, cl.Unattended.Outcome, tc.want)
		}
	}
	if got := mustPrimary(t, r, Unattended).Origin; got != "county.json" {
		t.Errorf("primary origin = %s", got)
	}
	var history []string
	for _, s := range r.History("de_facto_unattended_2019") {
		history = append(history, s.From+"@"+s.Origin)
	}
	if diff := cmp.Diff([]string{"2019@embedded", "2019-06-18@county.json"}, history); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	// A second overlay keeps both earlier versions.
	r2 := r.Overlay(o)
	if n := len(r2.History("de_facto_unattended_2019")); n != 3 {
		t.Errorf("history after two overlays: %d versions, want 3", n)
	}
	if h := Default().History("de_facto_unattended_2019"); len(h) != 1 || h[0].Origin != "embedded" {
		t.Errorf("Overlay changed the default rules: %d versions", len(h))
	}
	if h := Default().History("no_such_scheme"); len(h) != 0 {
		t.Errorf("history of an unknown scheme: %v", h)
	}
}

// TestSchemesImmutable is the regression test of the shared-scheme bug: a
// caller that changes every field of what Primary, Scheme, Schemes or
// History returned changes nothing for any other caller.
func TestSchemesImmutable(t *testing.T) {
	var fresh fileDoc
	if err := json.NewDecoder(bytes.NewReader(schemesJSON)).Decode(&fresh); err != nil {
		t.Fatal(err)
	}
	want := map[string]Scheme{}
	for _, s := range fresh.Schemes {
		s.Origin = "embedded"
		want[s.ID] = s
	}
	check := func(when string) {
		t.Helper()
		for _, s := range Default().Schemes() {
			if diff := cmp.Diff(want[s.ID], s, ignoreInternal); diff != "" {
				t.Errorf("%s: %s changed (-want +got):\n%s", when, s.ID, diff)
			}
		}
	}
	check("before")
	vandalize := func(s *Scheme) {
		s.ID, s.Kind, s.Primary, s.Name, s.UnderAge, s.Origin, s.Rule = "x", ACWF, !s.Primary, "x", 99, "x", AtLeastOneAway
		s.Provenance = poverty.Provenance{Source: "x", Status: poverty.Example}
		s.RuralOnly = Setting[bool]{Value: !s.RuralOnly.Value}
		s.Away.Situations, s.Incapable.Situations, s.IncapableAlso.Situations, s.Absent.Situations = 1, 1, 1, 1
		s.Away.Source, s.Incapable.Source, s.IncapableAlso.Source, s.Absent.Source = "x", "x", "x", "x"
		s.MinAwayMonths = Setting[int]{Value: 99}
		for i := range s.Listed {
			l := &s.Listed[i]
			l.Situation, l.Source, l.Status, l.Scope, l.From = AtHome, "x", poverty.Example, "11", "1990"
			for j := range l.MinMonths {
				l.MinMonths[j].Value, l.MinMonths[j].Source, l.MinMonths[j].Scope = 99, "x", "11"
			}
		}
		for i := range s.Extensions {
			e := &s.Extensions[i]
			e.Source, e.Scope = "x", "11"
			for j := range e.Levels {
				e.Levels[j] = NotEnrolled
			}
		}
	}
	r := Default()
	for k := LeftBehind; k < numStatuses; k++ {
		if s, ok := r.Primary(k); ok {
			vandalize(&s)
		}
		if s, ok := r.Primary(k); ok {
			if l, ok := s.Listing(LostContact, 44); ok {
				l.MinMonths[0].Value = 1
			}
		}
	}
	for _, s := range r.Schemes() {
		vandalize(&s)
		if one, ok := r.Scheme(s.ID); ok {
			vandalize(&one)
		}
	}
	all := r.Schemes()
	for i := range all {
		vandalize(&all[i])
	}
	for _, h := range r.History("de_facto_unattended_2019") {
		vandalize(&h)
	}
	check("after changing every copy")
	// A changed copy still classifies as loaded.
	s := mustPrimary(t, r, Unattended)
	vandalize(s)
	c := Child{ID: "x", BirthDate: d("2012-01-01"), Hukou: Rural, Father: Parent{Situation: SeverelyDisabled}, Mother: Parent{Situation: SeriouslyIll}}
	if res, err := s.Classify(&c, d("2024-01-01")); err != nil || res.Outcome != Yes || res.Scheme != "de_facto_unattended_2019" {
		t.Errorf("changed copy: %v %v %s", res.Outcome, err, res.Scheme)
	}
	if _, err := (&Scheme{ID: "own"}).Classify(&c, d("2024-01-01")); !errors.Is(err, ErrUnknownScheme) {
		t.Errorf("a scheme not from Rules: %v", err)
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
		for i := range numCauses {
			v = append(v, Causes(1)<<i)
		}
		return
	}(), func(b []byte) (enum, error) { var s Causes; err := s.UnmarshalText(b); return s, err })
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
	// Marshalling never fails on the zero value: it writes the unset word,
	// which reads back as the zero value (issue 11: marshal like slog.Level).
	if b, err := Situation(0).MarshalText(); err != nil || string(b) != "unknown" {
		t.Errorf("unset situation marshals to %q, %v; want \"unknown\"", b, err)
	} else if s := Situation(7); s.UnmarshalText(b) != nil || s != 0 {
		t.Errorf("%q reads back as %v", b, s)
	}
	if _, err := Situation(200).MarshalText(); !errors.Is(err, poverty.ErrUnknownWord) {
		t.Errorf("an out-of-range situation marshals: %v", err)
	}
	if got := Situation(200).String(); got != "Situation(200)" {
		t.Errorf("out of range: %s", got)
	}
}

func TestOverlayReplacementKeepsPrimary(t *testing.T) {
	// A county file replaces the 2016 scheme without marking it primary (it
	// narrows the definition to migrants outside the county): it still
	// takes the replaced scheme's place.
	doc := `{"schema":"fupin.children/2","vintage":"2026-12-01","schemes":[{"id":"left_behind_2016","kind":"left_behind",
	  "source":"国发〔2016〕13号 as read by a county","status":"SUPPLIED","scope":"national","from":"2016-02-04","under_age":16,
	  "rural_only":{"value":true,"source":"国发〔2016〕13号","status":"CONFIRMED","scope":"national"},
	  "away":{"situations":["migrant_in_province","migrant_out_of_province"],"source":"county rule","status":"SUPPLIED","scope":"national"},
	  "rule":"both_away_or_one_away_other_incapable"}]}`
	o, err := LoadRules(strings.NewReader(doc), "county.json")
	if err != nil {
		t.Fatal(err)
	}
	r := Default().Overlay(o)
	if p := mustPrimary(t, r, LeftBehind); p.Origin != "county.json" {
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
	if mustPrimary(t, Default(), LeftBehind).Origin != "embedded" {
		t.Error("Overlay changed the default rules")
	}
}

// TestSchemesRoundTrip checks that the JSON form of a Scheme is a record of
// the scheme file: the schemes Default returns, marshalled into a file,
// load back to the same schemes.
func TestSchemesRoundTrip(t *testing.T) {
	b, err := json.Marshal(struct {
		Schema  string   `json:"schema"`
		Vintage string   `json:"vintage"`
		Schemes []Scheme `json:"schemes"`
	}{"fupin.children/2", DataVintage, Default().Schemes()})
	if err != nil {
		t.Fatal(err)
	}
	r, err := LoadRules(bytes.NewReader(b), "embedded")
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if diff := cmp.Diff(Default().Schemes(), r.Schemes(), ignoreInternal); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}
