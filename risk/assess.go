package risk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/openfupin/fupin/internal/enum"
	"github.com/openfupin/fupin/poverty"
)

// WarningRule names one early-warning rule of [Assess]. The zero value is
// unknown (no rule). Its reason code is "warning." and its word
// ("warning.rigid_expenditure"): [WarningCheck.Code].
type WarningRule uint8

// Warning rules, in the order [Assess] evaluates them.
const (
	// RigidExpenditure: rigid expenditure over the window clearly exceeds
	// the previous year's household income (国开发〔2020〕6号, CONFIRMED; the
	// margin is the DEFAULT parameter rigid_excess).
	RigidExpenditure WarningRule = iota + 1
	// IncomeDrop: recent monthly income fell sharply (the trigger is
	// CONFIRMED in 国开发〔2020〕6号; how the fall is measured, against the
	// same months a year earlier, and its threshold are DEFAULT). It compares months, so it is NotEvaluated for a
	// household read from its annual income ([Assess]).
	IncomeDrop
	// MedicalOOPAmount: compliant out-of-pocket medical spending at or above
	// an amount (DEFAULT).
	MedicalOOPAmount
	// MedicalOOPShare: the same at or above a share of income (DEFAULT).
	MedicalOOPShare
	// GuaranteeLost: an event reports a guarantee item no longer secured.
	GuaranteeLost
	numWarningRules
)

// numChecks is the number of rules [Assess] evaluates: the length of
// [Assessment.Checks].
const numChecks = int(numWarningRules) - 1

var warningWords = enum.New[WarningRule](parseErr, "unknown", "rigid_expenditure", "income_drop", "medical_oop_amount",
	"medical_oop_share", "guarantee_lost")

// String returns the stable word ("rigid_expenditure", ...).
func (r WarningRule) String() string { return warningWords.String(r, "WarningRule") }

// code returns the reason code: "warning.rigid_expenditure".
func (r WarningRule) code() string { return "warning." + r.String() }

