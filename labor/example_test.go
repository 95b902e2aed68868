package labor_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/openfupin/fupin/children"
	"github.com/openfupin/fupin/labor"
	"github.com/openfupin/fupin/poverty"
)

func ExampleJob_WageIn() {
	job := labor.Job{ID: "j1", Worker: "w1", Channel: labor.ChannelWorkshop, Workshop: "ws", Place: labor.InVillage,
		MonthlyWage: 2300 * poverty.Yuan, Start: poverty.MustParseDate("2020-03-15")}
	s := job.ServiceIn(2020)
	wage, _ := job.WageIn(2020)
	fmt.Println(s.Months, "whole months and", s.PartDays, "days of a", s.PartSpan, "day span:", wage)
	// Output: 9 whole months and 17 days of a 31 day span: 21961.29
}

func ExampleEmploymentRules_Classify() {
	p := labor.DefaultParams()
	lookup := poverty.LookupOptions{AcceptSecondary: true}                               // the transfer definition is SECONDARY
	stable, _ := labor.Lookup[labor.StableRule](p, "zero-employment-exit", 2020, lookup) // the library's reading of local rules (DEFAULT)
	transfer, _ := labor.Lookup[labor.TransferRule](p, "outside-township-6-months", 2020, lookup)
	age, _ := labor.Lookup[labor.AgeLimits](p, "jilin-2018", 2020, lookup) // Jilin's (LOCAL 22), asked for by ID; or the county's own limits
	rules := labor.EmploymentRules{Year: 2020, Age: age, Stable: stable, Transfer: transfer,
		MinimumWage: &labor.MinimumWage{Header: labor.Header{ID: "county",
			Provenance: poverty.Provenance{Source: "county notice", Status: poverty.Supplied, Scope: "530627"}}, Monthly: 1500 * poverty.Yuan}}

	workers := []labor.Worker{
		{ID: "a", Household: "h1", BirthDate: poverty.MustParseDate("1985-04-01"), Sex: poverty.Male, Capacity: poverty.AbleToWork},
		{ID: "b", Household: "h1", BirthDate: poverty.MustParseDate("1987-09-01"), Sex: poverty.Female, Capacity: poverty.AbleToWork},
	}
	jobs := [][]labor.Job{
		{{ID: "j", Worker: "a", Channel: labor.ChannelJobFair, Place: labor.OtherProvince, MonthlyWage: 1200 * poverty.Yuan,
			Start: poverty.MustParseDate("2020-10-01")}},
		nil,
	}
	he, err := rules.Classify("h1", workers, jobs, true)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(he)
	fmt.Println(he.Code, "labour force", he.LaborForce, "employed", he.Employed, "stable", he.Stable)
	for _, c := range he.Workers[0].Criteria(&rules) {
		fmt.Println(c.Pass, c.Code, "|", c.Input, "|", c.Param)
	}
	fmt.Println(he.Workers[0].Criteria(&rules)[0].Source)
	// Output:
	// h1: employment.zero_employment (labour force 2, stable 0)
	// employment.zero_employment labour force 2 employed 1 stable 0
	// false employment.stable_days | 92 days worked in 2020 | at least 180 days
	// false employment.stable_contract | longest contract 0 months | at least 12 months
	// false employment.stable_wage | best monthly wage 1200.00 | at least 1500.00 a month: county: county notice [SUPPLIED 530627]
	// zero-employment-exit: library default: its reading of the local rules on leaving 零就业家庭 status that a legal Q&A site (local rule definitions) and a local rule text on exit from 零就业家庭 and 零转移家庭 status report (POLICY.md 5.2, SECONDARY, local rules); no national rule found [DEFAULT]
}

