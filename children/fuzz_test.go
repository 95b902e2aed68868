package children

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/openfupin/fupin/poverty"
)

// FuzzLoadRules feeds scheme files to LoadRules: it must never panic,
// every error must be a *poverty.FieldError of children.LoadRules, and rules it accepts must classify a
// child without panicking.
func FuzzLoadRules(f *testing.F) {
	f.Add(string(schemesJSON))
	f.Add(`{"schema":"fupin.children/2","schemes":[{"id":"x","kind":"acwf","source":"d","status":"CONFIRMED","scope":"national","under_age":18,"rural_only":{"value":true,"source":"s","status":"DEFAULT","scope":"national"},"away":{"situations":["migrant_in_county"],"source":"s","status":"DEFAULT","scope":"national"},"rule":"at_least_one_away"}]}`)
	f.Add(`{"schema":"fupin.children/2","schemes":[{"id":"y","kind":"de_facto_unattended","primary":true,"source":"d","status":"SECONDARY","scope":"national","from":"2030","under_age":3,"rural_only":{"value":false,"source":"s","status":"CONFIRMED","scope":"national"},"rule":"both_listed_or_one_absent_other_listed","listed":[{"situation":"lost_contact","min_months":[{"value":120,"source":"s","status":"LOCAL","scope":"44"}],"source":"s","status":"DEFAULT","scope":"national","from":"2031-01-01"}],"school_extension":[{"levels":["primary"],"source":"s","status":"LOCAL","scope":"44"}]}]}`)
	f.Add(`{}`)
	kids := genRegistry(40, d("2024-09-01")).Children
	f.Fuzz(func(t *testing.T, doc string) {
		r, err := LoadRules(strings.NewReader(doc), "fuzz.json")
		if err != nil {
			checkLoadError(t, err)
			return
		}
		rules := Default().Overlay(r)
		for i := range kids {
			cl, err := rules.Classify(&kids[i], d("2024-09-01"))
			if err != nil {
				t.Fatal(err)
			}
			for _, res := range []*Result{&cl.LeftBehind, &cl.Unattended, &cl.ACWF} {
				if res.Outcome == Outcome(0) {
					t.Fatalf("unset outcome for a kind with a primary scheme")
				}
			}
		}
	})
}

// FuzzLoadChecks feeds check-parameter files to LoadRules. Properties:
// an error is a *poverty.FieldError of children.LoadRules; the parameters
// of an accepted file, written back in the file schema, load again to the
// same parameters (round trip); a file without schemes changes no
// classification (oracle: Default's); and checks with the parameters laid
// over Default run, or fail only for an UNCONFIRMED parameter or school
// ages out of order, naming it.
func FuzzLoadChecks(f *testing.F) {
	f.Add(`{"schema":"fupin.children.checks/2","params":{"no_contact_months":{"value":3,"source":"s","status":"LOCAL","scope":"44"}}}`)
	f.Add(`{"schema":"fupin.children.checks/2","params":{"school_age_from":{"value":7,"source":"s","status":"DEFAULT","scope":"national"},"mandatory_reporting":{"source":"s","status":"CONFIRMED","scope":"national"}}}`)
	f.Add(`{"schema":"fupin.children.checks/2","params":{"guardian_min_age":{"source":"s","status":"UNCONFIRMED","scope":"national"}}}`)
	f.Add(`{"schema":"fupin.children.checks/2","params":{}}`)
	on := d("2024-09-01")
	kids := genRegistry(20, on).Children
	base := make([]Classification, len(kids))
	for i := range kids {
		var err error
		if base[i], err = Default().Classify(&kids[i], on); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, doc string) {
		o, err := LoadRules(strings.NewReader(doc), "fuzz.json")
		if err != nil {
			checkLoadError(t, err)
			return
		}
		if ps := o.Params(); len(ps) > 0 {
			back := map[string]Param{}
			for _, p := range ps {
				if p.Origin != "fuzz.json" {
					t.Fatalf("%s: origin %q", p.Name, p.Origin)
				}
				back[p.Name] = p
			}
			b, err := json.Marshal(map[string]any{"schema": "fupin.children.checks/2", "params": back})
			if err != nil {
				t.Fatal(err)
			}
			again, err := LoadRules(bytes.NewReader(b), "fuzz.json")
			if err != nil {
				t.Fatalf("written back, the parameters do not load: %v\n%s", err, b)
			}
			if diff := cmp.Diff(ps, again.Params()); diff != "" {
				t.Fatalf("round trip (-want +got):\n%s", diff)
			}
		}
		p := Default().Overlay(o)
		if len(o.Schemes()) == 0 {
			for i := range kids {
				cl, err := p.Classify(&kids[i], on)
				if err != nil || cl.Status() != base[i].Status() || cl.LeftBehind.Outcome != base[i].LeftBehind.Outcome || cl.Unattended.Outcome != base[i].Unattended.Outcome {
					t.Fatalf("check parameters changed a classification: %v -> %v, %v", base[i].Status(), cl.Status(), err)
				}
			}
		}
		c := migrantChild("f")
		if _, _, err := classifyCheck(p, &c, on); err != nil {
			var re *poverty.FieldError
			if !errors.As(err, &re) || re.Op != "children.Check" || re.Record != "checks" || !errors.Is(err, poverty.ErrUnconfirmed) && !errors.Is(err, poverty.ErrRange) {
				t.Fatalf("accepted parameters fail: %v", err)
			}
		}
	})
}

