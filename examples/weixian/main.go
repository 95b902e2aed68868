// Command weixian runs a county's department early warning (SEEDS.md S3):
// it reads feed.json (a few households and the records that medical
// insurance, civil affairs and emergency management sent about them),
// assesses each household with package risk, identifies the ones at risk
// of returning to poverty, follows the warned household through the
// department's verification, the 7,000 yuan relief and the employment
// measure, and runs the risk-elimination test at the follow-up visit. It
// prints what the big-data system would show, with the reasons.
//
//	go run ./examples/weixian
//	go run ./examples/weixian -data my-feed.json -format json
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/openfupin/fupin/internal/exampleio"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

//go:embed feed.json
var defaultData []byte

// Feed is the data file.
type Feed struct {
	About      string       `json:"about"`
	On         poverty.Date `json:"on"`
	Households []Household  `json:"households"`
	Feed       []FeedRecord `json:"feed"`
	Response   Response     `json:"response"`
}

// Household is a household as the county's system holds it.
type Household struct {
	ID         string         `json:"id"`
	County     poverty.County `json:"county"`
	Residents  int            `json:"residents"`
	Workers    int            `json:"workers"`
	Registered int            `json:"registered,omitempty"`
	Exited     int            `json:"exited,omitempty"`
	Income     IncomeSpec     `json:"income"`
	Note       string         `json:"note,omitempty"`
}

// IncomeSpec is a household's wage income a month from From to To, with
// step changes.
type IncomeSpec struct {
	From    poverty.YearMonth `json:"from"`
	To      poverty.YearMonth `json:"to"`
	Monthly poverty.Money     `json:"monthly"`
	Changes []Step            `json:"changes,omitempty"`
}

// Step is a new monthly income from a month on.
type Step struct {
	From    poverty.YearMonth `json:"from"`
	Monthly poverty.Money     `json:"monthly"`
	Why     string            `json:"why"`
}

// FeedRecord is one department's records about one household, in package
// risk's event JSON.
type FeedRecord struct {
	Household  string          `json:"household"`
	Department string          `json:"department"`
	Events     json.RawMessage `json:"events"`
}

// Response is what the county did about the warned household.
type Response struct {
	Household string        `json:"household"`
	Verified  poverty.Date  `json:"verified"`
	By        string        `json:"by"`
	Measures  []Measure     `json:"measures"`
	FollowUp  poverty.Date  `json:"follow_up"`
	Resolved  []risk.Factor `json:"resolved"`
	// CarryLineForward uses the line of the identification year at a
	// follow-up in a later year for which no line is confirmed; the line
	// is marked stale in every reason.
	CarryLineForward bool `json:"carry_line_forward"`
}

// Measure is one measure of the response.
type Measure struct {
	Code   string        `json:"code"`
	Start  poverty.Date  `json:"start"`
	Amount poverty.Money `json:"amount,omitempty"`
	Note   string        `json:"note,omitempty"`
}

func main() {
	data := flag.String("data", "", "feed JSON file (default: the one shipped with the program)")
	format := flag.String("format", "text", "text or json")
	flag.Parse()
	if err := run(*data, *format, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "weixian:", err)
		os.Exit(1)
	}
}

// Output is the program's result.
type Output struct {
	On          poverty.Date            `json:"on"`
	Assessments []HouseholdView         `json:"assessments"`
	Case        []risk.Entry            `json:"case_history,omitempty"`
	Elimination *risk.EliminationResult `json:"elimination,omitempty"`
	// FollowUpLine cites the monitoring line the follow-up used; a line this
	// example carried forward says EXAMPLE.
	FollowUpLine string `json:"follow_up_line,omitempty"`
	Outcome      string `json:"outcome"`
}

// HouseholdView is what the system shows for one household.
type HouseholdView struct {
	ID             string   `json:"id"`
	Status         string   `json:"status"`
	PerCapita      string   `json:"per_capita"`
	Warnings       []string `json:"warnings"`
	Category       string   `json:"category"`
	Identification []string `json:"identification"`
}

