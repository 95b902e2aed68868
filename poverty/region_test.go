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
	zones := map[poverty.Zone]int{}
	for _, p := range ps {
		zones[p.Zone()]++
		if p.Name() == "" || p.NameZH() == "" {
			t.Errorf("%s has no name", p)
		}
	}
	// NBS three-way division as POLICY.md lists it: 11 east, 8 central, 12 west.
	if d := cmp.Diff(map[poverty.Zone]int{poverty.ZoneEast: 11, poverty.ZoneCentral: 8, poverty.ZoneWest: 12}, zones); d != "" {
		t.Errorf("zones (-want +got)\n%s", d)
	}
	for code, want := range map[string]poverty.Zone{"53": poverty.ZoneWest, "34": poverty.ZoneCentral, "21": poverty.ZoneEast, "65": poverty.ZoneWest} {
		if got := poverty.MustParseRegion(code).Zone(); got != want {
			t.Errorf("%s zone = %s, want %s", code, got, want)
		}
	}
	if poverty.MustParseRegion("22").ZoneFourWay() != poverty.ZoneNortheast {
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
