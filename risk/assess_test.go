package risk_test

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

var (
	y   = poverty.YuanAmount
	day = poverty.MustParseDate
)

// household returns a household of n resident members (the first able to
// work) with the monthly wages given from the first month on, and an annual
// income in year.
func household(id string, n int, year int, annual poverty.Money, first poverty.YearMonth, wages ...poverty.Money) *poverty.Household {
	h := &poverty.Household{ID: id, Region: poverty.MustParseRegion("34"), Year: year, Concept: poverty.DisposableIncome,
		Members: make([]poverty.Member, n), Income: poverty.Income{Wage: annual}}
	h.Members[0].Capacity = poverty.AbleToWork
	for i, w := range wages {
		h.Monthly = append(h.Monthly, poverty.MonthlyIncome{Month: first.Add(i), Income: poverty.Income{Wage: w}})
	}
	return h
}

func repeat(m poverty.Money, n int) []poverty.Money {
	out := make([]poverty.Money, n)
	for i := range out {
		out[i] = m
	}
	return out
}

// flat is a household of 4 with 1,500 yuan a month from 2019-06 to 2020-05
// and 18,000 in 2019: assessed on 2020-06-15 its window is complete.
func flat() *poverty.Household {
	return household("flat", 4, 2019, y(18000), poverty.YearMonthOf(2019, time.June), repeat(y(1500), 12)...)
}

var on = day("2020-06-15")

func outcomes(a *risk.Assessment) map[risk.WarningRule]risk.Outcome {
	m := map[risk.WarningRule]risk.Outcome{}
	for _, c := range a.Checks() {
		m[c.Rule] = c.Outcome
	}
	return m
}

