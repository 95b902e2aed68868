package main

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/openfupin/fupin/internal/report"
	"github.com/openfupin/fupin/poverty"
)

// GET /report?year=YYYY&region=PP renders the county page
// (internal/report, the page of examples/county) for the households of one
// year and province that POST /v1/assess has assessed and the store holds.

// htmlPage is a handler's answer that is a page, not a JSON value: the
// endpoint writes it as text/html (writeHTML).
type htmlPage []byte

// maxListed is how many households the page lists.
const maxListed = 50

func (s *server) report(w http.ResponseWriter, r *http.Request) (any, *Problem) {
	year, region, p := reportQuery(r.URL.RawQuery)
	if p != nil {
		return nil, p
	}
	rs := s.results.of(year, region)
	if len(rs) == 0 {
		return nil, newProblem(http.StatusNotFound, typeNotFound, "",
			fmt.Sprintf("no assessed household is stored for year %d and region %s; POST them to /v1/assess first", year, region))
	}
	var b bytes.Buffer
	if err := report.Write(&b, pageInput(year, region, rs, s.results.bound())); err != nil {
		return nil, newProblem(http.StatusInternalServerError, typeInternal, "", "rendering the page failed")
	}
	return htmlPage(b.Bytes()), nil
}

// reportQuery reads the query of GET /report strictly: year and region,
// each exactly once, and nothing else.
func reportQuery(raw string) (int, poverty.Region, *Problem) {
	q, err := url.ParseQuery(raw)
	if err != nil {
		return 0, 0, newProblem(http.StatusBadRequest, typeInvalid, "", "the query string is malformed")
	}
	for k, v := range q {
		if k != "year" && k != "region" {
			return 0, 0, newProblem(http.StatusBadRequest, typeInvalid, k, "unknown query parameter "+strconv.Quote(k)+"; use year and region")
		}
		if len(v) != 1 {
			return 0, 0, newProblem(http.StatusBadRequest, typeInvalid, k, "query parameter "+k+" must be given exactly once")
		}
	}
	ys, ok := q["year"]
	if !ok || ys[0] == "" {
		return 0, 0, newProblem(http.StatusBadRequest, typeInvalid, "year", "query parameter year is missing (e.g. year=2020)")
	}
	year, err := strconv.Atoi(ys[0])
	if err != nil || year < 1000 || year > 9999 {
		return 0, 0, newProblem(http.StatusBadRequest, typeInvalid, "year", "query parameter year: "+strconv.Quote(ys[0])+" is not a four-digit year")
	}
	rs, ok := q["region"]
	if !ok || rs[0] == "" {
		return 0, 0, newProblem(http.StatusBadRequest, typeInvalid, "region", "query parameter region is missing (a province code, e.g. region=53)")
	}
	region, err := poverty.ParseRegion(rs[0])
	if err != nil || !region.IsProvince() {
		return 0, 0, newProblem(http.StatusBadRequest, typeInvalid, "region", "query parameter region: "+strconv.Quote(rs[0])+" is not a province code")
	}
	return year, region, nil
}

