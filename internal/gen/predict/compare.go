package predict

import (
	"fmt"
	"io"
	"strconv"
)

// tableCommand prints the table of docs/VALIDATION.md.
const tableCommand = "go run ./internal/gen/predict/table"

// Where the published figures were published (docs/SEEDS.md numbers the
// articles; the texts are in the shared domain's seeds/).
const (
	sourceAnhui     = "People's Daily, 2020-10-18 (article 001); docs/SEEDS.md S2"
	sourceZhenxiong = "Xinhua, 2020-11-30 (article 003); docs/SEEDS.md"
	sourceGangu     = "Xinhua, 2020-06-02 (article 000); docs/SEEDS.md S5"
)

// figure is one row of the table: the published figure with its source,
// and how the model's value is read from a run, for a seed (by its index
// in Results.Seeds) or over the seeds.
type figure struct {
	part        Part
	name        string
	published   float64
	publishedAs string // the figure as published, with its arithmetic
	source      string
	percent     bool
	households  int
	value       func(res *Results, k int) float64
	calibrated  func(res *Results) string
	// how says what the model counted on the seed of index k.
	how func(res *Results, k int) string
}

func text(s string) func(*Results) string { return func(*Results) string { return s } }

func ganguFall(g *Gangu) float64 {
	return float64(g.Impact.ChildrenReunited) * PublishedReturnedMothers / float64(max(g.Impact.ReturnedMothers, 1))
}

func ganguHow(g *Gangu, share float64, eligible int) string {
	m := g.Impact
	return fmt.Sprintf("%s eligible mothers, %s came home (return share %.4f, fitted on seed 0 so that 960 of its %s eligible mothers come home); "+
		"%s children stopped being left-behind, %s for 960 returned mothers (labor.Index.Impact, registries of 2017-12-31 and 2019-12-31)",
		thousands(g.Eligible), thousands(m.ReturnedMothers), share, thousands(eligible), thousands(m.ChildrenReunited), thousands(int(ganguFall(g)+0.5)))
}

