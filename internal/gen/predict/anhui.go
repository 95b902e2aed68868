package predict

import (
	"fmt"
	"strings"
	"time"

	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// AnhuiInput sets the Anhui run. The zero values of the optional fields
// are the defaults documented on each.
type AnhuiInput struct {
	Seed       uint64
	Households int
	// First and Last are the first and last monthly screening visits
	// (the 1st of each month); zero: 2020-04-01 and 2020-09-01, the first
	// full month under 国开发〔2020〕6号 (in force from 2020-03-20) to the
	// month before the report (assumption: Anhui's screening is not dated
	// in the article).
	First, Last poverty.Date
	// Report is the visit whose stage is reported; zero: 2020-10-01, the
	// last monthly visit before the article of 2020-10-18 (the figures'
	// own date is not stated: assumption).
	Report poverty.Date
	// ResolveMonths is how long a measure addressing a factor runs before
	// the home visit verifies the factor resolved; zero: 3 (assumption,
	// EXAMPLE: one quarter). Disability and lack of labour never resolve,
	// nor an illness with a serious claim (the county model's reading).
	ResolveMonths int
	// Shocks, when set, lets the department warnings of risk.Assess
	// identify households above the line too (the 2020 shock route:
	// rigid expenditure or a sharp income drop). Off by default: the
	// library's income-drop rule (a DEFAULT) compares the recent three
	// months with the rest of the window without seasonal adjustment, and
	// on the generator's farm incomes, sold in September-November, it
	// fires for most households in spring (see Anhui.Warned).
	Shocks bool
	// StableMonths, when not zero, replaces the library's six stable months
	// (a DEFAULT after one county rule) by a value supplied for a
	// sensitivity run (status SUPPLIED).
	StableMonths int
	// Each, when set, is called with every marginal household's record and
	// its case at the report visit (for the tests' oracles).
	Each func(rec *gen.Record, c *risk.Case)
}

func (in AnhuiInput) defaults() AnhuiInput {
	if in.First.IsZero() {
		in.First = poverty.MustDate(2020, time.April, 1)
	}
	if in.Last.IsZero() {
		in.Last = poverty.MustDate(2020, time.September, 1)
	}
	if in.Report.IsZero() {
		in.Report = poverty.MustDate(2020, time.October, 1)
	}
	if in.ResolveMonths == 0 {
		in.ResolveMonths = 3
	}
	return in
}

// Anhui is what the library finds among the generated households: the
// marginal households identified (risk.Identify at monthly screening
// visits), the cases with the measures the catalogue proposes, and the
// cases whose risk the elimination test, run at every monthly visit,
// found eliminated by the report visit.
type Anhui struct {
	Households int `json:"households"`
	// Unstable counts lifted-out households identified as unstable; they
	// are monitored but not in Anhui's marginal figure.
	Unstable int `json:"unstable_lifted_out"`
	// Warned counts screening visits at which risk.Assess raised a
	// department warning (whether or not Shocks lets it identify).
	Warned int         `json:"warned_visits"`
	Report risk.Report `json:"report"` // the marginal cases at the report visit
	// EliminatedBy[k] counts cases eliminated at or before the k-th monthly
	// visit after First (the curve of the elimination rate).
	EliminatedBy []int          `json:"eliminated_by"`
	Visits       []poverty.Date `json:"visits"`
	// NotEliminatedBy counts the failed criteria of the last test of each
	// case not eliminated at the report visit.
	NotEliminatedBy map[string]int `json:"not_eliminated_by"`
}

// MeasuresPerHousehold is measures / marginal households.
func (a *Anhui) MeasuresPerHousehold() float64 {
	return ratio(int64(a.Report.Measures), int64(a.Report.Households))
}

// EliminationRate is eliminated / marginal households at the report visit.
func (a *Anhui) EliminationRate() float64 {
	return ratio(int64(a.Report.Eliminated), int64(a.Report.Households))
}

// RunAnhui generates households of Anhui (province 34, 2020) with package
// gen (the county defaults: see calibration.md), and runs the monitoring
// with the library: at each monthly screening visit from First to Last, a
// household not yet monitored is assessed on its department events
// (risk.Assess) and identified (risk.Identify, with its recorded factors
// and guarantees); a marginal household gets a case with every measure
// the catalogue proposes for its factors and workers (Catalog.Propose),
// from the day after; at every monthly visit from the next month to
// Report, the elimination test (risk.EliminationTest, the default
// parameters: six stable months) runs on the household's own monthly
// incomes, and the case is eliminated at the first pass. The measures'
// effects on income are not modelled.
func RunAnhui(in AnhuiInput) (Anhui, error) {
	in = in.defaults()
	cfg := gen.Config{Seed: in.Seed, Households: in.Households, Year: 2020, Province: poverty.MustParseRegion("34")}
	if err := cfg.Validate(); err != nil {
		return Anhui{}, err
	}
	if in.Report.Before(in.Last) || in.Last.Before(in.First) || in.First.Year() != 2020 || in.Report.Year() != 2020 {
		return Anhui{}, fmt.Errorf("predict.RunAnhui: visits %s..%s, report %s: %w", in.First, in.Last, in.Report, poverty.ErrRange)
	}
	params := risk.DefaultParams()
	if in.StableMonths != 0 {
		doc := fmt.Sprintf(`{"schema": "fupin.risk.params/2", "params": [{"id": "stable_months", "unit": "months", "value": "%d",
			"source": "internal/gen/predict sensitivity run", "status": "SUPPLIED", "scope": "national"}]}`, in.StableMonths)
		o, err := risk.LoadParams(strings.NewReader(doc), "sensitivity")
		if err != nil {
			return Anhui{}, err
		}
		params = params.Overlay(o)
	}
	catalog := risk.DefaultCatalog()
	line, err := poverty.Default().MonitoringLine(2020, cfg.Province, poverty.LookupOptions{})
	if err != nil {
		return Anhui{}, err
	}
	// The standard, which the 2020 guidance's outcomes read, looked up once
	// rather than by Identify for every household at every visit.
	std, err := poverty.Default().Standard(2020, cfg.Province, poverty.LookupOptions{})
	if err != nil {
		return Anhui{}, err
	}
	var visits []poverty.Date
	for v := in.First.AddMonths(1); !in.Report.Before(v); v = v.AddMonths(1) {
		visits = append(visits, v)
	}
	out := Anhui{EliminatedBy: make([]int, len(visits)), Visits: visits, NotEliminatedBy: map[string]int{}}
	var tally risk.Tally
	var events []risk.Event
	for rec := range cfg.All() {
		out.Households++
		h := &rec.Household
		events = rec.RiskEvents(events[:0])
		for on := in.First; !in.Last.Before(on); on = on.AddMonths(1) {
			a, err := risk.Assess(h, events, on, &params)
			if err != nil {
				return Anhui{}, fmt.Errorf("%s: %w", h.ID, err)
			}
			if a.NumWarnings() > 0 {
				out.Warned++
			}
			if !in.Shocks {
				// Identified on income and recorded factors only (the
				// cadre's visit); the warnings stay out (see Shocks).
				a = risk.Assessment{}
			}
			id, err := risk.Identify(risk.IdentifyInput{Household: h, On: on, Assessment: &a, Guarantees: rec.Guarantees,
				Factors: rec.Factors(on), Line: &line, Standard: &std})
			if err != nil {
				return Anhui{}, fmt.Errorf("%s: %w", h.ID, err)
			}
			if id.Category == risk.UnstableLiftedOut {
				out.Unstable++
				break
			}
			if id.Category != risk.MarginalAtRisk {
				continue
			}
			c, err := openCase(catalog, rec, &id, &a, on)
			if err != nil {
				return Anhui{}, err
			}
			if err := followUp(&out, c, rec, events, &params, &line, visits, on, in.ResolveMonths); err != nil {
				return Anhui{}, err
			}
			tally.Add(c)
			if in.Each != nil {
				in.Each(rec, c)
			}
			break
		}
	}
	out.Report = tally.Report()
	return out, nil
}

// openCase opens the case with every measure the catalogue proposes, from
// the day after identification. A case identified on income or a
// department warning alone, with no factor recorded, names "other" (99).
func openCase(catalog *risk.Catalog, rec *gen.Record, id *risk.Identification, a *risk.Assessment, on poverty.Date) (*risk.Case, error) {
	h := &rec.Household
	channel := risk.CadreVisit
	if a.NumWarnings() > 0 {
		channel = risk.DepartmentWarning
	}
	cf := id.Factors
	if cf == 0 {
		cf = risk.FactorsOf(risk.OtherFactor)
	}
	c, err := risk.Open(risk.CaseInfo{ID: "case-" + h.ID, HouseholdID: h.ID, Region: h.Region, County: h.County,
		Category: id.Category, Factors: cf, Channel: channel, Members: h.Residents()}, on, id.Code())
	if err != nil {
		return nil, err
	}
	start := on.AddDays(1)
	for k, p := range catalog.Propose(cf, h.Workers()) {
		mr := risk.MeasureRecord{Code: p.Measure.Code, Type: p.Measure.Type, Start: start}
		if k == 0 {
			err = c.StartAssistance(start, mr, p.Reason.Code)
		} else {
			err = c.AddMeasure(start, mr, p.Reason.Code)
		}
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

// Resolved returns the case factors a home visit on the date verifies as
// resolved (the model's reading, an assumption): a factor addressed by a
// measure of the case that has run at least months months; never
// disability or lack of labour, nor illness after a serious medical claim.
func Resolved(c *risk.Case, on poverty.Date, months int, severe bool) risk.FactorSet {
	var addressed risk.FactorSet
	catalog := risk.DefaultCatalog()
	for _, e := range c.History() {
		if e.Measure == nil || on.Before(e.Measure.Start.AddMonths(months)) {
			continue
		}
		if m, ok := catalog.Lookup(e.Measure.Code); ok {
			addressed |= m.Factors
		}
	}
	var out risk.FactorSet
	for _, f := range c.Info().Factors.List() {
		switch {
		case f == risk.Disability, f == risk.LackOfLabor, f == risk.Illness && severe:
		case f == risk.OtherFactor && !on.Before(c.History()[0].Date.AddMonths(months)):
			out |= risk.FactorsOf(f)
		case addressed&risk.FactorsOf(f) != 0:
			out |= risk.FactorsOf(f)
		}
	}
	return out
}

// followUp runs the elimination test at each visit after identification
// and eliminates the case at the first pass.
func followUp(out *Anhui, c *risk.Case, rec *gen.Record, events []risk.Event, params *risk.Params, line *poverty.Threshold,
	visits []poverty.Date, opened poverty.Date, months int) error {
	severe := false
	for i := range events {
		severe = severe || (events[i].Kind == risk.MedicalClaim && events[i].Severe && events[i].Date.Before(opened))
	}
	var last risk.EliminationResult
	for k, v := range visits {
		if v.Before(opened.AddMonths(1)) {
			continue // the first visit is a month after identification
		}
		res, err := risk.EliminationTest(risk.EliminationInput{Case: c, Household: &rec.Household, On: v, Line: line,
			Guarantees: rec.Guarantees, Resolved: Resolved(c, v, months, severe)}, params)
		if err != nil {
			return fmt.Errorf("%s: %w", rec.ID, err)
		}
		last = res
		if res.Pass {
			if err := c.Eliminate(&res); err != nil {
				return err
			}
			for j := k; j < len(visits); j++ {
				out.EliminatedBy[j]++
			}
			return nil
		}
	}
	for _, f := range last.Failed() {
		out.NotEliminatedBy[f.Code]++
	}
	return nil
}
