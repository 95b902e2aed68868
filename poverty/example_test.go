package poverty_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/openfupin/fupin/poverty"
	"github.com/shopspring/decimal"
)

// The common flow: the lines of a year and province from the embedded
// data, a household's status against them, and the exit test.
func Example() {
	tab := poverty.Default()
	lines, err := tab.LinesFor(2020, poverty.MustParseRegion("53"), poverty.BelowLine, poverty.LookupOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	h := &poverty.Household{ID: "yn-001", Year: 2020, Region: poverty.MustParseRegion("53"), Concept: poverty.DisposableIncome,
		Members:      make([]poverty.Member, 4),
		Income:       poverty.Income{Wage: poverty.YuanAmount(14000), OperatingIncome: poverty.YuanAmount(6000), OperatingCosts: poverty.YuanAmount(1500)},
		Registration: poverty.Registration{Registered: 2014}}
	c, err := poverty.Classify(h, &lines)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c)
	r, _ := poverty.ExitTest(h, lines.Standard, poverty.AllSecured(), lines.Boundary, nil)
	fmt.Println(r)
	// Output:
	// status.registered_poor: per-capita 4625.00 disposable_income of 2020; standard 4000.00; monitoring line 6000.00
	// yn-001 2020: pass; per-capita 4625.00 disposable_income
}

func ExampleParseMoney() {
	m, err := poverty.ParseMoney("30000.5")
	fmt.Println(m, int64(m), err)
	_, err = poverty.ParseMoney("1.234")
	fmt.Println(err)
	// Output:
	// 30000.50 3000050 <nil>
	// poverty: parse money "1.234": invalid syntax
}

func ExampleMoney_MulRate() {
	standard := poverty.YuanAmount(4000)
	line, _ := standard.MulRate(3*poverty.One/2, poverty.RoundHalfUp) // 1.5 times
	fmt.Println(line)
	// Output: 6000.00
}

func ExampleMoneyFromDecimal() {
	d := decimal.RequireFromString("1234.565")
	up, _ := poverty.MoneyFromDecimal(d, poverty.RoundHalfUp)
	even, _ := poverty.MoneyFromDecimal(d, poverty.RoundHalfEven)
	fmt.Println(up, even)
	// Output: 1234.57 1234.56
}

func ExampleTable_Standard() {
	tab := poverty.Default()
	for _, year := range []int{2011, 2016, 2017, 2020} {
		th, err := tab.Standard(year, poverty.National, poverty.LookupOptions{})
		if err != nil {
			fmt.Println(year, "error:", errors.Is(err, poverty.ErrUnconfirmed))
			continue
		}
		fmt.Println(year, th.Amount, th.Concept, th.Status)
	}
	// Output:
	// 2011 2536.00 net_income CONFIRMED
	// 2016 2952.00 disposable_income CONFIRMED
	// 2017 error: true
	// 2020 4000.00 not_stated CONFIRMED
}

func ExampleTable_Standard_lenient() {
	tab := poverty.Default()
	// Past 2020 no standard series is in force, lenient or not: the 2010
	// standard's last published value is 2020's, and from 2021 monitoring
	// lines take over. The lenient lookup does not extend a closed series.
	_, err := tab.Standard(2022, poverty.National, poverty.LookupOptions{Lenient: true})
	fmt.Println(errors.Is(err, poverty.ErrNotInForce), err)
	// Within a series, a lenient lookup past the last value returns it with
	// its own year and status, marked stale.
	th, _ := tab.MonitoringLine(2026, poverty.MustParseRegion("53"), poverty.LookupOptions{Lenient: true})
	fmt.Println(th.Amount, th.Year, th.Label(), "stale:", th.Stale)
	// Output:
	// true poverty: poverty_standard for 2022 in region "national": not in force: no value for year (no standard series in force)
	// 8700.00 2025 LOCAL 53 (provincial, via township notice) stale: true
}

func ExampleTable_MonitoringLine() {
	tab := poverty.Default()
	yunnan := poverty.MustParseRegion("53")
	l, _ := tab.MonitoringLine(2025, yunnan, poverty.LookupOptions{})
	fmt.Println(l.Amount, l.Concept, l.Provenance.Cite())
	// The 2020 line is derived from two approximate values, and prints so.
	derived, _ := tab.MonitoringLine(2020, yunnan, poverty.LookupOptions{})
	fmt.Println(derived, derived.Concept)
	_, err := tab.MonitoringLine(2022, yunnan, poverty.LookupOptions{})
	fmt.Println(errors.Is(err, poverty.ErrUnconfirmed))
	// Output:
	// 8700.00 net_income 云农办通〔2025〕1号, as cited in a 凤尾镇 township notice [LOCAL 53 (provincial, via township notice)]
	// ≈ 6000.00 (derived: ≈ 1.5 × standard ≈ 4000.00) disposable_income
	// true
}

