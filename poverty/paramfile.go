package poverty

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// DecodeStrict decodes exactly one JSON value from data into v: unknown
// fields and anything after the value are errors. Errors wrap [ErrSyntax]
// and the decoder's own error (so that a sentinel such as
// [ErrUnknownRegion], raised while decoding a field, still matches with
// [errors.Is]); identity numbers in the message are masked. Every policy
// parameter file and record decoder of the module goes through it.
func DecodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: %w", ErrSyntax, maskedError{err})
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("%w: data after the JSON value", ErrSyntax)
	}
	return nil
}

// maskedError masks identity numbers in the text of the error it wraps.
type maskedError struct{ err error }

// Error returns the wrapped message with identity numbers masked.
func (m maskedError) Error() string { return MaskIDsIn(m.err.Error()) }

// Unwrap returns the wrapped error.
func (m maskedError) Unwrap() error { return m.err }

// ReadParamFile reads one parameter file of at most limit bytes from r,
// checks that its "schema" member is schema, and decodes it with
// [DecodeStrict] into v. Errors are *[FieldError] naming the file (name) and
// the field "file" (unreadable, too large, not strict JSON) or "schema" (a
// schema other than the one expected, wrapping [ErrUnknownWord]).
func ReadParamFile(r io.Reader, name string, limit int, schema string, v any) error {
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return &FieldError{Record: name, Field: "file", Err: err}
	}
	if len(data) > limit {
		return &FieldError{Record: name, Field: "file", Err: ErrRange}
	}
	var head struct {
		Schema string `json:"schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return &FieldError{Record: name, Field: "file", Err: fmt.Errorf("%w: %w", ErrSyntax, maskedError{err})}
	}
	if head.Schema != schema {
		return &FieldError{Record: name, Field: "schema", Value: head.Schema, Err: ErrUnknownWord}
	}
	if err := DecodeStrict(data, v); err != nil {
		return &FieldError{Record: name, Field: "file", Err: err}
	}
	return nil
}
