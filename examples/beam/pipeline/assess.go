package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// This file holds every call the pipeline makes into the library for one
// household, in one small function (assessHousehold), and the policy it
// reads: the thresholds table, the tier schemes and the warning parameters,
// each the embedded data with the caller's files overlaid in order
// (poverty.Table.Overlay, risk.Schemes.Overlay, risk.Params.Overlay).

// Settings are the policy choices of a run (flags of the command).
type Settings struct {
	AtOrBelow       bool // an income equal to a line counts as below it (poverty.AtOrBelowLine)
	AcceptSecondary bool // serve SECONDARY values (poverty.LookupOptions)
	Lenient         bool // carry the last value of a series forward, flagged stale
}

// ParamFile is one parameter file, read once by the pipeline and handed to
// the workers as a side input.
type ParamFile struct {
	Kind string // "thresholds", "tiers" or "params"
	Name string // its path, named in errors and in each value's Origin
	Data []byte
}

// Policy is the side input: every parameter file, in overlay order.
type Policy struct {
	Files []ParamFile
}

// policy is the resolved side input of a worker, with the lines looked up
// so far by year and province.
type policy struct {
	table    *poverty.Table
	schemes  risk.Schemes
	params   risk.Params
	boundary poverty.Boundary
	opts     poverty.LookupOptions
	lines    map[linesKey]*linesEntry
}

type linesKey struct {
	year     int
	province poverty.Region
}

// linesEntry is a cached lookup, error included (a year with no line
// rejects every household of that year with the same reason), and the
// tier scheme in force for the province and year (nil: none).
type linesEntry struct {
	lines  poverty.Lines
	err    error
	scheme *risk.Scheme
}

// resolve builds the policy from the embedded data and the files, in
// order: a file that does not load is an error naming it.
func resolve(p Policy, s Settings) (*policy, error) {
	pol := &policy{table: poverty.Default(), schemes: risk.DefaultSchemes(), params: risk.DefaultParams(),
		opts: poverty.LookupOptions{AcceptSecondary: s.AcceptSecondary, Lenient: s.Lenient}, lines: map[linesKey]*linesEntry{}}
	if s.AtOrBelow {
		pol.boundary = poverty.AtOrBelowLine
	}
	for _, f := range p.Files {
		r := bytes.NewReader(f.Data)
		switch f.Kind {
		case "thresholds":
			t, err := poverty.LoadTable(r, f.Name)
			if err != nil {
				return nil, err
			}
			pol.table = pol.table.Overlay(t)
		case "tiers":
			t, err := risk.LoadSchemes(r, f.Name)
			if err != nil {
				return nil, err
			}
			pol.schemes = pol.schemes.Overlay(t)
		case "params":
			t, err := risk.LoadParams(r, f.Name)
			if err != nil {
				return nil, err
			}
			pol.params = pol.params.Overlay(t)
		default:
			return nil, fmt.Errorf("parameter file %s: kind %q, want thresholds, tiers or params", poverty.MaskIDsIn(f.Name), f.Kind)
		}
	}
	return pol, nil
}

// linesFor returns the lines and tier scheme of a year and province.
func (p *policy) linesFor(year int, province poverty.Region) *linesEntry {
	k := linesKey{year, province}
	if e, ok := p.lines[k]; ok {
		return e
	}
	e := &linesEntry{}
	e.lines, e.err = p.table.LinesFor(year, province, p.boundary, p.opts)
	if s, ok := p.schemes.For(province, year); ok && e.err == nil {
		e.scheme = &s
	}
	p.lines[k] = e
	return e
}

// assessOn is the date a household of accounting year y is assessed as
// of: 31 December (the county model's date of identification). The
// monitoring window is then the calendar year (poverty.TrailingWindow).
func assessOn(year int) poverty.Date { return poverty.MustDate(year, time.December, 31) }

// Result is one household's result: the library's own
// [risk.HouseholdResult] (key masked, county as group, resident members,
// status, category, tier, reason codes) and the figures that decided it.
type Result struct {
	risk.HouseholdResult
	Year   int    `json:"year"`
	Source string `json:"source"` // file:line of the household record
	// PerCapita is the annual per-capita income of the accounting year
	// (poverty.Classify), in the household's income concept.
	PerCapita     poverty.Money `json:"per_capita"`
	Concept       string        `json:"concept"`
	BelowStandard bool          `json:"below_standard"`
	BelowLine     bool          `json:"below_monitoring_line"`
	// Line is the monitoring line of the year and province, as served.
	Line poverty.Money `json:"monitoring_line"`
	// IncomeBasis says which income identification and the tier read
	// (risk.IncomeBasis): "monthly_records" (the monitoring window of the
	// household's monthly records, the calendar year for an assessment on
	// 31 December) or "annual_record" (a record with no monthly incomes:
	// the CSV schema); IncomeWindow is the months it covers
	// (risk.Identification.Window).
	IncomeBasis         string         `json:"income_basis"`
	IncomeWindow        poverty.Window `json:"income_window"`
	IdentifiedPerCapita poverty.Money  `json:"identified_per_capita"`
	// Warnings are the codes of the department warnings risk.Assess raised
	// over the household's events (none: an empty list).
	Warnings []string `json:"warnings"`
	// ChecksNotEvaluated are the codes of the warning rules risk.Assess
	// could not evaluate (its WarningCheck.Missing says what they missed;
	// README.md quotes it): an annual record has no months to compare.
	// Never read as clear.
	ChecksNotEvaluated []string `json:"checks_not_evaluated,omitempty"`
	// NotEvaluated, when set, says why no warning could be evaluated at
	// all (risk.Assess's error, masked); Warnings is then empty and means
	// "not evaluated".
	NotEvaluated string `json:"warnings_not_evaluated,omitempty"`
	Events       int    `json:"events"`       // events joined to the household
	EventsAfter  int    `json:"events_after"` // of which dated after the assessment date, left out (risk.Assessment.EventsAfter)
}

