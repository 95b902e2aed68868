package risk

import (
	"fmt"
	"strings"

	"github.com/openfupin/fupin/poverty"
)

// EliminationInput is what [EliminationTest] reads. Case, Household and On
// are required. The zero values of the optional fields mean: the
// monitoring line from [poverty.Default] for On's year and the household's
// province, strict lookups, the [poverty.BelowLine] boundary, nothing
// verified about the guarantees (so the test fails), no factor resolved
// (so it fails), no new factor and no assessment.
type EliminationInput struct {
	Case      *Case
	Household *poverty.Household
	// On is the date of the test; the stable months are the months before
	// On's month.
	On       poverty.Date
	Line     *poverty.Threshold
	Table    *poverty.Table
	Lookup   poverty.LookupOptions
	Boundary poverty.Boundary
	// Guarantees as verified at the home visit (入户核查).
	Guarantees poverty.Guarantees
	// Resolved are the case's factors verified as resolved or disappeared.
	Resolved FactorSet
	// New are risk factors found since the case opened.
	New FactorSet
	// Assessment is the latest department assessment, if any; any warning
	// in it is a new risk.
	Assessment *Assessment
}

// EliminationResult is the outcome of [EliminationTest], with every
// criterion. Pass it to [Case.Eliminate] when Pass is true. The zero
// EliminationResult does not pass.
type EliminationResult struct {
	CaseID      string              `json:"case_id"`
	HouseholdID string              `json:"household_id"`
	On          poverty.Date        `json:"on"`
	Pass        bool                `json:"pass"`
	Route       Route               `json:"route"`
	Line        poverty.Threshold   `json:"line"`
	Stable      Param               `json:"stable_months"`
	Criteria    []poverty.Criterion `json:"criteria"`
}

// Failed returns the criteria that did not pass.
func (r *EliminationResult) Failed() []poverty.Criterion {
	var out []poverty.Criterion
	for _, c := range r.Criteria {
		if !c.Pass {
			out = append(out, c)
		}
	}
	return out
}

// String returns the outcome in one line: the case, the date, pass or
// fail with the route, and the codes of the criteria that failed, such as
// "case-1 2020-12-10: fail (after_assistance): elimination.income_stable".
func (r *EliminationResult) String() string {
	s := r.CaseID + " " + r.On.String() + ": "
	if r.Pass {
		return s + "pass (" + r.Route.String() + ")"
	}
	s += "fail (" + r.Route.String() + "):"
	sep := " "
	for _, c := range r.Criteria {
		if !c.Pass {
			s += sep + c.Code
			sep = ", "
		}
	}
	return s
}

// Explain returns the outcome and every criterion, one per line.
func (r *EliminationResult) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "case %s on %s: pass %t, route %s", r.CaseID, r.On, r.Pass, r.Route)
	for _, c := range r.Criteria {
		fmt.Fprintf(&b, "\n  %s %t: %s", c.Code, c.Pass, c.Input)
		if c.Param != "" {
			b.WriteString("; " + c.Param)
		}
	}
	return b.String()
}

