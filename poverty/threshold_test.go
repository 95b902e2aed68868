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
		{"accepts unknown concept", rec(`{` + ok + `,"value":"1","accepts":{"concept":"gross","source":"s","status":"DEFAULT","scope":"national"}}`), "accepts.concept", poverty.ErrUnknownWord},
		{"accepts its own concept", rec(`{` + ok + `,"value":"1","accepts":{"concept":"net_income","source":"s","status":"DEFAULT","scope":"national"}}`), "accepts.concept", poverty.ErrRange},
		{"accepts not_stated", rec(`{` + ok + `,"value":"1","accepts":{"concept":"not_stated","source":"s","status":"DEFAULT","scope":"national"}}`), "accepts.concept", poverty.ErrRange},
		{"accepts without a source", rec(`{` + ok + `,"value":"1","accepts":{"concept":"disposable_income","status":"DEFAULT","scope":"national"}}`), "source", poverty.ErrMissing},
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

// TestLoadTableAcceptsEveryStatus: the loader takes every status; the
// lookup decides what to serve.
func TestLoadTableAcceptsEveryStatus(t *testing.T) {
	rec := func(status, scope, value string) string {
		v := ""
		if value != "" {
			v = `,"value":"` + value + `"`
		}
		return `{"schema":"fupin.thresholds/2","records":[{"kind":"monitoring_line","scope":"` + scope + `","year":2024,"unit":"yuan_per_person_year","concept":"net_income","source":"s","status":"` + status + `"` + v + `}]}`
	}
	fujian, yunnan := poverty.MustParseRegion("35"), poverty.MustParseRegion("53")
	tests := []struct {
		status, scope, value string
		region               poverty.Region
		opts                 poverty.LookupOptions
		want                 string
		err                  error
	}{
		{"CONFIRMED", "national", "7000", fujian, poverty.LookupOptions{}, "7000.00", nil},
		{"DEFAULT", "national", "7000", fujian, poverty.LookupOptions{}, "7000.00", nil},
		{"EXAMPLE", "national", "7000", fujian, poverty.LookupOptions{}, "7000.00", nil},
		{"SUPPLIED", "35", "9000", fujian, poverty.LookupOptions{}, "9000.00", nil},
		{"LOCAL", "35", "9000", fujian, poverty.LookupOptions{}, "9000.00", nil},
		{"LOCAL", "35", "9000", yunnan, poverty.LookupOptions{}, "", poverty.ErrUnconfirmed}, // not Fujian's: Yunnan falls back to the embedded national gap
		{"LOCAL", "west", "9000", yunnan, poverty.LookupOptions{}, "9000.00", nil},
		{"SECONDARY", "national", "7000", fujian, poverty.LookupOptions{}, "", poverty.ErrSecondary},
		{"SECONDARY", "national", "7000", fujian, poverty.LookupOptions{AcceptSecondary: true}, "7000.00", nil},
		{"UNCONFIRMED", "national", "", poverty.MustParseRegion("52"), poverty.LookupOptions{Lenient: true}, "", poverty.ErrUnconfirmed},
	}
	for _, tt := range tests {
		t.Run(tt.status+"/"+tt.scope+"/"+tt.region.String(), func(t *testing.T) {
			own, err := poverty.LoadTable(strings.NewReader(rec(tt.status, tt.scope, tt.value)), "own.json")
			if err != nil {
				t.Fatal(err)
			}
			l, err := poverty.Default().Overlay(own).MonitoringLine(2024, tt.region, tt.opts)
			if !errors.Is(err, tt.err) {
				t.Fatalf("error = %v, want %v", err, tt.err)
			}
			if err == nil {
				if d := cmp.Diff(tt.want, l.Amount.String()); d != "" {
					t.Errorf("(-want +got)\n%s", d)
				}
			}
		})
	}
}

