// Command gangu measures what Gangu county's poverty-alleviation workshops
// near home changed (SEEDS.md S5, S7): it reads a file of the workers who
// came home from the cities to the county's workshops, with the migrant
// job they left, the workshop job they took, their households and their
// children, and runs package labor's workshop impact with package
// children's left-behind definition: returned mothers, children reunited
// with a parent and no longer left-behind, jobs held by the poor, and the
// households' incomes before and after.
//
// The file it ships, returned.csv, is a generated sample: the mothers who
// come home in internal/gen/predict's model of the county (20,000
// households, seed 6), written by regen_test.go. Their number follows from
// the return share fitted to the published 960 (at a fifth of the size);
// nothing else published is an input, and the sample's counts are not
// evidence for the published fall of nearly 1,700. That figure is set
// beside the model's prediction in a block labelled published / model /
// error: the program runs internal/gen/predict on seed 1 (100,000
// generated households, with the fits on seed 0; about two seconds) and
// points to docs/VALIDATION.md for the mean and spread over seeds 1-5.
//
//	go run ./examples/gangu
//	go run ./examples/gangu -data my-returned.csv -format json
package main

import (
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/openfupin/fupin/children"
	"github.com/openfupin/fupin/internal/exampleio"
	"github.com/openfupin/fupin/internal/gen/predict"
	"github.com/openfupin/fupin/labor"
	"github.com/openfupin/fupin/poverty"
)

//go:embed returned.csv
var defaultData []byte

// header is the CSV schema: one returned worker a line, with the
// household (registration year, 0 for never; birth dates of its other
// resident members; annual income other than the jobs), the worker, the
// migrant job left (place, start, end, monthly wage), the workshop job
// (workshop, start, monthly wage), the worker's children under 16 in the
// village registry (birth dates) and the other parent's situation.
const header = "household,registered,others_born,income,worker,born,sex,migrant_place,migrant_start,migrant_end,migrant_wage,workshop,workshop_start,workshop_wage,children_born,other_parent"

// The county and years of the example: the workshops opened in 2018; the
// baseline is 2017 and the result 2019.
var (
	county        = poverty.MustParseCounty("620523")
	baselineYear  = 2017
	year          = 2019
	registryOn    = poverty.MustDate(2017, 12, 31)
	workshopsOpen = poverty.MustDate(2018, 1, 1)
)

func main() {
	data := flag.String("data", "", "returned workers CSV (default: the one shipped)")
	format := flag.String("format", "text", "text or json")
	flag.Parse()
	if err := run(*data, *format, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gangu:", err)
		os.Exit(1)
	}
}

// Output is the program's result.
type Output struct {
	// Sample says what the file read is.
	Sample string       `json:"sample"`
	Impact labor.Impact `json:"impact"`
	Lines  string       `json:"lines"`
	// Reported are published figures the program neither reads nor
	// predicts, with their source.
	Reported string `json:"reported"`
	// PublishedVsModel sets the published fall in left-behind children
	// beside the model's predictions (rows 8-9 of docs/VALIDATION.md, on
	// seed 1).
	PublishedVsModel []predict.Comparison `json:"published_vs_model"`
}

// sampleNote says what the shipped returned.csv is.
const sampleNote = "returned.csv: a generated sample, the mothers who come home in internal/gen/predict's model of a county of 20,000 households (seed 6), " +
	"written by regen_test.go; their number follows from the return share fitted to the published 960 at a fifth of the size, nothing else published is an input, " +
	"and the counts below are not evidence for the published fall"

// model runs rows 8-9 of docs/VALIDATION.md on the first prediction seed,
// once (the two fits on seed 0 and the two runs: about two seconds).
var model = sync.OnceValues(func() ([]predict.Comparison, error) {
	res, err := predict.RunParts(predict.Seeds[:1], predict.PartGangu|predict.PartGanguSelective)
	if err != nil {
		return nil, err
	}
	return res.Comparisons(), nil
})

