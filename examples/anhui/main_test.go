package main

import (
	"bytes"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/openfupin/fupin/internal/gen/predict"
	"github.com/openfupin/fupin/internal/golden"
	"github.com/openfupin/fupin/poverty"
)

func TestGolden(t *testing.T) {
	golden.Formats(t, func(format string, w io.Writer) error { return run("", 4, format, w) }, "text", "json")
}

// TestSampleCounts checks the report against the shipped file read as
// plain text (an oracle independent of the library): one household a
// line, the measures its line lists, and the two ratios computed from
// those counts. The file is a generated sample (regen_test.go), so the
// ratios describe the sample, not Anhui: the published figures are
// compared with the model's in the output's published-vs-model block
// (TestPublishedVsModel) and in docs/VALIDATION.md.
func TestSampleCounts(t *testing.T) {
	var o Output
	golden.DecodeOutput(t, func(w io.Writer) error { return run("", 0, "json", w) }, &o)
	households, measures := 0, 0
	for _, line := range strings.Split(string(defaultData), "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "id,") {
			continue
		}
		households++
		measures += len(strings.Split(strings.Split(line, ",")[5], ";"))
	}
	r := o.Report
	if r.Households != households || o.Identified != households || r.Measures != measures {
		t.Errorf("households %d identified %d measures %d; the file has %d households, %d measures", r.Households, o.Identified, r.Measures, households, measures)
	}
	mph, _ := poverty.Ratio(int64(measures), int64(households), poverty.RoundHalfUp)
	er, _ := poverty.Ratio(int64(r.Eliminated), int64(households), poverty.RoundHalfUp)
	if diff := cmp.Diff([]poverty.Rate{mph, er}, []poverty.Rate{r.MeasuresPerHousehold, r.EliminationRate}); diff != "" {
		t.Errorf("ratios (-oracle +report):\n%s", diff)
	}
}

// TestPublishedVsModel checks the published-vs-model block against the
// published counts (SEEDS.md S2, written out here) and against a run of
// the model made directly (predict.RunAnhui on seed 1 with 10,000
// households), not through the comparison code the program uses.
func TestPublishedVsModel(t *testing.T) {
	var o Output
	golden.DecodeOutput(t, func(w io.Writer) error { return run("", 0, "json", w) }, &o)
	a, err := predict.RunAnhui(predict.AnhuiInput{Seed: 1, Households: 10_000})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Row              int
		Published, Model float64
		Seed             uint64
		Households       int
	}
	want := []row{
		{1, 206_600.0 / 61_279, float64(a.Report.Measures) / float64(a.Report.Households), 1, 10_000},
		{2, 18_029.0 / 61_279, float64(a.Report.Eliminated) / float64(a.Report.Households), 1, 10_000},
	}
	var got []row
	for _, c := range o.PublishedVsModel {
		got = append(got, row{c.Row, c.Published, c.Model, c.Seed, c.Households})
		if e := (c.Model - c.Published) / c.Published; math.Abs(e-c.Error) > 1e-12 {
			t.Errorf("row %d: error %v, want %v", c.Row, c.Error, e)
		}
		if !strings.Contains(c.Source, "article 001") {
			t.Errorf("row %d: source %q", c.Row, c.Source)
		}
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("published vs model (-want +got):\n%s", diff)
	}
}

func TestBadData(t *testing.T) {
	good := "id,residents,workers,factors,identified,measures,before,after,resolved,housing\n"
	row := "AH-1,3,1,illness,2020-04-10,dibao,450,900,illness,secured\n"
	tests := []struct{ name, data, want string }{
		{"header", "a,b\n", "wrong number of fields"},
		{"header names", strings.Replace(good, "id,", "key,", 1), "header must be"},
		{"residents", good + strings.Replace(row, ",3,1,", ",0,1,", 1), "line 2"},
		{"factor word", good + strings.Replace(row, "illness,2020", "plague,2020", 1), "field factors"},
		{"unknown measure", good + strings.Replace(row, "dibao", "free_money", 1), "unknown measure"},
		{"money", good + strings.Replace(row, "450", "4.505", 1), "field before"},
		{"housing word", good + strings.Replace(row, "secured\n", "fine\n", 1), "field housing"},
		{"not marginal", good + strings.Replace(row, ",450,", ",800,", 1), "not marginal"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "h.csv")
			os.WriteFile(f, []byte(tc.data), 0o644)
			err := run(f, 1, "text", &bytes.Buffer{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want %q", err, tc.want)
			}
		})
	}
}