func ExampleTally() {
	p := labor.DefaultParams()
	lookup := poverty.LookupOptions{AcceptSecondary: true}
	stable, _ := labor.Lookup[labor.StableRule](p, "zero-employment-exit", 2020, lookup)
	transfer, _ := labor.Lookup[labor.TransferRule](p, "outside-township-6-months", 2020, lookup)
	age, _ := labor.Lookup[labor.AgeLimits](p, "jilin-2018", 2020, lookup)
	t := labor.Tally{Rules: labor.EmploymentRules{Year: 2020, Age: age, Stable: stable, Transfer: transfer}, Poor: labor.GroupRegistered}

	// Stream households one at a time: a county of any size fits in memory.
	for i := range 10 {
		h := &labor.Household{Household: poverty.Household{ID: fmt.Sprint("h", i), Year: 2020}}
		if i < 4 {
			h.Registration.Registered = 2016
		}
		w := []labor.Worker{{ID: fmt.Sprint("w", i), Household: h.ID, BirthDate: poverty.MustParseDate("1980-01-01"), Sex: poverty.Male, Capacity: poverty.AbleToWork}}
		var jobs []labor.Job
		if i < 9 { // nine of ten supported through a workstation, all year
			jobs = []labor.Job{{ID: fmt.Sprint("j", i), Worker: w[0].ID, Channel: labor.ChannelWorkstation, Place: labor.OtherProvince,
				MonthlyWage: 4000 * poverty.Yuan, Start: poverty.MustParseDate("2019-06-01")}}
		}
		if err := t.Add(h, w, [][]labor.Job{jobs}); err != nil {
			fmt.Println(err)
			return
		}
	}
	rate, _ := t.TransferRate()
	share, _ := t.PoorShare()
	fmt.Printf("supported %d of %d (%s), %d from registered households (%s), %d zero-employment households\n",
		t.Supported, t.LaborForce, rate.Percent(), t.SupportedPoor, share.Percent(), t.ZeroEmployment)
	// Output: supported 9 of 10 (90%), 4 from registered households (44.4444%), 1 zero-employment households
}

func ExampleParams_Recognize() {
	p := labor.DefaultParams()
	ws := &labor.Workshop{ID: "ws1", Name: "garment workshop", Type: labor.Factory, Sites: []labor.Site{labor.SiteVillage},
		RegisteredBusiness: true, FixedPremises: true}
	poor := &labor.Household{Household: poverty.Household{ID: "h", Year: 2019, Registration: poverty.Registration{Registered: 2016}}}
	var posts []labor.Post
	for i := range 6 {
		id := fmt.Sprint("w", i)
		months := 12
		if i == 5 {
			months = 3 // too short a contract
		}
		posts = append(posts, labor.Post{
			Worker:    &labor.Worker{ID: id, Household: "h", BirthDate: poverty.MustParseDate("1975-01-01"), Sex: poverty.Female},
			Job:       &labor.Job{ID: id, Worker: id, Workshop: "ws1", Channel: labor.ChannelWorkshop, Place: labor.InVillage, MonthlyWage: 1800 * poverty.Yuan, Start: poverty.MustParseDate("2019-01-01"), ContractMonths: months},
			Household: poor,
		})
	}
	minWage := &labor.MinimumWage{Header: labor.Header{ID: "jilin-2019",
		Provenance: poverty.Provenance{Source: "caller's own file", Status: poverty.Supplied, Scope: "22", From: "2019"}}, Monthly: 1580 * poverty.Yuan}
	r, err := p.Recognize("jilin-2018", ws, posts, poverty.MustParseDate("2019-06-30"), labor.Options{MinimumWage: minWage})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r)
	fmt.Println("recognised:", r.Recognized, "counted:", r.Counted, "award:", r.Award.Total)
	fmt.Println(r.Posts[5].Job, r.Posts[5].Failed)
	fmt.Println(strings.Join(r.Award.Basis, "; "))
	// Output:
	// jilin-2018 workshop ws1 on 2019-06-30: recognised, 5 counted, award 5000.00
	// recognised: true counted: 5 award: 5000.00
	// w5 [post.contract]
	// 1000.00 x 5 counted workers = 5000.00
}

