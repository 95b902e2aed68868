package predict

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/openfupin/fupin/children"
	"github.com/openfupin/fupin/internal/exampleio"
	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/labor"
	"github.com/openfupin/fupin/poverty"
)

// The Gangu scenario's dates: the registry before the workshops (the end
// of 2017), the workshops' opening and the workshop jobs' start (2018:
// "a garment factory opened in one township in 2018", article 000), and
// the registry after (the end of 2019, before the article of 2020-06-02).
var (
	GanguBefore    = poverty.MustDate(2017, time.December, 31)
	GanguJobsStart = poverty.MustDate(2018, time.March, 1)
	GanguAfter     = poverty.MustDate(2019, time.December, 31)
	ganguCounty    = poverty.MustParseCounty("620523")
)

// GanguHouseholds is the size of the generated county: Gangu had 559,700
// residents at the end of 2021, 35.04% of them urban (Gansu Statistical
// Yearbook 2024 as quoted by a secondary page), so about 363,600 rural
// residents, or about 101,000 households at the generator's 3.6 residents
// a household; 100,000 (an assumption derived so).
const GanguHouseholds = 100_000

// GanguWorkshops is the number of workshops the returned mothers are
// spread over (article 000: 52); it does not change the figures predicted.
const GanguWorkshops = 52

// GanguInput sets the Gangu run.
type GanguInput struct {
	Seed       uint64
	Households int
	// ReturnShare is the probability that a mother working outside the
	// county with a child under 16 comes home for a workshop job (fitted:
	// [FitGanguReturnShare]).
	ReturnShare float64
	// Selective, when set, lets only mothers of a child who is left-behind
	// come home (the bound where the workshops draw exactly the mothers
	// whose children are left behind); otherwise any migrant mother of a
	// child under 16 may.
	Selective bool
	// Each, when set, is called for every household with a mother who
	// came home, with her member index (or theirs, in order) and the
	// household's children in the registry before (for the example's
	// sample and the tests). The record and the slices are reused after
	// the call returns.
	Each func(rec *gen.Record, returned []int, registry []children.Child)
}

// Gangu is what the library finds: the eligible mothers (working away
// with a child under 16 in the registry, as generated; when Selective, a
// child left-behind), and package
// labor's workshop impact over the two registries (returned mothers,
// children no longer left-behind because their mother came home).
type Gangu struct {
	Eligible int          `json:"eligible_mothers"`
	Impact   labor.Impact `json:"impact"`
}

