package poverty

// words is the word table of an enumeration whose zero value is unset: index
// 0 is the unset word, the others are the stable words used in JSON, CSV and
// reason texts. The enumerations of this package share it so that each has
// the same String, MarshalText and UnmarshalText behaviour.
type words []string

func (w words) str(i int, typ string) string {
	if i >= 0 && i < len(w) {
		return w[i]
	}
	return typ + "(" + itoa(i) + ")"
}

func (w words) marshal(i int, typ string) ([]byte, error) {
	if i <= 0 || i >= len(w) {
		return nil, &ParseError{What: typ, Input: w.str(i, typ), Err: ErrUnknownWord}
	}
	return []byte(w[i]), nil
}

// parseOrUnset is parse that also accepts "" and the unset word, for
// enumerations whose unset value is a legitimate answer ("unknown").
func (w words) parseOrUnset(b []byte, typ string) (int, error) {
	if len(b) == 0 || string(b) == w[0] {
		return 0, nil
	}
	return w.parse(b, typ)
}

func (w words) parse(b []byte, typ string) (int, error) {
	for i := 1; i < len(w); i++ {
		if w[i] == string(b) {
			return i, nil
		}
	}
	return 0, &ParseError{What: typ, Input: string(b), Err: ErrUnknownWord}
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

var conceptWords = words{"unknown", "net_income", "disposable_income", "not_stated"}

// String returns the stable word: "net_income", "disposable_income", "not_stated".
func (c IncomeConcept) String() string { return conceptWords.str(int(c), "IncomeConcept") }

// MarshalText implements [encoding.TextMarshaler].
func (c IncomeConcept) MarshalText() ([]byte, error) {
	return conceptWords.marshal(int(c), "income concept")
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (c *IncomeConcept) UnmarshalText(b []byte) error {
	i, err := conceptWords.parse(b, "income concept")
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

// SourceStatus is how well a policy value is sourced, as POLICY.md rates it.
type SourceStatus uint8

// Source statuses. StatusUnset is the zero value.
const (
	SourceUnset SourceStatus = iota
	// Confirmed: a primary or official document, or a government or statistics page.
	Confirmed
	// Secondary: one non-official source. Returned only with
	// [LookupOptions.AcceptSecondary].
	Secondary
	// Unconfirmed: no source found. Never returned as fact.
	Unconfirmed
	// Approximate: rounded values of unknown vintage (PPP factors).
	Approximate
	// Supplied: a value from the caller's own parameter file (a provincial
	// circular, a county's own line) that the library's sources do not
	// cover. Lookups return it like a confirmed value; its Source and the
	// threshold's Origin say where it came from.
	Supplied
)

var sourceWords = words{"unset", "CONFIRMED", "SECONDARY", "UNCONFIRMED", "APPROXIMATE", "SUPPLIED"}

// String returns "CONFIRMED", "SECONDARY", "UNCONFIRMED", "APPROXIMATE" or "SUPPLIED".
func (s SourceStatus) String() string { return sourceWords.str(int(s), "SourceStatus") }

// MarshalText implements [encoding.TextMarshaler].
func (s SourceStatus) MarshalText() ([]byte, error) { return sourceWords.marshal(int(s), "status") }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *SourceStatus) UnmarshalText(b []byte) error {
	i, err := sourceWords.parse(b, "status")
	*s = SourceStatus(i)
	return err
}

// Sex is a person's sex as recorded in the resident identity number.
type Sex uint8

// Sexes. SexUnknown is the zero value.
const (
	SexUnknown Sex = iota
	Female
	Male
)

var sexWords = words{"unknown", "female", "male"}

// String returns "female", "male" or "unknown".
func (s Sex) String() string { return sexWords.str(int(s), "Sex") }

// MarshalText implements [encoding.TextMarshaler]; SexUnknown is "unknown".
func (s Sex) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are SexUnknown.
func (s *Sex) UnmarshalText(b []byte) error {
	i, err := sexWords.parseOrUnset(b, "sex")
	*s = Sex(i)
	return err
}
