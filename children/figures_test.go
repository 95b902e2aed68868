package children

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

// scaledRegistry builds a registry on the date with lb left-behind
// children (both parents migrant) and other children whose parents are at
// home. Left-behind children get ages by the bands (counts), guardians
// (grandparents for the first grand of them, other relatives after) and
// sexes (boys for the first boys of them), so that the figures can be
// checked against what the registry holds.
func scaledRegistry(on poverty.Date, prefix string, bands [3]int, grand, boys, others int) Snapshot {
	s := Snapshot{On: on}
	ages := []int{}
	for b, n := range bands {
		lo := []int{0, 6, 14}[b]
		hi := []int{5, 13, 15}[b]
		for i := range n {
			ages = append(ages, lo+i%(hi-lo+1))
		}
	}
	for i, age := range ages {
		c := Child{
			ID:        prefix + itoa(i),
			BirthDate: on.AddMonths(-12*age - 1),
			Hukou:     Rural,
			County:    genCounties[i%len(genCounties)],
			Father:    Parent{Situation: MigrantOutOfProvince, Since: on.AddMonths(-20)},
			Mother:    Parent{Situation: MigrantInProvince, Since: on.AddMonths(-10)},
			Guardian:  Guardian{Kind: OtherRelative, Age: 45, Capacity: Capable, Agreement: true},
			Sex:       poverty.Female,
		}
		if i < grand {
			c.Guardian.Kind = Grandparent
		}
		if i < boys {
			c.Sex = poverty.Male
		}
		s.Children = append(s.Children, c)
	}
	for i := range others {
		s.Children = append(s.Children, Child{
			ID: prefix + "o" + itoa(i), BirthDate: on.AddMonths(-12*(i%17) - 3), Hukou: Rural,
			Father: Parent{Situation: AtHome}, Mother: Parent{Situation: MigrantInCounty},
		})
	}
	return s
}

