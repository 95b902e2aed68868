package golden

import (
	"io"
	"testing"
)

func TestFormats(t *testing.T) {
	Formats(t, func(format string, w io.Writer) error {
		_, err := io.WriteString(w, "hello\n")
		return err
	}, "text")
}

func TestCheckMismatch(t *testing.T) {
	if Updating() {
		t.Skip("with -update the file would be rewritten")
	}
	ft := &fakeT{TB: t}
	Check(ft, "output.text", []byte("goodbye\n"))
	if !ft.failed {
		t.Error("a different output passed")
	}
}

// fakeT records a failure instead of failing the test.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Errorf(string, ...any) { f.failed = true }
func (f *fakeT) Helper()               {}