func run(path, format string, w io.Writer) error {
	raw, err := exampleio.Read(path, defaultData)
	if err != nil {
		return err
	}
	recs, registry, err := parse(raw)
	if err != nil {
		return err
	}
	idx, err := labor.NewIndex(recs)
	if err != nil {
		return err
	}
	// Each year's income against its own year's lines: the 2017 standard
	// is UNCONFIRMED (the commonly quoted figure is supplied, labelled
	// EXAMPLE), the 2019 one SECONDARY, and there is no monitoring line
	// before 2020, so its crossing is not assessed.
	before, beforeText, err := exampleio.ImpactLines(baselineYear, county.Province())
	if err != nil {
		return err
	}
	after, afterText, err := exampleio.ImpactLines(year, county.Province())
	if err != nil {
		return err
	}
	imp, err := idx.Impact(nil, labor.ImpactOptions{Year: year, BaselineYear: baselineYear, Before: before, After: after, Children: &registry})
	if err != nil {
		return err
	}
	imp.PerHousehold = nil
	out := Output{Sample: sampleNote, Impact: imp, Lines: "each year against its own lines: " + beforeText + "; " + afterText,
		Reported: "52 workshops in the countryside employing over 30,000 workers, including a poor population of nearly 1,000 (Xinhua, 2020-06-02, article 000; docs/SEEDS.md S5)"}
	if path != "" {
		out.Sample = path + ": the file given"
	}
	if out.PublishedVsModel, err = model(); err != nil {
		return err
	}
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return writeText(w, &out)
}

func writeText(w io.Writer, o *Output) error {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	m := &o.Impact
	p("GANGU WORKSHOPS NEAR HOME: WHAT THEY CHANGED, %d to %d\n%s\n\n", baselineYear, year, o.Sample)
	p("THE LIBRARY'S COUNTS OF THE FILE\n")
	p("  workshops %d; returned workers in the records %d, holding %d workshop jobs (%d from registered poor households, %s)\n",
		m.Workshops, m.Workers, m.Jobs, m.JobsPoor, ((m.PoorShare + 500) / 1000 * 1000).Percent())
	p("  came home from a job outside the county: %d; of them parents of children in the registry %d, mothers %d\n",
		m.ReturnedMigrants, m.ReturnedParents, m.ReturnedMothers)
	p("  left-behind children: %d before, %d after; reunited with a parent who came home: %d; became left-behind: %d\n",
		m.LeftBehindBefore, m.LeftBehindAfter, m.ChildrenReunited, m.StartedLeftBehind)
	line := "not assessed"
	if m.LineAssessed {
		line = strconv.Itoa(m.CrossedLine)
	}
	p("  households %d: crossed the standard %d, crossed the monitoring line %s, fell below the standard %d (%d to %d; %s)\n",
		m.Households, m.CrossedStandard, line, m.FellBelowStandard, m.BaselineYear, m.Year, o.Lines)
	p("  workshop wage bill in %d: %s\n", year, m.WageBill)
	p("\n  the five workshops with most reunited children:\n")
	per := append([]labor.WorkshopImpact(nil), m.PerWorkshop...)
	for i := 0; i < len(per); i++ {
		for k := i + 1; k < len(per); k++ {
			if per[k].ChildrenReunited > per[i].ChildrenReunited {
				per[i], per[k] = per[k], per[i]
			}
		}
	}
	for _, ws := range per[:min(5, len(per))] {
		p("    %s: %d jobs, %d returned mothers, %d children reunited\n", ws.Workshop, ws.Jobs, ws.ReturnedMothers, ws.ChildrenReunited)
	}
	p("\nPUBLISHED VS MODEL (the article's figure against the model's predictions; the file above plays no part)\n")
	predict.WriteComparisons(w, o.PublishedVsModel)
	p("\nPUBLISHED, NOT PREDICTED\n  %s\n", o.Reported)
	return nil
}