// FuzzLoadCounts: an error is a *poverty.FieldError of children.LoadCounts;
// accepted counts have an ID (unique), a scheme, a period, no negative
// value, and written back in the file schema load again to the same counts.
func FuzzLoadCounts(f *testing.F) {
	f.Add(`{"schema":"fupin.children.counts/2","counts":[{"id":"a","scheme":"mca-2016","as_of":"2016","value":9020000,"approximate":true,"source":"s","status":"CONFIRMED","scope":"national"}]}`)
	f.Add(`{"schema":"fupin.children.counts/2","counts":[{"id":"b","scheme":"x","as_of":"2018-08","source":"s","status":"UNCONFIRMED","scope":"51"},{"id":"b","scheme":"x","as_of":"2019","value":1,"source":"s","status":"LOCAL","scope":"51"}]}`)
	f.Add(`{}`)
	f.Fuzz(func(t *testing.T, doc string) {
		cs, err := LoadCounts(strings.NewReader(doc), "fuzz.json")
		if err != nil {
			var fe *poverty.FieldError
			if !errors.As(err, &fe) || fe.Op != "children.LoadCounts" {
				t.Fatalf("error is not a *poverty.FieldError of children.LoadCounts: %v", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, c := range cs {
			if c.ID == "" || seen[c.ID] || c.Scheme == "" || c.AsOf == "" || c.Value < 0 {
				t.Fatalf("accepted count %+v", c)
			}
			seen[c.ID] = true
		}
		b, err := json.Marshal(map[string]any{"schema": "fupin.children.counts/2", "counts": cs})
		if err != nil {
			t.Fatal(err)
		}
		again, err := LoadCounts(bytes.NewReader(b), "fuzz.json")
		if err != nil {
			t.Fatalf("written back, the counts do not load: %v\n%s", err, b)
		}
		if diff := cmp.Diff(cs, again, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}

// checkLoadError fails unless err is a *poverty.FieldError (naming the
// file or a record) of children.LoadRules.
func checkLoadError(t *testing.T, err error) {
	t.Helper()
	var fe *poverty.FieldError
	if !errors.As(err, &fe) || fe.Op != "children.LoadRules" || !strings.HasPrefix(err.Error(), "children.LoadRules: ") {
		t.Fatalf("error is not a *poverty.FieldError of children.LoadRules: %v", err)
	}
}

// TestConcurrentUse runs classification, checks and transitions on the
// shared default rules from several goroutines (meaningful under -race).
func TestConcurrentUse(t *testing.T) {
	reg := genRegistry(400, d("2024-09-01"))
	next := Snapshot{On: d("2025-09-01"), Children: reg.Children[100:]}
	want, err := Default().Summarize(reg)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range reg.Children {
				if _, _, err := classifyCheck(Default(), &reg.Children[i], reg.On); err != nil {
					errs <- err
					return
				}
			}
			f, err := Default().Summarize(reg)
			if err != nil || f.Children != want.Children || f.LeftBehind.Children != want.LeftBehind.Children {
				errs <- errors.New("figures differ between goroutines")
			}
			if _, err := mustPrimary(t, Default(), LeftBehind).Transitions(reg, next); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// FuzzSituationSetJSON: a situation set decodes from an array of situation
// words (oracle: the words one by one with Situation.UnmarshalText, none
// unset), round-trips through MarshalJSON, and an error is typed.
func FuzzSituationSetJSON(f *testing.F) {
	for _, s := range []string{`["migrant_in_county","lost_contact"]`, `[]`, `null`, `["unknown"]`, `["x"]`, `{}`, `"AQI="`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, js string) {
		var m SituationSet
		err := json.Unmarshal([]byte(js), &m)
		var words []string
		oracle := json.Unmarshal([]byte(js), &words) == nil
		var list []Situation
		for _, w := range words {
			var s Situation
			if s.UnmarshalText([]byte(w)) != nil || s == 0 {
				oracle = false
				break
			}
			list = append(list, s)
		}
		if err != nil {
			var pe *poverty.ParseError
			var se *json.SyntaxError
			var te *json.UnmarshalTypeError
			if !errors.As(err, &pe) && !errors.As(err, &se) && !errors.As(err, &te) {
				t.Fatalf("%s: untyped error %v", js, err)
			}
			if oracle && words != nil {
				t.Fatalf("%s refused: %v", js, err)
			}
			return
		}
		if words == nil {
			if strings.TrimSpace(js) != "null" {
				t.Fatalf("%s accepted as %v: not an array of words", js, m.Situations())
			}
			return // null leaves the set unchanged
		}
		if !oracle || m != SituationsOf(list...) {
			t.Fatalf("%s -> %v, oracle %v", js, m.Situations(), list)
		}
		out, err := json.Marshal(m)
		var back SituationSet
		if err != nil || json.Unmarshal(out, &back) != nil || back != m {
			t.Fatalf("round trip %s -> %s -> %v", js, out, back.Situations())
		}
	})
}

// FuzzCausesText: causes parse from words joined by "+" (oracle: each word
// is a cause's word), round-trip through MarshalText, and an error is a
// *poverty.ParseError wrapping poverty.ErrUnknownWord.
func FuzzCausesText(f *testing.F) {
	for _, s := range []string{"parent_returned+aged_out", "", "added", "+", "x", "aged_out+aged_out"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var cs Causes
		err := cs.UnmarshalText([]byte(s))
		oracle := true
		if s != "" {
			for w := range strings.SplitSeq(s, "+") {
				if !slices.Contains(causeWords[:], w) {
					oracle = false
				}
			}
		}
		if err != nil {
			var pe *poverty.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, poverty.ErrUnknownWord) {
				t.Fatalf("%q: error %v is not a *ParseError wrapping ErrUnknownWord", s, err)
			}
			if oracle {
				t.Fatalf("%q refused: %v", s, err)
			}
			return
		}
		if !oracle {
			t.Fatalf("%q accepted as %v", s, cs)
		}
		b, err := cs.MarshalText()
		var back Causes
		if err != nil || back.UnmarshalText(b) != nil || back != cs {
			t.Fatalf("round trip %q -> %v -> %q -> %v", s, cs, b, back)
		}
	})
}
