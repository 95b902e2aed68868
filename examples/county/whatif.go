package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math"
	"os"
	"strings"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/poverty/measure"
	"github.com/openfupin/fupin/risk"
)

// What-if: -reform names a thresholds file (package poverty's schema,
// "fupin.thresholds/...") or a tier-scheme file (package risk's,
// "fupin.risk.tiers/..."), overlaid on what the baseline uses as
// -thresholds and the configuration's tiers are. The same generated
// households run under both; risk.Compare pairs the results.

// WhatIf is the what-if report: each side's key figures, the comparison
// of every household's status, category and tier, and the sample of
// changed households with both sets of reasons.
type WhatIf struct {
	Name       string          `json:"name"`
	Province   poverty.Region  `json:"province"`
	Year       int             `json:"year"`
	Seed       uint64          `json:"seed"`
	Reform     string          `json:"reform"` // the file
	Kind       string          `json:"kind"`   // "thresholds" or "tier schemes"
	Baseline   Side            `json:"baseline"`
	Reformed   Side            `json:"reformed"`
	Comparison risk.Comparison `json:"comparison"`
}

// Side is one run's key figures.
type Side struct {
	Standard        *poverty.Money `json:"standard"` // null: none in force
	MonitoringLine  poverty.Money  `json:"monitoring_line"`
	LineSource      string         `json:"monitoring_line_source"`
	Scheme          string         `json:"tier_scheme,omitempty"`
	Monitored       int            `json:"monitored_households"`
	MonitoredPeople int64          `json:"monitored_people"`
	Share           poverty.Rate   `json:"monitored_share"` // of the registered population
	Cap             poverty.Rate   `json:"cap"`
	Within          bool           `json:"within_cap"`
	FGT1            float64        `json:"fgt1"` // at the monitoring line, people weighted by resident members
	People          float64        `json:"people"`
	Gap             poverty.Money  `json:"money_gap"` // FGT1 × line × people: what closing the gap to the line costs
	Tiers           []risk.Count   `json:"tiers,omitempty"`
}

