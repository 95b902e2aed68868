package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/poverty/measure"
)

// TestStoreBound checks that the store keeps at most its bound, dropping
// the oldest results first, and that a household assessed twice counts
// once with its latest result.
func TestStoreBound(t *testing.T) {
	r53 := poverty.MustParseRegion("53")
	ids := func(rs []storedResult) []string {
		var out []string
		for _, r := range rs {
			out = append(out, fmt.Sprintf("%s:%s", r.id, r.perCapita))
		}
		return out
	}
	tests := []struct {
		name  string
		limit int
		add   []string
		want  []string
	}{
		{"under the bound", 3, []string{"a", "b"}, []string{"a:1.00", "b:2.00"}},
		{"at the bound", 3, []string{"a", "b", "c"}, []string{"a:1.00", "b:2.00", "c:3.00"}},
		{"oldest dropped first", 3, []string{"a", "b", "c", "d", "e"}, []string{"c:3.00", "d:4.00", "e:5.00"}},
		{"wrapped twice", 2, []string{"a", "b", "c", "d", "e"}, []string{"d:4.00", "e:5.00"}},
		{"latest result of a household", 3, []string{"a", "b", "a"}, []string{"b:2.00", "a:3.00"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &resultStore{limit: tc.limit}
			for i, id := range tc.add {
				s.add(storedResult{id: id, year: 2020, region: r53, perCapita: poverty.Money(i+1) * poverty.Yuan, residents: 1})
			}
			got := ids(s.of(2020, r53))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("stored (-want +got):\n%s", diff)
			}
			if n := s.len(); n > tc.limit {
				t.Errorf("the store holds %d results, bound %d", n, tc.limit)
			}
		})
	}
	t.Run("one year and province", func(t *testing.T) {
		s := &resultStore{limit: 4}
		s.add(storedResult{id: "a", year: 2020, region: r53, residents: 1})
		s.add(storedResult{id: "b", year: 2019, region: r53, residents: 1})
		s.add(storedResult{id: "c", year: 2020, region: poverty.MustParseRegion("51"), residents: 1})
		s.add(storedResult{id: "d", year: 2020, region: r53, perCapita: poverty.Yuan, residents: 1})
		if diff := cmp.Diff([]string{"a:0.00", "d:1.00"}, ids(s.of(2020, r53))); diff != "" {
			t.Errorf("stored (-want +got):\n%s", diff)
		}
	})
	t.Run("default bound", func(t *testing.T) {
		var s resultStore
		for i := range maxStored + 5 {
			s.add(storedResult{id: fmt.Sprint("H-", i), year: 2020, region: r53, residents: 1})
		}
		rs := s.of(2020, r53)
		if len(rs) != maxStored || s.len() != maxStored {
			t.Fatalf("the store holds %d (%d for 2020/53), want the bound %d", s.len(), len(rs), maxStored)
		}
		if rs[0].id != "H-5" || rs[len(rs)-1].id != fmt.Sprint("H-", maxStored+4) {
			t.Errorf("oldest kept %s, newest %s: want H-5 and H-%d", rs[0].id, rs[len(rs)-1].id, maxStored+4)
		}
	})
}

// assessBody is a household for POST /v1/assess in Yunnan (53), 2020,
// with the given key, income (yuan, one wage) and members; the first
// member carries an identity number, which must never reach the page.
func assessBody(id string, wage, members int) string {
	var ms []string
	for i := range members {
		m := `{"birth_date":"1980-01-0` + fmt.Sprint(i+1) + `","sex":"male","capacity":"able"`
		if i == 0 { // the number's own birth date and sex
			m = `{"birth_date":"1949-12-31","sex":"female","capacity":"able","id_number":"` + validID + `"`
		}
		ms = append(ms, m+"}")
	}
	return `{"household":{"id":"` + id + `","county":"530121","year":2020,"concept":"disposable_income",` +
		`"members":[` + strings.Join(ms, ",") + `],"income":{"wage":"` + fmt.Sprint(wage) + `"}},"boundary":"below"}`
}

