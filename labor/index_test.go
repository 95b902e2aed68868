package labor

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

// TestIndexFlows runs recognition and the employment tally over records
// held in an Index, and checks the Index's accessors against the records.
func TestIndexFlows(t *testing.T) {
	sc, err := genWorkshops(20, workshopSpec{County: poverty.MustParseCounty("360321"), Workshops: 2, Workers: 80, Poor: 30,
		ReturnedMothers: 4, BaselineYear: 2019, Year: 2020, Opened: date(2019, 6, 1)})
	if err != nil {
		t.Fatal(err)
	}
	idx := sc.idx
	on := date(2020, 12, 31)
	for _, ws := range idx.Records().Workshops {
		w, ok := idx.Workshop(ws.ID)
		if !ok || w.ID != ws.ID {
			t.Fatalf("Workshop(%s) = %v, %v", ws.ID, w, ok)
		}
		posts := idx.Posts(ws.ID, 2020)
		poor := 0
		for _, p := range posts {
			if p.Household != nil && p.Household.In(GroupRegisteredPoor) && p.Job.HeldOn(on) {
				poor++
			}
		}
		r, err := DefaultParams().Recognise("jiangxi-pingxiang-mashan-2020", w, posts, on, RecognitionOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Counted != poor || r.Recognised != (poor >= 5) {
			t.Errorf("%s: counted %d recognised %v; %d poor posts", ws.ID, r.Counted, r.Recognised, poor)
		}
		if want := 30_000*poverty.Yuan + poverty.Money(poor)*1000*poverty.Yuan; r.Recognised && r.Award.Total != want {
			t.Errorf("%s: award %s, want %s", ws.ID, r.Award.Total, want)
		}
	}
	rules := fixtureRules(t, 2020)
	viaIndex := Tally{Rules: rules, Poor: GroupRegistered}
	if err := idx.Tally(&viaIndex, 2020); err != nil {
		t.Fatal(err)
	}
	byHand := Tally{Rules: rules, Poor: GroupRegistered}
	for i := range idx.Records().Households {
		h := &idx.Records().Households[i]
		if h.Year != 2020 {
			continue
		}
		workers := idx.HouseholdWorkers(h.ID)
		var jobs [][]Job
		for _, w := range workers {
			if got, ok := idx.Worker(w.ID); !ok || got.Household != h.ID {
				t.Fatalf("Worker(%s) = %v, %v", w.ID, got, ok)
			}
			jobs = append(jobs, idx.WorkerJobs(w.ID))
		}
		if err := byHand.Add(h, workers, jobs); err != nil {
			t.Fatal(err)
		}
	}
	viaIndex.Rules, byHand.Rules = EmploymentRules{}, EmploymentRules{}
	if diff := cmp.Diff(byHand, viaIndex, dateCmp); diff != "" {
		t.Errorf("Index.Tally differs from adding households by hand (-hand +index):\n%s", diff)
	}
	if viaIndex.Households != 80 || viaIndex.LabourForce == 0 {
		t.Errorf("tally %+v", viaIndex)
	}
	if _, ok := idx.Worker("nobody"); ok {
		t.Error("unknown worker found")
	}
	if js := idx.WorkerJobs("nobody"); js != nil {
		t.Error("jobs of an unknown worker")
	}
	// 崇信县's rule is its county's (LOCAL 620823), not Gansu's: served by ID only.
	if got := DefaultParams().TransportRules(poverty.MustParseRegion("62"), 2024, poverty.LookupOptions{}); len(got) != 0 {
		t.Errorf("Gansu 2024 transport rules %v, want none", got)
	}
	if got := DefaultParams().TransportRules(poverty.MustParseRegion("23"), 2024, poverty.LookupOptions{}); len(got) != 1 || got[0].ID != "heilongjiang-2022" {
		t.Errorf("Heilongjiang 2024 transport rules %v", got)
	}
}
