package poverty_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/shopspring/decimal"
)

func TestDefaultTableSources(t *testing.T) {
	tab := poverty.Default()
	if tab.Vintage() != poverty.DataVintage {
		t.Errorf("vintage %q != DataVintage %q", tab.Vintage(), poverty.DataVintage)
	}
	for _, r := range tab.Records("") {
		if r.Source == "" || r.Status == poverty.SourceUnset || r.Origin != "embedded" {
			t.Errorf("record %s %d lacks provenance: %+v", r.Kind, r.Year, r)
		}
		if r.Status == poverty.Unconfirmed && (r.Amount != 0 || r.Rate != 0) {
			t.Errorf("UNCONFIRMED record %s %d carries a value", r.Kind, r.Year)
		}
		if r.Unit == poverty.UnitYuanPerPersonYear && r.Concept == poverty.ConceptUnknown {
			t.Errorf("record %s %d has no income concept", r.Kind, r.Year)
		}
	}
	if len(tab.IntlLines()) < 7 {
		t.Errorf("only %d World Bank lines", len(tab.IntlLines()))
	}
}

const overlayJSON = `{
 "schema": "fupin.thresholds/2",
 "vintage": "county-2025-01",
 "records": [
  {"kind": "monitoring_line", "scope": "national", "year": 2023, "value": "7100", "unit": "yuan_per_person_year",
   "concept": "net_income", "source": "our county's own circular", "status": "CONFIRMED"},
  {"kind": "monitoring_line", "scope": "53", "year": 2025, "value": "8800", "unit": "yuan_per_person_year",
   "concept": "net_income", "source": "hypothetical revision", "status": "CONFIRMED"}
 ]
}`

func TestOverlayKeepsHistory(t *testing.T) {
	own, err := poverty.LoadTable(strings.NewReader(overlayJSON), "county.json")
	if err != nil {
		t.Fatal(err)
	}
	base := poverty.Default()
	tab := base.Overlay(own)
	// The caller's value fills the UNCONFIRMED national gap...
	l, err := tab.MonitoringLine(2023, poverty.MustParseRegion("52"), poverty.LookupOptions{})
	if err != nil || l.Amount != poverty.YuanAmount(7100) || l.Origin != "county.json" {
		t.Errorf("overlay line = %+v, %v", l, err)
	}
	// ...a replaced provincial value keeps its embedded history...
	hist := tab.History(poverty.KindMonitoringLine, "", "53", 2025)
	var got []string
	for _, h := range hist {
		got = append(got, h.Amount.String()+" "+h.Origin)
	}
	if d := cmp.Diff([]string{"8700.00 embedded", "8800.00 county.json"}, got); d != "" {
		t.Errorf("history (-want +got)\n%s", d)
	}
	// ...and the base table is unchanged.
	if _, err := base.MonitoringLine(2023, poverty.MustParseRegion("52"), poverty.LookupOptions{}); !errors.Is(err, poverty.ErrUnconfirmed) {
		t.Errorf("base table changed: %v", err)
	}
	if tab.Vintage() != "county-2025-01" {
		t.Errorf("vintage %q", tab.Vintage())
	}
}