// MarshalText implements [encoding.TextMarshaler].
func (r WarningRule) MarshalText() ([]byte, error) {
	return warningWords.Marshal(r, "warning rule")
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (r *WarningRule) UnmarshalText(b []byte) error {
	i, err := warningWords.Parse(b, "warning rule")
	*r = i
	return err
}

// Outcome is the result of one rule. The zero value is unknown (the zero
// WarningCheck).
type Outcome uint8

// Outcomes.
const (
	// Clear: the rule was evaluated and did not fire.
	Clear Outcome = iota + 1
	// Triggered: the rule fired; the check is a warning.
	Triggered
	// NotEvaluated: an input the rule needs is missing (for example the
	// previous year's income); Missing says which. Never read as clear.
	NotEvaluated
)

var outcomeWords = enum.New[Outcome](parseErr, "unknown", "clear", "triggered", "not_evaluated")

// String returns "clear", "triggered" or "not_evaluated".
func (o Outcome) String() string { return outcomeWords.String(o, "Outcome") }

// MarshalText implements [encoding.TextMarshaler].
func (o Outcome) MarshalText() ([]byte, error) { return outcomeWords.Marshal(o, "outcome") }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (o *Outcome) UnmarshalText(b []byte) error {
	i, err := outcomeWords.Parse(b, "outcome")
	*o = i
	return err
}

// WarningCheck is the result of one warning rule in an [Assessment]: what
// it read, what it compared it with, the parameter applied (with its
// source) and the outcome. A triggered WarningCheck is a warning.
// [WarningCheck.String] is one line (code, outcome, deciding figure);
// [WarningCheck.Explain] builds the full sentence for a case worker, only
// when asked for.
//
// The zero WarningCheck is an unknown rule with an unknown outcome.
type WarningCheck struct {
	Rule    WarningRule `json:"rule"`
	Outcome Outcome     `json:"outcome"`
	// Observed is the figure the rule read: rigid expenditure, the projected
	// recent monthly income, compliant out-of-pocket medical spending.
	Observed poverty.Money `json:"observed"`
	// Reference is what it was compared with: the previous year's income,
	// the earlier monthly average, the window's household income.
	Reference poverty.Money `json:"reference"`
	// Share is Observed as a share of Reference where the rule reads a share
	// (income drop, medical share), rounded down to whole parts per million.
	Share poverty.Rate `json:"share,omitempty"`
	// Lost holds the guarantee items reported lost (guarantee_lost).
	Lost GuaranteeSet `json:"lost,omitempty"`
	// Param is the parameter that decided the rule; zero (and absent from
	// JSON) for guarantee_lost, which has none.
	Param Param `json:"param,omitzero"`
	// RecentMonths is, for income_drop, how many of the last months of the
	// window were compared: with the same months a year earlier when
	// YearEarlier is set, otherwise with the EarlierMonths before them
	// (together the monitoring window, [poverty.TrailingWindow]).
	RecentMonths  int `json:"recent_months,omitempty"`
	EarlierMonths int `json:"earlier_months,omitempty"`
	// YearEarlier is set when income_drop compared the recent months with
	// the same months a year earlier, which the records held: a comparison
	// that seasonal incomes (a harvest, migrants home for the new year) do
	// not fire.
	YearEarlier bool `json:"year_earlier,omitempty"`
	// Missing names the missing input when Outcome is NotEvaluated.
	Missing string `json:"missing,omitempty"`
	// AnnualYear is, for a check that reads income (rigid_expenditure,
	// income_drop, medical_oop_share) of a household with no monthly
	// records, the calendar year of the annual income it read instead
	// (rule warning.annual_income); 0 when it read the monthly records of
	// the window. The reason says so ([WarningCheck.Explain]); income_drop,
	// which compares months, is then NotEvaluated.
	AnnualYear int `json:"annual_year,omitempty"`
}

// Code returns the rule's reason code: "warning.rigid_expenditure", ...
func (c WarningCheck) Code() string { return c.Rule.code() }

// String returns the check in one line: the reason code, the outcome and
// the deciding figure against what it was compared with, such as
// "warning.medical_oop_amount triggered: 10500.00 >= 10000.00".
func (c WarningCheck) String() string {
	s := c.Code() + " " + c.Outcome.String()
	switch {
	case c.Outcome == NotEvaluated:
		return s + ": missing " + c.Missing
	case c.Rule == RigidExpenditure:
		return s + ": " + c.Observed.String() + " against " + c.Param.Value() + " x " + c.Reference.String()
	case c.Rule == IncomeDrop && c.YearEarlier:
		return s + ": fall " + c.Share.Percent() + " on a year earlier (" + c.Param.Value() + ")"
	case c.Rule == IncomeDrop:
		return s + ": fall " + c.Share.Percent() + " within the window (" + c.Param.Value() + ")"
	case c.Rule == MedicalOOPAmount:
		return s + ": " + c.Observed.String() + " (" + c.Param.Value() + ")"
	case c.Rule == MedicalOOPShare:
		return s + ": share " + c.Share.Percent() + " (" + c.Param.Value() + ")"
	case c.Rule == GuaranteeLost:
		return s + ": lost " + c.Lost.String()
	}
	return s
}

// Explain returns the check as a sentence: rule code, outcome, inputs,
// parameter and sources.
func (c WarningCheck) Explain() string {
	r, _ := RuleFor(c.Code())
	s := c.Code() + " " + c.Outcome.String() + ": " + r.Rule + "; "
	annual := c.AnnualYear != 0
	switch {
	case c.Rule == RigidExpenditure && annual && c.Outcome == NotEvaluated:
		s += fmt.Sprintf("rigid expenditure %s; income on record: the %s, not the previous year", c.Observed, annualReading(c.AnnualYear))
	case c.Rule == RigidExpenditure && annual:
		s += fmt.Sprintf("rigid expenditure %s against previous year's income %s, read from the %s", c.Observed, c.Reference, annualReading(c.AnnualYear))
	case c.Rule == RigidExpenditure:
		s += fmt.Sprintf("rigid expenditure %s against previous year's income %s", c.Observed, c.Reference)
	case c.Rule == IncomeDrop && annual:
		s += fmt.Sprintf("average monthly income of the last %d months against the %d months before; income on record: the %s",
			c.RecentMonths, c.EarlierMonths, annualReading(c.AnnualYear))
	case c.Rule == IncomeDrop && c.YearEarlier:
		s += fmt.Sprintf("average monthly income of the last %d months (projected) %s against %s in the same %d months a year earlier, fall %s",
			c.RecentMonths, c.Observed, c.Reference, c.RecentMonths, c.Share.Percent())
	case c.Rule == IncomeDrop:
		s += fmt.Sprintf("average monthly income of the last %d months (projected) %s against %s in the %d months before, fall %s (the same months a year earlier are not on record: a within-window comparison, which seasonal incomes can fire)",
			c.RecentMonths, c.Observed, c.Reference, c.EarlierMonths, c.Share.Percent())
	case c.Rule == MedicalOOPAmount:
		s += fmt.Sprintf("compliant out-of-pocket medical spending %s", c.Observed)
	case c.Rule == MedicalOOPShare && annual:
		s += fmt.Sprintf("compliant out-of-pocket medical spending %s against income %s, share %s, read from the %s",
			c.Observed, c.Reference, c.Share.Percent(), annualReading(c.AnnualYear))
	case c.Rule == MedicalOOPShare:
		s += fmt.Sprintf("compliant out-of-pocket medical spending %s against window income %s, share %s", c.Observed, c.Reference, c.Share.Percent())
	case c.Rule == GuaranteeLost:
		s += "items reported lost: " + c.Lost.String()
	}
	if c.Missing != "" {
		s += "; not evaluated: " + c.Missing
	}
	if c.Param.ID != "" {
		s += "; parameter " + c.Param.Cite()
	}
	if annual {
		s += "; income reading " + annualRuleCite("warning.annual_income")
	}
	return s + "; rule source: " + r.Cite()
}

// Assessment is the result of [Assess]: the figures read from the household
// and its events, and one [WarningCheck] per warning rule
// ([Assessment.Checks], in [WarningRule] order). It holds no pointers to
// the input and allocates nothing; warnings are the triggered checks
// ([Assessment.Warnings]). [Assessment.String] is one line,
// [WarningCheck.Explain] the full reasons.
//
// The zero Assessment has no checks and no warnings.
type Assessment struct {
	HouseholdID string         `json:"household_id"`
	On          poverty.Date   `json:"on"`
	Window      poverty.Window `json:"window"`
	Residents   int            `json:"residents"`
	// WindowIncome is the household's income over the monitoring window,
	// from its monthly records; for a household with no monthly records,
	// the annual income of calendar year AnnualYear, which the checks read
	// in its place ([Assess]).
	WindowIncome poverty.Money `json:"window_income"`
	// AnnualYear is 0 when the figures come from the monthly records of
	// Window; otherwise the household had no monthly records and the
	// figures are its annual income of that calendar year (rule
	// warning.annual_income), as [Assessment.IncomeLabel] says.
	AnnualYear int `json:"annual_year,omitempty"`
	// PerCapita is WindowIncome per resident member, in the household's
	// income concept, rounded as [poverty.PerCapitaRounding].
	PerCapita poverty.Figure `json:"per_capita"`
	// PreviousYearIncome is the household's income in the calendar year
	// before On; PreviousKnown says whether it could be read.
	PreviousYearIncome poverty.Money `json:"previous_year_income"`
	PreviousKnown      bool          `json:"previous_known"`

	MedicalOOP   poverty.Money `json:"medical_oop"`   // compliant out-of-pocket medical spending in the window
	SchoolCosts  poverty.Money `json:"school_costs"`  // school costs in the window
	DisasterLoss poverty.Money `json:"disaster_loss"` // disaster losses in the window
	Rigid        poverty.Money `json:"rigid"`         // MedicalOOP + SchoolCosts + DisasterLoss
	Lost         GuaranteeSet  `json:"lost"`          // guarantee items reported lost in the window
	// Severe reports a severe event in the window (serious illness, major
	// disaster); SevereGuaranteeFailure reports a guarantee item lost on or
	// after it: the condition under which the Xinjiang scheme shows red
	// whatever the income ([TierInput].SevereGuaranteeFailure).
	Severe                 bool `json:"severe"`
	SevereGuaranteeFailure bool `json:"severe_then_lost"`
	// Factors are the risk factors the events point to: factors named in
	// applications and visits, disaster hazards, illness for a severe claim
	// or a medical warning, unstable employment for a lost job.
	Factors FactorSet `json:"factors"`
	// Events is the number of events that fell in the window.
	Events int `json:"events"`
	// EventsAfter is the number of events dated after On, which an as-of
	// assessment leaves out ([Assess]): a feed replayed as of a date may
	// hold later events, and they are counted here rather than read or
	// refused.
	EventsAfter int `json:"events_after"`

	checks [numChecks]WarningCheck
	n      uint8 // number of checks evaluated: 0 or numChecks
}

// assessmentJSON is the JSON form of an Assessment: its fields and "checks".
type assessmentJSON struct {
	assessmentFields
	Checks []WarningCheck `json:"checks"`
}

type assessmentFields Assessment

// MarshalJSON encodes the assessment with its checks under "checks".
func (a Assessment) MarshalJSON() ([]byte, error) {
	return json.Marshal(assessmentJSON{assessmentFields: assessmentFields(a), Checks: a.Checks()})
}

// UnmarshalJSON decodes what MarshalJSON encodes: the checks must be none
// or one per rule in rule order. JSON null leaves a unchanged.
func (a *Assessment) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	var w assessmentJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return &poverty.FieldError{Op: "risk.Assessment.UnmarshalJSON", Record: "assessment", Field: "json", Err: fmt.Errorf("%w: %w", poverty.ErrSyntax, err)}
	}
	v := Assessment(w.assessmentFields)
	if len(w.Checks) != 0 && len(w.Checks) != numChecks {
		return &poverty.FieldError{Op: "risk.Assessment.UnmarshalJSON", Record: "assessment " + v.HouseholdID, Field: "checks", Value: fmt.Sprint(len(w.Checks)), Err: poverty.ErrRange}
	}
	for i, c := range w.Checks {
		if c.Rule != WarningRule(i+1) {
			return &poverty.FieldError{Op: "risk.Assessment.UnmarshalJSON", Record: "assessment " + v.HouseholdID, Field: fmt.Sprintf("checks[%d].rule", i), Value: c.Rule.String(), Err: poverty.ErrRange}
		}
		v.checks[i] = c
	}
	v.n = uint8(len(w.Checks))
	*a = v
	return nil
}

