package labor

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

func TestDefaultParamsLoad(t *testing.T) {
	p := DefaultParams()
	if p.Vintage() != ParamsVintage {
		t.Errorf("vintage %q, want %q", p.Vintage(), ParamsVintage)
	}
	var ids []string
	for _, r := range p.RecognitionRules(poverty.MustParseRegion("50"), 2022, poverty.LookupOptions{}) {
		ids = append(ids, r.ID)
	}
	if diff := cmp.Diff([]string{"chongqing-2022"}, ids); diff != "" {
		t.Errorf("Chongqing rules 2022 (-want +got):\n%s", diff)
	}
	ids = ids[:0]
	for _, r := range p.RecognitionRules(poverty.MustParseRegion("43"), 2021, poverty.LookupOptions{AcceptSecondary: true}) {
		ids = append(ids, r.ID)
	}
	if diff := cmp.Diff([]string{"hunan-demonstration-2021", "unspecified-6-months-6000", "xiangtan-press-5000"}, ids); diff != "" {
		t.Errorf("Hunan rules 2021 with secondary (-want +got):\n%s", diff)
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
			_, err := p.StableRule("zero-employment-exit", 2020, poverty.LookupOptions{})
			return err
		}},
		{"national one-member rule is unconfirmed", poverty.ErrUnconfirmed, func() error {
			_, err := p.StableRule("national-one-member-employed", 2020, poverty.LookupOptions{AcceptSecondary: true})
			return err
		}},
		{"not in force", ErrNotInForce, func() error {
			_, err := p.RecognitionRule("jilin-2018", 2021, poverty.LookupOptions{})
			return err
		}},
		{"unknown", ErrUnknownRule, func() error {
			_, err := p.TransportRule("nowhere", 2020, poverty.LookupOptions{})
			return err
		}},
		{"no minimum wage embedded", ErrUnknownRule, func() error {
			_, err := p.MinimumWage("jilin", 2019, poverty.LookupOptions{})
			return err
		}},
		{"women limit not stated", ErrNotStated, func() error {
			a, err := p.AgeLimits("zero-employment-rural", 2020, poverty.LookupOptions{AcceptSecondary: true})
			if err != nil {
				return err
			}
			_, err = a.WorkingAge(poverty.MustParseDate("1990-01-01"), poverty.Female, poverty.MustParseDate("2020-12-31"))
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if !errors.Is(err, tt.err) {
				t.Fatalf("error %v, want %v", err, tt.err)
			}
			var pe *ParamError
			if !errors.As(err, &pe) {
				t.Errorf("error %T is not a *ParamError", err)
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
		{"schema", `"fupin.labor.params/1"`, `"fupin.labor.params/2"`, poverty.ErrUnknownWord, "schema"},
		{"missing source", `"source": "吉人社联字〔2018〕20号 (Jilin)",
   "status": "CONFIRMED",
   "note": "at least 5`, `"source": "",
   "status": "CONFIRMED",
   "note": "at least 5`, poverty.ErrMissing, "source"},
		{"unknown group", `"counts": "registered_poor"`, `"counts": "poorish"`, poverty.ErrUnknownWord, "file"},
		{"dangling table", `"table": "chongqing-2022-employment-award"`, `"table": "nope"`, ErrUnknownReference, "award.table"},
		{"tier amount and cap", `"amount": "800"}]`, `"amount": "800", "cap": "800"}]`, poverty.ErrSyntax, "tiers[0].amount"},
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
	own := `{"schema":"fupin.labor.params/1","vintage":"2026-01-01",
	 "minimum_wages":[{"id":"jilin-class-1","region":"22","from":2018,"monthly":"1780","source":"caller's file","status":"CONFIRMED"}],
	 "recognition":[{"id":"sichuan-guangyuan-2017","region":"51","from":2017,"name":"override","counts":"registered_poor","min_workers":8,"award":{"one_off":"60000"},"source":"caller's file","status":"CONFIRMED"}]}`
	o, err := LoadParams(strings.NewReader(own), "own")
	if err != nil {
		t.Fatal(err)
	}
	p := DefaultParams().Overlay(o)
	r, err := p.RecognitionRule("sichuan-guangyuan-2017", 2018, poverty.LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.MinWorkers != 8 || r.Origin != "own" {
		t.Errorf("overlay rule: min %d origin %q", r.MinWorkers, r.Origin)
	}
	sup := p.Superseded()
	if len(sup) != 1 || sup[0].ID != "sichuan-guangyuan-2017" || sup[0].Origin != "embedded" {
		t.Errorf("superseded %+v", sup)
	}
	if _, err := p.MinimumWage("jilin-class-1", 2019, poverty.LookupOptions{}); err != nil {
		t.Error(err)
	}
	if orig, _ := DefaultParams().RecognitionRule("sichuan-guangyuan-2017", 2018, poverty.LookupOptions{}); orig.MinWorkers != 10 {
		t.Errorf("overlay changed the default: %d", orig.MinWorkers)
	}
	if p.Vintage() != "2026-01-01" {
		t.Errorf("vintage %q", p.Vintage())
	}
	var buf bytes.Buffer
	buf.WriteString(own)
	if _, err := LoadParams(&buf, "again"); err != nil {
		t.Error(err)
	}
}

func TestParamsImmutable(t *testing.T) {
	p := DefaultParams()
	r, err := p.RecognitionRule("jilin-2018", 2019, poverty.LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r.Sites[0] = SiteIndustrialPark
	tr, _ := p.TransportRule("gansu-chongxin-2024", 2024, poverty.LookupOptions{})
	tr.Tiers[0].Provinces[0] = 11
	tab, _ := p.AwardTable("chongqing-2022-employment-award", 2022, poverty.LookupOptions{})
	tab.Rows[0].Excellent = 0
	r2, _ := p.RecognitionRule("jilin-2018", 2019, poverty.LookupOptions{})
	tr2, _ := p.TransportRule("gansu-chongxin-2024", 2024, poverty.LookupOptions{})
	tab2, _ := p.AwardTable("chongqing-2022-employment-award", 2022, poverty.LookupOptions{})
	if r2.Sites[0] != SiteVillage || tr2.Tiers[0].Provinces[0] != 61 || tab2.Rows[0].Excellent != 40000*poverty.Yuan {
		t.Error("changing a returned rule changed the parameter set")
	}
}
