package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/openfupin/fupin/internal/golden"
)

func TestGolden(t *testing.T) {
	golden.Formats(t, func(format string, w io.Writer) error { return run("", format, w) }, "text", "json")
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
