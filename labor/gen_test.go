package labor

// Deterministic generators of labour records for the tests and benchmarks.
// Every generator takes its record counts as parameters and a fixed seed;
// the figures the tests report are then computed from the generated
// records by the library's functions.

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/openfupin/fupin/children"
	"github.com/openfupin/fupin/poverty"
)

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x6c61626f72)) }

// fixtureParams are the embedded parameters overlaid with the test
// fixture's assumed age limits and minimum wages (rated SECONDARY).
func fixtureParams(t testing.TB) *Params {
	t.Helper()
	f, err := os.Open("testdata/fixture_params.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	o, err := LoadParams(f, "fixture")
	if err != nil {
		t.Fatal(err)
	}
	return DefaultParams().Overlay(o)
}

var secondary = poverty.LookupOptions{AcceptSecondary: true}

// fixtureRules are the employment rules of the county tests: the embedded
// SECONDARY stable-employment and transfer definitions, with the fixture's
// assumed age limits and minimum wage.
func fixtureRules(t testing.TB, year int) EmploymentRules {
	t.Helper()
	p := fixtureParams(t)
	age, err := Lookup[AgeLimits](p, "fixture-16-55-60", year, secondary)
	if err != nil {
		t.Fatal(err)
	}
	st, err := Lookup[StableRule](p, "zero-employment-exit", year, secondary)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Lookup[TransferRule](p, "outside-township-6-months", year, secondary)
	if err != nil {
		t.Fatal(err)
	}
	mw, err := Lookup[MinimumWage](p, "fixture-yunnan-class-3", year, secondary)
	if err != nil {
		t.Fatal(err)
	}
	return EmploymentRules{Year: year, Age: age, Stable: st, Transfer: tr, MinimumWage: &mw}
}

func date(y int, m time.Month, d int) poverty.Date { return poverty.MustDate(y, m, d) }

// randDate returns a day between from and from+days-1.
func randDate(r *rand.Rand, from poverty.Date, days int) poverty.Date {
	return from.AddDays(r.IntN(days))
}

// countySpec sizes a generated county (SEEDS.md S6, Zhenxiong 2020).
type countySpec struct {
	Year          int
	County        poverty.County
	LaborForce    int // working-age members able to work
	PoorLabour    int // of whom in registered households
	Supported     int // of the labour force, with a job from an assistance channel
	SupportedPoor int // of whom in registered households
	OutOfForce    int // further workers above working age, one per household from the first
}

// genCounty streams the county's households, one at a time, with their
// workers and jobs: memory stays that of one household. Supported workers
// are chosen by selection sampling, so their number is exact.
func genCounty(seed uint64, s countySpec, emit func(h *Household, workers []Worker, jobs [][]Job) error) error {
	r := newRand(seed)
	hh := 0
	extra := s.OutOfForce
	var workers []Worker
	var jobs [][]Job
	stream := func(poor bool, persons, supported int) error {
		for persons > 0 {
			size := min(1+r.IntN(3), persons)
			hh++
			id := fmt.Sprintf("zx-%07d", hh)
			h := &Household{Household: poverty.Household{ID: id, County: s.County, Year: s.Year, Concept: poverty.DisposableIncome}}
			if poor {
				h.Registration = poverty.Registration{Registered: 2014 + r.IntN(3)}
				if r.IntN(10) < 9 {
					h.Registration.Exited = 2017 + r.IntN(4)
				}
			}
			h.Income.OperatingIncome = poverty.YuanAmount(int64(2000 + r.IntN(8000)))
			workers, jobs = workers[:0], jobs[:0]
			for k := 0; k < size; k++ {
				sex := poverty.Female
				if r.IntN(2) == 0 {
					sex = poverty.Male
				}
				w := Worker{ID: fmt.Sprintf("%s-%d", id, k), Household: id, Sex: sex, Capacity: poverty.AbleToWork,
					BirthDate: randDate(r, date(1966, 1, 1), 34*365)}
				var js []Job
				sup := r.IntN(persons) < supported
				persons--
				switch {
				case sup:
					supported--
					ch := Channel(1 + r.IntN(5))
					j := Job{ID: w.ID + "-j", Worker: w.ID, Employer: "e", Channel: ch, Place: Place(1 + r.IntN(6)),
						MonthlyWage: poverty.YuanAmount(int64(1200 + r.IntN(4800))),
						Start:       randDate(r, date(s.Year-1, 6, 1), 540), ContractMonths: []int{0, 6, 12}[r.IntN(3)]}
					if ch == ChannelWorkshop {
						j.Workshop = "ws"
					}
					js = append(js, j)
				case r.IntN(2) == 0:
					js = append(js, Job{ID: w.ID + "-j", Worker: w.ID, Employer: "e", Channel: ChannelSelfFound, Place: Place(1 + r.IntN(6)),
						MonthlyWage: poverty.YuanAmount(int64(800 + r.IntN(4000))), Start: randDate(r, date(s.Year, 1, 1), 360)})
				}
				workers = append(workers, w)
				jobs = append(jobs, js)
				h.Members = append(h.Members, poverty.Member{BirthDate: w.BirthDate, Sex: sex, Capacity: poverty.AbleToWork})
			}
			if extra > 0 {
				extra--
				w := Worker{ID: id + "-old", Household: id, Sex: poverty.Male, Capacity: poverty.PartlyAble, BirthDate: date(1950, 5, 1)}
				workers = append(workers, w)
				jobs = append(jobs, []Job{{ID: w.ID + "-j", Worker: w.ID, Employer: "e", Channel: ChannelPublicWelfarePost,
					Place: InVillage, MonthlyWage: 400 * poverty.Yuan, Start: date(s.Year, 1, 1)}})
				h.Members = append(h.Members, poverty.Member{BirthDate: w.BirthDate, Sex: w.Sex, Capacity: w.Capacity})
			}
			h.Members = append(h.Members, poverty.Member{BirthDate: date(s.Year-8, 3, 3)})
			if err := emit(h, workers, jobs); err != nil {
				return err
			}
		}
		return nil
	}
	if err := stream(true, s.PoorLabour, s.SupportedPoor); err != nil {
		return err
	}
	return stream(false, s.LaborForce-s.PoorLabour, s.Supported-s.SupportedPoor)
}

// workshopSpec sizes a generated set of workshops with their workers'
// households and the child registry (SEEDS.md S5).
type workshopSpec struct {
	Prefix          string // prefix of every generated ID, so that scenarios can be merged
	County          poverty.County
	Workshops       int
	Workers         int // workshop workers, one job each, all held in Year
	Poor            int // of whom from registered households
	Monitored       int // of whom from monitored, unregistered households
	ReturnedMothers int // of whom mothers back from migrant work, with children in the registry
	ReturnedOthers  int // of whom others back from migrant work, with no child in the registry
	OtherChildren   int // left-behind children of parents who stay away
	BaselineYear    int
	Year            int
	Opened          poverty.Date // the workshops open on this day or within 180 days after
}

// scenario is a generated set of records with the ground truth the
// generator knows by construction.
type scenario struct {
	idx            *Index
	before         children.Snapshot
	wantReunited   int // children of returned mothers, left-behind before, under 16 after, father away
	wantAgedOut    int // children of returned mothers who turn 16 between the snapshots
	wantFatherHome int // children of returned mothers whose father is at home
}

func genWorkshops(seed uint64, s workshopSpec) (*scenario, error) {
	r := newRand(seed)
	rec := &Records{}
	sc := &scenario{before: children.Snapshot{On: date(s.BaselineYear, 12, 31)}}
	after := date(s.Year, 12, 31)
	opened := make([]poverty.Date, s.Workshops)
	for i := range s.Workshops {
		opened[i] = randDate(r, s.Opened, 180)
		rec.Workshops = append(rec.Workshops, Workshop{ID: fmt.Sprintf("%sws-%03d", s.Prefix, i), Name: "garment workshop", Type: Factory,
			County: s.County, Sites: []Site{SiteVillage}, Opened: opened[i], OwnerReturnee: i%3 == 0})
	}
	// Worker categories as an exact multiset permutation.
	remPoor, remMon, remGen := s.Poor, s.Monitored, s.Workers-s.Poor-s.Monitored
	remMothers, remOthers := s.ReturnedMothers, s.ReturnedOthers
	snapshots := func(id string, poor, monitored bool, members []poverty.Member, awayBefore map[int]bool, pcIncome int) {
		for _, y := range []int{s.BaselineYear, s.Year} {
			h := Household{Household: poverty.Household{ID: id, County: s.County, Year: y, Concept: poverty.DisposableIncome,
				Members: append([]poverty.Member(nil), members...)}, Monitored: monitored && y == s.Year}
			if y == s.BaselineYear {
				h.Monitored = monitored
				for k := range awayBefore {
					h.Members[k].MonthsAway, h.Members[k].IncomeBroughtHome = 12, true
				}
			}
			if poor {
				h.Registration = poverty.Registration{Registered: 2014, Exited: 2019}
			}
			h.Income.OperatingIncome = poverty.YuanAmount(int64(pcIncome * len(members)))
			h.Income.TransferIncome = poverty.YuanAmount(int64(200 * len(members)))
			rec.Households = append(rec.Households, h)
		}
	}
	for i := range s.Workers {
		total := remPoor + remMon + remGen
		k := r.IntN(total)
		poor, monitored := k < remPoor, k >= remPoor && k < remPoor+remMon
		switch {
		case poor:
			remPoor--
		case monitored:
			remMon--
		default:
			remGen--
		}
		left := s.Workers - i
		mother := r.IntN(left) < remMothers
		other := !mother && r.IntN(left-remMothers) < remOthers
		if mother {
			remMothers--
		} else if other {
			remOthers--
		}
		hid := fmt.Sprintf("%sh-%06d", s.Prefix, i)
		ws := r.IntN(s.Workshops)
		start := randDate(r, opened[ws], 120)
		pc := 2500 + r.IntN(4000)
		if poor || monitored {
			pc = 1200 + r.IntN(2000)
		}
		w := Worker{ID: fmt.Sprintf("%sw-%06d", s.Prefix, i), Household: hid, Capacity: poverty.AbleToWork, Sex: poverty.Male,
			BirthDate: randDate(r, date(1968, 1, 1), 30*365)}
		if mother || r.IntN(3) > 0 {
			w.Sex = poverty.Female
		}
		if mother {
			w.BirthDate = randDate(r, date(1982, 1, 1), 12*365)
		}
		rec.Workers = append(rec.Workers, w)
		rec.Jobs = append(rec.Jobs, Job{ID: w.ID + "-ws", Worker: w.ID, Employer: rec.Workshops[ws].ID, Workshop: rec.Workshops[ws].ID,
			Channel: ChannelWorkshop, Place: Place(1 + r.IntN(3)), MonthlyWage: poverty.YuanAmount(int64(1600 + r.IntN(1400))),
			Start: start, ContractMonths: 12})
		members := []poverty.Member{{BirthDate: w.BirthDate, Sex: w.Sex, Capacity: poverty.AbleToWork}}
		away := map[int]bool{}
		if mother || other {
			migrant := Job{ID: w.ID + "-away", Worker: w.ID, Employer: "Dongguan factory", Channel: ChannelSelfFound, Place: OtherProvince,
				Destination: poverty.MustParseRegion("44"), MonthlyWage: poverty.YuanAmount(int64(3000 + r.IntN(2000))),
				Start: date(2012+r.IntN(4), 3, 1), End: start.AddDays(-1 - r.IntN(90))}
			rec.Jobs = append(rec.Jobs, migrant)
			away[0] = true
		}
		if mother {
			fatherHome := r.IntN(100) < 7
			f := Worker{ID: w.ID + "-f", Household: hid, Capacity: poverty.AbleToWork, Sex: poverty.Male,
				BirthDate: w.BirthDate.AddDays(-r.IntN(1500))}
			rec.Workers = append(rec.Workers, f)
			members = append(members, poverty.Member{BirthDate: f.BirthDate, Sex: poverty.Male, Capacity: poverty.AbleToWork})
			fsit := children.MigrantOutOfProvince
			if fatherHome {
				fsit = children.AtHome
				rec.Jobs = append(rec.Jobs, Job{ID: f.ID + "-j", Worker: f.ID, Employer: "village", Channel: ChannelSelfFound, Place: InVillage,
					MonthlyWage: 1500 * poverty.Yuan, Start: date(2010, 1, 1)})
			} else {
				rec.Jobs = append(rec.Jobs, Job{ID: f.ID + "-j", Worker: f.ID, Employer: "Zhejiang factory", Channel: ChannelSelfFound, Place: OtherProvince,
					Destination: poverty.MustParseRegion("33"), MonthlyWage: 4000 * poverty.Yuan, Start: date(2010, 1, 1)})
				away[1] = true
			}
			n := 2
			switch k := r.IntN(100); {
			case k < 20:
				n = 1
			case k >= 75:
				n = 3
			}
			for c := range n {
				born := randDate(r, sc.before.On.AddMonths(-15*12), 14*365)
				child := children.Child{ID: fmt.Sprintf("%sc-%06d-%d", s.Prefix, i, c), BirthDate: born, Hukou: children.Rural, County: s.County,
					Household: hid,
					Father:    children.Parent{ID: f.ID, Situation: fsit, Since: date(2010, 1, 1)},
					Mother:    children.Parent{ID: w.ID, Situation: children.MigrantOutOfProvince, Since: date(2012, 3, 1)},
					Guardian:  children.Guardian{Kind: children.Grandparent, Age: 66, Capacity: children.Capable}}
				sc.before.Children = append(sc.before.Children, child)
				members = append(members, poverty.Member{BirthDate: born})
				switch {
				case fatherHome:
					sc.wantFatherHome++
				case born.AgeOn(after) >= 16:
					sc.wantAgedOut++
				default:
					sc.wantReunited++
				}
			}
		} else {
			for range r.IntN(3) {
				members = append(members, poverty.Member{BirthDate: randDate(r, date(1950, 1, 1), 60*365)})
			}
		}
		snapshots(hid, poor, monitored, members, away, pc)
	}
	for i := range s.OtherChildren {
		sc.before.Children = append(sc.before.Children, children.Child{ID: fmt.Sprintf("%so-%06d", s.Prefix, i), Hukou: children.Rural,
			BirthDate: randDate(r, date(s.BaselineYear-12, 1, 1), 10*365), County: s.County,
			Father:   children.Parent{ID: fmt.Sprintf("%sof-%06d", s.Prefix, i), Situation: children.MigrantInProvince},
			Mother:   children.Parent{ID: fmt.Sprintf("%som-%06d", s.Prefix, i), Situation: children.MigrantOutOfProvince},
			Guardian: children.Guardian{Kind: children.Grandparent, Age: 70, Capacity: children.Capable}})
	}
	idx, err := NewIndex(rec)
	if err != nil {
		return nil, err
	}
	sc.idx = idx
	return sc, nil
}

// lines2020 returns the 2020 poverty standard and monitoring line for the
// region from package poverty's embedded table: 4,000 yuan (concept not
// stated) and 1.5 times it, 6,000, derived (国开发〔2020〕6号).
func lines2020(t testing.TB, region poverty.Region) poverty.Lines {
	t.Helper()
	l, err := poverty.Default().LinesFor(2020, region, poverty.BelowLine, poverty.LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// testStandards are the figures commonly quoted for the standards the data
// hold as UNCONFIRMED (poverty's notes on 2017 and 2018), supplied by the
// tests as a caller would, labelled EXAMPLE.
var testStandards = map[int]poverty.Money{2017: 2952 * poverty.Yuan, 2018: 2995 * poverty.Yuan}

// linesOf returns the lines of year in region for Impact: ImpactLines with
// SECONDARY values accepted, and for a year whose standard is UNCONFIRMED
// the commonly quoted figure, supplied as a caller would.
func linesOf(t testing.TB, year int, region poverty.Region) poverty.Lines {
	t.Helper()
	l, err := ImpactLines(poverty.Default(), year, region, poverty.BelowLine, secondary)
	if err == nil {
		return l
	}
	amount, ok := testStandards[year]
	if !errors.Is(err, poverty.ErrUnconfirmed) || !ok {
		t.Fatal(err)
	}
	std := lines2020(t, region).Standard
	std.Year, std.Amount = year, amount
	std.Provenance = poverty.Provenance{Source: "commonly quoted figure, supplied by the test", Status: poverty.Example, Scope: poverty.ScopeNational}
	return poverty.Lines{Standard: std, Boundary: poverty.BelowLine}
}
