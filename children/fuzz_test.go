package children

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

// FuzzLoadRules feeds scheme files to LoadRules: it must never panic,
// every error must be a *RecordError, and rules it accepts must classify a
// child without panicking.
func FuzzLoadRules(f *testing.F) {
	f.Add(string(schemesJSON))
	f.Add(`{"schema":"fupin.children/1","schemes":[{"id":"x","kind":"acwf","document":"d","status":"CONFIRMED","under_age":18,"rural_only":{"value":true,"source":"s","status":"DEFAULT"},"away":{"situations":["migrant_in_county"],"source":"s","status":"DEFAULT"},"rule":"at_least_one_away"}]}`)
	f.Add(`{"schema":"fupin.children/1","schemes":[{"id":"y","kind":"de_facto_unattended","primary":true,"document":"d","status":"SECONDARY","issued_year":2030,"under_age":3,"rural_only":{"value":false,"source":"s","status":"CONFIRMED"},"rule":"both_listed_or_one_absent_other_listed","listed":[{"situation":"lost_contact","min_months":120,"source":"s","status":"DEFAULT","from":"2031-01-01"}],"school_extension":[{"region":"44","levels":["primary"],"source":"s","status":"CONFIRMED"}]}]}`)
	f.Add(`{}`)
	kids := genRegistry(40, d("2024-09-01")).Children
	f.Fuzz(func(t *testing.T, doc string) {
		r, err := LoadRules(strings.NewReader(doc), "fuzz.json")
		if err != nil {
			var re *RecordError
			if !errors.As(err, &re) {
				t.Fatalf("error is not a *RecordError: %v", err)
			}
			return
		}
		rules := Default().Overlay(r)
		for i := range kids {
			cl, err := rules.Classify(&kids[i], d("2024-09-01"))
			if err != nil {
				t.Fatal(err)
			}
			for _, res := range []*Result{&cl.LeftBehind, &cl.Unattended, &cl.ACWF} {
				if res.Outcome == OutcomeUnset {
					t.Fatalf("unset outcome for a kind with a primary scheme")
				}
			}
		}
	})
}

// FuzzLoadChecks feeds check-parameter files to LoadChecks.
func FuzzLoadChecks(f *testing.F) {
	f.Add(string(checksJSON))
	f.Add(`{"schema":"fupin.children.checks/1","params":{}}`)
	f.Fuzz(func(t *testing.T, doc string) {
		p, err := LoadChecks(strings.NewReader(doc), "fuzz.json")
		if err != nil {
			var re *RecordError
			if !errors.As(err, &re) {
				t.Fatalf("error is not a *RecordError: %v", err)
			}
			return
		}
		c := migrantChild("f")
		if _, _, err := Default().Assess(&c, d("2024-09-01"), &p); err != nil {
			t.Fatalf("accepted parameters fail: %v", err)
		}
	})
}

// TestConcurrentUse runs classification, checks and transitions on the
// shared default rules from several goroutines (meaningful under -race).
func TestConcurrentUse(t *testing.T) {
	reg := genRegistry(400, d("2024-09-01"))
	next := Snapshot{On: d("2025-09-01"), Children: reg.Children[100:]}
	want, err := Default().Figures(reg)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 4 {
		wg.Go(func() {
			p := DefaultChecks()
			for i := range reg.Children {
				if _, _, err := Default().Assess(&reg.Children[i], reg.On, &p); err != nil {
					errs <- err
					return
				}
			}
			f, err := Default().Figures(reg)
			if err != nil || f.Children != want.Children || f.LeftBehind.Children != want.LeftBehind.Children {
				errs <- errors.New("figures differ between goroutines")
			}
			if _, err := Default().Transitions(KindLeftBehind, reg, next); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