// Checks returns the checks, one per rule in [WarningRule] order
// (Checks()[r-1] is rule r); none for the zero Assessment. The slice
// shares the assessment's storage: it is valid while a is, and Checks
// does not allocate.
func (a *Assessment) Checks() []WarningCheck { return a.checks[:a.n] }

// Lookup returns the check of the rule, and whether the assessment has
// one: false for the zero Assessment and an unknown rule.
func (a *Assessment) Lookup(r WarningRule) (WarningCheck, bool) {
	if r == 0 || int(r) > int(a.n) {
		return WarningCheck{}, false
	}
	return a.checks[r-1], true
}

// triggered reports whether the rule fired.
func (a *Assessment) triggered(r WarningRule) bool {
	c, _ := a.Lookup(r)
	return c.Outcome == Triggered
}

// NumWarnings returns the number of triggered checks, without allocating.
func (a *Assessment) NumWarnings() int {
	n := 0
	for _, c := range a.Checks() {
		if c.Outcome == Triggered {
			n++
		}
	}
	return n
}

// Warnings returns the triggered checks, in rule order (nil when none
// fired). To count or scan them without allocating, range over
// [Assessment.Checks].
func (a *Assessment) Warnings() []WarningCheck {
	var out []WarningCheck
	for _, c := range a.Checks() {
		if c.Outcome == Triggered {
			out = append(out, c)
		}
	}
	return out
}