// TestReport assesses a few households, then checks GET /report: a
// well-formed page (parsed as strict XML) with the stored households'
// figures, masked keys, and no identity number in clear.
func TestReport(t *testing.T) {
	var logs bytes.Buffer
	s := &server{table: poverty.Default(), log: slog.New(maskingHandler{slog.NewJSONHandler(&logs, nil)}), maxBody: 1 << 16}
	h := s.routes()
	households := []struct {
		id            string
		wage, members int
	}{
		{"H530121-0000101", 6000, 3}, {"H530121-0000102", 12000, 2}, {"H530121-0000103", 40000, 4}, {"H530121-0000104", 3000, 1},
	}
	var pcs []poverty.Money
	var weights []float64
	var lines poverty.Lines
	for _, hh := range households {
		rec := do(h, "POST", "/v1/assess", "application/json", assessBody(hh.id, hh.wage, hh.members))
		if rec.Code != http.StatusOK {
			t.Fatalf("assess %s: %d %s", hh.id, rec.Code, rec.Body)
		}
		var res AssessResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
		pcs = append(pcs, res.Classification.PerCapita.Amount)
		weights = append(weights, float64(res.Classification.Residents))
		lines.Standard, lines.Monitoring = res.Standard, res.MonitoringLine
	}
	// Another province's household stays off the page.
	if rec := do(h, "POST", "/v1/assess", "application/json", readFile(t, "assess.json")); rec.Code != http.StatusOK {
		t.Fatalf("assess: %d %s", rec.Code, rec.Body)
	}

	logs.Reset()
	rec := do(h, "GET", "/report?year=2020&region=53", "", "")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /report: %d %s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	body := rec.Body.String()
	text, charts := parseStrict(t, rec.Body.Bytes())
	if diff := cmp.Diff([]string{"income", "lorenz", "fgt"}, charts); diff != "" {
		t.Errorf("charts (-want +got):\n%s", diff)
	}
	pop, err := measure.New(pcs, weights)
	if err != nil {
		t.Fatal(err)
	}
	gini, err := pop.Gini()
	if err != nil {
		t.Fatal(err)
	}
	pov, err := pop.Poverty(poverty.BelowLine, lines.Standard.Amount, lines.Monitoring.Amount)
	if err != nil {
		t.Fatal(err)
	}
	var sum poverty.Money
	for _, pc := range pcs {
		sum += pc
	}
	want := []string{
		"Households 户数4", // the headline figure
		fmt.Sprintf("Gini 基尼系数 %.3f", gini),
		(sum / 4).String(),
		lines.Standard.Amount.String(), lines.Monitoring.Amount.String(),
		fmt.Sprintf("%.4f", pov[0].Incidence), fmt.Sprintf("%.4f", pov[1].Gap), pov[1].Cost.String(),
		"H530121-****101", "H530121-****104",
		"Charts left out", "colour tiers", "status flows",
	}
	for _, pc := range pcs {
		want = append(want, "per capita "+pc.String())
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the page lacks %q", w)
		}
	}
	for _, hh := range households {
		if strings.Contains(body, hh.id) {
			t.Errorf("the page holds the key %s unmasked", hh.id)
		}
	}
	if strings.Contains(body, "YX-") || strings.Contains(body, "****017") {
		t.Error("the page holds another province's household")
	}
	assertNoClearIDs(t, body)
	if !strings.Contains(logs.String(), `"path":"/report"`) || !strings.Contains(logs.String(), `"status":200`) {
		t.Errorf("no access log line for GET /report: %s", logs.String())
	}
}

