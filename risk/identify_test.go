package risk_test

import (
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

func TestCategoriesOn(t *testing.T) {
	two := []risk.Category{risk.UnstableLiftedOut, risk.MarginalAtRisk}
	three := []risk.Category{risk.UnstableLiftedOut, risk.MarginalAtRisk, risk.SuddenDifficulty}
	tests := []struct {
		on   string
		want []risk.Category
		doc  string
		err  error
	}{
		{"2019-12-31", nil, "", poverty.ErrNotInForce},
		{"2020-03-19", nil, "", poverty.ErrNotInForce}, // the day before 国开发〔2020〕6号 was issued
		{"2020-03-20", two, "国开发〔2020〕6号", nil},
		{"2020-12-31", two, "国开发〔2020〕6号", nil},
		{"2021-01-01", three, "中农组发〔2021〕7号", nil},
		{"2025-06-30", three, "中农组发〔2021〕7号", nil},
	}
	for _, tc := range tests {
		t.Run(tc.on, func(t *testing.T) {
			d, err := risk.CategoriesOn(day(tc.on))
			if tc.err != nil {
				var fe *poverty.FieldError
				if !errors.Is(err, tc.err) || !errors.As(err, &fe) || fe.Op != "risk.CategoriesOn" || fe.Value != tc.on ||
					!strings.Contains(err.Error(), "in force from 2020-03-20") {
					t.Errorf("error %v, want a *poverty.FieldError wrapping %v that names the first document's date", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, d.Categories); diff != "" || !strings.Contains(d.Name, tc.doc) {
				t.Errorf("document %s categories (-want +got):\n%s", d.Name, diff)
			}
			if d.Status != poverty.Confirmed || d.Scope != poverty.ScopeNational {
				t.Errorf("document %s: %s", d.ID, d.Label())
			}
		})
	}
}

// TestDocumentsImmutable: what Documents and CategoriesOn return is a copy;
// changing every field and element leaves the next caller's view as the
// embedded data.
func TestDocumentsImmutable(t *testing.T) {
	fresh := func() []risk.Document {
		var doc struct {
			Schema    string          `json:"schema"`
			Documents []risk.Document `json:"documents"`
		}
		b, err := os.ReadFile("data/categories.json")
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		return doc.Documents
	}
	got := risk.Documents()
	for i := range got {
		got[i] = mutateDocument(got[i])
	}
	d, _ := risk.CategoriesOn(day("2021-06-01"))
	_ = mutateDocument(d)
	if diff := cmp.Diff(fresh(), risk.Documents()); diff != "" {
		t.Errorf("documents changed by a caller (-want +got):\n%s", diff)
	}
}

func mutateDocument(d risk.Document) risk.Document {
	for i := range d.Categories {
		d.Categories[i] = risk.CategoryNone
	}
	d.ID, d.Name, d.Categories, d.Provenance = "x", "x", nil, poverty.Provenance{Source: "x"}
	return d
}

// yunnanHousehold is a Yunnan household with 12 equal monthly incomes from
// 2022-06; identified in 2023 it is measured against the Yunnan 2023 line
// (8,050 net income, as applied by 元谋县) of the embedded table.
func yunnanHousehold(id string, n, workers int, monthly poverty.Money, reg poverty.Registration) *poverty.Household {
	h := &poverty.Household{ID: id, Region: poverty.MustParseRegion("53"), Year: 2022, Concept: poverty.NetIncome,
		Members: make([]poverty.Member, n), Registration: reg}
	for i := range workers {
		h.Members[i].Capacity = poverty.AbleToWork
	}
	for m := range 12 {
		h.Monthly = append(h.Monthly, poverty.MonthlyIncome{Month: poverty.YearMonthOf(2022, time.June).Add(m), Income: poverty.Income{Wage: monthly}})
	}
	return h
}

func registered(h *poverty.Household, r poverty.Registration) *poverty.Household {
	h.Registration = r
	return h
}

func TestIdentify(t *testing.T) {
	lifted := poverty.Registration{Registered: 2015, Exited: 2019}
	onY := day("2023-06-10") // window 2022-06..2023-05
	heavy := assessmentWith(t, risk.MedicalOOPAmount)
	heavy.MedicalOOP = y(30000)
	drop2020 := assessmentWith(t, risk.IncomeDrop)

	tests := []struct {
		name string
		in   risk.IdentifyInput
		want risk.Category
	}{
		// 2020: national derived line 6,000 (disposable income).
		{"2020 never registered, in range, ill", risk.IdentifyInput{Household: household("a", 3, 2019, 0, poverty.YearMonthOf(2019, time.June), repeat(y(1200), 12)...),
			On: on, Factors: risk.FactorsOf(risk.Illness)}, risk.MarginalAtRisk},
		{"2020 lifted out, in range, ill", risk.IdentifyInput{Household: registered(household("a2", 3, 2019, 0, poverty.YearMonthOf(2019, time.June), repeat(y(1200), 12)...), lifted),
			On: on, Factors: risk.FactorsOf(risk.Illness)}, risk.UnstableLiftedOut},
		{"2020 in range without any risk", risk.IdentifyInput{Household: household("b", 3, 2019, 0, poverty.YearMonthOf(2019, time.June), repeat(y(1200), 12)...),
			On: on}, risk.CategoryNone},
		{"2020 above range but income fell sharply", risk.IdentifyInput{Household: household("c", 1, 2019, 0, poverty.YearMonthOf(2019, time.June), repeat(y(1200), 12)...),
			On: on, Assessment: drop2020}, risk.MarginalAtRisk},
		{"2020 above range, heavy medical bill only: no 2020 category", risk.IdentifyInput{Household: household("d", 1, 2019, 0, poverty.YearMonthOf(2019, time.June), repeat(y(1200), 12)...),
			On: on, Assessment: heavy}, risk.CategoryNone},
		{"2020 at the line is not in range (below-line boundary)", risk.IdentifyInput{Household: household("e", 2, 2019, 0, poverty.YearMonthOf(2019, time.June), repeat(y(1000), 12)...),
			On: on, Factors: risk.FactorsOf(risk.Accident)}, risk.CategoryNone},
		{"2020 at the line with at-or-below boundary", risk.IdentifyInput{Household: household("f", 2, 2019, 0, poverty.YearMonthOf(2019, time.June), repeat(y(1000), 12)...),
			On: on, Factors: risk.FactorsOf(risk.Accident), Boundary: poverty.AtOrBelowLine}, risk.MarginalAtRisk},
		{"2020 caller-supplied income", risk.IdentifyInput{Household: household("g", 2, 2019, 0, 0),
			On: on, PerCapita: &poverty.Figure{Amount: y(5000), Concept: poverty.DisposableIncome}, Factors: risk.FactorsOf(risk.Accident)}, risk.MarginalAtRisk},
		// 2020: below the standard (≈ 4,000, not stated concept) the
		// document registers the household; at the standard it does not.
		{"2020 lifted out below the standard: returned to poverty", risk.IdentifyInput{Household: registered(household("r1", 3, 2019, 0, poverty.YearMonthOf(2019, time.June), repeat(y(999), 12)...), lifted),
			On: on}, risk.ReturnedPoor},
		{"2020 never registered below the standard: newly poor", risk.IdentifyInput{Household: household("r2", 3, 2019, 0, poverty.YearMonthOf(2019, time.June), repeat(y(999), 12)...),
			On: on}, risk.NewlyPoor},
		{"2020 lifted out at the standard is not below it (below-line boundary)", risk.IdentifyInput{Household: registered(household("r3", 3, 2019, 0, poverty.YearMonthOf(2019, time.June), repeat(y(1000), 12)...), lifted),
			On: on, Factors: risk.FactorsOf(risk.Illness)}, risk.UnstableLiftedOut},
		{"2020 lifted out at the standard with at-or-below boundary", risk.IdentifyInput{Household: registered(household("r4", 3, 2019, 0, poverty.YearMonthOf(2019, time.June), repeat(y(1000), 12)...), lifted),
			On: on, Factors: risk.FactorsOf(risk.Illness), Boundary: poverty.AtOrBelowLine}, risk.ReturnedPoor},
		{"2020 still registered poor below the standard", risk.IdentifyInput{Household: registered(household("r5", 3, 2019, 0, poverty.YearMonthOf(2019, time.June), repeat(y(500), 12)...), poverty.Registration{Registered: 2016}),
			On: on}, risk.CategoryNone},
		{"2020 caller's standard decides", risk.IdentifyInput{Household: household("r6", 3, 2019, 0, poverty.YearMonthOf(2019, time.June), repeat(y(1200), 12)...),
			On: on, Standard: &poverty.Threshold{Kind: poverty.KindStandard, Amount: y(5000), Concept: poverty.DisposableIncome, Unit: poverty.UnitYuanPerPersonYear}}, risk.NewlyPoor},
		// 2023, Yunnan line 8,050 net income.
		{"2023 lifted out far below the line: unstable, no registration outcome from 2021", risk.IdentifyInput{Household: yunnanHousehold("h0", 4, 2, y(500), lifted), On: onY,
			Factors: risk.FactorsOf(risk.Illness)}, risk.UnstableLiftedOut},
		{"2023 lifted out in range at risk", risk.IdentifyInput{Household: yunnanHousehold("h", 4, 2, y(2500), lifted), On: onY,
			Factors: risk.FactorsOf(risk.UnstableEmployment)}, risk.UnstableLiftedOut},
		{"2023 never registered in range at risk", risk.IdentifyInput{Household: yunnanHousehold("i", 4, 2, y(2500), poverty.Registration{}), On: onY,
			Guarantees: poverty.Guarantees{Housing: poverty.NotSecured}}, risk.MarginalAtRisk},
		{"2023 above range, medical bill leaves net income below the line", risk.IdentifyInput{Household: yunnanHousehold("j", 4, 2, y(3000), poverty.Registration{}), On: onY,
			Assessment: heavy}, risk.SuddenDifficulty},
		{"2023 above range, bill but copes", risk.IdentifyInput{Household: yunnanHousehold("k", 4, 2, y(6000), poverty.Registration{}), On: onY,
			Assessment: heavy}, risk.CategoryNone},
		{"2023 above range, lifted out, guarantee lost after a bill", risk.IdentifyInput{Household: yunnanHousehold("l", 4, 2, y(6000), lifted), On: onY,
			Assessment: heavy, Guarantees: poverty.Guarantees{DrinkingWater: poverty.NotSecured}}, risk.SuddenDifficulty},
		{"2023 still registered poor", risk.IdentifyInput{Household: yunnanHousehold("m", 4, 2, y(500), poverty.Registration{Registered: 2015}), On: onY,
			Factors: risk.FactorsOf(risk.Illness)}, risk.CategoryNone},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id, err := risk.Identify(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if id.Category != tc.want {
				t.Errorf("category %s, want %s\n%s", id.Category, tc.want, id.Explain())
			}
			x := id.Explain()
			for _, c := range id.Criteria {
				if !strings.Contains(x, c.Code) || !strings.Contains(x, id.Code()) {
					t.Errorf("explanation lacks the decision or %s:\n%s", c.Code, x)
				}
			}
			if len(id.Criteria) == 0 || id.Criteria[0].Code != "identify.document" {
				t.Errorf("criteria do not start with the document: %v", id.Criteria)
			}
			if id.Category != risk.CategoryNone && !slices.Contains(id.Document.Categories, id.Category) && !slices.Contains(id.Document.Registers, id.Category) {
				t.Errorf("category %s not defined by %s", id.Category, id.Document.Name)
			}
			if id.Category.Monitored() == slices.Contains(id.Document.Registers, id.Category) && id.Category != risk.CategoryNone {
				t.Errorf("category %s: monitored %t, registered by the document %t", id.Category, id.Category.Monitored(), slices.Contains(id.Document.Registers, id.Category))
			}
		})
	}
}

func TestIdentifyErrors(t *testing.T) {
	h2021 := household("x", 2, 2020, 0, poverty.YearMonthOf(2020, time.June), repeat(y(1000), 12)...)
	net := household("n", 2, 2019, 0, poverty.YearMonthOf(2019, time.June), repeat(y(1000), 12)...)
	net.Concept = poverty.NetIncome
	line := poverty.Threshold{Kind: poverty.KindMonitoringLine, Amount: y(6000), Concept: poverty.DisposableIncome, Unit: poverty.UnitYuanPerPersonYear}
	tests := []struct {
		name string
		in   risk.IdentifyInput
		want error
	}{
		{"no household", risk.IdentifyInput{On: on}, poverty.ErrMissing},
		{"no date", risk.IdentifyInput{Household: flat()}, poverty.ErrMissing},
		{"before 2020", risk.IdentifyInput{Household: flat(), On: day("2019-12-31")}, poverty.ErrNotInForce},
		{"national 2021 line unconfirmed", risk.IdentifyInput{Household: h2021, On: day("2021-06-15")}, poverty.ErrUnconfirmed},
		{"incomplete window", risk.IdentifyInput{Household: household("w", 2, 2019, 0, poverty.YearMonthOf(2019, time.June), repeat(y(1000), 11)...), On: on}, poverty.ErrIncompleteWindow},
		{"concept mismatch", risk.IdentifyInput{Household: net, On: on, Line: &line}, poverty.ErrConceptMismatch},
		{"net income against the 2020 line: its DEFAULT concept policy", risk.IdentifyInput{Household: net, On: on}, nil},
		{"annual income of another year", risk.IdentifyInput{Household: household("y", 2, 2018, y(9000), 0), On: on}, poverty.ErrRange},
		{"no monthly records and no annual income", risk.IdentifyInput{Household: household("z", 2, 2020, 0, 0), On: on}, poverty.ErrMissing},
		{"caller line accepted for 2021", risk.IdentifyInput{Household: h2021, On: day("2021-06-15"), Line: &line}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := risk.Identify(tc.in)
			if !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
}

// TestIdentifyIncomeBasis: every identification says which income it read
// (concept and window): the trailing window of monthly records, which on
// 31 December is the calendar year; the annual record when there are no
// monthly records; the caller's figure.
func TestIdentifyIncomeBasis(t *testing.T) {
	yearEnd := day("2020-12-31")
	monthly := household("m", 2, 2020, 0, poverty.YearMonthOf(2020, time.January), repeat(y(1000), 12)...)
	annual := household("a", 2, 2020, y(12000), 0)
	lastYear := household("l", 2, 2019, y(12000), 0)
	ym := poverty.YearMonthOf
	tests := []struct {
		name   string
		in     risk.IdentifyInput
		basis  risk.IncomeBasis
		window poverty.Window
		label  string
	}{
		{"year-end identification reads December", risk.IdentifyInput{Household: monthly, On: yearEnd}, risk.MonthlyRecords,
			poverty.Window{From: ym(2020, time.January), To: ym(2020, time.December)}, "6000.00 disposable_income over 2020-01..2020-12 (monthly records)"},
		{"annual record of the year", risk.IdentifyInput{Household: annual, On: day("2020-09-01")}, risk.AnnualRecord,
			poverty.Window{From: ym(2020, time.January), To: ym(2020, time.December)}, "6000.00 disposable_income over 2020-01..2020-12 (annual record of 2020)"},
		{"annual record of the year before", risk.IdentifyInput{Household: lastYear, On: day("2020-09-01")}, risk.AnnualRecord,
			poverty.Window{From: ym(2019, time.January), To: ym(2019, time.December)}, "6000.00 disposable_income over 2019-01..2019-12 (annual record of 2019)"},
		{"caller's figure", risk.IdentifyInput{Household: annual, On: day("2020-09-01"), PerCapita: &poverty.Figure{Amount: y(5000), Concept: poverty.DisposableIncome}},
			risk.CallerFigure, poverty.Window{}, "5000.00 disposable_income (caller's figure)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id, err := risk.Identify(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			type out struct {
				Basis  risk.IncomeBasis
				Window poverty.Window
				Label  string
			}
			if d := cmp.Diff(out{tc.basis, tc.window, tc.label}, out{id.Basis, id.Window, id.IncomeLabel()}); d != "" {
				t.Errorf("(-want +got)\n%s", d)
			}
			if !strings.Contains(id.Explain(), tc.label) || !strings.Contains(id.String(), tc.label) {
				t.Errorf("the explanation does not label the income %q:\n%s", tc.label, id.Explain())
			}
			b, err := json.Marshal(id)
			if err != nil {
				t.Fatal(err)
			}
			var back risk.Identification
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if back.Basis != id.Basis || back.Window != id.Window {
				t.Errorf("JSON round trip: %s", b)
			}
		})
	}
}

func TestCheckFactors(t *testing.T) {
	unable := &poverty.Household{ID: "u", Members: []poverty.Member{{Capacity: poverty.UnableToWork}}}
	able := &poverty.Household{ID: "a", Members: []poverty.Member{{Capacity: poverty.AbleToWork}}}
	job := []risk.Event{{Kind: risk.Employment, Date: day("2020-01-01"), Action: risk.JobLost}}
	flood := []risk.Event{{Kind: risk.DisasterEvent, Date: day("2020-01-01"), Hazard: risk.DisasterFlood}}
	tests := []struct {
		name    string
		h       *poverty.Household
		factors risk.FactorSet
		events  []risk.Event
		want    map[string]bool
	}{
		{"unstable employment without worker or job record", unable, risk.FactorsOf(risk.UnstableEmployment), nil,
			map[string]bool{"factor.unstable_employment_needs_worker": false, "factor.unstable_employment_needs_job_record": false}},
		{"unstable employment consistent", able, risk.FactorsOf(risk.UnstableEmployment), job,
			map[string]bool{"factor.unstable_employment_needs_worker": true, "factor.unstable_employment_needs_job_record": true}},
		{"lack of labour with an able member", able, risk.FactorsOf(risk.LackOfLabor), nil,
			map[string]bool{"factor.lack_of_labour_with_able_member": false}},
		{"flood with its event", unable, risk.FactorsOf(risk.DisasterFlood), flood,
			map[string]bool{"factor.disaster_without_event": true}},
		{"drought without event", unable, risk.FactorsOf(risk.DisasterDrought), flood,
			map[string]bool{"factor.disaster_without_event": false}},
		{"illness has no rule", unable, risk.FactorsOf(risk.Illness), nil, map[string]bool{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]bool{}
			for _, c := range risk.FactorTest(tc.h, tc.factors, tc.events) {
				got[c.Code] = c.Pass
				if c.Source == "" || c.Input == "" {
					t.Errorf("%s: no source or input", c.Code)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}
