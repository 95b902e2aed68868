package poverty

// Words is the word table of an enumeration whose zero value is unset:
// index 0 is the unset word, the others are the stable snake_case words used
// in JSON, CSV and reason texts. Every enumeration of the module (here and in
// risk, children and labor) is built on it, so that all have the same String,
// MarshalText and UnmarshalText behaviour and the same errors.
type Words []string

// Word returns the word for value i, or "typ(i)" when i is out of range.
func (w Words) Word(i int, typ string) string {
	if i >= 0 && i < len(w) {
		return w[i]
	}
	return typ + "(" + itoa(i) + ")"
}

// Marshal returns the word for i, rejecting the unset value and values out of
// range with a *[ParseError] wrapping [ErrUnknownWord], so that text never
// carries a word that does not parse back.
func (w Words) Marshal(i int, what string) ([]byte, error) {
	if i <= 0 || i >= len(w) {
		return nil, &ParseError{What: what, Input: w.Word(i, what), Err: ErrUnknownWord}
	}
	return []byte(w[i]), nil
}

// Parse returns the value of a word other than the unset one; anything else
// is a *[ParseError] wrapping [ErrUnknownWord].
func (w Words) Parse(b []byte, what string) (int, error) {
	for i := 1; i < len(w); i++ {
		if w[i] == string(b) {
			return i, nil
		}
	}
	return 0, &ParseError{What: what, Input: MaskIDsIn(string(b)), Err: ErrUnknownWord}
}

// ParseOrUnset is Parse that also accepts empty text and the unset word, for
// enumerations whose unset value is a legitimate answer ("unknown").
func (w Words) ParseOrUnset(b []byte, what string) (int, error) {
	if len(b) == 0 || string(b) == w[0] {
		return 0, nil
	}
	return w.Parse(b, what)
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

var conceptWords = Words{"unknown", "net_income", "disposable_income", "not_stated"}

// String returns the stable word: "net_income", "disposable_income", "not_stated".
func (c IncomeConcept) String() string { return conceptWords.Word(int(c), "IncomeConcept") }

// MarshalText implements [encoding.TextMarshaler].
func (c IncomeConcept) MarshalText() ([]byte, error) {
	return conceptWords.Marshal(int(c), "income concept")
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

var sexWords = Words{"unknown", "female", "male"}

// String returns "female", "male" or "unknown".
func (s Sex) String() string { return sexWords.Word(int(s), "Sex") }

// MarshalText implements [encoding.TextMarshaler]; SexUnknown is "unknown".
func (s Sex) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are SexUnknown.
func (s *Sex) UnmarshalText(b []byte) error {
	i, err := sexWords.ParseOrUnset(b, "sex")
	*s = Sex(i)
	return err
}
