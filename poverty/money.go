package poverty

import (
	"math"
	"math/bits"
	"strconv"

	"github.com/shopspring/decimal"
)

// Money is an exact amount of renminbi, counted in fen (分, 1/100 yuan).
//
// Money is shaped like [time.Duration]: an int64 count of the smallest unit,
// with constants for the larger ones, so that == works, values are map keys,
// and arithmetic on ordinary amounts is plain integer arithmetic. Amounts whose
// sums could overflow use the checked methods [Money.Add], [Sum] and
// [Money.Mul]. The zero value is zero yuan.
//
// Money marshals to text, and so to JSON, as a decimal string with two
// places ("1234.56"), never as a float; a bare JSON number is rejected when
// decoding (encoding/json gives a text unmarshaler only strings).
type Money int64

// Units of [Money].
const (
	Fen  Money = 1
	Jiao Money = 10 * Fen
	Yuan Money = 100 * Fen
)

// MaxAmount is the largest magnitude [ParseMoney] and the decoders accept:
// ten trillion yuan, far beyond any household or county figure, and small
// enough that sums of millions of such values still fit in an int64.
const MaxAmount Money = 10_000_000_000_000 * Yuan

// YuanAmount returns n whole yuan. It does not check for overflow; use it for
// literals and table values.
func YuanAmount(n int64) Money { return Money(n) * Yuan }

// String returns the amount in yuan with exactly two decimals: "1234.56",
// "-0.05", "0.00".
func (m Money) String() string {
	var buf [24]byte
	return string(m.appendTo(buf[:0]))
}

// Append appends the text form of m to b, as [Money.String] returns it,
// without allocating when b has room.
func (m Money) Append(b []byte) []byte { return m.appendTo(b) }

func (m Money) appendTo(b []byte) []byte {
	u := uint64(m)
	if m < 0 {
		b = append(b, '-')
		u = -u
	}
	b = strconv.AppendUint(b, u/100, 10)
	f := u % 100
	return append(b, '.', byte('0'+f/10), byte('0'+f%10))
}

// Yuan returns the amount in yuan as a float64, for statistics and display
// only. Policy arithmetic never uses it.
func (m Money) Yuan() float64 { return float64(m) / 100 }

// ParseMoney parses an amount in yuan: an optional '-', one or more digits,
// and optionally a '.' followed by one or two digits ("1234", "1234.5",
// "-0.05"). It rejects more than two decimals, a '+' sign, grouping
// separators, exponents, spaces and magnitudes above [MaxAmount]. Errors are
// *[ParseError] wrapping [ErrSyntax] or [ErrRange].
func ParseMoney(s string) (Money, error) {
	m, err := parseMoney(s)
	if err != nil {
		return 0, &ParseError{What: "money", Input: s, Err: err}
	}
	return m, nil
}

// MustParseMoney is like [ParseMoney] but panics on error. It is for tests
// and literal tables.
func MustParseMoney(s string) Money {
	m, err := ParseMoney(s)
	if err != nil {
		panic(err)
	}
	return m
}

func parseMoney(s string) (Money, error) {
	i, neg := 0, false
	if i < len(s) && s[i] == '-' {
		neg, i = true, 1
	}
	start := i
	// Syntax is checked to the end before range, so that a long text
	// that is not an amount at all is ErrSyntax, not ErrRange.
	var units uint64
	big := false
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		if units > uint64(MaxAmount/Yuan) {
			big = true
			continue
		}
		units = units*10 + uint64(s[i]-'0')
	}
	if i == start {
		return 0, ErrSyntax
	}
	var frac uint64
	if i < len(s) && s[i] == '.' {
		i++
		n := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			if n == 2 {
				return 0, ErrSyntax // more than two decimals
			}
			frac = frac*10 + uint64(s[i]-'0')
			n++
		}
		if n == 0 {
			return 0, ErrSyntax
		}
		if n == 1 {
			frac *= 10
		}
	}
	if i != len(s) {
		return 0, ErrSyntax
	}
	if big || units > uint64(MaxAmount/Yuan) {
		return 0, ErrRange
	}
	v := Money(units*100 + frac)
	if v > MaxAmount {
		return 0, ErrRange
	}
	if neg {
		v = -v
	}
	return v, nil
}

