package risk

import (
	"fmt"

	"github.com/openfupin/fupin/poverty"
)

// Count is one row of a breakdown: a stable key word and a count. The zero
// Count is an empty row.
type Count struct {
	Key   string `json:"key"`
	Count int    `json:"count"`
}

// Report summarizes many cases: counts by category, factor, tier, stage and
// province; measures per household; the elimination rate; and the monitored
// population. Breakdowns list only non-zero rows, in enum order (provinces
// in code order), so the same cases always give the same report. The zero
// Report is the report of no cases.
type Report struct {
	Households int   `json:"households"`
	Population int64 `json:"population"` // resident members of the monitored households
	Measures   int   `json:"measures"`
	Eliminated int   `json:"eliminated"`
	Returned   int   `json:"returned"`
	// MeasuresPerHousehold is Measures / Households, rounded half up to
	// whole parts per million (zero when there are no households).
	MeasuresPerHousehold poverty.Rate `json:"measures_per_household"`
	// EliminationRate is Eliminated / Households, rounded the same way.
	EliminationRate poverty.Rate `json:"elimination_rate"`

	ByCategory []Count `json:"by_category"`
	ByFactor   []Count `json:"by_factor"`
	ByTier     []Count `json:"by_tier"`
	ByStage    []Count `json:"by_stage"`
	ByRoute    []Count `json:"by_route"`
	ByRegion   []Count `json:"by_region"`
}

// Tally accumulates cases one at a time, so that a report over millions of
// cases never holds them all. The zero Tally is empty and ready to use. A
// Tally is not safe for concurrent use; tally shards separately and
// [Tally.Merge] them.
type Tally struct {
	households, measures, eliminated, returned int
	population                                 int64
	category                                   [numCategories]int
	factor                                     [numFactors]int
	tier                                       [numTiers]int
	stage                                      [numStages]int
	route                                      [numRoutes]int
	region                                     [100]int
}

// Add counts one case. A case without history (the zero Case) is ignored.
func (t *Tally) Add(c *Case) {
	if c == nil || len(c.log) == 0 {
		return
	}
	t.households++
	t.population += int64(c.info.Members)
	t.measures += len(c.measures)
	t.category[c.info.Category]++
	for f := Illness; f < numFactors; f++ {
		if c.info.Factors.Has(f) {
			t.factor[f]++
		}
	}
	t.tier[c.tier]++
	t.stage[c.stage]++
	t.route[c.route]++
	if c.stage == Eliminated {
		t.eliminated++
	}
	if c.stage == ReturnedToPoverty {
		t.returned++
	}
	if c.info.Region < 100 {
		t.region[c.info.Region]++
	}
}

// Merge adds the counts of u to t.
func (t *Tally) Merge(u *Tally) {
	t.households += u.households
	t.population += u.population
	t.measures += u.measures
	t.eliminated += u.eliminated
	t.returned += u.returned
	for i := range t.category {
		t.category[i] += u.category[i]
	}
	for i := range t.factor {
		t.factor[i] += u.factor[i]
	}
	for i := range t.tier {
		t.tier[i] += u.tier[i]
	}
	for i := range t.stage {
		t.stage[i] += u.stage[i]
	}
	for i := range t.route {
		t.route[i] += u.route[i]
	}
	for i := range t.region {
		t.region[i] += u.region[i]
	}
}

// Report returns the report of the cases added so far.
func (t *Tally) Report() Report {
	r := Report{Households: t.households, Population: t.population, Measures: t.measures,
		Eliminated: t.eliminated, Returned: t.returned}
	if t.households > 0 {
		r.MeasuresPerHousehold, _ = poverty.Ratio(int64(t.measures), int64(t.households), poverty.RoundHalfUp)
		r.EliminationRate, _ = poverty.Ratio(int64(t.eliminated), int64(t.households), poverty.RoundHalfUp)
	}
	rows := func(counts []int, name func(int) string) []Count {
		var out []Count
		for i, n := range counts {
			if n > 0 {
				out = append(out, Count{Key: name(i), Count: n})
			}
		}
		return out
	}
	r.ByCategory = rows(t.category[:], func(i int) string { return Category(i).String() })
	r.ByFactor = rows(t.factor[:], func(i int) string { return Factor(i).String() })
	r.ByTier = rows(t.tier[:], func(i int) string { return Tier(i).String() })
	r.ByStage = rows(t.stage[:], func(i int) string { return Stage(i).String() })
	r.ByRoute = rows(t.route[:], func(i int) string {
		if i == 0 {
			return "not_eliminated"
		}
		return Route(i).String()
	})
	r.ByRegion = rows(t.region[:], func(i int) string { return poverty.Region(i).String() })
	return r
}

// Summarize returns the report over the cases.
func Summarize(cases []*Case) Report {
	var t Tally
	for _, c := range cases {
		t.Add(c)
	}
	return t.Report()
}

// CapResult compares the monitored population with the registered
// population against the scale cap of 国开发〔2020〕6号: generally about 5%,
// in deep-poverty areas at most 10%. The zero CapResult is not within any
// cap.
type CapResult struct {
	Monitored  int64             `json:"monitored"`
	Registered int64             `json:"registered"`
	Share      poverty.Rate      `json:"share"` // rounded half up to parts per million
	Cap        Param             `json:"cap"`
	Within     bool              `json:"within"` // the exact share is at most the cap
	Reason     poverty.Criterion `json:"reason"`
}

// CapTest compares the report's monitored population with registered, the
// registered population of the same area, against p.CapDeep in a
// deep-poverty area (三区三州 and the other 169 deep-poverty counties) and
// p.CapGeneral elsewhere. The comparison is exact ([poverty.CompareRatio]).
// A registered population of zero or less is [poverty.ErrRange].
func (r *Report) CapTest(registered int64, deep bool, p *Params) (CapResult, error) {
	if p == nil {
		d := defaultParams()
		p = &d
	}
	if err := use("risk.Report.CapTest", &p.CapGeneral, &p.CapDeep); err != nil {
		return CapResult{}, err
	}
	if registered <= 0 {
		return CapResult{}, &poverty.FieldError{Op: "risk.Report.CapTest", Record: "report", Field: "registered", Value: fmt.Sprint(registered), Err: poverty.ErrRange}
	}
	res := CapResult{Monitored: r.Population, Registered: registered, Cap: p.CapGeneral}
	code := "cap.general"
	if deep {
		res.Cap, code = p.CapDeep, "cap.deep"
	}
	res.Share, _ = poverty.Ratio(r.Population, registered, poverty.RoundHalfUp)
	res.Within = poverty.CompareRatio(r.Population, registered, res.Cap.Rate) <= 0
	res.Reason = criterion(code, res.Within, fmt.Sprintf("monitored population %d of registered population %d = %s", r.Population, registered, res.Share.Percent()), res.Cap.Cite())
	return res, nil
}
