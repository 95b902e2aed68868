package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/internal/golden"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// Guarantees in batch (issue 12, item 3): the Xinjiang scheme defines green
// as 两不愁三保障 secured (docs/POLICY.md 3.1), so a record whose guarantee
// columns show an item not secured is never green; without the columns
// every result and the summary say the guarantees were not assessed.

const guaranteeHeader = gen.CSVHeader + "," + GuaranteeColumns

// TestGuaranteesSample runs testdata/guarantees.csv (Xinjiang 2020
// households with guarantee and severe columns, bad values, a record
// without them, and a Yunnan household with no scheme) and checks the
// results and rejects against their golden files.
func TestGuaranteesSample(t *testing.T) {
	in, err := os.ReadFile("testdata/guarantees.csv")
	if err != nil {
		t.Fatal(err)
	}
	var out, rej bytes.Buffer
	c, err := assess(bytes.NewReader(in), "csv", 2, defaultSettings(), &out, &rej, nil)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "guarantees.results.csv", out.Bytes())
	golden.Check(t, "guarantees.rejects.csv", rej.Bytes())
	if diff := cmp.Diff(Counts{Read: 13, Accepted: 10, Rejected: 3, GuaranteesAssessed: 10}, c); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	if s := guaranteesSummary(c); s != "guarantees assessed for all 10 accepted records" {
		t.Errorf("summary %q", s)
	}
}

// TestGuaranteesNotAssessed: input without guarantee columns says so in
// every accepted result and in the summary.
func TestGuaranteesNotAssessed(t *testing.T) {
	var out, errb bytes.Buffer
	if err := run(options{out: "-", rejects: "-", workers: 2, seed: 1}, nil, &out, &errb); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")[1:] {
		if f := strings.Split(l, ","); f[2] != "rejected" && f[7] != "not_assessed" {
			t.Errorf("result %q: guarantees %q, want not_assessed", l, f[7])
		}
	}
	if !strings.Contains(errb.String(), "); guarantees not assessed for 25 of 25 accepted records\n") {
		t.Errorf("summary %q", errb.String())
	}
}

// tierRow is what TestGuaranteeColumns compares.
type tierRow struct {
	Tier, Guarantees, Code string
}