func ExampleParams_TransportSubsidy() {
	p := labor.DefaultParams()
	h := &labor.Household{Household: poverty.Household{ID: "h", Year: 2024, Registration: poverty.Registration{Registered: 2015, Exited: 2019}}}
	job := &labor.Job{ID: "j", Worker: "w", Channel: labor.ChannelSelfFound, Place: labor.OtherProvince,
		Destination: poverty.MustParseRegion("61"), MonthlyWage: 4500 * poverty.Yuan, Start: poverty.MustParseDate("2024-03-01")}
	r, err := p.TransportSubsidy("gansu-chongxin-2024", h, job, 2024, labor.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r)
	fmt.Println(r.Eligible, r.Total)
	fmt.Println(r.Criteria[len(r.Criteria)-1].Source)
	// Output:
	// gansu-chongxin-2024 job j: eligible, 400.00
	// true 400.00
	// gansu-chongxin-2024: 甘人社通〔2024〕155号, as applied in a 崇信县 (Gansu) notice, 2024 [LOCAL 620823]
}

func ExampleSummarizeExport() {
	s, _ := labor.SummarizeExport(
		[]labor.Workstation{{ID: "dongguan", Host: poverty.MustParseRegion("44"), Placements: 2000, DisputesSettled: 12}},
		[]labor.JobFair{{ID: "fair", Date: poverty.MustParseDate("2020-02-20"), Recruiters: 153, Vacancies: 50000, Hires: 3100}},
		nil)
	fmt.Println(s.ReportedPlacements, s.Recruiters, s.Vacancies, s.FillRate.Percent())
	// Output: 2000 153 50000 6.2%
}

func ExampleDecodeRecords() {
	doc := `{"schema": "fupin.labor.records/1",
	 "jobs": [{"id": "j1", "worker": "nobody", "channel": "workshop", "workshop": "ws9", "place": "in_village", "start": "2020-01-01"}]}`
	_, err := labor.DecodeRecords(strings.NewReader(doc), "upload.json")
	fmt.Println(err)
	// Output:
	// labor.DecodeRecords: record "j1": field worker = "nobody": reference to an unknown record
	// labor.DecodeRecords: record "j1": field workshop = "ws9": reference to an unknown record
}

