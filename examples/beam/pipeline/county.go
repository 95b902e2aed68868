package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// CountyTotals are the counts of one county and year, summed over its
// households (the accumulator of the per-county combine).
type CountyTotals struct {
	Households int64
	// Residents are the resident members of the households (the library's
	// residence rule).
	Residents int64
	// RegisteredResidents are the resident members of households ever
	// registered poor (建档立卡: status registered_poor or lifted_out), the
	// denominator of the monitored share.
	RegisteredResidents int64
	MonitoredHouseholds int64
	// MonitoredResidents are the resident members of households identified
	// as monitored (a monitored category, risk.Category.Monitored: not the
	// outcomes that register a household as poor instead), the numerator
	// of the monitored share.
	MonitoredResidents int64
	Warned             int64 // households with at least one department warning
	NotEvaluated       int64 // households whose warnings could not be evaluated
	Events             int64
	EventsAfter        int64
	ByStatus           map[string]int64
	ByCategory         map[string]int64
	ByTier             map[string]int64
	ByWarning          map[string]int64 // households with each warning rule raised
	ByNotEvaluated     map[string]int64 // households with each warning rule not evaluated
}

// CountyPart is one household's contribution to its county's totals:
// the input of the per-county combine (small, so that the combine, which
// the runner lifts before the shuffle, allocates little).
type CountyPart struct {
	Residents    int64
	Registered   bool // ever registered poor
	Status       string
	Category     string
	Monitored    bool   // a monitored category (risk.Category.Monitored)
	Tier         string // "" when no scheme is in force
	Warnings     []string
	Unevaluated  []string // codes of the warning rules not evaluated
	NotEvaluated bool
	Events       int64
	EventsAfter  int64
}

// countyPart is one household's contribution to its county's totals.
func countyPart(r *Result, registered bool) CountyPart {
	p := CountyPart{Residents: int64(r.People), Registered: registered, Status: r.Status.String(), Category: r.Category.String(),
		Monitored: r.Category.Monitored(), Warnings: r.Warnings, NotEvaluated: r.NotEvaluated != "",
		Events: int64(r.Events), EventsAfter: int64(r.EventsAfter)}
	if r.Tier != risk.TierUnknown {
		p.Tier = r.Tier.String()
	}
	p.Unevaluated = r.ChecksNotEvaluated
	return p
}

// countyCombineFn sums the households of a county into CountyTotals.
type countyCombineFn struct{}

// CreateAccumulator returns empty totals.
func (countyCombineFn) CreateAccumulator() CountyTotals {
	return CountyTotals{ByStatus: map[string]int64{}, ByCategory: map[string]int64{}, ByTier: map[string]int64{}, ByWarning: map[string]int64{},
		ByNotEvaluated: map[string]int64{}}
}

// AddInput adds one household to a.
func (countyCombineFn) AddInput(a CountyTotals, p CountyPart) CountyTotals {
	a.Households++
	a.Residents += p.Residents
	if p.Registered {
		a.RegisteredResidents += p.Residents
	}
	if p.Monitored {
		a.MonitoredHouseholds++
		a.MonitoredResidents += p.Residents
	}
	a.ByStatus = addCount(a.ByStatus, p.Status)
	a.ByCategory = addCount(a.ByCategory, p.Category)
	if p.Tier != "" {
		a.ByTier = addCount(a.ByTier, p.Tier)
	}
	if len(p.Warnings) > 0 {
		a.Warned++
	}
	for _, w := range p.Warnings {
		a.ByWarning = addCount(a.ByWarning, w)
	}
	for _, w := range p.Unevaluated {
		a.ByNotEvaluated = addCount(a.ByNotEvaluated, w)
	}
	if p.NotEvaluated {
		a.NotEvaluated++
	}
	a.Events += p.Events
	a.EventsAfter += p.EventsAfter
	return a
}

func addCount(m map[string]int64, k string) map[string]int64 {
	if m == nil {
		m = map[string]int64{}
	}
	m[k]++
	return m
}

// ExtractOutput returns the totals.
func (countyCombineFn) ExtractOutput(a CountyTotals) CountyTotals { return a }

// MergeAccumulators adds b to a.
func (countyCombineFn) MergeAccumulators(a, b CountyTotals) CountyTotals {
	a.Households += b.Households
	a.Residents += b.Residents
	a.RegisteredResidents += b.RegisteredResidents
	a.MonitoredHouseholds += b.MonitoredHouseholds
	a.MonitoredResidents += b.MonitoredResidents
	a.Warned += b.Warned
	a.NotEvaluated += b.NotEvaluated
	a.Events += b.Events
	a.EventsAfter += b.EventsAfter
	a.ByStatus = addCounts(a.ByStatus, b.ByStatus)
	a.ByCategory = addCounts(a.ByCategory, b.ByCategory)
	a.ByTier = addCounts(a.ByTier, b.ByTier)
	a.ByWarning = addCounts(a.ByWarning, b.ByWarning)
	a.ByNotEvaluated = addCounts(a.ByNotEvaluated, b.ByNotEvaluated)
	return a
}

func addCounts(a, b map[string]int64) map[string]int64 {
	if a == nil {
		a = map[string]int64{}
	}
	for k, v := range b {
		a[k] += v
	}
	return a
}

