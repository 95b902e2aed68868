package risk_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// weixianHousehold is a household of four just lifted out of poverty, with
// 1,800 yuan a month from 2019-05 (illustrative figures for the Weixian
// case of SEEDS.md S3).
func weixianHousehold() *poverty.Household {
	h := &poverty.Household{ID: "weixian-fu", County: poverty.MustParseCounty("130533"), Year: 2019,
		Concept: poverty.DisposableIncome, Income: poverty.Income{Wage: poverty.YuanAmount(21600)},
		Registration: poverty.Registration{Registered: 2014, Exited: 2019},
		Members: []poverty.Member{{Capacity: poverty.PartlyAble}, {Capacity: poverty.AbleToWork},
			{Capacity: poverty.AbleToWork}, {Capacity: poverty.UnableToWork}}}
	for m := range 12 {
		h.Monthly = append(h.Monthly, poverty.MonthlyIncome{Month: poverty.YearMonthOf(2019, time.May).Add(m),
			Income: poverty.Income{Wage: poverty.YuanAmount(1800)}})
	}
	return h
}

func ExampleDecodeEvents() {
	events, err := risk.DecodeEvents(strings.NewReader(`[
	  {"type": "medical_claim", "date": "2020-04-28", "total": "31800", "out_of_pocket": "10500", "severe": true},
	  {"type": "disaster", "date": "2020-07-01", "hazard": "0201", "loss": "8000", "lost": ["housing"]}
	]`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range events {
		fmt.Println(e.Kind, e.Date, e.OutOfPocket, e.Hazard, e.Hazard.Code(), e.Loss, e.Lost)
	}
	_, err = risk.DecodeEvents(strings.NewReader(`[{"type": "cadre_visit", "date": "2020-05-01", "loss": "1"}]`))
	fmt.Println(err)
	// Output:
	// medical_claim 2020-04-28 10500.00 unknown  0.00 none
	// disaster 2020-07-01 0.00 disaster_flood 0201 8000.00 housing
	// risk.DecodeEvents: event 0 (cadre_visit): field loss: unknown word: not a field of cadre_visit
}

func ExampleAssess() {
	h := weixianHousehold()
	events := []risk.Event{
		{Kind: risk.MedicalClaim, Date: poverty.MustParseDate("2020-04-28"), Total: poverty.YuanAmount(31800),
			OutOfPocket: poverty.YuanAmount(10500), Severe: true},
	}
	p := risk.DefaultParams()
	a, err := risk.Assess(h, events, poverty.MustParseDate("2020-05-20"), &p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a)
	fmt.Println("per capita:", a.PerCapita, "out of pocket:", a.MedicalOOP)
	for _, c := range a.Checks() {
		if c.Param.ID == "" {
			fmt.Println(c.Code(), c.Outcome, "(no numeric parameter)")
			continue
		}
		fmt.Println(c.Code(), c.Outcome, c.Param.Value(), c.Param.Status)
	}
	// Output:
	// weixian-fu 2020-05-20: per capita 5400.00 disposable_income over 2019-05..2020-04; warnings warning.medical_oop_amount, warning.medical_oop_share
	// per capita: 5400.00 disposable_income out of pocket: 10500.00
	// warning.rigid_expenditure clear 1 DEFAULT
	// warning.income_drop clear 0.3 DEFAULT
	// warning.medical_oop_amount triggered 10000.00 DEFAULT
	// warning.medical_oop_share triggered 0.3 DEFAULT
	// warning.guarantee_lost clear (no numeric parameter)
}

func ExampleWarningCheck_Explain() {
	h := weixianHousehold()
	events := []risk.Event{{Kind: risk.MedicalClaim, Date: poverty.MustParseDate("2020-04-28"),
		Total: poverty.YuanAmount(31800), OutOfPocket: poverty.YuanAmount(10500)}}
	a, _ := risk.Assess(h, events, poverty.MustParseDate("2020-05-20"), nil)
	c, _ := a.Lookup(risk.MedicalOOPAmount)
	fmt.Println(c)
	fmt.Println(strings.Split(c.Explain(), "; ")[1])
	fmt.Println(c.Param.Cite()[:48])
	// Output:
	// warning.medical_oop_amount triggered: 10500.00 (10000.00)
	// compliant out-of-pocket medical spending 10500.00
	// medical_oop_amount = 10000.00 yuan: library defa
}

func ExampleIdentify() {
	h := weixianHousehold()
	on := poverty.MustParseDate("2020-05-20")
	events := []risk.Event{{Kind: risk.MedicalClaim, Date: poverty.MustParseDate("2020-04-28"),
		Total: poverty.YuanAmount(31800), OutOfPocket: poverty.YuanAmount(10500), Severe: true}}
	a, _ := risk.Assess(h, events, on, nil)
	id, err := risk.Identify(risk.IdentifyInput{Household: h, On: on, Assessment: &a})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(&id)
	fmt.Println(id.Code(), id.PerCapita.Amount, "line", id.Line.Amount, "derived", id.Line.Derived)
	for _, c := range id.Criteria {
		fmt.Println(c.Code, c.Pass)
	}
	// Output:
	// category.unstable_lifted_out: household weixian-fu, per-capita income 5400.00 disposable_income over 2019-05..2020-04 (monthly records) against monitoring line 6000.00
	// category.unstable_lifted_out 5400.00 line 6000.00 derived true
	// identify.document true
	// identify.below_standard false
	// identify.income_in_range true
	// identify.income_net_of_oop true
	// identify.risk_present true
	// identify.coping_capacity false
	// identify.shock_2020 false
}

func ExampleCategoriesOn() {
	for _, on := range []string{"2020-03-19", "2020-03-20", "2020-12-31", "2021-01-01"} {
		d, err := risk.CategoriesOn(poverty.MustParseDate(on))
		if err != nil {
			fmt.Println(on, errors.Is(err, poverty.ErrNotInForce), err)
			continue
		}
		fmt.Println(on, d.ID, d.From, d.Categories, d.Label())
	}
	// Output:
	// 2020-03-19 true risk.CategoriesOn: record "monitored categories": field on = "2020-03-19": not in force (relapse monitoring starts with 国开发〔2020〕6号 《国务院扶贫开发领导小组关于建立防止返贫监测和帮扶机制的指导意见》, in force from 2020-03-20)
	// 2020-03-20 2020 2020-03-20 [unstable_lifted_out marginal] CONFIRMED
	// 2020-12-31 2020 2020-03-20 [unstable_lifted_out marginal] CONFIRMED
	// 2021-01-01 2021 2021 [unstable_lifted_out marginal sudden_difficulty] CONFIRMED
}

func ExampleScheme_Classify() {
	s, _ := risk.DefaultSchemes().Lookup("xinjiang-2020")
	fmt.Println(s.Cite())
	for _, pc := range []string{"3999.99", "4000", "4500", "4900", "5000", "5000.01"} {
		res, _ := s.Classify(risk.TierInput{PerCapita: poverty.Figure{Amount: poverty.MustParseMoney(pc), Concept: poverty.NetIncome}})
		fmt.Println(pc, res.Tier)
	}
	res, _ := s.Classify(risk.TierInput{PerCapita: poverty.Figure{Amount: poverty.YuanAmount(8000), Concept: poverty.NetIncome},
		SevereGuaranteeFailure: true})
	fmt.Println("8000 after a severe event with a guarantee lost:", res.Tier, res.Code)
	fmt.Println(res)
	// Output:
	// Xinjiang Poverty Alleviation Office via Xinhua, "新疆四级预警动态帮扶防返贫致贫", 2020-09-22 (reprint); cut-offs from CRI German service, 2020-09-22; income concept not stated (POLICY.md 3.1) [CONFIRMED 65 (press)]
	// 3999.99 red
	// 4000 orange
	// 4500 orange
	// 4900 yellow
	// 5000 yellow
	// 5000.01 green
	// 8000 after a severe event with a guarantee lost: red tier.severe_guarantee_failure
	// tier.severe_guarantee_failure red: 8000.00 net_income against 4000.00, 4500.00, 5000.00 (xinjiang-2020); guarantees not assessed
}

// A batch program resolves the scheme once for its line and income concept
// and tiers every income without validation or allocation.
func ExampleScheme_Tiering() {
	s, _ := risk.DefaultSchemes().Lookup("xinjiang-2020")
	tiering, err := s.Tiering(nil, poverty.NetIncome) // an absolute scheme: no line
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, pc := range []string{"3999.99", "4000", "5000", "5000.01"} {
		fmt.Println(pc, tiering.Tier(poverty.MustParseMoney(pc), false))
	}
	fmt.Println("8000, guarantee lost after a severe event:", tiering.Tier(poverty.YuanAmount(8000), true))
	// Output:
	// 3999.99 red
	// 4000 orange
	// 5000 yellow
	// 5000.01 green
	// 8000, guarantee lost after a severe event: red
}

func ExampleLoadSchemes_relative() {
	own, err := risk.LoadSchemes(strings.NewReader(`{"schema": "fupin.risk.tiers/2", "schemes": [{
	  "id": "my-county", "basis": "relative_to_monitoring_line",
	  "tiers": ["red", "yellow", "green"],
	  "cuts": [{"value": "1", "at_cut": "upper"}, {"value": "1.5", "at_cut": "lower"}],
	  "status": "SUPPLIED", "scope": "53", "from": "2023", "source": "my county's own scheme"}]}`), "my-county.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	schemes := risk.DefaultSchemes().Overlay(own)
	yunnan := poverty.MustParseRegion("53")
	s, ok := schemes.For(yunnan, 2023)
	if !ok {
		fmt.Println("no scheme")
		return
	}
	fmt.Println(s.ID, s.Label(), s.Origin)
	line, _ := poverty.Default().MonitoringLine(2023, yunnan, poverty.LookupOptions{})
	for _, pc := range []int64{8000, 8050, 12075, 12076} {
		res, _ := s.Classify(risk.TierInput{PerCapita: poverty.Figure{Amount: poverty.YuanAmount(pc), Concept: poverty.NetIncome}, Line: &line})
		fmt.Println(pc, res.Tier, res.Cuts)
	}
	// Output:
	// my-county SUPPLIED 53 my-county.json
	// 8000 red [8050.00 12075.00]
	// 8050 yellow [8050.00 12075.00]
	// 12075 yellow [8050.00 12075.00]
	// 12076 green [8050.00 12075.00]
}

func ExampleCatalog_Propose() {
	c := risk.DefaultCatalog()
	fmt.Println("able to work, illness:")
	for _, p := range c.Propose(risk.FactorsOf(risk.Illness), 2) {
		fmt.Println(" ", p.Measure.Code, p.Measure.Type, p.Reason.Code)
	}
	fmt.Println("no labour capacity, illness:")
	for _, p := range c.Propose(risk.FactorsOf(risk.Illness), 0) {
		fmt.Println(" ", p.Measure.Code, p.Measure.Type, p.Reason.Code)
	}
	// Output:
	// able to work, illness:
	//   transfer_employment development propose.development
	//   public_welfare_post development propose.development
	//   medical_insurance_assistance safety_net propose.safety_net
	//   temporary_assistance safety_net propose.safety_net
	// no labour capacity, illness:
	//   dibao safety_net propose.no_labour
	//   medical_insurance_assistance safety_net propose.no_labour
	//   temporary_assistance safety_net propose.safety_net
	//   pension safety_net propose.no_labour
}

func ExampleFactorTest() {
	h := &poverty.Household{ID: "h", Members: []poverty.Member{{Capacity: poverty.UnableToWork}}}
	for _, c := range risk.FactorTest(h, risk.FactorsOf(risk.UnstableEmployment), nil) {
		fmt.Println(c.Code, c.Pass)
	}
	// Output:
	// factor.unstable_employment_needs_worker false
	// factor.unstable_employment_needs_job_record false
}

func ExampleOpen() {
	c, err := risk.Open(risk.CaseInfo{ID: "case-1", HouseholdID: "weixian-fu", Region: poverty.MustParseRegion("13"),
		Category: risk.UnstableLiftedOut, Factors: risk.FactorsOf(risk.Illness), Channel: risk.DepartmentWarning, Members: 4},
		poverty.MustParseDate("2020-05-20"), "big-data warning verified by the healthcare department")
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = c.StartAssistance(poverty.MustParseDate("2020-06-01"), risk.MeasureRecord{Code: "medical_insurance_assistance",
		Type: risk.SafetyNet, Start: poverty.MustParseDate("2020-06-01"), Amount: poverty.YuanAmount(7000)}, "relief")
	_ = c.AddMeasure(poverty.MustParseDate("2020-07-01"), risk.MeasureRecord{Code: "transfer_employment",
		Type: risk.Development, Start: poverty.MustParseDate("2020-07-01")}, "job")
	for _, e := range c.History() {
		fmt.Println(e.Date, e.Step, e.Stage)
	}
	err = c.StartAssistance(poverty.MustParseDate("2020-08-01"), risk.MeasureRecord{Code: "dibao",
		Type: risk.SafetyNet, Start: poverty.MustParseDate("2020-08-01")}, "")
	fmt.Println(err)
	// Output:
	// 2020-05-20 opened identified
	// 2020-06-01 assistance_started under_assistance
	// 2020-07-01 measure_added under_assistance
	// risk.Case.StartAssistance: record "case case-1": field step = "assistance_started": at stage under_assistance: invalid transition
}

func ExampleEliminationTest() {
	h := weixianHousehold()
	h.Monthly = nil
	for m := range 24 { // 1,800 a month to 2020-06, then 2,600 after a job
		wage := poverty.YuanAmount(1800)
		if m >= 14 {
			wage = poverty.YuanAmount(2600)
		}
		h.Monthly = append(h.Monthly, poverty.MonthlyIncome{Month: poverty.YearMonthOf(2019, time.May).Add(m), Income: poverty.Income{Wage: wage}})
	}
	c, _ := risk.Open(risk.CaseInfo{ID: "case-1", HouseholdID: h.ID, Region: poverty.MustParseRegion("13"),
		Category: risk.UnstableLiftedOut, Factors: risk.FactorsOf(risk.Illness), Channel: risk.DepartmentWarning, Members: 4},
		poverty.MustParseDate("2020-05-20"), "")
	_ = c.StartAssistance(poverty.MustParseDate("2020-07-01"), risk.MeasureRecord{Code: "transfer_employment",
		Type: risk.Development, Start: poverty.MustParseDate("2020-07-01")}, "")
	res, err := risk.EliminationTest(risk.EliminationInput{Case: c, Household: h, On: poverty.MustParseDate("2020-12-10"),
		Guarantees: poverty.AllSecured(), Resolved: risk.FactorsOf(risk.Illness)}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(&res)
	fmt.Println("pass:", res.Pass)
	for _, f := range res.Failed() {
		fmt.Println("failed:", f.Code)
	}
	fmt.Println(c.Eliminate(&res))
	// Output:
	// case-1 2020-12-10: fail (after_assistance): elimination.income_stable
	// pass: false
	// failed: elimination.income_stable
	// risk.Case.Eliminate: record "case case-1": field step = "eliminated": at stage under_assistance: risk elimination test not passed
}

func ExampleTally() {
	var t risk.Tally
	for i := range 4 {
		c, _ := risk.Open(risk.CaseInfo{ID: fmt.Sprint("c", i), HouseholdID: fmt.Sprint("h", i), Region: poverty.MustParseRegion("34"),
			Category: risk.MarginalAtRisk, Factors: risk.FactorsOf(risk.Illness), Channel: risk.Application, Members: 3},
			poverty.MustParseDate("2020-04-01"), "")
		for k := range 3 + i%2 {
			m := risk.MeasureRecord{Code: "public_welfare_post", Type: risk.Development, Start: poverty.MustParseDate("2020-04-10")}
			if k == 0 {
				_ = c.StartAssistance(m.Start, m, "")
			} else {
				_ = c.AddMeasure(m.Start, m, "")
			}
		}
		t.Add(c)
	}
	r := t.Report()
	fmt.Println(r.Households, r.Measures, r.MeasuresPerHousehold, r.EliminationRate, r.ByStage)
	cr, _ := r.CapTest(200, false, nil)
	fmt.Println(cr.Share.Percent(), "within", cr.Cap.Rate.Percent(), cr.Within)
	// Output:
	// 4 14 3.5 0 [{under_assistance 4}]
	// 6% within 5% false
}

func ExampleParams_Overlay() {
	own, err := risk.LoadParams(strings.NewReader(`{"schema": "fupin.risk.params/2", "params": [
	  {"id": "medical_oop_amount", "unit": "yuan", "value": "8000", "status": "SUPPLIED", "scope": "53", "source": "my county's trigger"}]}`), "county.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	p := risk.DefaultParams().Overlay(own)
	fmt.Println(p.MedicalOOPAmount.Cite())
	for _, v := range p.History("medical_oop_amount") {
		fmt.Println("version:", v.Value(), v.Label(), v.Origin)
	}
	// Output:
	// medical_oop_amount = 8000.00 yuan: my county's trigger [SUPPLIED 53]
	// version: 10000.00 DEFAULT embedded
	// version: 8000.00 SUPPLIED 53 county.json
}

func ExampleCase_MarshalJSON() {
	c, _ := risk.Open(risk.CaseInfo{ID: "case-1", HouseholdID: "h1", Region: poverty.MustParseRegion("34"),
		Category: risk.MarginalAtRisk, Factors: risk.FactorsOf(risk.Illness), Channel: risk.Application, Members: 2},
		poverty.MustParseDate("2020-04-01"), "application")
	_ = c.ReturnToPoverty(poverty.MustParseDate("2020-09-01"), "income collapsed after a flood")
	b, _ := json.Marshal(c) // marshal the *Case
	fmt.Println(string(b))

	var back risk.Case
	fmt.Println(json.Unmarshal(b, &back), back.Stage())
	tampered := strings.Replace(string(b), `"step":"returned"`, `"step":"eliminated"`, 1)
	fmt.Println(json.Unmarshal([]byte(tampered), &back))

	next, err := back.Reopen(risk.CaseInfo{ID: "case-2", HouseholdID: "h1", Region: poverty.MustParseRegion("34"),
		Category: risk.UnstableLiftedOut, Factors: risk.FactorsOf(risk.DisasterFlood), Channel: risk.CadreVisit, Members: 2},
		poverty.MustParseDate("2021-03-01"), "monitored again")
	fmt.Println(err, next.Info().Previous, next.Stage())
	// Output:
	// {"id":"case-1","household_id":"h1","region":"34","category":"marginal","factors":["illness"],"channel":"application","members":2,"stage":"returned_to_poverty","history":[{"date":"2020-04-01","step":"opened","stage":"identified","reason":"application"},{"date":"2020-09-01","step":"returned","stage":"returned_to_poverty","reason":"income collapsed after a flood"}]}
	// <nil> returned_to_poverty
	// risk.Case.UnmarshalJSON: record "case case-1": field history[1].step = "eliminated": at stage identified: invalid transition: route unset from identified
	// <nil> case-1 identified
}

// The common flow: department events become warnings, the warnings and
// the income decide the monitored category and the colour tier, measures
// are proposed and a case is opened.
func Example() {
	h := weixianHousehold()
	on := poverty.MustParseDate("2020-05-20")
	events := []risk.Event{{Kind: risk.MedicalClaim, Date: poverty.MustParseDate("2020-04-28"),
		Total: poverty.YuanAmount(31800), OutOfPocket: poverty.YuanAmount(10500), Severe: true}}

	a, err := risk.Assess(h, events, on, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a)
	id, err := risk.Identify(risk.IdentifyInput{Household: h, On: on, Assessment: &a})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(&id)
	scheme, _ := risk.DefaultSchemes().Lookup("xinjiang-2020")
	tier, err := scheme.Classify(risk.TierInput{PerCapita: a.PerCapita, SevereGuaranteeFailure: a.SevereGuaranteeFailure})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tier)
	c, err := risk.Open(risk.CaseInfo{ID: "case-1", HouseholdID: h.ID, Region: h.Province(), Category: id.Category,
		Factors: a.Factors, Channel: risk.DepartmentWarning, Members: h.Residents()}, on, id.Code())
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, p := range risk.DefaultCatalog().Propose(a.Factors, h.Workers()) {
		m := risk.MeasureRecord{Code: p.Measure.Code, Type: p.Measure.Type, Start: on}
		if i == 0 {
			err = c.StartAssistance(on, m, p.Reason.Code)
		} else {
			err = c.AddMeasure(on, m, p.Reason.Code)
		}
		if err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Println(c.Stage(), len(c.History()), "entries")
	// Output:
	// weixian-fu 2020-05-20: per capita 5400.00 disposable_income over 2019-05..2020-04; warnings warning.medical_oop_amount, warning.medical_oop_share
	// category.unstable_lifted_out: household weixian-fu, per-capita income 5400.00 disposable_income over 2019-05..2020-04 (monthly records) against monitoring line 6000.00
	// tier.income green: 5400.00 disposable_income against 4000.00, 4500.00, 5000.00 (xinjiang-2020); guarantees not assessed
	// under_assistance 5 entries
}
