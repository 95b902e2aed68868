package children

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

// caseFile is the language-neutral schema of testdata/classify.json.
type caseFile struct {
	Schema string      `json:"schema"`
	Note   string      `json:"note"`
	Cases  []classCase `json:"cases"`
}

type wantOutcomes struct {
	LeftBehind string `json:"left_behind"`
	Unattended string `json:"de_facto_unattended"`
	ACWF       string `json:"acwf"`
	Status     string `json:"status"`
}

type wantReason struct {
	Scheme  string `json:"scheme"` // a kind word, or a scheme ID
	Code    string `json:"code"`
	Role    string `json:"role,omitempty"`
	Outcome string `json:"outcome"`
	Value   int    `json:"value,omitempty"`
	Param   int    `json:"param,omitempty"`
}

type classCase struct {
	Name    string            `json:"name"`
	On      string            `json:"on"`
	Child   json.RawMessage   `json:"child"`
	Want    *wantOutcomes     `json:"want"`
	Schemes map[string]string `json:"schemes"`
	Reasons []wantReason      `json:"reasons"`
	Error   string            `json:"error"`
	Note    string            `json:"note"`
}

// decodeCaseChild decodes a case's child with the package's own decoder,
// so that the cases exercise the record schema as a file holds it.
func decodeCaseChild(t *testing.T, raw json.RawMessage) (Child, error) {
	t.Helper()
	var line bytes.Buffer
	if err := json.Compact(&line, raw); err != nil {
		t.Fatalf("case child: %v", err)
	}
	var c Child
	err := NewDecoder(&line).Next(&c)
	return c, err
}

func loadCases(t *testing.T, path string) caseFile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var f caseFile
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(f.Cases) == 0 {
		t.Fatalf("%s: no cases", path)
	}
	return f
}

func TestPolicyCases(t *testing.T) {
	f := loadCases(t, "testdata/classify.json")
	rules := Default()
	for _, tc := range f.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			on := poverty.MustParseDate(tc.On)
			c, err := decodeCaseChild(t, tc.Child)
			var cl Classification
			if err == nil {
				cl, err = rules.Classify(&c, on)
			}
			if tc.Error != "" {
				var re *poverty.FieldError
				if !errors.As(err, &re) || !strings.HasPrefix(re.Op, "children.") {
					t.Fatalf("error = %v, want a *poverty.FieldError of children on field %s", err, tc.Error)
				}
				if re.Field != tc.Error {
					t.Errorf("error field = %q, want %q (%v)", re.Field, tc.Error, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := wantOutcomes{
				LeftBehind: cl.LeftBehind.Outcome.String(),
				Unattended: cl.Unattended.Outcome.String(),
				ACWF:       cl.ACWF.Outcome.String(),
				Status:     cl.Status().String(),
			}
			if diff := cmp.Diff(*tc.Want, got); diff != "" {
				t.Errorf("outcomes (-want +got):\n%s\n%s\n%s\n%s", diff,
					cl.LeftBehind.Explain(), cl.Unattended.Explain(), cl.ACWF.Explain())
			}
			results := map[string]*Result{
				"left_behind": &cl.LeftBehind, "de_facto_unattended": &cl.Unattended, "acwf": &cl.ACWF,
			}
			for id, want := range tc.Schemes {
				s, ok := rules.Scheme(id)
				if !ok {
					t.Fatalf("scheme %q not found", id)
				}
				r, err := s.Classify(&c, on)
				if err != nil {
					t.Fatal(err)
				}
				results[id] = &r
				if got := r.Outcome.String(); got != want {
					t.Errorf("scheme %s = %s, want %s\n%s", id, got, want, r.Explain())
				}
			}
			for _, w := range tc.Reasons {
				r, ok := results[w.Scheme]
				if !ok {
					t.Fatalf("reason for unknown scheme %q", w.Scheme)
				}
				var got *wantReason
				for _, x := range r.Reasons() {
					if x.Code == w.Code && (w.Role == "" || x.Role.String() == w.Role) {
						got = &wantReason{Scheme: w.Scheme, Code: x.Code, Role: w.Role, Outcome: x.Outcome.String()}
						if w.Value != 0 || w.Param != 0 {
							got.Value, got.Param = x.Value, x.Param
						}
						break
					}
				}
				if got == nil {
					t.Errorf("no reason %s/%s in\n%s", w.Code, w.Role, r.Explain())
					continue
				}
				if diff := cmp.Diff(w, *got); diff != "" {
					t.Errorf("reason (-want +got):\n%s", diff)
				}
			}
		})
	}
}
