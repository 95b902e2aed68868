package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/internal/gen/predict"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

var regen = flag.Bool("regen", false, "rewrite households.csv, the data the example ships")

// The sample's population: seed 6 is neither a prediction seed (1-5) nor
// the calibration seed (0).
const (
	sampleSeed       = 6
	sampleHouseholds = 10_000
)

// sample writes households.csv from package gen, with no target: the
// households predict.RunAnhui identifies as marginal among sampleHouseholds
// generated Anhui households (seed sampleSeed), each line transcribed from
// the generated record and the model's case (sampleHeader says how). The
// totals are whatever the generator and the library give.
func sample() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(sampleHeader)
	b.WriteString(header + "\n")
	var events []risk.Event
	var werr error
	each := func(rec *gen.Record, c *risk.Case) {
		if werr != nil {
			return
		}
		hist := c.History()
		on := hist[0].Date
		var measures []string
		for _, e := range hist {
			if e.Measure != nil {
				measures = append(measures, e.Measure.Code)
			}
		}
		events = rec.RiskEvents(events[:0])
		severe := false
		for _, e := range events {
			severe = severe || (e.Kind == risk.MedicalClaim && e.Severe && e.Date.Before(on))
		}
		n := rec.Residents()
		id := on.YearMonth()
		before, err := meanPerHead(rec, id.Add(-12), id.Add(-1), n)
		if err != nil {
			werr = err
			return
		}
		after, err := meanPerHead(rec, id, testDate.YearMonth(), n)
		if err != nil {
			werr = err
			return
		}
		housing, _ := rec.Guarantees.Housing.MarshalText()
		fmt.Fprintf(&b, "%s,%d,%d,%s,%s,%s,%s,%s,%s,%s\n", rec.ID, n, rec.Workers(), words(c.Info().Factors), on, strings.Join(measures, ";"),
			before, after, words(predict.Resolved(c, testDate, 3, severe)), housing)
	}
	if _, err := predict.RunAnhui(predict.AnhuiInput{Seed: sampleSeed, Households: sampleHouseholds, Each: each}); err != nil {
		return nil, err
	}
	return b.Bytes(), werr
}

// sampleHeader opens households.csv: what the file is and how each column
// was made.
const sampleHeader = `# A generated sample, made by regen_test.go (go test ./examples/anhui -run TestRegenerate -regen): the households that
# internal/gen/predict.RunAnhui identifies as marginal among 10,000 households of package gen (Anhui, 2020, seed 6; not a
# prediction seed), one a line. No published figure is an input; the sample is not evidence for Anhui's figures.
# factors, identified, measures: the model's case (risk.Identify at the monthly visit; every measure Catalog.Propose proposes).
# before, after: the household's per-capita income a month, the mean of the 12 months before identification and of the months
# from identification to December 2020 (the generator's monthly incomes, flattened to the two levels this format holds).
# resolved: the factors predict.Resolved verifies at the visit of 2020-12-15; housing: the generated guarantee.
`

// meanPerHead is the household's mean monthly income a resident from
// month from to month to, to the fen, rounded half up.
func meanPerHead(rec *gen.Record, from, to poverty.YearMonth, residents int) (poverty.Money, error) {
	var sum poverty.Money
	months := 0
	for _, m := range rec.Monthly {
		if m.Month < from || m.Month > to {
			continue
		}
		t, err := m.Income.Total()
		if err != nil {
			return 0, err
		}
		sum += t
		months++
	}
	if months != int(to-from)+1 || sum < 0 {
		return 0, fmt.Errorf("%s: %d months of %s..%s, sum %s", rec.ID, months, from, to, sum)
	}
	d := poverty.Money(months * residents)
	return (2*sum + d) / (2 * d), nil
}

// words writes a factor set as the file's ";"-separated words.
func words(fs risk.FactorSet) string {
	var w []string
	for _, f := range fs.List() {
		w = append(w, f.String())
	}
	return strings.Join(w, ";")
}

// TestRegenerate rewrites households.csv with -regen.
func TestRegenerate(t *testing.T) {
	if !*regen {
		t.Skip("run with -regen to rewrite households.csv")
	}
	b, err := sample()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("households.csv", b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSampleGenerated checks that the shipped households.csv is the
// generator's sample, byte for byte: the data were not edited to contain
// a figure.
func TestSampleGenerated(t *testing.T) {
	if *regen {
		t.Skip("rewriting")
	}
	b, err := sample()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(defaultData), string(b)); diff != "" {
		t.Errorf("households.csv is not what regen_test.go generates; rerun with -regen (-shipped +generated):\n%s", diff)
	}
}