// loadReform reads a reform file and says what it holds.
func loadReform(path string) (table *poverty.Table, schemes *risk.Schemes, kind string, err error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, "", err
	}
	var head struct {
		Schema string `json:"schema"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, nil, "", fmt.Errorf("reform %s: %w", path, err)
	}
	switch {
	case strings.HasPrefix(head.Schema, "fupin.thresholds/"):
		t, err := poverty.LoadTable(bytes.NewReader(raw), path)
		return t, nil, "thresholds", err
	case strings.HasPrefix(head.Schema, "fupin.risk.tiers/"):
		s, err := risk.LoadSchemes(bytes.NewReader(raw), path)
		return nil, &s, "tier schemes", err
	}
	return nil, nil, "", fmt.Errorf("reform %s: schema %q is neither a thresholds file (fupin.thresholds/...) nor a tier-scheme file (fupin.risk.tiers/...)", path, head.Schema)
}

// whatIf runs the county under the baseline and under the reform and
// compares them.
func whatIf(cfg Config, table *poverty.Table, opts poverty.LookupOptions, path string, sample int) (*WhatIf, *Report, error) {
	rt, rs, kind, err := loadReform(path)
	if err != nil {
		return nil, nil, err
	}
	base, err := newModel(cfg, table, opts)
	if err != nil {
		return nil, nil, err
	}
	reformTable := table
	if rt != nil {
		reformTable = table.Overlay(rt)
	}
	reform, err := newModel(cfg, reformTable, opts)
	if err != nil {
		return nil, nil, fmt.Errorf("reform %s: %w", path, err)
	}
	if rs != nil {
		if err := reform.overlaySchemes(*rs); err != nil {
			return nil, nil, err
		}
	}
	base.collect, reform.collect = true, true
	br, err := base.run(nil)
	if err != nil {
		return nil, nil, err
	}
	rr, err := reform.run(nil)
	if err != nil {
		return nil, nil, err
	}
	w := &WhatIf{Name: cfg.Name, Province: cfg.Province, Year: cfg.Year, Seed: cfg.Seed, Reform: path, Kind: kind}
	if w.Baseline, err = side(br); err != nil {
		return nil, nil, err
	}
	if w.Reformed, err = side(rr); err != nil {
		return nil, nil, err
	}
	if w.Comparison, err = risk.Compare(br.results, rr.results, sample); err != nil {
		return nil, nil, err
	}
	return w, br, nil
}

func side(r *Report) (Side, error) {
	h := &r.Headline
	s := Side{Standard: h.Standard, MonitoringLine: h.MonitoringLine, LineSource: h.Lines["monitoring_line"], Scheme: h.Scheme,
		Monitored: h.Monitored.Households, MonitoredPeople: h.Monitored.Population, Tiers: h.Tiers}
	if h.Cap != nil {
		s.Share, s.Cap, s.Within = h.Cap.Share, h.Cap.Cap.Rate, h.Cap.Within
	}
	pop, err := measure.New(r.dist.perCapita, r.dist.residents)
	if err != nil {
		return Side{}, err
	}
	pov, err := pop.Poverty(r.dist.boundary, h.MonitoringLine)
	if err != nil {
		return Side{}, err
	}
	// FGT1 to six decimals, so that the report does not depend on the
	// last bits of a float sum.
	s.FGT1, s.People, s.Gap = math.Round(pov[0].Gap*1e6)/1e6, pov[0].Population, pov[0].Cost
	return s, nil
}

// directions lists the directions in the order a report reads them.
var directions = []risk.Direction{risk.Worse, risk.Better, risk.Across}

var dimensions = []risk.Dimension{risk.DimensionStatus, risk.DimensionCategory, risk.DimensionTier}

func stdText(m *poverty.Money) string {
	if m == nil {
		return "none in force"
	}
	return m.String()
}

func writeWhatIfText(w io.Writer, x *WhatIf) error {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	b, r := &x.Baseline, &x.Reformed
	p("WHAT-IF: %s, province %s, year %d, seed %d\nreform: %s (%s)\n\n", x.Name, x.Province, x.Year, x.Seed, x.Reform, x.Kind)
	p("  %-44s %16s %16s %16s\n", "", "baseline", "reform", "change")
	p("  %-44s %16s %16s\n", "standard", stdText(b.Standard), stdText(r.Standard))
	p("  %-44s %16s %16s %16s\n", "monitoring line", b.MonitoringLine, r.MonitoringLine, signed(r.MonitoringLine-b.MonitoringLine))
	p("  %-44s %16d %16d %+16d\n", "monitored households", b.Monitored, r.Monitored, r.Monitored-b.Monitored)
	p("  %-44s %16d %16d %+16d\n", "monitored people", b.MonitoredPeople, r.MonitoredPeople, r.MonitoredPeople-b.MonitoredPeople)
	p("  %-44s %16s %16s %16s\n", "monitored share of the registered population", pctRate(b.Share), pctRate(r.Share), points(r.Share-b.Share))
	p("  %-44s %16s %16s\n", "cap, and within it", pctRate(b.Cap)+" "+fmt.Sprint(b.Within), pctRate(r.Cap)+" "+fmt.Sprint(r.Within))
	p("  %-44s %16.4f %16.4f %+16.4f\n", "FGT1 at the monitoring line", b.FGT1, r.FGT1, r.FGT1-b.FGT1)
	p("  %-44s %16s %16s %16s\n", "money gap to the line (FGT1 × line × people)", b.Gap, r.Gap, signed(r.Gap-b.Gap))
	if b.Scheme != r.Scheme {
		p("  tier scheme: baseline %s\n               reform   %s\n", b.Scheme, r.Scheme)
	}
	c := &x.Comparison
	p("\nCHANGES: %d of %d households (%d of %d people)\n", c.Changed, c.Households, c.ChangedPeople, c.People)
	for _, s := range c.Shifts {
		p("  %-8s %-20s -> %-20s %-6s %6d households %7d people\n", s.Dimension, s.From, s.To, s.Direction, s.Households, s.People)
	}
	p("\nBY TOWNSHIP (households, worse/better/across)\n  %-9s %6s", "township", "hh")
	for _, d := range dimensions {
		p(" %18s", d)
	}
	p("\n")
	for i := range c.ByGroup {
		g := &c.ByGroup[i]
		p("  %-9s %6d", g.Group, g.Households)
		for _, d := range dimensions {
			var parts []string
			for _, dir := range directions {
				n, _ := g.Count(d, dir)
				parts = append(parts, fmt.Sprint(n))
			}
			p(" %18s", strings.Join(parts, "/"))
		}
		p("\n")
	}
	p("\nSAMPLE OF CHANGED HOUSEHOLDS\n")
	for i, ch := range c.Sample {
		p("%2d. %s (%s, %d people): %s\n", i+1, ch.Base.Household, ch.Base.Group, ch.Base.People, dimsText(ch.Dimensions))
		for _, s := range []struct {
			name string
			r    *risk.HouseholdResult
		}{{"baseline", &ch.Base}, {"reform", &ch.Reform}} {
			p("    %-8s %s, %s, %s\n", s.name, s.r.Status, s.r.Category, s.r.Tier)
			for _, why := range s.r.Reasons {
				p("      - %s\n", why)
			}
		}
	}
	return nil
}

func dimsText(ds []risk.Dimension) string {
	s := make([]string, len(ds))
	for i, d := range ds {
		s[i] = string(d)
	}
	return strings.Join(s, ", ") + " changed"
}

// whatIfHTML renders the what-if section of the page.
func whatIfHTML(x *WhatIf) (*whatIfPage, error) {
	type sample struct {
		Masked, Group, Dims string
		People              int
		Base, Reform        risk.HouseholdResult
	}
	type groupRow struct {
		Group  string
		Counts []int
	}
	data := struct {
		X       *WhatIf
		B, R    *Side
		Gap     string
		Samples []sample
		Groups  []groupRow
		Heads   []string
	}{X: x, B: &x.Baseline, R: &x.Reformed, Gap: signed(x.Reformed.Gap - x.Baseline.Gap)}
	for _, d := range dimensions {
		for _, dir := range directions {
			data.Heads = append(data.Heads, string(d)+" "+string(dir))
		}
	}
	for i := range x.Comparison.ByGroup {
		g := &x.Comparison.ByGroup[i]
		row := groupRow{Group: g.Group}
		for _, d := range dimensions {
			for _, dir := range directions {
				n, _ := g.Count(d, dir)
				row.Counts = append(row.Counts, n)
			}
		}
		data.Groups = append(data.Groups, row)
	}
	for _, ch := range x.Comparison.Sample {
		s := sample{Masked: maskID(ch.Base.Household), Group: ch.Base.Group, People: ch.Base.People, Dims: dimsText(ch.Dimensions), Base: ch.Base, Reform: ch.Reform}
		s.Base.Reasons = maskReasons(ch.Base.Household, ch.Base.Reasons)
		s.Reform.Reasons = maskReasons(ch.Base.Household, ch.Reform.Reasons)
		data.Samples = append(data.Samples, s)
	}
	var b strings.Builder
	if err := whatIfTemplate.Execute(&b, data); err != nil {
		return nil, err
	}
	return &whatIfPage{HTML: template.HTML(b.String())}, nil // html/template's own escaped output
}

var whatIfTemplate = template.Must(template.New("whatif").Funcs(template.FuncMap{"pct": pctRate}).Parse(`<h2 id="whatif">What-if 政策模拟: {{.X.Reform}} ({{.X.Kind}})</h2>
<div class="scroll"><table>
<tr><th></th><th>baseline 基线</th><th>reform 方案</th></tr>
<tr><td>standard 扶贫标准</td><td>{{with .B.Standard}}{{.}}{{else}}none in force{{end}}</td><td>{{with .R.Standard}}{{.}}{{else}}none in force{{end}}</td></tr>
<tr><td>monitoring line 监测线</td><td>{{.B.MonitoringLine}}</td><td>{{.R.MonitoringLine}}</td></tr>
<tr><td>monitored households 监测户</td><td>{{.B.Monitored}}</td><td>{{.R.Monitored}}</td></tr>
<tr><td>monitored people 监测人口</td><td>{{.B.MonitoredPeople}}</td><td>{{.R.MonitoredPeople}}</td></tr>
<tr><td>monitored share (cap) 监测比例</td><td>{{pct .B.Share}} (cap {{pct .B.Cap}}, within {{.B.Within}})</td><td>{{pct .R.Share}} (cap {{pct .R.Cap}}, within {{.R.Within}})</td></tr>
<tr><td>money gap to the line 缺口 (FGT1 × line × people)</td><td>{{.B.Gap}}</td><td>{{.R.Gap}} ({{.Gap}})</td></tr>
<tr><td>FGT1 at the monitoring line</td><td>{{printf "%.4f" .B.FGT1}}</td><td>{{printf "%.4f" .R.FGT1}}</td></tr>
</table></div>
<p>{{.X.Comparison.Changed}} of {{.X.Comparison.Households}} households changed ({{.X.Comparison.ChangedPeople}} of {{.X.Comparison.People}} people).</p>
<div class="scroll"><table id="whatif-shifts">
<tr><th>what</th><th>from</th><th>to</th><th>direction</th><th>households</th><th>people</th></tr>
{{range .X.Comparison.Shifts}}<tr><td>{{.Dimension}}</td><td>{{.From}}</td><td>{{.To}}</td><td>{{.Direction}}</td><td>{{.Households}}</td><td>{{.People}}</td></tr>
{{end}}</table></div>
<h3>By township 分乡镇 (households)</h3>
<div class="scroll"><table id="whatif-townships">
<tr><th>township</th>{{range .Heads}}<th>{{.}}</th>{{end}}</tr>
{{range .Groups}}<tr><td>{{.Group}}</td>{{range .Counts}}<td>{{.}}</td>{{end}}</tr>
{{end}}</table></div>
<h3>Changed households 变化户（sample）</h3>
<ol>
{{range .Samples}}<li><b>{{.Masked}}</b> ({{.Group}}, {{.People}} people): {{.Dims}}
<ul><li>baseline: {{.Base.Status}}, {{.Base.Category}}, {{.Base.Tier}}<ul>{{range .Base.Reasons}}<li>{{.}}</li>{{end}}</ul></li>
<li>reform: {{.Reform.Status}}, {{.Reform.Category}}, {{.Reform.Tier}}<ul>{{range .Reform.Reasons}}<li>{{.}}</li>{{end}}</ul></li></ul></li>
{{end}}</ol>
`))

// points formats a change of share in percentage points, with its sign.
func points(d poverty.Rate) string {
	if d < 0 {
		return "-" + strings.TrimSuffix(pctRate(-d), "%") + " pp"
	}
	return "+" + strings.TrimSuffix(pctRate(d), "%") + " pp"
}

// signed formats a change of money with its sign.
func signed(m poverty.Money) string {
	if m < 0 {
		return m.String()
	}
	return "+" + m.String()
}
