package children

import (
	"errors"
	"strconv"
	"strings"

	"github.com/openfupin/fupin/poverty"
)

// Sentinel errors of this package. Errors also wrap the sentinels of
// [poverty] where they fit: [poverty.ErrMissing] for a required field left
// empty, [poverty.ErrUnknownWord], [poverty.ErrSyntax], [poverty.ErrRange],
// [poverty.ErrDuplicate] and [poverty.ErrInvalidID]. Test with [errors.Is].
var (
	// ErrConflict reports two fields that disagree, such as a birth date
	// that differs from the one in the identity number.
	ErrConflict = errors.New("fields disagree")
	// ErrNotBorn reports a classification date before the child's birth.
	ErrNotBorn = errors.New("child not born on the date")
	// ErrIdentityKey reports a record key (a child's or parent's ID, a
	// household, township or village identifier) that looks like a resident
	// identity number: 14 or more digits in a row.
	// Keys are printed and logged; identity numbers belong in IDNumber.
	ErrIdentityKey = errors.New("record key looks like an identity number")
	// ErrUnknownScheme reports a scheme identifier or kind that the rules do not hold.
	ErrUnknownScheme = errors.New("unknown scheme")
)

// RecordError reports a bad value in one field of one record: a child in a
// registry or a line of a file, or a scheme in a rules file. Every text in
// it is masked: identity numbers never appear, whatever field they were
// found in (see [poverty.MaskID]).
type RecordError struct {
	Record string // the record's identifier, or its position such as "line 3"
	Line   int    // the line of the input, when decoding; 0 otherwise
	Field  string // the field path, such as "father.situation"
	Value  string // the offending value as text; may be empty
	Err    error  // the cause: a sentinel, or an error wrapping one
}

// Error returns the message, with every identity number masked.
func (e *RecordError) Error() string {
	var b strings.Builder
	b.WriteString("children: ")
	if e.Line > 0 {
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteString(": ")
	}
	if e.Record != "" {
		b.WriteString("record ")
		b.WriteString(strconv.Quote(e.Record))
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString("field ")
		b.WriteString(e.Field)
		if e.Value != "" {
			b.WriteString(" = ")
			b.WriteString(strconv.Quote(e.Value))
		}
		b.WriteString(": ")
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return poverty.MaskIDsIn(b.String())
}

// Unwrap returns the cause.
func (e *RecordError) Unwrap() error { return e.Err }
