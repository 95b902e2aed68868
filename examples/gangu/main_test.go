package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openfupin/fupin/internal/golden"
)

func TestGolden(t *testing.T) {
	golden.Formats(t, func(format string, w io.Writer) error { return run("", format, w) }, "text", "json")
}

// TestSeedsFigures checks that packages labor and children, run over the
// shipped records, give Gangu's figures: 52 workshops, 960 mothers who
// came home, and nearly 1,700 fewer left-behind children, every one of
// them reunited with a parent who came home (SEEDS.md S5).
func TestSeedsFigures(t *testing.T) {
	var o Output
	golden.DecodeOutput(t, func(w io.Writer) error { return run("", "json", w) }, &o)
	m := o.Impact
	if m.Workshops != 52 || m.ReturnedMothers != 960 {
		t.Errorf("workshops %d, returned mothers %d; want 52, 960", m.Workshops, m.ReturnedMothers)
	}
	fall := m.LeftBehindBefore - m.LeftBehindAfter
	if fall < 1650 || fall >= 1700 || m.ChildrenReunited != fall || m.StartedLeftBehind != 0 {
		t.Errorf("left-behind %d -> %d, reunited %d, started %d; want a fall of nearly 1,700, all reunited",
			m.LeftBehindBefore, m.LeftBehindAfter, m.ChildrenReunited, m.StartedLeftBehind)
	}
}

func TestBadData(t *testing.T) {
	row := "H1,0,1950-01-01,5000,H1-M,1985-01-01,female,other_province,2014-01-01,2017-10-01,4000,W1,2018-01-01,2300,2010-01-01,migrant_out_of_province\n"
	tests := []struct{ name, data, want string }{
		{"header", "a\n", "wrong number of fields"},
		{"migrant place", header + "\n" + strings.Replace(row, "other_province", "in_township", 1), "field migrant_place"},
		{"date", header + "\n" + strings.Replace(row, "2017-10-01", "2017-02-30", 1), "field migrant_end"},
		{"duplicate", header + "\n" + row + row, "duplicate"},
		{"other parent", header + "\n" + strings.Replace(row, "migrant_out_of_province\n", "abroad\n", 1), "field other_parent"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "r.csv")
			os.WriteFile(f, []byte(tc.data), 0o644)
			err := run(f, "text", &bytes.Buffer{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want %q", err, tc.want)
			}
		})
	}
}
