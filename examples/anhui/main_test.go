package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/internal/golden"
	"github.com/openfupin/fupin/poverty"
)

func TestGolden(t *testing.T) {
	golden.Formats(t, func(format string, w io.Writer) error { return run("", 4, format, w) }, "text", "json")
}

// TestSampleCounts checks the report against the shipped file read as
// plain text (an oracle independent of the library): one household a
// line, the measures its line lists, and the two ratios computed from
// those counts. The file was built with fixed totals (regen_test.go), so
// the ratios are not a prediction and no published figure is asserted:
// Anhui's 3.37 and 29.4% as predictions are in docs/VALIDATION.md.
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
