package risk

import (
	"fmt"
	"strconv"
	"time"

	"github.com/openfupin/fupin/poverty"
)

// The annual-income reading (issue 12, item 4). Most platforms hold one
// annual income per household, not twelve monthly incomes. When a household
// has no monthly record at all, [Assess] and [EliminationTest] (like
// [Identify]) read its annual income (Household.Income of Household.Year)
// instead, as a figure of that calendar year, labelled as such (rules
// warning.annual_income and elimination.annual_income, DEFAULT). The year
// is never split into months: what needs months is not assessable.
//
// The annual income stands in only when no monthly record exists: a
// household with some months recorded but not every month of the window is
// an error ([poverty.ErrIncompleteWindow]) for Assess, and a failed
// stability criterion for EliminationTest, as before; a gap is never filled
// from the annual figure. The year must be the date's year or the year
// before (the two calendar years a 12-month window before the date can
// reach; the same rule as Identify's): any other year, Year 0 included, is
// a *[poverty.FieldError] on field "year" wrapping [poverty.ErrRange] (an
// annual income of 2018 says nothing about an assessment on 2020-09-01).
// An annual Income that is all zero is no record, not zero income:
// [poverty.ErrMissing] on field "income", as a missing month is never
// read as zero.

// annualIncome returns the total annual income of a household that has no
// monthly records, read for a decision on day on, after the checks above.
// op names the operation in errors. It allocates only when it fails.
func annualIncome(op string, h *poverty.Household, on poverty.Date) (poverty.Money, error) {
	if y := on.Year(); h.Year != y && h.Year != y-1 {
		return 0, &poverty.FieldError{Op: op, Record: h.ID, Field: "year", Value: strconv.Itoa(h.Year),
			Err: fmt.Errorf("%w: no monthly records, and the annual income of %d is not of the year of %s or the year before", poverty.ErrRange, h.Year, on)}
	}
	if h.Income == (poverty.Income{}) {
		return 0, &poverty.FieldError{Op: op, Record: h.ID, Field: "income",
			Err: fmt.Errorf("%w: no monthly records and no annual income", poverty.ErrMissing)}
	}
	t, err := h.Income.Total()
	if err != nil {
		return 0, &poverty.FieldError{Op: op, Record: h.ID, Field: "income", Err: err}
	}
	return t, nil
}

// annualOverlap returns how many months of calendar year y lie in w.
func annualOverlap(y int, w poverty.Window) int {
	from, to := max(w.From, poverty.YearMonthOf(y, time.January)), min(w.To, poverty.YearMonthOf(y, time.December))
	if to < from {
		return 0
	}
	return int(to-from) + 1
}

// windowMonths is the length of the monitoring window, [poverty.TrailingWindow]
// (12 months under the embedded rule income.trailing_window).
func windowMonths() int {
	return poverty.TrailingWindow(poverty.MustDate(2020, time.January, 1)).Months()
}

// annualMethod returns the method of a reading from the annual income of
// year: "annual income of 2020, 12 months not recorded".
func annualMethod(year int) string {
	return fmt.Sprintf("annual income of %d, %d months not recorded", year, windowMonths())
}

// annualLabel returns the period label of an annual figure: "calendar year
// 2020 (annual record)".
func annualLabel(year int) string {
	return "calendar year " + strconv.Itoa(year) + " (annual record)"
}

// IncomeLabel says which income the assessment read, as
// [Identification.IncomeLabel] does: the per-capita figure with its
// concept and the months it covers, "5400.00 disposable_income over
// 2019-06..2020-05 (monthly records)" (the monitoring window), or, when the
// household had no monthly records (AnnualYear not zero), "5400.00
// disposable_income over 2020-01..2020-12 (annual record of 2020; 8 of its
// months in the monitoring window 2019-09..2020-08)". The zero Assessment
// has the label of its zero window.
func (a *Assessment) IncomeLabel() string {
	span := a.Window.From.String() + ".." + a.Window.To.String()
	if a.AnnualYear == 0 {
		return a.PerCapita.String() + " over " + span + " (monthly records)"
	}
	return fmt.Sprintf("%s over %d-01..%d-12 (annual record of %d; %d of its months in the monitoring window %s)",
		a.PerCapita, a.AnnualYear, a.AnnualYear, a.AnnualYear, annualOverlap(a.AnnualYear, a.Window), span)
}

// annualReading returns both: "annual income of 2020, 12 months not
// recorded: calendar year 2020 (annual record)".
func annualReading(year int) string { return annualMethod(year) + ": " + annualLabel(year) }

// annualRuleCite cites the rule of the annual reading named by code.
func annualRuleCite(code string) string {
	r, _ := RuleFor(code)
	return code + ": " + r.Cite()
}
