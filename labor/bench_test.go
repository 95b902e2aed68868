package labor

import (
	"testing"

	"github.com/openfupin/fupin/poverty"
)

// benchWorkers is the size of the impact benchmark: 100 workshops with
// 30,000 workers, their households (two yearly snapshots each), the
// returned mothers' husbands and children, and a child registry.
const benchWorkers = 30_000

var sinkImpact Impact

// BenchmarkImpact measures Index.Impact over 100 workshops and 30,000
// workers with their households and children; the input is built once.
func BenchmarkImpact(b *testing.B) {
	sc, err := genWorkshops(100, workshopSpec{County: poverty.MustParseCounty("620523"), Workshops: 100, Workers: benchWorkers, Poor: 1000,
		Monitored: 300, ReturnedMothers: 960, ReturnedOthers: 240, OtherChildren: 400, BaselineYear: 2017, Year: 2019, Opened: date(2018, 1, 1)})
	if err != nil {
		b.Fatal(err)
	}
	r62 := poverty.MustParseRegion("62")
	opts := ImpactOptions{Year: 2019, BaselineYear: 2017, Before: linesOf(b, 2017, r62), After: linesOf(b, 2019, r62), Children: &sc.before}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if sinkImpact, err = sc.idx.Impact(nil, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchWorkers)*float64(b.N)/b.Elapsed().Seconds(), "workers/s")
}

// BenchmarkTallyAdd measures the employment tests for one household of
// three workers.
func BenchmarkTallyAdd(b *testing.B) {
	tally := Tally{Rules: fixtureRules(b, 2020), Poor: GroupRegistered}
	h := &Household{Household: poverty.Household{ID: "h", Year: 2020, Registration: poverty.Registration{Registered: 2016}}}
	var workers []Worker
	var jobs [][]Job
	for i, p := range []Place{InVillage, InCity, OtherProvince} {
		id := itoa(i)
		workers = append(workers, Worker{ID: id, Household: "h", BirthDate: date(1980+i, 1, 1), Sex: poverty.Female, Capacity: poverty.AbleToWork})
		jobs = append(jobs, []Job{{ID: id, Worker: id, Channel: ChannelJobFair, Place: p, MonthlyWage: 1200 * poverty.Yuan, Start: date(2020, 3, 1+i)}})
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := tally.Add(h, workers, jobs); err != nil {
			b.Fatal(err)
		}
	}
}

var sinkMoney poverty.Money

func BenchmarkJobWageIn(b *testing.B) {
	j := Job{MonthlyWage: 3100 * poverty.Yuan, Start: date(2020, 3, 15), End: date(2020, 11, 20)}
	b.ReportAllocs()
	for b.Loop() {
		sinkMoney, _ = j.WageIn(2020)
	}
}

var sinkRecognition Recognition

func BenchmarkRecognize(b *testing.B) {
	p := DefaultParams()
	ws := &Workshop{ID: "s", Type: Factory, Sites: []Site{SiteVillage}, RegisteredBusiness: true, FixedPremises: true}
	h, _ := caseHousehold("h", "registered_poor", 2019)
	var posts []Post
	for i := range 40 {
		id := itoa(i)
		posts = append(posts, Post{Job: &Job{ID: id, Worker: id, Workshop: "s", Channel: ChannelWorkshop, Place: InVillage, MonthlyWage: 1800 * poverty.Yuan,
			Start: date(2019, 1, 1), ContractMonths: 12}, Worker: &Worker{ID: id, Household: "h", BirthDate: date(1975, 1, 1), Sex: poverty.Female}, Household: h})
	}
	opts := Options{MinimumWage: &MinimumWage{Header: Header{ID: "m", Provenance: poverty.Provenance{Source: "s", Status: poverty.Example, Scope: poverty.ScopeNational}}, Monthly: 1580 * poverty.Yuan}}
	on := date(2019, 6, 30)
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if sinkRecognition, err = p.Recognize("jilin-2018", ws, posts, on, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func TestHotPathsDoNotAllocate(t *testing.T) {
	rules := fixtureRules(t, 2020)
	j := Job{MonthlyWage: 3100 * poverty.Yuan, Start: date(2020, 3, 15), End: date(2020, 11, 20)}
	jobs := []Job{j, {MonthlyWage: 1000 * poverty.Yuan, Place: OtherProvince, Start: date(2020, 6, 1)}}
	for name, f := range map[string]func(){
		"Job.WageIn":     func() { sinkMoney, _ = j.WageIn(2020) },
		"Job.ServiceIn":  func() { _ = j.ServiceIn(2020) },
		"stabilityOf":    func() { _, _ = rules.stabilityOf(jobs) },
		"Group.contains": func() { _ = GroupRegisteredOrMonitored.contains(poverty.Registration{Registered: 2016}, false, 2020) },
	} {
		if a := testing.AllocsPerRun(100, f); a != 0 {
			t.Errorf("%s allocates %v times", name, a)
		}
	}
}
