// Command anhui runs the monitoring of marginal households (边缘户) that
// Anhui reported for 2020 (SEEDS.md S2): it reads a file of marginal
// households, identifies each household with package risk from its 12
// months of income before identification, opens a case with the measures
// formulated, runs the risk-elimination test at the end of the year, and
// prints the report: measures per household and the share of households
// whose risk was eliminated, with the reasons of each decision.
//
// The file it ships, households.csv, is a generated sample (package gen,
// seed 6, written by regen_test.go with no published figure as input): it
// shows how the library reads such a file, and its report is not evidence
// for Anhui's figures. Those are set beside the model's predictions in a
// block labelled published / model / error: the program runs
// internal/gen/predict on seed 1 (10,000 generated households, about a
// second) and points to docs/VALIDATION.md for the mean and spread over
// seeds 1-5.
//
//	go run ./examples/anhui
//	go run ./examples/anhui -data my-households.csv -show 10 -format json
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
	"time"

	"github.com/openfupin/fupin/internal/exampleio"
	"github.com/openfupin/fupin/internal/gen/predict"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

//go:embed households.csv
var defaultData []byte

// header is the CSV schema: one marginal household a line.
//
//	residents, workers       resident members and those able to work
//	factors                  risk factors, ";"-separated risk.Factor words
//	identified               the date of identification
//	measures                 the measures formulated, ";"-separated codes of the risk catalogue
//	before, after            per-capita income a month (yuan) before and from identification
//	resolved                 factors verified as resolved by the end-of-year visit
//	housing                  "secured" or "not_secured" at that visit
const header = "id,residents,workers,factors,identified,measures,before,after,resolved,housing"

// testDate is the end-of-year home visit of the elimination test.
var testDate = poverty.MustDate(2020, time.December, 15)

func main() {
	data := flag.String("data", "", "households CSV (default: the sample shipped with the program)")
	show := flag.Int("show", 4, "number of households to show in detail")
	format := flag.String("format", "text", "text or json")
	flag.Parse()
	if err := run(*data, *show, *format, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "anhui:", err)
		os.Exit(1)
	}
}

// household is one line of the file.
type household struct {
	line       int
	id         string
	residents  int
	workers    int
	factors    risk.FactorSet
	identified poverty.Date
	measures   []string
	before     poverty.Money
	after      poverty.Money
	resolved   risk.FactorSet
	housing    poverty.GuaranteeState
}

// Output is the example's result.
type Output struct {
	// Sample says what the file read is.
	Sample     string      `json:"sample"`
	Report     risk.Report `json:"report"`
	Identified int         `json:"identified_marginal"`
	Households []Detail    `json:"households"`
	// PublishedVsModel sets Anhui's published figures beside the model's
	// predictions (rows 1-2 of docs/VALIDATION.md, on seed 1).
	PublishedVsModel []predict.Comparison `json:"published_vs_model"`
}

// sampleNote says what the shipped households.csv is.
const sampleNote = "households.csv: a generated sample, the households internal/gen/predict identifies as marginal among 10,000 of package gen (seed 6), " +
	"written by regen_test.go with no published figure as input; it shows how the library reads such a file and is not evidence for Anhui's figures"

// model runs rows 1-2 of docs/VALIDATION.md on the first prediction seed,
// once (about a second).
var model = sync.OnceValues(func() ([]predict.Comparison, error) {
	res, err := predict.RunParts(predict.Seeds[:1], predict.PartAnhui)
	if err != nil {
		return nil, err
	}
	return res.Comparisons(), nil
})

// Detail is what the system shows for one household.
type Detail struct {
	ID             string              `json:"id"`
	Identification string              `json:"identification"`
	Measures       []string            `json:"measures"`
	Proposed       []string            `json:"library_proposes"`
	Eliminated     bool                `json:"eliminated"`
	Failed         []poverty.Criterion `json:"failed,omitempty"`
	Stage          string              `json:"stage"`
}

