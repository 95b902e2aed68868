package predict

import (
	"fmt"
	"io"

	"github.com/openfupin/fupin/children"
	"github.com/openfupin/fupin/poverty"
)

// Seeds are the seeds of the predictions; seed 0 is the calibration seed
// and is never among them.
var Seeds = []uint64{1, 2, 3, 4, 5}

// Sizes of the generated populations for the table and the validation
// tests.
const (
	AnhuiHouseholds     = 10_000 // about 290 marginal households a seed
	ZhenxiongHouseholds = 21_000 // a quarter of the reference county
)

// Published figures of docs/SEEDS.md the predictions are compared with.
// They are read by the comparison only, never by a generator.
const (
	PublishedMeasuresPerHousehold = 206_600.0 / 61_279  // S2, 3.37
	PublishedEliminationRate      = 18_029.0 / 61_279   // S2, 29.4%
	PublishedSupportedRate        = 0.86                // S6
	PublishedPoorShare            = 264_400.0 / 666_100 // S6, 39.7%
	PublishedWorkshopPoorShare    = 235.0 / 537         // S5, 43.8%
	PublishedReturnedMothers      = 960                 // S5 (fitted on)
	PublishedLeftBehindFall       = 1_700.0             // S5, "nearly 1,700"
)

// Row is one figure: what was published, what the model predicts over
// the seeds, and how it was got.
type Row struct {
	Figure     string
	Published  float64
	Predicted  Spread
	Percent    bool // shown as a percentage
	Calibrated string
	Command    string
}

// RelErr is the mean prediction's relative error.
func (r *Row) RelErr() float64 { return RelErr(r.Predicted.Mean, r.Published) }

// Results holds every run of the table, for the tests.
type Results struct {
	Anhui                           []Anhui
	AnhuiStable3                    []Anhui
	Labour                          []Labour
	GanguShare, GanguSelShare       float64
	GanguEligible, GanguSelEligible int
	Gangu, GanguSel                 []Gangu
	Change                          children.Change
}

// Run runs every prediction over Seeds.
func Run() (*Results, error) {
	res := &Results{}
	for _, s := range Seeds {
		a, err := RunAnhui(AnhuiInput{Seed: s, Households: AnhuiHouseholds})
		if err != nil {
			return nil, err
		}
		res.Anhui = append(res.Anhui, a)
		a3, err := RunAnhui(AnhuiInput{Seed: s, Households: AnhuiHouseholds, StableMonths: 3})
		if err != nil {
			return nil, err
		}
		res.AnhuiStable3 = append(res.AnhuiStable3, a3)
		l, err := Zhenxiong(s, ZhenxiongHouseholds)
		if err != nil {
			return nil, err
		}
		res.Labour = append(res.Labour, l)
	}
	var err error
	if res.GanguShare, res.GanguEligible, err = FitGanguReturnShare(0, GanguHouseholds, PublishedReturnedMothers, false); err != nil {
		return nil, err
	}
	if res.GanguSelShare, res.GanguSelEligible, err = FitGanguReturnShare(0, GanguHouseholds, PublishedReturnedMothers, true); err != nil {
		return nil, err
	}
	for _, s := range Seeds {
		g, err := RunGangu(GanguInput{Seed: s, Households: GanguHouseholds, ReturnShare: res.GanguShare})
		if err != nil {
			return nil, err
		}
		res.Gangu = append(res.Gangu, g)
		g, err = RunGangu(GanguInput{Seed: s, Households: GanguHouseholds, ReturnShare: res.GanguSelShare, Selective: true})
		if err != nil {
			return nil, err
		}
		res.GanguSel = append(res.GanguSel, g)
	}
	counts := children.PublishedCounts()
	var c16, c18 *children.Count
	for i := range counts {
		switch counts[i].Value {
		case 9_020_000:
			c16 = &counts[i]
		case 6_970_000:
			c18 = &counts[i]
		}
	}
	if c16 == nil || c18 == nil {
		return nil, fmt.Errorf("predict: the published counts of 2016 and 2018 are not in children.PublishedCounts: %w", poverty.ErrMissing)
	}
	if res.Change, err = children.CompareCounts(*c16, *c18, poverty.Percent/10, poverty.RoundHalfUp); err != nil {
		return nil, err
	}
	return res, nil
}

