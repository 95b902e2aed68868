package labor

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/openfupin/fupin/poverty"
)

// recordCmp compares records holding dates and identity numbers.
var recordCmp = cmp.Options{dateCmp, cmpopts.EquateComparable(poverty.IDNumber{})}

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
		w, posts, ok := idx.Workshop(ws.ID, 2020)
		if !ok || w.ID != ws.ID {
			t.Fatalf("Workshop(%s) = %v, %v", ws.ID, w, ok)
		}
		poor := 0
		for _, p := range posts {
			if p.Household != nil && p.Household.in(GroupRegisteredPoor) && p.Job.heldOn(on) {
				poor++
			}
		}
		r, err := DefaultParams().Recognize("jiangxi-pingxiang-mashan-2020", &w, posts, on, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Counted != poor || r.Recognized != (poor >= 5) {
			t.Errorf("%s: counted %d recognised %v; %d poor posts", ws.ID, r.Counted, r.Recognized, poor)
		}
		if want := 30_000*poverty.Yuan + poverty.Money(poor)*1000*poverty.Yuan; r.Recognized && r.Award.Total != want {
			t.Errorf("%s: award %s, want %s", ws.ID, r.Award.Total, want)
		}
	}
	rules := fixtureRules(t, 2020)
	viaIndex := Tally{Rules: rules, Poor: GroupRegistered}
	if err := idx.SummarizeEmployment(&viaIndex, 2020); err != nil {
		t.Fatal(err)
	}
	// By hand: each household's workers and jobs found in the records
	// without the index, and the index's Household against them.
	rec := idx.Records()
	byHand := Tally{Rules: rules, Poor: GroupRegistered}
	for i := range rec.Households {
		h := &rec.Households[i]
		if h.Year != 2020 {
			continue
		}
		var workers []Worker
		var jobs [][]Job
		for _, w := range rec.Workers {
			if w.Household != h.ID {
				continue
			}
			workers = append(workers, w)
			js := []Job{}
			for _, j := range rec.Jobs {
				if j.Worker == w.ID {
					js = append(js, j)
				}
			}
			slices.SortStableFunc(js, func(a, b Job) int { return a.Start.Compare(b.Start) })
			jobs = append(jobs, js)
		}
		gotH, gotW, gotJ, ok := idx.Household(h.ID, 2020)
		if !ok {
			t.Fatalf("Household(%s, 2020) not found", h.ID)
		}
		if diff := cmp.Diff(*h, gotH, recordCmp); diff != "" {
			t.Errorf("Household(%s) snapshot (-want +got):\n%s", h.ID, diff)
		}
		if diff := cmp.Diff(workers, gotW, recordCmp); diff != "" {
			t.Errorf("Household(%s) workers (-want +got):\n%s", h.ID, diff)
		}
		if diff := cmp.Diff(jobs, gotJ, recordCmp); diff != "" {
			t.Errorf("Household(%s) jobs (-want +got):\n%s", h.ID, diff)
		}
		if err := byHand.Add(h, workers, jobs); err != nil {
			t.Fatal(err)
		}
	}
	viaIndex.Rules, byHand.Rules = EmploymentRules{}, EmploymentRules{}
	if diff := cmp.Diff(byHand, viaIndex, dateCmp); diff != "" {
		t.Errorf("Index.SummarizeEmployment differs from adding households by hand (-hand +index):\n%s", diff)
	}
	if viaIndex.Households != 80 || viaIndex.LaborForce == 0 {
		t.Errorf("tally %+v", viaIndex)
	}
	if _, _, _, ok := idx.Household("nobody", 2020); ok {
		t.Error("unknown household found")
	}
	if _, _, ok := idx.Workshop("nobody", 2020); ok {
		t.Error("unknown workshop found")
	}
	// 崇信县's rule is its county's (LOCAL 620823), not Gansu's: served by ID only.
	if got := LookupIn[TransportRule](DefaultParams(), poverty.MustParseRegion("62"), 2024, poverty.LookupOptions{}); len(got) != 0 {
		t.Errorf("Gansu 2024 transport rules %v, want none", got)
	}
	if got := LookupIn[TransportRule](DefaultParams(), poverty.MustParseRegion("23"), 2024, poverty.LookupOptions{}); len(got) != 1 || got[0].ID != "heilongjiang-2022" {
		t.Errorf("Heilongjiang 2024 transport rules %v", got)
	}
}

// TestIndexReturnsCopies changes everything the Index's lookups return and
// checks that the index is unchanged.
func TestIndexReturnsCopies(t *testing.T) {
	sc, err := genWorkshops(3, workshopSpec{County: poverty.MustParseCounty("360321"), Workshops: 1, Workers: 6, Poor: 3,
		BaselineYear: 2019, Year: 2020, Opened: date(2019, 6, 1)})
	if err != nil {
		t.Fatal(err)
	}
	idx := sc.idx
	ws := idx.Records().Workshops[0]
	h0 := idx.Records().Households[0]
	before, _, _, _ := idx.Household(h0.ID, h0.Year)
	wsBefore, postsBefore, _ := idx.Workshop(ws.ID, 2020)

	h, workers, jobs, _ := idx.Household(h0.ID, h0.Year)
	h.Members[0].BirthDate, h.ID = date(1900, 1, 1), "changed"
	for i := range workers {
		workers[i].ID = "changed"
		for k := range jobs[i] {
			jobs[i][k].MonthlyWage = 1
		}
	}
	w, posts, _ := idx.Workshop(ws.ID, 2020)
	w.ID = "changed"
	if len(w.Sites) > 0 {
		w.Sites[0] = SiteIndustrialPark
	}
	for _, p := range posts {
		p.Job.MonthlyWage, p.Worker.ID = 1, "changed"
		if p.Household != nil {
			p.Household.Members[0].BirthDate = date(1900, 1, 1)
		}
	}
	after, _, _, _ := idx.Household(h0.ID, h0.Year)
	if diff := cmp.Diff(before, after, recordCmp); diff != "" {
		t.Errorf("Household changed through a returned copy (-before +after):\n%s", diff)
	}
	wsAfter, postsAfter, _ := idx.Workshop(ws.ID, 2020)
	if diff := cmp.Diff(wsBefore, wsAfter, recordCmp); diff != "" {
		t.Errorf("Workshop changed through a returned copy (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(postsBefore, postsAfter, recordCmp); diff != "" {
		t.Errorf("posts changed through a returned copy (-before +after):\n%s", diff)
	}
}