// String returns the assessment in one line: the household, the date, the
// per-capita income and the codes of the triggered rules, such as
// "weixian-fu 2020-05-20: per capita 5400.00 disposable_income; warnings
// warning.medical_oop_amount, warning.medical_oop_share", followed by
// "; 2 events after 2020-05-20 left out" when [Assessment.EventsAfter] is
// not zero. An income read from an annual record names its year: "per
// capita 5400.00 disposable_income, calendar year 2020 (annual record)".
func (a Assessment) String() string {
	s := a.HouseholdID + " " + a.On.String() + ": per capita " + a.PerCapita.String()
	if a.AnnualYear != 0 {
		s += ", " + annualLabel(a.AnnualYear)
	} else if a.Window != (poverty.Window{}) {
		s += " over " + a.Window.From.String() + ".." + a.Window.To.String()
	}
	s += "; warnings"
	sep := " "
	for _, c := range a.Checks() {
		if c.Outcome == Triggered {
			s += sep + c.Code()
			sep = ", "
		}
	}
	if sep == " " {
		s += " none"
	}
	return s + a.afterNote()
}

// afterNote returns "; N event(s) after DATE left out", or "" when no
// event was left out.
func (a *Assessment) afterNote() string {
	switch a.EventsAfter {
	case 0:
		return ""
	case 1:
		return "; 1 event after " + a.On.String() + " left out"
	}
	return "; " + strconv.Itoa(a.EventsAfter) + " events after " + a.On.String() + " left out"
}