// RunGangu generates a Gansu county (province 62, 2017) with package gen,
// the parents of each household with children drawn jointly from
// [gen.ACWF2010], and the registry of the children of households with a
// parent working away on GanguBefore ([gen.Record.Children]). Each eligible
// mother comes home with probability ReturnShare (a stream of its own per
// household, seeded from Seed): her migrant job of 2017 and a workshop job
// from GanguJobsStart become labor records. The registry after is the
// registry before on GanguAfter, the children two years older and the
// returned mothers at home from the workshop job's start; nothing else
// changes, so that every change is the mothers' (the article credits them
// with it). labor.Index.Impact classifies every child in both registries
// under the left-behind definition of 2016 and counts the children who
// stopped being left-behind because a returned parent came home.
func RunGangu(in GanguInput) (Gangu, error) {
	cfg := gen.Config{Seed: in.Seed, Households: in.Households, Year: 2017, Province: poverty.MustParseRegion("62"), Couples: &gen.ACWF2010}
	if err := cfg.Validate(); err != nil {
		return Gangu{}, err
	}
	if in.ReturnShare < 0 || in.ReturnShare > 1 {
		return Gangu{}, fmt.Errorf("predict.RunGangu: return share %v: %w", in.ReturnShare, poverty.ErrRange)
	}
	rules := children.Default()
	var out Gangu
	recs := &labor.Records{}
	for k := range GanguWorkshops {
		recs.Workshops = append(recs.Workshops, labor.Workshop{ID: gen.WorkshopID(ganguCounty, k+1), Name: "workshop", Type: labor.Factory,
			County: ganguCounty, Opened: poverty.MustDate(2018, time.January, 1)})
	}
	before := children.Snapshot{On: GanguBefore}
	after := children.Snapshot{On: GanguAfter}
	var kids []children.Child
	var pcg rand.PCG
	r := rand.New(&pcg)
	for rec := range cfg.All() {
		rec.County = ganguCounty
		rec.ID = "G" + rec.ID
		kids = rec.Children(kids[:0], GanguBefore)
		away := false
		for i := range kids {
			away = away || kids[i].Father.Situation.Migrant() || kids[i].Mother.Situation.Migrant()
		}
		if !away {
			continue
		}
		pcg.Seed(in.Seed^0x6a09e667f3bcc908, uint64(rec.Index))
		returned := map[int]bool{}
		for k := range rec.People {
			p := &rec.People[k]
			if rec.Members[k].Sex != poverty.Female || !p.Work.Migrant() {
				continue
			}
			young, left := false, false
			for i := range rec.People {
				if rec.People[i].Mother != k || rec.People[i].Role != gen.Child || rec.Members[i].BirthDate.AgeOn(GanguBefore) >= 16 {
					continue
				}
				young = true
				for j := range kids {
					if kids[j].ID == rec.ID+"-c"+itoa(i) {
						cl, err := rules.Classify(&kids[j], GanguBefore)
						if err != nil {
							return Gangu{}, err
						}
						left = left || cl.Status() == children.LeftBehind
					}
				}
			}
			if !young || in.Selective && !left {
				continue
			}
			out.Eligible++
			if r.Float64() < in.ReturnShare {
				returned[k] = true
			}
		}
		before.Children = append(before.Children, kids...)
		for i := range kids {
			c := kids[i]
			if k := motherIndex(rec, c.ID); k >= 0 && returned[k] {
				c.Mother.Situation, c.Mother.Since = children.AtHome, GanguJobsStart
			}
			after.Children = append(after.Children, c)
		}
		if len(returned) == 0 {
			continue
		}
		if in.Each != nil {
			var ks []int
			for k := range rec.People {
				if returned[k] {
					ks = append(ks, k)
				}
			}
			in.Each(rec, ks, kids)
		}
		for _, y := range []int{2017, 2019} {
			h := labor.Household{Household: rec.Household}
			h.Members = slices.Clone(rec.Members)
			h.Monthly = nil
			h.Year = y
			recs.Households = append(recs.Households, h)
		}
		for k := range rec.People {
			if !returned[k] {
				continue
			}
			p, m := &rec.People[k], &rec.Members[k]
			id := rec.ID + "-p" + itoa(k)
			recs.Workers = append(recs.Workers, labor.Worker{ID: id, Household: rec.ID, BirthDate: m.BirthDate, Sex: m.Sex, Capacity: m.Capacity})
			start := poverty.MustDate(2017, time.Month(1+p.FirstMonth), 1)
			mig := labor.Job{ID: id + "-m", Worker: id, Employer: "city employer", Channel: labor.ChannelSelfFound, Place: labor.OtherProvince,
				Destination: poverty.MustParseRegion("44"), Start: start, End: start.AddMonths(p.WorkMonths).AddDays(-1), MonthlyWage: p.Pay}
			if p.Work == gen.MigrantInProvince {
				mig.Place, mig.Destination = labor.InProvince, rec.Province()
			}
			ws := recs.Workshops[rec.Index%GanguWorkshops].ID
			recs.Jobs = append(recs.Jobs, mig, labor.Job{ID: id + "-w", Worker: id, Employer: ws, Workshop: ws, Channel: labor.ChannelWorkshop,
				Place: labor.InTownship, Start: GanguJobsStart, MonthlyWage: 2300 * poverty.Yuan})
		}
	}
	idx, err := labor.NewIndex(recs)
	if err != nil {
		return Gangu{}, err
	}
	lb, _, err := exampleio.ImpactLines(2017, poverty.MustParseRegion("62"))
	if err != nil {
		return Gangu{}, err
	}
	la, _, err := exampleio.ImpactLines(2019, poverty.MustParseRegion("62"))
	if err != nil {
		return Gangu{}, err
	}
	out.Impact, err = idx.Impact(nil, labor.ImpactOptions{Year: 2019, BaselineYear: 2017, Before: lb, After: la, Children: &before, ChildrenAfter: &after})
	if err != nil {
		return Gangu{}, err
	}
	out.Impact.PerHousehold, out.Impact.PerWorkshop = nil, nil
	return out, nil
}

// motherIndex returns the member index of the mother of the child with the
// registry ID (household ID + "-c" + member index), or -1.
func motherIndex(rec *gen.Record, childID string) int {
	for i := range rec.People {
		if rec.ID+"-c"+itoa(i) == childID {
			return rec.People[i].Mother
		}
	}
	return -1
}

func itoa(i int) string { return fmt.Sprint(i) }

// FitGanguReturnShare fits ReturnShare on a calibration county (seed
// calibrationSeed, which the predictions do not use): the number of
// mothers to come home (960, article 000) over the eligible mothers the
// county holds. It returns the share and the eligible count.
func FitGanguReturnShare(calibrationSeed uint64, households, mothers int, selective bool) (float64, int, error) {
	g, err := RunGangu(GanguInput{Seed: calibrationSeed, Households: households, Selective: selective})
	if err != nil {
		return 0, 0, err
	}
	if g.Eligible == 0 {
		return 0, 0, fmt.Errorf("predict.FitGanguReturnShare: no eligible mothers: %w", poverty.ErrRange)
	}
	return float64(mothers) / float64(g.Eligible), g.Eligible, nil
}