// parse reads the CSV into labor records (households for the baseline
// year and the result year, workers, their two jobs, the workshops) and
// the village registry of the workers' children before the workshops.
func parse(raw []byte) (*labor.Records, children.Snapshot, error) {
	reg := children.Snapshot{On: registryOn}
	rows, first, err := exampleio.CSV(raw, "returned.csv", header)
	if err != nil {
		return nil, reg, err
	}
	r := &labor.Records{}
	seenWS := map[string]bool{}
	seenHH := map[string]bool{}
	for i, f := range rows {
		line := first + i
		bad := func(field, value string, err error) error {
			return fmt.Errorf("returned.csv line %d: %w", line, &poverty.FieldError{Record: f[4], Field: field, Value: value, Err: err})
		}
		date := func(k int) (poverty.Date, error) {
			d, err := poverty.ParseDate(f[k])
			if err != nil {
				return d, bad(strings.Split(header, ",")[k], f[k], err)
			}
			return d, nil
		}
		money := func(k int) (poverty.Money, error) {
			m, err := poverty.ParseMoney(f[k])
			if err != nil || m < 0 {
				return m, bad(strings.Split(header, ",")[k], f[k], errors.Join(err, poverty.ErrNegative))
			}
			return m, nil
		}
		if seenHH[f[0]] {
			return nil, reg, bad("household", f[0], poverty.ErrDuplicate)
		}
		seenHH[f[0]] = true
		regYear, err := strconv.Atoi(f[1])
		if err != nil || (regYear != 0 && (regYear < 2014 || regYear > year)) {
			return nil, reg, bad("registered", f[1], poverty.ErrRange)
		}
		income, err := money(3)
		if err != nil {
			return nil, reg, err
		}
		wk := labor.Worker{ID: f[4], Household: f[0], Capacity: poverty.AbleToWork}
		if wk.BirthDate, err = date(5); err != nil {
			return nil, reg, err
		}
		if err := wk.Sex.UnmarshalText([]byte(f[6])); err != nil || wk.Sex == poverty.SexUnknown {
			return nil, reg, bad("sex", f[6], errors.Join(err, poverty.ErrMissing))
		}
		members := []poverty.Member{{BirthDate: wk.BirthDate, Sex: wk.Sex, Capacity: poverty.AbleToWork}}
		for _, d := range splitList(f[2]) {
			born, err := poverty.ParseDate(d)
			if err != nil {
				return nil, reg, bad("others_born", d, err)
			}
			members = append(members, poverty.Member{BirthDate: born, Capacity: poverty.UnableToWork})
		}
		mig := labor.Job{ID: f[4] + "-migrant", Worker: f[4], Employer: "city employer", Channel: labor.ChannelSelfFound}
		if err := mig.Place.UnmarshalText([]byte(f[7])); err != nil || !mig.Place.Outside(labor.InCounty) {
			return nil, reg, bad("migrant_place", f[7], errors.Join(err, poverty.ErrRange))
		}
		if mig.Start, err = date(8); err != nil {
			return nil, reg, err
		}
		if mig.End, err = date(9); err != nil {
			return nil, reg, err
		}
		if mig.MonthlyWage, err = money(10); err != nil {
			return nil, reg, err
		}
		ws := labor.Job{ID: f[4] + "-workshop", Worker: f[4], Employer: f[11], Workshop: f[11], Channel: labor.ChannelWorkshop, Place: labor.InTownship}
		if ws.Workshop == "" {
			return nil, reg, bad("workshop", "", poverty.ErrMissing)
		}
		if ws.Start, err = date(12); err != nil {
			return nil, reg, err
		}
		if ws.MonthlyWage, err = money(13); err != nil {
			return nil, reg, err
		}
		r.Workers = append(r.Workers, wk)
		r.Jobs = append(r.Jobs, mig, ws)
		if !seenWS[ws.Workshop] {
			seenWS[ws.Workshop] = true
			r.Workshops = append(r.Workshops, labor.Workshop{ID: ws.Workshop, Name: "workshop " + ws.Workshop, Type: labor.Factory,
				County: county, Opened: workshopsOpen})
		}
		// The worker's children, left with a grandparent while both
		// parents worked away.
		var other children.Situation
		kids := splitList(f[14])
		if len(kids) > 0 {
			if err := other.UnmarshalText([]byte(f[15])); err != nil {
				return nil, reg, bad("other_parent", f[15], err)
			}
		}
		for k, d := range kids {
			born, err := poverty.ParseDate(d)
			if err != nil {
				return nil, reg, bad("children_born", d, err)
			}
			members = append(members, poverty.Member{BirthDate: born, Capacity: poverty.UnableToWork})
			me := children.Parent{ID: wk.ID, Situation: children.MigrantOutOfProvince, Since: mig.Start}
			if mig.Place == labor.InProvince || mig.Place == labor.InCity {
				me.Situation = children.MigrantInProvince
			}
			spouse := children.Parent{ID: f[0] + "-spouse", Situation: other, Since: mig.Start}
			c := children.Child{ID: fmt.Sprintf("%s-c%d", f[0], k+1), BirthDate: born, Hukou: children.Rural, County: county,
				Township: "T" + strconv.Itoa(1+i%15), Village: "V" + strconv.Itoa(1+i%120), Household: f[0],
				Guardian: children.Guardian{Kind: children.Grandparent, Capacity: children.Capable, Agreement: true},
				Living:   children.WithGrandparents, School: children.Primary}
			if wk.Sex == poverty.Female {
				c.Mother, c.Father = me, spouse
			} else {
				c.Father, c.Mother = me, spouse
			}
			reg.Children = append(reg.Children, c)
		}
		for _, y := range []int{baselineYear, year} {
			h := labor.Household{Household: poverty.Household{ID: f[0], County: county, Year: y, Concept: poverty.DisposableIncome,
				Members: members, Registration: poverty.Registration{Registered: regYear}}}
			if regYear != 0 && regYear <= y {
				h.Registration.Registered = regYear
			} else {
				h.Registration.Registered = 0
			}
			h.Income.OperatingIncome = income
			r.Households = append(r.Households, h)
		}
	}
	return r, reg, nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}
