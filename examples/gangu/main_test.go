package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openfupin/fupin/internal/golden"
	"github.com/openfupin/fupin/poverty"
)

func TestGolden(t *testing.T) {
	golden.Formats(t, func(format string, w io.Writer) error { return run("", format, w) }, "text", "json")
}

// TestSampleCounts checks the impact against the shipped file read as
// plain text (an oracle independent of the library): the workshops named,
// the returned mothers (female workers with children listed) and the
// children under 16 at the end of 2019 whose mother came home while the
// other parent stayed away. The file was built with 960 mothers
// (regen_test.go), so no published figure is asserted: Gangu's fall in
// left-behind children as a prediction is in docs/VALIDATION.md.
func TestSampleCounts(t *testing.T) {
	var o Output
	golden.DecodeOutput(t, func(w io.Writer) error { return run("", "json", w) }, &o)
	workshops := map[string]bool{}
	mothers, reunited := 0, 0
	for _, line := range strings.Split(string(defaultData), "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "household,") {
			continue
		}
		f := strings.Split(line, ",")
		workshops[f[11]] = true
		if f[6] != "female" || f[14] == "" {
			continue
		}
		mothers++
		for _, born := range strings.Split(f[14], ";") {
			b := poverty.MustParseDate(born)
			if b.AgeOn(poverty.MustDate(2019, 12, 31)) < 16 && strings.HasPrefix(f[15], "migrant") {
				reunited++
			}
		}
	}
	m := o.Impact
	if m.Workshops != len(workshops) || m.ReturnedMothers != mothers || m.ChildrenReunited != reunited || m.StartedLeftBehind != 0 {
		t.Errorf("workshops %d mothers %d reunited %d started %d; the file gives %d %d %d 0",
			m.Workshops, m.ReturnedMothers, m.ChildrenReunited, m.StartedLeftBehind, len(workshops), mothers, reunited)
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
