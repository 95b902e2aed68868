package labor

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

func TestDefaultParamsLoad(t *testing.T) {
	p := DefaultParams()
	if p.Vintage() != "2024-04-09" {
		t.Errorf("vintage %q, want the newest source's date 2024-04-09", p.Vintage())
	}
	var ids []string
	for _, r := range LookupIn[RecognitionRule](p, poverty.MustParseRegion("50"), 2022, poverty.LookupOptions{}) {
		ids = append(ids, r.ID)
	}
	if diff := cmp.Diff([]string{"chongqing-2022"}, ids); diff != "" {
		t.Errorf("Chongqing rules 2022 (-want +got):\n%s", diff)
	}
	ids = ids[:0]
	for _, r := range LookupIn[RecognitionRule](p, poverty.MustParseRegion("43"), 2021, poverty.LookupOptions{AcceptSecondary: true}) {
		ids = append(ids, r.ID)
	}
	if diff := cmp.Diff([]string{"hunan-demonstration-2021", "xiangtan-press-5000"}, ids); diff != "" {
		t.Errorf("Hunan rules 2021 with secondary (-want +got):\n%s", diff)
	}
}

// TestRulesByRegion checks which rules a lookup by region serves: a
// province's LOCAL rules for that province only, a county's rules for no
// province (they are served by ID), SECONDARY ones only with the flag.
func TestRulesByRegion(t *testing.T) {
	p := DefaultParams()
	lenient := poverty.LookupOptions{AcceptSecondary: true}
	tests := []struct {
		name      string
		region    string
		year      int
		opts      poverty.LookupOptions
		transport bool
		want      []string
	}{
		{"Jilin 2019", "22", 2019, lenient, false, []string{"jilin-2018"}},
		{"Jilin's rule is not Hunan's", "43", 2019, poverty.LookupOptions{}, false, nil},
		{"Hunan 2021 strict", "43", 2021, poverty.LookupOptions{}, false, []string{"hunan-demonstration-2021"}},
		{"Xiangtan's undated claim with the flag", "43", 2019, lenient, false, []string{"xiangtan-press-5000"}},
		{"柳江区's rule is not Guangxi's", "45", 2022, lenient, false, nil},
		{"麻山镇's rule is not Jiangxi's", "36", 2020, lenient, false, nil},
		{"Sichuan 2017", "51", 2017, lenient, false, []string{"sichuan-guangyuan-2017"}},
		{"national asks for no local rule", "national", 2022, lenient, false, nil},
		{"Heilongjiang 2023", "23", 2023, poverty.LookupOptions{}, true, []string{"heilongjiang-2022"}},
		{"Shanxi 2020: the province's rule, not 中阳县's", "14", 2020, poverty.LookupOptions{}, true, []string{"shanxi-monitored-2020"}},
		{"Shanxi 2022: 中阳县's rule is served by ID only", "14", 2022, poverty.LookupOptions{}, true, nil},
		{"Gansu 2024: 崇信县's rule is served by ID only", "62", 2024, lenient, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			region := poverty.MustParseRegion(tt.region)
			var got []string
			if tt.transport {
				for _, r := range LookupIn[TransportRule](p, region, tt.year, tt.opts) {
					got = append(got, r.ID)
				}
			} else {
				for _, r := range LookupIn[RecognitionRule](p, region, tt.year, tt.opts) {
					got = append(got, r.ID)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestEmbeddedProvenance checks every embedded record: its provenance is
// valid, it is not a made-up or caller's value, and the labels are those
// docs/POLICY.md section 5 supports.
func TestEmbeddedProvenance(t *testing.T) {
	var got []string
	for _, v := range DefaultParams().All() {
		if err := v.Provenance.Validate(v.ID); err != nil {
			t.Error(err)
		}
		if v.Status == poverty.Example || v.Status == poverty.Supplied || v.Origin != "embedded" {
			t.Errorf("%s %s: status %s, origin %q in the embedded data", v.Kind, v.ID, v.Status, v.Origin)
		}
		got = append(got, v.Kind+" "+v.ID+" "+v.Label()+" "+v.From+"-"+v.To)
	}
	want := []string{
		"age_limits jilin-2018 LOCAL 22 2018-2020",
		"age_limits zero-employment-rural DEFAULT -",
		"stable_employment zero-employment-exit DEFAULT -",
		"stable_employment national-one-member-employed UNCONFIRMED -",
		"transferred_labour outside-township-6-months SECONDARY -",
		"recognition jilin-2018 LOCAL 22 2018-2020",
		"recognition guangxi-liujiang-2021 LOCAL 450206 2021-",
		"recognition chongqing-2022 LOCAL 50 2022-",
		"recognition hunan-demonstration-2021 LOCAL 43 (press) 2021-",
		"recognition jiangxi-pingxiang-mashan-2020 LOCAL 360313 (press) 2020-",
		"recognition sichuan-guangyuan-2017 LOCAL 51 (press) 2017-",
		"recognition xiangtan-press-5000 SECONDARY 43 (weak) -",
		"award_tables chongqing-2022-employment-award LOCAL 50 2022-",
		"transport heilongjiang-2022 LOCAL 23 2022-2024",
		"transport shanxi-zhongyang-2022 LOCAL 141129 2022-2022",
		"transport shanxi-monitored-2020 LOCAL 14 (provincial) 2020-2020",
		"transport gansu-chongxin-2024 LOCAL 620823 2024-2024",
		"return_windows returned-home DEFAULT -",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("embedded records (-want +got):\n%s", diff)
	}
}

func TestParamsLookupErrors(t *testing.T) {
	p := DefaultParams()
	tests := []struct {
		name string
		err  error
		call func() error
	}{
		{"secondary without flag", poverty.ErrSecondary, func() error {
			_, err := Lookup[RecognitionRule](p, "xiangtan-press-5000", 2020, poverty.LookupOptions{})
			return err
		}},
		{"transfer definition is secondary", poverty.ErrSecondary, func() error {
			_, err := Lookup[TransferRule](p, "outside-township-6-months", 2020, poverty.LookupOptions{})
			return err
		}},
		{"national one-member rule is unconfirmed", poverty.ErrUnconfirmed, func() error {
			_, err := Lookup[StableRule](p, "national-one-member-employed", 2020, poverty.LookupOptions{AcceptSecondary: true})
			return err
		}},
		{"not in force", poverty.ErrNotInForce, func() error {
			_, err := Lookup[RecognitionRule](p, "jilin-2018", 2021, poverty.LookupOptions{})
			return err
		}},
		{"unknown", ErrUnknownRule, func() error {
			_, err := Lookup[TransportRule](p, "nowhere", 2020, poverty.LookupOptions{})
			return err
		}},
		{"no minimum wage embedded", ErrUnknownRule, func() error {
			_, err := Lookup[MinimumWage](p, "jilin", 2019, poverty.LookupOptions{})
			return err
		}},
		{"women limit not stated", ErrNotStated, func() error {
			a, err := Lookup[AgeLimits](p, "zero-employment-rural", 2020, poverty.LookupOptions{AcceptSecondary: true})
			if err != nil {
				return err
			}
			_, err = a.workingAge(opClassify, poverty.MustParseDate("1990-01-01"), poverty.Female, poverty.MustParseDate("2020-12-31"))
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if !errors.Is(err, tt.err) {
				t.Fatalf("error %v, want %v", err, tt.err)
			}
			var fe *poverty.FieldError
			if !errors.As(err, &fe) || !strings.HasPrefix(fe.Op, "labor.") || !strings.HasPrefix(err.Error(), "labor.") {
				t.Errorf("error %T %v is not a *poverty.FieldError of package labor", err, err)
			}
		})
	}
}

func TestLoadParamsRejects(t *testing.T) {
	base, err := os.ReadFile("data/params.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, old, new string
		err            error
		field          string
	}{
		{"unknown field", `"vintage"`, `"vintagex"`, poverty.ErrSyntax, "file"},
		{"schema", `"fupin.labor.params/2"`, `"fupin.labor.params/1"`, poverty.ErrUnknownWord, "schema"},
		{"missing source", `"source": "吉人社联字〔2018〕20号 (Jilin)",
   "status": "LOCAL",`, `"source": "",
   "status": "LOCAL",`, poverty.ErrMissing, "source"},
		{"unknown group", `"counts": "registered_poor"`, `"counts": "poorish"`, poverty.ErrUnknownWord, "file"},
		{"dangling table", `"table": "chongqing-2022-employment-award"`, `"table": "nope"`, ErrUnknownReference, "award.table"},
		{"tier amount and cap", `"amount": "800"
    }
   ],`, `"amount": "800", "cap": "800"
    }
   ],`, poverty.ErrSyntax, "tiers[0].amount"},
		{"missing scope", `"scope": "22",`, ``, poverty.ErrMissing, "scope"},
		{"unknown scope", `"scope": "22",`, `"scope": "99",`, poverty.ErrUnknownRegion, "file"},
		{"year as a number", `"from": "2018",`, `"from": 2018,`, poverty.ErrSyntax, "file"},
		{"bad date", `"from": "2018",`, `"from": "2018-13",`, poverty.ErrSyntax, "from"},
		{"period out of order", `"to": "2020",`, `"to": "2017",`, poverty.ErrRange, "to"},
		{"unknown status", `"status": "LOCAL",`, `"status": "APPROXIMATE",`, poverty.ErrUnknownWord, "file"},
		{"unconfirmed with a value", `"status": "UNCONFIRMED",`, `"status": "UNCONFIRMED", "min_days": 1,`, poverty.ErrSyntax, "min_days"},
		{"return window of no days", `"days": 183,`, `"days": 0,`, poverty.ErrRange, "days"},
		{"trailing data", "\n}\n", "\n}\n{}", poverty.ErrSyntax, "file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := strings.Replace(string(base), tt.old, tt.new, 1)
			if in == string(base) {
				t.Fatalf("replacement %q not found", tt.old)
			}
			_, err := LoadParams(strings.NewReader(in), "case")
			if !errors.Is(err, tt.err) {
				t.Fatalf("error %v, want %v", err, tt.err)
			}
			var fe *poverty.FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Errorf("error %v: want field %q", err, tt.field)
			}
		})
	}
}

func TestOverlayKeepsHistory(t *testing.T) {
	own := `{"schema":"fupin.labor.params/2","vintage":"2026-01-01",
	 "minimum_wages":[{"id":"jilin-class-1","scope":"22","from":"2018","monthly":"1780","source":"caller's file","status":"SUPPLIED"}],
	 "recognition":[{"id":"sichuan-guangyuan-2017","scope":"51","from":"2017","name":"override","counts":"registered_poor","min_workers":8,"award":{"one_off":"60000"},"source":"caller's file","status":"SUPPLIED"}]}`
	o, err := LoadParams(strings.NewReader(own), "own")
	if err != nil {
		t.Fatal(err)
	}
	p := DefaultParams().Overlay(o)
	r, err := Lookup[RecognitionRule](p, "sichuan-guangyuan-2017", 2018, poverty.LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.MinWorkers != 8 || r.Origin != "own" {
		t.Errorf("overlay rule: min %d origin %q", r.MinWorkers, r.Origin)
	}
	// A second overlay of the same record keeps both earlier versions.
	again, err := LoadParams(strings.NewReader(strings.ReplaceAll(own, `"min_workers":8`, `"min_workers":9`)), "again")
	if err != nil {
		t.Fatal(err)
	}
	p2 := p.Overlay(again)
	var got []string
	for _, v := range p2.History("recognition", "sichuan-guangyuan-2017") {
		got = append(got, fmt.Sprint(v.Kind, " ", v.Origin, " ", v.Status, " ", v.Record.(RecognitionRule).MinWorkers))
	}
	want := []string{"recognition embedded LOCAL 10", "recognition own SUPPLIED 8", "recognition again SUPPLIED 9"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		kind, id string
		want     int
	}{
		{"minimum_wages", "jilin-class-1", 2},
		{"age_limits", "jilin-2018", 1},
		{"recognition", "jilin-2018", 1},
		{"award_tables", "jilin-2018", 0},
		{"recognitions", "sichuan-guangyuan-2017", 0},
		{"recognition", "nowhere", 0},
	} {
		if n := len(p2.History(tt.kind, tt.id)); n != tt.want {
			t.Errorf("History(%q, %q): %d versions, want %d", tt.kind, tt.id, n, tt.want)
		}
	}
	if _, err := Lookup[MinimumWage](p, "jilin-class-1", 2019, poverty.LookupOptions{}); err != nil {
		t.Error(err)
	}
	if orig, _ := Lookup[RecognitionRule](DefaultParams(), "sichuan-guangyuan-2017", 2018, poverty.LookupOptions{}); orig.MinWorkers != 10 {
		t.Errorf("overlay changed the default: %d", orig.MinWorkers)
	}
	if n := len(DefaultParams().History("recognition", "sichuan-guangyuan-2017")); n != 1 {
		t.Errorf("overlay changed the default's history: %d versions", n)
	}
	if p.Vintage() != "2026-01-01" {
		t.Errorf("vintage %q", p.Vintage())
	}
	if len(p2.All()) != len(DefaultParams().All())+1 {
		t.Errorf("All after overlay: %d records, want %d", len(p2.All()), len(DefaultParams().All())+1)
	}
	var buf bytes.Buffer
	buf.WriteString(own)
	if _, err := LoadParams(&buf, "again"); err != nil {
		t.Error(err)
	}
}

func TestZeroParams(t *testing.T) {
	var p Params
	if _, err := Lookup[RecognitionRule](&p, "jilin-2018", 2019, poverty.LookupOptions{}); !errors.Is(err, ErrUnknownRule) {
		t.Errorf("zero Params: %v", err)
	}
	if len(p.All()) != 0 || p.History("recognition", "jilin-2018") != nil {
		t.Error("zero Params holds records")
	}
	if n := len(p.Overlay(DefaultParams()).All()); n != len(DefaultParams().All()) {
		t.Errorf("zero Params overlaid with the default: %d records", n)
	}
}
