package poverty_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

func TestRegions(t *testing.T) {
	ps := poverty.Provinces()
	if len(ps) != 31 {
		t.Fatalf("%d provinces, want 31", len(ps))
	}
	zones := map[poverty.Scope]int{}
	for _, p := range ps {
		zones[p.Zone()]++
		if p.Name() == "" || p.NameZH() == "" {
			t.Errorf("%s has no name", p)
		}
	}
	// NBS three-way division as POLICY.md lists it: 11 east, 8 central, 12 west.
	if d := cmp.Diff(map[poverty.Scope]int{poverty.ScopeEast: 11, poverty.ScopeCentral: 8, poverty.ScopeWest: 12}, zones); d != "" {
		t.Errorf("zones (-want +got)\n%s", d)
	}
	for code, want := range map[string]poverty.Scope{"53": poverty.ScopeWest, "34": poverty.ScopeCentral, "21": poverty.ScopeEast, "65": poverty.ScopeWest} {
		if got := poverty.MustParseRegion(code).Zone(); got != want {
			t.Errorf("%s zone = %s, want %s", code, got, want)
		}
	}
	if poverty.MustParseRegion("22").ZoneFourWay() != poverty.ScopeNortheast {
		t.Error("Jilin not northeast in the four-way breakdown")
	}
	for _, bad := range []string{"00", "10", "99", "5", "530", "xx", ""} {
		if _, err := poverty.ParseRegion(bad); err == nil {
			t.Errorf("ParseRegion(%q) accepted", bad)
		}
	}
	if _, err := poverty.ParseRegion("99"); !errors.Is(err, poverty.ErrUnknownRegion) {
		t.Errorf("unknown code error = %v", err)
	}
	c, err := poverty.ParseCounty("530627")
	if err != nil || c.Province() != poverty.MustParseRegion("53") || c.String() != "530627" {
		t.Errorf("ParseCounty = %v, %v", c, err)
	}
	if _, err := poverty.ParseCounty("990101"); !errors.Is(err, poverty.ErrUnknownRegion) {
		t.Errorf("county in unknown province accepted: %v", err)
	}
}
