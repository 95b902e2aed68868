// Command xinjiang shows a platform's households in the four colours of
// Xinjiang's 2020 scheme (红橙黄绿, SEEDS.md S4): it reads platform.json (a
// small illustrative platform it ships), computes each household's
// per-capita income with package poverty and its tier with package risk
// (income bands; never green with a guarantee not secured, since the scheme
// defines green as 两不愁三保障 secured; red after a severe event that cost
// a guarantee), and prints the dashboard by township, the households in
// red, orange and yellow with their reasons, the households whose
// guarantees were not assessed, and how a change of income moves a
// household.
//
//	go run ./examples/xinjiang
//	go run ./examples/xinjiang -data my-platform.json -format json
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/openfupin/fupin/internal/exampleio"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

//go:embed platform.json
var defaultData []byte

// Platform is the data file.
type Platform struct {
	About      string       `json:"about"`
	Scheme     string       `json:"scheme"`
	On         poverty.Date `json:"on"`
	Households []Household  `json:"households"`
	Changes    []Change     `json:"changes"`
}

// Household is one platform record.
type Household struct {
	ID        string          `json:"id"`
	Township  string          `json:"township"`
	Residents int             `json:"residents"`
	Income    poverty.Money   `json:"income"` // the 12 months before the date
	Note      string          `json:"note,omitempty"`
	Events    json.RawMessage `json:"events,omitempty"` // package risk's event JSON
	// Guarantees are the household's two assurances and three guarantees
	// and drinking water as verified (a poverty.Guarantees object, decoded
	// strictly with the household named in errors); absent or null: not
	// assessed, and the household is tiered by income and events only.
	Guarantees json.RawMessage `json:"guarantees,omitempty"`
}

// Change is a new annual income for a household, with its cause.
type Change struct {
	Household string        `json:"household"`
	Income    poverty.Money `json:"income"`
	Why       string        `json:"why"`
}

// Row is what the dashboard shows for one household.
type Row struct {
	ID        string         `json:"id"`
	Township  string         `json:"township"`
	PerCapita poverty.Figure `json:"per_capita"`
	Tier      risk.Tier      `json:"tier"`
	Code      string         `json:"code"`
	Reason    string         `json:"reason"`
	// Guarantees are those the tier read; null when not assessed.
	Guarantees *poverty.Guarantees `json:"guarantees"`
	Warnings   []string            `json:"warnings,omitempty"`
	Note       string              `json:"note,omitempty"`
}

// Dashboard is the program's output.
type Dashboard struct {
	Scheme     string          `json:"scheme"`
	On         poverty.Date    `json:"on"`
	ByTownship []TownshipRow   `json:"by_township"`
	Rows       []Row           `json:"households"`
	Moves      []Move          `json:"moves"`
	Totals     map[string]int  `json:"totals"`
	Source     string          `json:"source"`
	Cuts       []poverty.Money `json:"cuts"`
	// Income says what the per-capita incomes are: the annual income of
	// on's year as the platform records it, concept not stated.
	Income string `json:"income"`
	// NotAssessed lists the households whose guarantees the platform does
	// not hold: tiered by income and events only.
	NotAssessed []string `json:"guarantees_not_assessed"`
}

// TownshipRow counts a township's households by colour.
type TownshipRow struct {
	Township string `json:"township"`
	Red      int    `json:"red"`
	Orange   int    `json:"orange"`
	Yellow   int    `json:"yellow"`
	Green    int    `json:"green"`
}

// Move is a household's tier before and after a change.
type Move struct {
	Household string `json:"household"`
	Why       string `json:"why"`
	Before    Row    `json:"before"`
	After     Row    `json:"after"`
}

func main() {
	data := flag.String("data", "", "platform JSON file (default: the one shipped with the program)")
	format := flag.String("format", "text", "text or json")
	flag.Parse()
	if err := run(*data, *format, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "xinjiang:", err)
		os.Exit(1)
	}
}

func run(path, format string, w io.Writer) error {
	raw, err := exampleio.Read(path, defaultData)
	if err != nil {
		return err
	}
	var p Platform
	if err := exampleio.DecodeJSON(raw, "platform", &p); err != nil {
		return err
	}
	s, ok := risk.DefaultSchemes().Lookup(p.Scheme)
	if !ok {
		return fmt.Errorf("platform: field scheme: no scheme %q", p.Scheme)
	}
	if p.On.IsZero() || !s.InForceIn(p.On.Year()) {
		return fmt.Errorf("platform: field on = %q: scheme %s is not in force that year", p.On, s.ID)
	}
	d := Dashboard{Scheme: s.ID + ": " + s.Name, On: p.On, Source: s.Cite(), Totals: map[string]int{},
		Income: fmt.Sprintf("per-capita annual income of %d as the platform records it (annual record, no monthly records; income concept not stated by the platform or the scheme's source)", p.On.Year())}
	byID := map[string]int{}
	for i := range p.Households {
		x := &p.Households[i]
		if _, dup := byID[x.ID]; dup || x.ID == "" {
			return fmt.Errorf("platform: households[%d]: field id = %q: %w", i, x.ID, poverty.ErrDuplicate)
		}
		byID[x.ID] = i
		row, err := assess(&s, x, x.Income, p.On)
		if err != nil {
			return fmt.Errorf("platform: households[%d] (%s): %w", i, x.ID, err)
		}
		d.Rows = append(d.Rows, row)
		d.Totals[row.Tier.String()]++
		if row.Guarantees == nil {
			d.NotAssessed = append(d.NotAssessed, row.ID)
		}
		k := slices.IndexFunc(d.ByTownship, func(t TownshipRow) bool { return t.Township == x.Township })
		if k < 0 {
			d.ByTownship = append(d.ByTownship, TownshipRow{Township: x.Township})
			k = len(d.ByTownship) - 1
		}
		t := &d.ByTownship[k]
		switch row.Tier {
		case risk.Red:
			t.Red++
		case risk.Orange:
			t.Orange++
		case risk.Yellow:
			t.Yellow++
		case risk.Green:
			t.Green++
		}
	}
	for i, c := range p.Changes {
		k, ok := byID[c.Household]
		if !ok {
			return fmt.Errorf("platform: changes[%d]: field household = %q: no such household", i, c.Household)
		}
		after, err := assess(&s, &p.Households[k], c.Income, p.On)
		if err != nil {
			return fmt.Errorf("platform: changes[%d]: %w", i, err)
		}
		d.Moves = append(d.Moves, Move{Household: c.Household, Why: c.Why, Before: d.Rows[k], After: after})
	}
	if len(d.Rows) > 0 {
		r, _ := s.Classify(risk.TierInput{PerCapita: d.Rows[0].PerCapita})
		d.Cuts = r.Cuts
	}
	if d.NotAssessed == nil {
		d.NotAssessed = []string{}
	}
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	}
	return writeText(w, &d)
}