// eventRejected is a household's event that the library refused
// (risk.Assess's *risk.EventError): the caller sends it to the dead
// letters and assesses the household without it.
type eventRejected struct {
	index int
	err   error
}

func (e *eventRejected) Error() string { return e.err.Error() }

// assessHousehold runs the library over one household and its events:
// status against the lines of its year and province (poverty.Classify, or
// poverty.ClassifyIncome for a CSV record, whose residents count is given;
// -1 otherwise), department warnings (risk.Assess), the monitored category
// (risk.Identify, from the window's monthly records or the annual record),
// and the colour tier where a scheme is in force
// (risk.Scheme.Classify). A failure is a *recordError naming the field,
// or an *eventRejected naming the event.
func assessHousehold(p *policy, h *poverty.Household, residents int, events []risk.Event) (Result, error) {
	e := p.linesFor(h.Year, h.Province())
	if e.err != nil {
		return Result{}, &recordError{Key: h.ID, Field: "year", Err: e.err}
	}
	var cl poverty.Classification
	var err error
	if residents >= 0 {
		cl, err = poverty.ClassifyIncome(h.Year, h.Registration, residents, h.Income, h.Concept, &e.lines)
	} else {
		cl, err = poverty.Classify(h, &e.lines)
	}
	if err != nil {
		return Result{}, &recordError{Key: h.ID, Field: jsonField(err), Err: err}
	}
	on := assessOn(h.Year)
	r := Result{Year: h.Year, PerCapita: cl.PerCapita.Amount, Concept: cl.PerCapita.Concept.String(),
		BelowStandard: cl.BelowStandard, BelowLine: cl.BelowLine, Line: e.lines.Monitoring.Amount,
		Warnings: []string{}, Events: len(events)}
	r.Household, r.Group, r.People, r.Status = poverty.MaskIDsIn(h.ID), h.County.String(), cl.Residents, cl.Status
	r.Reasons = append(r.Reasons, cl.Status.Code())

	a, aerr := risk.Assess(h, events, on, &p.params)
	var ee *risk.EventError
	if errors.As(aerr, &ee) && ee.Index >= 0 && ee.Index < len(events) {
		return Result{}, &eventRejected{index: ee.Index, err: aerr}
	}
	in := risk.IdentifyInput{Household: h, On: on, Line: &e.lines.Monitoring, Table: p.table, Lookup: p.opts, Boundary: p.boundary}
	if e.lines.Standard != (poverty.Threshold{}) {
		in.Standard = &e.lines.Standard
	}
	if aerr == nil {
		in.Assessment = &a
		r.EventsAfter = a.EventsAfter
		for _, c := range a.Checks() {
			if c.Outcome == risk.NotEvaluated {
				r.ChecksNotEvaluated = append(r.ChecksNotEvaluated, c.Code())
			}
		}
		for _, c := range a.Warnings() {
			r.Warnings = append(r.Warnings, c.Code())
			r.Reasons = append(r.Reasons, c.Code())
		}
	} else {
		r.NotEvaluated = poverty.MaskIDsIn(aerr.Error())
	}
	// Identify reads the monthly records of the window, or the annual
	// record when the household has none (its IncomeBasis says which).
	id, err := risk.Identify(in)
	if err != nil {
		return Result{}, &recordError{Key: h.ID, Field: jsonField(err), Err: err}
	}
	r.Category, r.IdentifiedPerCapita = id.Category, id.PerCapita.Amount
	r.IncomeBasis, r.IncomeWindow = id.Basis.String(), id.Window
	if id.Category != risk.CategoryNone {
		r.Reasons = append(r.Reasons, id.Code())
	}
	if e.scheme != nil {
		// Guarantees nil: the household schemas carry none, so the tier
		// reads income and the severe-event rule only (not assessed, never
		// counted as secured).
		t, err := e.scheme.Classify(risk.TierInput{PerCapita: id.PerCapita, Line: &e.lines.Monitoring,
			SevereGuaranteeFailure: aerr == nil && a.SevereGuaranteeFailure})
		if err != nil {
			return Result{}, &recordError{Key: h.ID, Field: "tier", Err: err}
		}
		r.Tier = t.Tier
		r.Reasons = append(r.Reasons, t.Code)
	}
	return r, nil
}
