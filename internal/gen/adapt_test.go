package gen_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/openfupin/fupin/children"
	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/labor"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// TestAdapters feeds generated households to the other packages: every
// event, child, worker and job they produce must be valid there, and the
// children whose parents are both away must come out left-behind.
func TestAdapters(t *testing.T) {
	c := gen.Config{Seed: 21, Households: 3000, IDNumbers: true}
	on := poverty.MustDate(2020, time.December, 31)
	rules := children.Default()
	var events []risk.Event
	var kids []children.Child
	var workers []labor.Worker
	var jobs [][]labor.Job
	var nEvents, nKids, leftBehind, wantLeft, nJobs, workshopJobs int
	for rec := range c.All() {
		events = rec.RiskEvents(events[:0])
		for i := range events {
			if _, err := json.Marshal(events[i]); err != nil { // MarshalJSON checks the event
				t.Fatalf("%s event %d: %v", rec.ID, i, err)
			}
		}
		nEvents += len(events)
		if _, err := risk.Assess(&rec.Household, events, on, nil); err != nil {
			t.Fatalf("%s: Assess: %v", rec.ID, err)
		}
		kids = rec.Children(kids[:0], on)
		for i := range kids {
			k := &kids[i]
			if err := k.Validate(); err != nil {
				t.Fatalf("%s: %v", k.ID, err)
			}
			cl, err := rules.Classify(k, on)
			if err != nil {
				t.Fatalf("%s: %v", k.ID, err)
			}
			away := func(s children.Situation) bool {
				return s == children.MigrantInProvince || s == children.MigrantOutOfProvince
			}
			both := away(k.Father.Situation) && away(k.Mother.Situation) && k.BirthDate.AgeOn(on) < 16
			if both {
				wantLeft++
			}
			if cl.LeftBehind.Outcome == children.Yes {
				leftBehind++
			}
			if both && cl.LeftBehind.Outcome != children.Yes {
				t.Errorf("%s: both parents away, age %d, not left-behind:\n%s", k.ID, k.BirthDate.AgeOn(on), cl.LeftBehind.Explain())
			}
		}
		nKids += len(kids)
		var h labor.Household
		h, workers, jobs = rec.Labor(workers, jobs)
		if len(workers) != len(jobs) || h.ID != rec.ID {
			t.Fatalf("%s: %d workers, %d job lists", rec.ID, len(workers), len(jobs))
		}
		// The records validate (labor.NewIndex checks every field); the
		// workshops, stations and fairs the jobs name are not generated here.
		recs := labor.Records{Households: []labor.Household{h}, Workers: workers}
		for i := range workers {
			for k := range jobs[i] {
				recs.Jobs = append(recs.Jobs, jobs[i][k])
				nJobs++
				if jobs[i][k].Channel == labor.ChannelWorkshop {
					workshopJobs++
				}
			}
		}
		if _, err := labor.NewIndex(&recs); err != nil {
			errs := []error{err}
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				errs = j.Unwrap()
			}
			for _, e := range errs {
				if !errors.Is(e, labor.ErrUnknownReference) {
					t.Fatalf("%v", e)
				}
			}
		}
	}
	t.Logf("%d events, %d children (%d left-behind, %d with both parents away), %d jobs (%d in workshops)",
		nEvents, nKids, leftBehind, wantLeft, nJobs, workshopJobs)
	if nEvents == 0 || nKids == 0 || leftBehind < wantLeft || wantLeft == 0 || workshopJobs == 0 {
		t.Error("a mapping produced nothing")
	}
}
