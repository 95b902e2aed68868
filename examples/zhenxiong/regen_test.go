package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/internal/golden"
	"github.com/openfupin/fupin/labor"
	"github.com/openfupin/fupin/poverty"
)

var regen = flag.Bool("regen", false, "rewrite labour.csv and workshops.csv, the data the example ships")

// The samples' population: package gen's default county (Zhenxiong-like,
// Yunnan, 2020), seed 6 (neither a prediction seed, 1-5, nor the
// calibration seed, 0), its first two townships (6,000 households).
// labour.csv holds every member aged 16 or more of the first
// labourHouseholds households (two villages); workshops.csv the workers of
// the townships' four workshops (numbers 1-4).
var sampleConfig = gen.Config{Seed: 6, Households: 6000, Year: 2020}

const labourHouseholds = 500

const labourNote = `# A generated sample, made by regen_test.go (go test ./examples/zhenxiong -run TestRegenerate -regen): every member aged 16
# or more of the first 500 households of package gen's default county (Yunnan, 2020, seed 6; not a prediction seed), one a
# line with the household, and the member's wage job of 2020 if any (gen.Record.Labor). No published figure is an input; the
# sample is not evidence for Zhenxiong's figures. income: the household's annual income less the wages of the jobs written
# (the library adds those). via: the generator's workstation in Guangdong is written as the Dongguan station of export.json,
# its job fair as export.json's fair; a placement by a workstation in Yunnan names none (export.json has none there).
`

const workshopsNote = `# A generated sample, made by regen_test.go: the workers of the four workshops (numbers 1-4) of the first two townships of the
# same generated county (seed 6), standing for the returnee's four garment workshops (written ZX-G1 to ZX-G4), one a line
# with the household (other members' birth dates; annual income less the wages written). No published figure is an input.
`

// via maps the generator's Via names to export.json's IDs.
func via(v string) string {
	switch v {
	case "workstation-44":
		return "WS-DG"
	case "job-fair-2020":
		return "JF-2020-02"
	}
	return ""
}

// samples writes labour.csv and workshops.csv from package gen, with no
// target: the totals are whatever the generator gives.
func samples() (labour, workshops []byte, err error) {
	var lb, wb bytes.Buffer
	lb.WriteString(labourNote + header + "\n")
	wb.WriteString(workshopsNote + header + "\n")
	var workers []labor.Worker
	var jobs [][]labor.Job
	for rec := range sampleConfig.All() {
		var h labor.Household
		h, workers, jobs = rec.Labor(workers, jobs)
		total, err := rec.Income.Total()
		if err != nil {
			return nil, nil, err
		}
		if rec.Index < labourHouseholds {
			written := map[int]bool{}
			for i := range rec.Members {
				if p := &rec.People[i]; p.Role != gen.Child || rec.Members[i].BirthDate.AgeOn(poverty.MustDate(2020, 12, 31)) >= 16 {
					written[i] = true
				}
			}
			if err := lines(&lb, rec, &h, workers, jobs, written, total, func(j *labor.Job) { j.Via = via(j.Via) }); err != nil {
				return nil, nil, err
			}
		}
		written := map[int]bool{}
		for i := range rec.People {
			if p := &rec.People[i]; p.Work == gen.WorkshopJob && p.Workshop >= 1 && p.Workshop <= 4 {
				written[i] = true
			}
		}
		if len(written) > 0 {
			rename := func(j *labor.Job) {
				for n := 1; n <= 4; n++ {
					if j.Workshop == gen.WorkshopID(rec.County, n) {
						j.Workshop = fmt.Sprintf("ZX-G%d", n)
					}
				}
			}
			if err := lines(&wb, rec, &h, workers, jobs, written, total, rename); err != nil {
				return nil, nil, err
			}
		}
	}
	return lb.Bytes(), wb.Bytes(), nil
}