// Assess runs the early-warning rules over a household and the events of
// the monitoring window before on ([poverty.TrailingWindow], the 12 months
// before on's month) as of on: events from the first day of the window to
// on inclusive count; earlier events are ignored; events dated after on are
// left out unread (not even validated) and counted in
// [Assessment.EventsAfter], so that a feed can be replayed as of any date
// without filtering it first. A caller that wants later events refused
// checks EventsAfter != 0.
//
// The household must have a monthly income for every month of the window
// ([poverty.ErrIncompleteWindow] otherwise: a gap is never read as zero
// income, nor filled from the annual income) and at least one resident
// member. The previous year's income is the household's annual Income when
// its Year is on's year minus one, otherwise the sum of its monthly incomes
// of that calendar year; when neither is available the rigid-expenditure
// rule is NotEvaluated.
//
// A household with no monthly record at all is assessed on its annual
// income (Income of Year; rule warning.annual_income, DEFAULT) when Year is
// on's year or the year before, the calendar years a window before on can
// reach (the rule of [Identify]). Another year, Year 0 included, is a
// *[poverty.FieldError] on field "year" wrapping [poverty.ErrRange] (an
// annual income of 2018 says nothing about an assessment on 2020-09-01);
// an Income that is all zero is no record ([poverty.ErrMissing], field
// "income"), never zero income. The annual figure is read as what it is,
// the income of that calendar year, never as the window's and never split
// into months: WindowIncome and PerCapita are the year's, and AnnualYear,
// every check that reads income ([WarningCheck].AnnualYear),
// [Assessment.String] and [Assessment.IncomeLabel] say so. Rigid
// expenditure runs when the year is on's year minus one (the previous
// year's income) and is NotEvaluated otherwise; out-of-pocket spending
// runs against the annual income; income drop, which compares months
// within the window, is NotEvaluated (not assessable: Missing says that
// monthly incomes are needed), never guessed from the year's total. Events
// are read over the window as for any household.
//
// Rules, in order (see [WarningRule]): rigid expenditure (compliant
// out-of-pocket medical spending + school costs + disaster losses) above
// p.RigidExcess times the previous year's income; income drop (the average
// of the last p.IncomeDropRecentMonths months, adjusted by employment events
// of on's month not yet in the records, at least p.IncomeDropShare below
// the average of the same months a year earlier, when the records hold
// them, so that seasonal incomes (farm income after a harvest, migrants
// home for the new year) do not fire it; otherwise below the average of
// the earlier months of the window, a within-window comparison that a
// seasonal income can fire, which the reason says; p.IncomeDropShare is a
// library default, not a national rule);
// out-of-pocket medical spending at or
// above p.MedicalOOPAmount, or at or above p.MedicalOOPShare of the window's
// income; a guarantee item reported lost. Civil-affairs decisions (dibao,
// tekun, assistance paid) and enrolments without costs fire no rule by
// themselves; any event can report guarantee items lost. A nil p uses
// [DefaultParams].
//
// Assess is pure, safe for concurrent use and allocation-free unless it
// fails; explanations are built only by [WarningCheck.Explain].
func Assess(h *poverty.Household, events []Event, on poverty.Date, p *Params) (Assessment, error) {
	if p == nil {
		d := defaultParams()
		p = &d
	}
	var a Assessment
	if h == nil {
		return a, &poverty.FieldError{Op: "risk.Assess", Record: "", Field: "household", Err: poverty.ErrMissing}
	}
	if on.IsZero() {
		return a, &poverty.FieldError{Op: "risk.Assess", Record: h.ID, Field: "on", Err: poverty.ErrMissing}
	}
	a.HouseholdID, a.On = h.ID, on
	w := poverty.TrailingWindow(on)
	a.Window = w
	a.Residents = h.Residents()
	if a.Residents == 0 {
		return a, &poverty.FieldError{Op: "risk.Assess", Record: h.ID, Field: "members", Err: poverty.ErrNoResidents}
	}
	if err := use("risk.Assess", &p.RigidExcess, &p.IncomeDropShare, &p.IncomeDropRecentMonths, &p.MedicalOOPAmount, &p.MedicalOOPShare); err != nil {
		return a, err
	}
	months := w.Months()
	k := p.IncomeDropRecentMonths.Count
	if k < 1 || k >= months {
		return a, &poverty.FieldError{Op: "risk.Assess", Record: "params income_drop_recent_months", Field: "value", Value: p.IncomeDropRecentMonths.Value(), Err: poverty.ErrRange}
	}
	var recent, earlier, prior poverty.Money
	var priorKnown bool
	var err error
	annual := len(h.Monthly) == 0
	if annual {
		if a.WindowIncome, err = annualIncome("risk.Assess", h, on); err != nil {
			return a, err
		}
		a.AnnualYear = h.Year
	} else {
		if recent, earlier, err = windowTotals(h, w, k); err != nil {
			return a, err
		}
		prior, priorKnown = yearEarlierTotal(h, w.To, k)
		a.WindowIncome = recent + earlier // both within ±maxWindowMonths×4×MaxAmount: no overflow
	}
	pc, err := a.WindowIncome.Div(int64(a.Residents), poverty.PerCapitaRounding)
	if err != nil {
		field := "monthly"
		if annual {
			field = "income"
		}
		return a, &poverty.FieldError{Op: "risk.Assess", Record: h.ID, Field: field, Err: err}
	}
	a.PerCapita = poverty.Figure{Amount: pc, Concept: h.Concept}
	a.PreviousYearIncome, a.PreviousKnown = previousYearIncome(h, on.Year()-1)

	// Events.
	start, _ := poverty.DateOf(w.From.Year(), w.From.Month(), 1)
	var adj poverty.Money // change of monthly income from employment events not yet in the records
	var severeFrom poverty.Date
	for i := range events {
		ev := &events[i]
		if ev.Date.After(on) {
			a.EventsAfter++
			continue
		}
		if ev.Date.Before(start) {
			continue
		}
		if err := ev.validate("risk.Assess", i); err != nil {
			return a, err
		}
		a.Events++
		var sum [3]poverty.Money
		switch ev.Kind {
		case MedicalClaim:
			sum[0] = ev.OutOfPocket
			if ev.Severe {
				a.Factors = a.Factors.with(Illness)
			}
		case DisasterEvent:
			sum[2] = ev.Loss
			a.Factors = a.Factors.with(ev.Hazard)
		case EducationEvent:
			sum[1] = ev.Amount
		case Employment:
			if ev.Date.YearMonth() > w.To {
				var d poverty.Money
				switch ev.Action {
				case JobLost:
					d = -ev.PreviousWage
				case JobFound:
					d = ev.Wage
				case WageChange:
					d = ev.Wage - ev.PreviousWage
				}
				if adj, err = adj.Add(d); err != nil {
					return a, &EventError{Op: "risk.Assess", Index: i, Kind: ev.Kind, Ref: ev.Ref, Field: "wage", Err: err}
				}
			}
			if ev.Action == JobLost {
				a.Factors = a.Factors.with(UnstableEmployment)
			}
		case HouseholdApplication, CadreVisitEvent:
			a.Factors |= ev.Factors
		}
		if a.MedicalOOP, err = a.MedicalOOP.Add(sum[0]); err == nil {
			if a.SchoolCosts, err = a.SchoolCosts.Add(sum[1]); err == nil {
				a.DisasterLoss, err = a.DisasterLoss.Add(sum[2])
			}
		}
		if err != nil {
			return a, &EventError{Op: "risk.Assess", Index: i, Kind: ev.Kind, Ref: ev.Ref, Field: "amount", Err: err}
		}
		if ev.Severe && (ev.Kind == MedicalClaim || ev.Kind == DisasterEvent) {
			if !a.Severe || ev.Date.Before(severeFrom) {
				severeFrom = ev.Date
			}
			a.Severe = true
		}
		a.Lost |= ev.Lost
	}
	if a.Severe {
		for i := range events {
			ev := &events[i]
			if ev.Lost != 0 && !ev.Date.Before(severeFrom) && !ev.Date.Before(start) && !ev.Date.After(on) {
				a.SevereGuaranteeFailure = true
			}
		}
	}
	if a.Rigid, err = poverty.Sum(a.MedicalOOP, a.SchoolCosts, a.DisasterLoss); err != nil {
		return a, &poverty.FieldError{Op: "risk.Assess", Record: h.ID, Field: "events", Err: err}
	}

	// Rule 1: rigid expenditure against the previous year's income.
	a.n = uint8(numChecks)
	c := &a.checks[RigidExpenditure-1]
	*c = WarningCheck{Rule: RigidExpenditure, Observed: a.Rigid, Reference: a.PreviousYearIncome, Param: p.RigidExcess, AnnualYear: a.AnnualYear}
	if !a.PreviousKnown {
		c.Outcome, c.Missing = NotEvaluated, "previous year's income (annual income of that year, or its 12 monthly incomes)"
	} else {
		limit, err := a.PreviousYearIncome.MulRate(p.RigidExcess.Rate, poverty.RoundHalfUp)
		if err != nil {
			return a, &poverty.FieldError{Op: "risk.Assess", Record: h.ID, Field: "income", Err: err}
		}
		c.Outcome = outcome(a.Rigid > limit && a.Rigid > 0)
	}

	// Rule 2: income drop.
	c = &a.checks[IncomeDrop-1]
	*c = WarningCheck{Rule: IncomeDrop, Param: p.IncomeDropShare, RecentMonths: k, EarlierMonths: months - k, AnnualYear: a.AnnualYear}
	n := int64(k) * int64(months-k)
	ra, err1 := recent.Mul(int64(months - k))
	rb, err2 := adj.Mul(n)
	base, err3 := earlier.Mul(int64(k))
	proj, err4 := ra.Add(rb)
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
		return a, &poverty.FieldError{Op: "risk.Assess", Record: h.ID, Field: "monthly", Err: poverty.ErrOverflow}
	}
	switch {
	case annual:
		// Not assessable: the rule compares months, and the year is not
		// split into months (warning.annual_income).
		c.Outcome, c.Missing = NotEvaluated, missingMonths
	case priorKnown && prior > 0:
		// The same months a year earlier: proj/n against prior/k, that is
		// proj against prior*(months-k).
		c.YearEarlier, c.EarlierMonths = true, 0
		yb, err := prior.Mul(int64(months - k))
		if err != nil {
			return a, &poverty.FieldError{Op: "risk.Assess", Record: h.ID, Field: "monthly", Err: poverty.ErrOverflow}
		}
		c.Observed, _ = proj.Div(n, poverty.RoundHalfUp)
		c.Reference, _ = prior.Div(int64(k), poverty.RoundHalfUp)
		fall, err := poverty.MoneyRatio(yb-proj, yb, poverty.RoundDown)
		if err != nil {
			return a, &poverty.FieldError{Op: "risk.Assess", Record: h.ID, Field: "monthly", Err: err}
		}
		c.Share = fall
		c.Outcome = outcome(fall >= p.IncomeDropShare.Rate)
	case base <= 0:
		c.Observed, _ = proj.Div(n, poverty.RoundHalfUp)
		c.Reference, _ = earlier.Div(int64(months-k), poverty.RoundHalfUp)
		c.Outcome, c.Missing = NotEvaluated, "income in the earlier months of the window (none to fall from)"
	default:
		c.Observed, _ = proj.Div(n, poverty.RoundHalfUp)
		c.Reference, _ = earlier.Div(int64(months-k), poverty.RoundHalfUp)
		fall, err := poverty.MoneyRatio(base-proj, base, poverty.RoundDown)
		if err != nil {
			return a, &poverty.FieldError{Op: "risk.Assess", Record: h.ID, Field: "monthly", Err: err}
		}
		c.Share = fall
		c.Outcome = outcome(fall >= p.IncomeDropShare.Rate)
	}

	// Rules 3 and 4: compliant out-of-pocket medical spending.
	c = &a.checks[MedicalOOPAmount-1]
	*c = WarningCheck{Rule: MedicalOOPAmount, Observed: a.MedicalOOP, Reference: p.MedicalOOPAmount.Amount, Param: p.MedicalOOPAmount,
		Outcome: outcome(a.MedicalOOP > 0 && a.MedicalOOP >= p.MedicalOOPAmount.Amount)}
	c = &a.checks[MedicalOOPShare-1]
	*c = WarningCheck{Rule: MedicalOOPShare, Observed: a.MedicalOOP, Reference: a.WindowIncome, Param: p.MedicalOOPShare, AnnualYear: a.AnnualYear}
	if a.WindowIncome <= 0 {
		c.Outcome = outcome(a.MedicalOOP > 0)
	} else {
		share, err := poverty.MoneyRatio(a.MedicalOOP, a.WindowIncome, poverty.RoundDown)
		if err != nil {
			return a, &poverty.FieldError{Op: "risk.Assess", Record: h.ID, Field: "events", Err: err}
		}
		c.Share = share
		c.Outcome = outcome(a.MedicalOOP > 0 && share >= p.MedicalOOPShare.Rate)
	}
	if a.checks[MedicalOOPAmount-1].Outcome == Triggered || c.Outcome == Triggered {
		a.Factors = a.Factors.with(Illness)
	}

	// Rule 5: a guarantee item lost.
	a.checks[GuaranteeLost-1] = WarningCheck{Rule: GuaranteeLost, Lost: a.Lost, Outcome: outcome(a.Lost != 0)}
	return a, nil
}

