// Command table prints the table of docs/VALIDATION.md: each published
// figure of docs/SEEDS.md beside the model's prediction over seeds 1-5.
//
//	go run ./internal/gen/predict/table
package main

import (
	"fmt"
	"os"

	"github.com/openfupin/fupin/internal/gen/predict"
)

func main() {
	res, err := predict.Run()
	if err != nil {
		fmt.Fprintln(os.Stderr, "table:", err)
		os.Exit(1)
	}
	predict.WriteTable(os.Stdout, res.Rows())
	c := res.Change
	fmt.Printf("\nS7: left-behind children 2016 -> 2018 (children.CompareCounts on the published counts, arithmetic): %d -> %d, %d, %s\n",
		c.Before, c.After, c.Diff, c.Rate.Percent())
	a := res.Anhui[0]
	fmt.Printf("\nAnhui, seed 1: %d households, %d marginal, %d unstable lifted-out; eliminated by visit %v; failed criteria at the report %v; screening visits with a department warning %d\n",
		a.Households, a.Report.Households, a.Unstable, a.EliminatedBy, a.NotEliminatedBy, a.Warned)
	for i, g := range res.Gangu {
		m := g.Impact
		fmt.Printf("Gangu seed %d: eligible %d, returned mothers %d, reunited %d, left-behind %d -> %d\n", predict.Seeds[i], g.Eligible, m.ReturnedMothers, m.ChildrenReunited, m.LeftBehindBefore, m.LeftBehindAfter)
	}
	for i, l := range res.Labour {
		t := l.Tally
		fmt.Printf("Zhenxiong seed %d: labour force %d, supported %d, from registered %d, transferred %d (%.1f%%), registered labour force %d, workshop workers %d (registered %d)\n",
			predict.Seeds[i], t.LaborForce, t.Supported, t.SupportedPoor, t.Transferred, 100*l.TransferredRate(), l.Registered.LaborForce, l.Workshop.Supported, l.Workshop.SupportedPoor)
	}
}
