package fupin_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// A monitoring platform in Guizhou classifies a household for 2023. No
// monitoring line for Guizhou 2023 is confirmed in the embedded data, so the
// platform supplies its province's line in its own parameter file, then
// classifies the household and places it in a colour tier.
func Example() {
	tab := poverty.Default()
	guizhou := poverty.MustParseRegion("52")
	_, err := tab.MonitoringLine(2023, guizhou, poverty.LookupOptions{})
	fmt.Println("embedded line unconfirmed:", errors.Is(err, poverty.ErrUnconfirmed))

	own, err := poverty.LoadTable(strings.NewReader(`{"schema": "fupin.thresholds/2", "records": [
	  {"kind": "monitoring_line", "scope": "52", "year": 2023, "value": "7300",
	   "unit": "yuan_per_person_year", "concept": "net_income",
	   "source": "the province's 2023 circular, held by the platform", "status": "SUPPLIED"}]}`), "guizhou-2023.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	tab = tab.Overlay(own)
	lines, err := tab.LinesFor(2023, guizhou, poverty.BelowLine, poverty.LookupOptions{Lenient: true})
	if err != nil {
		fmt.Println(err)
		return
	}

	h := poverty.Household{
		ID: "GZ-0001", County: poverty.MustParseCounty("522728"), Year: 2023, Concept: poverty.NetIncome,
		Members:      make([]poverty.Member, 4),
		Income:       poverty.Income{Wage: poverty.YuanAmount(18000), OperatingIncome: poverty.YuanAmount(12000), OperatingCosts: poverty.YuanAmount(3000)},
		Registration: poverty.Registration{Registered: 2015, Exited: 2019},
	}
	c, err := poverty.Classify(&h, &lines)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Status, c.PerCapita, "below the monitoring line:", c.BelowLine)

	// The platform's own colour scheme, relative to the province's line: red
	// below the line, yellow up to 1.5 times it, green above.
	schemes, err := risk.LoadSchemes(strings.NewReader(`{"schema": "fupin.risk.tiers/2", "schemes": [
	  {"id": "platform", "scope": "52", "from": "2023", "basis": "relative_to_monitoring_line",
	   "tiers": ["red", "yellow", "green"],
	   "cuts": [{"value": "1", "at_cut": "upper"}, {"value": "1.5", "at_cut": "lower"}],
	   "status": "SUPPLIED", "source": "the platform's own scheme"}]}`), "tiers.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	platform, _ := schemes.Lookup("platform")
	tier, err := platform.Classify(risk.TierInput{PerCapita: c.PerCapita, Line: &lines.Monitoring})
	fmt.Println("tier:", tier.Tier, err)
	// Output:
	// embedded line unconfirmed: true
	// lifted_out 6750.00 net_income below the monitoring line: true
	// tier: red <nil>
}
