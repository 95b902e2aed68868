package children

import (
	"errors"

	"github.com/openfupin/fupin/poverty"
)

// Sentinel errors of this package. Errors also wrap the sentinels of
// [poverty] where they fit: [poverty.ErrMissing] for a required field left
// empty, [poverty.ErrUnknownWord], [poverty.ErrSyntax], [poverty.ErrRange],
// [poverty.ErrDuplicate] and [poverty.ErrInvalidID]. Test with [errors.Is].
//
// A bad value in one field of one record (a child, a line of a file, a
// scheme or parameter of a rules file) is a *[poverty.FieldError] whose Op
// names this package and the operation ("children.Classify",
// "children.Decode", "children.LoadRules", ...), so that every message
// starts with "children". Its Record, Value and cause are masked: identity
// numbers never appear, whatever field they were found in (see
// [poverty.MaskIDsIn]). A decoding error names the line in its Record ("line
// 3", or "line 3 c-17" when the child's ID could be read).
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

// fieldErr returns a *poverty.FieldError of the operation op ("Classify":
// the message starts "children.Classify"), with identity numbers masked in
// the record and the value.
func fieldErr(op, record, field, value string, err error) error {
	return &poverty.FieldError{Op: "children." + op, Record: poverty.MaskIDsIn(record), Field: field,
		Value: poverty.MaskIDsIn(value), Err: err}
}

// withOp stamps the operation on a *poverty.FieldError that has none (or
// that another operation of this package built, such as Validate's inside
// Classify); other errors pass unchanged.
func withOp(op string, err error) error {
	var fe *poverty.FieldError
	if errors.As(err, &fe) {
		fe.Op = "children." + op
	}
	return err
}
