package poverty

import (
	"errors"
	"fmt"

	"github.com/openfupin/fupin/internal/enum"
)

// Boundary is the explicit choice of what happens to an income exactly at a
// line. The sources say "below the line" and "stably above the line" without
// settling the equal case, so every comparison in this library takes a
// Boundary.
//
// The zero value is [BelowLine], the default: an income equal to the line
// is not below it.
type Boundary uint8

// Boundaries.
const (
	// BelowLine counts an income as below the line only when income < line.
	BelowLine Boundary = iota
	// AtOrBelowLine counts income <= line as below the line.
	AtOrBelowLine
)

var boundaryWords = enum.New[Boundary](parseErr, "below", "at_or_below")

// String returns "below" or "at_or_below".
func (b Boundary) String() string { return boundaryWords.String(b, "Boundary") }

// MarshalText implements [encoding.TextMarshaler].
func (b Boundary) MarshalText() ([]byte, error) {
	if b > AtOrBelowLine {
		return nil, &ParseError{What: "boundary", Input: b.String(), Err: ErrUnknownWord}
	}
	return []byte(b.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (b *Boundary) UnmarshalText(t []byte) error {
	switch string(t) {
	case "below":
		*b = BelowLine
	case "at_or_below":
		*b = AtOrBelowLine
	default:
		return &ParseError{What: "boundary", Input: string(t), Err: ErrUnknownWord}
	}
	return nil
}

// Below reports whether income is below line under the boundary rule.
func (b Boundary) Below(income, line Money) bool {
	if b == AtOrBelowLine {
		return income <= line
	}
	return income < line
}

// Status is a household's poverty status in a year.
type Status uint8

// Statuses. The zero value is unset ("unknown"): no classification gives it.
const (
	// RegisteredPoor: on the registered poor list (建档立卡贫困户).
	RegisteredPoor Status = iota + 1
	// LiftedOut: registered and lifted out of poverty (脱贫户).
	LiftedOut
	// InMonitoringRange: never registered, income at or above the standard
	// (or no standard in force) but below the monitoring line: within the
	// monitoring range (监测范围). It is a fact about income, not a
	// decision: whether the household is a monitored marginal household
	// (边缘易致贫户, the risk package's "marginal") depends on its risks, and
	// the risk package's identification decides it. Before v0.1.0 this status
	// was called Marginal; "marginal" now means only the monitored category.
	InMonitoringRange
	// PoorUnregistered: never registered but income below the standard; a
	// possible omission (漏评) to verify.
	PoorUnregistered
	// NotPoor: never registered, income at or above the monitoring line.
	NotPoor
)

var statusWords = enum.New[Status](parseErr, "unknown", "registered_poor", "lifted_out", "in_monitoring_range", "poor_unregistered", "not_poor")

// String returns the stable word ("registered_poor", "lifted_out", ...).
func (s Status) String() string { return statusWords.String(s, "Status") }

// MarshalText implements [encoding.TextMarshaler].
func (s Status) MarshalText() ([]byte, error) { return statusWords.Marshal(s, "status") }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Status) UnmarshalText(b []byte) error {
	i, err := statusWords.Parse(b, "status")
	*s = Status(i)
	return err
}

// Code returns the reason code of the rule that gives the status
// ("status.in_monitoring_range").
func (s Status) Code() string { return "status." + s.String() }

// Lines are the two thresholds a status classification reads: the poverty
// standard and the monitoring line for the household's year and province,
// as [Table.Standard] and [Table.MonitoringLine] return them. From 2021 no
// standard is in force: Standard is then the zero Threshold and only the
// monitoring line decides.
type Lines struct {
	Standard   Threshold
	Monitoring Threshold
	Boundary   Boundary
}

// LinesFor looks up the standard and monitoring line for year and region.
// For a year in which no standard series is in force ([ErrNotInForce]) but a
// monitoring line is (2021 on: provinces set monitoring ranges,
// 中农组发〔2021〕7号), the standard is left zero; any other failure of
// either lookup is returned.
func (t *Table) LinesFor(year int, region Region, b Boundary, opts LookupOptions) (Lines, error) {
	std, err := t.Standard(year, region, opts)
	if err != nil && !errors.Is(err, ErrNotInForce) {
		return Lines{}, err
	}
	mon, err := t.MonitoringLine(year, region, opts)
	if err != nil {
		return Lines{}, err
	}
	return Lines{Standard: std, Monitoring: mon, Boundary: b}, nil
}

// Classification is the result of [Classify]: the status, the per-capita
// income it read, how that compares with each line, and the lines used.
// [Classification.Explain] turns it into a sentence for a case worker.
//
// Lines points to the [Lines] the classification was made with, the
// caller's own value: they are not copied (two thresholds of some 300 bytes
// each), so that classifying a household costs no more than the arithmetic.
// Keep them unchanged while the classification is explained. A
// Classification without Lines explains itself without the lines.
type Classification struct {
	Status Status `json:"status"`
	// Year is the accounting year whose annual income PerCapita is: the
	// calendar year of the household's accounts.
	Year          int    `json:"year"`
	PerCapita     Figure `json:"per_capita"`
	Residents     int    `json:"residents"`
	BelowStandard bool   `json:"below_standard"`
	BelowLine     bool   `json:"below_monitoring_line"`
	Lines         *Lines `json:"-"`
}

// String returns the short form, one line: the reason code and the figures
// that decide it, "status.in_monitoring_range: per-capita 5500.00
// disposable_income of 2020; standard 4000.00; monitoring line 6000.00"
// ([Classification.Explain] adds the rule and the sources).
func (c Classification) String() string {
	s := c.Status.Code() + ": per-capita " + c.PerCapita.String()
	if c.Year != 0 {
		s += " of " + itoa(c.Year)
	}
	if l := c.Lines; l != nil {
		if l.Standard.Kind != "" {
			s += "; standard " + l.Standard.Amount.String()
		} else {
			s += "; no standard in force"
		}
		if l.Monitoring.Kind != "" {
			s += "; monitoring line " + l.Monitoring.Amount.String()
		}
	}
	return s
}

// Explain returns the reason in words: the rule, the figure read and the
// lines as [Threshold.Cite] gives them (approximate and derived values say
// so, and each source carries its status).
func (c *Classification) Explain() string {
	r, _ := RuleFor(c.Status.Code())
	l := c.Lines
	if l == nil {
		l = &Lines{}
	}
	std, mon := "none in force", "none given"
	if l.Standard.Kind != "" {
		std = l.Standard.Cite()
	}
	if l.Monitoring.Kind != "" {
		mon = l.Monitoring.Cite()
	}
	if l.Standard.Kind != "" {
		if n := l.Standard.ConceptNote(c.PerCapita.Concept); n != "" {
			std += " (" + n + ")"
		}
	}
	if l.Monitoring.Kind != "" {
		if n := l.Monitoring.ConceptNote(c.PerCapita.Concept); n != "" {
			mon += " (" + n + ")"
		}
	}
	return fmt.Sprintf("%s: %s; per-capita income %s of %d (annual accounts) over %d resident members; standard %s; monitoring line %s; boundary %s; rule: %s",
		c.Status.Code(), r.Rule, c.PerCapita, c.Year, c.Residents, std, mon, l.Boundary, r.Provenance.Cite())
}

// Classify gives the household's status in its accounting year from its
// registration history and its per-capita income measured against the
// standard and the monitoring line. Registered households are
// RegisteredPoor or LiftedOut whatever their income (BelowStandard and
// BelowLine tell how they stand); others are PoorUnregistered,
// InMonitoringRange or NotPoor by income. Where Lines has no standard
// (years from 2021), a never-registered household below the monitoring
// line is InMonitoringRange, never PoorUnregistered. A status is a fact
// about income and registration, not a decision of the monitoring
// documents: which outcome a document names (a return to poverty, a newly
// poor household, a monitored category) is the risk package's
// identification, under the document in force on its date.
//
// Income and lines are compared under each line's concept policy
// ([Threshold.Compare]); a pairing the policy does not allow is
// [ErrConceptMismatch]. Errors are *[FieldError] with Op
// "poverty.Classify".
//
// Classify does not allocate unless it fails. [ClassifyIncome] classifies
// from counts and income components, without member records.
func Classify(h *Household, l *Lines) (Classification, error) {
	return classify("poverty.Classify", h.ID, h.Year, h.Registration, h.Residents(), &h.Income, h.Concept, l)
}

// ClassifyIncome is [Classify] for a batch program that holds a household's
// figures rather than its members: the accounting year, the registration
// history, the number of resident members (as [Household.Residents] counts
// them), the income by components and its concept. It applies the same
// rules with the same code, so that ClassifyIncome(h.Year, h.Registration,
// h.Residents(), h.Income, h.Concept, l) equals Classify(h, l), and it does
// not allocate unless it fails. Errors are *[FieldError] with Op
// "poverty.ClassifyIncome" and no record name (the caller knows which
// record it classified); a count of resident members below one is
// [ErrNoResidents].
func ClassifyIncome(year int, reg Registration, residents int, income Income, concept IncomeConcept, l *Lines) (Classification, error) {
	return classify("poverty.ClassifyIncome", "", year, reg, residents, &income, concept, l)
}

// classify is the one implementation of [Classify] and [ClassifyIncome].
func classify(op, rec string, year int, reg Registration, residents int, in *Income, concept IncomeConcept, l *Lines) (Classification, error) {
	pc, err := perCapita(op, rec, residents, in, concept)
	if err != nil {
		return Classification{}, err
	}
	hasStd := l.Standard.Kind != ""
	if hasStd && !l.Standard.admits(pc.Concept) {
		return Classification{}, &FieldError{Op: op, Record: rec, Field: "concept", Value: pc.Concept.String(), Err: l.Standard.mismatch(pc.Concept, "standard")}
	}
	if !l.Monitoring.admits(pc.Concept) {
		return Classification{}, &FieldError{Op: op, Record: rec, Field: "concept", Value: pc.Concept.String(), Err: l.Monitoring.mismatch(pc.Concept, "monitoring line")}
	}
	c := Classification{
		Year:          year,
		PerCapita:     pc,
		Residents:     residents,
		BelowStandard: hasStd && l.Boundary.Below(pc.Amount, l.Standard.Amount),
		BelowLine:     l.Boundary.Below(pc.Amount, l.Monitoring.Amount),
		Lines:         l,
	}
	switch {
	case reg.InPoorListOn(year):
		c.Status = RegisteredPoor
	case reg.LiftedOutBy(year):
		c.Status = LiftedOut
	case c.BelowStandard:
		c.Status = PoorUnregistered
	case c.BelowLine:
		c.Status = InMonitoringRange
	default:
		c.Status = NotPoor
	}
	return c, nil
}
