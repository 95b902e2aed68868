package measure_test

import (
	"fmt"
	"strings"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/poverty/measure"
)

// county returns the households of a small county table: two villages,
// Dongcun and Xicun, with annual wage income and resident members
// (per capita in brackets).
//
//	dongcun-01  4 members  12000  (3000)
//	dongcun-02  3 members  15000  (5000, of which 6000 workshop wages)
//	dongcun-03  2 members   7000  (3500)
//	xicun-01    5 members  35000  (7000)
//	xicun-02    1 member    3800  (3800)
//	xicun-03    3 members  13500  (4500, of which 3000 workshop wages)
//	xicun-04    2 members  16000  (8000)
func county(year int) []poverty.Household {
	hh := func(id string, members int, wage int64) poverty.Household {
		return poverty.Household{ID: id, Year: year, Concept: poverty.NetIncome,
			Members: make([]poverty.Member, members), Income: poverty.Income{Wage: poverty.YuanAmount(wage)}}
	}
	return []poverty.Household{
		hh("dongcun-01", 4, 12000), hh("dongcun-02", 3, 15000), hh("dongcun-03", 2, 7000),
		hh("xicun-01", 5, 35000), hh("xicun-02", 1, 3800), hh("xicun-03", 3, 13500), hh("xicun-04", 2, 16000),
	}
}

// village is the grouping key of the county table: the household ID's prefix.
func village(h *poverty.Household) string { v, _, _ := strings.Cut(h.ID, "-"); return v }