func run(path string, show int, format string, w io.Writer) error {
	raw, err := exampleio.Read(path, defaultData)
	if err != nil {
		return err
	}
	hs, err := parse(raw)
	if err != nil {
		return err
	}
	table := poverty.Default()
	catalogue := risk.DefaultCatalog()
	params := risk.DefaultParams()
	var tally risk.Tally
	out := Output{Sample: sampleNote}
	if path != "" {
		out.Sample = path + ": the file given"
	}
	for _, x := range hs {
		h := x.household()
		id, err := risk.Identify(risk.IdentifyInput{Household: h, On: x.identified, Table: table, Factors: x.factors})
		if err != nil {
			return fmt.Errorf("line %d: %s: %w", x.line, x.id, err)
		}
		if id.Category != risk.MarginalAtRisk {
			return fmt.Errorf("line %d: %s: identified as %s, not marginal:\n%s", x.line, x.id, id.Category, id.Explain())
		}
		out.Identified++
		c, err := risk.Open(risk.CaseInfo{ID: "case-" + x.id, HouseholdID: x.id, Region: poverty.MustParseRegion("34"),
			Category: id.Category, Factors: x.factors, Channel: risk.Application, Members: x.residents}, x.identified, id.Code())
		if err != nil {
			return fmt.Errorf("line %d: %w", x.line, err)
		}
		start := x.identified.AddDays(15)
		for k, code := range x.measures {
			m, ok := catalogue.Lookup(code)
			if !ok {
				return fmt.Errorf("line %d: %s: field measures: unknown measure %q", x.line, x.id, code)
			}
			rec := risk.MeasureRecord{Code: code, Type: m.Type, Start: start}
			if k == 0 {
				err = c.StartAssistance(start, rec, "formulated after identification")
			} else {
				err = c.AddMeasure(start, rec, "formulated after identification")
			}
			if err != nil {
				return fmt.Errorf("line %d: %w", x.line, err)
			}
		}
		g := poverty.AllSecured()
		g.Housing = x.housing
		res, err := risk.EliminationTest(risk.EliminationInput{Case: c, Household: h, On: testDate, Table: table,
			Guarantees: g, Resolved: x.resolved}, &params)
		if err != nil {
			return fmt.Errorf("line %d: %s: %w", x.line, x.id, err)
		}
		if res.Pass {
			if err := c.Eliminate(&res); err != nil {
				return fmt.Errorf("line %d: %w", x.line, err)
			}
		}
		tally.Add(c)
		if len(out.Households) < show {
			d := Detail{ID: x.id, Identification: fmt.Sprintf("%s: per-capita income %s over the 12 months before %s, monitoring line %s (%s)",
				id.Code(), id.PerCapita, id.On, id.Line.Amount, id.Document.Name), Measures: x.measures, Eliminated: res.Pass, Failed: res.Failed(), Stage: c.Stage().String()}
			for _, p := range catalogue.Propose(x.factors, x.workers) {
				d.Proposed = append(d.Proposed, p.Measure.Code)
			}
			out.Households = append(out.Households, d)
		}
	}
	out.Report = tally.Report()
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

// household builds the poverty.Household: resident members (the first
// `workers` able to work) and monthly incomes from April 2019 to November
// 2020, the 12 months before identification at the before level and the
// months from identification at the after level.
func (x *household) household() *poverty.Household {
	h := &poverty.Household{ID: x.id, Region: poverty.MustParseRegion("34"), Year: 2020, Concept: poverty.DisposableIncome}
	for i := range x.residents {
		m := poverty.Member{Capacity: poverty.UnableToWork}
		if i < x.workers {
			m.Capacity = poverty.AbleToWork
		}
		h.Members = append(h.Members, m)
	}
	from := x.identified.YearMonth().Add(-12)
	for ym := from; ym <= testDate.YearMonth(); ym++ {
		pc := x.before
		if ym >= x.identified.YearMonth() {
			pc = x.after
		}
		h.Monthly = append(h.Monthly, poverty.MonthlyIncome{Month: ym, Income: poverty.Income{Wage: pc * poverty.Money(x.residents)}})
		if ym.Year() == 2020 {
			h.Income.Wage += pc * poverty.Money(x.residents)
		}
	}
	return h
}

func writeText(w io.Writer, o *Output) error {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	r := &o.Report
	p("ANHUI MONITORING OF MARGINAL HOUSEHOLDS, 2020\n%s\n\n", o.Sample)
	for _, d := range o.Households {
		p("%s: %s\n", d.ID, d.Identification)
		p("  measures formulated: %s\n", strings.Join(d.Measures, ", "))
		p("  the library would propose: %s\n", strings.Join(d.Proposed, ", "))
		if d.Eliminated {
			p("  %s: risk eliminated (elimination test passed)\n", testDate)
		} else {
			p("  %s: not eliminated, stage %s:\n", testDate, d.Stage)
			for _, c := range d.Failed {
				p("    %s: %s\n", c.Code, c.Input)
			}
		}
	}
	p("\nREPORT ON THE FILE (the library's counts of the households read, tested on %s)\n", testDate)
	if o.Sample == sampleNote {
		p("  (the shipped sample holds each household's income as two monthly levels, before and after identification, and is tested\n" +
			"  at the end of the year: its share eliminated is not comparable with the model's, read month by month on 2020-10-01)\n")
	}
	p("  households identified as marginal: %d\n", o.Identified)
	p("  measures formulated: %d, %s a household\n", r.Measures, r.MeasuresPerHousehold.Decimal().Round(2))
	p("  risk eliminated: %d, %s of the households\n", r.Eliminated, ((r.EliminationRate + 500) / 1000 * 1000).Percent())
	p("  by factor:")
	for _, c := range r.ByFactor {
		p(" %s %d", c.Key, c.Count)
	}
	p("\n  by stage:")
	for _, c := range r.ByStage {
		p(" %s %d", c.Key, c.Count)
	}
	p("\n  by route:")
	for _, c := range r.ByRoute {
		p(" %s %d", c.Key, c.Count)
	}
	p("\n\nPUBLISHED VS MODEL (Anhui's figures against the model's predictions; the file above plays no part)\n")
	predict.WriteComparisons(w, o.PublishedVsModel)
	return nil
}

// parse reads the CSV strictly: the header, then one household a line;
// lines starting with # are comments. Errors name the line and field.
func parse(raw []byte) ([]household, error) {
	recs, first, err := exampleio.CSV(raw, "households.csv", header)
	if err != nil {
		return nil, err
	}
	var out []household
	for i, f := range recs {
		line := first + i
		bad := func(field, value string, err error) error {
			return fmt.Errorf("households.csv line %d: %w", line, &poverty.FieldError{Record: f[0], Field: field, Value: value, Err: err})
		}
		x := household{line: line, id: f[0]}
		if x.id == "" {
			return nil, bad("id", "", poverty.ErrMissing)
		}
		if x.residents, err = strconv.Atoi(f[1]); err != nil || x.residents < 1 || x.residents > 30 {
			return nil, bad("residents", f[1], poverty.ErrRange)
		}
		if x.workers, err = strconv.Atoi(f[2]); err != nil || x.workers < 0 || x.workers > x.residents {
			return nil, bad("workers", f[2], poverty.ErrRange)
		}
		if x.factors, err = factors(f[3]); err != nil || x.factors == 0 {
			return nil, bad("factors", f[3], errors.Join(err, poverty.ErrMissing))
		}
		if x.identified, err = poverty.ParseDate(f[4]); err != nil || x.identified.Year() != 2020 || !x.identified.Before(testDate) {
			return nil, bad("identified", f[4], errors.Join(err, poverty.ErrRange))
		}
		x.measures = strings.Split(f[5], ";")
		if f[5] == "" {
			return nil, bad("measures", "", poverty.ErrMissing)
		}
		if x.before, err = poverty.ParseMoney(f[6]); err != nil || x.before < 0 {
			return nil, bad("before", f[6], errors.Join(err, poverty.ErrNegative))
		}
		if x.after, err = poverty.ParseMoney(f[7]); err != nil || x.after < 0 {
			return nil, bad("after", f[7], errors.Join(err, poverty.ErrNegative))
		}
		if x.resolved, err = factors(f[8]); err != nil {
			return nil, bad("resolved", f[8], err)
		}
		if err := x.housing.UnmarshalText([]byte(f[9])); err != nil {
			return nil, bad("housing", f[9], err)
		}
		out = append(out, x)
	}
	return out, nil
}

func factors(s string) (risk.FactorSet, error) {
	var fs risk.FactorSet
	if s == "" {
		return fs, nil
	}
	for _, w := range strings.Split(s, ";") {
		f, err := parseFactor(w)
		if err != nil {
			return 0, err
		}
		fs |= risk.FactorsOf(f)
	}
	return fs, nil
}

// parseFactor reads a factor word or code ("illness", "01").
func parseFactor(w string) (risk.Factor, error) {
	var f risk.Factor
	err := f.UnmarshalText([]byte(w))
	return f, err
}
