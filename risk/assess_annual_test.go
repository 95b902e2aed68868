package risk_test

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// annualOnly is a household of 4 (one able to work) with an annual income
// of year and no monthly record: the record most platforms hold.
func annualOnly(year int, annual poverty.Money) *poverty.Household {
	return household("annual", 4, year, annual, 0)
}

// TestAssessAnnual runs Assess at the boundaries of the annual reading
// (issue 12, item 4; rule warning.annual_income): no monthly record with an
// annual income of the assessment's year or the year before is read as
// that calendar year's income; income_drop, which compares months, is
// not_evaluated; some months but not the window stay an error, never
// filled from the annual income; an annual income of another year, or none,
// is an error naming the field.
func TestAssessAnnual(t *testing.T) {
	const (
		C = risk.Clear
		T = risk.Triggered
		N = risk.NotEvaluated
	)
	type got struct {
		Outcomes      [5]risk.Outcome // rigid, drop, oop amount, oop share, guarantee
		AnnualYear    int
		WindowIncome  poverty.Money
		PerCapita     poverty.Money
		PreviousKnown bool
		CheckYears    [5]int // WarningCheck.AnnualYear, by rule
	}
	year2019 := [5]int{2019, 2019, 0, 2019, 0}
	partial := flat()
	partial.Monthly = partial.Monthly[1:] // 2019-07..2020-05: 11 of the 12 months
	elsewhere := household("elsewhere", 4, 2019, y(18000), poverty.YearMonthOf(2017, time.January), repeat(y(1500), 12)...)
	tests := []struct {
		name   string
		h      *poverty.Household
		events []risk.Event
		on     poverty.Date
		want   got
	}{
		{"annual of the previous year", annualOnly(2019, y(18000)), nil, on,
			got{[5]risk.Outcome{C, N, C, C, C}, 2019, y(18000), y(4500), true, year2019}},
		{"annual of the assessment's year: no previous year", annualOnly(2020, y(18000)), nil, on,
			got{[5]risk.Outcome{N, N, C, C, C}, 2020, y(18000), y(4500), false, [5]int{2020, 2020, 0, 2020, 0}}},
		{"rigid above the previous year's annual income", annualOnly(2019, y(18000)), []risk.Event{
			{Kind: risk.DisasterEvent, Date: day("2020-05-01"), Hazard: risk.DisasterFlood, Loss: poverty.MustParseMoney("18000.01")},
		}, on, got{[5]risk.Outcome{T, N, C, C, C}, 2019, y(18000), y(4500), true, year2019}},
		{"rigid equal to the previous year's annual income is clear", annualOnly(2019, y(18000)), []risk.Event{
			{Kind: risk.DisasterEvent, Date: day("2020-05-01"), Hazard: risk.DisasterFlood, Loss: y(18000)},
		}, on, got{[5]risk.Outcome{C, N, C, C, C}, 2019, y(18000), y(4500), true, year2019}},
		{"out-of-pocket at the share of the annual income", annualOnly(2019, y(18000)), []risk.Event{
			{Kind: risk.MedicalClaim, Date: day("2020-02-01"), Total: y(9000), OutOfPocket: y(5400)},
		}, on, got{[5]risk.Outcome{C, N, C, T, C}, 2019, y(18000), y(4500), true, year2019}},
		{"out-of-pocket just under the share", annualOnly(2019, y(18000)), []risk.Event{
			{Kind: risk.MedicalClaim, Date: day("2020-02-01"), Total: y(9000), OutOfPocket: poverty.MustParseMoney("5399.99")},
		}, on, got{[5]risk.Outcome{C, N, C, C, C}, 2019, y(18000), y(4500), true, year2019}},
		{"out-of-pocket amount needs no income", annualOnly(2019, y(18000)), []risk.Event{
			{Kind: risk.MedicalClaim, Date: day("2020-02-01"), Total: y(30000), OutOfPocket: y(10000)},
		}, on, got{[5]risk.Outcome{C, N, T, T, C}, 2019, y(18000), y(4500), true, year2019}},
		{"a job lost this month is no income drop without months", annualOnly(2019, y(18000)), []risk.Event{
			{Kind: risk.Employment, Date: day("2020-06-03"), Action: risk.JobLost, PreviousWage: y(1500)},
		}, on, got{[5]risk.Outcome{C, N, C, C, C}, 2019, y(18000), y(4500), true, year2019}},
		{"guarantee lost", annualOnly(2019, y(18000)), []risk.Event{
			{Kind: risk.CadreVisitEvent, Date: day("2020-06-01"), Lost: risk.GuaranteesOf(risk.Housing)},
		}, on, got{[5]risk.Outcome{C, N, C, C, T}, 2019, y(18000), y(4500), true, year2019}},
		{"January: the year before", annualOnly(2019, y(18000)), nil, day("2020-01-15"),
			got{[5]risk.Outcome{C, N, C, C, C}, 2019, y(18000), y(4500), true, year2019}},
		{"January: the year of the date", annualOnly(2020, y(18000)), nil, day("2020-01-15"),
			got{[5]risk.Outcome{N, N, C, C, C}, 2020, y(18000), y(4500), false, [5]int{2020, 2020, 0, 2020, 0}}},
		{"a negative annual income is read, never as a share", annualOnly(2019, y(-400)), []risk.Event{
			{Kind: risk.MedicalClaim, Date: day("2020-02-01"), Total: y(200), OutOfPocket: y(100)},
		}, on, got{[5]risk.Outcome{T, N, C, T, C}, 2019, y(-400), y(-100), true, year2019}},
		{"full months and an annual income: the months", flat(), nil, on,
			got{[5]risk.Outcome{C, C, C, C, C}, 0, y(18000), y(4500), true, [5]int{}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := risk.Assess(tc.h, tc.events, tc.on, nil)
			if err != nil {
				t.Fatal(err)
			}
			g := got{AnnualYear: a.AnnualYear, WindowIncome: a.WindowIncome, PerCapita: a.PerCapita.Amount, PreviousKnown: a.PreviousKnown}
			for i, c := range a.Checks() {
				g.Outcomes[i], g.CheckYears[i] = c.Outcome, c.AnnualYear
			}
			if diff := cmp.Diff(tc.want, g); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if a.PerCapita.Concept != tc.h.Concept || a.Window != poverty.TrailingWindow(tc.on) {
				t.Errorf("per capita %s, window %v", a.PerCapita, a.Window)
			}
		})
	}

	errs := []struct {
		name  string
		h     *poverty.Household
		on    poverty.Date
		field string
		want  error
	}{
		{"an annual income two years old", annualOnly(2018, y(18000)), day("2020-09-01"), "year", poverty.ErrRange},
		{"an annual income of the next year", annualOnly(2021, y(18000)), day("2020-09-01"), "year", poverty.ErrRange},
		{"no year", annualOnly(0, y(18000)), on, "year", poverty.ErrRange},
		{"an annual record without income is no income", annualOnly(2019, 0), on, "income", poverty.ErrMissing},
		{"some months but not the window: no fallback", partial, on, "monthly", poverty.ErrIncompleteWindow},
		{"months outside the window only: no fallback", elsewhere, on, "monthly", poverty.ErrIncompleteWindow},
	}
	for _, tc := range errs {
		t.Run(tc.name, func(t *testing.T) {
			_, err := risk.Assess(tc.h, nil, tc.on, nil)
			var fe *poverty.FieldError
			if !errors.Is(err, tc.want) || !errors.As(err, &fe) || fe.Op != "risk.Assess" || fe.Field != tc.field {
				t.Errorf("error %v, want a *poverty.FieldError of risk.Assess on %s wrapping %v", err, tc.field, tc.want)
			}
		})
	}
}