// lines writes the members written (by member index) of one household,
// each with its job (at most one), the other members' birth dates and the
// household's income less the written members' wages.
func lines(b *bytes.Buffer, rec *gen.Record, h *labor.Household, workers []labor.Worker, jobs [][]labor.Job, written map[int]bool,
	total poverty.Money, fix func(*labor.Job)) error {
	var others []string
	income := total
	for i := range rec.Members {
		if written[i] {
			income -= rec.Wages(i)
		} else {
			others = append(others, rec.Members[i].BirthDate.String())
		}
	}
	for k := range workers {
		w := &workers[k]
		var i int
		if _, err := fmt.Sscanf(w.ID[len(rec.ID):], "-p%d", &i); err != nil {
			return fmt.Errorf("%s: %w", w.ID, err)
		}
		if !written[i] {
			continue
		}
		sex, _ := w.Sex.MarshalText()
		capacity, _ := w.Capacity.MarshalText()
		job := ",,,,,,0"
		switch len(jobs[k]) {
		case 0:
		case 1:
			j := jobs[k][0]
			fix(&j)
			channel, _ := j.Channel.MarshalText()
			place, _ := j.Place.MarshalText()
			end := ""
			if !j.End.IsZero() {
				end = j.End.String()
			}
			job = fmt.Sprintf("%s,%s,%s,%s,%s,%s,%s", channel, place, j.Via, j.Workshop, j.Start, end, j.MonthlyWage)
		default:
			return fmt.Errorf("%s: %d jobs; the format holds one", w.ID, len(jobs[k]))
		}
		fmt.Fprintf(b, "%s,%d,%s,%s,%s,%s,%s,%s,%s\n", rec.ID, h.Registration.Registered, strings.Join(others, ";"), income, w.ID, w.BirthDate, sex, capacity, job)
	}
	return nil
}

// TestRegenerate rewrites the shipped samples with -regen.
func TestRegenerate(t *testing.T) {
	if !*regen {
		t.Skip("run with -regen to rewrite the data")
	}
	l, w, err := samples()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("labour.csv", l, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("workshops.csv", w, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSampleGenerated checks that the shipped files are the generator's
// samples, byte for byte (the data were not edited to contain a figure),
// and that the library reads the file as it reads the generated records:
// the example's labour tally equals labor.Tally over the same households
// taken straight from the generator.
func TestSampleGenerated(t *testing.T) {
	if *regen {
		t.Skip("rewriting")
	}
	l, w, err := samples()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(defaultLabour), string(l)); diff != "" {
		t.Errorf("labour.csv is not what regen_test.go generates; rerun with -regen (-shipped +generated):\n%s", diff)
	}
	if diff := cmp.Diff(string(defaultWorkshops), string(w)); diff != "" {
		t.Errorf("workshops.csv is not what regen_test.go generates; rerun with -regen (-shipped +generated):\n%s", diff)
	}
	rules, err := employmentRules(2020)
	if err != nil {
		t.Fatal(err)
	}
	want := labor.Tally{Rules: rules, Poor: labor.GroupRegistered}
	var workers []labor.Worker
	var jobs [][]labor.Job
	for rec := range sampleConfig.All() {
		if rec.Index >= labourHouseholds {
			break
		}
		var h labor.Household
		h, workers, jobs = rec.Labor(workers, jobs)
		if err := want.Add(&h, workers, jobs); err != nil {
			t.Fatal(err)
		}
	}
	var o Output
	golden.DecodeOutput(t, func(w io.Writer) error { return run("", "", "", "json", w) }, &o)
	counts := func(t *labor.Tally) [8]int64 {
		return [8]int64{t.Households, t.LaborForce, t.Employed, t.Stable, t.Supported, t.SupportedPoor, t.Transferred, t.ZeroEmployment}
	}
	if diff := cmp.Diff(counts(&want), counts(&o.Labour)); diff != "" {
		t.Errorf("labour tally (households, labour force, employed, stable, supported, of them registered, transferred, zero-employment):\n"+
			"generated records against the example on labour.csv (-generated +example):\n%s", diff)
	}
}