// MarshalText implements [encoding.TextMarshaler]; the text is [Money.String].
func (m Money) MarshalText() ([]byte, error) { return m.appendTo(nil), nil }

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseMoney].
func (m *Money) UnmarshalText(b []byte) error {
	v, err := ParseMoney(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Add returns m+n, or [ErrOverflow] if the sum does not fit in an int64.
func (m Money) Add(n Money) (Money, error) {
	s := m + n
	if (s > m) != (n > 0) {
		return 0, ErrOverflow
	}
	return s, nil
}

// Sub returns m-n, or [ErrOverflow] if the difference does not fit.
func (m Money) Sub(n Money) (Money, error) {
	s := m - n
	if (s < m) != (n > 0) {
		return 0, ErrOverflow
	}
	return s, nil
}

// Mul returns m*k, or [ErrOverflow] if the product does not fit.
func (m Money) Mul(k int64) (Money, error) {
	if m == 0 || k == 0 {
		return 0, nil
	}
	p := int64(m) * k
	if p/k != int64(m) || (k == -1 && m == math.MinInt64) {
		return 0, ErrOverflow
	}
	return Money(p), nil
}

// Sum adds the amounts, reporting [ErrOverflow] instead of wrapping around.
func Sum(amounts ...Money) (Money, error) {
	var s Money
	for _, a := range amounts {
		var err error
		if s, err = s.Add(a); err != nil {
			return 0, err
		}
	}
	return s, nil
}

// Div divides m by n persons, months or shares and rounds the quotient to
// whole fen with mode. Division by zero or a negative n is [ErrRange].
func (m Money) Div(n int64, mode Rounding) (Money, error) {
	if n <= 0 {
		return 0, ErrRange
	}
	q, err := mulDiv(int64(m), 1, n, mode)
	return Money(q), err
}

// MulRate returns m times r, rounded to whole fen with mode: the way a
// multiplier such as 1.5 times a line, or a percentage of an income, is
// applied. The intermediate product is exact (128 bits).
func (m Money) MulRate(r Rate, mode Rounding) (Money, error) {
	q, err := mulDiv(int64(m), int64(r), RateScale, mode)
	return Money(q), err
}

// Decimal returns m in yuan as a [decimal.Decimal], exactly.
func (m Money) Decimal() decimal.Decimal { return decimal.New(int64(m), -2) }

// MoneyFromDecimal converts an amount in yuan to Money, rounding to whole
// fen with mode. Values beyond [MaxAmount] are [ErrRange].
func MoneyFromDecimal(d decimal.Decimal, mode Rounding) (Money, error) {
	v, err := decimalToScaled(d, 2, mode, int64(MaxAmount))
	return Money(v), err
}

// MoneyRatio returns num/den as a [Rate] rounded with mode: the share of one
// amount in another, such as out-of-pocket spending as a share of income.
func MoneyRatio(num, den Money, mode Rounding) (Rate, error) {
	if den == 0 {
		return 0, ErrRange
	}
	if den < 0 {
		num, den = -num, -den
	}
	q, err := mulDiv(int64(num), RateScale, int64(den), mode)
	return Rate(q), err
}

// mulDiv returns a*b/c rounded with mode, with an exact 128-bit
// intermediate. c must be positive.
func mulDiv(a, b, c int64, mode Rounding) (int64, error) {
	if c <= 0 {
		return 0, ErrRange
	}
	if !mode.valid() {
		return 0, ErrRounding
	}
	neg := (a < 0) != (b < 0)
	ua, ub := absU(a), absU(b)
	hi, lo := bits.Mul64(ua, ub)
	if hi >= uint64(c) {
		return 0, ErrOverflow
	}
	q, r := bits.Div64(hi, lo, uint64(c))
	if r != 0 && mode.roundAway(neg, q, r, uint64(c)) {
		q++
	}
	if neg {
		if q > 1<<63 {
			return 0, ErrOverflow
		}
		return -int64(q), nil
	}
	if q > math.MaxInt64 {
		return 0, ErrOverflow
	}
	return int64(q), nil
}

func absU(a int64) uint64 {
	if a < 0 {
		return -uint64(a)
	}
	return uint64(a)
}

// decimalToScaled converts d to an integer count of 10^-scale units, rounded
// with mode, within ±limit.
func decimalToScaled(d decimal.Decimal, scale int32, mode Rounding, limit int64) (int64, error) {
	if !mode.valid() {
		return 0, ErrRounding
	}
	s := d.Shift(scale)
	var r decimal.Decimal
	switch mode {
	case RoundHalfUp:
		r = s.Round(0)
	case RoundHalfEven:
		r = s.RoundBank(0)
	case RoundDown:
		r = s.Truncate(0)
	case RoundUp:
		r = s.RoundUp(0)
	case RoundFloor:
		r = s.RoundFloor(0)
	case RoundCeiling:
		r = s.RoundCeil(0)
	}
	if r.Abs().Cmp(decimal.NewFromInt(limit)) > 0 {
		return 0, ErrRange
	}
	return r.IntPart(), nil
}