// pageInput fills the page for the stored results rs of one year and
// province. The measures use the lines and boundary of the latest result;
// a note says how many results used other lines.
func pageInput(year int, region poverty.Region, rs []storedResult, bound int) *report.Input {
	latest := rs[len(rs)-1]
	in := &report.Input{
		Title:   fmt.Sprintf("Assessed households, %s %d: report", region.Name(), year),
		Heading: "Assessed households 已评估户 · " + region.Name() + " " + strconv.Itoa(year),
		Intro: template.HTML(fmt.Sprintf("Province 省份 %s (%s), year 年度 %d: the %d households POST /v1/assess has assessed and this server holds in memory (a demonstration store of at most %d results, oldest dropped first, never written anywhere).",
			template.HTMLEscapeString(region.String()), template.HTMLEscapeString(region.Name()), year, len(rs), bound)),
		Boundary:  latest.boundary,
		Standard:  latest.standard,
		Line:      latest.line,
		ListTitle: fmt.Sprintf("Households with the lowest per-capita income 收入最低户 (at most %d)", maxListed),
		Sources:   []string{"POST /v1/assess: each household's classification (poverty.Classify) with the lines it used"},
	}
	people, other := 0, 0
	var sum poverty.Money
	byStatus := map[string]int{}
	for _, r := range rs {
		in.PerCapita = append(in.PerCapita, r.perCapita)
		in.Residents = append(in.Residents, float64(r.residents))
		people += r.residents
		sum += r.perCapita
		byStatus[r.status.String()]++
		if !sameLines(r, latest) {
			other++
		}
	}
	where := region.String() + " " + strconv.Itoa(year)
	fig := func(f report.Figure) { in.Figures = append(in.Figures, f) }
	fig(report.Figure{Label: "Households 户数", Value: strconv.Itoa(len(rs)), Window: where, Concept: "households assessed", Prov: "derived", Cite: "POST /v1/assess"})
	fig(report.Figure{Label: "Resident members 常住人口", Value: strconv.Itoa(people), Window: where, Concept: "resident members", Prov: "derived", Cite: "POST /v1/assess"})
	fig(report.Figure{Label: "Mean per-capita income 人均纯收入", Value: (sum / poverty.Money(len(rs))).String(), Window: where, Concept: "mean over households, " + latest.line.Concept.String(), Prov: "derived", Cite: "POST /v1/assess"})
	if std := latest.standard; std != nil {
		fig(report.Figure{Label: "Standard 扶贫标准", Value: std.Amount.String(), Window: strconv.Itoa(std.Year), Concept: std.Concept.String(), Prov: report.ProvLabel(std), Cite: std.Cite()})
	} else {
		fig(report.Figure{Label: "Standard 扶贫标准", Value: "none in force 未在执行", Window: strconv.Itoa(year), Concept: "-", Prov: "none", Cite: "no poverty standard is in force from 2021; the monitoring line stands alone"})
	}
	fig(report.Figure{Label: "Monitoring line 监测线", Value: latest.line.Amount.String(), Window: strconv.Itoa(latest.line.Year), Concept: latest.line.Concept.String(), Prov: report.ProvLabel(&latest.line), Cite: latest.line.Cite()})
	statuses := make([]string, 0, len(byStatus))
	for k := range byStatus {
		statuses = append(statuses, k)
	}
	slices.Sort(statuses)
	for _, k := range statuses {
		fig(report.Figure{Label: "Status 户类型 " + k, Value: strconv.Itoa(byStatus[k]), Window: where, Concept: "households", Prov: "derived", Cite: "poverty.Classify"})
	}
	if other > 0 {
		in.Notes = append(in.Notes, fmt.Sprintf("%d of the %d results used other lines or another boundary than the latest one; the measures use the latest one's.", other, len(rs)))
	}
	in.Notes = append(in.Notes, "Household keys are masked; identity numbers are never stored (a key that looks like one is refused).")

	listed := slices.Clone(rs)
	slices.SortStableFunc(listed, func(a, b storedResult) int { return cmp.Compare(a.perCapita, b.perCapita) })
	for _, r := range listed[:min(len(listed), maxListed)] {
		in.Visits = append(in.Visits, report.Visit{Masked: report.MaskID(r.id), Place: region.Name() + ", " + strconv.Itoa(year), Status: r.status.String(),
			PerCapita: r.perCapita.String(), Reasons: []string{r.code}})
	}
	return in
}

// sameLines reports whether two results used the same lines and boundary.
func sameLines(a, b storedResult) bool {
	if a.boundary != b.boundary || a.line.Amount != b.line.Amount || a.line.Year != b.line.Year || (a.standard == nil) != (b.standard == nil) {
		return false
	}
	return a.standard == nil || a.standard.Amount == b.standard.Amount
}
