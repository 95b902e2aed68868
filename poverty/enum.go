package poverty

import "github.com/openfupin/fupin/internal/enum"

// parseErr is the error of an enumeration word that is not in its table.
func parseErr(what, input string) error {
	return &ParseError{What: what, Input: MaskIDsIn(input), Err: ErrUnknownWord}
}

// IncomeConcept is the income concept a figure or threshold is measured in.
// The library never converts one concept into the other; comparing figures of
// different concepts is [ErrConceptMismatch] unless the caller relabels one
// explicitly with [Figure.As].
type IncomeConcept uint8

// Income concepts. ConceptUnknown is the zero value and marks a figure whose
// concept was never set.
const (
	ConceptUnknown IncomeConcept = iota
	// NetIncome is 纯收入: the pre-2013 NBS rural net income, and the
	// administrative per-capita net income of the registration and monitoring
	// systems.
	NetIncome
	// DisposableIncome is 可支配收入: the NBS concept from 2013, the sum of the
	// four components.
	DisposableIncome
	// ConceptNotStated marks a threshold whose source does not say which
	// concept it uses. It can be compared with figures of either concept;
	// the comparison's reason says so.
	ConceptNotStated
)

var conceptWords = enum.New[IncomeConcept](parseErr, "unknown", "net_income", "disposable_income", "not_stated")

// String returns the stable word: "net_income", "disposable_income", "not_stated".
func (c IncomeConcept) String() string { return conceptWords.String(c, "IncomeConcept") }

// MarshalText implements [encoding.TextMarshaler].
func (c IncomeConcept) MarshalText() ([]byte, error) {
	return conceptWords.Marshal(c, "income concept")
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (c *IncomeConcept) UnmarshalText(b []byte) error {
	i, err := conceptWords.Parse(b, "income concept")
	*c = IncomeConcept(i)
	return err
}

// comparable reports whether figures of concepts a and b may be compared.
func (c IncomeConcept) comparable(d IncomeConcept) bool {
	if c == ConceptUnknown || d == ConceptUnknown {
		return false
	}
	return c == d || c == ConceptNotStated || d == ConceptNotStated
}

// Sex is a person's sex as recorded in the resident identity number.
type Sex uint8

// Sexes. SexUnknown is the zero value.
const (
	SexUnknown Sex = iota
	Female
	Male
)

var sexWords = enum.New[Sex](parseErr, "unknown", "female", "male")

// String returns "female", "male" or "unknown".
func (s Sex) String() string { return sexWords.String(s, "Sex") }

// MarshalText implements [encoding.TextMarshaler]; SexUnknown is "unknown".
// A value out of range (only a conversion makes one) is an error, as for
// every enumeration, so that what marshals parses back.
func (s Sex) MarshalText() ([]byte, error) { return sexWords.Marshal(s, "sex") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are SexUnknown.
func (s *Sex) UnmarshalText(b []byte) error {
	i, err := sexWords.ParseOrUnset(b, "sex")
	*s = Sex(i)
	return err
}
