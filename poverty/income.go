package poverty

import "cmp"

// Figure is an amount of income in a stated income concept: a household's
// per-capita income, or a threshold's value. Comparing figures of different
// concepts is an error; see [IncomeConcept].
type Figure struct {
	Amount  Money         `json:"amount"`
	Concept IncomeConcept `json:"concept"`
}

// As returns the figure relabelled with another concept. The library never
// converts between concepts; As is the explicit, visible step a caller
// takes when its own rules say one concept stands for the other (for example
// a county that applies a disposable-income line to its net-income records).
func (f Figure) As(c IncomeConcept) Figure { return Figure{Amount: f.Amount, Concept: c} }

// Compare compares f with the threshold figure g: -1, 0 or +1. Figures of
// different concepts return [ErrConceptMismatch]; [ConceptNotStated] on
// either side compares with any concept.
func (f Figure) Compare(g Figure) (int, error) {
	if !f.Concept.comparable(g.Concept) {
		return 0, conceptErr(f.Concept, "threshold", g.Concept)
	}
	return cmp.Compare(f.Amount, g.Amount), nil
}

// String returns "4000.00 net_income".
func (f Figure) String() string { return f.Amount.String() + " " + f.Concept.String() }

// Income is a household's income for an accounting period (a year, or a
// month in a monthly series), by the four NBS components (docs/POLICY.md 7):
//
//	wage income          Wage
//	net operating income OperatingIncome - OperatingCosts - Depreciation - ProductionTaxes
//	net property income  Property (already net of its costs; no capital gains)
//	net transfer income  TransferIncome - TransferSpending
//
// The Excluded amounts are recorded so that a case worker sees them, but are
// never counted in monitoring income: one-off relief, earmarked housing or
// relocation subsidies, and borrowing.
//
// The zero value is no income.
type Income struct {
	Wage             Money `json:"wage"`
	OperatingIncome  Money `json:"operating_income"`
	OperatingCosts   Money `json:"operating_costs"`
	Depreciation     Money `json:"depreciation"`
	ProductionTaxes  Money `json:"production_taxes"`
	Property         Money `json:"property"`
	TransferIncome   Money `json:"transfer_income"`
	TransferSpending Money `json:"transfer_spending"`

	Excluded Excluded `json:"excluded"`
}

// Excluded holds receipts that are not income for monitoring purposes.
type Excluded struct {
	OneOffRelief     Money `json:"one_off_relief"`    // 慰问金, one-off relief
	EarmarkedSubsidy Money `json:"earmarked_subsidy"` // housing, relocation, animal-shed subsidies
	Borrowing        Money `json:"borrowing"`
}

// sane reports whether every field is within ±MaxAmount, so that the sums in
// Components and Total cannot overflow.
func (in *Income) sane() bool {
	for _, m := range [...]Money{in.Wage, in.OperatingIncome, in.OperatingCosts, in.Depreciation,
		in.ProductionTaxes, in.Property, in.TransferIncome, in.TransferSpending} {
		if m > MaxAmount || m < -MaxAmount {
			return false
		}
	}
	return true
}

// NetOperating returns operating income minus costs, depreciation and
// production taxes (经营净收入).
func (in *Income) NetOperating() Money {
	return in.OperatingIncome - in.OperatingCosts - in.Depreciation - in.ProductionTaxes
}

// NetTransfer returns transfer income minus transfer spending (转移净收入).
func (in *Income) NetTransfer() Money { return in.TransferIncome - in.TransferSpending }

// Total returns the household's income: the sum of the four components,
// without the excluded receipts. Fields beyond ±[MaxAmount] are [ErrOverflow].
func (in *Income) Total() (Money, error) {
	if !in.sane() {
		return 0, ErrOverflow
	}
	return in.Wage + in.NetOperating() + in.Property + in.NetTransfer(), nil
}

