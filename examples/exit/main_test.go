package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestGolden(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			var out bytes.Buffer
			if err := run("", format, &out); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "s1."+format+".golden")
			if *update {
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(string(want), out.String()); d != "" {
				t.Errorf("output differs from %s (-want +got)\n%s", golden, d)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "bad.json")
	os.WriteFile(p, []byte(`{"household":{"id":"x","year":2020,"concept":"net_income","members":[],"income":{}},"colour":"red"}`), 0o644)
	if err := run(p, "text", new(bytes.Buffer)); err == nil {
		t.Error("unknown field accepted")
	}
	os.WriteFile(p, []byte(`{"household":{"id":"x","year":2020,"concept":"net_income","members":[],"income":{}}}`), 0o644)
	if err := run(p, "text", new(bytes.Buffer)); err == nil {
		t.Error("household without members accepted")
	}
}
