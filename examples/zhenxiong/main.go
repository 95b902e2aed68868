// Command zhenxiong runs the labour side of Zhenxiong county's 2020
// programme (SEEDS.md S5, S6) through package labor: the share of the
// labour force supported through employment transfer and the share of
// them from registered poor households, from worker records; the
// labour-export workstations and the job fair; and the returnee's four
// garment workshops with the share of their jobs held by people from poor
// households and what the wages did to the households' incomes.
//
// The worker files it ships, labour.csv and workshops.csv, are generated
// samples (package gen, seed 6, written by regen_test.go with no published
// figure as input): they show how the library reads such files, and their
// shares are not evidence for Zhenxiong's figures. export.json holds the
// article's workstations and job fair as reported (inputs, echoed).
// Zhenxiong's published shares are set beside the model's predictions in
// a block labelled published / model / error: the program runs
// internal/gen/predict on seed 1 (21,000 generated households, a tenth of
// a second) and points to docs/VALIDATION.md for the mean and spread over
// seeds 1-5.
//
//	go run ./examples/zhenxiong
//	go run ./examples/zhenxiong -labour my-labour.csv -workshops my-workshops.csv -format json
package main

import (
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/openfupin/fupin/internal/exampleio"
	"github.com/openfupin/fupin/internal/gen/predict"
	"github.com/openfupin/fupin/labor"
	"github.com/openfupin/fupin/poverty"
)

var (
	//go:embed labour.csv
	defaultLabour []byte
	//go:embed workshops.csv
	defaultWorkshops []byte
	//go:embed export.json
	defaultExport []byte
)

// header is the worker CSV schema: one worker a line with the household's
// registration year (0: never registered), the birth dates of its other
// resident members (";"-separated) and its annual net income other than
// the recorded jobs (negative when costs and contributions exceed it), and
// at most one job of the year (channel empty: no job).
const header = "household,registered,others_born,income,worker,born,sex,capacity,channel,place,via,workshop,start,end,monthly_wage"

// county is Zhenxiong's code.
var county = poverty.MustParseCounty("530627")

func main() {
	labourPath := flag.String("labour", "", "labour-force sample CSV (default: the one shipped)")
	workshopsPath := flag.String("workshops", "", "workshop workers CSV (default: the one shipped)")
	exportPath := flag.String("export", "", "workstations and job fairs JSON (default: the one shipped)")
	format := flag.String("format", "text", "text or json")
	flag.Parse()
	if err := run(*labourPath, *workshopsPath, *exportPath, *format, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "zhenxiong:", err)
		os.Exit(1)
	}
}

// Output is the program's result.
type Output struct {
	Labour       labor.Tally         `json:"labour"`
	WorkingAges  string              `json:"working_ages"` // the age rule, and the province it is borrowed for
	TransferRate poverty.Rate        `json:"transfer_rate"`
	PoorShare    poverty.Rate        `json:"supported_poor_share"`
	Export       labor.ExportSummary `json:"export"`
	Returnee     labor.Impact        `json:"returnee_workshops"`
	// ReturneeLines says which lines each year's income was compared with.
	ReturneeLines []string `json:"returnee_lines"`
	// Samples say what the files read are.
	Samples []string `json:"samples"`
	// PublishedVsModel sets Zhenxiong's published shares beside the
	// model's predictions (rows 4-7 of docs/VALIDATION.md, on seed 1).
	PublishedVsModel []predict.Comparison `json:"published_vs_model"`
}

// The shipped files, and what they are.
var sampleNotes = [3]string{
	"labour.csv: a generated sample, every member aged 16 or more of 500 households of package gen's default county (seed 6), written by regen_test.go with no published figure as input; not evidence for Zhenxiong's figures",
	"workshops.csv: a generated sample, the workers of four workshops of the same generated county, standing for the returnee's four; not evidence for the published 235 of 537",
	"export.json: the article's five workstations and job fair with the counts it reports (inputs, echoed below; names, dates and the other stations' counts illustrative)",
}

// model runs rows 4-7 of docs/VALIDATION.md on the first prediction seed,
// once.
var model = sync.OnceValues(func() ([]predict.Comparison, error) {
	res, err := predict.RunParts(predict.Seeds[:1], predict.PartZhenxiong)
	if err != nil {
		return nil, err
	}
	return res.Comparisons(), nil
})

