package children

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

func TestTransitionCases(t *testing.T) {
	unattended := Default().Primary(KindUnattended)
	leftBehind := Default().Primary(KindLeftBehind)
	base := Child{ID: "k", BirthDate: d("2012-01-01"), Hukou: Rural}
	with := func(f, m Parent) Child {
		c := base
		c.Father, c.Mother = f, m
		return c
	}
	for _, tc := range []struct {
		name       string
		scheme     *Scheme
		on1, on2   string
		before     Child
		after      Child
		wantCauses string
		wantStop   bool
	}{
		{"lost contact reaches six months", unattended, "2024-05-01", "2024-08-01",
			with(Parent{Situation: LostContact, LastContact: d("2024-01-01")}, Parent{Situation: Deceased}),
			with(Parent{Situation: LostContact, LastContact: d("2024-01-01")}, Parent{Situation: Deceased}),
			"duration_reached", false},
		{"revoked guardianship comes into force", unattended, "2019-12-31", "2021-01-01",
			with(Parent{Situation: GuardianshipRevoked}, Parent{Situation: Deceased}),
			with(Parent{Situation: GuardianshipRevoked}, Parent{Situation: Deceased}),
			"rule_changed", false},
		{"imprisoned parent released home", unattended, "2023-01-01", "2024-01-01",
			with(Parent{Situation: Imprisoned, Since: d("2021-01-01")}, Parent{Situation: Missing}),
			with(Parent{Situation: AtHome}, Parent{Situation: Missing}),
			"situation_changed", true},
		{"migrant mother falls seriously ill: still left-behind, no transition", leftBehind, "2023-01-01", "2024-01-01",
			with(Parent{Situation: MigrantOutOfProvince}, Parent{Situation: MigrantInProvince}),
			with(Parent{Situation: MigrantOutOfProvince}, Parent{Situation: SeriouslyIll}),
			"", false},
		{"ill mother recovers: stops being left-behind", leftBehind, "2023-01-01", "2024-01-01",
			with(Parent{Situation: MigrantOutOfProvince}, Parent{Situation: SeriouslyIll}),
			with(Parent{Situation: MigrantOutOfProvince}, Parent{Situation: AtHome}),
			"situation_changed", true},
		{"mother at home loses capacity", leftBehind, "2023-01-01", "2024-01-01",
			with(Parent{Situation: MigrantOutOfProvince}, Parent{Situation: AtHome}),
			with(Parent{Situation: MigrantOutOfProvince}, Parent{Situation: AtHome, Capacity: Incapable}),
			"capacity_changed", false},
		{"both return in the year the child turns 16", leftBehind, "2027-06-01", "2028-06-01",
			with(Parent{Situation: MigrantOutOfProvince}, Parent{Situation: MigrantInCounty}),
			with(Parent{Situation: AtHome}, Parent{Situation: AtHome}),
			"parent_returned+aged_out", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts, err := tc.scheme.Transitions(
				Snapshot{On: d(tc.on1), Children: []Child{tc.before}},
				Snapshot{On: d(tc.on2), Children: []Child{tc.after}})
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantCauses == "" {
				if len(ts) != 0 {
					t.Fatalf("transitions = %+v, want none", ts)
				}
				return
			}
			if len(ts) != 1 {
				t.Fatalf("transitions = %+v, want one", ts)
			}
			got := ts[0]
			if diff := cmp.Diff(tc.wantCauses, got.Causes.String()); diff != "" {
				t.Errorf("causes (-want +got):\n%s", diff)
			}
			if got.Stopped() != tc.wantStop || got.Started() == tc.wantStop {
				t.Errorf("stopped %v started %v, want stopped %v", got.Stopped(), got.Started(), tc.wantStop)
			}
		})
	}
}

func TestCausesPrimary(t *testing.T) {
	cs := Causes(0).With(ParentReturned).With(AgedOut)
	if cs.Primary() != AgedOut {
		t.Errorf("primary = %v: a child who turned 16 is not counted as reunited first", cs.Primary())
	}
	if Causes(0).Primary() != CauseUnknown || Causes(0).String() != "" {
		t.Error("empty causes")
	}
	b, _ := cs.MarshalText()
	if string(b) != "parent_returned+aged_out" {
		t.Errorf("text = %s", b)
	}
}

func TestTransitionsErrors(t *testing.T) {
	s := Default().Primary(KindLeftBehind)
	c := migrantChild("dup")
	for _, tc := range []struct {
		name          string
		before, after Snapshot
		want          error
	}{
		{"duplicate", Snapshot{On: d("2020-01-01"), Children: []Child{c, c}}, Snapshot{On: d("2021-01-01")}, poverty.ErrDuplicate},
		{"dates reversed", Snapshot{On: d("2021-01-01")}, Snapshot{On: d("2020-01-01")}, poverty.ErrRange},
		{"no date", Snapshot{}, Snapshot{On: d("2020-01-01")}, poverty.ErrMissing},
		{"invalid child", Snapshot{On: d("2020-01-01"), Children: []Child{{ID: "x"}}}, Snapshot{On: d("2021-01-01")}, poverty.ErrMissing},
		{"unborn", Snapshot{On: d("2009-01-01"), Children: []Child{c}}, Snapshot{On: d("2021-01-01")}, ErrNotBorn},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := s.Transitions(tc.before, tc.after); !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
	empty := Default().Overlay(&Rules{})
	if _, err := (&Rules{}).Transitions(KindLeftBehind, Snapshot{}, Snapshot{}); !errors.Is(err, ErrUnknownScheme) {
		t.Errorf("no primary: %v", err)
	}
	if empty.Primary(KindLeftBehind) == nil {
		t.Error("overlay of nothing lost the primary")
	}
}