// TestFiguresChange2016To2018 builds two registries of known composition
// (left-behind children by age band, guardian and sex, and children who
// are not left-behind) and checks that Summarize counts back what was
// built and ChangeOf computes the change from those counts: an exactness
// test. The counts are not the published 9.02 and 6.97 million at some
// scale (a registry built to contain a published figure proves nothing);
// the published change is plain arithmetic on the two counts, checked at
// the end.
func TestFiguresChange2016To2018(t *testing.T) {
	r16 := scaledRegistry(d("2016-11-01"), "a", [3]int{190, 580, 110}, 790, 470, 400)
	r18 := scaledRegistry(d("2018-08-31"), "b", [3]int{140, 450, 80}, 640, 360, 350)
	rules := Default()
	f16, err := rules.Summarize(r16)
	if err != nil {
		t.Fatal(err)
	}
	f18, err := rules.Summarize(r18)
	if err != nil {
		t.Fatal(err)
	}
	if f16.LeftBehind.Children != 880 || f18.LeftBehind.Children != 670 {
		t.Fatalf("left-behind counts %d, %d; built 880, 670", f16.LeftBehind.Children, f18.LeftBehind.Children)
	}
	ch, err := ChangeOf(f16.LeftBehind.Children, f18.LeftBehind.Children, poverty.Percent/10, poverty.RoundHalfUp)
	if err != nil {
		t.Fatal(err)
	}
	want := Change{Before: 880, After: 670, Diff: -210, Rate: mustRate("-23.9%")} // -210/880 = -0.23863...
	if diff := cmp.Diff(want, ch); diff != "" {
		t.Errorf("change (-want +got):\n%s", diff)
	}

	lb := f18.LeftBehind
	wantBands := map[AgeBand]int{Age0to5: 140, Age6to13: 450, Age14to16: 80}
	if diff := cmp.Diff(wantBands, lb.ByAgeBand); diff != "" {
		t.Errorf("age bands (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[poverty.Sex]int{poverty.Male: 360, poverty.Female: 310}, lb.BySex); diff != "" {
		t.Errorf("sex (-want +got):\n%s", diff)
	}
	if got := lb.share(lb.ByAgeBand[Age0to5]).Percent(); got != "20.8955%" { // 140/670
		t.Errorf("0-5 share = %s", got)
	}
	if diff := cmp.Diff(map[GuardianKind]int{Grandparent: 640, OtherRelative: 30}, lb.ByGuardian); diff != "" {
		t.Errorf("by guardian (-want +got):\n%s", diff)
	}
	if lb.GrandparentShare != mustRate("0.955224") { // 640/670
		t.Errorf("grandparent share = %v", lb.GrandparentShare)
	}
	if f18.ByStatus[LeftBehind] != 670 || f18.ByStatus[NotCovered] != 350 || f18.Children != 1020 {
		t.Errorf("by status = %v, children %d", f18.ByStatus, f18.Children)
	}
	// The older ACWF definition covers the one-parent-away children too, and
	// is never added into the statuses.
	if f18.ACWF != 670+350 {
		t.Errorf("ACWF = %d, want %d", f18.ACWF, 670+350)
	}
	regions := 0
	for _, n := range lb.ByRegion {
		regions += n
	}
	if regions != 670 {
		t.Errorf("by region = %v", lb.ByRegion)
	}

	// Arithmetic on the two published counts (9.02 million in 2016, 6.97
	// million in August 2018): -205/902 = -0.2272727..., not a figure the
	// registries produce.
	exact, err := ChangeOf(902, 697, 1, poverty.RoundHalfUp)
	if err != nil {
		t.Fatal(err)
	}
	if exact.Rate != -227273 || exact.Diff != -205 {
		t.Errorf("exact change = %+v, want -205 and -0.227273", exact)
	}
}

func TestTallyMerge(t *testing.T) {
	reg := genRegistry(3000, d("2024-09-01"))
	rules := Default()
	whole, err := rules.Summarize(reg)
	if err != nil {
		t.Fatal(err)
	}
	a, b := rules.NewTally(reg.On), rules.NewTally(reg.On)
	for i := range reg.Children {
		tl := a
		if i%2 == 1 {
			tl = b
		}
		if err := tl.Add(&reg.Children[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Merge(b); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(whole, a.Figures(), dateEq); diff != "" {
		t.Errorf("merged tally (-whole +merged):\n%s", diff)
	}
	if whole.LeftBehind.Children == 0 || whole.Unattended.Children == 0 {
		t.Errorf("generated registry lacks categories: %+v", whole.ByStatus)
	}
	if err := a.Merge(rules.NewTally(d("2024-09-02"))); !errors.Is(err, ErrConflict) {
		t.Errorf("merge of another date: %v", err)
	}
}

func TestChangeOfErrors(t *testing.T) {
	for _, tc := range []struct {
		name          string
		before, after int
		step          poverty.Rate
	}{
		{"from zero", 0, 5, 1},
		{"negative after", 5, -1, 1},
		{"step not dividing", 5, 4, 7},
		{"zero step", 5, 4, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ChangeOf(tc.before, tc.after, tc.step, poverty.RoundHalfUp); !errors.Is(err, poverty.ErrRange) {
				t.Errorf("err = %v, want ErrRange", err)
			}
		})
	}
	if _, err := ChangeOf(5, 4, 1, 0); !errors.Is(err, poverty.ErrRounding) {
		t.Errorf("unset rounding: err = %v, want ErrRounding", err)
	}
}

func TestAgeBandOf(t *testing.T) {
	got := []AgeBand{}
	for _, a := range []int{-1, 0, 5, 6, 13, 14, 16, 17} {
		got = append(got, ageBandOf(a))
	}
	want := []AgeBand{AgeBand(0), Age0to5, Age0to5, Age6to13, Age6to13, Age14to16, Age14to16, Age17Plus}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
