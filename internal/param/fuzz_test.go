package param

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fuzzDoc is a parameter file of the shape the module's files have.
type fuzzDoc struct {
	Schema  string             `json:"schema"`
	Vintage string             `json:"vintage,omitempty"`
	Params  []fuzzRecord       `json:"params"`
	Notes   map[string]float64 `json:"notes"` // no omitempty: an empty map must write back as {}
}

type fuzzRecord struct {
	ID    string `json:"id"`
	Value int    `json:"value,omitempty"`
	Flag  bool   `json:"flag,omitempty"`
}

const fuzzSchema = "fupin.fuzz/1"

var clearRun = regexp.MustCompile(`[0-9Xx]{14,}`)

// FuzzReadFile checks the strict reader against an oracle built from
// encoding/json itself (DisallowUnknownFields, one value, the size limit,
// the schema): the two agree on what is accepted and on the value; what is
// accepted marshals and reads back to the same value; an error is a
// *FileError naming "file" or "schema", wrapping a sentinel, with no run
// of an identity number's length in clear.
func FuzzReadFile(f *testing.F) {
	f.Add([]byte(`{"schema":"fupin.fuzz/1","params":[{"id":"a","value":3}]}`))
	f.Add([]byte(`{"schema":"fupin.fuzz/1","params":[{"id":"a","colour":1}]}`))
	f.Add([]byte(`{"schema":"fupin.fuzz/1","params":[]} {}`))
	f.Add([]byte(`{"schema":"other","params":[]}`))
	f.Add([]byte(`{"schema":"fupin.fuzz/1","params":[{"id":"11010519491231002X","value":110105194912310021}]}`))
	f.Add([]byte(`{"schema":"fupin.fuzz/1","notes":{"a":1e400}}`))
	const limit = 512
	f.Fuzz(func(t *testing.T, data []byte) {
		var got fuzzDoc
		err := ReadFile(bytes.NewReader(data), limit, fuzzSchema, &got)

		var want fuzzDoc
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		ok := len(data) <= limit && dec.Decode(&want) == nil
		if ok {
			_, terr := dec.Token()
			ok = terr == io.EOF && want.Schema == fuzzSchema
		}
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) || fe.Field != "file" && fe.Field != "schema" ||
				!errors.Is(err, ErrSyntax) && !errors.Is(err, ErrRange) && !errors.Is(err, ErrUnknownWord) {
				t.Fatalf("error is not a *FileError wrapping a sentinel: %#v", err)
			}
			if m := clearRun.FindString(err.Error()); m != "" {
				t.Fatalf("error shows %s in clear: %v", m, err)
			}
			if ok {
				t.Fatalf("refused (%v), encoding/json accepts %s", err, data)
			}
			return
		}
		if !ok {
			t.Fatalf("accepted %s, which encoding/json refuses", data)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("value differs from encoding/json's (-want +got):\n%s", diff)
		}
		out, err := json.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		var again fuzzDoc
		if err := ReadFile(bytes.NewReader(out), len(out), fuzzSchema, &again); err != nil {
			t.Fatalf("written back, the file does not read: %v\n%s", err, out)
		}
		if diff := cmp.Diff(got, again); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}

// FuzzMaskIDsIn: masking never changes the length or anything but the
// middle of a run of 14 or more identity-number characters, leaves no such
// run in clear, and is idempotent.
func FuzzMaskIDsIn(f *testing.F) {
	for _, s := range []string{"11010519491231002X", "a110105194912310021b", "1234567890123", "", "x" + strings.Repeat("9", 40)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := MaskIDsIn(s)
		if len(m) != len(s) || MaskIDsIn(m) != m {
			t.Fatalf("%q -> %q", s, m)
		}
		if r := clearRun.FindString(m); r != "" && strings.Trim(r, "Xx") != "" {
			t.Fatalf("%q -> %q keeps %q", s, m, r)
		}
		for i := range s {
			if s[i] != m[i] && m[i] != '*' {
				t.Fatalf("%q -> %q changed byte %d", s, m, i)
			}
		}
	})
}
