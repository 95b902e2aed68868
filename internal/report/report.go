// Package report renders the county page: one self-contained HTML
// document (no script, no style sheet, font or image fetched from
// anywhere), written with html/template, its charts drawn here as inline
// SVG. The markup is also well-formed XML (every element closed, only
// XML's own entities), so that a test can parse it strictly with
// encoding/xml.
//
// Two programs fill its [Input]: examples/county (a whole synthetic
// county) and examples/server (the households it has assessed, GET
// /report). A chart whose data the caller does not have (tiers by group,
// status flows) is left out, and the page says so.
//
// Every chart is a <figure class="chart" data-chart="NAME"> holding one
// <svg>: a browser check finds the charts by their data-chart attribute,
// measures their boxes and counts the pixels drawn in each.
//
// The package masks nothing itself: the household keys in [Visit] come
// masked ([MaskID]), and the figures are the caller's.
package report

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/poverty/measure"
)

// Charts are the names of every chart a page can have, in page order.
var Charts = []string{"tiers", "income", "lorenz", "fgt", "flows"}

// tierColours are the colour scheme's own colours.
var tierColours = map[string]string{"red": "#c62828", "orange": "#ef6c00", "yellow": "#f9a825", "green": "#2e7d32"}

// Figure is one headline figure: its value, the window and income concept
// it is for, and its provenance as a short label with the citation.
type Figure struct {
	Label, Value, Window, Concept, Prov, Cite string
}

// Group is one group's households by colour tier (a township, for the
// county page).
type Group struct {
	Name                       string
	Households                 int
	Red, Orange, Yellow, Green int
}

// Visit is a household to list, its key already masked.
type Visit struct {
	Masked    string
	Place     string // where it is ("township, village")
	Score     string // its priority score; empty: none
	Status    string
	PerCapita string
	Reasons   []string // already masked
}

// Input is what a page shows. The zero value is not a page: PerCapita
// must hold at least one household and Line must be set.
type Input struct {
	Title   string        // the document's <title>
	Heading string        // the <h1>
	Intro   template.HTML // the paragraph under the heading, markup the caller escaped
	Figures []Figure

	// PerCapita holds every household's per-capita income, Residents its
	// resident members (the weights of Gini, Lorenz and FGT), index for
	// index.
	PerCapita []poverty.Money
	Residents []float64
	Boundary  poverty.Boundary
	Standard  *poverty.Threshold // nil: no standard in force (from 2021)
	Line      poverty.Threshold  // the monitoring line

	// Tiers are the colour tiers by group; nil leaves the chart out.
	Tiers []Group
	// StatusFlow ("from>to": status on 1 January and at the end of the
	// year) and CaseFlow ("category>stage") count the flows; a nil
	// StatusFlow leaves the flows chart and tables out.
	StatusFlow, CaseFlow map[string]int

	// After is markup the caller built with html/template, placed after
	// the flows (the county's table by township, its what-if section).
	After template.HTML

	// ListTitle heads the list of Visits; empty: "Households to visit
	// first 优先走访户".
	ListTitle string
	Visits    []Visit
	Sources   []string
	Notes     []string
}

// FlowTable is a flow count laid out as rows (from) by columns (to).
type FlowTable struct {
	Title   string
	Rows    []string
	Cols    []string
	Cells   [][]int
	Changed int
	Total   int
}

type fgtRow struct {
	Line, Amount, FGT0, FGT1, FGT2, Gap string
}

type page struct {
	*Input
	Tiers    template.HTML
	Income   template.HTML
	Lorenz   template.HTML
	FGT      template.HTML
	Flows    template.HTML
	Gini     string
	Measures []fgtRow
	Status   *FlowTable
	Cases    *FlowTable
	Omitted  []string
}

// MaskID keeps the prefix of a household number (the county) and its last
// three characters: "H530120-0000019" becomes "H530120-****019".
func MaskID(id string) string {
	i := strings.LastIndexByte(id, '-')
	if i < 0 || len(id)-i-1 <= 3 {
		if len(id) <= 3 {
			return strings.Repeat("*", len(id))
		}
		return strings.Repeat("*", len(id)-3) + id[len(id)-3:]
	}
	tail := id[i+1:]
	return id[:i+1] + strings.Repeat("*", len(tail)-3) + tail[len(tail)-3:]
}

// MaskReasons replaces the household number in its reasons (a child's
// number begins with it) by its masked form.
func MaskReasons(id string, reasons []string) []string {
	out := make([]string, len(reasons))
	for i, r := range reasons {
		out[i] = strings.ReplaceAll(r, id, MaskID(id))
	}
	return out
}