// CountyReport is one line of counties.jsonl: the counts of a county and
// year, the monitored share against the caps of the 2020 guidance
// (国开发〔2020〕6号: about 5% generally, at most 10% in deep-poverty areas,
// risk.Report.CapTest), and the lines and scheme that decided, cited.
type CountyReport struct {
	County              string       `json:"county"`
	Year                int          `json:"year"`
	AssessedOn          string       `json:"assessed_on"`
	Households          int64        `json:"households"`
	Residents           int64        `json:"resident_members"`
	ByStatus            []risk.Count `json:"by_status"`
	ByCategory          []risk.Count `json:"by_category"`
	ByTier              []risk.Count `json:"by_tier"`
	ByWarning           []risk.Count `json:"households_by_warning"`
	ByNotEvaluated      []risk.Count `json:"households_by_check_not_evaluated"`
	Warned              int64        `json:"warned_households"`
	NotEvaluated        int64        `json:"warnings_not_evaluated"`
	Events              int64        `json:"events"`
	EventsAfter         int64        `json:"events_after_assessment"`
	MonitoredHouseholds int64        `json:"monitored_households"`
	MonitoredResidents  int64        `json:"monitored_resident_members"`
	RegisteredResidents int64        `json:"registered_resident_members"`
	// ShareConcept says what the share is: a person reads it before the
	// figures.
	ShareConcept string `json:"share_concept"`
	// CapGeneral and CapDeep are the share against each cap; CapError says
	// why there is none (no registered population).
	CapGeneral *risk.CapResult `json:"cap_general,omitempty"`
	CapDeep    *risk.CapResult `json:"cap_deep_poverty_area,omitempty"`
	CapError   string          `json:"cap_error,omitempty"`
	Standard   string          `json:"standard"`
	Line       string          `json:"monitoring_line"`
	Scheme     string          `json:"tier_scheme"`
	Data       string          `json:"data"`
}

// shareConcept is the definition of the monitored share, for the report.
const shareConcept = "monitored population (resident members of households identified as monitored as of 31 December, risk.Identify) " +
	"over registered population (resident members of households ever registered poor) in the same county and year; " +
	"derived, exact comparison with each cap (risk.Report.CapTest); whether the county is a deep-poverty area is not in the input, so both caps are shown"

// countyFn formats a county's totals as a CountyReport line.
type countyFn struct {
	Settings Settings
	pol      *policy
}

// ProcessElement formats one county and year.
func (fn *countyFn) ProcessElement(_ context.Context, key string, t CountyTotals, pol Policy) (string, error) {
	if fn.pol == nil {
		p, err := resolve(pol, fn.Settings)
		if err != nil {
			return "", err
		}
		fn.pol = p
	}
	county, yearText, _ := strings.Cut(key, "/")
	year, _ := strconv.Atoi(yearText)
	r := CountyReport{County: county, Year: year, AssessedOn: assessOn(year).String(), Households: t.Households, Residents: t.Residents,
		ByStatus: counts(t.ByStatus), ByCategory: counts(t.ByCategory), ByTier: counts(t.ByTier), ByWarning: counts(t.ByWarning), ByNotEvaluated: counts(t.ByNotEvaluated),
		Warned: t.Warned, NotEvaluated: t.NotEvaluated, Events: t.Events, EventsAfter: t.EventsAfter,
		MonitoredHouseholds: t.MonitoredHouseholds, MonitoredResidents: t.MonitoredResidents, RegisteredResidents: t.RegisteredResidents,
		ShareConcept: shareConcept, Data: "as read from the inputs (synthetic when written by cmd/generate: EXAMPLE data)"}
	// The monitored population as a report of the library, for its cap test.
	rep := risk.Report{Households: int(t.MonitoredHouseholds), Population: t.MonitoredResidents}
	if c, err := rep.CapTest(t.RegisteredResidents, false, &fn.pol.params); err != nil {
		r.CapError = poverty.MaskIDsIn(err.Error())
	} else {
		r.CapGeneral = &c
		if d, err := rep.CapTest(t.RegisteredResidents, true, &fn.pol.params); err == nil {
			r.CapDeep = &d
		}
	}
	r.Standard, r.Line, r.Scheme = "none", "none", "none in force"
	if c, err := strconv.Atoi(county); err == nil {
		e := fn.pol.linesFor(year, poverty.County(c).Province())
		if e.err == nil {
			if std := e.lines.Standard; std != (poverty.Threshold{}) {
				r.Standard = std.String() + " [" + std.Label() + "] " + std.Cite()
			} else {
				r.Standard = fmt.Sprintf("none in force in %d", year)
			}
			r.Line = e.lines.Monitoring.String() + " [" + e.lines.Monitoring.Label() + "] " + e.lines.Monitoring.Cite()
		}
		if e.scheme != nil {
			r.Scheme = e.scheme.ID + " (" + e.scheme.Status.String() + "): " + e.scheme.Source
		}
	}
	b, err := json.Marshal(r)
	return string(b), err
}

// counts lists a map as the library's breakdown rows, by key.
func counts(m map[string]int64) []risk.Count {
	out := make([]risk.Count, 0, len(m))
	for k, v := range m {
		out = append(out, risk.Count{Key: k, Count: int(v)})
	}
	slices.SortFunc(out, func(a, b risk.Count) int { return strings.Compare(a.Key, b.Key) })
	return out
}
