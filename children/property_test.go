package children

import (
	"testing"

	"github.com/openfupin/fupin/poverty"
)

// TestPropertyReturnNeverCovers checks the invariant the issue names: a
// parent coming home never makes a child left-behind, under any scheme of
// the rules (nor de facto unattended, nor ACWF), on any date, whatever the
// other parent's situation.
func TestPropertyReturnNeverCovers(t *testing.T) {
	rules := Default()
	p := newPools(20000)
	dates := []poverty.Date{d("2016-02-04"), d("2019-07-01"), d("2020-06-01"), d("2024-09-01")}
	checked := 0
	for _, on := range dates {
		for i := range 20000 {
			var c Child
			p.genChild(&c, i, on)
			for r := Father; r <= Mother; r++ {
				if !c.parent(r).Situation.Migrant() {
					continue
				}
				back := c
				*back.parent(r) = Parent{Situation: AtHome, Since: on, Capacity: c.parent(r).Capacity}
				for _, s := range rules.Schemes() {
					before, err := s.Classify(&c, on)
					if err != nil {
						t.Fatal(err)
					}
					after, err := s.Classify(&back, on)
					if err != nil {
						t.Fatal(err)
					}
					checked++
					if after.Outcome == Yes && before.Outcome != Yes {
						t.Fatalf("%s returning made child %s covered under %s:\nbefore %s\nafter %s",
							r, c.ID, s.ID, before.Explain(), after.Explain())
					}
				}
			}
		}
	}
	if checked < 50000 {
		t.Fatalf("only %d comparisons: the generator makes too few migrant parents", checked)
	}
}

// TestPropertyTransitionsAgreeWithClassify checks that the transitions
// between two generated snapshots are exactly the children whose outcome
// changed, and that a child whose only change is a parent's return is
// attributed to it.
func TestPropertyTransitionsAgreeWithClassify(t *testing.T) {
	rules := Default()
	s := mustPrimary(t, rules, LeftBehind)
	on1, on2 := d("2023-09-01"), d("2024-09-01")
	before := genRegistry(5000, on1)
	after := Snapshot{On: on2, Children: make([]Child, 0, len(before.Children))}
	wantReturned := map[string]bool{}
	for i, c := range before.Children {
		if i%97 == 0 {
			continue // moved away: removed
		}
		n := c
		if i%3 == 0 && n.Father.Situation.Migrant() {
			n.Father = Parent{Situation: AtHome, Since: on2}
			wantReturned[n.ID] = true
		}
		after.Children = append(after.Children, n)
	}
	ts, err := s.Transitions(before, after)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Transition{}
	for _, x := range ts {
		byID[x.ChildID] = x
	}
	idx := map[string]*Child{}
	for i := range after.Children {
		idx[after.Children[i].ID] = &after.Children[i]
	}
	stoppedByReturn := 0
	for i := range before.Children {
		cb := &before.Children[i]
		rb, _ := s.Classify(cb, on1)
		ca, ok := idx[cb.ID]
		after := Outcome(0)
		if ok {
			ra, _ := s.Classify(ca, on2)
			after = ra.Outcome
		}
		changed := (rb.Outcome == Yes) != (after == Yes)
		tr, listed := byID[cb.ID]
		if changed != listed {
			t.Fatalf("child %s: changed %v but listed %v", cb.ID, changed, listed)
		}
		if !listed {
			continue
		}
		if !ok && tr.Causes&Removed == 0 {
			t.Errorf("child %s removed, causes %v", cb.ID, tr.Causes)
		}
		if tr.Stopped() && wantReturned[cb.ID] {
			if tr.Causes&ParentReturned == 0 || !tr.Father.returned() {
				t.Errorf("child %s: father returned, causes %v", cb.ID, tr.Causes)
			}
			stoppedByReturn++
		}
		if tr.Started() && tr.Causes&ParentReturned != 0 && tr.Causes == ParentReturned {
			t.Errorf("child %s started with only a return as cause", cb.ID)
		}
	}
	if stoppedByReturn == 0 {
		t.Fatal("no child stopped by a return: the generated data do not exercise the property")
	}
	sum := SummarizeTransitions(ts)
	if sum.Reunited < stoppedByReturn {
		t.Errorf("Summarize: reunited %d, want at least %d", sum.Reunited, stoppedByReturn)
	}
}
