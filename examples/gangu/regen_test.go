package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/children"
	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/internal/gen/predict"
	"github.com/openfupin/fupin/poverty"
)

var regen = flag.Bool("regen", false, "rewrite returned.csv, the data the example ships")

// The sample's population: a generated Gansu county of sampleHouseholds
// households, seed 6 (neither a prediction seed, 1-5, nor the calibration
// seed, 0), a fifth of the size the predictions use.
const (
	sampleSeed       = 6
	sampleHouseholds = 20_000
)

const sampleHeader = `# A generated sample, made by regen_test.go (go test ./examples/gangu -run TestRegenerate -regen): the mothers who come home
# to a workshop job in internal/gen/predict.RunGangu's county of 20,000 generated households (Gansu, 2017, seed 6; not a
# prediction seed), one a line. Each migrant mother of a child under 16 comes home with the return share fitted on seed 0 to
# the 960 mothers of article 000 among 100,000 households (docs/VALIDATION.md): the number of lines follows from that fit at a
# fifth of the size; the children and where their fathers are do not. No other published figure is an input; the sample is not
# evidence for the published fall of nearly 1,700.
# income: the household's annual income of 2017 less the mother's migrant wages (the library adds the jobs' wages).
# children_born: her children under 16 at the end of 2017; other_parent: the father's situation in the generated registry.
`

// sample writes returned.csv from the model's run: each returned mother's
// household, her migrant job of 2017 and her workshop job, her children
// under 16 and the father's situation, as generated.
func sample() ([]byte, error) {
	share, _, err := predict.FitGanguReturnShare(0, predict.GanguHouseholds, predict.PublishedReturnedMothers, false)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(sampleHeader)
	b.WriteString(header + "\n")
	var werr error
	each := func(rec *gen.Record, returned []int, registry []children.Child) {
		total, err := rec.Income.Total()
		if err != nil {
			werr = err
			return
		}
		for _, k := range returned {
			p, m := &rec.People[k], &rec.Members[k]
			income := total - rec.Wages(k)
			var kids []string
			listed := map[int]bool{k: true}
			father := ""
			for j := range registry {
				c := &registry[j]
				i, err := strconv.Atoi(c.ID[strings.LastIndex(c.ID, "-c")+2:])
				if err != nil {
					werr = err
					return
				}
				if rec.People[i].Mother != k || c.AgeOn(predict.GanguBefore) >= 16 {
					continue
				}
				kids = append(kids, c.BirthDate.String())
				listed[i] = true
				w, _ := c.Father.Situation.MarshalText()
				if father != "" && father != string(w) {
					werr = fmt.Errorf("%s: children's fathers in different situations", rec.ID)
					return
				}
				father = string(w)
			}
			var others []string
			for i := range rec.Members {
				if !listed[i] {
					others = append(others, rec.Members[i].BirthDate.String())
				}
			}
			place := "other_province"
			if p.Work == gen.MigrantInProvince {
				place = "in_province"
			}
			start := poverty.MustDate(2017, time.Month(1+p.FirstMonth), 1)
			end := start.AddMonths(p.WorkMonths).AddDays(-1)
			ws := gen.WorkshopID(county, rec.Index%predict.GanguWorkshops+1)
			fmt.Fprintf(&b, "%s,%d,%s,%s,%s-p%d,%s,female,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", rec.ID, rec.Registration.Registered, strings.Join(others, ";"),
				income, rec.ID, k, m.BirthDate, place, start, end, p.Pay, ws, predict.GanguJobsStart, 2300*poverty.Yuan, strings.Join(kids, ";"), father)
		}
	}
	if _, err := predict.RunGangu(predict.GanguInput{Seed: sampleSeed, Households: sampleHouseholds, ReturnShare: share, Each: each}); err != nil {
		return nil, err
	}
	return b.Bytes(), werr
}

// TestRegenerate rewrites returned.csv with -regen.
func TestRegenerate(t *testing.T) {
	if !*regen {
		t.Skip("run with -regen to rewrite the data")
	}
	b, err := sample()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("returned.csv", b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSampleGenerated checks that the shipped returned.csv is the
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
		t.Errorf("returned.csv is not what regen_test.go generates; rerun with -regen (-shipped +generated):\n%s", diff)
	}
}