// TestGuaranteeColumns checks the guarantee and severe columns against the
// library (risk.Scheme.Classify with the same guarantees): every item in
// every state, empty cells, with and without the severe column, at the
// Xinjiang cut-offs.
func TestGuaranteeColumns(t *testing.T) {
	s, _ := risk.DefaultSchemes().Lookup("xinjiang-2020")
	lines, err := poverty.Default().LinesFor(2020, poverty.MustParseRegion("65"), poverty.BelowLine, poverty.LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	names := strings.Split(GuaranteeColumns, ",")
	states := map[string]poverty.GuaranteeState{"secured": poverty.Secured, "not_secured": poverty.NotSecured, "unverified": poverty.Unverified, "": poverty.Unverified}
	type variant struct {
		cols   int
		severe string
	}
	n := 0
	for _, pc := range []string{"3999.99", "4000.00", "4500.00", "4500.01", "5000.00", "5000.01", "9000.00"} {
		for item := -1; item < len(names); item++ {
			for word, st := range states {
				if item < 0 && word != "secured" {
					continue // every item secured, once
				}
				for _, v := range []variant{{gen.CSVColumns + numGuaranteeColumns, ""}, {maxColumns, "false"}, {maxColumns, "true"}} {
					cells := []string{"secured", "secured", "secured", "secured", "secured", "secured"}
					g := poverty.AllSecured()
					gs := []*poverty.GuaranteeState{&g.Food, &g.Clothing, &g.Education, &g.Medical, &g.Housing, &g.DrinkingWater}
					if item >= 0 {
						cells[item], *gs[item] = word, st
					}
					if v.severe != "" {
						cells = append(cells, v.severe)
					}
					wage := poverty.MustParseMoney(pc) * 2
					line := "h,650120,2020,disposable_income,2,2,1," + wage.String() + ",0,0,0,0,0,0,0,0,0,0," + strings.Join(cells, ",")
					a := newCSVAssessor(defaultSettings(), v.cols)
					c := &chunk{}
					a.assess(c, []byte(line), 2)
					if c.accepted != 1 {
						t.Fatalf("%s: rejected: %s", line, c.rej)
					}
					f := strings.Split(strings.TrimSuffix(string(c.out), "\n"), ",")
					_, code, _ := strings.Cut(f[8], ";")
					got := tierRow{f[6], f[7], code}
					res, err := s.Classify(risk.TierInput{PerCapita: poverty.Figure{Amount: poverty.MustParseMoney(pc), Concept: poverty.DisposableIncome},
						Line: &lines.Monitoring, Guarantees: &g, SevereGuaranteeFailure: v.severe == "true"})
					if err != nil {
						t.Fatal(err)
					}
					want := tierRow{res.Tier.String(), "secured", res.Code}
					if item >= 0 && st != poverty.Secured {
						want.Guarantees = names[item] + "=" + st.String()
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("%s (-want +got):\n%s", line, diff)
					}
					if want.Guarantees != "secured" && got.Tier == "green" {
						t.Errorf("%s: green with a guarantee not secured", line)
					}
					if c.guaranteed != 1 {
						t.Errorf("%s: not counted as assessed", line)
					}
					n++
				}
			}
		}
	}
	t.Logf("%d records", n)
}

// TestGuaranteeRejects: a bad value in a guarantee or severe column is a
// typed error naming the record and the column; a record with another
// number of columns than its header names the header.
func TestGuaranteeRejects(t *testing.T) {
	base := "h,650120,2020,disposable_income,2,2,1,12000,0,0,0,0,0,0,0,0,0,0"
	ok := []string{"secured", "secured", "secured", "secured", "secured", "secured", "false"}
	for k, col := range strings.Split(GuaranteeColumns+","+SevereColumn, ",") {
		for _, bad := range []string{"maybe", "Secured", "1", "not secured"} {
			cells := append([]string(nil), ok...)
			cells[k] = bad
			line := base + "," + strings.Join(cells, ",")
			a := newCSVAssessor(defaultSettings(), maxColumns).(*csvAssessor)
			c := &chunk{}
			a.assess(c, []byte(line), 9)
			recs, err := csv.NewReader(bytes.NewReader(c.rej)).ReadAll()
			if err != nil || c.rejected != 1 || len(recs) != 1 {
				t.Fatalf("%s: rejects %q (%v)", line, c.rej, err)
			}
			if recs[0][2] != col || !strings.Contains(recs[0][3], `batch: record "h": field `+col+` = "`+bad+`": unknown word (want `) {
				t.Errorf("%s: reject %q", line, recs[0])
			}
			// The error itself is a *poverty.FieldError wrapping ErrUnknownWord.
			fe := a.fill()
			if fe == nil || fe.Field != col || fe.Record != "h" || fe.Value != bad || !errors.Is(fe, poverty.ErrUnknownWord) {
				t.Errorf("%s: fill() = %#v", line, fe)
			}
			if got := string(c.out); got != "9,h,rejected,,,,,,rejected."+col+"\n" {
				t.Errorf("result %q", got)
			}
		}
	}
	// Too few columns for the header with guarantees.
	a := newCSVAssessor(defaultSettings(), gen.CSVColumns+numGuaranteeColumns)
	c := &chunk{}
	a.assess(c, []byte(base), 3)
	if !strings.Contains(string(c.rej), "18 fields, want 24 ("+guaranteeHeader+")") {
		t.Errorf("rejects %q", c.rej)
	}
}

// TestGuaranteeHeaders: the header selects the columns; any other order
// or a severe column without the guarantees is refused.
func TestGuaranteeHeaders(t *testing.T) {
	for _, tc := range []struct {
		header string
		cols   int
	}{
		{gen.CSVHeader, gen.CSVColumns},
		{guaranteeHeader, 24},
		{guaranteeHeader + "," + SevereColumn, 25},
		{gen.CSVHeader + "," + SevereColumn, 0},
		{gen.CSVHeader + ",food,clothing,education,medical,drinking_water,housing", 0},
		{guaranteeHeader + ",severe", 0},
		{guaranteeHeader + "," + SevereColumn + ",x", 0},
	} {
		if got := csvColumns(tc.header); got != tc.cols {
			t.Errorf("csvColumns(%q) = %d, want %d", tc.header, got, tc.cols)
		}
		_, err := assess(strings.NewReader(tc.header+"\n"), "csv", 1, defaultSettings(), &bytes.Buffer{}, &bytes.Buffer{}, nil)
		if (err == nil) != (tc.cols > 0) {
			t.Errorf("header %q: %v", tc.header, err)
		}
	}
}

// TestGuaranteesJSONL: a JSON Lines record may carry "guarantees" (and
// "severe_then_lost"); without them it is not assessed; a bad member is
// named.
func TestGuaranteesJSONL(t *testing.T) {
	hh := `"id":"h","region":"65","year":2020,"concept":"disposable_income","members":[{"birth_date":"1980-01-01"},{"birth_date":"1982-01-01"}],"income":{"wage":"12000"}`
	tests := []struct{ name, line, want, field string }{
		{"not assessed", `{` + hh + `}`, "green,not_assessed,status.not_poor;tier.income", ""},
		{"null", `{` + hh + `,"guarantees":null}`, "green,not_assessed,status.not_poor;tier.income", ""},
		{"secured", `{` + hh + `,"guarantees":{"food":"secured","clothing":"secured","education":"secured","medical":"secured","housing":"secured","drinking_water":"secured"}}`, "green,secured,status.not_poor;tier.income", ""},
		{"housing not secured", `{` + hh + `,"guarantees":{"food":"secured","clothing":"secured","education":"secured","medical":"secured","housing":"not_secured","drinking_water":"secured"}}`, "yellow,housing=not_secured,status.not_poor;tier.guarantee_not_secured", ""},
		{"severe", `{` + hh + `,"severe_then_lost":true,"guarantees":{"food":"secured","clothing":"secured","education":"secured","medical":"secured","housing":"not_secured","drinking_water":"secured"}}`, "red,housing=not_secured,status.not_poor;tier.severe_guarantee_failure", ""},
		{"members missing are unverified", `{` + hh + `,"guarantees":{"food":"secured"}}`, "yellow,clothing=unverified;education=unverified;medical=unverified;housing=unverified;drinking_water=unverified,status.not_poor;tier.guarantee_not_secured", ""},
		{"bad word", `{` + hh + `,"guarantees":{"food":"secured","housing":"unsafe"}}`, "", "guarantees.housing"},
		{"unknown member", `{` + hh + `,"guarantees":{"water":"secured"}}`, "", "guarantees.water"},
		{"not an object", `{` + hh + `,"guarantees":"secured"}`, "", "guarantees"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := newJSONAssessor(defaultSettings())
			c := &chunk{}
			a.assess(c, []byte(tc.line), 1)
			if tc.field == "" {
				if c.accepted != 1 || !strings.HasSuffix(string(c.out), ","+tc.want+"\n") {
					t.Errorf("result %q, want ...,%s (rejects %q)", c.out, tc.want, c.rej)
				}
				return
			}
			recs, err := csv.NewReader(bytes.NewReader(c.rej)).ReadAll()
			if err != nil || c.rejected != 1 || len(recs) != 1 || recs[0][2] != tc.field || !strings.Contains(recs[0][3], `batch: record "h": field `+tc.field) {
				t.Errorf("rejects %q (%v), want field %s", c.rej, err, tc.field)
			}
		})
	}
}
