package poverty_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openfupin/fupin/poverty"
)

func TestSourceStatusWords(t *testing.T) {
	for s := poverty.Confirmed; s <= poverty.Example; s++ {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatalf("%d: %v", s, err)
		}
		var got poverty.SourceStatus
		if err := got.UnmarshalText(b); err != nil || got != s {
			t.Errorf("round trip of %q = %v, %v", b, got, err)
		}
	}
	// The unset word reads back as the zero value (marshalling never fails on
	// it); Provenance.Validate refuses a zero status in data.
	var zero poverty.SourceStatus
	if b, err := zero.MarshalText(); err != nil || string(b) != "unset" || zero.UnmarshalText(b) != nil {
		t.Errorf("zero status marshals to %q, %v", b, err)
	}
	for _, bad := range []string{"", "APPROXIMATE", "COUNTY_RULE", "confirmed"} {
		var got poverty.SourceStatus
		if err := got.UnmarshalText([]byte(bad)); !errors.Is(err, poverty.ErrUnknownWord) {
			t.Errorf("UnmarshalText(%q) = %v, want ErrUnknownWord", bad, err)
		}
	}
	if got := poverty.LibraryDefault.String(); got != "DEFAULT" {
		t.Errorf("LibraryDefault = %q, want DEFAULT", got)
	}
}

func TestScope(t *testing.T) {
	fujian := poverty.MustParseRegion("35")
	yunnan := poverty.MustParseRegion("53")
	for _, tt := range []struct {
		scope  poverty.Scope
		valid  bool
		covers map[poverty.Region]bool
	}{
		{"national", true, map[poverty.Region]bool{poverty.National: true, fujian: true, yunnan: true}},
		{"west", true, map[poverty.Region]bool{poverty.National: false, fujian: false, yunnan: true}},
		{"east", true, map[poverty.Region]bool{fujian: true, yunnan: false}},
		{"35", true, map[poverty.Region]bool{poverty.National: false, fujian: true, yunnan: false}},
		{"340722", true, map[poverty.Region]bool{poverty.National: false, poverty.MustParseRegion("34"): false}},
		{"", false, nil},
		{"99", false, nil},
		{"990101", false, nil},
		{"CN", false, nil},
		{"3507", false, nil},
	} {
		if got := tt.scope.IsValid(); got != tt.valid {
			t.Errorf("Scope(%q).IsValid() = %v, want %v", tt.scope, got, tt.valid)
		}
		var s poverty.Scope
		err := s.UnmarshalText([]byte(tt.scope))
		if (err == nil) != tt.valid || tt.valid && s != tt.scope {
			t.Errorf("UnmarshalText(%q) = %q, %v", tt.scope, s, err)
		}
		if !tt.valid && !errors.Is(err, poverty.ErrUnknownRegion) {
			t.Errorf("UnmarshalText(%q) error %v does not wrap ErrUnknownRegion", tt.scope, err)
		}
		for r, want := range tt.covers {
			if got := tt.scope.Covers(r); got != want {
				t.Errorf("Scope(%q).Covers(%v) = %v, want %v", tt.scope, r, got, want)
			}
		}
	}
	if got := poverty.ScopeOf(fujian); got != "35" {
		t.Errorf("ScopeOf(35) = %q", got)
	}
	if got := poverty.ScopeOf(poverty.National); got != poverty.ScopeNational {
		t.Errorf("ScopeOf(National) = %q", got)
	}
}

func TestProvenanceValidate(t *testing.T) {
	ok := poverty.Provenance{Source: "国开发〔2020〕6号", Status: poverty.Confirmed, Scope: poverty.ScopeNational, From: "2020-03-20"}
	for name, tt := range map[string]struct {
		edit  func(*poverty.Provenance)
		field string
		err   error
	}{
		"complete":          {func(*poverty.Provenance) {}, "", nil},
		"year bounds":       {func(p *poverty.Provenance) { p.From, p.To = "2018", "2020" }, "", nil},
		"month and year":    {func(p *poverty.Provenance) { p.From, p.To = "2020-03", "2020" }, "", nil},
		"no source":         {func(p *poverty.Provenance) { p.Source = "" }, "source", poverty.ErrMissing},
		"no status":         {func(p *poverty.Provenance) { p.Status = poverty.SourceUnset }, "status", poverty.ErrUnknownWord},
		"status off range":  {func(p *poverty.Provenance) { p.Status = 99 }, "status", poverty.ErrUnknownWord},
		"no scope":          {func(p *poverty.Provenance) { p.Scope = "" }, "scope", poverty.ErrMissing},
		"bad scope":         {func(p *poverty.Provenance) { p.Scope = "98" }, "scope", poverty.ErrUnknownRegion},
		"bad from":          {func(p *poverty.Provenance) { p.From = "2020-3-20" }, "from", poverty.ErrSyntax},
		"impossible day":    {func(p *poverty.Provenance) { p.From = "2021-02-29" }, "from", poverty.ErrSyntax},
		"month 13":          {func(p *poverty.Provenance) { p.To = "2020-13" }, "to", poverty.ErrSyntax},
		"year only, absurd": {func(p *poverty.Provenance) { p.From = "0020" }, "from", poverty.ErrSyntax},
		"to before from":    {func(p *poverty.Provenance) { p.To = "2020-03-19" }, "to", poverty.ErrRange},
		"to year before":    {func(p *poverty.Provenance) { p.To = "2019" }, "to", poverty.ErrRange},
	} {
		t.Run(name, func(t *testing.T) {
			p := ok
			tt.edit(&p)
			err := p.Validate("rec")
			if tt.err == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var fe *poverty.FieldError
			if !errors.As(err, &fe) || fe.Record != "rec" || fe.Field != tt.field || !errors.Is(err, tt.err) {
				t.Errorf("Validate = %v, want field %q wrapping %v", err, tt.field, tt.err)
			}
		})
	}
}

