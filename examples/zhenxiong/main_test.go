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
	golden.Formats(t, func(format string, w io.Writer) error { return run("", "", "", format, w) }, "text", "json")
}

// TestSeedsFigures checks that package labor, run over the shipped
// records, gives the shares Zhenxiong reported: 86% of the labour force
// supported through employment transfer, 39.7% of them from registered
// poor households, and 43.8% of the returnee's 537 workshop jobs held by
// people from poor households (SEEDS.md S5, S6).
func TestSeedsFigures(t *testing.T) {
	var o Output
	golden.DecodeOutput(t, func(w io.Writer) error { return run("", "", "", "json", w) }, &o)
	// The article gives the transfer rate to the whole percent.
	whole := o.TransferRate.Decimal().Shift(2).Round(0).String() + "%"
	got := []string{whole, pct(o.PoorShare), pct(o.Returnee.PoorShare)}
	if diff := cmp.Diff([]string{"86%", "39.7%", "43.8%"}, got); diff != "" {
		t.Errorf("transfer rate, poor share, workshop poor share (-want +got):\n%s", diff)
	}
	if o.Returnee.Workshops != 4 || o.Returnee.Jobs != 537 || o.Export.Workstations != 5 || o.Export.Recruiters != 153 {
		t.Errorf("workshops %d jobs %d stations %d recruiters %d", o.Returnee.Workshops, o.Returnee.Jobs, o.Export.Workstations, o.Export.Recruiters)
	}
}

func TestBadData(t *testing.T) {
	row := "H1,0,,5000,H1-W1,1980-01-01,male,able,workshop,in_township,,W1,2020-01-01,,2300\n"
	tests := []struct{ name, data, want string }{
		{"header", "a,b\n", "wrong number of fields"},
		{"channel", header + "\n" + strings.Replace(row, "workshop,in", "magic,in", 1), "field channel"},
		{"born", header + "\n" + strings.Replace(row, "1980-01-01", "1980-13-01", 1), "field born"},
		{"inconsistent household", header + "\n" + row + strings.Replace(strings.Replace(row, "H1-W1", "H1-W2", 1), ",0,", ",2015,", 1), "differ"},
		{"money", header + "\n" + strings.Replace(row, ",2300", ",23.001", 1), "field monthly_wage"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "l.csv")
			os.WriteFile(f, []byte(tc.data), 0o644)
			err := run(f, "", "", "text", &bytes.Buffer{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want %q", err, tc.want)
			}
		})
	}
}
