package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/openfupin/fupin/internal/param"
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
)

func newProblem(status int, typ, field, detail string) *Problem {
	return &Problem{Type: typ, Title: http.StatusText(status), Status: status, Field: field, Detail: maskIDs(detail)}
}

// writeProblem writes p as application/problem+json.
func writeProblem(w http.ResponseWriter, p *Problem) {
	b, err := json.Marshal(p)
	if err != nil {
		b = []byte(`{"type":"` + typeInternal + `","title":"Internal Server Error","status":500,"detail":"encoding the problem failed"}`)
		p.Status = http.StatusInternalServerError
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(p.Status)
	w.Write(append(b, '\n'))
}

// maskIDs masks every identity-number-like run of characters in s
// (poverty.MaskIDsIn), so that no response detail or log line carries one
// in clear.
func maskIDs(s string) string { return poverty.MaskIDsIn(s) }

// decodeJSON reads one JSON value from the request body into v, strictly:
// the media type must be JSON, the body at most limit bytes, unknown
// fields are rejected, and nothing may follow the value. Errors come back
// as a *Problem naming the field where it can be found.
func decodeJSON(w http.ResponseWriter, r *http.Request, limit int64, v any) *Problem {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, _ := strings.Cut(ct, ";")
		if mt = strings.TrimSpace(strings.ToLower(mt)); mt != "application/json" {
			return newProblem(http.StatusUnsupportedMediaType, typeMediaType, "", "Content-Type must be application/json, got "+strconv.Quote(mt))
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return newProblem(http.StatusRequestEntityTooLarge, typeTooLarge, "", fmt.Sprintf("request body larger than %d bytes", mbe.Limit))
		}
		return newProblem(http.StatusBadRequest, typeMalformed, "", "reading the body: "+err.Error())
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return newProblem(http.StatusBadRequest, typeMalformed, "", "the body is empty; send one JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeProblem(body, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return newProblem(http.StatusBadRequest, typeMalformed, "", "the body must hold exactly one JSON value")
	}
	return nil
}

// decodeProblem turns a decoding error into a problem naming the field.
func decodeProblem(body []byte, err error) *Problem {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var pe *poverty.ParseError
	switch {
	case errors.As(err, &se):
		return newProblem(http.StatusBadRequest, typeMalformed, "", fmt.Sprintf("malformed JSON at byte %d: %v", se.Offset, se))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return newProblem(http.StatusBadRequest, typeMalformed, "", "malformed JSON: the body ends inside a value")
	case errors.As(err, &te):
		return newProblem(http.StatusBadRequest, typeInvalid, te.Field, fmt.Sprintf("field %s: a JSON %s cannot be a %s", te.Field, te.Value, te.Type))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return newProblem(http.StatusBadRequest, typeInvalid, name, "unknown field "+strconv.Quote(name))
	case errors.As(err, &pe):
		// The value's own parser failed; find where the value is.
		field := locate(body, func(s string) bool { return s == pe.Input || param.MaskID(s) == pe.Input })
		detail := err.Error()
		if field != "" {
			detail = "field " + field + ": " + detail
		}
		return newProblem(http.StatusBadRequest, typeInvalid, field, detail)
	}
	return newProblem(http.StatusBadRequest, typeInvalid, "", err.Error())
}

// locate walks the JSON body and returns the path of the first value that
// is a string for which match is true, or of the first number or literal
// whose text matches.
func locate(body []byte, match func(string) bool) string {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	type frame struct {
		array bool
		index int
		key   string
		want  bool // object: expecting a key
	}
	var stack []frame
	path := func() string {
		var b strings.Builder
		for i, f := range stack {
			if f.array {
				b.WriteString("[" + strconv.Itoa(f.index) + "]")
				continue
			}
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(f.key)
		}
		return b.String()
	}
	afterValue := func() {
		if n := len(stack); n > 0 {
			if stack[n-1].array {
				stack[n-1].index++
			} else {
				stack[n-1].want = true
			}
		}
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		n := len(stack)
		if n > 0 && !stack[n-1].array && stack[n-1].want {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:n-1]
				afterValue()
				continue
			}
			stack[n-1].key, stack[n-1].want = fmt.Sprint(tok), false
			continue
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, frame{want: true})
			case '[':
				stack = append(stack, frame{array: true})
			default:
				stack = stack[:n-1]
				afterValue()
			}
			continue
		case string:
			if match(t) {
				return path()
			}
		case json.Number:
			if match(t.String()) {
				return path()
			}
		}
		afterValue()
	}
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
			issues = append(issues, FieldIssue{Field: prefix + "." + fe.Field, Detail: maskIDs(e.Error())})
			return
		}
		issues = append(issues, FieldIssue{Field: prefix, Detail: maskIDs(e.Error())})
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
