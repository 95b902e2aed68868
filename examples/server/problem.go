package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/openfupin/fupin/poverty"
)

// Problem is an error response in the shape of RFC 9457 (problem details
// for HTTP APIs), served as application/problem+json. Field names the
// request field at fault as a path ("household.members[1].birth_date");
// Errors lists every problem when there are several.
type Problem struct {
	Type   string       `json:"type"`
	Title  string       `json:"title"`
	Status int          `json:"status"`
	Detail string       `json:"detail"`
	Field  string       `json:"field,omitempty"`
	Errors []FieldIssue `json:"errors,omitempty"`
}

// FieldIssue is one field's problem inside a [Problem].
type FieldIssue struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

// Error implements error.
func (p *Problem) Error() string { return fmt.Sprintf("%d %s: %s", p.Status, p.Title, p.Detail) }

// problem types, as URNs (RFC 9457 allows any URI).
const (
	typeMalformed = "urn:fupin:problem:malformed-json"
	typeInvalid   = "urn:fupin:problem:invalid-field"
	typeTooLarge  = "urn:fupin:problem:body-too-large"
	typeMediaType = "urn:fupin:problem:unsupported-media-type"
	typeNotFound  = "urn:fupin:problem:not-found"
	typeMethod    = "urn:fupin:problem:method-not-allowed"
	typeNoValue   = "urn:fupin:problem:no-policy-value"
	typeInternal  = "urn:fupin:problem:internal"
	typeTimeout   = "urn:fupin:problem:request-timeout"
	// net/http's own answers (problemConn).
	typeHeaderTooLarge = "urn:fupin:problem:header-too-large"
	typeUnsupported    = "urn:fupin:problem:not-implemented"
)

func newProblem(status int, typ, field, detail string) *Problem {
	return &Problem{Type: typ, Title: http.StatusText(status), Status: status, Field: field, Detail: detail}
}

// writeProblem writes p as application/problem+json (writeJSON: masked).
func writeProblem(w *statusWriter, p *Problem) {
	writeJSON(w, p.Status, "application/problem+json", p)
}

// maskIDs masks every identity-number-like run of characters in s
// (poverty.MaskIDsIn): the rule of the log handler and of writeJSON.
func maskIDs(s string) string { return poverty.MaskIDsIn(s) }

// decodeJSON reads one JSON value from the request body into v, strictly:
// the media type must be JSON, the body at most limit bytes, unknown
// fields are rejected, and nothing may follow the value. Errors come back
// as a *Problem naming the field as a JSON path, found from the decoder's
// position (locateError).
func decodeJSON(w http.ResponseWriter, r *http.Request, limit int64, v any) *Problem {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, _ := strings.Cut(ct, ";")
		if mt = strings.TrimSpace(strings.ToLower(mt)); mt != "application/json" {
			return newProblem(http.StatusUnsupportedMediaType, typeMediaType, "", "Content-Type must be application/json, got "+strconv.Quote(mt))
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		return readProblem(err)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return newProblem(http.StatusBadRequest, typeMalformed, "", "the body is empty; send one JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeProblem(body, reflect.TypeOf(v), err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return newProblem(http.StatusBadRequest, typeMalformed, "", "the body must hold exactly one JSON value")
	}
	return nil
}

// readProblem reports a body that could not be read: too large (413), not
// there in time (408: the server's read timeout passed), or cut off. The
// detail never carries the error's own text, which names socket addresses.
func readProblem(err error) *Problem {
	var mbe *http.MaxBytesError
	var ne net.Error
	switch {
	case errors.As(err, &mbe):
		return newProblem(http.StatusRequestEntityTooLarge, typeTooLarge, "", fmt.Sprintf("request body larger than %d bytes", mbe.Limit))
	case errors.As(err, &ne) && ne.Timeout():
		return newProblem(http.StatusRequestTimeout, typeTimeout, "", "the request body did not arrive within the server's read timeout")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return newProblem(http.StatusBadRequest, typeMalformed, "", "the body ended before its declared length")
	}
	return newProblem(http.StatusBadRequest, typeMalformed, "", "reading the body failed")
}

// decodeProblem turns a decoding error of a body decoded into a value of
// type t into a problem naming the field.
func decodeProblem(body []byte, t reflect.Type, err error) *Problem {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	field := func() string { return locateError(body, t, err) }
	inField := func(f, detail string) string {
		if f != "" {
			return "field " + f + ": " + detail
		}
		return detail
	}
	switch {
	case errors.As(err, &se):
		return newProblem(http.StatusBadRequest, typeMalformed, "", fmt.Sprintf("malformed JSON at byte %d: %v", se.Offset, se))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return newProblem(http.StatusBadRequest, typeMalformed, "", "malformed JSON: the body ends inside a value")
	case errors.As(err, &te):
		f := field()
		return newProblem(http.StatusBadRequest, typeInvalid, f, inField(f, fmt.Sprintf("a JSON %s cannot be a %s", te.Value, te.Type)))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := field()
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return newProblem(http.StatusBadRequest, typeInvalid, f, inField(f, "unknown field "+strconv.Quote(name)))
	}
	// The value's own parser failed (money, dates, words, identity numbers).
	f := field()
	return newProblem(http.StatusBadRequest, typeInvalid, f, inField(f, err.Error()))
}

// validationProblem turns a household's joined *poverty.FieldError list
// into one 422 problem listing each field, under prefix ("household").
func validationProblem(prefix string, err error) *Problem {
	var issues []FieldIssue
	var collect func(error)
	collect = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				collect(x)
			}
			return
		}
		var fe *poverty.FieldError
		if errors.As(e, &fe) {
			issues = append(issues, FieldIssue{Field: prefix + "." + fe.Field, Detail: e.Error()})
			return
		}
		issues = append(issues, FieldIssue{Field: prefix, Detail: e.Error()})
	}
	collect(err)
	p := newProblem(http.StatusUnprocessableEntity, typeInvalid, "", err.Error())
	if len(issues) > 0 {
		p.Field = issues[0].Field
		p.Detail = issues[0].Detail
		if len(issues) > 1 {
			p.Detail = fmt.Sprintf("%d problems; the first: %s", len(issues), issues[0].Detail)
			p.Errors = issues
		}
	}
	return p
}

// lookupProblem reports a policy value the library cannot supply (a year
// with no line, an unconfirmed value) as 422, naming the field that chose
// it.
func lookupProblem(field string, err error) *Problem {
	return newProblem(http.StatusUnprocessableEntity, typeNoValue, field, err.Error())
}