// figures are the rows of docs/VALIDATION.md's table, in order (row 1
// first); the arithmetic row is not a prediction and is not among them.
var figures = []figure{
	{part: PartAnhui, name: "S2 Anhui: assistance measures a marginal household", published: PublishedMeasuresPerHousehold,
		publishedAs: "3.37 (206,600 / 61,279)", source: sourceAnhui, households: AnhuiHouseholds,
		value:      func(res *Results, k int) float64 { return res.Anhui[k].MeasuresPerHousehold() },
		calibrated: text("nothing fitted: case mix from the generator's health, labour and event distributions; measures by Catalog.Propose"),
		how: func(res *Results, k int) string {
			a := &res.Anhui[k]
			return fmt.Sprintf("%s measures for %s marginal households (risk.Identify at monthly visits 2020-04-01 to 2020-09-01, every measure Catalog.Propose proposes); nothing fitted",
				thousands(a.Report.Measures), thousands(a.Report.Households))
		}},
	{part: PartAnhui, name: "S2 Anhui: share of marginal households with risk eliminated (by 2020-10-01, six stable months)", published: PublishedEliminationRate,
		publishedAs: "29.4% (18,029 / 61,279)", source: sourceAnhui, percent: true, households: AnhuiHouseholds,
		value:      func(res *Results, k int) float64 { return res.Anhui[k].EliminationRate() },
		calibrated: text("nothing fitted; identification monthly Apr-Sep 2020, elimination test at every monthly visit"),
		how: func(res *Results, k int) string {
			a := &res.Anhui[k]
			return fmt.Sprintf("%s of %s eliminated at the visit of 2020-10-01 (risk.EliminationTest at every monthly visit, DEFAULT six stable months); nothing fitted",
				thousands(a.Report.Eliminated), thousands(a.Report.Households))
		}},
	{part: PartAnhuiStable3, name: "S2 Anhui: the same with three stable months (sensitivity, SUPPLIED)", published: PublishedEliminationRate,
		publishedAs: "29.4% (18,029 / 61,279)", source: sourceAnhui, percent: true, households: AnhuiHouseholds,
		value:      func(res *Results, k int) float64 { return res.AnhuiStable3[k].EliminationRate() },
		calibrated: text("stable_months 3 supplied instead of the DEFAULT 6"),
		how: func(res *Results, k int) string {
			a := &res.AnhuiStable3[k]
			return fmt.Sprintf("%s of %s eliminated at the visit of 2020-10-01 with three stable months (SUPPLIED)", thousands(a.Report.Eliminated), thousands(a.Report.Households))
		}},
	{part: PartZhenxiong, name: "S6 Zhenxiong: labour force supported through an assistance channel", published: PublishedSupportedRate,
		publishedAs: "86% (666,100 workers of the labour force)", source: sourceZhenxiong + " S6", percent: true, households: ZhenxiongHouseholds,
		value:      func(res *Results, k int) float64 { return res.Labour[k].SupportedRate() },
		calibrated: text("nothing fitted (a fit to 86% is out of the generator's reach: see the notes)"),
		how: func(res *Results, k int) string {
			t := &res.Labour[k].Tally
			return fmt.Sprintf("%s of a labour force of %s with a job through a workstation, job fair, workshop or welfare post (labor.Tally); nothing fitted",
				thousands64(t.Supported), thousands64(t.LaborForce))
		}},
	{part: PartZhenxiong, name: "S6 Zhenxiong: supported workers from registered households", published: PublishedPoorShare,
		publishedAs: "39.7% (264,400 / 666,100)", source: sourceZhenxiong + " S6", percent: true, households: ZhenxiongHouseholds,
		value:      func(res *Results, k int) float64 { return res.Labour[k].PoorShare() },
		calibrated: text("registered share of households 31% (\"one in three\", article 003)"),
		how: func(res *Results, k int) string {
			t := &res.Labour[k].Tally
			return fmt.Sprintf("%s of the %s supported from registered households; the generator's registered share of households, 31%%, is calibrated on \"once about one in three poor\" (article 003)",
				thousands64(t.SupportedPoor), thousands64(t.Supported))
		}},
	{part: PartZhenxiong, name: "S6 Zhenxiong: registered share of the labour force (the poor share if support were uniform at any rate, e.g. 86%)", published: PublishedPoorShare,
		publishedAs: "39.7% (264,400 / 666,100)", source: sourceZhenxiong + " S6", percent: true, households: ZhenxiongHouseholds,
		value:      func(res *Results, k int) float64 { return res.Labour[k].PoorLabourShare() },
		calibrated: text("as above"),
		how: func(res *Results, k int) string {
			l := &res.Labour[k]
			return fmt.Sprintf("registered households hold %s of the labour force of %s: the poor share if support were uniform at any rate", thousands64(l.Registered.LaborForce), thousands64(l.Tally.LaborForce))
		}},
	{part: PartZhenxiong, name: "S5 Zhenxiong: workshop jobs held by registered households", published: PublishedWorkshopPoorShare,
		publishedAs: "43.8% (235 / 537)", source: sourceZhenxiong + " S5", percent: true, households: ZhenxiongHouseholds,
		value:      func(res *Results, k int) float64 { return res.Labour[k].WorkshopPoorShare() },
		calibrated: text("as above; the generator's workshops hire without regard to registration"),
		how: func(res *Results, k int) string {
			w := &res.Labour[k].Workshop
			return fmt.Sprintf("%s of %s workshop workers from registered households (all the county's workshops; the generator's workshops hire without regard to registration)",
				thousands64(w.SupportedPoor), thousands64(w.Supported))
		}},
	{part: PartGangu, name: "S5 Gangu: fall in left-behind children for 960 returned mothers (any migrant mother of a child under 16 may return)", published: PublishedLeftBehindFall,
		publishedAs: "nearly 1,700 (960 returned mothers)", source: sourceGangu, households: GanguHouseholds,
		value: func(res *Results, k int) float64 { return ganguFall(&res.Gangu[k]) },
		calibrated: func(res *Results) string {
			return fmt.Sprintf("return share %.4f fitted on seed 0 so that 960 of its %d eligible mothers return", res.GanguShare, res.GanguEligible)
		},
		how: func(res *Results, k int) string { return ganguHow(&res.Gangu[k], res.GanguShare, res.GanguEligible) }},
	{part: PartGanguSelective, name: "S5 Gangu: the same if only mothers of left-behind children return (bound)", published: PublishedLeftBehindFall,
		publishedAs: "nearly 1,700 (960 returned mothers)", source: sourceGangu, households: GanguHouseholds,
		value: func(res *Results, k int) float64 { return ganguFall(&res.GanguSel[k]) },
		calibrated: func(res *Results) string {
			return fmt.Sprintf("return share %.4f fitted on seed 0 (%d eligible mothers)", res.GanguSelShare, res.GanguSelEligible)
		},
		how: func(res *Results, k int) string {
			return "only mothers of a left-behind child may come home: " + ganguHow(&res.GanguSel[k], res.GanguSelShare, res.GanguSelEligible)
		}},
}

