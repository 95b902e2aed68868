package pipeline

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/google/go-cmp/cmp"
)

// idNumber is a valid resident identity number (GB 11643's published
// example): it must never reach an output in clear.
const idNumber = "11010519491231002X"

// csvRecord is a valid CSV record with key and year replaced.
func csvRecord(key, county, year string) string {
	return key + "," + county + "," + year + ",disposable_income,3,3,2,3000,0,0,0,0,0,1000,0,0,0,0"
}

// writeFiles writes name -> lines under dir.
func writeFiles(t *testing.T, dir string, files map[string][]string) {
	t.Helper()
	for name, lines := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const header = "id,county,year,concept,members,residents,workers,wage,operating_income,operating_costs,depreciation,production_taxes,property,transfer_income,transfer_spending,registered,exited,returned"

// badInput is the input of the dead-letter tests: every kind of bad record
// beside a few good ones.
var badInput = map[string][]string{
	"households.csv": {
		header,
		csvRecord("HC-1", "650120", "2020"), // 2: good
		"HC-2,650120,2020",                  // 3: too few fields
		strings.Replace(csvRecord("HC-3", "650120", "2020"), ",3000,", ",12000.345,", 1),   // 4: three decimals
		csvRecord(idNumber, "650120", "2020"),                                              // 5: identity number as key
		csvRecord("HC-DUP", "650120", "2020"),                                              // 6: key also in households.jsonl
		csvRecord("HC-4", "999999", "2020"),                                                // 7: no such county
		csvRecord("HC-5", "650120", "2024"),                                                // 8: no monitoring line served for 2024
		"HC-6,650120,2020,disposable_\xffincome,3,3,2,3000,0,0,0,0,0,1000,0,0,0,0",         // 9: not UTF-8
		strings.TrimSuffix(csvRecord("HC-7", "650120", "2020"), ",0,0,0") + ",2015,2010,0", // 10: exited before registered
	},
	"households.jsonl": {
		`{"id":"HX-1","county":"650120","year":2020,"concept":"disposable_income","members":[{"id_number":"` + idNumber + `","capacity":"able"},{"birth_date":"1980-02-03","sex":"male","capacity":"able"}],"income":{"wage":"3000.00"},"registration":{}}`,
		`{"id":"HX-2","county":"650120","year":2020,"bogus":1}`, // 2: unknown field
		`{"id":"HX-3"`, // 3: not JSON
		`{"id":"HX-4","county":"650120","year":2020,"concept":"disposable_income","members":[],"income":{"wage":"3000.00"},"registration":{}}`,                                                             // 4: no member
		`{"id":"HC-DUP","county":"650120","year":2020,"concept":"disposable_income","members":[{"birth_date":"1980-02-03","sex":"male","capacity":"able"}],"income":{"wage":"3000.00"},"registration":{}}`, // 5: duplicate key
		`{"id":"HX-5","note":"` + strings.Repeat("x", maxLine) + `"}`, // 6: too long
	},
	"noheader.csv": {
		csvRecord("HN-1", "650120", "2020"), // 1: no header: every line rejected
		csvRecord("HN-2", "650120", "2020"),
	},
	"events.jsonl": {
		`{"household":"HC-1","event":{"type":"medical_claim","date":"2020-06-09","total":"5708.00","out_of_pocket":"2854.00"}}`,          // 1: good
		`{"household":"HZ-404","event":{"type":"medical_claim","date":"2020-06-09","total":"5708.00","out_of_pocket":"2854.00"}}`,        // 2: no such household
		`{"household":"HC-1","event":{"type":"party","date":"2020-06-09"}}`,                                                              // 3: unknown kind
		`{"household":"HC-1","event":{"type":"medical_claim","date":"2020-06-09","total":"1.00","out_of_pocket":"1.00","colour":"red"}}`, // 4: unknown field
		`{"event":{"type":"medical_claim","date":"2020-06-09","total":"1.00","out_of_pocket":"1.00"}}`,                                   // 5: no household
		`{"household":"` + idNumber + `","event":{"type":"medical_claim","date":"2020-06-09","total":"1.00","out_of_pocket":"1.00"}}`,    // 6: identity number as key
		`{"household":"HC-DUP","event":{"type":"medical_claim","date":"2020-06-09","total":"1.00","out_of_pocket":"1.00"}}`,              // 7: household rejected (duplicate)
		`{"household":"HX-1","event":{"type":"medical_claim","date":"2021-03-01","total":"1.00","out_of_pocket":"1.00"}}`,                // 8: good, after the assessment date
		`{"household":"HC-1","event":{"type":"medical_claim","date":"2020-06-09","total":"1.00","out_of_pocket":"1.00"},"x":1}`,          // 9: unknown envelope field
		`{"household":"HC-5","event":{"type":"medical_claim","date":"2020-06-09","total":"1.00","out_of_pocket":"1.00"}}`,                // 10: household rejected (no line)
	},
}

// letter is what a test checks of a dead letter.
type letter struct {
	Input, File string
	Line        int64
	Household   string
	Field       string
}

// TestDeadLetters runs the pipeline over bad input: every bad record goes
// to the dead letters with its input, file, line and field, the good ones
// are assessed, no identity number leaves in clear (runPipeline checks
// every output line), and the counters reconcile.
func TestDeadLetters(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, badInput)
	got, _, dead, c := runPipeline(t, Inputs{
		Households: []string{filepath.Join(dir, "*.csv"), filepath.Join(dir, "households.jsonl")},
		Events:     []string{filepath.Join(dir, "events.jsonl")},
	}, Settings{})

	masked := "110105********002X"
	want := []letter{
		{"events", "events.jsonl", 2, "HZ-404", "household"},
		{"events", "events.jsonl", 3, "HC-1", "event.type"},
		{"events", "events.jsonl", 4, "HC-1", "event.colour"},
		{"events", "events.jsonl", 5, "", "household"},
		{"events", "events.jsonl", 6, masked, "household"},
		{"events", "events.jsonl", 7, "HC-DUP", "household"},
		{"events", "events.jsonl", 9, "HC-1", "x"},
		{"events", "events.jsonl", 10, "HC-5", "household"},
		{"households", "households.csv", 3, "HC-2", "record"},
		{"households", "households.csv", 4, "HC-3", "wage"},
		{"households", "households.csv", 5, masked, "id"},
		{"households", "households.csv", 6, "HC-DUP", "id"},
		{"households", "households.csv", 7, "HC-4", "county"},
		{"households", "households.csv", 8, "HC-5", "year"},
		{"households", "households.csv", 9, "HC-6", "record"},
		{"households", "households.csv", 10, "HC-7", "exited"},
		{"households", "households.jsonl", 2, "HX-2", "bogus"},
		{"households", "households.jsonl", 3, "", "record"},
		{"households", "households.jsonl", 4, "HX-4", "members"},
		{"households", "households.jsonl", 5, "HC-DUP", "id"},
		{"households", "households.jsonl", 6, "", "record"},
		{"households", "noheader.csv", 1, "", "header"},
		{"households", "noheader.csv", 2, "", "header"},
	}
	var gotLetters []letter
	for _, d := range dead {
		gotLetters = append(gotLetters, letter{d.Input, filepath.Base(d.Source), d.Line, d.Household, d.Field})
		t.Logf("%s %s:%d %s %s: %s", d.Input, filepath.Base(d.Source), d.Line, d.Household, d.Field, d.Reason)
		if d.Reason == "" {
			t.Errorf("dead letter without a reason: %+v", d)
		}
	}
	slices.SortFunc(gotLetters, func(a, b letter) int {
		return strings.Compare(a.Input+"\x00"+a.File, b.Input+"\x00"+b.File)*4 + cmpInt(a.Line, b.Line)
	})
	if diff := cmp.Diff(want, gotLetters); diff != "" {
		t.Errorf("dead letters (-want +got):\n%s", diff)
	}

	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if diff := cmp.Diff([]string{"HC-1", "HX-1"}, keys); diff != "" {
		t.Errorf("households assessed (-want +got):\n%s", diff)
	}
	if r := got["HX-1"]; r.Events != 1 || r.EventsAfter != 1 {
		t.Errorf("HX-1: %d events, %d after the assessment date; want 1 and 1", r.Events, r.EventsAfter)
	}
	if r := got["HC-1"]; r.Events != 1 || r.IncomeBasis != "annual_record" {
		t.Errorf("HC-1: %d events, income basis %q; want 1 and annual_record", r.Events, r.IncomeBasis)
	}
	wantCounts := Counts{HouseholdsRead: 9 + 6 + 2, HouseholdsAccepted: 2, HouseholdsRejected: 15,
		EventsRead: 10, EventsAccepted: 2, EventsRejected: 8}
	if diff := cmp.Diff(wantCounts, c); diff != "" {
		t.Errorf("counters (-want +got):\n%s", diff)
	}
	if err := c.Check(); err != nil {
		t.Error(err)
	}
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestCountsCheck checks the reconciliation itself.
func TestCountsCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    Counts
		ok   bool
	}{
		{"balanced", Counts{5, 3, 2, 7, 7, 0}, true},
		{"empty", Counts{}, true},
		{"a household lost", Counts{5, 3, 1, 7, 7, 0}, false},
		{"an event counted twice", Counts{5, 3, 2, 7, 7, 1}, false},
	} {
		if err := tc.c.Check(); (err == nil) != tc.ok {
			t.Errorf("%s: Check() = %v", tc.name, err)
		}
	}
}

