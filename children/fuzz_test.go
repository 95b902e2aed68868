package children

import (
	"errors"
	"strings"
	"sync"
	"testing"

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

// FuzzLoadChecks feeds check-parameter files to LoadChecks.
func FuzzLoadChecks(f *testing.F) {
	f.Add(string(checksJSON))
	f.Add(`{"schema":"fupin.children.checks/2","params":{}}`)
	f.Fuzz(func(t *testing.T, doc string) {
		o, err := LoadRules(strings.NewReader(doc), "fuzz.json")
		if err != nil {
			checkLoadError(t, err)
			return
		}
		p := Default().Overlay(o)
		c := migrantChild("f")
		if _, _, err := classifyCheck(p, &c, d("2024-09-01")); err != nil {
			// Only an UNCONFIRMED parameter or school ages out of order
			// may stop accepted parameters, with an error naming it.
			var re *poverty.FieldError
			if !errors.As(err, &re) || re.Op != "children.Check" || re.Record != "checks" || !errors.Is(err, poverty.ErrUnconfirmed) && !errors.Is(err, poverty.ErrRange) {
				t.Fatalf("accepted parameters fail: %v", err)
			}
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
