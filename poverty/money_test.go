package poverty_test

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/shopspring/decimal"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want poverty.Money
		err  error
	}{
		{"0", 0, nil},
		{"1234.56", 123456, nil},
		{"1234.5", 123450, nil},
		{"1234", 123400, nil},
		{"-0.05", -5, nil},
		{"0.01", 1, nil},
		{"10000000000000", poverty.MaxAmount, nil},
		{"10000000000000.01", 0, poverty.ErrRange},
		{"99999999999999999999999", 0, poverty.ErrRange},
		{"1.234", 0, poverty.ErrSyntax},
		{"+1", 0, poverty.ErrSyntax},
		{"--1", 0, poverty.ErrSyntax},
		{"1-2", 0, poverty.ErrSyntax},
		{"1,234", 0, poverty.ErrSyntax},
		{"1e3", 0, poverty.ErrSyntax},
		{" 1", 0, poverty.ErrSyntax},
		{"1.", 0, poverty.ErrSyntax},
		{".5", 0, poverty.ErrSyntax},
		{"", 0, poverty.ErrSyntax},
		{"-", 0, poverty.ErrSyntax},
		{"１２", 0, poverty.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := poverty.ParseMoney(tt.in)
			if !errors.Is(err, tt.err) {
				t.Fatalf("ParseMoney(%q) error = %v, want %v", tt.in, err, tt.err)
			}
			if err != nil {
				var pe *poverty.ParseError
				if !errors.As(err, &pe) || pe.Input != tt.in || pe.What != "money" {
					t.Errorf("error %#v does not name the input", err)
				}
				return
			}
			if got != tt.want {
				t.Errorf("ParseMoney(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestMoneyString(t *testing.T) {
	for _, tt := range []struct {
		m    poverty.Money
		want string
	}{
		{0, "0.00"}, {1, "0.01"}, {-5, "-0.05"}, {123456, "1234.56"}, {poverty.Yuan, "1.00"},
		{poverty.Jiao, "0.10"}, {math.MinInt64, "-92233720368547758.08"}, {math.MaxInt64, "92233720368547758.07"},
	} {
		if got := tt.m.String(); got != tt.want {
			t.Errorf("Money(%d).String() = %q, want %q", int64(tt.m), got, tt.want)
		}
	}
}

func TestMoneyJSON(t *testing.T) {
	type rec struct {
		A poverty.Money `json:"a"`
	}
	b, err := json.Marshal(rec{poverty.MustParseMoney("4000.5")})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"a":"4000.50"}` {
		t.Errorf("marshal = %s", b)
	}
	var r rec
	if err := json.Unmarshal(b, &r); err != nil || r.A != 400050 {
		t.Errorf("round trip = %v, %v", r.A, err)
	}
	// A bare JSON number never reaches a float: encoding/json gives a text
	// unmarshaler only strings, so the number is a type error.
	var te *json.UnmarshalTypeError
	if err := json.Unmarshal([]byte(`{"a":4000.5}`), &r); !errors.As(err, &te) || r.A != 400050 {
		t.Errorf("bare JSON number accepted: %v, %v", r.A, err)
	}
	// JSON null leaves the value as it is, as for time and netip.
	if err := json.Unmarshal([]byte(`{"a":null}`), &r); err != nil || r.A != 400050 {
		t.Errorf("null = %v, %v; want the value unchanged", r.A, err)
	}
	if err := json.Unmarshal([]byte(`{"a":"4000.555"}`), &r); !errors.Is(err, poverty.ErrSyntax) {
		t.Errorf("three decimals accepted: %v", err)
	}
}

func TestMoneyChecked(t *testing.T) {
	big := poverty.Money(math.MaxInt64 - 1)
	if _, err := big.Add(2); !errors.Is(err, poverty.ErrOverflow) {
		t.Errorf("Add overflow not reported: %v", err)
	}
	if _, err := poverty.Money(math.MinInt64 + 1).Sub(2); !errors.Is(err, poverty.ErrOverflow) {
		t.Errorf("Sub overflow not reported: %v", err)
	}
	if _, err := big.Mul(2); !errors.Is(err, poverty.ErrOverflow) {
		t.Errorf("Mul overflow not reported: %v", err)
	}
	if _, err := poverty.Sum(big, big); !errors.Is(err, poverty.ErrOverflow) {
		t.Errorf("Sum overflow not reported: %v", err)
	}
	s, err := poverty.Sum(poverty.YuanAmount(30000), poverty.YuanAmount(70000))
	if err != nil || s != poverty.YuanAmount(100000) {
		t.Errorf("Sum = %v, %v", s, err)
	}
	if _, err := poverty.Money(1).Div(0, poverty.RoundHalfUp); !errors.Is(err, poverty.ErrRange) {
		t.Errorf("Div by zero: %v", err)
	}
	if _, err := poverty.Money(1).Div(3, 0); !errors.Is(err, poverty.ErrRounding) {
		t.Errorf("unset rounding accepted: %v", err)
	}
}

func TestRounding(t *testing.T) {
	// 5 fen / 2 = 2.5 fen; -5 / 2 = -2.5; 7 / 3 = 2.33; -7/3 = -2.33; 8/3 = 2.67
	type row struct{ num, den int64 }
	rows := []row{{5, 2}, {-5, 2}, {7, 3}, {-7, 3}, {8, 3}, {3, 2}}
	want := map[poverty.Rounding][]poverty.Money{
		poverty.RoundHalfUp:   {3, -3, 2, -2, 3, 2},
		poverty.RoundHalfEven: {2, -2, 2, -2, 3, 2},
		poverty.RoundDown:     {2, -2, 2, -2, 2, 1},
		poverty.RoundUp:       {3, -3, 3, -3, 3, 2},
		poverty.RoundFloor:    {2, -3, 2, -3, 2, 1},
		poverty.RoundCeiling:  {3, -2, 3, -2, 3, 2},
	}
	for mode, ws := range want {
		var got []poverty.Money
		for _, r := range rows {
			v, err := poverty.Money(r.num).Div(r.den, mode)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
		}
		if d := cmp.Diff(ws, got); d != "" {
			t.Errorf("%s (-want +got)\n%s", mode, d)
		}
		// The decimal edge conversion agrees with the integer one.
		for i, r := range rows {
			d := decimal.New(r.num, -2).Div(decimal.NewFromInt(r.den))
			// Only exact halves and thirds here; the decimal has 16 digits of precision.
			v, err := poverty.MoneyFromDecimal(d, mode)
			if err != nil {
				t.Fatal(err)
			}
			if v != ws[i] {
				t.Errorf("MoneyFromDecimal(%s, %s) = %v, want %v", d, mode, v, ws[i])
			}
		}
	}
}

func TestMulRate(t *testing.T) {
	line := poverty.YuanAmount(4000)
	got, err := line.MulRate(mustRate("1.5"), poverty.RoundHalfUp)
	if err != nil || got != poverty.YuanAmount(6000) {
		t.Errorf("4000 x 1.5 = %v, %v", got, err)
	}
	// 0.05 yuan x 0.5 = 0.025 -> half up 0.03, half even 0.02.
	for mode, want := range map[poverty.Rounding]poverty.Money{poverty.RoundHalfUp: 3, poverty.RoundHalfEven: 2} {
		got, _ := poverty.Money(5).MulRate(mustRate("0.5"), mode)
		if got != want {
			t.Errorf("%s: got %v want %v", mode, got, want)
		}
	}
	if _, err := poverty.Money(math.MaxInt64).MulRate(mustRate("2"), poverty.RoundHalfUp); !errors.Is(err, poverty.ErrOverflow) {
		t.Errorf("overflow not reported: %v", err)
	}
}

func TestDecimalRoundTrip(t *testing.T) {
	for _, s := range []string{"0.00", "1234.56", "-0.01", "10000000000000.00"} {
		m := poverty.MustParseMoney(s)
		back, err := poverty.MoneyFromDecimal(m.Decimal(), poverty.RoundHalfEven)
		if err != nil || back != m {
			t.Errorf("%s: round trip = %v, %v", s, back, err)
		}
	}
	if _, err := poverty.MoneyFromDecimal(decimal.RequireFromString("1e20"), poverty.RoundHalfUp); !errors.Is(err, poverty.ErrRange) {
		t.Errorf("huge decimal accepted: %v", err)
	}
}

func TestRate(t *testing.T) {
	tests := []struct {
		in   string
		want poverty.Rate
		err  error
	}{
		{"1.5", 1_500_000, nil},
		{"0.02", 20_000, nil},
		{"2%", 20_000, nil},
		{"29.4%", 294_000, nil},
		{"0.0000001", 0, poverty.ErrSyntax},
		{"+1", 0, poverty.ErrSyntax},
		{"1e2", 0, poverty.ErrSyntax},
		{"abc", 0, poverty.ErrSyntax},
		{"", 0, poverty.ErrSyntax},
	}
	for _, tt := range tests {
		got, err := poverty.ParseRate(tt.in)
		if !errors.Is(err, tt.err) || got != tt.want {
			t.Errorf("ParseRate(%q) = %v, %v; want %v, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
	r, _ := poverty.Ratio(18029, 61279, poverty.RoundHalfUp)
	if r.Percent() != "29.4212%" {
		t.Errorf("18029/61279 = %s", r.Percent())
	}
	if poverty.CompareRatio(2, 100, 2*poverty.Percent) != 0 || poverty.CompareRatio(3, 100, 2*poverty.Percent) != 1 {
		t.Error("CompareRatio wrong")
	}
	share, _ := poverty.MoneyRatio(poverty.YuanAmount(10000), poverty.YuanAmount(8000), poverty.RoundHalfUp)
	if share != mustRate("1.25") {
		t.Errorf("MoneyRatio = %v", share)
	}
}