func each[T any](xs []T, f func(*T) float64) Spread {
	vs := make([]float64, len(xs))
	for i := range xs {
		vs[i] = f(&xs[i])
	}
	return SpreadOf(vs)
}

// Rows returns the table's rows.
func (res *Results) Rows() []Row {
	const cmd = "go run ./internal/gen/predict/table"
	fall := func(g *Gangu) float64 {
		return float64(g.Impact.ChildrenReunited) * PublishedReturnedMothers / float64(max(g.Impact.ReturnedMothers, 1))
	}
	return []Row{
		{Figure: "S2 Anhui: assistance measures a marginal household", Published: PublishedMeasuresPerHousehold,
			Predicted: each(res.Anhui, (*Anhui).MeasuresPerHousehold), Calibrated: "nothing fitted: case mix from the generator's health, labour and event distributions; measures by Catalog.Propose", Command: cmd},
		{Figure: "S2 Anhui: share of marginal households with risk eliminated (by 2020-10-01, six stable months)", Published: PublishedEliminationRate, Percent: true,
			Predicted: each(res.Anhui, (*Anhui).EliminationRate), Calibrated: "nothing fitted; identification monthly Apr-Sep 2020, elimination test at every monthly visit", Command: cmd},
		{Figure: "S2 Anhui: the same with three stable months (sensitivity, SUPPLIED)", Published: PublishedEliminationRate, Percent: true,
			Predicted: each(res.AnhuiStable3, (*Anhui).EliminationRate), Calibrated: "stable_months 3 supplied instead of the DEFAULT 6", Command: cmd},
		{Figure: "S6 Zhenxiong: labour force supported through an assistance channel", Published: PublishedSupportedRate, Percent: true,
			Predicted: each(res.Labour, (*Labour).SupportedRate), Calibrated: "nothing fitted (a fit to 86% is out of the generator's reach: see the notes)", Command: cmd},
		{Figure: "S6 Zhenxiong: supported workers from registered households", Published: PublishedPoorShare, Percent: true,
			Predicted: each(res.Labour, (*Labour).PoorShare), Calibrated: "registered share of households 31% (\"one in three\", article 003)", Command: cmd},
		{Figure: "S6 Zhenxiong: registered share of the labour force (the poor share if support were uniform at any rate, e.g. 86%)", Published: PublishedPoorShare, Percent: true,
			Predicted: each(res.Labour, (*Labour).PoorLabourShare), Calibrated: "as above", Command: cmd},
		{Figure: "S5 Zhenxiong: workshop jobs held by registered households", Published: PublishedWorkshopPoorShare, Percent: true,
			Predicted: each(res.Labour, (*Labour).WorkshopPoorShare), Calibrated: "as above; the generator's workshops hire without regard to registration", Command: cmd},
		{Figure: "S5 Gangu: fall in left-behind children for 960 returned mothers (any migrant mother of a child under 16 may return)", Published: PublishedLeftBehindFall,
			Predicted: each(res.Gangu, fall), Calibrated: fmt.Sprintf("return share %.4f fitted on seed 0 so that 960 of its %d eligible mothers return", res.GanguShare, res.GanguEligible), Command: cmd},
		{Figure: "S5 Gangu: the same if only mothers of left-behind children return (bound)", Published: PublishedLeftBehindFall,
			Predicted: each(res.GanguSel, fall), Calibrated: fmt.Sprintf("return share %.4f fitted on seed 0 (%d eligible mothers)", res.GanguSelShare, res.GanguSelEligible), Command: cmd},
	}
}

// WriteTable writes the rows as a Markdown table.
func WriteTable(w io.Writer, rows []Row) {
	fmt.Fprintln(w, "| figure | published | predicted, mean ± sd (range) over seeds 1-5 | error of the mean | calibrated |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, r := range rows {
		pub, pred := fmt.Sprintf("%.2f", r.Published), r.Predicted.Format(2)
		if r.Percent {
			pub = fmt.Sprintf("%.1f%%", 100*r.Published)
			s := r.Predicted
			pred = fmt.Sprintf("%.1f%% ± %.1f (%.1f-%.1f)", 100*s.Mean, 100*s.SD, 100*s.Min, 100*s.Max)
		} else if r.Published >= 100 {
			pub, pred = fmt.Sprintf("%.0f", r.Published), r.Predicted.Format(0)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %+.0f%% | %s |\n", r.Figure, pub, pred, 100*r.RelErr(), r.Calibrated)
	}
}