// assess builds the household (residents and the annual income the
// platform records, of on's year; no monthly records, so risk.Assess reads
// the annual income as what it is and says so, and the income-drop check,
// which needs months, is not assessable), runs the department events
// through risk.Assess, and classifies the tier. The platform does not say
// which income concept it records, nor does the Xinjiang source of the
// cut-offs: the household's concept is "not stated".
func assess(s *risk.Scheme, x *Household, income poverty.Money, on poverty.Date) (Row, error) {
	if x.Residents < 1 || x.Residents > 30 {
		return Row{}, &poverty.FieldError{Record: x.ID, Field: "residents", Value: fmt.Sprint(x.Residents), Err: poverty.ErrRange}
	}
	if income < 0 {
		return Row{}, &poverty.FieldError{Record: x.ID, Field: "income", Value: income.String(), Err: poverty.ErrNegative}
	}
	h := &poverty.Household{ID: x.ID, Region: poverty.MustParseRegion("65"), Year: on.Year(), Concept: poverty.ConceptNotStated,
		Members: make([]poverty.Member, x.Residents)}
	h.Income.Wage = income
	var events []risk.Event
	if len(x.Events) > 0 {
		var err error
		if events, err = risk.DecodeEvents(bytes.NewReader(x.Events)); err != nil {
			return Row{}, err
		}
	}
	a, err := risk.Assess(h, events, on, nil)
	if err != nil {
		return Row{}, err
	}
	pc, err := h.PerCapita()
	if err != nil {
		return Row{}, err
	}
	var g *poverty.Guarantees // nil: not assessed
	if len(x.Guarantees) > 0 && string(x.Guarantees) != "null" {
		g = new(poverty.Guarantees)
		if err := exampleio.DecodeJSON(x.Guarantees, "guarantees", g); err != nil {
			return Row{}, &poverty.FieldError{Record: x.ID, Field: "guarantees", Err: err}
		}
	}
	res, err := s.Classify(risk.TierInput{PerCapita: pc, SevereGuaranteeFailure: a.SevereGuaranteeFailure, Guarantees: g})
	if err != nil {
		return Row{}, err
	}
	row := Row{ID: x.ID, Township: x.Township, PerCapita: pc, Tier: res.Tier, Code: res.Code, Reason: res.Reason,
		Guarantees: res.Guarantees, Note: x.Note}
	for _, c := range a.Warnings() {
		row.Warnings = append(row.Warnings, c.Code())
	}
	return row, nil
}

func writeText(w io.Writer, d *Dashboard) error {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("XINJIANG FOUR-COLOUR DASHBOARD, %s\n%s\ncut-offs %v (yuan a head a year)\nincome: %s\n\n", d.On, d.Scheme, d.Cuts, d.Income)
	p("  %-12s %4s %6s %6s %5s\n", "township", "red", "orange", "yellow", "green")
	for _, t := range d.ByTownship {
		p("  %-12s %4d %6d %6d %5d\n", t.Township, t.Red, t.Orange, t.Yellow, t.Green)
	}
	p("  %-12s %4d %6d %6d %5d\n", "all", d.Totals["red"], d.Totals["orange"], d.Totals["yellow"], d.Totals["green"])
	for _, tier := range []risk.Tier{risk.Red, risk.Orange, risk.Yellow} {
		p("\n%s:\n", tier)
		for _, r := range d.Rows {
			if r.Tier != tier {
				continue
			}
			p("  %s (%s) per capita %s: %s [%s]", r.ID, r.Township, r.PerCapita.Amount, r.Reason, r.Code)
			if r.Guarantees == nil {
				p("; guarantees not assessed")
			}
			if len(r.Warnings) > 0 {
				p("; warnings %v", r.Warnings)
			}
			if r.Note != "" {
				p("; %s", r.Note)
			}
			p("\n")
		}
	}
	p("\nguarantees not assessed (tier by income and events only): ")
	if len(d.NotAssessed) == 0 {
		p("none")
	}
	for i, id := range d.NotAssessed {
		if i > 0 {
			p(", ")
		}
		p("%s", id)
	}
	p("\n")
	p("\nCHANGES\n")
	for _, m := range d.Moves {
		p("  %s: %s -> %s (per capita %s -> %s): %s\n", m.Household, m.Before.Tier, m.After.Tier, m.Before.PerCapita.Amount, m.After.PerCapita.Amount, m.Why)
	}
	p("\nsource: %s\n", d.Source)
	return nil
}
