package main

import (
	"bytes"
	"fmt"
	"html/template"
	"io"

	"github.com/openfupin/fupin/internal/report"
)

// The HTML page is rendered by internal/report (shared with
// examples/server's GET /report): this file fills its input from the
// county's report. The page is one self-contained document, well-formed
// XML; html_test.go parses it strictly and browser_test.go checks it in
// headless chromium.

// chartIDs are the charts every county page has, in page order.
var chartIDs = report.Charts

// whatIfPage is the what-if section, when a reform was given.
type whatIfPage struct{ HTML template.HTML }

// maskID keeps the prefix of a household number (the county) and its last
// three characters: "H530120-0000019" becomes "H530120-****019".
func maskID(id string) string { return report.MaskID(id) }

func writeHTML(w io.Writer, r *Report, reform *whatIfPage) error {
	in, err := pageInput(r, reform)
	if err != nil {
		return err
	}
	return report.Write(w, in)
}

// pageInput fills the page's input from the report.
func pageInput(r *Report, reform *whatIfPage) (*report.Input, error) {
	d := &r.dist
	h := &r.Headline
	in := &report.Input{
		Title:   fmt.Sprintf("%s: county report %d", r.Name, r.Year),
		Heading: r.Name + " · 县域监测报告",
		Intro: template.HTML(fmt.Sprintf("Province 省份 %s (%s), year 年度 %d, seed %d. A synthetic county: the households are generated, the rules are the library's.",
			template.HTMLEscapeString(r.Province.String()), template.HTMLEscapeString(r.Province.Name()), r.Year, r.Seed)),
		PerCapita: d.perCapita, Residents: d.residents, Boundary: d.boundary,
		Standard: d.standard, Line: d.line,
		StatusFlow: d.statusFlow, CaseFlow: d.caseFlow,
		Sources: r.Sources, Notes: r.Notes,
	}
	if in.StatusFlow == nil {
		in.StatusFlow = map[string]int{}
	}
	year := fmt.Sprint(r.Year)
	synthetic := "internal/gen, seed " + fmt.Sprint(r.Seed)
	line := d.line
	fig := func(f report.Figure) { in.Figures = append(in.Figures, f) }
	fig(report.Figure{Label: "Households 户数", Value: fmt.Sprint(h.Households), Window: year, Concept: "households generated", Prov: "derived", Cite: synthetic})
	fig(report.Figure{Label: "Resident members 常住人口", Value: fmt.Sprint(h.Residents), Window: year, Concept: "resident members", Prov: "derived", Cite: synthetic})
	fig(report.Figure{Label: "Mean per-capita income 人均收入", Value: h.MeanPerCapita.String(), Window: year + ", calendar year (annual accounts)", Concept: h.Concept.String(), Prov: "derived", Cite: synthetic})
	if d.standard != nil {
		fig(report.Figure{Label: "Standard 扶贫标准", Value: d.standard.Amount.String(), Window: fmt.Sprint(d.standard.Year), Concept: d.standard.Concept.String(), Prov: report.ProvLabel(d.standard), Cite: d.standard.Cite()})
	} else {
		fig(report.Figure{Label: "Standard 扶贫标准", Value: "none in force 未在执行", Window: year, Concept: "-", Prov: "none", Cite: "no poverty standard is in force from 2021; the monitoring line stands alone"})
	}
	fig(report.Figure{Label: "Monitoring line 监测线", Value: line.Amount.String(), Window: fmt.Sprint(line.Year), Concept: line.Concept.String(), Prov: report.ProvLabel(&line), Cite: line.Cite()})
	fig(report.Figure{Label: "Monitored households 监测户", Value: fmt.Sprintf("%d (%d people)", h.Monitored.Households, h.Monitored.Population),
		Window: "identified " + h.Identified.String(), Concept: "monitored categories", Prov: "derived", Cite: synthetic})
	if h.Cap != nil {
		caps := "model finding; 2020 guide: about " + pctRate(h.Cap.Cap.Rate) + " (within " + fmt.Sprint(h.Cap.Within) + ")"
		if cd := h.CapDeep; cd != nil {
			caps += ", deep-poverty areas at most " + pctRate(cd.Cap.Rate) + " (within " + fmt.Sprint(cd.Within) + ")"
		}
		fig(report.Figure{Label: "Monitored share 监测比例", Value: pctRate(h.Cap.Share) + " (" + caps + ")",
			Window: year, Concept: "monitored / registered people", Prov: d.cap.Label(), Cite: d.cap.Cite()})
	}
	fig(report.Figure{Label: "Eliminated at follow-up 风险消除", Value: pctRate(h.Monitored.EliminationRate), Window: h.FollowUp.String(), Concept: "cases", Prov: "derived", Cite: synthetic})

	in.Tiers = make([]report.Group, 0, len(r.Townships))
	for _, t := range r.Townships {
		in.Tiers = append(in.Tiers, report.Group{Name: t.Township, Households: t.Households, Red: t.Red, Orange: t.Orange, Yellow: t.yellow, Green: t.green})
	}
	var b bytes.Buffer
	if err := townshipTemplate.Execute(&b, r.Townships); err != nil {
		return nil, err
	}
	after := b.String() // html/template's own escaped output
	if reform != nil {
		after += string(reform.HTML)
	}
	in.After = template.HTML(after)
	for _, v := range r.Visit {
		in.Visits = append(in.Visits, report.Visit{Masked: maskID(v.Household), Place: v.Township + ", " + v.Village, Score: fmt.Sprint(v.Score),
			Status: v.Status, PerCapita: v.PerCapita, Reasons: maskReasons(v.Household, v.Reasons)})
	}
	return in, nil
}

// townshipTemplate is the page's table by township.
var townshipTemplate = template.Must(template.New("townships").Parse(`<h2>By township 分乡镇</h2>
<div class="scroll"><table id="townships">
<tr><th>township 乡镇</th><th>households</th><th>mean</th><th>&lt;standard</th><th>&lt;line</th><th>monitored</th><th>warned</th><th>red</th><th>orange</th><th>left-behind</th><th>workshop</th></tr>
{{range .}}<tr><td>{{.Township}}</td><td>{{.Households}}</td><td>{{.MeanPerCapita}}</td><td>{{.BelowStandard}}</td><td>{{.BelowLine}}</td><td>{{.Monitored}}</td><td>{{.Warned}}</td><td>{{.Red}}</td><td>{{.Orange}}</td><td>{{.LeftBehind}}</td><td>{{.WorkshopJobs}}</td></tr>
{{end}}</table></div>
`))

// maskReasons replaces the household number in its reasons (a child's
// number begins with it) by its masked form.
func maskReasons(id string, reasons []string) []string { return report.MaskReasons(id, reasons) }
