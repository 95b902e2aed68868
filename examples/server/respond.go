package main

import (
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"os"
	"strconv"

	"github.com/openfupin/fupin/poverty"
)

// The boundary rule: every byte of every response leaves through
// writeJSON, which masks whatever looks like a resident identity number
// (a run of 14 or more digits and Xs, poverty.MaskIDsIn's rule) in every
// JSON string of the body, keys included: results, problem details,
// problem fields and paths alike. Log lines leave through maskingHandler,
// which applies the same rule. Household keys that are identity numbers
// are refused (identityKeyProblem), so no record is keyed by a masked
// number.

// maskJSON masks identity-number-like runs inside the string literals of
// the JSON text b, in place; numbers and literals are left alone.
func maskJSON(b []byte) []byte {
	in, esc := false, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if !in {
			in = c == '"'
			continue
		}
		switch {
		case esc:
			esc = false
		case c == '\\':
			esc = true
		case c == '"':
			in = false
		case idChar(c):
			j := i
			for j < len(b) && idChar(b[j]) {
				j++
			}
			if j-i >= 14 {
				copy(b[i:j], poverty.MaskIDsIn(string(b[i:j])))
			}
			i = j - 1
		}
	}
	return b
}

func idChar(c byte) bool { return c >= '0' && c <= '9' || c == 'X' || c == 'x' }

// isIdentityKey reports whether a record key holds what looks like an
// identity number (the rule of poverty.MaskIDsIn).
func isIdentityKey(s string) bool { return poverty.MaskIDsIn(s) != s }

// identityKeyProblem refuses a record key that looks like an identity
// number, as package children refuses such keys (children.ErrIdentityKey):
// a key identifies a register record, and a masked one could stand for
// two different people.
func identityKeyProblem(field string) *Problem {
	return newProblem(http.StatusUnprocessableEntity, typeInvalid, field,
		"field "+field+": the key looks like an identity number; use the register's record key")
}

// statusWriter records what the access log reports: the status written,
// the bytes that went out and the first write error (a response whose
// write or flush failed was not delivered).
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
	err    error
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	if err != nil && w.err == nil {
		w.err = err
	}
	return n, err
}

// Unwrap gives http.ResponseController the connection's writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// writeJSON writes v as the whole response with the status and media type,
// masked (maskJSON), with its length, and flushes it so that a write that
// fails (the client gone, the write timeout passed) is known to the access
// log.
func writeJSON(w *statusWriter, status int, mediaType string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, mediaType = http.StatusInternalServerError, "application/problem+json"
		b = []byte(`{"type":"` + typeInternal + `","title":"Internal Server Error","status":500,"detail":"encoding the response failed"}`)
	}
	b = append(maskJSON(b), '\n')
	h := w.Header()
	h.Set("Content-Type", mediaType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	if _, err := w.Write(b); err != nil {
		return
	}
	if err := http.NewResponseController(w).Flush(); err != nil && w.err == nil && !errors.Is(err, http.ErrNotSupported) {
		w.err = err
	}
}

// writeHTML writes a page as the whole response, 200, text/html, masked
// with the same rule as writeJSON (every identity-number-like run in the
// page), with its length, flushed.
func writeHTML(w *statusWriter, page htmlPage) {
	b := []byte(maskIDs(string(page)))
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	if _, err := w.Write(b); err != nil {
		return
	}
	if err := http.NewResponseController(w).Flush(); err != nil && w.err == nil && !errors.Is(err, http.ErrNotSupported) {
		w.err = err
	}
}

// writeError names a write error for the log without its text (which
// holds socket addresses).
func writeError(err error) string {
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, os.ErrDeadlineExceeded):
		return "write timeout"
	case errors.Is(err, http.ErrHandlerTimeout):
		return "handler timeout"
	}
	return "connection closed"
}