func TestThresholdString(t *testing.T) {
	tab := poverty.Default()
	derived, err := tab.MonitoringLine(2020, poverty.National, poverty.LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	std, _ := tab.Standard(2020, poverty.National, poverty.LookupOptions{})
	fujian, _ := tab.MonitoringLine(2023, poverty.MustParseRegion("35"), poverty.LookupOptions{})
	tests := []struct {
		th   poverty.Threshold
		want string
	}{
		{derived, "≈ 6000.00 (derived: ≈ 1.5 × standard ≈ 4000.00)"},
		{std, "≈ 4000.00"},
		{fujian, "10560.00"},
		{tab.Gaps(poverty.KindMonitoringLine)[0], "no value"},
	}
	for _, tt := range tests {
		if d := cmp.Diff(tt.want, tt.th.String()); d != "" {
			t.Errorf("(-want +got)\n%s", d)
		}
	}
	if d := cmp.Diff("monitoring_line 10560.00 (2023): 闽振兴函〔2023〕8号, as cited in a 闽侯县乡村振兴局 notice, 2023-03-15 (reprint) [LOCAL 35 (provincial, reprint)]", fujian.Cite()); d != "" {
		t.Errorf("Cite (-want +got)\n%s", d)
	}
	if !strings.Contains(derived.Cite(), "≈ 6000.00 (derived") || !strings.Contains(derived.Cite(), "[CONFIRMED]") {
		t.Errorf("derived Cite = %s", derived.Cite())
	}
}

func TestRecordsAndGaps(t *testing.T) {
	tab := poverty.Default()
	var gaps []string
	for _, g := range tab.Gaps("") {
		gaps = append(gaps, string(g.Kind)+" "+itoa(g.Year))
	}
	want := []string{"monitoring_line 2021", "monitoring_line 2022", "monitoring_line 2023", "monitoring_line 2024",
		"monitoring_line 2025", "poverty_standard 2017", "poverty_standard 2018"}
	if d := cmp.Diff(want, gaps); d != "" {
		t.Errorf("gaps (-want +got)\n%s", d)
	}
	for _, r := range tab.Records("") {
		if r.Status == poverty.Unconfirmed || r.Status == 0 {
			t.Errorf("Records hands out a record without a value: %s", r.Cite())
		}
	}
}

func TestOverlayTwiceKeepsEveryVersion(t *testing.T) {
	load := func(v, name string) *poverty.Table {
		own, err := poverty.LoadTable(strings.NewReader(`{"schema":"fupin.thresholds/2","records":[{"kind":"monitoring_line","scope":"53","year":2025,"value":"`+v+`","unit":"yuan_per_person_year","concept":"net_income","source":"s","status":"SUPPLIED"}]}`), name)
		if err != nil {
			t.Fatal(err)
		}
		return own
	}
	base := poverty.Default()
	tab := base.Overlay(load("8800", "a.json")).Overlay(load("8900", "b.json"))
	var got []string
	for _, h := range tab.History(poverty.KindMonitoringLine, "", "53", 2025) {
		got = append(got, h.Amount.String()+" "+h.Status.String()+" "+h.Origin)
	}
	want := []string{"8700.00 LOCAL embedded", "8800.00 SUPPLIED a.json", "8900.00 SUPPLIED b.json"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("history (-want +got)\n%s", d)
	}
	if n := len(base.History(poverty.KindMonitoringLine, "", "53", 2025)); n != 1 {
		t.Errorf("the embedded table gained history: %d versions", n)
	}
}

// From 2021 no standard is in force: the lines hold the monitoring line
// only, and a never-registered household below it is marginal.
func TestLinesWithoutStandard(t *testing.T) {
	lines, err := poverty.Default().LinesFor(2023, poverty.MustParseRegion("35"), poverty.BelowLine, poverty.LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if lines.Standard != (poverty.Threshold{}) {
		t.Errorf("standard = %s, want none", lines.Standard.Cite())
	}
	h := poverty.Household{ID: "fj", Year: 2023, Concept: poverty.NetIncome, Members: make([]poverty.Member, 1),
		Income: poverty.Income{Wage: poverty.YuanAmount(1000)}}
	c, err := poverty.Classify(&h, &lines)
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != poverty.InMonitoringRange || c.BelowStandard || !strings.Contains(c.Explain(), "standard none in force") {
		t.Errorf("classification %v %v: %s", c.Status, c.BelowStandard, c.Explain())
	}
	if _, err := poverty.Default().LinesFor(1980, poverty.National, poverty.BelowLine, poverty.LookupOptions{}); err == nil {
		t.Error("lines for 1980 without error")
	}
}

func TestExitTestWithoutStandard(t *testing.T) {
	h := poverty.Household{ID: "x", Year: 2023, Concept: poverty.NetIncome, Members: make([]poverty.Member, 1)}
	_, err := poverty.ExitTest(&h, poverty.Threshold{}, poverty.AllSecured(), poverty.BelowLine, nil)
	var fe *poverty.FieldError
	if !errors.As(err, &fe) || fe.Field != "standard" || !errors.Is(err, poverty.ErrNotInForce) {
		t.Errorf("error = %v, want a FieldError on standard wrapping ErrNotInForce", err)
	}
}
