package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openfupin/fupin/poverty"
)

// TestEmbeddedRecords walks every sourced record of every package's data:
// source present, status in the vocabulary, scope a known region, effective
// dates in form and in order, and no EXAMPLE value.
func TestEmbeddedRecords(t *testing.T) {
	recs, err := collect("../..")
	if err != nil {
		t.Fatal(err)
	}
	perPkg := map[string]int{}
	for _, r := range recs {
		perPkg[r.pkg]++
	}
	for _, pkg := range packages {
		if perPkg[pkg] < 5 {
			t.Errorf("%s: only %d sourced records found; the walk is not reading its data", pkg, perPkg[pkg])
		}
	}
	if err := problems(recs); err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			t.Error(line)
		}
	}
}

// TestRegisterUpToDate fails when docs/PARAMETERS.md is not what the data
// give; run `go generate ./internal/paramreg` to refresh it.
func TestRegisterUpToDate(t *testing.T) {
	recs, err := collect("../..")
	if err != nil {
		t.Fatal(err)
	}
	want := render(recs)
	got, err := os.ReadFile("../../docs/PARAMETERS.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("docs/PARAMETERS.md is out of date: run go generate ./internal/paramreg (-want +got):\n%s",
			cmp.Diff(string(want), string(got)))
	}
}

// TestWalk checks identification, values and validation on a small document.
func TestWalk(t *testing.T) {
	doc := `{"schema": "x/1", "source": "file-level source", "status": "CONFIRMED", "scope": "national",
	 "records": [
	  {"id": "a", "value": "10", "unit": "yuan", "source": "s", "status": "LOCAL", "scope": "35", "from": "2023", "qualifier": "provincial",
	   "rural_only": {"value": true, "source": "t", "status": "DEFAULT", "scope": "national"},
	   "rows": [{"min": 1}, {"min": 2}]},
	  {"kind": "poverty_standard", "series": "2010", "year": 2020, "value": "4000", "source": "s", "status": "SECONDARY", "scope": "national"},
	  {"id": "bad", "source": "s", "status": "COUNTY_RULE", "scope": "national"},
	  {"id": "int-from", "source": "s", "status": "CONFIRMED", "scope": "national", "from": 2018},
	  {"id": "no-scope", "source": "s", "status": "CONFIRMED"},
	  {"id": "demo", "source": "s", "status": "EXAMPLE", "scope": "national"}
	 ]}`
	n, err := parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	w := walker{pkg: "p", file: "f.json"}
	w.walk(n, "", "")
	type row struct{ ID, Value, Unit, Scope, From, Status string }
	var got []row
	for _, r := range w.recs {
		got = append(got, row{r.id, r.value, r.unit, string(r.prov.Scope), r.prov.From, status(r.prov)})
	}
	want := []row{
		{"(file)", "schema=x/1", "", "national", "", "CONFIRMED"},
		{"a", "value=10; rows=[{min: 1}, {min: 2}]", "yuan", "35", "2023", "LOCAL (provincial)"},
		{"a.rural_only", "value=true", "", "national", "", "DEFAULT"},
		{"poverty_standard/2010/national/2020", "kind=poverty_standard; series=2010; year=2020; value=4000", "", "national", "", "SECONDARY"},
		{"bad", "", "", "", "", "unset"}, // decoding stops at the first bad member
		{"int-from", "", "", "", "", "unset"},
		{"no-scope", "", "", "", "", "CONFIRMED"},
		{"demo", "", "", "national", "", "EXAMPLE"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	err = problems(w.recs)
	for _, frag := range []string{"bad", "int-from", "no-scope", "demo"} {
		if err == nil || !strings.Contains(err.Error(), frag) {
			t.Errorf("problems() = %v, want a problem for %q", err, frag)
		}
	}
	if strings.Contains(err.Error(), `"a"`) {
		t.Errorf("a complete record is reported: %v", err)
	}
	_ = poverty.Confirmed
}