// The common flow: build a population of persons from households, then
// read the poverty measures at the standard and the Gini coefficient.
func Example() {
	p, err := measure.FromHouseholds(county(2020), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	std, _ := poverty.Default().Standard(2020, poverty.National, poverty.LookupOptions{})
	ms, _ := p.Poverty(poverty.BelowLine, std.Amount)
	g, _ := p.Gini()
	fmt.Printf("incidence %.2f, gap %.3f, severity %.4f, Gini %.3f\n", ms[0].Incidence, ms[0].Gap, ms[0].Severity, g)
	// Output: incidence 0.35, gap 0.065, severity 0.0142, Gini 0.190
}

func ExampleFromHouseholds() {
	p, err := measure.FromHouseholds(county(2020), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	std, _ := poverty.Default().Standard(2020, poverty.National, poverty.LookupOptions{})
	m, _ := p.Poverty(poverty.BelowLine, std.Amount)
	fmt.Printf("households %d, persons %.0f, concept %s\n", p.Len(), p.Weight(), p.Concept())
	fmt.Printf("standard %s: %.0f poor persons in %d households, incidence %.1f%%\n",
		std.Amount, m[0].Poor, m[0].PoorRecords, 100*m[0].Incidence)
	fmt.Printf("cost to lift everyone to the line: %s yuan (exact: %v)\n", m[0].Cost, m[0].CostExact)
	// Output:
	// households 7, persons 20, concept net_income
	// standard 4000.00: 7 poor persons in 3 households, incidence 35.0%
	// cost to lift everyone to the line: 5200.00 yuan (exact: true)
}

func ExampleNew() {
	// Per-capita incomes of four survey households and their weights
	// (persons each household stands for).
	welfare := []poverty.Money{poverty.YuanAmount(3200), poverty.YuanAmount(4100), poverty.YuanAmount(2500), poverty.YuanAmount(9000)}
	weights := []float64{1520.5, 980, 2210.25, 640}
	p, err := measure.New(welfare, weights)
	if err != nil {
		fmt.Println(err)
		return
	}
	lo, _ := p.Min()
	fmt.Println(p.Len(), p.Weight(), p.Integral(), lo)

	_, err = measure.New(welfare, []float64{1, 2, -3, 4})
	fmt.Println(err)
	// Output:
	// 4 5350.75 false 2500.00
	// measure.New: record "observation 2": field weight = "-3": negative value not allowed
}

func ExamplePopulation_Poverty() {
	p, _ := measure.FromHouseholds(county(2020), nil)
	// The standard and 1.5 times it, in one pass.
	std := poverty.YuanAmount(4000)
	wide, _ := std.MulRate(3*poverty.One/2, poverty.RoundHalfUp) // 1.5 times
	ms, err := p.Poverty(poverty.BelowLine, std, wide)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("line     poor  FGT0   FGT1    FGT2     Watts   Sen     cost")
	for _, m := range ms {
		fmt.Printf("%-8s %4.0f  %.3f  %.4f  %.5f  %.4f  %.4f  %s\n",
			m.Line, m.Poor, m.Incidence, m.Gap, m.Severity, m.Watts, m.Sen, m.Cost)
	}
	// Output:
	// line     poor  FGT0   FGT1    FGT2     Watts   Sen     cost
	// 4000.00     7  0.350  0.0650  0.01419  0.0735  0.0789  5200.00
	// 6000.00    13  0.650  0.2225  0.08762  0.2859  0.2706  26700.00
}

func ExamplePopulation_FGT() {
	p, _ := measure.FromHouseholds(county(2020), nil)
	for _, alpha := range []float64{0, 1, 2, 3} {
		v, _ := p.FGT(poverty.YuanAmount(4000), poverty.BelowLine, alpha)
		fmt.Printf("FGT(%v) = %.6f\n", alpha, v)
	}
	// Output:
	// FGT(0) = 0.350000
	// FGT(1) = 0.065000
	// FGT(2) = 0.014188
	// FGT(3) = 0.003327
}

func ExamplePopulation_ByGroup() {
	// Nancun is declared but has no household in the table: it still gets
	// a row, with no records and undefined (NaN) ratios.
	p, err := measure.FromHouseholds(county(2020), village, "nancun")
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := p.ByGroup(poverty.BelowLine, poverty.YuanAmount(4000))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("village  households persons  FGT0   share-of-FGT0  Gini")
	for _, g := range append(r.Groups, r.Total) {
		key := g.Key
		if key == "" {
			key = "county"
		}
		fmt.Printf("%-8s %10d %7.0f  %.3f  %13.3f  %.3f\n", key, g.Records, g.Population,
			g.Poverty[0].Incidence, g.Contributions[0].IncidenceShare, g.Inequality.Gini)
	}
	fmt.Printf("Theil T = %.4f within + %.4f between villages\n", r.Theil.TWithin, r.Theil.TBetween)
	// Output:
	// village  households persons  FGT0   share-of-FGT0  Gini
	// dongcun           3       9  0.667          0.857  0.121
	// nancun            0       0  NaN          0.000  NaN
	// xicun             4      11  0.091          0.143  0.126
	// county            7      20  0.350          1.000  0.190
	// Theil T = 0.0288 within + 0.0287 between villages
}

func ExamplePopulation_Inequality() {
	p, _ := measure.FromHouseholds(county(2020), nil)
	in, err := p.Inequality()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("mean %s, Gini %.4f, Theil T %.4f, Theil L %.4f\n", in.Mean, in.Gini, in.TheilT, in.TheilL)
	fmt.Printf("Atkinson(0.5, 1, 2) = %.4f %.4f %.4f\n", in.AtkinsonHalf, in.AtkinsonOne, in.AtkinsonTwo)
	fmt.Printf("Palma %.3f, S80/S20 %.3f\n", in.Palma, in.S80S20)
	fmt.Printf("poorest tenth holds %.1f%%, richest tenth %.1f%%\n", 100*in.Deciles[0], 100*in.Deciles[9])
	// Output:
	// mean 5115.00, Gini 0.1901, Theil T 0.0575, Theil L 0.0590
	// Atkinson(0.5, 1, 2) = 0.0288 0.0573 0.1111
	// Palma 0.586, S80/S20 2.500
	// poorest tenth holds 5.9%, richest tenth 15.6%
}

func ExamplePopulation_Lorenz() {
	p, _ := measure.FromHouseholds(county(2020), nil)
	pts, _ := p.Lorenz(0.2, 0.4, 0.6, 0.8)
	for _, pt := range pts {
		fmt.Printf("poorest %.0f%% hold %.1f%%\n", 100*pt.P, 100*pt.Share)
	}
	q, _ := p.Shares(5)
	fmt.Printf("quintile shares %.3f\n", q)
	// Output:
	// poorest 20% hold 11.7%
	// poorest 40% hold 26.7%
	// poorest 60% hold 45.3%
	// poorest 80% hold 70.7%
	// quintile shares [0.117 0.150 0.186 0.254 0.293]
}

func ExamplePopulation_RelativeLine() {
	p, _ := measure.FromHouseholds(county(2020), nil)
	med, _ := p.Median(poverty.RoundHalfUp)
	fmt.Println("median", med)
	for _, pct := range []int64{40, 50, 80} {
		z, err := p.RelativeLine(poverty.Rate(pct)*poverty.Percent, measure.OfMedian, poverty.RoundHalfUp)
		if err != nil {
			fmt.Println(err)
			return
		}
		m, _ := p.Poverty(poverty.BelowLine, z)
		fmt.Printf("%d%% of the median: line %s, relative poverty %.1f%%\n", pct, z, 100*m[0].Incidence)
	}
	// Output:
	// median 4833.33
	// 40% of the median: line 1933.33, relative poverty 0.0%
	// 50% of the median: line 2416.67, relative poverty 0.0%
	// 80% of the median: line 3866.67, relative poverty 35.0%
}

func ExamplePopulation_Quantiles() {
	p, _ := measure.FromHouseholds(county(2020), nil)
	qs, _ := p.Quantiles(poverty.RoundHalfUp, 0.1, 0.25, 0.5, 0.75, 0.9)
	fmt.Println(qs)
	// Output:
	// [3283.33 3750.00 4833.33 6625.00 7514.29]
}

func ExamplePopulation_LineForShare() {
	p, _ := measure.FromHouseholds(county(2020), nil)
	// The line below which the poorest 30% of persons fall.
	z, _ := p.LineForShare(30*poverty.Percent, poverty.BelowLine)
	m, _ := p.Poverty(poverty.BelowLine, z, z-poverty.Fen)
	fmt.Printf("line %s: %.0f%% below it; at %s: %.0f%%\n", z, 100*m[0].Incidence, z-poverty.Fen, 100*m[1].Incidence)
	// Output:
	// line 3500.01: 30% below it; at 3500.00: 20%
}

func ExamplePanelDynamics() {
	// The statuses of five households over 2019-2021 (from Classify, say),
	// weighted by resident members.
	const (
		rp = poverty.RegisteredPoor
		lo = poverty.LiftedOut
		mg = poverty.InMonitoringRange
		pu = poverty.PoorUnregistered
		np = poverty.NotPoor
	)
	hs := []measure.History[poverty.Status]{
		{ID: "dongcun-01", Weight: 4, Statuses: []poverty.Status{rp, lo, lo}},
		{ID: "dongcun-02", Weight: 3, Statuses: []poverty.Status{rp, lo, rp}},
		{ID: "dongcun-03", Weight: 2, Statuses: []poverty.Status{rp, rp, rp}},
		{ID: "xicun-02", Weight: 1, Statuses: []poverty.Status{mg, pu, mg}},
		{ID: "xicun-04", Weight: 2, Statuses: []poverty.Status{np, np, np}},
	}
	d, err := measure.PanelDynamics(hs, measure.StatusRules())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("relapses %d (%v persons), new entries %d, exits %d\n",
		d.Relapses.Records, d.Relapses.Weight, d.NewEntries.Records, d.Exits.Records)
	fmt.Printf("chronic %d, transient %d, never poor %d households (by duration: poor every year, some years, none)\n",
		d.ChronicByDuration.Records, d.TransientByDuration.Records, d.NeverPoor.Records)
	for _, s := range d.Spells {
		fmt.Printf("spells of %d year(s): %d (%d completed)\n", s.Length, s.Spells, s.Completed)
	}
	r, _ := d.Transitions[0].Rate(rp, lo)
	fmt.Printf("2019-2020: %.0f%% of registered poor persons lifted out\n", 100*r)
	// Output:
	// relapses 1 (3 persons), new entries 1, exits 3
	// chronic 1, transient 3, never poor 1 households (by duration: poor every year, some years, none)
	// spells of 1 year(s): 4 (1 completed)
	// spells of 2 year(s): 0 (0 completed)
	// spells of 3 year(s): 1 (0 completed)
	// 2019-2020: 78% of registered poor persons lifted out
}

func ExamplePanelDynamics_missingYears() {
	// A panel with gaps: dongcun-01 was not surveyed in 2020, xicun-02
	// left the county after 2020. A missing year is marked, not given a
	// status, and by default ends neither spell nor history.
	const (
		rp = poverty.RegisteredPoor
		lo = poverty.LiftedOut
		np = poverty.NotPoor
		no = poverty.Status(0) // ignored: the year is missing
	)
	hs := []measure.History[poverty.Status]{
		{ID: "dongcun-01", Weight: 4, Statuses: []poverty.Status{lo, no, rp}, Missing: []bool{false, true, false}},
		{ID: "dongcun-02", Weight: 3, Statuses: []poverty.Status{rp, rp, np}},
		{ID: "xicun-02", Weight: 1, Statuses: []poverty.Status{rp, rp, no}, Missing: []bool{false, false, true}},
	}
	rules := measure.StatusRules()
	rules.ChronicCutoff = 2 * poverty.One / 3 // Foster's τ: poor in two thirds of the observed years
	for _, gapEnds := range []bool{false, true} {
		rules.GapEndsSpell = gapEnds
		d, err := measure.PanelDynamics(hs, rules)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("gap ends spell %v: relapses %d, chronic by duration %d of %d units, not comparable 2019-2020: %d\n",
			gapEnds, d.Relapses.Records, d.ChronicByDuration.Records, d.Units, d.Transitions[0].Missing.Records)
	}
	rules.DropIncomplete = true // a balanced panel
	d, _ := measure.PanelDynamics(hs, rules)
	fmt.Printf("balanced: %d unit, %d dropped\n", d.Units, d.Dropped.Records)
	// Output:
	// gap ends spell false: relapses 1, chronic by duration 2 of 3 units, not comparable 2019-2020: 1
	// gap ends spell true: relapses 0, chronic by duration 2 of 3 units, not comparable 2019-2020: 1
	// balanced: 1 unit, 2 dropped
}

func ExampleTransitionMatrix() {
	// Colour tiers of a risk assessment, any comparable type.
	type tier string
	states := []tier{"green", "yellow", "red"}
	from := []tier{"green", "green", "yellow", "red", "red", "yellow"}
	to := []tier{"green", "yellow", "green", "yellow", "red", "red"}
	t, err := measure.TransitionMatrix(states, from, to, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, row := range t.Records {
		fmt.Println(t.States[i], row)
	}
	// Output:
	// green [1 1 0]
	// yellow [1 0 1]
	// red [0 1 1]
}

func ExampleAttributeOneAtATime() {
	// How much poverty would there be in 2020 without workshop wages,
	// everything else held fixed?
	workshop := map[string]poverty.Money{"dongcun-02": poverty.YuanAmount(6000), "xicun-03": poverty.YuanAmount(3000)}
	source := func(h *poverty.Household) poverty.Money { return workshop[h.ID] }

	as, err := measure.AttributeOneAtATime(county(2020), source, measure.AttributeOptions{}, poverty.YuanAmount(4000))
	if err != nil {
		fmt.Println(err)
		return
	}
	a := as[0]
	fmt.Printf("incidence %.0f%%, without workshop wages %.0f%%\n", 100*a.Scenario.Incidence, 100*a.Without.Incidence)
	fmt.Printf("households above the line: %d with, %d without; %d kept above by the workshop\n", a.AboveWith, a.AboveWithout, a.Lifted)
	// Output:
	// incidence 35%, without workshop wages 65%
	// households above the line: 4 with, 2 without; 2 kept above by the workshop
}

func ExampleAttributeShapley() {
	// Which sources of income keep the county's households out of
	// poverty? Each household has wages and transfers; xicun-02 also has
	// an operating loss, whose removal lifts it above the line. The
	// one-at-a-time effects add up to 0.75, not to the change of 0.65;
	// the Shapley parts do.
	hs := county(2020)
	for i := range hs {
		in := &hs[i].Income
		in.TransferIncome = in.Wage / 5
		in.Wage -= in.TransferIncome
	}
	hs[4].Income.OperatingCosts = poverty.YuanAmount(300) // xicun-02: a loss
	hs[4].Income.Wage += poverty.YuanAmount(300)

	s, err := measure.AttributeShapley(hs, measure.IncomeComponents(), measure.AttributeOptions{}, poverty.YuanAmount(4000))
	if err != nil {
		fmt.Println(err)
		return
	}
	inc := s.Lines[0].Incidence
	fmt.Printf("incidence %.2f as is, %.2f without any income: change %.2f\n", inc.With, inc.Without, inc.Total)
	for k, name := range s.Sources {
		fmt.Printf("%-13s Shapley %+.3f (share %+.2f), removed alone %+.3f\n", name, inc.Parts[k], inc.Shares[k], inc.Removal[k])
	}
	// Output:
	// incidence 0.35 as is, 1.00 without any income: change 0.65
	// wage          Shapley +0.583 (share +0.90), removed alone +0.650
	// net_operating Shapley -0.017 (share -0.03), removed alone -0.050
	// property      Shapley +0.000 (share +0.00), removed alone +0.000
	// net_transfer  Shapley +0.083 (share +0.13), removed alone +0.150
}

func ExampleChronicByComponents() {
	// Per-capita incomes of three households in 2019-2021. Xicun-02 is poor
	// every year; dongcun-02 dipped below the line once.
	hs := []measure.IncomeHistory{
		{ID: "dongcun-02", Weight: 3, Welfare: []poverty.Money{poverty.YuanAmount(4500), poverty.YuanAmount(3000), poverty.YuanAmount(5000)}},
		{ID: "xicun-02", Weight: 1, Welfare: []poverty.Money{poverty.YuanAmount(3400), poverty.YuanAmount(3600), poverty.YuanAmount(3800)}},
		{ID: "xicun-04", Weight: 2, Welfare: []poverty.Money{poverty.YuanAmount(7000), poverty.YuanAmount(7500), poverty.YuanAmount(8000)}},
	}
	r, err := measure.ChronicByComponents(hs, poverty.YuanAmount(4000), poverty.BelowLine, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("FGT2 over %d years: total %.5f = chronic %.5f + transient %.5f\n", r.Years, r.Total, r.Chronic, r.Transient)
	fmt.Printf("chronically poor: %d household(s), %v person(s)\n", r.ChronicUnits.Records, r.ChronicUnits.Weight)
	// Output:
	// FGT2 over 3 years: total 0.01236 = chronic 0.00167 + transient 0.01069
	// chronically poor: 1 household(s), 1 person(s)
}
