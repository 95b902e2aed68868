package poverty

import (
	"math/big"
	"strconv"

	"github.com/shopspring/decimal"
)

// Rate is an exact ratio, multiplier or share, counted in parts per million:
// 1.5 times a line is Rate(1_500_000), 2% is Rate(20_000). Rates in policy
// data (the 1.5 times multiplier, the 2% incidence cut-off) are exact in
// this form; a rate with finer precision is rounded with a named mode when
// it is converted from a decimal.
//
// The zero value is a rate of zero. Rate marshals to text and JSON as a
// decimal string of the ratio ("1.5", "0.02").
type Rate int64

// RateScale is the number of Rate units in a ratio of one.
const RateScale = 1_000_000

// Common rates.
const (
	Percent Rate = RateScale / 100
	One     Rate = RateScale
)

// ParseRate parses a ratio written as a decimal ("1.5", "0.02") or as a
// percentage with a '%' suffix ("2%", "29.4%"). More precision than one part
// per million is [ErrSyntax]; use [RateFromDecimal] to round.
func ParseRate(s string) (Rate, error) {
	t, pct := s, false
	if len(t) > 0 && t[len(t)-1] == '%' {
		t, pct = t[:len(t)-1], true
	}
	d, err := decimal.NewFromString(t)
	if err != nil || t == "" || t[0] == '+' || t[0] == '.' || t[len(t)-1] == '.' || containsAny(t, "eE ") {
		return 0, &ParseError{What: "rate", Input: s, Err: ErrSyntax}
	}
	if pct {
		d = d.Shift(-2)
	}
	if !d.Shift(6).IsInteger() {
		return 0, &ParseError{What: "rate", Input: s, Err: ErrSyntax}
	}
	v, err := decimalToScaled(d, 6, RoundDown, 1_000_000*RateScale)
	if err != nil {
		return 0, &ParseError{What: "rate", Input: s, Err: err}
	}
	return Rate(v), nil
}

// RateFromDecimal converts a ratio to a Rate, rounding to whole parts per
// million with mode.
func RateFromDecimal(d decimal.Decimal, mode Rounding) (Rate, error) {
	v, err := decimalToScaled(d, 6, mode, 1_000_000*RateScale)
	return Rate(v), err
}

// Decimal returns r as an exact [decimal.Decimal] ratio.
func (r Rate) Decimal() decimal.Decimal { return decimal.New(int64(r), -6) }

// Float64 returns r as a float64 ratio, for statistics and display only.
func (r Rate) Float64() float64 { return float64(r) / RateScale }

// String returns the ratio as a short decimal: "1.5", "0.02", "0".
func (r Rate) String() string { return r.Decimal().String() }

// Percent returns r as a percentage string with up to four decimals: "2%",
// "29.4%".
func (r Rate) Percent() string { return r.Decimal().Shift(2).String() + "%" }

// MarshalText implements [encoding.TextMarshaler].
func (r Rate) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseRate].
func (r *Rate) UnmarshalText(b []byte) error {
	v, err := ParseRate(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// Ratio returns num/den as a Rate rounded with mode; a zero or negative den
// is [ErrRange]. It is how counts become incidences and shares.
func Ratio(num, den int64, mode Rounding) (Rate, error) {
	if den <= 0 {
		return 0, ErrRange
	}
	q, err := mulDiv(num, RateScale, den, mode)
	return Rate(q), err
}

// CompareRatio compares the exact ratio num/den with r and returns -1, 0 or
// +1, without rounding: the comparison behind "incidence below 2%". A zero or
// negative den is treated as an empty population and compares as zero.
func CompareRatio(num, den int64, r Rate) int {
	if den <= 0 {
		return big.NewInt(0).Cmp(big.NewInt(int64(r)))
	}
	lhs := new(big.Int).Mul(big.NewInt(num), big.NewInt(RateScale))
	rhs := new(big.Int).Mul(big.NewInt(int64(r)), big.NewInt(den))
	return lhs.Cmp(rhs)
}

func containsAny(s, chars string) bool {
	for i := 0; i < len(s); i++ {
		for j := 0; j < len(chars); j++ {
			if s[i] == chars[j] {
				return true
			}
		}
	}
	return false
}

func itoa(n int) string { return strconv.Itoa(n) }
