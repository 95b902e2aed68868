package poverty_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

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
			checkParseError(t, err, "money", s, poverty.ErrSyntax, poverty.ErrRange, poverty.ErrOverflow)
			return
		}
		// Oracle: the exact rational value of the text, in fen.
		if want, ok := new(big.Rat).SetString(s); !ok || big.NewRat(int64(m), 100).Cmp(want) != 0 {
			t.Fatalf("%q parsed as %v fen, math/big says %v (%v)", s, int64(m), want, ok)
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
			checkParseError(t, err, "rate", s, poverty.ErrSyntax, poverty.ErrRange, poverty.ErrOverflow)
			return
		}
		back, err := poverty.ParseRate(r.String())
		if err != nil || back != r {
			t.Fatalf("round trip %q -> %s -> %v, %v", s, r, back, err)
		}
		// Oracle: the exact rational value of the text, in parts per million.
		want, ok := new(big.Rat).SetString(strings.TrimSuffix(s, "%"))
		if !ok {
			t.Fatalf("%q accepted, not a number to math/big", s)
		}
		if strings.HasSuffix(s, "%") {
			want.Quo(want, big.NewRat(100, 1))
		}
		if got := big.NewRat(int64(r), poverty.RateScale); got.Cmp(want) != 0 {
			t.Fatalf("%q parsed as %v, math/big says %v", s, got.FloatString(6), want.FloatString(6))
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
		tm, terr := time.Parse(time.DateOnly, s)
		if err != nil {
			checkParseError(t, err, "date", s, poverty.ErrSyntax, poverty.ErrRange)
			if terr == nil && tm.Year() > 0 {
				t.Fatalf("%q refused (%v), time.Parse reads %v", s, err, tm)
			}
			return
		}
		if d.String() != s {
			t.Fatalf("round trip %q -> %q", s, d)
		}
		// Oracle: package time reads the same day.
		if terr != nil || d.Year() != tm.Year() || d.Month() != tm.Month() || d.Day() != tm.Day() {
			t.Fatalf("%q parsed as %v, time.Parse: %v %v", s, d, tm, terr)
		}
	})
}

// FuzzParseYearMonth: a month round-trips through String, agrees with
// time.Parse("2006-01"), and an error is a *ParseError.
func FuzzParseYearMonth(f *testing.F) {
	for _, s := range []string{"2020-02", "2020-13", "0001-01", "9999-12", "2020-2", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ym, err := poverty.ParseYearMonth(s)
		tm, terr := time.Parse("2006-01", s)
		if err != nil {
			checkParseError(t, err, "month", s, poverty.ErrSyntax)
			if terr == nil && tm.Year() > 0 {
				t.Fatalf("%q refused (%v), time.Parse reads %v", s, err, tm)
			}
			return
		}
		if ym.String() != s {
			t.Fatalf("round trip %q -> %q", s, ym)
		}
		if terr != nil || ym.Year() != tm.Year() || ym.Month() != tm.Month() {
			t.Fatalf("%q parsed as %v, time.Parse: %v %v", s, ym, tm, terr)
		}
		var back poverty.YearMonth
		if b, err := ym.MarshalText(); err != nil || back.UnmarshalText(b) != nil || back != ym {
			t.Fatalf("text round trip of %v: %q %v -> %v", ym, b, err, back)
		}
	})
}

// FuzzParseCounty: a county code round-trips, lies in its province, and
// agrees with the oracle "six digits whose first two are a province
// ParseRegion knows"; an error is a *ParseError.
func FuzzParseCounty(f *testing.F) {
	for _, s := range []string{"530627", "110101", "990101", "53062", "5306271", "+53062", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := poverty.ParseCounty(s)
		oracle := len(s) == 6 && strings.Trim(s, "0123456789") == ""
		if oracle {
			r, rerr := poverty.ParseRegion(s[:2])
			oracle = rerr == nil && r.IsProvince()
		}
		if err != nil {
			checkParseError(t, err, "county", s, poverty.ErrSyntax, poverty.ErrUnknownRegion)
			if oracle {
				t.Fatalf("%q refused: %v", s, err)
			}
			return
		}
		if !oracle || c.String() != s || !c.IsValid() || c.Province().String() != s[:2] {
			t.Fatalf("%q -> %v (province %v), oracle %v", s, c, c.Province(), oracle)
		}
		var back poverty.County
		if b, err := c.MarshalText(); err != nil || back.UnmarshalText(b) != nil || back != c {
			t.Fatalf("text round trip of %v", c)
		}
	})
}

