package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/internal/golden"
	"github.com/openfupin/fupin/poverty"
)

// TestGolden runs a small county in each format against golden files,
// and a 2021 county with the caller's own lines (an overlay file).
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name, format, province string
		year                   int
		thresholds             string
	}{
		{"small.txt", "text", "", 0, ""}, {"small.json", "json", "", 0, ""}, {"small.csv", "csv", "", 0, ""},
		{"xinjiang.txt", "text", "65", 0, ""}, {"overlay-2021.txt", "text", "", 2021, "testdata/overlay-2021.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			o := options{format: tc.format, size: 3000, top: 5, province: tc.province, year: tc.year, thresholds: tc.thresholds, secondary: tc.thresholds != ""}
			if err := run(o, &out, &errb); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, tc.name, out.Bytes())
		})
	}
}

// TestReportConsistent checks the report's figures against each other on
// a larger county: the township table adds up to the headline, statuses
// add up to the households, every monitored household got a case with
// measures, and the same seed gives the same report.
func TestReportConsistent(t *testing.T) {
	cfg, err := decodeConfig(defaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Size = 30000
	m, err := newModel(cfg, nil, poverty.LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := m.run(nil)
	if err != nil {
		t.Fatal(err)
	}
	h := r.Headline
	var hh, lb, wk, mon, red int
	for _, ts := range r.Townships {
		hh += ts.Households
		lb += ts.LeftBehind
		wk += ts.WorkshopJobs
		mon += ts.Monitored
		red += ts.Red
	}
	st := 0
	for _, c := range h.ByStatus {
		st += c.Count
	}
	tiers := 0
	for _, c := range h.Tiers {
		tiers += c.Count
		if c.Key == "red" && c.Count != red {
			t.Errorf("red %d in the headline, %d in the townships", c.Count, red)
		}
	}
	if diff := cmp.Diff([]int{h.Households, h.Households, h.Households, h.LeftBehind, h.WorkshopJobs, h.Monitored.Households},
		[]int{hh, st, tiers, lb, wk, mon}); diff != "" {
		t.Errorf("households, statuses, tiers, left-behind, workshop jobs, monitored (-headline +tables):\n%s", diff)
	}
	if h.Monitored.Eliminated == 0 || h.Monitored.Eliminated >= h.Monitored.Households {
		t.Errorf("%d of %d cases eliminated at the follow-up", h.Monitored.Eliminated, h.Monitored.Households)
	}
	if h.Monitored.Measures < h.Monitored.Households || len(h.ClassifyFailures) != 0 {
		t.Errorf("%d measures for %d monitored households; failures %v", h.Monitored.Measures, h.Monitored.Households, h.ClassifyFailures)
	}
	if len(r.Visit) != cfg.VisitFirst {
		t.Errorf("%d households to visit, want %d", len(r.Visit), cfg.VisitFirst)
	}
	for i := 1; i < len(r.Visit); i++ {
		if r.Visit[i].Score > r.Visit[i-1].Score || len(r.Visit[i].Reasons) == 0 {
			t.Errorf("visit list not in order of score, or without reasons: %+v", r.Visit[i])
		}
	}
	// The same seed gives the same report, whatever the number of
	// goroutines the households are split between.
	a, _ := json.Marshal(r)
	for _, workers := range []int{1, 3, 7} {
		m.workers = workers
		again, err := m.run(nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(again)
		if !bytes.Equal(a, b) {
			t.Errorf("the report with %d goroutines differs", workers)
		}
	}
	t.Logf("monitored %d, measures per household %s, transfer rate %s, left-behind %d", h.Monitored.Households,
		h.Monitored.MeasuresPerHousehold, h.TransferRate.Percent(), h.LeftBehind)
}

func TestFlags(t *testing.T) {
	for _, tc := range []struct {
		o    options
		want string
	}{
		{options{format: "xml", top: -1}, "unknown format"},
		{options{format: "text", province: "99", top: -1}, "region"},
		{options{format: "text", size: -5, top: -1}, "households"},
		{options{format: "text", year: 2021, top: -1, thresholds: "testdata/secondary-2021.json"}, "secondary source"},
	} {
		err := run(tc.o, &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err %v, want %q", tc.o, err, tc.want)
		}
	}
}

// TestYearWithProvincialLine: from 2021 the province's line decides, in
// the concept its notice states (Yunnan 2023: 8,050 net income); the model
// county's platform records incomes in that concept, every household is
// classified (no refusal for concepts) and the report says which income
// each decision read.
func TestYearWithProvincialLine(t *testing.T) {
	var out, errs bytes.Buffer
	if err := run(options{format: "json", year: 2023, size: 1500, top: -1}, &out, &errs); err != nil {
		t.Fatal(err)
	}
	var r Report
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	h := &r.Headline
	if h.Standard != nil || h.MonitoringLine != 8050*poverty.Yuan || len(h.ClassifyFailures) != 0 || h.ToRegister != nil {
		t.Errorf("standard %v, line %s, failures %v, to register %v", h.Standard, h.MonitoringLine, h.ClassifyFailures, h.ToRegister)
	}
	for k, w := range h.Windows {
		if !strings.Contains(w, "net_income") || !strings.Contains(w, "2023") {
			t.Errorf("income for %s: %q does not say net_income of 2023", k, w)
		}
	}
	if len(h.Windows) != 2 {
		t.Errorf("windows: %v", h.Windows)
	}
}

// BenchmarkCounty runs the whole model (every package, every household)
// on a generated village-sized population of 2,000 households built inside
// the run, and reports the cost per household.
func BenchmarkCounty(b *testing.B) {
	cfg, err := decodeConfig(defaultConfig)
	if err != nil {
		b.Fatal(err)
	}
	cfg.Size = 2000
	m, err := newModel(cfg, nil, poverty.LookupOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.run(nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*cfg.Size), "ns/household")
}
