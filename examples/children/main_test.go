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
	golden.Formats(t, func(format string, w io.Writer) error { return run("", "", format, w) }, "text", "json")
}

// TestRegistry checks what the registry shows, computed by package
// children from the shipped records: who is left-behind or de facto
// unattended, which children must be reported at once, and the village
// without a child director.
func TestRegistry(t *testing.T) {
	var o Output
	golden.DecodeOutput(t, func(w io.Writer) error { return run("", "", "json", w) }, &o)
	got := map[string]string{}
	for _, c := range o.Children {
		got[c.ID] = c.Status
		if c.Report {
			got[c.ID] += " report"
		}
	}
	want := map[string]string{
		"BH-01": "left_behind", "BH-02": "left_behind", "BH-03": "none", "BH-04": "left_behind report",
		"BH-05": "left_behind report", "BH-06": "de_facto_unattended", "BH-07": "none", "BH-08": "none",
		"BH-09": "left_behind", "BH-10": "left_behind", "BH-11": "left_behind", "BH-12": "left_behind report",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if len(o.Coverage.VillagesWithoutDirector) != 1 || o.Coverage.VillagesWithoutDirector[0].Village != "Shiqiao" || o.Coverage.LeftBehindWithoutDirector != 3 {
		t.Errorf("coverage %+v", o.Coverage)
	}
}

func TestBadData(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "r.jsonl")
	os.WriteFile(bad, []byte(`{"id":"x","birth_date":"2012-01-01","living":"on_the_moon"}`+"\n"), 0o644)
	if err := run(bad, "", "text", &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "living") {
		t.Errorf("err %v, want the field named", err)
	}
	svc := filepath.Join(dir, "s.json")
	os.WriteFile(svc, []byte(`{"on":"2020-10-01","facilities":[{"service":"spa"}]}`), 0o644)
	if err := run("", svc, "text", &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "service") {
		t.Errorf("err %v, want the field named", err)
	}
}
