package children

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/openfupin/fupin/poverty"
)

// maxLineBytes bounds one line of a child file read by [Decoder]: 64 KiB.
const maxLineBytes = 64 << 10

// Decoder reads children from JSON Lines (make one with [NewDecoder]; the
// zero Decoder is not usable): one JSON object per line in the
// schema of [Child] (the field names of its JSON tags), blank lines
// skipped. Decoding is strict: unknown fields, unknown words, malformed
// dates and identity numbers that fail GB 11643 are errors, and every
// decoded child is validated. Errors are *[poverty.FieldError] of
// "children.Decode" whose Record is the line and, when it could be read,
// the child's ID ("line 3 c-17"), with the field; identity numbers are
// masked in all of them.
//
// The identity numbers a file holds are read in full (the JSON form of
// [poverty.IDNumber] written by this library is masked and does not parse
// back: write [poverty.IDNumber.Unmasked] where a round trip is needed).
type Decoder struct {
	sc   *bufio.Scanner
	line int
}

// NewDecoder returns a decoder reading from r.
func NewDecoder(r io.Reader) *Decoder {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLineBytes)
	return &Decoder{sc: sc}
}

// Next decodes the next child into c (which it overwrites). It returns
// [io.EOF] at the end of the input. After an error in one line, Next can be
// called again to read the following lines, except after a line longer than
// 64 KiB or a read error, which end the input.
func (d *Decoder) Next(c *Child) error {
	for d.sc.Scan() {
		d.line++
		b := bytes.TrimSpace(d.sc.Bytes())
		if len(b) == 0 {
			continue
		}
		*c = Child{}
		return d.decode(b, c)
	}
	if err := d.sc.Err(); err != nil {
		d.line++
		return fieldErr("Decode", d.record(""), "line", "", fmt.Errorf("%w: %s", poverty.ErrSyntax, poverty.MaskIDsIn(err.Error())))
	}
	return io.EOF
}

func (d *Decoder) decode(b []byte, c *Child) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(c); err != nil {
		field := jsonField(err)
		if field == "" {
			field = locate(reflect.TypeFor[Child](), b, "")
		}
		return fieldErr("Decode", d.record(c.ID), field, "", jsonCause(err))
	}
	if dec.More() {
		return fieldErr("Decode", d.record(c.ID), "line", "", fmt.Errorf("%w: data after the object", poverty.ErrSyntax))
	}
	if err := c.Validate(); err != nil {
		var fe *poverty.FieldError
		if errors.As(err, &fe) {
			fe.Op, fe.Record = "children.Decode", d.record(fe.Record)
		}
		return err
	}
	return nil
}

// record names the current line and, when known, the child: "line 3" or
// "line 3 c-17", masked.
func (d *Decoder) record(id string) string {
	r := "line " + itoa(d.line)
	if id != "" {
		r += " " + poverty.MaskIDsIn(id)
	}
	return r
}

// jsonField names the field of a decoding error, when encoding/json says.
func jsonField(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return te.Field
	}
	return ""
}

// locate finds the field of a decoding error that encoding/json does not
// name (an error of a field's UnmarshalText): it decodes each field of the
// object on its own, descending into nested objects, and returns the path
// of the first that fails, in the order of the struct's fields. It runs
// only on the error path.
func locate(t reflect.Type, raw []byte, prefix string) string {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		if prefix == "" {
			return "line"
		}
		return prefix
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		v, ok := obj[name]
		if !ok || name == "" || name == "-" {
			continue
		}
		path := name
		if prefix != "" {
			path = prefix + "." + name
		}
		if strict(v, reflect.New(f.Type).Interface()) == nil {
			continue
		}
		if f.Type.Kind() == reflect.Struct && len(v) > 0 && v[0] == '{' {
			return locate(f.Type, v, path)
		}
		return path
	}
	if prefix == "" {
		return "line" // an unknown top-level field, or an error of the whole line
	}
	return prefix
}

// strict decodes one JSON value into v, rejecting unknown fields.
func strict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// jsonCause wraps a decoding error in a sentinel. The message of
// encoding/json may quote the input (an unknown field name); it is masked
// here.
func jsonCause(err error) error {
	var pe *poverty.ParseError
	if errors.As(err, &pe) {
		m := *pe
		m.Input = poverty.MaskIDsIn(m.Input)
		return &m
	}
	return fmt.Errorf("%w: %s", poverty.ErrSyntax, poverty.MaskIDsIn(err.Error()))
}