func run(labourPath, workshopsPath, exportPath, format string, w io.Writer) error {
	lraw, err := exampleio.Read(labourPath, defaultLabour)
	if err != nil {
		return err
	}
	wraw, err := exampleio.Read(workshopsPath, defaultWorkshops)
	if err != nil {
		return err
	}
	eraw, err := exampleio.Read(exportPath, defaultExport)
	if err != nil {
		return err
	}
	var export struct {
		About        string              `json:"about"`
		Workstations []labor.Workstation `json:"workstations"`
		JobFairs     []labor.JobFair     `json:"job_fairs"`
	}
	if err := exampleio.DecodeJSON(eraw, "export.json", &export); err != nil {
		return err
	}

	rules, err := employmentRules(2020)
	if err != nil {
		return err
	}
	var out Output
	for k, p := range []string{labourPath, workshopsPath, exportPath} {
		note := sampleNotes[k]
		if p != "" {
			note = p + ": the file given"
		}
		out.Samples = append(out.Samples, note)
	}

	// The labour-force sample: 2020 snapshots, tallied by the library.
	recs, err := records("labour.csv", lraw, []int{2020})
	if err != nil {
		return err
	}
	recs.Workstations, recs.JobFairs = export.Workstations, export.JobFairs
	idx, err := labor.NewIndex(recs)
	if err != nil {
		return err
	}
	out.Labour = labor.Tally{Rules: rules, Poor: labor.GroupRegistered}
	out.WorkingAges = rules.WorkingAges(county.Province())
	if err := idx.SummarizeEmployment(&out.Labour, 2020); err != nil {
		return err
	}
	if out.TransferRate, err = out.Labour.TransferRate(); err != nil {
		return err
	}
	if out.PoorShare, err = out.Labour.PoorShare(); err != nil {
		return err
	}
	if out.Export, err = labor.SummarizeExport(export.Workstations, export.JobFairs, recs.Jobs); err != nil {
		return err
	}

	// The returnee's workshops: households before (2018) and after (2020).
	wrecs, err := records("workshops.csv", wraw, []int{2018, 2020})
	if err != nil {
		return err
	}
	widx, err := labor.NewIndex(wrecs)
	if err != nil {
		return err
	}
	// Each year's income against its own year's lines: the 2018 standard
	// is UNCONFIRMED (the commonly quoted figure is supplied, labelled
	// EXAMPLE) and there is no monitoring line before 2020.
	before, beforeText, err := exampleio.ImpactLines(2018, county.Province())
	if err != nil {
		return err
	}
	after, afterText, err := exampleio.ImpactLines(2020, county.Province())
	if err != nil {
		return err
	}
	out.ReturneeLines = []string{beforeText, afterText}
	if out.Returnee, err = widx.Impact(nil, labor.ImpactOptions{Year: 2020, BaselineYear: 2018, Before: before, After: after}); err != nil {
		return err
	}
	out.Returnee.PerHousehold = nil // the report shows the totals
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

// employmentRules are the labour rules of the example, the same the
// model's prediction uses (predict.LabourRules): Jilin's working ages (the
// only confirmed limits in the library's data, borrowed here: no Yunnan
// rule is recorded), the stable-employment and transfer rules (SECONDARY),
// and no minimum wage (none is sourced for the county).
func employmentRules(year int) (labor.EmploymentRules, error) { return predict.LabourRules(year) }

// records parses a worker CSV into labor records: a household snapshot
// for each year (income other than the jobs; the jobs' wages are added by
// the library), the workers, their jobs and the workshops named.
func records(name string, raw []byte, years []int) (*labor.Records, error) {
	rows, first, err := exampleio.CSV(raw, name, header)
	if err != nil {
		return nil, err
	}
	r := &labor.Records{}
	type hh struct {
		reg            int
		others, income string
		members        []poverty.Member
	}
	households := map[string]hh{}
	var order []string
	workshops := map[string]bool{}
	for i, f := range rows {
		line := first + i
		bad := func(field, value string, err error) error {
			return fmt.Errorf("%s line %d: %w", name, line, &poverty.FieldError{Record: f[4], Field: field, Value: value, Err: err})
		}
		reg, err := strconv.Atoi(f[1])
		if err != nil || (reg != 0 && (reg < 2014 || reg > 2020)) {
			return nil, bad("registered", f[1], poverty.ErrRange)
		}
		if _, err := poverty.ParseMoney(f[3]); err != nil {
			return nil, bad("income", f[3], err)
		}
		x, ok := households[f[0]]
		if ok && (x.reg != reg || x.others != f[2] || x.income != f[3]) {
			return nil, bad("household", f[0], errors.New("registration, other members or income differ from the household's first line"))
		}
		if !ok {
			x = hh{reg: reg, others: f[2], income: f[3]}
			if f[2] != "" {
				for _, d := range strings.Split(f[2], ";") {
					born, err := poverty.ParseDate(d)
					if err != nil {
						return nil, bad("others_born", d, err)
					}
					x.members = append(x.members, poverty.Member{BirthDate: born, Capacity: poverty.UnableToWork})
				}
			}
			order = append(order, f[0])
		}
		wk := labor.Worker{ID: f[4], Household: f[0]}
		if wk.BirthDate, err = poverty.ParseDate(f[5]); err != nil {
			return nil, bad("born", f[5], err)
		}
		if err := wk.Sex.UnmarshalText([]byte(f[6])); err != nil {
			return nil, bad("sex", f[6], err)
		}
		if err := wk.Capacity.UnmarshalText([]byte(f[7])); err != nil {
			return nil, bad("capacity", f[7], err)
		}
		r.Workers = append(r.Workers, wk)
		x.members = append(x.members, poverty.Member{BirthDate: wk.BirthDate, Sex: wk.Sex, Capacity: wk.Capacity})
		households[f[0]] = x
		if f[8] == "" {
			continue
		}
		j := labor.Job{ID: f[4] + "-job", Worker: f[4], Employer: "employer", Via: f[10], Workshop: f[11]}
		if err := j.Channel.UnmarshalText([]byte(f[8])); err != nil {
			return nil, bad("channel", f[8], err)
		}
		if err := j.Place.UnmarshalText([]byte(f[9])); err != nil {
			return nil, bad("place", f[9], err)
		}
		if j.Start, err = poverty.ParseDate(f[12]); err != nil {
			return nil, bad("start", f[12], err)
		}
		if f[13] != "" {
			if j.End, err = poverty.ParseDate(f[13]); err != nil {
				return nil, bad("end", f[13], err)
			}
		}
		if j.MonthlyWage, err = poverty.ParseMoney(f[14]); err != nil {
			return nil, bad("monthly_wage", f[14], err)
		}
		if j.Workshop != "" {
			j.Employer = j.Workshop
			workshops[j.Workshop] = true
		}
		r.Jobs = append(r.Jobs, j)
	}
	for _, id := range order {
		x := households[id]
		for _, y := range years {
			h := labor.Household{Household: poverty.Household{ID: id, County: county, Year: y, Concept: poverty.DisposableIncome,
				Members: x.members, Registration: poverty.Registration{Registered: x.reg}}}
			// The net income other than the jobs: a negative amount (costs
			// and contributions above the income) is recorded as costs.
			if inc := poverty.MustParseMoney(x.income); inc < 0 {
				h.Income.OperatingCosts = -inc
			} else {
				h.Income.OperatingIncome = inc
			}
			if x.reg != 0 && y >= 2020 {
				h.Registration.Exited = 2020
			}
			r.Households = append(r.Households, h)
		}
	}
	ids := make([]string, 0, len(workshops))
	for id := range workshops {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		r.Workshops = append(r.Workshops, labor.Workshop{ID: id, Name: "garment workshop " + id, Type: labor.Factory,
			County: county, Opened: poverty.MustParseDate("2019-09-01"), OwnerReturnee: strings.HasPrefix(id, "ZX-G")})
	}
	return r, nil
}

func pct(r poverty.Rate) string { return ((r + 500) / 1000 * 1000).Percent() }

func writeText(w io.Writer, o *Output) error {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	t := &o.Labour
	p("ZHENXIONG LABOUR TRANSFER AND WORKSHOPS, 2020\n")
	for _, s := range o.Samples {
		p("%s\n", s)
	}
	p("\nLABOUR FORCE (the library's counts of the workers in the labour file)\n")
	p("  households %d; labour force %d (working age, able to work)\n", t.Households, t.LaborForce)
	p("  %s\n", o.WorkingAges)
	p("  employed %d, stably employed %d, transferred (outside the township 6 months or more) %d\n", t.Employed, t.Stable, t.Transferred)
	p("  supported through employment transfer: %d = %s of the labour force\n", t.Supported, pct(o.TransferRate))
	p("  of them from registered poor households: %d = %s\n", t.SupportedPoor, pct(o.PoorShare))
	p("  households in the labour force with no stable job (zero-employment): %d\n", t.ZeroEmployment)
	e := &o.Export
	p("\nLABOUR EXPORT (the export file's reported counts; placements and hires in the labour file counted by the library)\n")
	p("  %d workstations reporting %d placements (%d in the sample's records), %d disputes settled, %d wage claims, %s recovered\n",
		e.Workstations, e.ReportedPlacements, e.RecordedPlacements, e.DisputesSettled, e.WageClaims, e.WagesRecovered)
	p("  %d job fair(s): %d recruiters, %d vacancies, %d hires reported (%d in the sample's records)\n", e.JobFairs, e.Recruiters, e.Vacancies, e.Hires, e.RecordedHires)
	r := &o.Returnee
	p("\nTHE RETURNEE'S WORKSHOPS (the library's counts of the workshops file)\n")
	p("  %d workshops, %d jobs, %d held by members of registered poor households = %s\n", r.Workshops, r.Jobs, r.JobsPoor, pct(r.PoorShare))
	for _, ws := range r.PerWorkshop {
		p("    %s: %d jobs, %d poor, wage bill %s\n", ws.Workshop, ws.Jobs, ws.JobsPoor, ws.WageBill)
	}
	line := "not assessed"
	if r.LineAssessed {
		line = strconv.Itoa(r.CrossedLine)
	}
	p("  households %d: crossed the standard %d, crossed the monitoring line %s (%d to %d, each year's income against its own year's lines)\n",
		r.Households, r.CrossedStandard, line, r.BaselineYear, r.Year)
	for _, l := range o.ReturneeLines {
		p("    %s\n", l)
	}
	p("\nPUBLISHED VS MODEL (Zhenxiong's figures against the model's predictions; the files above play no part)\n")
	predict.WriteComparisons(w, o.PublishedVsModel)
	return nil
}