// ProvLabel is the short provenance label of a threshold: approximate,
// derived, then its status (CONFIRMED, DEFAULT, LOCAL, SUPPLIED ...).
func ProvLabel(t *poverty.Threshold) string {
	var parts []string
	if t.Approximate {
		parts = append(parts, "approximate")
	}
	if t.Derived {
		parts = append(parts, "derived")
	}
	if t.Stale {
		parts = append(parts, "stale")
	}
	return strings.Join(append(parts, t.Status.String()), " · ")
}

// ErrNoHouseholds reports an [Input] without households.
var ErrNoHouseholds = errors.New("report: no households to draw")

// Write renders the page for in to w.
func Write(w io.Writer, in *Input) error {
	p, err := newPage(in)
	if err != nil {
		return err
	}
	return pageTemplate.Execute(w, p)
}

func newPage(in *Input) (*page, error) {
	if len(in.PerCapita) == 0 {
		return nil, ErrNoHouseholds
	}
	p := &page{Input: in}
	if in.Tiers != nil {
		p.Tiers = tiersSVG(in.Tiers)
	} else {
		p.Omitted = append(p.Omitted, "colour tiers by group (the tiers are not known here) 风险等级图")
	}
	pop, err := measure.New(in.PerCapita, in.Residents)
	if err != nil {
		return nil, err
	}
	lines := []poverty.Money{in.Line.Amount}
	names := []string{"monitoring line 监测线"}
	if in.Standard != nil {
		lines = append([]poverty.Money{in.Standard.Amount}, lines...)
		names = append([]string{"standard 扶贫标准"}, names...)
	}
	pov, err := pop.Poverty(in.Boundary, lines...)
	if err != nil {
		return nil, err
	}
	for i, m := range pov {
		p.Measures = append(p.Measures, fgtRow{names[i], m.Line.String(), fmt.Sprintf("%.4f", m.Incidence), fmt.Sprintf("%.4f", m.Gap),
			fmt.Sprintf("%.4f", m.Severity), m.Cost.String()})
	}
	p.Income = incomeSVG(in)
	gini, err := pop.Gini()
	if err != nil {
		return nil, err
	}
	p.Gini = fmt.Sprintf("%.3f", gini)
	ps := make([]float64, 41)
	for i := range ps {
		ps[i] = float64(i) / 40
	}
	lz, err := pop.Lorenz(ps...)
	if err != nil {
		return nil, err
	}
	p.Lorenz = lorenzSVG(lz, p.Gini)
	p.FGT = fgtSVG(pov, names)
	if in.StatusFlow != nil {
		st := flows("Status 1 January → 31 December 户类型流动", in.StatusFlow)
		cs := flows("Monitored category → stage after the follow-up 监测类型 → 帮扶阶段", in.CaseFlow)
		p.Status, p.Cases = &st, &cs
		p.Flows = flowSVG(p.Status)
	} else {
		p.Omitted = append(p.Omitted, "status flows of the year (one assessment per household holds no flow) 户类型流动")
	}
	return p, nil
}

func flows(title string, c map[string]int) FlowTable {
	ft := FlowTable{Title: title}
	for k := range c {
		from, to, _ := strings.Cut(k, ">")
		if !slices.Contains(ft.Rows, from) {
			ft.Rows = append(ft.Rows, from)
		}
		if !slices.Contains(ft.Cols, to) {
			ft.Cols = append(ft.Cols, to)
		}
	}
	slices.Sort(ft.Rows)
	slices.Sort(ft.Cols)
	ft.Cells = make([][]int, len(ft.Rows))
	for i, from := range ft.Rows {
		ft.Cells[i] = make([]int, len(ft.Cols))
		for j, to := range ft.Cols {
			n := c[from+">"+to]
			ft.Cells[i][j] = n
			ft.Total += n
			if from != to {
				ft.Changed += n
			}
		}
	}
	return ft
}

// pct formats n/d as a percentage rounded half up to a tenth of a percent.
func pct(n, d int) string {
	if d == 0 {
		return "-"
	}
	r, err := poverty.Ratio(int64(n), int64(d), poverty.RoundHalfUp)
	if err != nil {
		return "-"
	}
	return ((r + 500) / 1000 * 1000).Percent()
}

// svg accumulates the markup of one chart; text goes through esc.
type svg struct{ strings.Builder }

func esc(s string) string { return template.HTMLEscapeString(s) }