// TestParameterSideInput overlays a thresholds file that supplies a 2024
// monitoring line for Xinjiang: the household of 2024 that the embedded
// data cannot classify is assessed against it, and a parameter file that
// does not load fails the run, naming the file.
func TestParameterSideInput(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]string{
		"households.csv": {header, csvRecord("HC-5", "650120", "2024"), csvRecord("HC-1", "650120", "2020")},
		"line-2024.json": {`{"schema": "fupin.thresholds/2", "vintage": "test", "records": [
 {"kind": "monitoring_line", "scope": "65", "year": 2024, "unit": "yuan_per_person_year", "concept": "disposable_income", "price_base": "current",
  "source": "invented for the Beam example's test, not a sourced value", "status": "EXAMPLE", "value": "7000"}]}`},
		"broken.json": {`{"schema": "fupin.thresholds/2", "records": [{"kind": "monitoring_line"}]}`},
	})
	got, counties, dead, c := runPipeline(t, Inputs{
		Households: []string{filepath.Join(dir, "households.csv")},
		Thresholds: []string{filepath.Join(dir, "line-2024.json")},
	}, Settings{})
	if len(dead) != 0 || c.HouseholdsAccepted != 2 {
		t.Fatalf("dead letters %+v, counts %+v", dead, c)
	}
	if r := got["HC-5"]; r.Line != 700000 || r.Year != 2024 {
		t.Errorf("HC-5: line %s, year %d; want the supplied 7000.00 of 2024", r.Line, r.Year)
	}
	if r := got["HC-1"]; r.Line != 600000 {
		t.Errorf("HC-1: line %s; want the embedded 2020 line 6000.00 (the overlay keeps it)", r.Line)
	}
	for _, r := range counties {
		if r.Year == 2024 && !strings.Contains(r.Line, "EXAMPLE") {
			t.Errorf("county %s 2024: line %q does not say it is EXAMPLE", r.County, r.Line)
		}
	}

	p, s := beam.NewPipelineWithRoot()
	Write(s, t.TempDir()+"/", Build(s, Inputs{
		Households: []string{filepath.Join(dir, "households.csv")},
		Thresholds: []string{filepath.Join(dir, "broken.json")},
	}, Settings{}))
	if err := ptest.Run(p); err == nil || !strings.Contains(err.Error(), "broken.json") {
		t.Errorf("a broken thresholds file: run error %v, want one naming broken.json", err)
	}
}
