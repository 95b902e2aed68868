package children

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

type transitionCase struct {
	Name   string `json:"name"`
	Kind   Status `json:"kind"`
	Before struct {
		On       string            `json:"on"`
		Children []json.RawMessage `json:"children"`
	} `json:"before"`
	After struct {
		On       string            `json:"on"`
		Children []json.RawMessage `json:"children"`
	} `json:"after"`
	Want []transitionRow `json:"want"`
}

type transitionRow struct {
	ChildID string `json:"child_id"`
	Before  string `json:"before"`
	After   string `json:"after"`
	Causes  string `json:"causes"`
}

func TestTransitionCases(t *testing.T) {
	b, err := os.ReadFile("testdata/transitions.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Schema string           `json:"schema"`
		Note   string           `json:"note"`
		Cases  []transitionCase `json:"cases"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		t.Fatal(err)
	}
	snapshot := func(t *testing.T, on string, raw []json.RawMessage) Snapshot {
		s := Snapshot{On: d(on)}
		for _, r := range raw {
			c, err := decodeCaseChild(t, r)
			if err != nil {
				t.Fatal(err)
			}
			s.Children = append(s.Children, c)
		}
		return s
	}
	for _, tc := range f.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			ts, err := mustPrimary(t, Default(), tc.Kind).Transitions(
				snapshot(t, tc.Before.On, tc.Before.Children), snapshot(t, tc.After.On, tc.After.Children))
			if err != nil {
				t.Fatal(err)
			}
			got := []transitionRow{}
			for _, x := range ts {
				got = append(got, transitionRow{x.ChildID, x.Before.String(), x.After.String(), x.Causes.String()})
				if x.Stopped() == x.Started() {
					t.Errorf("%s: stopped %v started %v", x.ChildID, x.Stopped(), x.Started())
				}
			}
			if diff := cmp.Diff(tc.Want, got); diff != "" {
				t.Errorf("transitions (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCausesPrimary(t *testing.T) {
	cs := ParentReturned | AgedOut
	if cs.Primary() != AgedOut {
		t.Errorf("primary = %v: a child who turned 16 is not counted as reunited first", cs.Primary())
	}
	if Causes(0).Primary() != Causes(0) || Causes(0).String() != "" {
		t.Error("empty causes")
	}
	b, _ := cs.MarshalText()
	if string(b) != "parent_returned+aged_out" {
		t.Errorf("text = %s", b)
	}
}

func TestTransitionsErrors(t *testing.T) {
	s := mustPrimary(t, Default(), LeftBehind)
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
	if _, err := (&Scheme{}).Transitions(Snapshot{}, Snapshot{}); !errors.Is(err, ErrUnknownScheme) {
		t.Errorf("a scheme not from rules: %v", err)
	}
	if _, ok := empty.Primary(LeftBehind); !ok {
		t.Error("overlay of nothing lost the primary")
	}
}