func (b *svg) f(format string, a ...any) { fmt.Fprintf(&b.Builder, format, a...) }

func (b *svg) open(name string, w, h int, label string) {
	b.f(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="%s" data-chart="%s">`, w, h, esc(label), name)
}

func (b *svg) done() template.HTML {
	b.f("</svg>")
	return template.HTML(b.String()) // built from numbers and escaped text only
}

// tiersSVG draws the colour tiers of each group as a stacked bar of its
// households.
func tiersSVG(groups []Group) template.HTML {
	const left, width, row = 70, 520, 16
	var b svg
	h := 24 + row*len(groups) + 10
	b.open("tiers", left+width+10, h, "colour tiers by township")
	x := left
	for _, tier := range []string{"red", "orange", "yellow", "green"} {
		b.f(`<rect x="%d" y="4" width="10" height="10" fill="%s"/><text x="%d" y="13" class="s">%s</text>`, x, tierColours[tier], x+14, tier)
		x += 80
	}
	for i, t := range groups {
		y := 24 + i*row
		b.f(`<text x="%d" y="%d" class="s" text-anchor="end">%s</text>`, left-6, y+11, esc(t.Name))
		if t.Households == 0 {
			continue
		}
		x := float64(left)
		for _, seg := range []struct {
			tier string
			n    int
		}{{"red", t.Red}, {"orange", t.Orange}, {"yellow", t.Yellow}, {"green", t.Green}} {
			if seg.n == 0 {
				continue
			}
			w := float64(width) * float64(seg.n) / float64(t.Households)
			b.f(`<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"><title>%s %s: %d of %d households (%s)</title></rect>`,
				x, y, w, row-3, tierColours[seg.tier], esc(t.Name), seg.tier, seg.n, t.Households, pct(seg.n, t.Households))
			x += w
		}
	}
	return b.done()
}

// incomeSVG draws the households by per-capita income in bins of 1,000
// yuan up to 30,000 (the last bin holds everything above, the first
// everything below 1,000, losses included), with the standard and the
// monitoring line.
func incomeSVG(d *Input) template.HTML {
	const bins, step = 30, 1000 * poverty.Yuan
	const left, top, width, height = 50, 20, 540, 200
	counts := make([]int, bins)
	for _, y := range d.PerCapita {
		k := int(y / step)
		counts[min(max(k, 0), bins-1)]++
	}
	peak := slices.Max(counts)
	var b svg
	b.open("income", left+width+10, top+height+40, "households by per-capita income")
	bw := float64(width) / bins
	for k, n := range counts {
		hgt := float64(height) * float64(n) / float64(max(peak, 1))
		label := fmt.Sprintf("%d–%d yuan", k, k+1)
		if k == bins-1 {
			label = fmt.Sprintf("%d thousand yuan and above", k)
		}
		b.f(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#5c6bc0"><title>%s thousand: %d households</title></rect>`,
			left+float64(k)*bw, top+float64(height)-hgt, bw-1, hgt, label, n)
	}
	b.f(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>`, left, top+height, left+width, top+height)
	for k := 0; k <= bins; k += 5 {
		b.f(`<text x="%.1f" y="%d" class="s" text-anchor="middle">%dk</text>`, left+float64(k)*bw, top+height+14, k)
	}
	b.f(`<text x="%d" y="%d" class="s">0</text><text x="4" y="%d" class="s">%d</text>`, left-12, top+height, top+8, peak)
	mark := func(t *poverty.Threshold, name, colour string, dy int) {
		x := left + float64(width)*float64(t.Amount)/float64(bins*step)
		b.f(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s" stroke-width="2" stroke-dasharray="5 3"><title>%s %s (%s)</title></line>`,
			x, top-10, x, top+height, colour, name, t.Amount, esc(t.Cite()))
		b.f(`<text x="%.1f" y="%d" class="s" fill="%s">%s %s</text>`, x+3, top+dy, colour, name, t.Amount)
	}
	if d.Standard != nil {
		mark(d.Standard, "standard", "#b71c1c", 10)
	}
	mark(&d.Line, "monitoring line", "#e65100", 26)
	b.f(`<text x="%d" y="%d" class="s" text-anchor="middle">per-capita income, thousand yuan 人均纯收入（千元）</text>`, left+width/2, top+height+32)
	return b.done()
}