func ExampleThreshold_Cite() {
	tab := poverty.Default()
	th, _ := tab.Lookup(poverty.KindVillageIncidenceMax, "", 2018, poverty.MustParseRegion("62"), poverty.LookupOptions{AcceptSecondary: true})
	fmt.Println(th.Cite())
	// Output:
	// village_incidence_max 0.03 (2016): 厅字〔2016〕16号 《关于建立贫困退出机制的意见》 (as quoted in an exam question); web page on the Guangxi 十一有一低于 standard [SECONDARY west]
}

func ExampleTable_Overlay() {
	own, err := poverty.LoadTable(strings.NewReader(`{
	  "schema": "fupin.thresholds/2",
	  "records": [{"kind": "monitoring_line", "scope": "52", "year": 2023, "value": "7300",
	    "unit": "yuan_per_person_year", "concept": "net_income",
	    "source": "provincial circular held by the caller", "status": "SUPPLIED"}]
	}`), "guizhou.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	tab := poverty.Default().Overlay(own)
	l, _ := tab.MonitoringLine(2023, poverty.MustParseRegion("52"), poverty.LookupOptions{})
	fmt.Println(l.Amount, l.Status, l.Origin)
	// Output: 7300.00 SUPPLIED guizhou.json
}

func ExampleHousehold_PerCapita() {
	h := poverty.Household{
		ID: "S1", Year: 2020, Concept: poverty.NetIncome,
		Members: make([]poverty.Member, 5),
		Income: poverty.Income{
			Wage:            poverty.YuanAmount(30000),
			OperatingIncome: poverty.YuanAmount(70000),
			// A one-off, earmarked housing subsidy is recorded but not counted.
			Excluded: poverty.Excluded{EarmarkedSubsidy: poverty.YuanAmount(40000)},
		},
	}
	pc, err := h.PerCapita()
	fmt.Println(pc, err)
	// Output: 20000.00 net_income <nil>
}

func ExampleClassify() {
	tab := poverty.Default()
	lines, _ := tab.LinesFor(2020, poverty.National, poverty.BelowLine, poverty.LookupOptions{})
	h := poverty.Household{ID: "edge", Year: 2020, Concept: poverty.DisposableIncome,
		Members: make([]poverty.Member, 2), Income: poverty.Income{Wage: poverty.YuanAmount(11000)}}
	c, _ := poverty.Classify(&h, &lines)
	fmt.Println(c.Status, c.PerCapita.Amount, "below line:", c.BelowLine)
	// Output: in_monitoring_range 5500.00 below line: true
}

func ExampleClassifyIncome() {
	// A batch program holding counts and income components, not members.
	lines, _ := poverty.Default().LinesFor(2020, poverty.National, poverty.BelowLine, poverty.LookupOptions{})
	c, _ := poverty.ClassifyIncome(2020, poverty.Registration{}, 2,
		poverty.Income{Wage: poverty.YuanAmount(11000)}, poverty.DisposableIncome, &lines)
	fmt.Println(c)
	// Output: status.in_monitoring_range: per-capita 5500.00 disposable_income of 2020; standard 4000.00; monitoring line 6000.00
}

func ExampleExitTest() {
	h := poverty.Household{
		ID: "S1", Year: 2020, Concept: poverty.NetIncome, Members: make([]poverty.Member, 5),
		Income:       poverty.Income{Wage: poverty.YuanAmount(30000), OperatingIncome: poverty.YuanAmount(70000)},
		Registration: poverty.Registration{Registered: 2014},
	}
	std, _ := poverty.Default().Standard(2020, poverty.National, poverty.LookupOptions{})
	g := poverty.AllSecured()
	g.Housing = poverty.NotSecured
	r, _ := poverty.ExitTest(&h, std, g, poverty.BelowLine, nil)
	fmt.Println("pass:", r.Pass)
	for _, c := range r.Criteria {
		fmt.Printf("%-27s %v\n", c.Code, c.Pass)
	}
	// Output:
	// pass: false
	// exit.registered             true
	// exit.income_above_standard  true
	// exit.food                   true
	// exit.clothing               true
	// exit.education              true
	// exit.medical                true
	// exit.housing                false
	// exit.drinking_water         true
}

func ExampleTable_CountyDelisting() {
	r, _ := poverty.Default().CountyDelisting(2019, poverty.MustParseRegion("64"), poverty.CountyCounts{
		Name: "a county in Ningxia", Population: 200000, Poor: 5000,
		SampledExited: 1000, WronglyExited: 12, SampledNonRegistered: 5000, Omitted: 40,
		Surveyed: 1000, Approving: 953,
	}, poverty.LookupOptions{})
	fmt.Println("pass:", r.Pass)
	for _, c := range r.Criteria {
		fmt.Println(c.Code, c.Pass, c.Input)
	}
	fmt.Println(r.Criteria[1].Param)
	// Output:
	// pass: true
	// delisting.county_incidence true poor 5000 / population 200000 = 2.5% (lt 3%)
	// delisting.county_wrongful_exit true wrongly_exited 12 / sampled_exited 1000 = 1.2% (lt 2%)
	// delisting.county_omission true omitted 40 / sampled_non_registered 5000 = 0.8% (lt 2%)
	// delisting.county_approval true approving 953 / surveyed 1000 = 95.3% (ge 90%)
	// county_wrongful_exit_max 0.02 (2017): 《贫困县退出专项评估检查实施办法(试行)》, 国务院扶贫办, Oct 2017 (Liaowang, 2017; Ningxia News, 2019-04-27; People's Daily, 2019-07-03) [CONFIRMED]
}

func ExampleParseIDNumber() {
	id, err := poverty.ParseIDNumber("11010519491231002X")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(id, id.BirthDate(), id.Sex())
	// Output: 110105********002X 1949-12-31 female
}

func ExampleIntlLine_Annual() {
	l, _ := poverty.Default().IntlLine("wb-3.00-2021")
	// The library holds no PPP factor: the caller supplies one.
	ppp := decimal.RequireFromString("3.9")
	y, _ := l.Annual(ppp, poverty.RoundHalfUp)
	fmt.Println(y)
	// Output: 4270.50
}

func ExampleDate_AgeOn() {
	born := poverty.MustParseDate("2010-05-20")
	fmt.Println(born.AgeOn(poverty.MustParseDate("2026-05-19")), born.AgeOn(poverty.MustParseDate("2026-05-20")))
	// Output: 15 16
}

func ExampleTable_VillageDelisting() {
	tab := poverty.Default()
	// The village cut-offs are SECONDARY (POLICY.md 1.7): a strict lookup
	// refuses them, and the criterion's parameter says so when accepted.
	_, err := tab.VillageDelisting(2018, poverty.MustParseRegion("62"), poverty.VillageCounts{Name: "village", Population: 1200, Poor: 30}, poverty.LookupOptions{})
	fmt.Println(errors.Is(err, poverty.ErrSecondary))
	// The same incidence, 2.5%, in a western and in a central province.
	for _, region := range []string{"62", "34"} {
		r, _ := tab.VillageDelisting(2018, poverty.MustParseRegion(region), poverty.VillageCounts{
			Name: "village", Population: 1200, Poor: 30,
		}, poverty.LookupOptions{AcceptSecondary: true})
		fmt.Println(poverty.MustParseRegion(region).Name(), r.Pass, r.Criteria[0].Input)
	}
	// Output:
	// true
	// Gansu true poor 30 / population 1200 = 2.5% (le 3%)
	// Anhui false poor 30 / population 1200 = 2.5% (le 2%)
}

func ExampleTable_History() {
	own, _ := poverty.LoadTable(strings.NewReader(`{"schema": "fupin.thresholds/2", "records": [
	  {"kind": "monitoring_line", "scope": "53", "year": 2025, "value": "8800", "unit": "yuan_per_person_year",
	   "concept": "net_income", "source": "a revised circular held by the caller", "status": "SUPPLIED"}]}`), "revision.json")
	tab := poverty.Default().Overlay(own)
	for _, th := range tab.History(poverty.KindMonitoringLine, "", poverty.ScopeOf(poverty.MustParseRegion("53")), 2025) {
		fmt.Println(th.Amount, th.Label(), th.Origin)
	}
	// Output:
	// 8700.00 LOCAL 53 (provincial, via township notice) embedded
	// 8800.00 SUPPLIED 53 revision.json
}

func ExampleTable_Gaps() {
	// Records lists the values; Gaps the UNCONFIRMED records kept to show
	// what no source confirms, with the commonly quoted figure in the note.
	for _, g := range poverty.Default().Gaps(poverty.KindStandard) {
		fmt.Println(g.Year, g.Status, g.String(), "|", g.Note)
	}
	// Output:
	// 2017 UNCONFIRMED no value | a household-check list in public code uses 2,952 for 2014-2017; not an NBS publication
	// 2018 UNCONFIRMED no value | commonly quoted 2,995; no source found
}

func ExampleRules() {
	for _, r := range poverty.Rules() {
		if r.Value != 0 {
			fmt.Println(r.Code, r.Value, r.Unit, r.Label())
		}
	}
	// Output:
	// household.resident 6 months SECONDARY
	// income.trailing_window 12 months DEFAULT
}

func ExampleTrailingWindowOf() {
	on := poverty.MustParseDate("2020-06-15")
	w := poverty.TrailingWindow(on) // the embedded 12 months, a DEFAULT reading
	own := poverty.TrailingWindowOf(on, 6)
	fmt.Println(w.From, w.To, own.From, own.To)
	// Output: 2019-06 2020-05 2019-12 2020-05
}

func ExampleFigure_As() {
	// A net-income household against the 2020 line, which the 2020 guidance
	// states in disposable income: the library refuses to mix concepts...
	income := poverty.Figure{Amount: poverty.YuanAmount(5800), Concept: poverty.NetIncome}
	line, _ := poverty.Default().MonitoringLine(2020, poverty.National, poverty.LookupOptions{})
	_, err := income.Compare(line.Figure())
	fmt.Println(err)
	// ...unless the caller relabels the figure, visibly, under its own rule.
	c, _ := income.As(poverty.DisposableIncome).Compare(line.Figure())
	fmt.Println(c)
	// Output:
	// income concepts differ: figure net_income, threshold disposable_income
	// -1
}