// missingMonths is the Missing text of income_drop for a household with no
// monthly records.
const missingMonths = "monthly incomes of the window (not assessable from an annual income: the rule compares the last months with the months before, and the year is not split into months)"

func outcome(fired bool) Outcome {
	if fired {
		return Triggered
	}
	return Clear
}

// maxWindowMonths bounds the monitoring window, as for [poverty.SumWindow].
const maxWindowMonths = 120

// windowTotals returns the household's income over the window w (the
// monitoring window, [poverty.TrailingWindow]) from its monthly records,
// split into the last k months and the months before them. Every month
// must be present exactly once, as for [poverty.SumWindow] (whose sentinels
// it reports); it sums monthly totals instead of components, which is the
// same figure and twice as fast on the hot path. At most maxWindowMonths
// totals within ±4×MaxAmount cannot overflow an int64.
func windowTotals(h *poverty.Household, w poverty.Window, k int) (recent, earlier poverty.Money, err error) {
	months := w.Months()
	if months < 1 || months > maxWindowMonths {
		return 0, 0, &poverty.FieldError{Op: "risk.Assess", Record: h.ID, Field: "window", Value: w.From.String() + ".." + w.To.String(), Err: poverty.ErrRange}
	}
	var seen [maxWindowMonths]bool
	n := 0
	split := w.To.Add(1 - k)
	for i := range h.Monthly {
		m := &h.Monthly[i]
		if !w.Contains(m.Month) {
			continue
		}
		if seen[m.Month-w.From] {
			err = poverty.ErrDuplicate
			break
		}
		seen[m.Month-w.From] = true
		n++
		t, terr := m.Income.Total()
		if terr != nil {
			err = terr
			break
		}
		if m.Month >= split {
			recent += t
		} else {
			earlier += t
		}
	}
	if err == nil && n != months {
		err = poverty.ErrIncompleteWindow
	}
	if err != nil {
		return 0, 0, &poverty.FieldError{Op: "risk.Assess", Record: h.ID, Field: "monthly", Value: w.From.String() + ".." + w.To.String(), Err: err}
	}
	return recent, earlier, nil
}

