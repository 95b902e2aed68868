package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/openfupin/fupin/internal/golden"
	"github.com/openfupin/fupin/risk"
)

// TestWhatIfGolden runs a small county under the baseline and under a
// reform (a higher monitoring line; wider tier bands) against golden files.
func TestWhatIfGolden(t *testing.T) {
	for _, tc := range []struct{ name, format, reform string }{
		{"whatif-line.txt", "text", "testdata/reform-line.json"},
		{"whatif-line.json", "json", "testdata/reform-line.json"},
		{"whatif-tiers.txt", "text", "testdata/reform-tiers.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if err := run(options{format: tc.format, size: 3000, top: 5, reform: tc.reform}, &out, &errb); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, tc.name, out.Bytes())
		})
	}
}

// TestWhatIfConsistent checks the what-if's figures against each other: the
// change in monitored households is the net of the category shifts, a
// higher line moves nobody to a better tier, category or status, and the
// money gap grows.
func TestWhatIfConsistent(t *testing.T) {
	var out, errb bytes.Buffer
	if err := run(options{format: "json", size: 20000, top: 3, reform: "testdata/reform-line.json"}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	var w WhatIf
	if err := json.Unmarshal(out.Bytes(), &w); err != nil {
		t.Fatal(err)
	}
	c := &w.Comparison
	if c.Households != 20000 || c.Changed == 0 {
		t.Fatalf("compared %d households, %d changed", c.Households, c.Changed)
	}
	into, out2 := 0, 0
	for _, s := range c.Shifts {
		if s.Dimension == risk.DimensionCategory && s.From == "none" {
			into += s.Households
		}
		if s.Dimension == risk.DimensionCategory && s.To == "none" {
			out2 += s.Households
		}
		if s.Direction == risk.Better {
			t.Errorf("a higher line moved households to a better place: %+v", s)
		}
	}
	if got, want := w.Reformed.Monitored-w.Baseline.Monitored, into-out2; got != want {
		t.Errorf("monitored households changed by %d, the category shifts net %d", got, want)
	}
	if w.Reformed.Gap <= w.Baseline.Gap {
		t.Errorf("money gap %s under the reform, %s under the baseline: want it larger", w.Reformed.Gap, w.Baseline.Gap)
	}
	if len(c.Sample) != 3 {
		t.Errorf("%d sample households, want 3", len(c.Sample))
	}
}

// TestWhatIfHTML checks the page with a what-if section: well-formed, the
// section and its tables present, household numbers masked.
func TestWhatIfHTML(t *testing.T) {
	var out, errb bytes.Buffer
	if err := run(options{format: "html", size: 3000, top: 5, reform: "testdata/reform-line.json"}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	f := parsePage(t, out.Bytes())
	for _, id := range []string{"whatif", "whatif-shifts", "whatif-townships"} {
		if !f.ids[id] {
			t.Errorf("no element with id %q", id)
		}
	}
	if !strings.Contains(f.text, "money gap to the line") || !strings.Contains(f.text, "6500.00") {
		t.Error("the what-if section lacks the money gap or the reform's line")
	}
	if strings.Contains(out.String(), "H530120-00") {
		t.Error("household number in clear in the page")
	}
}

func TestWhatIfErrors(t *testing.T) {
	for _, tc := range []struct{ name, format, reform, want string }{
		{"csv", "csv", "testdata/reform-line.json", "not csv"},
		{"not a reform file", "text", "testdata/small.json", "neither a thresholds file"},
		{"no file", "text", "testdata/none.json", "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			err := run(options{format: tc.format, size: 100, top: 1, reform: tc.reform}, &out, &errb)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one saying %q", err, tc.want)
			}
		})
	}
}