// lorenzSVG draws the Lorenz curve and the line of equality.
func lorenzSVG(lz []measure.LorenzPoint, gini string) template.HTML {
	const left, top, side = 40, 10, 260
	var b svg
	b.open("lorenz", left+side+20, top+side+40, "Lorenz curve, Gini "+gini)
	b.f(`<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#999"/>`, left, top, side, side)
	b.f(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#999" stroke-dasharray="4 3"/>`, left, top+side, left+side, top)
	var pts []string
	for _, q := range lz {
		s := q.Share
		if math.IsNaN(s) {
			continue
		}
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", left+side*q.P, top+side*(1-s)))
	}
	b.f(`<polyline points="%s" fill="rgba(92,107,192,0.25)" stroke="#283593" stroke-width="2"><title>Lorenz curve: Gini %s</title></polyline>`, strings.Join(pts, " "), gini)
	b.f(`<text x="%d" y="%d" class="m">Gini 基尼系数 %s</text>`, left+8, top+20, gini)
	b.f(`<text x="%d" y="%d" class="s" text-anchor="middle">share of people, poorest first 人口累计比例</text>`, left+side/2, top+side+16)
	b.f(`<text x="%d" y="%d" class="s" text-anchor="middle">share of income 收入累计比例</text>`, left+side/2, top+side+32)
	return b.done()
}

// fgtSVG draws FGT0, FGT1 and FGT2 at each line as grouped bars, on a
// square-root scale so that the small indices stay visible.
func fgtSVG(pov []measure.Poverty, names []string) template.HTML {
	const left, top, width, height = 40, 30, 300, 180
	var b svg
	b.open("fgt", left+width+20, top+height+40, "FGT0, FGT1 and FGT2 against each line")
	peak := 0.0
	for _, m := range pov {
		peak = max(peak, m.Incidence)
	}
	peak = max(math.Sqrt(peak), 0.01)
	colours := []string{"#1565c0", "#6a1b9a", "#00838f"}
	for k, name := range []string{"FGT0", "FGT1", "FGT2"} {
		b.f(`<rect x="%d" y="4" width="10" height="10" fill="%s"/><text x="%d" y="13" class="s">%s</text>`, left+k*70, colours[k], left+k*70+14, name)
	}
	gw := float64(width) / float64(max(len(pov), 1))
	for i, m := range pov {
		for k, v := range []float64{m.Incidence, m.Gap, m.Severity} {
			hgt := float64(height) * math.Sqrt(max(v, 0)) / peak
			x := left + gw*float64(i) + 10 + float64(k)*(gw-20)/3
			b.f(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>FGT%d at %s %s: %.4f</title></rect>`,
				x, top+float64(height)-hgt, (gw-20)/3-4, max(hgt, 1), colours[k], k, esc(names[i]), m.Line, v)
		}
		b.f(`<text x="%.1f" y="%d" class="s" text-anchor="middle">%s</text>`, left+gw*float64(i)+gw/2, top+height+14, esc(names[i]))
	}
	b.f(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>`, left, top+height, left+width, top+height)
	b.f(`<text x="%d" y="%d" class="s" text-anchor="middle">square-root scale 平方根刻度</text>`, left+width/2, top+height+32)
	return b.done()
}

// flowSVG draws the status flows as bars: for each status on 1 January,
// the households that kept it and those that moved to each other status.
func flowSVG(ft *FlowTable) template.HTML {
	const left, width, row = 130, 420, 22
	var b svg
	top := 8 + 12*((len(ft.Cols)+3)/4)
	b.open("flows", left+width+10, top+row*len(ft.Rows)+10, "status flows of the year")
	palette := []string{"#1565c0", "#2e7d32", "#ef6c00", "#c62828", "#6a1b9a", "#00838f", "#795548"}
	for j, col := range ft.Cols {
		b.f(`<rect x="%d" y="%d" width="8" height="8" fill="%s"/><text x="%d" y="%d" class="s">%s</text>`,
			4+(j%4)*140, 2+(j/4)*10, palette[j%len(palette)], 16+(j%4)*140, 10+(j/4)*10, esc(col))
	}
	for i, from := range ft.Rows {
		y := top + i*row
		total := 0
		for _, n := range ft.Cells[i] {
			total += n
		}
		b.f(`<text x="%d" y="%d" class="s" text-anchor="end">%s</text>`, left-6, y+13, esc(from))
		x := float64(left)
		for j, n := range ft.Cells[i] {
			if n == 0 {
				continue
			}
			w := float64(width) * float64(n) / float64(max(total, 1))
			b.f(`<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"><title>%s → %s: %d households</title></rect>`,
				x, y, max(w, 1), row-5, palette[j%len(palette)], esc(from), esc(ft.Cols[j]), n)
			x += w
		}
	}
	return b.done()
}

var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>{{.Title}}</title>
<style>
body { margin: 0; padding: 12px; font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Noto Sans", "DejaVu Sans", sans-serif; color: #222; background: #fff; line-height: 1.4; }
main { max-width: 1100px; margin: 0 auto; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
.figs { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 8px; }
.fig { border: 1px solid #ddd; border-radius: 4px; padding: 6px 8px; }
.fig .v { font-size: 1.2em; font-weight: bold; }
.fig .w { font-size: 0.8em; color: #555; }
.prov { font-size: 0.7em; background: #eceff1; border-radius: 3px; padding: 0 4px; cursor: help; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; }
figure.chart { margin: 0; min-width: 0; }
figure.chart svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 0.9em; color: #444; }
svg .s { font-size: 11px; } svg .m { font-size: 14px; font-weight: bold; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: 0.85em; }
td, th { border: 1px solid #ddd; padding: 2px 6px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
li { overflow-wrap: anywhere; }
p, footer { overflow-wrap: anywhere; }
</style>
</head>
<body>
<main>
<h1>{{.Heading}}</h1>
<p>{{.Intro}}</p>

<h2 id="headline">Headline 主要指标</h2>
<div class="figs">
{{range .Figures}}<div class="fig"><div>{{.Label}}</div><div class="v">{{.Value}}</div><div class="w">{{.Window}} · {{.Concept}} <span class="prov" title="{{.Cite}}">{{.Prov}}</span></div></div>
{{end}}</div>

<h2>Charts 图表</h2>
<div class="charts">
{{if .Tiers}}<figure class="chart" id="chart-tiers"><figcaption>Colour tiers by township 各乡镇风险等级（hover a bar for counts）</figcaption>{{.Tiers}}</figure>
{{end}}<figure class="chart" id="chart-income"><figcaption>Households by per-capita income, with the lines 人均纯收入分布</figcaption>{{.Income}}</figure>
<figure class="chart" id="chart-lorenz"><figcaption>Lorenz curve 洛伦兹曲线 (Gini {{.Gini}}, people weighted by resident members)</figcaption>{{.Lorenz}}</figure>
<figure class="chart" id="chart-fgt"><figcaption>FGT0/1/2 against each line 贫困指数</figcaption>{{.FGT}}</figure>
{{with .Status}}<figure class="chart" id="chart-flows"><figcaption>Status flows of the year 户类型流动 ({{.Changed}} of {{.Total}} households changed)</figcaption>{{$.Flows}}</figure>
{{end}}</div>
{{with .Omitted}}<p id="omitted">Charts left out 未包含的图表: {{range $i, $o := .}}{{if $i}}; {{end}}{{$o}}{{end}}.</p>
{{end}}
<h2>Poverty measures 贫困测度</h2>
<div class="scroll"><table id="fgt">
<tr><th>line 线</th><th>yuan 元</th><th>FGT0</th><th>FGT1</th><th>FGT2</th><th>money gap 缺口 (FGT1 × line × people)</th></tr>
{{range .Measures}}<tr><td>{{.Line}}</td><td>{{.Amount}}</td><td>{{.FGT0}}</td><td>{{.FGT1}}</td><td>{{.FGT2}}</td><td>{{.Gap}}</td></tr>
{{end}}</table></div>

{{define "flow"}}<h3>{{.Title}}</h3>
<div class="scroll"><table>
<tr><th>from \ to</th>{{range .Cols}}<th>{{.}}</th>{{end}}</tr>
{{range $i, $r := .Rows}}<tr><td>{{$r}}</td>{{range index $.Cells $i}}<td>{{.}}</td>{{end}}</tr>
{{end}}</table></div>
{{end}}
{{if .Status}}<h2>Flows 流动</h2>
{{template "flow" .Status}}
{{template "flow" .Cases}}

{{end}}{{.After}}
<h2 id="visit">{{with .ListTitle}}{{.}}{{else}}Households to visit first 优先走访户{{end}}</h2>
<ol>
{{range .Visits}}<li><b>{{.Masked}}</b> ({{.Place}}){{with .Score}} score {{.}},{{end}} {{.Status}}, per capita {{.PerCapita}}
<ul>{{range .Reasons}}<li>{{.}}</li>{{end}}</ul></li>
{{end}}</ol>

<footer>
<h2>Sources 来源</h2>
<ul>{{range .Sources}}<li>{{.}}</li>{{end}}</ul>
{{range .Notes}}<p>Note: {{.}}</p>{{end}}
</footer>
</main>
</body>
</html>
`))
