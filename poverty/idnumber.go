package poverty

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/openfupin/fupin/internal/param"
)

// IDNumber is an 18-character resident identity number (居民身份证号码,
// GB 11643-1999): a six-digit division code, the eight-digit birth date, a
// three-digit sequence whose last digit is odd for men and even for women,
// and an ISO 7064 MOD 11-2 check character (0-9 or X).
//
// An IDNumber is personal data. It is masked whenever it is printed, logged,
// marshalled or put in an error: [IDNumber.String], fmt verbs, slog and JSON
// all show "530627********123X". The full number is returned only by
// [IDNumber.Unmasked], for storage the caller controls.
//
// The zero value is no number; [IDNumber.IsZero] reports it.
type IDNumber struct {
	s [18]byte
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// ParseIDNumber validates s as a GB 11643 resident identity number: 18
// characters, digits and a final check character (a lower-case x is
// accepted), a known province prefix, a real birth date, and a correct check
// character. Errors are *[ParseError] wrapping [ErrInvalidID] whose Input is
// masked; the message says which part failed: the length, a character that
// is not a digit, the region code, the birth date or the check character
// ("poverty: parse identity number "110105********002X": invalid resident
// identity number: check character").
func ParseIDNumber(s string) (IDNumber, error) {
	var id IDNumber
	bad := func(part error) (IDNumber, error) {
		return IDNumber{}, &ParseError{What: "identity number", Input: param.MaskID(s), Err: part}
	}
	if len(s) != 18 {
		return bad(errIDLength)
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return bad(errIDDigits)
		}
		id.s[i] = c
		sum += int(c-'0') * idWeights[i]
	}
	if !Region((id.s[0]-'0')*10 + id.s[1] - '0').IsProvince() {
		return bad(errIDRegion)
	}
	if _, err := id.birthDate(); err != nil {
		return bad(errIDBirth)
	}
	last := s[17]
	if last == 'x' {
		last = 'X'
	}
	if last != idCheckChars[sum%11] {
		return bad(errIDCheck)
	}
	id.s[17] = last
	return id, nil
}

// The parts of an identity number that can fail, each wrapping
// [ErrInvalidID].
var (
	errIDLength = fmt.Errorf("%w: not 18 characters", ErrInvalidID)
	errIDDigits = fmt.Errorf("%w: a character of the first 17 is not a digit", ErrInvalidID)
	errIDRegion = fmt.Errorf("%w: region code", ErrInvalidID)
	errIDBirth  = fmt.Errorf("%w: birth date", ErrInvalidID)
	errIDCheck  = fmt.Errorf("%w: check character", ErrInvalidID)
)

func (id IDNumber) birthDate() (Date, error) {
	y, _ := atoiFixed(string(id.s[6:10]))
	m, _ := atoiFixed(string(id.s[10:12]))
	d, _ := atoiFixed(string(id.s[12:14]))
	if y < 1900 {
		return Date{}, ErrRange
	}
	return DateOf(y, time.Month(m), d)
}

// IsZero reports whether id is the zero IDNumber.
func (id IDNumber) IsZero() bool { return id.s[0] == 0 }

// BirthDate returns the birth date encoded in the number; the zero Date for
// the zero IDNumber.
func (id IDNumber) BirthDate() Date {
	if id.IsZero() {
		return Date{}
	}
	d, _ := id.birthDate()
	return d
}

// Sex returns the sex encoded in the 17th digit: odd for male, even for female.
func (id IDNumber) Sex() Sex {
	if id.IsZero() {
		return SexUnknown
	}
	if (id.s[16]-'0')%2 == 1 {
		return Male
	}
	return Female
}

// Province returns the province of the registering division.
func (id IDNumber) Province() Region {
	if id.IsZero() {
		return National
	}
	return Region((id.s[0]-'0')*10 + id.s[1] - '0')
}

// Unmasked returns the full 18 characters. Use it only to store the number
// where the caller controls access; never print or log it.
func (id IDNumber) Unmasked() string {
	if id.IsZero() {
		return ""
	}
	return string(id.s[:])
}

// String returns the masked number: the six-digit division code, eight
// asterisks in place of the birth date, and the last four characters.
func (id IDNumber) String() string {
	if id.IsZero() {
		return ""
	}
	b := id.s
	for i := 6; i < 14; i++ {
		b[i] = '*'
	}
	return string(b[:])
}

// GoString returns the masked number, so that %#v does not reveal it.
func (id IDNumber) GoString() string { return "poverty.IDNumber(" + id.String() + ")" }

// LogValue implements [slog.LogValuer] with the masked number.
func (id IDNumber) LogValue() slog.Value { return slog.StringValue(id.String()) }

// MarshalText implements [encoding.TextMarshaler] with the masked number.
// Masked text does not parse back; store [IDNumber.Unmasked] where a round
// trip is needed.
func (id IDNumber) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseIDNumber];
// empty text is the zero IDNumber.
func (id *IDNumber) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*id = IDNumber{}
		return nil
	}
	v, err := ParseIDNumber(string(b))
	if err != nil {
		return err
	}
	*id = v
	return nil
}

// MaskIDsIn masks every run of 14 or more identity-number characters (digits,
// X or x) in free text, keeping at most the first six and the last four
// characters of each, and keeping shorter digit runs (dates,
// counts, division codes). Error messages of this module pass their values
// through it, so that no resident identity number, 18 characters or the old
// 15-digit form, leaves in an error text whichever field it was typed into.
func MaskIDsIn(s string) string { return param.MaskIDsIn(s) }