func TestLoadTableErrors(t *testing.T) {
	rec := func(s string) string {
		return `{"schema":"fupin.thresholds/2","records":[` + s + `]}`
	}
	ok := `"kind":"monitoring_line","scope":"53","year":2025,"unit":"yuan_per_person_year","concept":"net_income","source":"x","status":"CONFIRMED"`
	tests := []struct {
		name, in, field string
		err             error
	}{
		{"unknown field", rec(`{` + ok + `,"value":"1","colour":"red"}`), "file", poverty.ErrSyntax},
		{"bad schema", `{"schema":"v2"}`, "schema", poverty.ErrUnknownWord},
		{"unknown kind", rec(`{"kind":"magic","scope":"national","year":2020,"source":"x","status":"CONFIRMED","unit":"ratio","value":"1"}`), "kind", poverty.ErrUnknownWord},
		{"bad region", rec(`{"kind":"monitoring_line","scope":"99","year":2025,"unit":"yuan_per_person_year","concept":"net_income","source":"x","status":"CONFIRMED","value":"1"}`), "scope", poverty.ErrUnknownRegion},
		{"bad money", rec(`{` + ok + `,"value":"1.234"}`), "value", poverty.ErrSyntax},
		{"negative", rec(`{` + ok + `,"value":"-1"}`), "value", poverty.ErrNegative},
		{"missing value", rec(`{` + ok + `}`), "value", poverty.ErrMissing},
		{"unconfirmed with value", rec(`{"kind":"monitoring_line","scope":"national","year":2025,"unit":"yuan_per_person_year","concept":"net_income","source":"x","status":"UNCONFIRMED","value":"7500"}`), "value", poverty.ErrSyntax},
		{"no source", rec(`{"kind":"monitoring_line","scope":"national","year":2025,"unit":"yuan_per_person_year","concept":"net_income","status":"CONFIRMED","value":"1"}`), "source", poverty.ErrMissing},
		{"bad status", rec(`{"kind":"monitoring_line","scope":"national","year":2025,"unit":"yuan_per_person_year","concept":"net_income","source":"x","status":"MAYBE","value":"1"}`), "status", poverty.ErrUnknownWord},
		{"no concept", rec(`{"kind":"monitoring_line","scope":"national","year":2025,"unit":"yuan_per_person_year","source":"x","status":"CONFIRMED","value":"1"}`), "concept", poverty.ErrMissing},
		{"duplicate", rec(`{` + ok + `,"value":"1"},{` + ok + `,"value":"2"}`), "key", poverty.ErrDuplicate},
		{"trailing data", rec(`{`+ok+`,"value":"1"}`) + `{}`, "file", poverty.ErrSyntax},
		{"year", rec(`{"kind":"monitoring_line","scope":"national","year":3000,"unit":"yuan_per_person_year","concept":"net_income","source":"x","status":"CONFIRMED","value":"1"}`), "year", poverty.ErrRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := poverty.LoadTable(strings.NewReader(tt.in), "own.json")
			var fe *poverty.FieldError
			if !errors.As(err, &fe) || !errors.Is(err, tt.err) {
				t.Fatalf("error = %v, want a FieldError wrapping %v", err, tt.err)
			}
			if fe.Field != tt.field || !strings.HasPrefix(fe.Record, "own.json") {
				t.Errorf("error names record %q field %q, want field %q", fe.Record, fe.Field, tt.field)
			}
		})
	}
}

func TestIntlLines(t *testing.T) {
	tab := poverty.Default()
	l, ok := tab.IntlLine("wb-2.15-2017")
	if !ok || l.Cents != 215 || l.PPPBase != 2017 {
		t.Fatalf("line = %+v, %v", l, ok)
	}
	// With a caller-supplied factor of 4.0 yuan per dollar: 2.15 x 4 x 365 = 3139.
	y, err := l.Annual(decimal.RequireFromString("4.0"), poverty.RoundHalfUp)
	if err != nil || y != poverty.YuanAmount(3139) {
		t.Errorf("Annual = %v, %v", y, err)
	}
	if _, err := l.Annual(decimal.Zero, poverty.RoundHalfUp); !errors.Is(err, poverty.ErrRange) {
		t.Errorf("zero PPP accepted: %v", err)
	}
	for _, id := range []string{"wb-1.90-2011", "wb-3.65-2017", "wb-6.85-2017", "wb-3.00-2021", "wb-4.20-2021", "wb-8.30-2021"} {
		if _, ok := tab.IntlLine(id); !ok {
			t.Errorf("missing %s", id)
		}
	}
}

func TestLookupUnknownRegion(t *testing.T) {
	_, err := poverty.Default().Standard(2020, poverty.Region(99), poverty.LookupOptions{})
	if !errors.Is(err, poverty.ErrUnknownRegion) {
		t.Errorf("error = %v", err)
	}
}
