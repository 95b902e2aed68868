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

// Results holds the runs of the table, for the tests and the examples.
type Results struct {
	// Seeds are the seeds of the runs; the slices below hold one value a
	// seed, in this order, for the parts that were run.
	Seeds                           []uint64
	Parts                           Part
	Anhui                           []Anhui
	AnhuiStable3                    []Anhui
	Labour                          []Labour
	GanguShare, GanguSelShare       float64
	GanguEligible, GanguSelEligible int
	Gangu, GanguSel                 []Gangu
	Change                          children.Change
}

// Part selects the predictions a run makes.
type Part uint8

// Parts of the table: the rows each gives, numbered as in docs/VALIDATION.md.
const (
	PartAnhui          Part = 1 << iota // rows 1-2: Anhui measures and eliminations
	PartAnhuiStable3                    // row 3: eliminations with three stable months
	PartZhenxiong                       // rows 4-7: Zhenxiong's shares
	PartGangu                           // row 8: Gangu, any migrant mother (with the fit on seed 0)
	PartGanguSelective                  // row 9: Gangu, mothers of left-behind children (with its fit)
	PartChange                          // the arithmetic row: left-behind children 2016-2018

	AllParts = PartAnhui | PartAnhuiStable3 | PartZhenxiong | PartGangu | PartGanguSelective | PartChange
)

// Run runs every prediction over Seeds.
func Run() (*Results, error) { return RunParts(Seeds, AllParts) }

// RunParts runs the parts of the table over the seeds (the examples run
// one seed and the parts they print). The populations are the table's:
// AnhuiHouseholds, ZhenxiongHouseholds, GanguHouseholds; the Gangu return
// shares are fitted on seed 0 whatever the seeds.
func RunParts(seeds []uint64, parts Part) (*Results, error) {
	res := &Results{Seeds: seeds, Parts: parts}
	for _, s := range seeds {
		if parts&PartAnhui != 0 {
			a, err := RunAnhui(AnhuiInput{Seed: s, Households: AnhuiHouseholds})
			if err != nil {
				return nil, err
			}
			res.Anhui = append(res.Anhui, a)
		}
		if parts&PartAnhuiStable3 != 0 {
			a3, err := RunAnhui(AnhuiInput{Seed: s, Households: AnhuiHouseholds, StableMonths: 3})
			if err != nil {
				return nil, err
			}
			res.AnhuiStable3 = append(res.AnhuiStable3, a3)
		}
		if parts&PartZhenxiong != 0 {
			l, err := Zhenxiong(s, ZhenxiongHouseholds)
			if err != nil {
				return nil, err
			}
			res.Labour = append(res.Labour, l)
		}
	}
	var err error
	if parts&PartGangu != 0 {
		if res.GanguShare, res.GanguEligible, err = FitGanguReturnShare(0, GanguHouseholds, PublishedReturnedMothers, false); err != nil {
			return nil, err
		}
	}
	if parts&PartGanguSelective != 0 {
		if res.GanguSelShare, res.GanguSelEligible, err = FitGanguReturnShare(0, GanguHouseholds, PublishedReturnedMothers, true); err != nil {
			return nil, err
		}
	}
	for _, s := range seeds {
		if parts&PartGangu != 0 {
			g, err := RunGangu(GanguInput{Seed: s, Households: GanguHouseholds, ReturnShare: res.GanguShare})
			if err != nil {
				return nil, err
			}
			res.Gangu = append(res.Gangu, g)
		}
		if parts&PartGanguSelective != 0 {
			g, err := RunGangu(GanguInput{Seed: s, Households: GanguHouseholds, ReturnShare: res.GanguSelShare, Selective: true})
			if err != nil {
				return nil, err
			}
			res.GanguSel = append(res.GanguSel, g)
		}
	}
	if parts&PartChange == 0 {
		return res, nil
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

// Rows returns the table's rows for the parts run, in the table's order
// (all nine for Run).
func (res *Results) Rows() []Row {
	var rows []Row
	for i := range figures {
		f := &figures[i]
		if res.Parts&f.part == 0 {
			continue
		}
		vs := make([]float64, len(res.Seeds))
		for k := range vs {
			vs[k] = f.value(res, k)
		}
		rows = append(rows, Row{Figure: f.name, Published: f.published, Predicted: SpreadOf(vs), Percent: f.percent,
			Calibrated: f.calibrated(res), Command: tableCommand})
	}
	return rows
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
