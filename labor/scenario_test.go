package labor

import (
	"slices"
	"testing"

	"github.com/openfupin/fupin/poverty"
)

// roundPermille rounds a rate to a tenth of a percent, half up, as the
// articles print shares ("43.8%").
func roundPermille(r poverty.Rate) poverty.Rate { return (r + 500) / 1000 * 1000 }

// TestZhenxiongTransfer reproduces SEEDS.md S6 from a generated county:
// 666,100 workers supported through employment transfer, 86% of the labour
// force, 264,400 of them from registered poor households (39.7%). The
// county is generated in full (774,535 in the labour force) and streamed
// through a Tally one household at a time; -short uses a 1/100 county.
func TestZhenxiongTransfer(t *testing.T) {
	spec := countySpec{Year: 2020, County: poverty.MustParseCounty("530627"),
		LaborForce: 774_535, PoorLabour: 300_000, Supported: 666_100, SupportedPoor: 264_400, OutOfForce: 20_000}
	if testing.Short() {
		spec = countySpec{Year: 2020, County: spec.County, LaborForce: 7_745, PoorLabour: 3_000, Supported: 6_661, SupportedPoor: 2_644, OutOfForce: 200}
	}
	tally := Tally{Rules: fixtureRules(t, 2020), Poor: GroupRegistered}
	err := genCounty(6, spec, func(h *Household, w []Worker, j [][]Job) error { return tally.Add(h, w, j) })
	if err != nil {
		t.Fatal(err)
	}
	if tally.LaborForce != int64(spec.LaborForce) || tally.Supported != int64(spec.Supported) || tally.SupportedPoor != int64(spec.SupportedPoor) {
		t.Errorf("labour force %d supported %d poor %d; want %d %d %d", tally.LaborForce, tally.Supported, tally.SupportedPoor,
			spec.LaborForce, spec.Supported, spec.SupportedPoor)
	}
	rate, err := tally.TransferRate()
	if err != nil {
		t.Fatal(err)
	}
	if got := roundPermille(rate).Percent(); got != "86%" {
		t.Errorf("transfer rate %s rounds to %s, want 86%%", rate.Percent(), got)
	}
	share, err := tally.PoorShare()
	if err != nil {
		t.Fatal(err)
	}
	if got := roundPermille(share).Percent(); got != "39.7%" {
		t.Errorf("poor share %s rounds to %s, want 39.7%%", share.Percent(), got)
	}
	if tally.ZeroEmployment == 0 || tally.ZeroEmployment >= tally.Households || tally.Transferred == 0 || tally.Stable > tally.Employed {
		t.Errorf("implausible tally %+v", tally)
	}
	t.Logf("households %d, labour force %d, supported %d (%s), poor %d (%s), transferred %d, zero-employment households %d",
		tally.Households, tally.LaborForce, tally.Supported, rate.Percent(), tally.SupportedPoor, share.Percent(), tally.Transferred, tally.ZeroEmployment)
}