func ExampleIndex_Impact() {
	doc := `{"schema": "fupin.labor.records/1",
	 "workshops": [{"id": "ws", "type": "factory"}],
	 "households": [
	  {"id": "h", "year": 2019, "concept": "disposable_income", "members": [{"birth_date": "1988-01-01", "months_away": 12, "income_brought_home": true}, {"birth_date": "2012-01-01"}, {"birth_date": "1960-01-01"}], "income": {"operating_income": "3000"}, "registration": {"registered": 2016}},
	  {"id": "h", "year": 2020, "concept": "disposable_income", "members": [{"birth_date": "1988-01-01"}, {"birth_date": "2012-01-01"}, {"birth_date": "1960-01-01"}], "income": {"operating_income": "3000"}, "registration": {"registered": 2016}}],
	 "workers": [{"id": "mum", "household": "h", "birth_date": "1988-01-01", "sex": "female", "capacity": "able"}],
	 "jobs": [
	  {"id": "city", "worker": "mum", "channel": "self_found", "place": "other_province", "monthly_wage": "600", "start": "2015-01-01", "end": "2019-12-31"},
	  {"id": "near", "worker": "mum", "channel": "workshop", "workshop": "ws", "place": "in_village", "monthly_wage": "2000", "start": "2020-01-01"}]}`
	idx, err := labor.DecodeRecords(strings.NewReader(doc), "example")
	if err != nil {
		fmt.Println(err)
		return
	}
	registry := children.Snapshot{On: poverty.MustParseDate("2019-12-31"), Children: []children.Child{{
		ID: "c", BirthDate: poverty.MustParseDate("2012-01-01"), Hukou: children.Rural,
		Father: children.Parent{ID: "dad", Situation: children.MigrantOutOfProvince},
		Mother: children.Parent{ID: "mum", Situation: children.MigrantOutOfProvince}}}}
	// Each year's income against its own year's lines: 2019 has a standard
	// (SECONDARY) and no monitoring line, so only the standard's crossing
	// is assessed.
	gansu, opts := poverty.MustParseRegion("62"), poverty.LookupOptions{AcceptSecondary: true}
	before, err := labor.ImpactLines(poverty.Default(), 2019, gansu, poverty.BelowLine, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	after, err := labor.ImpactLines(poverty.Default(), 2020, gansu, poverty.BelowLine, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("standards", before.Standard.Year, before.Standard.Amount, "and", after.Standard.Year, after.Standard.Amount)
	imp, err := idx.Impact(nil, labor.ImpactOptions{Year: 2020, BaselineYear: 2019, Before: before, After: after, Children: &registry})
	if err != nil {
		fmt.Println(err)
		return
	}
	h := imp.PerHousehold[0]
	fmt.Println("jobs", imp.Jobs, "poor", imp.JobsPoor, "wage bill", imp.WageBill)
	fmt.Println(imp)
	fmt.Println("per capita", h.Before.Amount, "->", h.After.Amount, "below the standard", h.BelowStandardBefore, "->", h.BelowStandardAfter, "share of gain", h.Share)
	fmt.Println("returned mothers", imp.ReturnedMothers, "children no longer left-behind", imp.ChildrenReunited)
	fmt.Println("return window", imp.ReturnWindowDays, "days from", imp.ReturnWindowSource)
	fmt.Println("monitoring line assessed", imp.LineAssessed)
	// 3,400 a head in 2019 was above that year's standard (3,218), though
	// below 2020's (4,000): against its own year's line the household did
	// not cross.
	//
	// Output:
	// standards 2019 3218.00 and 2020 4000.00
	// jobs 1 poor 1 wage bill 24000.00
	// ws: 1 jobs (1 poor or monitored), wage bill 24000.00, 0 households crossed the standard (2019 to 2020), 1 returned migrants (window 183 days), 1 children reunited
	// per capita 3400.00 -> 9000.00 below the standard false -> false share of gain 1.428571
	// returned mothers 1 children no longer left-behind 1
	// return window 183 days from returned-home: library default: its reading of a worker who "came home for the job" (返乡): a migrant job outside the county that ended at most 183 days (about six months) before the job near home started; no policy text fixes a window (none in POLICY.md 4 or 5) [DEFAULT]
	// monitoring line assessed false
}

func ExampleParams_Overlay() {
	own, err := labor.LoadParams(strings.NewReader(`{"schema": "fupin.labor.params/2",
	 "recognition": [{"id": "sichuan-guangyuan-2017", "scope": "51", "from": "2017", "to": "2018", "name": "corrected", "counts": "registered_poor", "min_workers": 10,
	   "award": {"one_off": "50000"}, "source": "our county's copy of the notice", "status": "SUPPLIED"}]}`), "county.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	p := labor.DefaultParams().Overlay(own)
	r, _ := labor.Lookup[labor.RecognitionRule](p, "sichuan-guangyuan-2017", 2018, poverty.LookupOptions{})
	_, err = labor.Lookup[labor.RecognitionRule](p, "sichuan-guangyuan-2017", 2019, poverty.LookupOptions{})
	fmt.Println(r.Name, r.Origin, "|", err)
	for _, v := range p.History("recognition", "sichuan-guangyuan-2017") {
		fmt.Println(v.Origin, v.From+"-"+v.To, v.Cite())
	}
	// Output:
	// corrected county.json | labor.Lookup: record "recognition sichuan-guangyuan-2017": field year = "2019": not in force
	// embedded 2017- 川北在线 (regional news site), 2017-02-14 [LOCAL 51 (press)]
	// county.json 2017-2018 our county's copy of the notice [SUPPLIED 51]
}

func ExampleParams_History() {
	p := labor.DefaultParams()
	// "jilin-2018" names both Jilin's age limits and its recognition rule:
	// the kind says which.
	for _, v := range p.History("age_limits", "jilin-2018") {
		a := v.Record.(labor.AgeLimits)
		fmt.Println(v.Kind, v.ID, a.Min, a.WomenMax, a.MenMax, v.Cite())
	}
	// Output: age_limits jilin-2018 16 55 60 吉人社联字〔2018〕20号 (Jilin) [LOCAL 22]
}

func ExampleParams_All() {
	// The register of the embedded parameters, whatever their status.
	n := map[poverty.SourceStatus]int{}
	for _, v := range labor.DefaultParams().All() {
		n[v.Status]++
		if v.Status != poverty.Local {
			fmt.Println(v.Kind, v.ID, v.Label())
		}
	}
	fmt.Println(n[poverty.Local], "LOCAL records")
	// Output:
	// age_limits zero-employment-rural DEFAULT
	// stable_employment zero-employment-exit DEFAULT
	// stable_employment national-one-member-employed UNCONFIRMED
	// transferred_labour outside-township-6-months SECONDARY
	// recognition xiangtan-press-5000 SECONDARY 43 (weak)
	// return_windows returned-home DEFAULT
	// 12 LOCAL records
}

func ExampleLookupIn() {
	p := labor.DefaultParams()
	// By region: a province's own rules; a county's rules (柳江区, 450206)
	// only when asked for by ID.
	for _, code := range []string{"45", "50"} {
		for _, r := range labor.LookupIn[labor.RecognitionRule](p, poverty.MustParseRegion(code), 2022, poverty.LookupOptions{}) {
			fmt.Println(code, r.ID, r.Label())
		}
	}
	r, err := labor.Lookup[labor.RecognitionRule](p, "guangxi-liujiang-2021", 2022, poverty.LookupOptions{})
	fmt.Println(r.ID, r.Label(), err)
	// Output:
	// 50 chongqing-2022 LOCAL 50
	// guangxi-liujiang-2021 LOCAL 450206 <nil>
}

func ExampleAddWages() {
	h := &labor.Household{Household: poverty.Household{ID: "h", Year: 2020, Concept: poverty.DisposableIncome,
		Members: []poverty.Member{{BirthDate: poverty.MustParseDate("1985-01-01")}, {BirthDate: poverty.MustParseDate("2013-01-01")}},
		Income:  poverty.Income{OperatingIncome: 3000 * poverty.Yuan}}}
	jobs := []labor.Job{{ID: "j", Worker: "w", Channel: labor.ChannelPublicWelfarePost, Place: labor.InVillage,
		MonthlyWage: 400 * poverty.Yuan, Start: poverty.MustParseDate("2020-07-01")}}
	with, _ := labor.AddWages(h, jobs)
	pc, _ := with.PerCapita()
	fmt.Println(with.Income.Wage, pc)
	// Output: 2400.00 2700.00 disposable_income
}

func ExampleDecoder() {
	stream := `{"workshop": {"id": "ws", "type": "home_based"}}
{"household": {"id": "h", "year": 2020, "concept": "net_income", "members": [{"birth_date": "1990-01-01"}]}}
{"worker": {"id": "w", "household": "h", "birth_date": "1990-01-01", "sex": "female", "capacity": "able"}}
{"job": {"id": "j", "worker": "w", "channel": "workshop", "workshop": "ws", "place": "in_village", "monthly_wage": "1800", "start": "2020-04-01"}}
{"job": {"id": "k", "worker": "w", "channel": "job_fair", "place": "in_space", "start": "2020-01-01"}}`
	d := labor.NewDecoder(strings.NewReader(stream), "upload.jsonl")
	for {
		l, err := d.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			continue
		}
		if l.Job != nil {
			w, _ := l.Job.WageIn(2020)
			fmt.Println("job", l.Job.ID, "wage in 2020:", w)
		}
	}
	// Output:
	// job j wage in 2020: 16200.00
	// labor.Decoder: record "upload.jsonl line 5": field line: invalid syntax: labor: parse place "in_space": unknown word
}

// The common flow: the embedded parameters, a household's employment, a
// workshop's recognition and what the workshop changed.
func Example() {
	p := labor.DefaultParams()
	lookup := poverty.LookupOptions{AcceptSecondary: true} // the transfer definition is SECONDARY
	age, _ := labor.Lookup[labor.AgeLimits](p, "jilin-2018", 2020, lookup)
	stable, _ := labor.Lookup[labor.StableRule](p, "zero-employment-exit", 2020, lookup)
	transfer, _ := labor.Lookup[labor.TransferRule](p, "outside-township-6-months", 2020, lookup)
	rules := labor.EmploymentRules{Year: 2020, Age: age, Stable: stable, Transfer: transfer}

	// Five mothers of one registered household came home from other
	// provinces to a village workshop.
	var workers, jobs []string
	for i := range 5 {
		w := fmt.Sprintf("m%d", i)
		workers = append(workers, fmt.Sprintf(`{"id": %q, "household": "h", "birth_date": "1985-01-01", "sex": "female", "capacity": "able"}`, w))
		jobs = append(jobs,
			fmt.Sprintf(`{"id": "%s-away", "worker": %q, "channel": "self_found", "place": "other_province", "monthly_wage": "300", "start": "2015-01-01", "end": "2019-12-31"}`, w, w),
			fmt.Sprintf(`{"id": "%s-ws", "worker": %q, "channel": "workshop", "workshop": "ws", "place": "in_village", "monthly_wage": "2000", "start": "2020-01-01", "contract_months": 12}`, w, w))
	}
	household := func(year int) string {
		return fmt.Sprintf(`{"id": "h", "year": %d, "concept": "disposable_income", "registration": {"registered": 2016},
		  "members": [{"birth_date": "1985-01-01"}, {"birth_date": "1985-01-01"}, {"birth_date": "1985-01-01"}, {"birth_date": "1985-01-01"},
		   {"birth_date": "1985-01-01"}, {"birth_date": "1980-01-01"}, {"birth_date": "2012-01-01"}], "income": {"operating_income": "7000"}}`, year)
	}
	doc := `{"schema": "fupin.labor.records/1", "workshops": [{"id": "ws", "type": "factory", "sites": ["village"]}],
	 "households": [` + household(2019) + `, ` + household(2020) + `],
	 "workers": [` + strings.Join(workers, ",") + `], "jobs": [` + strings.Join(jobs, ",") + `]}`
	idx, err := labor.DecodeRecords(strings.NewReader(doc), "example")
	if err != nil {
		fmt.Println(err)
		return
	}

	h, ws, js, _ := idx.Household("h", 2020)
	he, err := rules.Classify(h.ID, ws, js, false)
	fmt.Println(he, err)

	shop, posts, _ := idx.Workshop("ws", 2020)
	r, err := p.Recognize("jiangxi-pingxiang-mashan-2020", &shop, posts, poverty.MustParseDate("2020-12-31"), labor.Options{})
	fmt.Println(r, err)

	jiangxi, lopts := poverty.MustParseRegion("36"), poverty.LookupOptions{AcceptSecondary: true}
	before, _ := labor.ImpactLines(poverty.Default(), 2019, jiangxi, poverty.BelowLine, lopts)
	after, _ := labor.ImpactLines(poverty.Default(), 2020, jiangxi, poverty.BelowLine, lopts)
	imp, err := idx.Impact(nil, labor.ImpactOptions{Year: 2020, BaselineYear: 2019, Before: before, After: after})
	fmt.Println(imp, err)
	// Output:
	// h: employment.has_stable_member (labour force 5, stable 5) <nil>
	// jiangxi-pingxiang-mashan-2020 workshop ws on 2020-12-31: recognised, 5 counted, award 35000.00 <nil>
	// ws: 5 jobs (5 poor or monitored), wage bill 120000.00, 0 households crossed the standard (2019 to 2020), 5 returned migrants (window 183 days), 0 children reunited <nil>
}
