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
)

func TestGolden(t *testing.T) {
	golden.Formats(t, func(format string, w io.Writer) error { return run("", 4, format, w) }, "text", "json")
}

// TestSeedsFigures checks that the library, run over the shipped records,
// gives Anhui's reported ratios: 3.37 measures per household and 29.4% of
// households with the risk eliminated (SEEDS.md S2).
func TestSeedsFigures(t *testing.T) {
	var o Output
	golden.DecodeOutput(t, func(w io.Writer) error { return run("", 0, "json", w) }, &o)
	r := o.Report
	got := []string{r.MeasuresPerHousehold.Decimal().Round(2).String(), ((r.EliminationRate + 500) / 1000 * 1000).Percent()}
	if diff := cmp.Diff([]string{"3.37", "29.4%"}, got); diff != "" {
		t.Errorf("measures per household, elimination rate (-want +got):\n%s", diff)
	}
	if r.Households != 613 || o.Identified != 613 || r.Measures != 2066 || r.Eliminated != 180 {
		t.Errorf("households %d identified %d measures %d eliminated %d", r.Households, o.Identified, r.Measures, r.Eliminated)
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
