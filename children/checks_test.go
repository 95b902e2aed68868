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

type checkCase struct {
	Name            string          `json:"name"`
	On              string          `json:"on"`
	NoContactMonths int             `json:"no_contact_months"`
	Child           json.RawMessage `json:"child"`
	Want            []string        `json:"want"`
	Report          bool            `json:"report"`
}

func TestCheckCases(t *testing.T) {
	b, err := os.ReadFile("testdata/checks.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Schema string      `json:"schema"`
		Note   string      `json:"note"`
		Cases  []checkCase `json:"cases"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		t.Fatal(err)
	}
	for _, tc := range f.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			c, err := decodeCaseChild(t, tc.Child)
			if err != nil {
				t.Fatal(err)
			}
			p := DefaultChecks()
			if tc.NoContactMonths != 0 {
				p.NoContactMonths = Param{Value: tc.NoContactMonths, Provenance: Provenance{Source: "county rule (test)", Status: "DEFAULT"}}
			}
			_, flags, err := Default().Assess(&c, poverty.MustParseDate(tc.On), &p)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, x := range flags.All() {
				got = append(got, x.Code)
				if x.Severity == SeverityUnknown || x.Actor == ActorUnknown || x.Source == "" {
					t.Errorf("flag %s lacks severity, actor or source: %+v", x.Code, x)
				}
				if x.Report != (x.Actor == Police) || x.Report != strings.HasPrefix(x.Code, "report.") {
					t.Errorf("flag %s: report %v, actor %v", x.Code, x.Report, x.Actor)
				}
			}
			if diff := cmp.Diff(tc.Want, got); diff != "" {
				t.Errorf("flags (-want +got):\n%s", diff)
			}
			if flags.MustReport() != tc.Report {
				t.Errorf("MustReport = %v, want %v", flags.MustReport(), tc.Report)
			}
		})
	}
}

func TestLoadChecksErrors(t *testing.T) {
	good := string(checksJSON)
	for _, tc := range []struct {
		name, doc string
		want      error
		field     string
	}{
		{"unknown field", strings.Replace(good, `"vintage"`, `"vintag"`, 1), poverty.ErrSyntax, "file"},
		{"unconfirmed", strings.Replace(good, `"status": "DEFAULT"`, `"status": "UNCONFIRMED"`, 1), poverty.ErrUnconfirmed, "no_contact_months.status"},
		{"zero threshold", strings.Replace(good, `"value": 6,`, `"value": 0,`, 1), poverty.ErrRange, "no_contact_months"},
		{"no source", strings.Replace(good, `"value": 18, "source": "国发〔2016〕13号: guardianship is entrusted to a relative or other adult with guardianship capacity"`, `"value": 18, "source": ""`, 1), poverty.ErrMissing, "guardian_min_age.source"},
		{"wrong schema", strings.Replace(good, `checks/1`, `checks/2`, 1), poverty.ErrUnknownWord, "schema"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadChecks(strings.NewReader(tc.doc), "test.json")
			var re *RecordError
			if !errors.Is(err, tc.want) || !errors.As(err, &re) || re.Field != tc.field {
				t.Errorf("err = %v, want %v on field %s", err, tc.want, tc.field)
			}
		})
	}
	var zero Checks
	c := migrantChild("z")
	cl, _ := Default().Classify(&c, d("2024-01-01"))
	if _, err := zero.Check(&c, &cl); !errors.Is(err, poverty.ErrMissing) {
		t.Errorf("zero Checks: err = %v, want ErrMissing", err)
	}
	other := cl
	other.ChildID = "other"
	p := DefaultChecks()
	if _, err := p.Check(&c, &other); !errors.Is(err, ErrConflict) {
		t.Errorf("classification of another child: err = %v, want ErrConflict", err)
	}
}