// EliminationTest applies the risk-elimination test (风险消除) to an open
// case; every criterion is evaluated and reported, even after one fails:
//
//   - elimination.income_stable: for each of the p.StableMonths months
//     before On's month (DEFAULT six, following 枞阳县's county rule; a
//     national period is UNCONFIRMED), the per-capita income of the
//     monitoring window ending in that month ([poverty.TrailingWindow], 12
//     months) is above the monitoring line of On's year. Missing monthly
//     records fail the criterion and say which window was incomplete; a
//     gap is never filled from the annual income. A household with no
//     monthly record at all and an annual income (Income of Year, On's
//     year or the year before, as for [Assess]) is read on that income (rule
//     elimination.annual_income, DEFAULT): the input names the method
//     ("annual income of 2020, 12 months not recorded: calendar year 2020
//     (annual record)") and the per-capita figure against the line, and the
//     criterion does not pass whatever the figure: stability over the
//     months is a necessary condition (Hainan FAQ, 2021-12: not with
//     unstable income; 枞阳县: half a year), one annual total cannot show
//     it, and a necessary condition that cannot be assessed must not pass.
//     Such a household is not marked eliminated until monthly incomes are
//     recorded. A household with no income recorded at all (no months,
//     Year 0 and an all-zero Income) fails the criterion as before, naming
//     the incomplete windows.
//   - elimination.guarantees: food, clothing, education, medical care,
//     housing and drinking water all Secured.
//   - elimination.original_risk_resolved: every factor of the case is in
//     Resolved.
//   - elimination.no_new_risk: no New factor and no warning in Assessment.
//   - elimination.labour_capacity: a household with no member able to work
//     whose measures are all safety-net measures is not marked eliminated
//     (Hainan FAQ, 2021-12: keep tracking).
//
// The route is after assistance when the case has measures, naturally
// otherwise. A nil p uses [DefaultParams]. Errors: missing inputs, an
// absent or UNCONFIRMED p.StableMonths (*[poverty.FieldError] naming
// stable_months), a closed
// case ([ErrTerminal]), a line that cannot be looked up, different income
// concepts, and, for a household with no monthly records and an annual
// income, a Year other than On's or the year before (field "year",
// [poverty.ErrRange]; Year 0 with an income included), an all-zero Income
// with a Year (field "income", [poverty.ErrMissing]) or no resident
// member.
func EliminationTest(in EliminationInput, p *Params) (EliminationResult, error) {
	if p == nil {
		d := defaultParams()
		p = &d
	}
	c, h := in.Case, in.Household
	if c == nil || len(c.log) == 0 {
		return EliminationResult{}, &poverty.FieldError{Op: "risk.EliminationTest", Record: "elimination", Field: "case", Err: poverty.ErrMissing}
	}
	if h == nil {
		return EliminationResult{}, &poverty.FieldError{Op: "risk.EliminationTest", Record: "case " + c.info.ID, Field: "household", Err: poverty.ErrMissing}
	}
	if in.On.IsZero() {
		return EliminationResult{}, &poverty.FieldError{Op: "risk.EliminationTest", Record: "case " + c.info.ID, Field: "on", Err: poverty.ErrMissing}
	}
	if c.stage.terminal() {
		return EliminationResult{}, transitionErr("risk.EliminationTest", c.info.ID, c.stage, StepEliminated, -1, ErrTerminal)
	}
	if h.ID != c.info.HouseholdID {
		return EliminationResult{}, &poverty.FieldError{Op: "risk.EliminationTest", Record: "case " + c.info.ID, Field: "household", Value: h.ID, Err: poverty.ErrRange}
	}
	if err := use("risk.EliminationTest", &p.StableMonths); err != nil {
		return EliminationResult{}, err
	}
	n := p.StableMonths.Count
	if n < 1 || n > 60 {
		return EliminationResult{}, &poverty.FieldError{Op: "risk.EliminationTest", Record: "params stable_months", Field: "value", Value: p.StableMonths.Value(), Err: poverty.ErrRange}
	}
	res := EliminationResult{CaseID: c.info.ID, HouseholdID: h.ID, On: in.On, Pass: true, Stable: p.StableMonths, Route: Naturally}
	if len(c.measures) > 0 {
		res.Route = AfterAssistance
	}
	if in.Line != nil {
		res.Line = *in.Line
	} else {
		t := in.Table
		if t == nil {
			t = poverty.Default()
		}
		var err error
		if res.Line, err = t.MonitoringLine(in.On.Year(), h.Province(), in.Lookup); err != nil {
			return EliminationResult{}, &poverty.FieldError{Op: "risk.EliminationTest", Record: "case " + c.info.ID, Field: "line", Err: err}
		}
	}
	add := func(code string, pass bool, input, param string) {
		res.Criteria = append(res.Criteria, criterion(code, pass, input, param))
		res.Pass = res.Pass && pass
	}

	// Income stably above the line.
	last := in.On.YearMonth().Add(-1)
	if len(h.Monthly) == 0 && (h.Year != 0 || h.Income != (poverty.Income{})) {
		// No monthly record: the annual income is read and reported, and
		// stability over the months is not assessable, so the criterion
		// does not pass (elimination.annual_income).
		input, err := annualStable(h, in, res.Line, n)
		if err != nil {
			return EliminationResult{}, err
		}
		add("elimination.income_stable", false, input, res.Line.Cite()+"; "+p.StableMonths.Cite())
	} else {
		stable, detail := true, ""
		for j := n - 1; j >= 0; j-- {
			end := last.Add(-j)
			// The monitoring window of a date in the month after end ends in end.
			next := end.Add(1)
			w := poverty.TrailingWindow(poverty.MustDate(next.Year(), next.Month(), 1))
			pc, err := h.PerCapitaOver(w)
			if err != nil {
				stable = false
				detail += fmt.Sprintf("; %s..%s: no complete monthly records", w.From, w.To)
				continue
			}
			if _, err := res.Line.Compare(pc); err != nil {
				return EliminationResult{}, &poverty.FieldError{Op: "risk.EliminationTest", Record: h.ID, Field: "concept",
					Value: pc.Concept.String() + " vs " + res.Line.Concept.String(), Err: err}
			}
			above := !in.Boundary.Below(pc.Amount, res.Line.Amount)
			stable = stable && above
			detail += fmt.Sprintf("; %d months to %s: %s (above %t)", w.Months(), end, pc.Amount, above)
		}
		add("elimination.income_stable", stable, fmt.Sprintf("per-capita income of the monitoring window ending in each of the %d months before %s, boundary %s%s",
			n, in.On.YearMonth(), in.Boundary, detail), res.Line.Cite()+"; "+p.StableMonths.Cite())
	}

	ns := Unsecured(in.Guarantees)
	add("elimination.guarantees", in.Guarantees.Secured(), fmt.Sprintf("all secured %t; not secured %s; %s", in.Guarantees.Secured(), ns, unverified(in.Guarantees)), "")

	open := c.info.Factors &^ in.Resolved
	add("elimination.original_risk_resolved", open == 0, fmt.Sprintf("case factors %s; resolved %s; still open %s", c.info.Factors, in.Resolved, open), "")

	warnings := 0
	if in.Assessment != nil {
		warnings = in.Assessment.NumWarnings()
	}
	add("elimination.no_new_risk", in.New == 0 && warnings == 0, fmt.Sprintf("new factors %s; department warnings %d", in.New, warnings), "")

	workers := h.Workers()
	blocked := workers == 0 && c.onlySafetyNet()
	add("elimination.labour_capacity", !blocked, fmt.Sprintf("%d resident members able to work; %d measures, only safety-net %t", workers, len(c.measures), c.onlySafetyNet()), "")
	return res, nil
}

func unverified(g poverty.Guarantees) string {
	var s []string
	for _, it := range g.Items() {
		if it.State == poverty.Unverified {
			s = append(s, it.Name)
		}
	}
	if len(s) == 0 {
		return "none unverified"
	}
	return "unverified " + strings.Join(s, "+")
}
