package poverty_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openfupin/fupin/poverty"
)

// TestThresholdCompare covers the concept policy at each pairing: the same
// concept, not stated on either side, the threshold's Accepts, and every
// other pairing refused.
func TestThresholdCompare(t *testing.T) {
	disp := poverty.Threshold{Kind: poverty.KindMonitoringLine, Amount: poverty.Money(6000) * poverty.Yuan, Concept: poverty.DisposableIncome}
	accepting := disp
	accepting.Accepts = poverty.ConceptMatch{Concept: poverty.NetIncome,
		Provenance: poverty.Provenance{Source: "reading", Status: poverty.LibraryDefault, Scope: poverty.ScopeNational}}
	unstated := poverty.Threshold{Kind: poverty.KindStandard, Amount: poverty.Money(4000) * poverty.Yuan, Concept: poverty.ConceptNotStated}
	fig := func(y int64, c poverty.IncomeConcept) poverty.Figure {
		return poverty.Figure{Amount: poverty.Money(y) * poverty.Yuan, Concept: c}
	}
	tests := []struct {
		name     string
		th       poverty.Threshold
		f        poverty.Figure
		want     int
		err      error
		noteHas  string
		noteNone bool
	}{
		{"same concept below", disp, fig(5999, poverty.DisposableIncome), -1, nil, "", true},
		{"same concept equal", disp, fig(6000, poverty.DisposableIncome), 0, nil, "", true},
		{"same concept above", disp, fig(6001, poverty.DisposableIncome), 1, nil, "", true},
		{"net against a disposable line without a policy", disp, fig(5000, poverty.NetIncome), 0, poverty.ErrConceptMismatch, "not comparable", false},
		{"net against a line that accepts it", accepting, fig(5000, poverty.NetIncome), -1, nil, "net_income compared with this disposable_income value: reading [DEFAULT]", false},
		{"not stated figure against a stated line", disp, fig(7000, poverty.ConceptNotStated), 1, nil, "figure's income concept is not stated", false},
		{"a figure against an unstated line", unstated, fig(3000, poverty.NetIncome), -1, nil, "does not state", false},
		{"unknown concept", disp, fig(1, poverty.ConceptUnknown), 0, poverty.ErrConceptMismatch, "not comparable", false},
		{"unknown concept against a line that accepts net", accepting, fig(1, poverty.ConceptUnknown), 0, poverty.ErrConceptMismatch, "not comparable", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.th.Compare(tt.f)
			if !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
				t.Fatalf("Compare error = %v, want %v", err, tt.err)
			}
			if err != nil && !strings.Contains(err.Error(), `"accepts"`) {
				t.Errorf("the mismatch does not say how to allow it: %v", err)
			}
			if err == nil && got != tt.want {
				t.Errorf("Compare = %d, want %d", got, tt.want)
			}
			note := tt.th.ConceptNote(tt.f.Concept)
			if tt.noteNone && note != "" || !strings.Contains(note, tt.noteHas) {
				t.Errorf("ConceptNote = %q, want it to hold %q", note, tt.noteHas)
			}
		})
	}
}

// TestEmbeddedConceptPolicy checks the embedded policy as the package
// documents it: the 2020 monitoring line accepts net income as a DEFAULT
// reading, which Classify and ExitTest apply and their reasons name; a
// caller's overlay of the line without it refuses the comparison again,
// and the history keeps the embedded record.
func TestEmbeddedConceptPolicy(t *testing.T) {
	tab := poverty.Default()
	sichuan := poverty.MustParseRegion("51")
	line, err := tab.MonitoringLine(2020, sichuan, poverty.LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(poverty.NetIncome, line.Accepts.Concept); d != "" || line.Accepts.Status != poverty.LibraryDefault || line.Accepts.Note == "" {
		t.Fatalf("the 2020 line's concept policy: %+v", line.Accepts)
	}
	h := poverty.Household{ID: "h", Region: sichuan, Year: 2020, Concept: poverty.NetIncome,
		Members: []poverty.Member{{BirthDate: poverty.MustDate(1980, 1, 1)}}, Income: poverty.Income{Wage: poverty.Money(5000) * poverty.Yuan}}
	lines, err := tab.LinesFor(2020, sichuan, poverty.BelowLine, poverty.LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := poverty.Classify(&h, &lines)
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != poverty.InMonitoringRange || !strings.Contains(c.Explain(), "net_income compared with this disposable_income value") ||
		!strings.Contains(c.Explain(), "[DEFAULT]") {
		t.Errorf("Classify = %s\n%s", c.Status, c.Explain())
	}
	ex, err := poverty.ExitTest(&h, lines.Standard, poverty.Guarantees{}, poverty.BelowLine, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, cr := range ex.Criteria {
		if cr.Code == "exit.income_above_standard" && !strings.Contains(cr.Param, "does not state") {
			t.Errorf("exit criterion does not say the standard's concept is not stated: %s", cr.Param)
		}
	}

	own := `{"schema":"fupin.thresholds/2","records":[{"kind":"monitoring_multiplier","scope":"national","year":2020,"until":2020,"value":"1.5","unit":"ratio","concept":"disposable_income","approximate":true,"source":"caller's reading: disposable income only","status":"SUPPLIED","from":"2020-03-20"}]}`
	ot, err := poverty.LoadTable(strings.NewReader(own), "strict.json")
	if err != nil {
		t.Fatal(err)
	}
	strict := tab.Overlay(ot)
	lines, err = strict.LinesFor(2020, sichuan, poverty.BelowLine, poverty.LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := poverty.Classify(&h, &lines); !errors.Is(err, poverty.ErrConceptMismatch) {
		t.Errorf("Classify under the caller's strict line: error %v, want ErrConceptMismatch", err)
	}
	hist := strict.History(poverty.KindMonitoringMultiplier, "", poverty.ScopeNational, 2020)
	if len(hist) != 2 || hist[0].Accepts.Concept != poverty.NetIncome || hist[1].Accepts.Concept != poverty.ConceptUnknown {
		t.Errorf("history of the overlaid multiplier: %d records, %+v", len(hist), hist)
	}
}

// TestTrailingWindowConvention checks the close-of-day convention at the
// month boundaries: the last day of a month completes it.
func TestTrailingWindowConvention(t *testing.T) {
	ym := func(s string) poverty.YearMonth {
		m, err := poverty.ParseYearMonth(s)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	tests := []struct {
		on       poverty.Date
		from, to string
	}{
		{poverty.MustDate(2020, 12, 31), "2020-01", "2020-12"},
		{poverty.MustDate(2020, 12, 30), "2019-12", "2020-11"},
		{poverty.MustDate(2021, 1, 1), "2020-01", "2020-12"},
		{poverty.MustDate(2020, 2, 29), "2019-03", "2020-02"},
		{poverty.MustDate(2020, 2, 28), "2019-02", "2020-01"},
		{poverty.MustDate(2021, 2, 28), "2020-03", "2021-02"},
		{poverty.MustDate(2020, 6, 15), "2019-06", "2020-05"},
		{poverty.MustDate(2020, 6, 30), "2019-07", "2020-06"},
	}
	for _, tt := range tests {
		w := poverty.TrailingWindow(tt.on)
		if d := cmp.Diff(poverty.Window{From: ym(tt.from), To: ym(tt.to)}, w); d != "" {
			t.Errorf("TrailingWindow(%s) (-want +got)\n%s", tt.on, d)
		}
	}
}