// Comparison is one published figure beside the model's prediction on one
// seed, as the example programs print it: the published value with its
// source, the model's value on the seed with the population and what it
// counted, and the relative error. docs/VALIDATION.md gives the mean and
// spread over seeds 1-5 in the row numbered Row.
type Comparison struct {
	Figure string `json:"figure"`
	// Row is the figure's row in the table of docs/VALIDATION.md, from 1.
	Row         int     `json:"validation_row"`
	Published   float64 `json:"published"`
	PublishedAs string  `json:"published_as"`
	Source      string  `json:"source"`
	Percent     bool    `json:"percent"`
	// Model is the prediction on Seed with Households generated households.
	Model      float64 `json:"model"`
	Seed       uint64  `json:"seed"`
	Households int     `json:"households"`
	How        string  `json:"how"`
	// Error is (Model - Published) / Published.
	Error float64 `json:"error"`
	// Command prints the table over seeds 1-5.
	Command string `json:"command"`
}

// Comparisons returns one Comparison for each row of the parts run, on the
// first seed of the run.
func (res *Results) Comparisons() []Comparison {
	var out []Comparison
	if len(res.Seeds) == 0 {
		return nil
	}
	for i := range figures {
		f := &figures[i]
		if res.Parts&f.part == 0 {
			continue
		}
		v := f.value(res, 0)
		out = append(out, Comparison{Figure: f.name, Row: i + 1, Published: f.published, PublishedAs: f.publishedAs, Source: f.source,
			Percent: f.percent, Model: v, Seed: res.Seeds[0], Households: f.households, How: f.how(res, 0),
			Error: RelErr(v, f.published), Command: tableCommand})
	}
	return out
}

// Value formats the model's value as the published figure is written: a
// percentage to one decimal, a count to the unit, a ratio to two decimals.
func (c *Comparison) Value() string {
	switch {
	case c.Percent:
		return fmt.Sprintf("%.1f%%", 100*c.Model)
	case c.Published >= 100:
		return thousands(int(c.Model + 0.5))
	}
	return fmt.Sprintf("%.2f", c.Model)
}

// WriteComparisons writes the comparisons as the examples print them,
// each figure with three labelled lines: published (value and source),
// model (seed, population, and what the model counted) and error.
func WriteComparisons(w io.Writer, cs []Comparison) {
	for i := range cs {
		c := &cs[i]
		fmt.Fprintf(w, "  %s (docs/VALIDATION.md, row %d)\n", c.Figure, c.Row)
		fmt.Fprintf(w, "    published: %s; %s\n", c.PublishedAs, c.Source)
		fmt.Fprintf(w, "    model (seed %d, %s households; mean ± sd over seeds 1–5 in docs/VALIDATION.md): %s\n", c.Seed, thousands(c.Households), c.Value())
		fmt.Fprintf(w, "      %s\n", c.How)
		fmt.Fprintf(w, "    error: %+.0f%% (model against published)\n", 100*c.Error)
	}
	if len(cs) > 0 {
		fmt.Fprintf(w, "  model: package gen's synthetic households (internal/gen/calibration.md) run through the library by internal/gen/predict, on seed %d in this program;\n"+
			"  no published figure is an input of the generator (a fitted parameter is named where there is one); mean and spread over seeds 1-5: %s\n",
			cs[0].Seed, tableCommand)
	}
}

// thousands writes n with commas between thousands: 10,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

func thousands64(n int64) string { return thousands(int(n)) }
