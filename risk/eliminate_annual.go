package risk

import (
	"fmt"

	"github.com/openfupin/fupin/poverty"
)

// annualStable returns the input text of elimination.income_stable for a
// household with no monthly records and an annual income (rule
// elimination.annual_income): the annual per-capita income, labelled with
// its calendar year, against the line, and why stability over the n months
// before in.On's month is not assessable. The criterion never passes on it.
// Errors: a year other than in.On's or the year before (field "year",
// [poverty.ErrRange]), an all-zero income (field "income",
// [poverty.ErrMissing]), no resident member, an income that does not
// total, and an income concept other than the line's.
func annualStable(h *poverty.Household, in EliminationInput, line poverty.Threshold, n int) (string, error) {
	const op = "risk.EliminationTest"
	total, err := annualIncome(op, h, in.On)
	if err != nil {
		return "", err
	}
	residents := h.Residents()
	if residents == 0 {
		return "", &poverty.FieldError{Op: op, Record: h.ID, Field: "members", Err: poverty.ErrNoResidents}
	}
	amount, err := total.Div(int64(residents), poverty.PerCapitaRounding)
	if err != nil {
		return "", &poverty.FieldError{Op: op, Record: h.ID, Field: "income", Err: err}
	}
	pc := poverty.Figure{Amount: amount, Concept: h.Concept}
	if _, err := line.Compare(pc); err != nil {
		return "", &poverty.FieldError{Op: op, Record: h.ID, Field: "concept",
			Value: pc.Concept.String() + " vs " + line.Concept.String(), Err: err}
	}
	above := !in.Boundary.Below(pc.Amount, line.Amount)
	last := in.On.YearMonth().Add(-1)
	first, final := windowEnding(last.Add(1-n)), windowEnding(last)
	return fmt.Sprintf("not assessable from an annual income, so not passed: %s, %d resident members: per-capita %s, above the line %t (boundary %s); "+
		"income stable in each of the %d months before %s needs the per-capita income of the monitoring windows ending in them (%s..%s to %s..%s), "+
		"which one annual total does not show; %s",
		annualReading(h.Year), residents, pc, above, in.Boundary, n, in.On.YearMonth(), first.From, first.To, final.From, final.To,
		annualRuleCite("elimination.annual_income")), nil
}

// windowEnding returns the monitoring window ([poverty.TrailingWindow])
// that ends in month end: the window of a date on the first day of the
// month after it.
func windowEnding(end poverty.YearMonth) poverty.Window {
	next := end.Add(1)
	return poverty.TrailingWindow(poverty.MustDate(next.Year(), next.Month(), 1))
}
