package poverty

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/openfupin/fupin/internal/param"
)

// Sentinel errors. Every error this package returns wraps one of them, so
// callers test with [errors.Is] and never match message text.
var (
	// ErrSyntax reports text that is not in the expected form.
	ErrSyntax = param.ErrSyntax
	// ErrRange reports a value outside the range this package accepts.
	ErrRange = param.ErrRange
	// ErrNegative reports a negative value where only zero or more is allowed.
	ErrNegative = errors.New("negative value not allowed")
	// ErrOverflow reports arithmetic whose result does not fit in [Money] or [Rate].
	ErrOverflow = errors.New("arithmetic overflow")
	// ErrRounding reports an unset or unknown [Rounding] mode.
	ErrRounding = errors.New("rounding mode not set")
	// ErrUnknownRegion reports a division code that is not a known province.
	ErrUnknownRegion = errors.New("unknown region")
	// ErrUnknownYear reports a year for which no value is known.
	ErrUnknownYear = errors.New("no value for year")
	// ErrUnconfirmed reports a value whose status is UNCONFIRMED; it is never
	// returned as fact. Supply your own value with [Table.Overlay].
	ErrUnconfirmed = errors.New("value unconfirmed")
	// ErrSecondary reports a SECONDARY value asked for without
	// [LookupOptions.AcceptSecondary].
	ErrSecondary = errors.New("value only from a secondary source")
	// ErrConceptMismatch reports a comparison between figures of different
	// income concepts (net income and disposable income).
	ErrConceptMismatch = errors.New("income concepts differ")
	// ErrNoResidents reports a household with no resident member.
	ErrNoResidents = errors.New("household has no resident member")
	// ErrInvalidID reports a resident identity number that fails GB 11643.
	ErrInvalidID = errors.New("invalid resident identity number")
	// ErrIncompleteWindow reports a monthly income window with months missing.
	ErrIncompleteWindow = errors.New("income window incomplete")
	// ErrMissing reports a required field left empty.
	ErrMissing = errors.New("required value missing")
	// ErrUnknownWord reports an enumeration word this package does not know.
	ErrUnknownWord = param.ErrUnknownWord
	// ErrDuplicate reports a record that appears twice where keys must be unique.
	ErrDuplicate = errors.New("duplicate record")
	// ErrOutOfScope reports a LOCAL value asked for outside the region it
	// belongs to (see [Provenance.Serve]).
	ErrOutOfScope = errors.New("value local to another region")
	// ErrNotInForce reports a rule or document asked for on a date outside
	// its effective period.
	ErrNotInForce = errors.New("not in force")
)

// ParseError reports text that could not be parsed as a value of this
// package. Input is the offending text, already masked when it may be a
// resident identity number; the message masks any run of identity-number
// characters in it again ([MaskIDsIn]).
type ParseError struct {
	Op    string // the package (and operation) that parsed: "risk", "children.Decode"; "" is "poverty"
	What  string // what was being parsed: "money", "rate", "date", "region", ...
	Input string // the text, quoted in the message
	Err   error  // one of the sentinel errors
}

// Error returns "<op>: parse <what> <input>: <cause>", op "poverty" when
// Op is empty.
func (e *ParseError) Error() string {
	return opOr(e.Op) + ": parse " + e.What + " " + strconv.Quote(MaskIDsIn(e.Input)) + ": " + e.Err.Error()
}

// opOr returns op, or "poverty" when op is empty.
func opOr(op string) string {
	if op == "" {
		return "poverty"
	}
	return op
}

// Unwrap returns the underlying sentinel error.
func (e *ParseError) Unwrap() error { return e.Err }

// FieldError reports a bad value in one field of one record: a household,
// a member, a parameter record. Value is already masked when it holds a
// resident identity number.
type FieldError struct {
	Op     string // the package and operation: "risk.LoadParams", "children.Classify"; "" is "poverty"
	Record string // the record's identifier, or its position such as "record 3"
	Field  string // the field path, such as "members[1].birth_date"
	Value  string // the offending value as text; may be empty
	Err    error  // the cause; usually a sentinel or a *ParseError
}

// Error returns "<op>: record <id>: field <name> = <value>: <cause>" (op
// "poverty" when Op is empty),
// with identity numbers masked in the record and the value (a record keyed
// by an identity number is named masked).
func (e *FieldError) Error() string {
	s := opOr(e.Op) + ": record " + strconv.Quote(MaskIDsIn(e.Record)) + ": field " + e.Field
	if e.Value != "" {
		s += " = " + strconv.Quote(MaskIDsIn(e.Value))
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *FieldError) Unwrap() error { return e.Err }

// conceptErr is the error of a figure compared with a line of another
// income concept: it names both ("figure net_income, line
// disposable_income") and wraps [ErrConceptMismatch].
func conceptErr(figure IncomeConcept, what string, line IncomeConcept) error {
	return fmt.Errorf("%w: figure %s, %s %s", ErrConceptMismatch, figure, what, line)
}

// withOp sets op on err when it is a *FieldError without one, and returns
// err. The errors it touches are new values of this package's own making.
func withOp(op string, err error) error {
	if fe, ok := err.(*FieldError); ok && fe.Op == "" {
		fe.Op = op
	}
	return err
}

// LookupError reports a parameter lookup that found no usable value.
type LookupError struct {
	Kind   Kind   // what was looked up
	Year   int    // the year asked for
	Region Region // the region asked for
	Err    error  // ErrUnknownYear, ErrUnconfirmed, ErrSecondary, ...
	Note   string // what the data say about the gap, if anything
}

// Error returns "poverty: <kind> for <year> in region <r>: <cause> (<note>)".
func (e *LookupError) Error() string {
	s := fmt.Sprintf("poverty: %s for %d in region %q: %v", e.Kind, e.Year, e.Region.String(), e.Err)
	if e.Note != "" {
		s += " (" + e.Note + ")"
	}
	return s
}

// Unwrap returns the underlying sentinel error.
func (e *LookupError) Unwrap() error { return e.Err }