func run(path, format string, w io.Writer) error {
	raw, err := exampleio.Read(path, defaultData)
	if err != nil {
		return err
	}
	var f Feed
	if err := exampleio.DecodeJSON(raw, "feed", &f); err != nil {
		return err
	}
	if f.On.IsZero() {
		return fmt.Errorf("feed: field on: %w", poverty.ErrMissing)
	}
	households := map[string]*poverty.Household{}
	order := []string{}
	for i := range f.Households {
		x := &f.Households[i]
		h, err := x.build(f.On)
		if err != nil {
			return fmt.Errorf("feed: households[%d]: %w", i, err)
		}
		if households[x.ID] != nil {
			return fmt.Errorf("feed: households[%d]: field id = %q: %w", i, x.ID, poverty.ErrDuplicate)
		}
		households[x.ID] = h
		order = append(order, x.ID)
	}
	events := map[string][]risk.Event{}
	for i, r := range f.Feed {
		if households[r.Household] == nil {
			return fmt.Errorf("feed: feed[%d]: field household = %q: no such household", i, r.Household)
		}
		es, err := risk.DecodeEvents(bytes.NewReader(r.Events))
		if err != nil {
			return fmt.Errorf("feed: feed[%d] (%s, %s): %w", i, r.Household, r.Department, err)
		}
		events[r.Household] = append(events[r.Household], es...)
	}
	table := poverty.Default()
	lines, err := table.LinesFor(f.On.Year(), poverty.MustParseRegion("13"), poverty.BelowLine, poverty.LookupOptions{})
	if err != nil {
		return err
	}
	out := Output{On: f.On}
	var warned *risk.Identification
	for _, id := range order {
		h := households[id]
		a, err := risk.Assess(h, events[id], f.On, nil)
		if err != nil {
			return fmt.Errorf("feed: household %s: %w", id, err)
		}
		cl, err := poverty.Classify(h, &lines)
		if err != nil {
			return fmt.Errorf("feed: household %s: %w", id, err)
		}
		ident, err := risk.Identify(risk.IdentifyInput{Household: h, On: f.On, Assessment: &a, Table: table, Guarantees: poverty.AllSecured()})
		if err != nil {
			return fmt.Errorf("feed: household %s: %w", id, err)
		}
		v := HouseholdView{ID: id, Status: cl.Status.String(), PerCapita: a.PerCapita.Amount.String(), Category: ident.Code()}
		for _, c := range a.Warnings() {
			v.Warnings = append(v.Warnings, c.Code()+": "+brief(c.Explain()))
		}
		for _, c := range ident.Criteria {
			v.Identification = append(v.Identification, fmt.Sprintf("%s %t: %s", c.Code, c.Pass, c.Input))
		}
		out.Assessments = append(out.Assessments, v)
		if id == f.Response.Household {
			ident := ident
			warned = &ident
		}
	}
	if warned != nil && warned.Category != risk.CategoryNone {
		if err := respond(&f, households[f.Response.Household], warned, table, &out); err != nil {
			return err
		}
	} else {
		out.Outcome = "no household in the response was identified: nothing to follow"
	}
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return writeText(w, &f, &out)
}

// respond opens the case through the department-warning channel, records
// the verified measures, and runs the elimination test at the follow-up.
func respond(f *Feed, h *poverty.Household, ident *risk.Identification, table *poverty.Table, out *Output) error {
	r := &f.Response
	factors := ident.Factors
	c, err := risk.Open(risk.CaseInfo{ID: "case-" + h.ID, HouseholdID: h.ID, Region: h.Province(), County: h.County,
		Category: ident.Category, Factors: factors, Channel: risk.DepartmentWarning, Members: h.Residents()},
		r.Verified, "warning verified by the "+r.By)
	if err != nil {
		return fmt.Errorf("feed: response: %w", err)
	}
	cat := risk.DefaultCatalog()
	for i, m := range r.Measures {
		def, ok := cat.Lookup(m.Code)
		if !ok {
			return fmt.Errorf("feed: response.measures[%d]: field code = %q: unknown measure", i, m.Code)
		}
		rec := risk.MeasureRecord{Code: m.Code, Type: def.Type, Start: m.Start, Amount: m.Amount, Note: m.Note}
		if i == 0 {
			err = c.StartAssistance(m.Start, rec, m.Note)
		} else {
			err = c.AddMeasure(m.Start, rec, m.Note)
		}
		if err != nil {
			return fmt.Errorf("feed: response.measures[%d]: %w", i, err)
		}
	}
	in := risk.EliminationInput{Case: c, Household: h, On: r.FollowUp, Table: table,
		Guarantees: poverty.AllSecured(), Resolved: risk.FactorsOf(r.Resolved...)}
	if r.CarryLineForward && r.FollowUp.Year() != ident.On.Year() {
		// The example supplies a line the sources do not give: label it so.
		line := ident.Line
		line.Stale = true
		line.Provenance = poverty.Provenance{
			Source: fmt.Sprintf("the %d line carried forward by this example (carry_line_forward in feed.json): no line is confirmed for %d; was: %s",
				ident.On.Year(), r.FollowUp.Year(), ident.Line.Provenance.Cite()),
			Status: poverty.Example, Scope: ident.Line.Scope,
		}
		in.Line = &line
		out.FollowUpLine = line.Cite()
	}
	res, err := risk.EliminationTest(in, nil)
	if err != nil {
		return fmt.Errorf("feed: response: follow-up: %w", err)
	}
	if res.Pass {
		if err := c.Eliminate(&res); err != nil {
			return err
		}
		out.Outcome = fmt.Sprintf("risk eliminated on %s after assistance: the family did not fall back into poverty", r.FollowUp)
	} else {
		out.Outcome = fmt.Sprintf("risk not yet eliminated on %s: keep assisting", r.FollowUp)
	}
	out.Case = c.History()
	out.Elimination = &res
	return nil
}

