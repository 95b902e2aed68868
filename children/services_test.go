package children

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

func TestServicesCoverage(t *testing.T) {
	county := poverty.MustParseCounty("620523")
	v := func(t, v string) Place { return Place{County: county, Township: t, Village: v} }
	villages := []Place{v("t1", "v1"), v("t1", "v2"), v("t2", "v3"), v("t2", "v4")}
	facilities := []Facility{
		{Service: ChildrensHome, Place: v("t1", "v1")},
		{Service: DirectorPost, Place: v("t1", "v1")},
		{Service: DirectorPost, Place: v("t2", "v3")},
		{Service: ActivityCentre, Place: Place{County: county, Township: "t2"}}, // township-wide
		{Service: SupervisorPost, Place: Place{County: county, Township: "t1"}},
	}
	m, err := NewServiceMap(villages, facilities)
	if err != nil {
		t.Fatal(err)
	}
	on := d("2024-09-01")
	var kids []Child
	add := func(id string, p Place, lb bool) {
		c := migrantChild(id)
		c.County, c.Township, c.Village = p.County, p.Township, p.Village
		c.BirthDate = d("2014-01-01")
		if !lb {
			c.Mother.Situation = AtHome
		}
		kids = append(kids, c)
	}
	add("a", v("t1", "v1"), true)
	add("b", v("t1", "v1"), true)
	add("c", v("t1", "v2"), true)
	add("d", v("t2", "v3"), true)
	add("e", v("t2", "v4"), true)
	add("f", v("t2", "v4"), false) // not left-behind: not counted
	add("g", v("t9", "v9"), true)  // a village the map does not list
	cov, err := m.Coverage(Default(), Snapshot{On: on, Children: kids})
	if err != nil {
		t.Fatal(err)
	}
	rate := func(s string) poverty.Rate { return mustRate(s) }
	want := Coverage{
		On:         on,
		LeftBehind: 6,
		Served: []ServiceCount{
			{ChildrensHome, 2, rate("0.333333")},
			{ActivityCentre, 2, rate("0.333333")},
			{DirectorPost, 3, rate("0.5")},
			{SupervisorPost, 3, rate("0.5")},
		},
		VillagesWithoutDirector:   []Place{v("t1", "v2"), v("t2", "v4"), v("t9", "v9")},
		LeftBehindWithoutDirector: 3,
		Unlisted:                  []Place{v("t9", "v9")},
	}
	if diff := cmp.Diff(want, cov, dateEq); diff != "" {
		t.Errorf("coverage (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]Place{v("t1", "v2"), v("t2", "v4")}, m.withoutDirector()); diff != "" {
		t.Errorf("WithoutDirector (-want +got):\n%s", diff)
	}
}

func TestServiceMapErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		v     []Place
		f     []Facility
		field string
		want  error
	}{
		{"village without township", []Place{{Village: "v"}}, nil, "village", poverty.ErrMissing},
		{"director in a township", nil, []Facility{{Service: DirectorPost, Place: Place{Township: "t"}}}, "village", poverty.ErrMissing},
		{"supervisor in a village", nil, []Facility{{Service: SupervisorPost, Place: Place{Township: "t", Village: "v"}}}, "village", poverty.ErrRange},
		{"unknown service", nil, []Facility{{Place: Place{Township: "t"}}}, "service", poverty.ErrUnknownWord},
		{"no township", nil, []Facility{{Service: ChildrensHome, Place: Place{Village: "v"}}}, "township", poverty.ErrMissing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewServiceMap(tc.v, tc.f)
			var re *poverty.FieldError
			if !errors.Is(err, tc.want) || !errors.As(err, &re) || re.Field != tc.field {
				t.Errorf("err = %v, want %v on %s", err, tc.want, tc.field)
			}
		})
	}
}
