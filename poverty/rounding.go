package poverty

import "github.com/openfupin/fupin/internal/enum"

// Rounding names how a result that falls between two whole units is
// rounded. Every conversion that can lose precision takes one explicitly;
// the zero value is unset and is rejected with [ErrRounding], so that no
// rounding ever happens silently.
type Rounding uint8

// Rounding modes.
const (
	// RoundHalfUp rounds to nearest, halves away from zero (四舍五入).
	RoundHalfUp Rounding = iota + 1
	// RoundHalfEven rounds to nearest, halves to the even neighbour (banker's rounding).
	RoundHalfEven
	// RoundDown truncates toward zero.
	RoundDown
	// RoundUp rounds away from zero.
	RoundUp
	// RoundFloor rounds toward negative infinity.
	RoundFloor
	// RoundCeiling rounds toward positive infinity.
	RoundCeiling
)

var roundingWords = enum.New[Rounding](parseErr, "", "half_up", "half_even", "down", "up", "floor", "ceiling")

func (r Rounding) valid() bool { return r >= RoundHalfUp && r <= RoundCeiling }

// String returns the mode's stable word ("half_up", ...), or "Rounding(n)".
func (r Rounding) String() string {
	if r == 0 {
		return "Rounding(0)"
	}
	return roundingWords.String(r, "Rounding")
}

// MarshalText implements [encoding.TextMarshaler]; the unset mode is the
// empty word, so that marshalling never fails on the zero value.
func (r Rounding) MarshalText() ([]byte, error) { return roundingWords.Marshal(r, "rounding") }

// UnmarshalText implements [encoding.TextUnmarshaler]; the empty word is
// the unset mode (which every conversion still rejects with
// [ErrRounding]), and unknown words are [ErrUnknownWord].
func (r *Rounding) UnmarshalText(b []byte) error {
	i, err := roundingWords.ParseOrUnset(b, "rounding")
	*r = i
	return err
}

// roundAway reports whether a quotient q with remainder r (0 < r < c) of a
// division whose exact result is negative when neg must be moved one unit
// away from zero.
func (r Rounding) roundAway(neg bool, q, rem, c uint64) bool {
	switch r {
	case RoundDown:
		return false
	case RoundUp:
		return true
	case RoundFloor:
		return neg
	case RoundCeiling:
		return !neg
	}
	// Half modes: compare 2*rem with c without overflow.
	switch {
	case rem > c-rem:
		return true
	case rem < c-rem:
		return false
	}
	if r == RoundHalfEven {
		return q%2 == 1
	}
	return true
}
