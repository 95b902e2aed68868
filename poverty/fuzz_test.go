package poverty_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/poverty"
)

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"0", "1234.56", "-0.05", "1.234", "+1", "10000000000000", "1e3", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := poverty.ParseMoney(s)
		if err != nil {
			var pe *poverty.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		if m > poverty.MaxAmount || m < -poverty.MaxAmount {
			t.Fatalf("%q parsed out of range: %d", s, m)
		}
		back, err := poverty.ParseMoney(m.String())
		if err != nil || back != m {
			t.Fatalf("round trip %q -> %s -> %v, %v", s, m, back, err)
		}
	})
}

func FuzzParseRate(f *testing.F) {
	for _, s := range []string{"1.5", "2%", "0.000001", "29.4%", "-1", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := poverty.ParseRate(s)
		if err != nil {
			return
		}
		back, err := poverty.ParseRate(r.String())
		if err != nil || back != r {
			t.Fatalf("round trip %q -> %s -> %v, %v", s, r, back, err)
		}
	})
}

func FuzzParseRegion(f *testing.F) {
	for _, s := range []string{"national", "53", "99", "5", "", "11"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := poverty.ParseRegion(s)
		if err != nil {
			if !errors.Is(err, poverty.ErrSyntax) && !errors.Is(err, poverty.ErrUnknownRegion) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if !r.IsValid() || r.String() != s {
			t.Fatalf("round trip %q -> %v", s, r)
		}
		if c, err := poverty.ParseCounty(s + "0101"); err == nil && c.Province() != r && r != poverty.National {
			t.Fatalf("county %v not in %v", c, r)
		}
	})
}

func FuzzParseIDNumber(f *testing.F) {
	f.Add(makeID("51343419890301002"))
	f.Add("51343419890301002X")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		id, err := poverty.ParseIDNumber(s)
		if err != nil {
			if !errors.Is(err, poverty.ErrInvalidID) {
				t.Fatalf("unexpected error %v", err)
			}
			var pe *poverty.ParseError
			if !errors.As(err, &pe) || pe.Input != param.MaskID(s) {
				t.Fatalf("error input not masked: %v", err)
			}
			if m := param.MaskID(s); len(m) > 10 && strings.Trim(m[6:len(m)-4], "*") != "" {
				t.Fatalf("MaskID keeps the middle: %q", m)
			}
			return
		}
		back, err := poverty.ParseIDNumber(id.Unmasked())
		if err != nil || back != id {
			t.Fatalf("round trip failed: %v", err)
		}
		if strings.Contains(id.String(), id.Unmasked()[6:14]) && id.Unmasked()[6:14] != "********" {
			t.Fatalf("String reveals birth date")
		}
		if id.BirthDate().IsZero() || id.Sex() == poverty.SexUnknown {
			t.Fatalf("valid number without birth date or sex")
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2020-02-29", "2021-02-29", "9999-12-31", "0001-01-01", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := poverty.ParseDate(s)
		if err != nil {
			return
		}
		if d.String() != s {
			t.Fatalf("round trip %q -> %q", s, d)
		}
	})
}

func FuzzLoadTable(f *testing.F) {
	f.Add([]byte(overlayJSON))
	f.Add([]byte(`{"schema":"fupin.thresholds/2","records":[{"kind":"county_incidence_max","scope":"west","year":2016,"value":"0.03","unit":"ratio","comparison":"lt","source":"x","status":"CONFIRMED"}]}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		tab, err := poverty.LoadTable(bytes.NewReader(b), "fuzz.json")
		if err != nil {
			var fe *poverty.FieldError
			if !errors.As(err, &fe) || fe.Field == "" {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		// Any table that loads can be overlaid and queried without panicking.
		merged := poverty.Default().Overlay(tab)
		for _, r := range tab.Records("") {
			region := poverty.National
			if len(r.Scope) == 2 {
				region = poverty.MustParseRegion(string(r.Scope))
			}
			if _, err := merged.Lookup(r.Kind, r.Series, r.Year, region, poverty.LookupOptions{Lenient: true, AcceptSecondary: true}); err != nil &&
				!errors.Is(err, poverty.ErrUnconfirmed) && !errors.Is(err, poverty.ErrUnknownYear) && !errors.Is(err, poverty.ErrUnknownRegion) {
				t.Fatalf("lookup of a loaded record: %v", err)
			}
		}
	})
}