// FuzzMoneyJSON: Money's JSON form is a string read by ParseMoney (the
// oracle): what JSON accepts, ParseMoney accepts with the same value, it
// marshals back to the canonical string, and a JSON number or a bad
// string is an error (a *ParseError for a bad string).
func FuzzMoneyJSON(f *testing.F) {
	for _, s := range []string{`"1234.56"`, `"-0.05"`, `1234`, `null`, `"1.234"`, `"\u0031"`, `""`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, js string) {
		var m poverty.Money
		err := json.Unmarshal([]byte(js), &m)
		var str string
		isString := json.Unmarshal([]byte(js), &str) == nil && strings.HasPrefix(strings.TrimSpace(js), `"`)
		if err != nil {
			if isString {
				if _, perr := poverty.ParseMoney(str); perr == nil {
					t.Fatalf("%s refused (%v), ParseMoney accepts %q", js, err, str)
				}
				var pe *poverty.ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("untyped error for %s: %v", js, err)
				}
			}
			return
		}
		if !isString {
			if strings.TrimSpace(js) == "null" && m == 0 {
				return
			}
			t.Fatalf("%s accepted as money %v: not a string", js, m)
		}
		if want, perr := poverty.ParseMoney(str); perr != nil || want != m {
			t.Fatalf("%s -> %v, ParseMoney(%q) = %v, %v", js, m, str, want, perr)
		}
		out, err := json.Marshal(m)
		if err != nil || string(out) != strconv.Quote(m.String()) {
			t.Fatalf("%v marshals to %s, %v", m, out, err)
		}
		var back poverty.Money
		if err := json.Unmarshal(out, &back); err != nil || back != m {
			t.Fatalf("round trip %s -> %v -> %s -> %v, %v", js, m, out, back, err)
		}
	})
}

// FuzzRateJSON: Rate's JSON form is a string read by ParseRate (the
// oracle), round-tripping through Marshal; errors are typed.
func FuzzRateJSON(f *testing.F) {
	for _, s := range []string{`"1.5"`, `"2%"`, `"0.000001"`, `1`, `null`, `"x"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, js string) {
		var r poverty.Rate
		err := json.Unmarshal([]byte(js), &r)
		var str string
		isString := json.Unmarshal([]byte(js), &str) == nil && strings.HasPrefix(strings.TrimSpace(js), `"`)
		if err != nil {
			if isString {
				if _, perr := poverty.ParseRate(str); perr == nil {
					t.Fatalf("%s refused (%v), ParseRate accepts %q", js, err, str)
				}
				var pe *poverty.ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("untyped error for %s: %v", js, err)
				}
			}
			return
		}
		if !isString {
			if strings.TrimSpace(js) == "null" && r == 0 {
				return
			}
			t.Fatalf("%s accepted as rate %v: not a string", js, r)
		}
		if want, perr := poverty.ParseRate(str); perr != nil || want != r {
			t.Fatalf("%s -> %v, ParseRate(%q) = %v, %v", js, r, str, want, perr)
		}
		out, err := json.Marshal(r)
		var back poverty.Rate
		if err != nil || json.Unmarshal(out, &back) != nil || back != r {
			t.Fatalf("round trip %s -> %v -> %s -> %v", js, r, out, back)
		}
	})
}

// checkParseError fails unless err is a *poverty.ParseError about what,
// quoting the input (masked), wrapping one of the sentinels.
func checkParseError(t *testing.T, err error, what, input string, sentinels ...error) {
	t.Helper()
	var pe *poverty.ParseError
	if !errors.As(err, &pe) || pe.What != what || pe.Input != input && pe.Input != param.MaskID(input) && pe.Input != poverty.MaskIDsIn(input) {
		t.Fatalf("error for %q is not a *ParseError of %s quoting the input: %#v", input, what, err)
	}
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("error for %q wraps none of %v: %v", input, sentinels, err)
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

// FuzzScopeText: a scope reads back what it accepts (its own text), agrees
// with Scope.IsValid (the oracle), and an error is a *ParseError wrapping
// ErrUnknownRegion.
func FuzzScopeText(f *testing.F) {
	for _, s := range []string{"national", "west", "53", "530627", "99", "", "NATIONAL"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var sc poverty.Scope
		err := sc.UnmarshalText([]byte(s))
		if err != nil {
			checkParseError(t, err, "scope", s, poverty.ErrUnknownRegion)
			if poverty.Scope(s).IsValid() {
				t.Fatalf("%q refused: %v", s, err)
			}
			return
		}
		if string(sc) != s || !sc.IsValid() {
			t.Fatalf("%q -> %q", s, sc)
		}
	})
}
