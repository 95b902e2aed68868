// Package golden checks the output of the example programs against golden
// files under testdata/. Run a test with -update to rewrite them.
package golden

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Updating reports whether the tests run with -update.
func Updating() bool { return *update }

// Check compares got with the file testdata/name, or rewrites that file
// when the tests run with -update.
func Check(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", name, diff)
	}
}

// Formats runs an example on the data it ships in each output format and
// checks what it writes against testdata/output.<format>.
func Formats(t *testing.T, run func(format string, w io.Writer) error, formats ...string) {
	for _, format := range formats {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			if err := run(format, &b); err != nil {
				t.Fatal(err)
			}
			Check(t, "output."+format, b.Bytes())
		})
	}
}

// DecodeOutput runs an example that writes JSON and decodes what it wrote
// into v, failing the test if either step fails.
func DecodeOutput(t testing.TB, run func(w io.Writer) error, v any) {
	t.Helper()
	var b bytes.Buffer
	if err := run(&b); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b.Bytes(), v); err != nil {
		t.Fatal(err)
	}
}