// yearEarlierTotal returns the household's income in the k months that
// end twelve months before last, each on record exactly once; false when
// any is missing, repeated or invalid (the rule then compares within the
// window).
func yearEarlierTotal(h *poverty.Household, last poverty.YearMonth, k int) (poverty.Money, bool) {
	w := poverty.Window{From: last.Add(-11 - k), To: last.Add(-12)}
	var seen [maxWindowMonths]bool
	var sum poverty.Money
	n := 0
	for i := range h.Monthly {
		m := &h.Monthly[i]
		if !w.Contains(m.Month) {
			continue
		}
		if seen[m.Month-w.From] {
			return 0, false
		}
		seen[m.Month-w.From] = true
		t, err := m.Income.Total()
		if err != nil {
			return 0, false
		}
		if sum, err = sum.Add(t); err != nil {
			return 0, false
		}
		n++
	}
	return sum, n == k
}

// previousYearIncome returns the household's income in year: its annual
// Income when h.Year is year, otherwise the sum of its twelve monthly
// incomes of that calendar year, if all are present.
func previousYearIncome(h *poverty.Household, year int) (poverty.Money, bool) {
	if h.Year == year {
		t, err := h.Income.Total()
		return t, err == nil
	}
	in, err := poverty.SumWindow(h.Monthly, poverty.Window{
		From: poverty.YearMonthOf(year, time.January), To: poverty.YearMonthOf(year, time.December)})
	if err != nil {
		return 0, false
	}
	t, err := in.Total()
	return t, err == nil
}
