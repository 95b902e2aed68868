package risk_test

import (
	"fmt"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// A household above 5,000 yuan a head whose housing is no longer safe is
// not green: the Xinjiang scheme defines green as 两不愁三保障 secured. The
// colour without a severe cause is the scheme's DEFAULT parameter
// (yellow); after a major disaster or serious illness it is red. Without
// guarantees the result says they were not assessed.
func ExampleScheme_Classify_guarantees() {
	s, _ := risk.DefaultSchemes().Lookup("xinjiang-2020")
	fmt.Println("rule:", s.GuaranteeNotSecured.Tier, s.GuaranteeNotSecured.Label())
	pc := poverty.Figure{Amount: poverty.YuanAmount(8000), Concept: poverty.NetIncome}
	housing := poverty.AllSecured()
	housing.Housing = poverty.NotSecured
	secured := poverty.AllSecured()
	for _, in := range []risk.TierInput{
		{PerCapita: pc, Guarantees: &secured},
		{PerCapita: pc, Guarantees: &housing},
		{PerCapita: pc, Guarantees: &housing, SevereGuaranteeFailure: true},
		{PerCapita: pc},
	} {
		res, _ := s.Classify(in)
		fmt.Println(res)
	}
	// Output:
	// rule: yellow DEFAULT 65
	// tier.income green: 8000.00 net_income against 4000.00, 4500.00, 5000.00 (xinjiang-2020)
	// tier.guarantee_not_secured yellow: 8000.00 net_income against 4000.00, 4500.00, 5000.00 (xinjiang-2020)
	// tier.severe_guarantee_failure red: 8000.00 net_income against 4000.00, 4500.00, 5000.00 (xinjiang-2020)
	// tier.income green: 8000.00 net_income against 4000.00, 4500.00, 5000.00 (xinjiang-2020); guarantees not assessed
}

// A batch program with the households' guarantees tiers them on the fast
// path too, with the reason code of the rule that applied.
func ExampleTiering_TierWithGuarantees() {
	s, _ := risk.DefaultSchemes().Lookup("xinjiang-2020")
	tiering, err := s.Tiering(nil, poverty.NetIncome)
	if err != nil {
		fmt.Println(err)
		return
	}
	water := poverty.AllSecured()
	water.DrinkingWater = poverty.Unverified
	for _, pc := range []string{"3999.99", "4600", "5000.01"} {
		tier, code := tiering.TierWithGuarantees(poverty.MustParseMoney(pc), false, &water)
		fmt.Println(pc, tier, code)
	}
	tier, code := tiering.TierWithGuarantees(poverty.YuanAmount(8000), false, nil)
	fmt.Println("8000, guarantees not assessed:", tier, code)
	// Output:
	// 3999.99 red tier.guarantee_not_secured
	// 4600 yellow tier.guarantee_not_secured
	// 5000.01 yellow tier.guarantee_not_secured
	// 8000, guarantees not assessed: green tier.income
}