func TestProvenanceInForce(t *testing.T) {
	d := poverty.MustParseDate
	p := poverty.Provenance{From: "2020-03-20", To: "2021"}
	for _, tt := range []struct {
		on   string
		want bool
	}{
		{"2020-03-19", false},
		{"2020-03-20", true},
		{"2021-12-31", true}, // "2021" covers every day of 2021
		{"2022-01-01", false},
	} {
		if got := p.InForce(d(tt.on)); got != tt.want {
			t.Errorf("InForce(%s) = %v, want %v", tt.on, got, tt.want)
		}
	}
	month := poverty.Provenance{From: "2021-05"}
	if !month.InForce(d("2021-05-01")) || month.InForce(d("2021-04-30")) {
		t.Errorf("a month bound compares at month precision")
	}
	open := poverty.Provenance{}
	if !open.InForce(d("1990-01-01")) || !open.InForceIn(2050) {
		t.Errorf("unknown bounds do not limit the period")
	}
	for y, want := range map[int]bool{2019: false, 2020: true, 2021: true, 2022: false} {
		if got := p.InForceIn(y); got != want {
			t.Errorf("InForceIn(%d) = %v, want %v", y, got, want)
		}
	}
}

func TestProvenanceServe(t *testing.T) {
	anhui, fujian := poverty.MustParseRegion("34"), poverty.MustParseRegion("35")
	strict, lenient := poverty.LookupOptions{}, poverty.LookupOptions{AcceptSecondary: true}
	for _, tt := range []struct {
		name  string
		p     poverty.Provenance
		r     poverty.Region
		named bool
		opts  poverty.LookupOptions
		want  error
	}{
		{"confirmed national", poverty.Provenance{Status: poverty.Confirmed, Scope: "national"}, fujian, false, strict, nil},
		{"unconfirmed", poverty.Provenance{Status: poverty.Unconfirmed, Scope: "national"}, fujian, true, lenient, poverty.ErrUnconfirmed},
		{"secondary strict", poverty.Provenance{Status: poverty.Secondary, Scope: "national"}, fujian, false, strict, poverty.ErrSecondary},
		{"secondary accepted", poverty.Provenance{Status: poverty.Secondary, Scope: "national"}, fujian, false, lenient, nil},
		{"local own province", poverty.Provenance{Status: poverty.Local, Scope: "35"}, fujian, false, strict, nil},
		{"local elsewhere", poverty.Provenance{Status: poverty.Local, Scope: "35"}, anhui, false, strict, poverty.ErrOutOfScope},
		{"local named", poverty.Provenance{Status: poverty.Local, Scope: "35"}, anhui, true, strict, nil},
		{"county rule for its province", poverty.Provenance{Status: poverty.Local, Scope: "340722"}, anhui, false, strict, poverty.ErrOutOfScope},
		{"secondary scoped elsewhere", poverty.Provenance{Status: poverty.Secondary, Scope: "35"}, anhui, false, lenient, poverty.ErrOutOfScope},
		{"default", poverty.Provenance{Status: poverty.LibraryDefault, Scope: "national"}, anhui, false, strict, nil},
		{"supplied", poverty.Provenance{Status: poverty.Supplied, Scope: "34"}, anhui, false, strict, nil},
	} {
		if got := tt.p.Serve(tt.r, tt.named, tt.opts); !errors.Is(got, tt.want) || (tt.want == nil) != (got == nil) {
			t.Errorf("%s: Serve = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestProvenanceLabelCiteJSON(t *testing.T) {
	p := poverty.Provenance{Source: "枞阳县 risk-elimination procedure", Status: poverty.Local, Qualifier: "county government", Scope: "340722"}
	if got, want := p.Label(), "LOCAL 340722 (county government)"; got != want {
		t.Errorf("Label = %q, want %q", got, want)
	}
	if got, want := p.Cite(), "枞阳县 risk-elimination procedure [LOCAL 340722 (county government)]"; got != want {
		t.Errorf("Cite = %q, want %q", got, want)
	}
	national := poverty.Provenance{Source: "s", Status: poverty.Confirmed, Scope: poverty.ScopeNational}
	if got := national.Label(); got != "CONFIRMED" {
		t.Errorf("Label = %q", got)
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var back poverty.Provenance
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p, back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	if err := json.Unmarshal([]byte(`{"source":"s","status":"CONFIRMED","scope":"77"}`), &back); !errors.Is(err, poverty.ErrUnknownRegion) {
		t.Errorf("a bad scope in JSON = %v, want ErrUnknownRegion", err)
	}
}

func TestProvenanceInForceNoAllocs(t *testing.T) {
	p := poverty.Provenance{From: "2020-03-20", To: "2025"}
	d := poverty.MustParseDate("2022-06-01")
	if n := testing.AllocsPerRun(100, func() { _ = p.InForce(d) && p.InForceIn(2022) }); n != 0 {
		t.Errorf("InForce allocates %v times", n)
	}
}