// build expands the household: resident members (the first Workers able
// to work) and its monthly wage income; its accounting year is on's year
// and its income the 12 months before on, the window identification
// reads.
func (x *Household) build(on poverty.Date) (*poverty.Household, error) {
	bad := func(field, value string, err error) error {
		return &poverty.FieldError{Record: x.ID, Field: field, Value: value, Err: err}
	}
	if x.ID == "" {
		return nil, bad("id", "", poverty.ErrMissing)
	}
	if x.Residents < 1 || x.Residents > 30 {
		return nil, bad("residents", fmt.Sprint(x.Residents), poverty.ErrRange)
	}
	if x.Workers < 0 || x.Workers > x.Residents {
		return nil, bad("workers", fmt.Sprint(x.Workers), poverty.ErrRange)
	}
	in := &x.Income
	if in.From == 0 || in.To < in.From || in.To-in.From > 60 {
		return nil, bad("income", in.From.String()+".."+in.To.String(), poverty.ErrRange)
	}
	h := &poverty.Household{ID: x.ID, County: x.County, Year: on.Year(), Concept: poverty.DisposableIncome,
		Registration: poverty.Registration{Registered: x.Registered, Exited: x.Exited}}
	if !x.County.IsValid() {
		return nil, bad("county", x.County.String(), poverty.ErrUnknownRegion)
	}
	for i := range x.Residents {
		m := poverty.Member{Capacity: poverty.UnableToWork}
		if i < x.Workers {
			m.Capacity = poverty.AbleToWork
		}
		h.Members = append(h.Members, m)
	}
	for ym := in.From; ym <= in.To; ym++ {
		amt := in.Monthly
		for _, s := range in.Changes {
			if ym >= s.From {
				amt = s.Monthly
			}
		}
		if amt < 0 {
			return nil, bad("income.monthly", amt.String(), poverty.ErrNegative)
		}
		h.Monthly = append(h.Monthly, poverty.MonthlyIncome{Month: ym, Income: poverty.Income{Wage: amt}})
	}
	var err error
	if h.Income, err = poverty.SumWindow(h.Monthly, poverty.TrailingWindow(on)); err != nil {
		return nil, bad("income", in.From.String()+".."+in.To.String(), err)
	}
	return h, nil
}

// brief keeps the part of an explanation that says what was read.
func brief(s string) string {
	parts := strings.Split(s, "; ")
	if len(parts) > 1 {
		return parts[1]
	}
	return parts[0]
}

func writeText(w io.Writer, f *Feed, o *Output) error {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("WEIXIAN DEPARTMENT EARLY WARNING, %s\n", o.On)
	for _, v := range o.Assessments {
		p("\n%s: %s, per capita %s over the 12 months before\n", v.ID, v.Status, v.PerCapita)
		if len(v.Warnings) == 0 {
			p("  no warning\n")
		}
		for _, x := range v.Warnings {
			p("  WARNING %s\n", x)
		}
		p("  identification: %s\n", v.Category)
		if len(v.Warnings) > 0 {
			for _, x := range v.Identification {
				p("    %s\n", x)
			}
		}
	}
	if len(o.Case) > 0 {
		p("\nCASE %s (verified by the %s)\n", f.Response.Household, f.Response.By)
		for _, e := range o.Case {
			p("  %s %s -> %s", e.Date, e.Step, e.Stage)
			if e.Reason != "" {
				p(": %s", e.Reason)
			}
			p("\n")
		}
	}
	if o.Elimination != nil {
		p("\nFOLLOW-UP %s: elimination test pass %t\n", o.Elimination.On, o.Elimination.Pass)
		if o.FollowUpLine != "" {
			p("  line: %s\n", o.FollowUpLine)
		}
		for _, c := range o.Elimination.Criteria {
			p("  %s %t: %s\n", c.Code, c.Pass, c.Input)
		}
	}
	p("\nOUTCOME: %s\n", o.Outcome)
	return nil
}
