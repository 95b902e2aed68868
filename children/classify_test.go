package children

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

func d(s string) poverty.Date { return poverty.MustParseDate(s) }

// migrantChild is a rural child born 2010-05-20 whose parents both work in
// another province.
func migrantChild(id string) Child {
	return Child{
		ID: id, BirthDate: d("2010-05-20"), Sex: poverty.Female, Hukou: Rural,
		County: poverty.MustParseCounty("510823"), Village: "v1", Township: "t1",
		Father:   Parent{ID: id + "-f", Situation: MigrantOutOfProvince, Since: d("2015-03-01")},
		Mother:   Parent{ID: id + "-m", Situation: MigrantOutOfProvince, Since: d("2016-03-01")},
		Guardian: Guardian{Kind: Grandparent, Age: 66, Capacity: Capable, Agreement: true},
		Living:   WithGrandparents, School: JuniorSecondary,
	}
}

func TestClassifyTurning16(t *testing.T) {
	c := migrantChild("c1")
	for _, tc := range []struct {
		on   string
		want Outcome
	}{
		{"2026-05-19", Yes},
		{"2026-05-20", No}, // sixteenth birthday: no longer under 16
		{"2026-05-21", No},
	} {
		t.Run(tc.on, func(t *testing.T) {
			cl, err := Default().Classify(&c, d(tc.on))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, cl.LeftBehind.Outcome); diff != "" {
				t.Errorf("left-behind (-want +got):\n%s\n%s", diff, cl.LeftBehind.Explain())
			}
			// The ACWF scheme keeps the child until 18.
			if cl.ACWF.Outcome != Yes {
				t.Errorf("ACWF = %v, want yes", cl.ACWF.Outcome)
			}
		})
	}
}

func TestTransitionsCauses(t *testing.T) {
	before := Snapshot{On: d("2025-06-30")}
	after := Snapshot{On: d("2026-06-30")}
	returned := migrantChild("a-returned")
	returned.BirthDate = d("2015-01-01")
	aged := migrantChild("b-aged") // turns 16 on 2026-05-20
	stay := migrantChild("c-stay")
	stay.BirthDate = d("2014-01-01")
	gone := migrantChild("d-gone")
	gone.BirthDate = d("2014-01-01")
	left := migrantChild("e-left")
	left.BirthDate = d("2014-01-01")
	left.Mother.Situation = AtHome
	before.Children = []Child{returned, aged, stay, gone, left}

	r2 := returned
	r2.Father.Situation = AtHome
	l2 := left
	l2.Mother.Situation = MigrantInProvince
	added := migrantChild("f-new")
	added.BirthDate = d("2019-01-01")
	after.Children = []Child{added, l2, stay, aged, r2}

	ts, err := mustPrimary(t, Default(), LeftBehind).Transitions(before, after)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		ID     string
		Causes string
		Stop   bool
	}
	var got []row
	for _, x := range ts {
		got = append(got, row{x.ChildID, x.Causes.String(), x.Stopped()})
	}
	want := []row{
		{"a-returned", "parent_returned", true},
		{"b-aged", "aged_out", true},
		{"d-gone", "removed", true},
		{"e-left", "parent_left", false},
		{"f-new", "added", false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("transitions (-want +got):\n%s", diff)
	}
	if ts[0].Father.ID != "a-returned-f" || !ts[0].reunited() {
		t.Errorf("reunited transition = %+v", ts[0])
	}
	sum := SummarizeTransitions(ts)
	if sum.Stopped != 3 || sum.Started != 2 || sum.Reunited != 1 || sum.StoppedBy[AgedOut] != 1 {
		t.Errorf("summary = %+v", sum)
	}
}