func TestAssessRules(t *testing.T) {
	const (
		C = risk.Clear
		T = risk.Triggered
		N = risk.NotEvaluated
	)
	drop := flat()
	for i := 9; i < 12; i++ {
		drop.Monthly[i].Income.Wage = y(1000) // a third lower in the last three months
	}
	noPrev := flat()
	noPrev.Year = 2018
	tests := []struct {
		name   string
		h      *poverty.Household
		events []risk.Event
		want   [5]risk.Outcome // rigid, drop, oop amount, oop share, guarantee
	}{
		{"quiet", flat(), nil, [5]risk.Outcome{C, C, C, C, C}},
		{"rigid above previous year", flat(), []risk.Event{
			{Kind: risk.MedicalClaim, Date: day("2020-01-10"), Total: y(20000), OutOfPocket: y(9000)},
			{Kind: risk.EducationEvent, Date: day("2019-09-01"), Action: risk.SchoolCosts, Amount: y(4000)},
			{Kind: risk.DisasterEvent, Date: day("2020-05-01"), Hazard: risk.DisasterFlood, Loss: y(5001)},
		}, [5]risk.Outcome{T, C, C, T, C}},
		{"rigid equal to previous year is clear", flat(), []risk.Event{
			{Kind: risk.DisasterEvent, Date: day("2020-05-01"), Hazard: risk.DisasterEarthquake, Loss: y(18000)},
		}, [5]risk.Outcome{C, C, C, C, C}},
		{"previous year unknown", noPrev, nil, [5]risk.Outcome{N, C, C, C, C}},
		{"income drop of exactly a third", drop, nil, [5]risk.Outcome{C, T, C, C, C}},
		{"job lost this month", flat(), []risk.Event{
			{Kind: risk.Employment, Date: day("2020-06-03"), Action: risk.JobLost, PreviousWage: y(600)},
		}, [5]risk.Outcome{C, T, C, C, C}},
		{"job lost inside the window is already in the records", flat(), []risk.Event{
			{Kind: risk.Employment, Date: day("2020-03-03"), Action: risk.JobLost, PreviousWage: y(600)},
		}, [5]risk.Outcome{C, C, C, C, C}},
		{"smaller wage cut stays clear", flat(), []risk.Event{
			{Kind: risk.Employment, Date: day("2020-06-03"), Action: risk.WageChange, PreviousWage: y(1500), Wage: y(1100)},
		}, [5]risk.Outcome{C, C, C, C, C}},
		{"out-of-pocket at the amount", flat(), []risk.Event{
			{Kind: risk.MedicalClaim, Date: day("2020-02-01"), Total: y(30000), OutOfPocket: y(10000)},
		}, [5]risk.Outcome{C, C, T, T, C}},
		{"out-of-pocket share only", flat(), []risk.Event{
			{Kind: risk.MedicalClaim, Date: day("2020-02-01"), Total: y(9000), OutOfPocket: y(5400)},
		}, [5]risk.Outcome{C, C, C, T, C}},
		{"out-of-pocket just under the share", flat(), []risk.Event{
			{Kind: risk.MedicalClaim, Date: day("2020-02-01"), Total: y(9000), OutOfPocket: poverty.MustParseMoney("5399.99")},
		}, [5]risk.Outcome{C, C, C, C, C}},
		{"claim before the window ignored", flat(), []risk.Event{
			{Kind: risk.MedicalClaim, Date: day("2019-05-31"), Total: y(90000), OutOfPocket: y(50000)},
		}, [5]risk.Outcome{C, C, C, C, C}},
		{"guarantee lost", flat(), []risk.Event{
			{Kind: risk.CadreVisitEvent, Date: day("2020-06-01"), Lost: risk.GuaranteesOf(risk.Housing)},
		}, [5]risk.Outcome{C, C, C, C, T}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := risk.Assess(tc.h, tc.events, on, nil)
			if err != nil {
				t.Fatal(err)
			}
			want := map[risk.WarningRule]risk.Outcome{risk.RigidExpenditure: tc.want[0], risk.IncomeDrop: tc.want[1],
				risk.MedicalOOPAmount: tc.want[2], risk.MedicalOOPShare: tc.want[3], risk.GuaranteeLost: tc.want[4]}
			if diff := cmp.Diff(want, outcomes(&a)); diff != "" {
				t.Errorf("outcomes (-want +got):\n%s", diff)
			}
			for _, w := range a.Warnings() {
				if w.Rule != risk.GuaranteeLost && (w.Param.Source == "" || w.Param.Status == poverty.SourceUnset) {
					t.Errorf("%s: warning without a sourced parameter", w.Rule)
				}
				if w.Explain() == "" {
					t.Errorf("%s: no explanation", w.Rule)
				}
			}
		})
	}
}

func TestAssessFigures(t *testing.T) {
	h := flat()
	events := []risk.Event{
		{Kind: risk.MedicalClaim, Date: day("2020-01-10"), Total: y(20000), OutOfPocket: y(9000), Severe: true},
		{Kind: risk.CadreVisitEvent, Date: day("2020-01-20"), Lost: risk.GuaranteesOf(risk.Medical), Factors: risk.FactorsOf(risk.Disability)},
		{Kind: risk.EducationEvent, Date: day("2019-09-01"), Action: risk.SchoolCosts, Amount: y(4000)},
	}
	a, err := risk.Assess(h, events, on, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := struct {
		Window                         poverty.Window
		Income, PC, Prev, OOP, Rg      poverty.Money
		Severe, SevereGuaranteeFailure bool
		Factors                        risk.FactorSet
		Events                         int
		ShareOOP                       poverty.Rate
	}{a.Window, a.WindowIncome, a.PerCapita.Amount, a.PreviousYearIncome, a.MedicalOOP, a.Rigid, a.Severe, a.SevereGuaranteeFailure,
		a.Factors, a.Events, check(&a, risk.MedicalOOPShare).Share}
	want := got
	want.Window = poverty.Window{From: poverty.YearMonthOf(2019, time.June), To: poverty.YearMonthOf(2020, time.May)}
	want.Income, want.PC, want.Prev, want.OOP, want.Rg = y(18000), y(4500), y(18000), y(9000), y(13000)
	want.Severe, want.SevereGuaranteeFailure = true, true
	want.Factors = risk.FactorsOf(risk.Illness, risk.Disability)
	want.Events = 3
	want.ShareOOP = mustRate("0.5")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("figures (-want +got):\n%s", diff)
	}
	if !a.SevereGuaranteeFailure {
		t.Error("medical guarantee lost after a severe claim is a severe guarantee failure")
	}
}