// Add returns the component-wise sum of in and o, with [ErrOverflow] if any
// component leaves the range.
func (in Income) Add(o Income) (Income, error) {
	var err error
	add := func(a, b Money) Money {
		s, e := a.Add(b)
		if e != nil || s > MaxAmount || s < -MaxAmount {
			err = ErrOverflow
		}
		return s
	}
	r := Income{
		Wage: add(in.Wage, o.Wage), OperatingIncome: add(in.OperatingIncome, o.OperatingIncome),
		OperatingCosts: add(in.OperatingCosts, o.OperatingCosts), Depreciation: add(in.Depreciation, o.Depreciation),
		ProductionTaxes: add(in.ProductionTaxes, o.ProductionTaxes), Property: add(in.Property, o.Property),
		TransferIncome: add(in.TransferIncome, o.TransferIncome), TransferSpending: add(in.TransferSpending, o.TransferSpending),
		Excluded: Excluded{
			OneOffRelief:     add(in.Excluded.OneOffRelief, o.Excluded.OneOffRelief),
			EarmarkedSubsidy: add(in.Excluded.EarmarkedSubsidy, o.Excluded.EarmarkedSubsidy),
			Borrowing:        add(in.Excluded.Borrowing, o.Excluded.Borrowing),
		},
	}
	if err != nil {
		return Income{}, err
	}
	return r, nil
}

// MonthlyIncome is a household's income in one calendar month.
type MonthlyIncome struct {
	Month  YearMonth `json:"month"`
	Income Income    `json:"income"`
}

// Window is a run of whole calendar months, From to To inclusive.
type Window struct {
	From YearMonth `json:"from"`
	To   YearMonth `json:"to"`
}

// TrailingWindow returns the monitoring income window of the embedded rule
// "income.trailing_window": the 12 months before the month of
// identification, from the start of the same month a year earlier to the
// end of the month before. Identified on 2020-06-15, the window is 2019-06
// to 2020-05. The rule is CONFIRMED only locally (Anhui's rule for marginal
// households, 定南县's "12 months before the application"); for the nation
// it is the library's DEFAULT reading ([RuleFor] gives its provenance). A
// caller with another window uses [TrailingWindowOf]. It does not allocate.
//
// The date convention: a date is read as at the close of that day. An
// identification dated on the last day of a month therefore has that month
// complete, and the window ends with it: identified on 2020-12-31, the
// window is 2020-01 to 2020-12, the calendar year (identified on
// 2020-12-30, it is 2019-12 to 2020-11). A year-end identification thus
// reads the year's last month, and its window is the year whose annual
// income the exit test reads.
func TrailingWindow(identified Date) Window { return TrailingWindowOf(identified, windowMonths()) }

// TrailingWindowOf returns the window of the given number of whole months
// before the month of identification (months >= 1), ending with that month
// when identified is its last day (the date convention of
// [TrailingWindow]).
func TrailingWindowOf(identified Date, months int) Window {
	m := identified.YearMonth()
	if identified.AddDays(1).Month() != identified.Month() {
		m = m.Add(1) // the month is complete at the close of its last day
	}
	return Window{From: m.Add(-months), To: m.Add(-1)}
}

// Months returns the number of months in the window.
func (w Window) Months() int { return int(w.To-w.From) + 1 }

// Contains reports whether m lies in the window.
func (w Window) Contains(m YearMonth) bool { return m >= w.From && m <= w.To }

// SumWindow adds the monthly incomes that fall in w. Every month of the
// window must be present exactly once: a missing month is
// [ErrIncompleteWindow], a repeated one [ErrDuplicate], so that a gap in the
// records is never read as zero income. Months outside w are ignored.
func SumWindow(monthly []MonthlyIncome, w Window) (Income, error) {
	n := w.Months()
	if n <= 0 || n > 120 {
		return Income{}, ErrRange
	}
	var seen [120]bool
	var sum Income
	count := 0
	for i := range monthly {
		m := monthly[i].Month
		if !w.Contains(m) {
			continue
		}
		if seen[m-w.From] {
			return Income{}, ErrDuplicate
		}
		seen[m-w.From] = true
		count++
		var err error
		if sum, err = sum.Add(monthly[i].Income); err != nil {
			return Income{}, err
		}
	}
	if count != n {
		return Income{}, ErrIncompleteWindow
	}
	return sum, nil
}
