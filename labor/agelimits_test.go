package labor

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

// TestUnstatedWomenMaxAge: the rural rule states no maximum age for women,
// so classifying a household with a woman of working age fails with an
// error that names the rule and the parameter and says how to supply it,
// not one about her birth date; the same household classifies once a
// parameter file supplies the value.
func TestUnstatedWomenMaxAge(t *testing.T) {
	p := DefaultParams()
	rules := func(p *Params) EmploymentRules {
		t.Helper()
		age, err := Lookup[AgeLimits](p, "zero-employment-rural", 2020, secondary)
		if err != nil {
			t.Fatal(err)
		}
		st, err := Lookup[StableRule](p, "zero-employment-exit", 2020, secondary)
		if err != nil {
			t.Fatal(err)
		}
		return EmploymentRules{Year: 2020, Age: age, Stable: st}
	}
	woman := func(born string) []Worker {
		return []Worker{{ID: "w", Household: "h", BirthDate: d(born), Sex: poverty.Female, Capacity: poverty.AbleToWork}}
	}
	r := rules(p)
	type got struct{ Op, Record, Field, Value string }
	tests := []struct {
		name    string
		born    string
		want    *got // nil: no error
		wantMsg string
	}{
		{"aged 15 on 31 December: below the minimum, no maximum needed", "2005-01-01", nil, ""},
		{"aged 16: the maximum is needed", "2004-12-31", &got{"labor.Classify", "age_limits zero-employment-rural", "women_max_age", "0"},
			`labor.Classify: record "age_limits zero-employment-rural": field women_max_age = "0": parameter not supplied (value not stated by the source), needed for a female worker aged 16: supply it in a parameter file (labor.LoadParams, Params.Overlay)`},
		{"aged 70", "1950-06-01", &got{"labor.Classify", "age_limits zero-employment-rural", "women_max_age", "0"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.Classify("h", woman(tt.born), [][]Job{nil}, false)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("error %v, want none", err)
				}
				return
			}
			var fe *poverty.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error %T %v, want *poverty.FieldError", err, err)
			}
			if diff := cmp.Diff(*tt.want, got{fe.Op, fe.Record, fe.Field, fe.Value}); diff != "" {
				t.Errorf("error fields (-want +got):\n%s", diff)
			}
			if !errors.Is(err, ErrNoParameter) || !errors.Is(err, ErrNotStated) {
				t.Errorf("error %v does not wrap ErrNoParameter and ErrNotStated", err)
			}
			if tt.wantMsg != "" && err.Error() != tt.wantMsg {
				t.Errorf("message\n got %s\nwant %s", err, tt.wantMsg)
			}
			if !strings.Contains(err.Error(), "labor.LoadParams, Params.Overlay") {
				t.Errorf("message %q does not say how to supply the value", err)
			}
		})
	}

	// Supplied in a parameter file, the same woman classifies.
	o, err := LoadParams(strings.NewReader(`{"schema": "fupin.labor.params/2", "age_limits": [{"id": "zero-employment-rural",
		"min_age": 16, "women_max_age": 54, "men_max_age": 59, "source": "county rule (test)", "status": "LOCAL", "scope": "53"}]}`), "county.json")
	if err != nil {
		t.Fatal(err)
	}
	r2 := rules(p.Overlay(o))
	for _, c := range []struct {
		born string
		lf   int
	}{{"1966-01-01", 1}, {"1965-12-31", 0}} { // 54 and 55 on 2020-12-31
		he, err := r2.Classify("h", woman(c.born), [][]Job{nil}, false)
		if err != nil {
			t.Fatalf("with the limit supplied: %v", err)
		}
		if he.LaborForce != c.lf {
			t.Errorf("born %s: labour force %d, want %d", c.born, he.LaborForce, c.lf)
		}
	}
}

// TestWorkingAges: the age rule is named with its scope, and a rule whose
// scope does not cover the province reported on says it is borrowed.
func TestWorkingAges(t *testing.T) {
	p := DefaultParams()
	jilin, err := Lookup[AgeLimits](p, "jilin-2018", 2020, secondary)
	if err != nil {
		t.Fatal(err)
	}
	rural, err := Lookup[AgeLimits](p, "zero-employment-rural", 2020, secondary)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		age      AgeLimits
		province poverty.Region
		want     string
	}{
		{"Jilin's rule in Jilin", jilin, poverty.MustParseRegion("22"), "working ages: jilin-2018, LOCAL 22"},
		{"Jilin's rule in Yunnan is borrowed", jilin, poverty.MustParseRegion("53"), "working ages: jilin-2018, LOCAL 22, borrowed for province 53"},
		{"no province: not checked", jilin, poverty.Region(0), "working ages: jilin-2018, LOCAL 22"},
		{"national rule covers Yunnan", rural, poverty.MustParseRegion("53"), "working ages: zero-employment-rural, DEFAULT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := EmploymentRules{Year: 2020, Age: tt.age}
			if diff := cmp.Diff(tt.want, r.WorkingAges(tt.province)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