// TestReportProblems checks the problem documents of GET /report.
func TestReportProblems(t *testing.T) {
	h := newTestServer(io.Discard)
	if rec := do(h, "POST", "/v1/assess", "application/json", assessBody("H530121-0000001", 8000, 2)); rec.Code != http.StatusOK {
		t.Fatalf("assess: %d %s", rec.Code, rec.Body)
	}
	tests := []struct {
		name, method, path string
		status             int
		typ, field, detail string
	}{
		{"year missing", "GET", "/report?region=53", 400, typeInvalid, "year", "year is missing"},
		{"region missing", "GET", "/report?year=2020", 400, typeInvalid, "region", "region is missing"},
		{"nothing", "GET", "/report", 400, typeInvalid, "year", "year is missing"},
		{"year not a number", "GET", "/report?year=twenty&region=53", 400, typeInvalid, "year", "not a four-digit year"},
		{"year out of range", "GET", "/report?year=20200&region=53", 400, typeInvalid, "year", "not a four-digit year"},
		{"region unknown", "GET", "/report?year=2020&region=99", 400, typeInvalid, "region", "not a province code"},
		{"region a county", "GET", "/report?year=2020&region=530121", 400, typeInvalid, "region", "not a province code"},
		{"year twice", "GET", "/report?year=2020&year=2021&region=53", 400, typeInvalid, "year", "exactly once"},
		{"unknown parameter", "GET", "/report?year=2020&region=53&format=pdf", 400, typeInvalid, "format", "unknown query parameter"},
		{"malformed query", "GET", "/report?year=%zz", 400, typeInvalid, "", "malformed"},
		{"identity number in the query", "GET", "/report?year=2020&region=" + validID, 400, typeInvalid, "region", "110105********002X"},
		{"nothing stored for the year", "GET", "/report?year=2019&region=53", 404, typeNotFound, "", "no assessed household"},
		{"nothing stored for the province", "GET", "/report?year=2020&region=51", 404, typeNotFound, "", "no assessed household"},
		{"method", "POST", "/report?year=2020&region=53", 405, typeMethod, "", "use GET"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(h, tc.method, tc.path, "", "")
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("Content-Type %q", ct)
			}
			var p Problem
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
				t.Fatal(err)
			}
			got := Problem{Type: p.Type, Status: p.Status, Field: p.Field}
			if diff := cmp.Diff(Problem{Type: tc.typ, Status: tc.status, Field: tc.field}, got); diff != "" {
				t.Errorf("problem (-want +got):\n%s", diff)
			}
			if !strings.Contains(p.Detail, tc.detail) {
				t.Errorf("detail %q lacks %q", p.Detail, tc.detail)
			}
			if tc.status == 405 && rec.Header().Get("Allow") != "GET" {
				t.Errorf("Allow %q, want GET", rec.Header().Get("Allow"))
			}
			assertNoClearIDs(t, rec.Body.String())
		})
	}
}

// parseStrict parses a page as strict XML, as examples/county's TestHTML
// does, and returns its character data and the data-chart attributes of
// its <svg> elements; anything that would fetch is an error.
func parseStrict(t *testing.T, page []byte) (string, []string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(page))
	d.Strict = true
	var text strings.Builder
	var charts []string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the page is not well-formed: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			switch x.Name.Local {
			case "script", "link", "img", "iframe":
				t.Errorf("the page fetches: <%s>", x.Name.Local)
			}
			for _, a := range x.Attr {
				switch {
				case a.Name.Local == "data-chart" && x.Name.Local == "svg":
					charts = append(charts, a.Value)
				case a.Name.Local == "src" || a.Name.Local == "href":
					t.Errorf("the page fetches: %s=%s", a.Name.Local, a.Value)
				}
			}
		case xml.CharData:
			text.Write(x)
		}
	}
	return text.String(), charts
}

// BenchmarkReport renders GET /report over a full store (maxStored
// households of one year and province).
func BenchmarkReport(b *testing.B) {
	s := &server{table: poverty.Default(), log: slog.New(slog.NewJSONHandler(io.Discard, nil)), maxBody: 1 << 16}
	r53 := poverty.MustParseRegion("53")
	lines, err := s.table.LinesFor(2020, r53, poverty.BelowLine, poverty.LookupOptions{})
	if err != nil {
		b.Fatal(err)
	}
	std := lines.Standard
	for i := range maxStored {
		s.results.add(storedResult{id: fmt.Sprintf("H530121-%07d", i), year: 2020, region: r53, perCapita: poverty.Money(1000+i*7%30000) * poverty.Yuan,
			residents: 1 + i%5, status: poverty.NotPoor, code: "status.not_poor", standard: &std, line: lines.Monitoring})
	}
	h := s.routes()
	b.ReportAllocs()
	for b.Loop() {
		if rec := do(h, "GET", "/report?year=2020&region=53", "", ""); rec.Code != http.StatusOK {
			b.Fatalf("%d %s", rec.Code, rec.Body)
		}
	}
}
