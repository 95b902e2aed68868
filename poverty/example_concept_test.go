package poverty_test

import (
	"fmt"

	"github.com/openfupin/fupin/poverty"
)

// The concept policy: the 2020 monitoring line is stated in disposable
// income and accepts the registration system's net income, a DEFAULT
// reading that every comparison names; a caller's line without that
// policy refuses the pairing.
func ExampleThreshold_Compare() {
	line, err := poverty.Default().MonitoringLine(2020, poverty.MustParseRegion("53"), poverty.LookupOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	net := poverty.Figure{Amount: 5500 * poverty.Yuan, Concept: poverty.NetIncome}
	c, err := line.Compare(net)
	fmt.Println(c, err, line.Accepts.Concept, line.Accepts.Label())

	strict := line
	strict.Accepts = poverty.ConceptMatch{}
	_, err = strict.Compare(net)
	fmt.Println(err != nil, strict.ConceptNote(poverty.NetIncome))
	// Output:
	// -1 <nil> net_income DEFAULT
	// true not comparable: net_income against disposable_income
}