// TestAssessAnnualReasons checks that every reason of an annual reading
// names the method and the year, and cites the rule; that income_drop says
// it is not assessable; and that a reading from the monthly records says
// nothing of an annual record.
func TestAssessAnnualReasons(t *testing.T) {
	events := []risk.Event{{Kind: risk.MedicalClaim, Date: day("2020-02-01"), Total: y(9000), OutOfPocket: y(5400)}}
	a, err := risk.Assess(annualOnly(2019, y(18000)), events, on, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, ok := risk.RuleFor("warning.annual_income")
	if !ok || r.Label() != "DEFAULT" || !strings.Contains(r.Source, "家庭年人均纯收入") || !strings.Contains(r.Source, "POLICY.md 2.2") {
		t.Fatalf("rule warning.annual_income: %+v", r)
	}
	got := struct {
		String, Label, Drop string
		Explains            map[string][]string
	}{a.String(), a.IncomeLabel(), check(&a, risk.IncomeDrop).String(), map[string][]string{}}
	method := "annual income of 2019, 12 months not recorded: calendar year 2019 (annual record)"
	markers := []struct{ name, text string }{
		{"method", method}, {"rule", "income reading warning.annual_income: " + r.Cite()},
		{"not assessable", "not assessable"}, {"source", "; rule source: "},
	}
	for _, c := range a.Checks() {
		x := c.Explain()
		var has []string
		for _, m := range markers {
			if strings.Contains(x, m.text) {
				has = append(has, m.name)
			}
		}
		got.Explains[c.Code()] = has
	}
	want := got
	want.String = "annual 2020-06-15: per capita 4500.00 disposable_income, calendar year 2019 (annual record); warnings warning.medical_oop_share"
	want.Label = "4500.00 disposable_income over 2019-01..2019-12 (annual record of 2019; 7 of its months in the monitoring window 2019-06..2020-05)"
	want.Drop = "warning.income_drop not_evaluated: missing monthly incomes of the window (not assessable from an annual income: the rule compares the last months with the months before, and the year is not split into months)"
	want.Explains = map[string][]string{
		"warning.rigid_expenditure":  {"method", "rule", "source"},
		"warning.income_drop":        {"method", "rule", "not assessable", "source"},
		"warning.medical_oop_amount": {"source"},
		"warning.medical_oop_share":  {"method", "rule", "source"},
		"warning.guarantee_lost":     {"source"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	m, err := risk.Assess(flat(), events, on, nil)
	if err != nil {
		t.Fatal(err)
	}
	if l := m.IncomeLabel(); l != "4500.00 disposable_income over 2019-06..2020-05 (monthly records)" {
		t.Errorf("monthly label %q", l)
	}
	for _, c := range m.Checks() {
		if x := c.Explain(); strings.Contains(x, "annual record") || strings.Contains(x, "warning.annual_income") {
			t.Errorf("%s: a monthly reading names an annual record: %s", c.Code(), x)
		}
	}
	if strings.Contains(m.String(), "annual") {
		t.Errorf("monthly String: %s", m.String())
	}
}

// TestAssessAnnualJSON: the annual year survives the JSON round trip on
// the assessment and on its checks, and a monthly reading writes none.
func TestAssessAnnualJSON(t *testing.T) {
	a, err := risk.Assess(annualOnly(2019, y(18000)), nil, on, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var back risk.Assessment
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a.Checks(), back.Checks()); diff != "" || back.AnnualYear != 2019 || back.String() != a.String() {
		t.Errorf("round trip (-want +got):\n%s\n%s", diff, b)
	}
	if n := strings.Count(string(b), `"annual_year":2019`); n != 4 { // the assessment, rigid, drop, share
		t.Errorf("annual_year %d times in %s", n, b)
	}
	m, _ := risk.Assess(flat(), nil, on, nil)
	if b, _ := json.Marshal(m); strings.Contains(string(b), "annual_year") {
		t.Errorf("a monthly reading writes annual_year: %s", b)
	}
}

// TestAssessAnnualAllocs: the annual reading is allocation-free, as the
// monthly one.
func TestAssessAnnualAllocs(t *testing.T) {
	h, events, p := benchAnnualInput()
	n := testing.AllocsPerRun(200, func() {
		a, err := risk.Assess(h, events, on, &p)
		if err != nil || a.NumWarnings() != 3 || a.AnnualYear != 2019 {
			t.Fatalf("assess: %v, %d warnings", err, a.NumWarnings())
		}
	})
	if n != 0 {
		t.Errorf("Assess from an annual income allocates %.1f times per call", n)
	}
}

// benchAnnualInput is benchInput's household with its annual income only.
func benchAnnualInput() (*poverty.Household, []risk.Event, risk.Params) {
	h, events, p := benchInput()
	h.Monthly = nil
	return h, events, p
}

// BenchmarkAssessAnnual assesses one household from its annual income
// (no monthly record) with three events.
func BenchmarkAssessAnnual(b *testing.B) {
	h, events, p := benchAnnualInput()
	b.ReportAllocs()
	for b.Loop() {
		a, err := risk.Assess(h, events, on, &p)
		if err != nil {
			b.Fatal(err)
		}
		sinkAssessment = a
	}
}

// TestAssessAnnualAgreesWithMonths is a property test: a household read
// from its annual income gives the same outcomes, on the same figures, as
// the same household with monthly records over the window that add up to
// the same income, on every rule that reads no months (rigid expenditure,
// out-of-pocket amount and share, guarantee lost); income_drop alone is
// not_evaluated. Generated households and events, fixed seed.
func TestAssessAnnualAgreesWithMonths(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 4))
	kinds := []risk.EventKind{risk.MedicalClaim, risk.DisasterEvent, risk.EducationEvent, risk.CadreVisitEvent, risk.Employment}
	for i := range 2000 {
		on := poverty.MustDate(2020+r.IntN(3), time.Month(1+r.IntN(12)), 1+r.IntN(28))
		year := on.Year() - r.IntN(2)
		annual := poverty.Money(r.Int64N(int64(y(60000)))) - y(2000)
		h := annualOnly(year, annual)
		h.Members = h.Members[:1+r.IntN(4)]
		var events []risk.Event
		for range r.IntN(4) {
			e := risk.Event{Kind: kinds[r.IntN(len(kinds))], Date: on.AddDays(-r.IntN(400))}
			amount := poverty.Money(r.Int64N(int64(y(30000))))
			switch e.Kind {
			case risk.MedicalClaim:
				e.Total, e.OutOfPocket, e.Severe = amount, amount/2, r.IntN(2) == 0
			case risk.DisasterEvent:
				e.Hazard, e.Loss = risk.DisasterFlood, amount
			case risk.EducationEvent:
				e.Action, e.Amount = risk.SchoolCosts, amount
			case risk.CadreVisitEvent:
				e.Lost = risk.GuaranteesOf(risk.Housing)
			case risk.Employment:
				e.Action, e.PreviousWage = risk.JobLost, amount/10
			}
			events = append(events, e)
		}
		a, err := risk.Assess(h, events, on, nil)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		// The same income over the window's months, and the same annual record.
		m := *h
		w := poverty.TrailingWindow(on)
		months := poverty.Money(w.Months())
		for ym := w.From; ym <= w.To; ym++ {
			v := annual / months
			if ym == w.To {
				v = annual - v*(months-1)
			}
			m.Monthly = append(m.Monthly, poverty.MonthlyIncome{Month: ym, Income: poverty.Income{Wage: v}})
		}
		b, err := risk.Assess(&m, events, on, nil)
		if err != nil {
			t.Fatalf("case %d, months: %v", i, err)
		}
		type figures struct {
			Income, Previous   poverty.Money
			PerCapita          poverty.Figure
			Rigid, Amount, Sh  risk.Outcome
			Guarantee          risk.Outcome
			Share              poverty.Rate
			Factors            risk.FactorSet
			Severe, SevereLost bool
		}
		fig := func(a *risk.Assessment) figures {
			return figures{a.WindowIncome, a.PreviousYearIncome, a.PerCapita, check(a, risk.RigidExpenditure).Outcome,
				check(a, risk.MedicalOOPAmount).Outcome, check(a, risk.MedicalOOPShare).Outcome, check(a, risk.GuaranteeLost).Outcome,
				check(a, risk.MedicalOOPShare).Share, a.Factors, a.Severe, a.SevereGuaranteeFailure}
		}
		fa, fb := fig(&a), fig(&b)
		if w.From == poverty.YearMonthOf(on.Year()-1, time.January) && w.To == w.From.Add(11) && year == on.Year() {
			// The window is the previous calendar year: its months give the
			// previous year's income, which an annual record of on's year
			// cannot (rigid expenditure is not_evaluated there).
			if fa.Rigid != risk.NotEvaluated {
				t.Fatalf("case %d: rigid %s without the previous year's income", i, fa.Rigid)
			}
			fa.Previous, fa.Rigid, fb.Previous, fb.Rigid = 0, 0, 0, 0
		}
		if diff := cmp.Diff(fb, fa); diff != "" {
			t.Fatalf("case %d (on %s, annual %s of %d): annual reading differs from the months (-months +annual):\n%s", i, on, annual, year, diff)
		}
		if c := check(&a, risk.IncomeDrop); c.Outcome != risk.NotEvaluated || a.AnnualYear != year || b.AnnualYear != 0 {
			t.Fatalf("case %d: income_drop %s, annual year %d / %d", i, c.Outcome, a.AnnualYear, b.AnnualYear)
		}
	}
}