// TestZhenxiongReturnee reproduces S5: Zhenxiong's 97 workshops employing
// 5,741 people at home, among them a returnee's four garment workshops
// with 537 jobs, 235 of them held by people from poor households: 43.8%.
// The returnee's workshops and the 93 others are generated separately and
// merged; Impact measures the county's 97 and the returnee's 4.
func TestZhenxiongReturnee(t *testing.T) {
	county := poverty.MustParseCounty("530627")
	own, err := genWorkshops(537, workshopSpec{Prefix: "r-", County: county, Workshops: 4, Workers: 537, Poor: 235,
		BaselineYear: 2019, Year: 2020, Opened: date(2019, 3, 1)})
	if err != nil {
		t.Fatal(err)
	}
	others, err := genWorkshops(93, workshopSpec{Prefix: "o-", County: county, Workshops: 93, Workers: 5741 - 537, Poor: 2100,
		BaselineYear: 2019, Year: 2020, Opened: date(2018, 6, 1)})
	if err != nil {
		t.Fatal(err)
	}
	a, b := own.idx.Records(), others.idx.Records()
	idx, err := NewIndex(&Records{Households: slices.Concat(a.Households, b.Households), Workers: slices.Concat(a.Workers, b.Workers),
		Jobs: slices.Concat(a.Jobs, b.Jobs), Workshops: slices.Concat(a.Workshops, b.Workshops)})
	if err != nil {
		t.Fatal(err)
	}
	r53 := poverty.MustParseRegion("53")
	opts := ImpactOptions{Year: 2020, BaselineYear: 2019, Before: linesOf(t, 2019, r53), After: linesOf(t, 2020, r53)}
	all, err := idx.Impact(nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	if all.Workshops != 97 || all.Workers != 5741 {
		t.Errorf("county: %d workshops, %d workers; want 97, 5,741", all.Workshops, all.Workers)
	}
	var ids []string
	for _, w := range a.Workshops {
		ids = append(ids, w.ID)
	}
	imp, err := idx.Impact(ids, opts)
	if err != nil {
		t.Fatal(err)
	}
	if imp.Workshops != 4 || imp.Jobs != 537 || imp.JobsRegistered != 235 || imp.JobsPoor != 235 {
		t.Errorf("workshops %d jobs %d registered %d poor %d; want 4 537 235 235", imp.Workshops, imp.Jobs, imp.JobsRegistered, imp.JobsPoor)
	}
	if got := roundPermille(imp.PoorShare).Percent(); got != "43.8%" {
		t.Errorf("poor share %s rounds to %s, want 43.8%%", imp.PoorShare.Percent(), got)
	}
	sum := 0
	for _, w := range imp.PerWorkshop {
		sum += w.Jobs
	}
	if sum != imp.Jobs || len(imp.PerWorkshop) != 4 {
		t.Errorf("per-workshop jobs add up to %d over %d workshops", sum, len(imp.PerWorkshop))
	}
}

// TestGangu reproduces S5: 52 workshops employing over 30,000 workers,
// nearly 1,000 of them poor; 960 mothers came home from the cities to work
// in them, and the county has about 1,700 fewer left-behind children.
func TestGangu(t *testing.T) {
	spec := workshopSpec{County: poverty.MustParseCounty("620523"), Workshops: 52, Workers: 30_150, Poor: 985, Monitored: 0,
		ReturnedMothers: 960, ReturnedOthers: 240, OtherChildren: 400, BaselineYear: 2017, Year: 2019, Opened: date(2018, 1, 1)}
	sc, err := genWorkshops(52, spec)
	if err != nil {
		t.Fatal(err)
	}
	// Each year against its own lines: the 2017 standard is UNCONFIRMED
	// (the test supplies the commonly quoted figure) and no monitoring line
	// exists before 2020, so crossings of the line are not assessed.
	r62 := poverty.MustParseRegion("62")
	imp, err := sc.idx.Impact(nil, ImpactOptions{Year: 2019, BaselineYear: 2017, Before: linesOf(t, 2017, r62), After: linesOf(t, 2019, r62), Children: &sc.before})
	if err != nil {
		t.Fatal(err)
	}
	if imp.Workshops != 52 || imp.Workers <= 30_000 || imp.Jobs != imp.Workers {
		t.Errorf("workshops %d workers %d jobs %d", imp.Workshops, imp.Workers, imp.Jobs)
	}
	if imp.JobsPoor < 950 || imp.JobsPoor >= 1000 {
		t.Errorf("poor workers %d, want nearly 1,000", imp.JobsPoor)
	}
	if imp.ReturnedMothers != 960 || imp.ReturnedParents != 960 || imp.ReturnedMigrants != 960+240 {
		t.Errorf("returned mothers %d parents %d migrants %d; want 960 960 1200", imp.ReturnedMothers, imp.ReturnedParents, imp.ReturnedMigrants)
	}
	if imp.ChildrenReunited != sc.wantReunited {
		t.Errorf("children reunited %d, generator's ground truth %d", imp.ChildrenReunited, sc.wantReunited)
	}
	if imp.ChildrenReunited < 1650 || imp.ChildrenReunited > 1750 {
		t.Errorf("children reunited %d, want about 1,700", imp.ChildrenReunited)
	}
	if d := imp.LeftBehindBefore - imp.LeftBehindAfter; d != sc.wantReunited+sc.wantAgedOut {
		t.Errorf("left-behind %d -> %d (fall %d); want a fall of %d reunited + %d aged out", imp.LeftBehindBefore, imp.LeftBehindAfter, d, sc.wantReunited, sc.wantAgedOut)
	}
	if imp.StartedLeftBehind != 0 {
		t.Errorf("%d children became left-behind", imp.StartedLeftBehind)
	}
	if imp.Households != 30_150 || !imp.StandardAssessed || imp.CrossedStandard == 0 || imp.LineAssessed || imp.CrossedLine != 0 {
		t.Errorf("households %d crossed standard %d (assessed %t) line %d (assessed %t); want 30,150, some, true, 0, false",
			imp.Households, imp.CrossedStandard, imp.StandardAssessed, imp.CrossedLine, imp.LineAssessed)
	}
	if imp.BaselineYear != 2017 || imp.Year != 2019 {
		t.Errorf("years %d to %d, want 2017 to 2019", imp.BaselineYear, imp.Year)
	}
	t.Logf("workers %d, poor %d (%s), wage bill %s, returned %d (mothers %d), children reunited %d (aged out %d, father at home %d), left-behind %d -> %d, crossed standard %d, line %d, fell below %d",
		imp.Workers, imp.JobsPoor, imp.PoorShare.Percent(), imp.WageBill, imp.ReturnedMigrants, imp.ReturnedMothers, imp.ChildrenReunited,
		sc.wantAgedOut, sc.wantFatherHome, imp.LeftBehindBefore, imp.LeftBehindAfter, imp.CrossedStandard, imp.CrossedLine, imp.FellBelowStandard)
}