func TestAssessErrors(t *testing.T) {
	gap := flat()
	gap.Monthly = gap.Monthly[:11]
	dup := flat()
	dup.Monthly = append(dup.Monthly, dup.Monthly[0])
	empty := flat()
	empty.Members = nil
	bad := risk.DefaultParams()
	bad.IncomeDropRecentMonths.Count = 12
	tests := []struct {
		name   string
		h      *poverty.Household
		events []risk.Event
		on     poverty.Date
		p      *risk.Params
		want   error
	}{
		{"nil household", nil, nil, on, nil, poverty.ErrMissing},
		{"no date", flat(), nil, poverty.Date{}, nil, poverty.ErrMissing},
		{"month missing", gap, nil, on, nil, poverty.ErrIncompleteWindow},
		{"month twice", dup, nil, on, nil, poverty.ErrDuplicate},
		{"no residents", empty, nil, on, nil, poverty.ErrNoResidents},
		{"bad parameter", flat(), nil, on, &bad, poverty.ErrRange},
		{"invalid event", flat(), []risk.Event{{Kind: risk.MedicalClaim, Date: day("2020-06-01"), Total: y(1), OutOfPocket: y(2)}}, on, nil, poverty.ErrRange},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := risk.Assess(tc.h, tc.events, tc.on, tc.p)
			if !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
}

// TestAssessAsOf checks the as-of behaviour: events dated after the
// assessment date are left out (not read, not validated) and counted in
// EventsAfter, in JSON and in String; an event on the date itself counts.
func TestAssessAsOf(t *testing.T) {
	big := risk.Event{Kind: risk.MedicalClaim, Date: day("2020-06-16"), Total: y(30000), OutOfPocket: y(20000), Severe: true,
		Lost: risk.GuaranteesOf(risk.Housing)}
	invalid := risk.Event{Kind: risk.MedicalClaim, Date: day("2021-01-01"), Total: y(1), OutOfPocket: y(2)}
	onDay := big
	onDay.Date = on
	type got struct {
		Events, After   int
		Warnings        int
		Severe, Failure bool
		Lost            risk.GuaranteeSet
		StringHasAfter  string
	}
	tests := []struct {
		name   string
		events []risk.Event
		want   got
	}{
		{"none", nil, got{}},
		{"on the date counts", []risk.Event{onDay}, got{Events: 1, Warnings: 4, Severe: true, Failure: true, Lost: risk.GuaranteesOf(risk.Housing)}},
		{"the day after is left out", []risk.Event{big}, got{After: 1, StringHasAfter: "; 1 event after 2020-06-15 left out"}},
		{"an invalid later event is left out unread", []risk.Event{invalid, big}, got{After: 2, StringHasAfter: "; 2 events after 2020-06-15 left out"}},
		{"severe before, guarantee lost after, is no severe failure", []risk.Event{
			{Kind: risk.DisasterEvent, Date: day("2020-05-01"), Hazard: risk.DisasterFlood, Loss: y(100), Severe: true},
			{Kind: risk.CadreVisitEvent, Date: day("2020-06-16"), Lost: risk.GuaranteesOf(risk.Housing)},
		}, got{Events: 1, After: 1, Severe: true, StringHasAfter: "; 1 event after 2020-06-15 left out"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := risk.Assess(flat(), tc.events, on, nil)
			if err != nil {
				t.Fatal(err)
			}
			g := got{Events: a.Events, After: a.EventsAfter, Warnings: a.NumWarnings(), Severe: a.Severe,
				Failure: a.SevereGuaranteeFailure, Lost: a.Lost}
			if _, note, ok := strings.Cut(a.String(), "; warnings"); ok {
				if _, after, ok := strings.Cut(note, ";"); ok {
					g.StringHasAfter = ";" + after
				}
			}
			if diff := cmp.Diff(tc.want, g); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			b, err := json.Marshal(a)
			if err != nil {
				t.Fatal(err)
			}
			var back risk.Assessment
			if err := json.Unmarshal(b, &back); err != nil || back.EventsAfter != a.EventsAfter ||
				!strings.Contains(string(b), `"events_after":`+strconv.Itoa(a.EventsAfter)) {
				t.Errorf("JSON: %v, %s", err, b)
			}
		})
	}
}

// benchInput is one household with 12 monthly incomes and three events.
func benchInput() (*poverty.Household, []risk.Event, risk.Params) {
	return flat(), []risk.Event{
		{Kind: risk.MedicalClaim, Date: day("2020-03-01"), Total: y(30000), OutOfPocket: y(10500), Severe: true},
		{Kind: risk.DisasterEvent, Date: day("2020-04-01"), Hazard: risk.DisasterFlood, Loss: y(2000), Lost: risk.GuaranteesOf(risk.Housing)},
		{Kind: risk.Employment, Date: day("2020-06-02"), Action: risk.JobLost, PreviousWage: y(1500)},
	}, risk.DefaultParams()
}

// TestAssessAllocs enforces the allocation budget of the hot path: at most
// two allocations (the target of the issue); the implementation needs none.
func TestAssessAllocs(t *testing.T) {
	h, events, p := benchInput()
	n := testing.AllocsPerRun(200, func() {
		a, err := risk.Assess(h, events, on, &p)
		warnings := 0
		for _, c := range a.Checks() {
			if c.Outcome == risk.Triggered {
				warnings++
			}
		}
		if err != nil || warnings != 4 || len(a.Checks()) != 5 {
			t.Fatalf("assess: %v, %d warnings of %d checks", err, warnings, len(a.Checks()))
		}
	})
	if n > 2 {
		t.Errorf("Assess allocates %.1f times per call; budget 2", n)
	}
}

var sinkAssessment risk.Assessment

// BenchmarkAssess assesses one household with 12 monthly incomes and three
// events (target: at most 1 µs and 2 allocations).
func BenchmarkAssess(b *testing.B) {
	h, events, p := benchInput()
	b.ReportAllocs()
	for b.Loop() {
		a, err := risk.Assess(h, events, on, &p)
		if err != nil {
			b.Fatal(err)
		}
		sinkAssessment = a
	}
}

// TestPreviousYearFromMonthly reads the previous year's income from the
// monthly records when the annual income is of another year.
func TestPreviousYearFromMonthly(t *testing.T) {
	wages := append(repeat(y(1000), 12), repeat(y(1500), 5)...) // 2019-01..2020-05
	h := household("m", 2, 2018, y(99999), poverty.YearMonthOf(2019, time.January), wages...)
	events := []risk.Event{{Kind: risk.MedicalClaim, Date: day("2020-02-01"), Total: y(13000), OutOfPocket: y(12001)}}
	a, err := risk.Assess(h, events, on, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !a.PreviousKnown || a.PreviousYearIncome != y(12000) || check(&a, risk.RigidExpenditure).Outcome != risk.Triggered {
		t.Errorf("previous %s known %t rigid %s\n%s", a.PreviousYearIncome, a.PreviousKnown, check(&a, risk.RigidExpenditure).Outcome,
			check(&a, risk.RigidExpenditure).Explain())
	}
	for _, r := range []risk.WarningRule{0, 99} {
		if c, ok := a.Lookup(r); ok || c != (risk.WarningCheck{}) {
			t.Errorf("Lookup(%d) = %v, %t; unknown rules have no check", r, c, ok)
		}
	}
	var zero risk.Assessment
	if c, ok := zero.Lookup(risk.IncomeDrop); ok || len(zero.Checks()) != 0 {
		t.Errorf("the zero Assessment has checks: %v, %t, %d", c, ok, len(zero.Checks()))
	}
}

func TestEventUnmarshalJSON(t *testing.T) {
	var e risk.Event
	if err := json.Unmarshal([]byte(`{"type":"civil_affairs","date":"2020-01-02","action":"dibao_granted"}`), &e); err != nil {
		t.Fatal(err)
	}
	if e.Kind != risk.CivilAffairs || e.Action != risk.DibaoGranted {
		t.Errorf("decoded %+v", e)
	}
	err := json.Unmarshal([]byte(`{"type":"civil_affairs","date":"2020-01-02","action":"job_found"}`), &e)
	var ee *risk.EventError
	if !errors.As(err, &ee) || ee.Index != -1 || ee.Field != "action" || !strings.HasPrefix(err.Error(), "risk.Event.UnmarshalJSON: ") {
		t.Errorf("error %v", err)
	}
	// JSON null leaves an event unchanged.
	before := e
	if err := json.Unmarshal([]byte(`null`), &e); err != nil || e != before {
		t.Errorf("null: %v, %+v", err, e)
	}
}

// check returns the check of rule r in a.
func check(a *risk.Assessment, r risk.WarningRule) risk.WarningCheck {
	c, _ := a.Lookup(r)
	return c
}

// TestAssessmentJSON round-trips an assessment of Assess through JSON: the
// checks are encoded under "checks" and read back in rule order; null is a
// no-op and a wrong number of checks is refused.
func TestAssessmentJSON(t *testing.T) {
	h, events, p := benchInput()
	a, err := risk.Assess(h, events, on, &p)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var back risk.Assessment
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if diff := cmp.Diff(a.Checks(), back.Checks()); diff != "" || a.String() != back.String() {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if err := json.Unmarshal([]byte(`null`), &back); err != nil || len(back.Checks()) != 5 {
		t.Errorf("null: %v", err)
	}
	if err := json.Unmarshal([]byte(`{"checks":[{"rule":"income_drop"}]}`), &back); !errors.Is(err, poverty.ErrRange) {
		t.Errorf("one check: %v", err)
	}
}

// TestErrorsSayRisk checks that the errors of the package name it and the
// operation.
func TestErrorsSayRisk(t *testing.T) {
	h, events, p := benchInput()
	bad := p
	bad.MedicalOOPAmount.Status = poverty.Unconfirmed
	_, assessErr := risk.Assess(h, events, on, &bad)
	_, paramsErr := risk.LoadParams(strings.NewReader(`{"schema":"fupin.risk.params/2","params":[{"id":"cap_deep","unit":"ratio","value":"0.1","status":"SUPPLIED","scope":"xx","source":"s"}]}`), "f")
	_, schemesErr := risk.LoadSchemes(strings.NewReader(`{"schema":"fupin.risk.tiers/1"}`), "f")
	_, catalogErr := risk.LoadCatalog(strings.NewReader(`{"schema":"fupin.risk.measures/2","mapping":{}}`), "f")
	_, eventsErr := risk.DecodeEvents(strings.NewReader(`[{"type":"x"}]`))
	_, identifyErr := risk.Identify(risk.IdentifyInput{})
	_, elimErr := risk.EliminationTest(risk.EliminationInput{}, nil)
	var r risk.Report
	_, capErr := r.CapTest(0, false, nil)
	for want, err := range map[string]error{"risk.Assess": assessErr, "risk.LoadParams": paramsErr, "risk.LoadSchemes": schemesErr,
		"risk.LoadCatalog": catalogErr, "risk.DecodeEvents": eventsErr, "risk.Identify": identifyErr,
		"risk.EliminationTest": elimErr, "risk.Report.CapTest": capErr} {
		if err == nil || !strings.HasPrefix(err.Error(), want+": ") {
			t.Errorf("%s: error %v does not start with %q", want, err, want+": ")
		}
	}
}
