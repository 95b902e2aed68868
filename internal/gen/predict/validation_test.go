package predict

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestValidation compares each prediction with the published figure: the
// mean relative error over the seeds must lie in the band docs/VALIDATION.md
// states for the row (a band around the documented error, so that a change
// of the model or the library that moves a prediction fails here until the
// document is updated). No published figure is an input of a generator.
func TestValidation(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every prediction over five seeds (about 10 s)")
	}
	res, err := Run()
	if err != nil {
		t.Fatal(err)
	}
	bands := []struct{ lo, hi float64 }{
		{0.20, 0.36},   // Anhui measures a household: +28%
		{-1.00, -0.90}, // Anhui eliminated, six stable months: -98%
		{-0.92, -0.70}, // three stable months: -82%
		{-0.58, -0.44}, // Zhenxiong supported: -51%
		{-0.42, -0.28}, // supported from registered households: -35%
		{-0.31, -0.17}, // registered share of the labour force: -24%
		{-0.40, -0.24}, // workshop jobs of registered households: -32%
		{-0.53, -0.33}, // Gangu fall, any mother: -43%
		{-0.27, -0.11}, // Gangu fall, mothers of left-behind children: -19%
	}
	rows := res.Rows()
	if len(rows) != len(bands) {
		t.Fatalf("%d rows, %d bands", len(rows), len(bands))
	}
	for i, r := range rows {
		if e := r.RelErr(); e < bands[i].lo || e > bands[i].hi {
			t.Errorf("%s: published %.4g, predicted %s: error %+.1f%% outside the stated band %+.0f%%..%+.0f%%",
				r.Figure, r.Published, r.Predicted.Format(4), 100*e, 100*bands[i].lo, 100*bands[i].hi)
		}
	}
	// The fit reproduces the figure it was fitted on, within the binomial
	// spread of the return draws (960 ± 3 sd of about 30).
	for i, g := range res.Gangu {
		if m := g.Impact.ReturnedMothers; m < 870 || m > 1050 {
			t.Errorf("seed %d: %d returned mothers, fitted to 960", Seeds[i], m)
		}
	}
	// The examples print Comparisons of a one-seed run of their parts: the
	// same values as the table's first seed, whatever else is run.
	one, err := RunParts(Seeds[:1], PartAnhui|PartZhenxiong|PartGangu|PartGanguSelective)
	if err != nil {
		t.Fatal(err)
	}
	type printed struct {
		Row              int
		Published, Model float64
	}
	var want, got []printed
	for _, c := range one.Comparisons() {
		r := rows[c.Row-1]
		want = append(want, printed{c.Row, r.Published, r.Predicted.Values[0]})
		got = append(got, printed{c.Row, c.Published, c.Model})
		if c.Seed != Seeds[0] || c.Figure != r.Figure {
			t.Errorf("row %d: comparison %q on seed %d, table row %q", c.Row, c.Figure, c.Seed, r.Figure)
		}
	}
	if len(got) != 8 {
		t.Errorf("%d comparisons, want rows 1-2 and 4-9", len(got))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("one-seed comparisons against the table's first seed (-table +comparison):\n%s", diff)
	}
	// Arithmetic on the two published counts, not a prediction.
	if c := res.Change; c.Before != 9_020_000 || c.After != 6_970_000 || c.Rate.Percent() != "-22.7%" {
		t.Errorf("published change %+v", c)
	}
}
