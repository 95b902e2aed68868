// Package param is the one parameter-file machinery of the module: a strict
// JSON decoder, a reader for the module's parameter files (one JSON object
// with a "schema" member, bounded in size), and [Set], an immutable list of
// records with an overlay that never erases history.
//
// It imports nothing from the module, so that every public package (poverty
// included) can stand on it. Its sentinel errors are re-exported by package
// poverty under the same names, so errors.Is works with either.
package param

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Sentinel errors, re-exported by package poverty.
var (
	// ErrSyntax reports text or JSON that does not parse.
	ErrSyntax = errors.New("invalid syntax")
	// ErrRange reports a value outside its allowed range.
	ErrRange = errors.New("value out of range")
	// ErrUnknownWord reports a word (an enumeration value, a schema name)
	// that is not in the vocabulary.
	ErrUnknownWord = errors.New("unknown word")
)

// Decode decodes exactly one JSON value from data into v: unknown fields
// and anything after the value are errors. Errors wrap [ErrSyntax] and the
// decoder's own error (so that a sentinel raised while decoding a field
// still matches with errors.Is), with identity numbers masked.
func Decode(data []byte, v any) error {
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

// UnknownField returns the key a strict [Decode] refused as unknown
// (encoding/json says so only in its message), masked like the message.
func UnknownField(err error) (string, bool) {
	var m maskedError
	if !errors.As(err, &m) {
		return "", false
	}
	const prefix = "json: unknown field "
	msg := m.err.Error()
	if !strings.HasPrefix(msg, prefix) {
		return "", false
	}
	key, uerr := strconv.Unquote(strings.TrimPrefix(msg, prefix))
	if uerr != nil {
		return "", false
	}
	return MaskIDsIn(key), true
}

// FileError is the error of [ReadFile]: Field is "file" (unreadable, too
// large, not strict JSON) or "schema" (another schema than the one
// expected); Value is the schema found, for the latter.
type FileError struct {
	Field string
	Value string
	Err   error
}

// Error returns "<field>: <cause>"; the public packages add the file name.
func (e *FileError) Error() string { return e.Field + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *FileError) Unwrap() error { return e.Err }

// maskedError masks identity numbers in the text of the error it wraps.
type maskedError struct{ err error }

// Error returns the wrapped message with identity numbers masked.
func (m maskedError) Error() string { return MaskIDsIn(m.err.Error()) }

// Unwrap returns the wrapped error.
func (m maskedError) Unwrap() error { return m.err }

// MaskID masks any text that may hold an identity number (poverty.MaskID).
func MaskID(s string) string {
	b := []byte(s)
	if len(b) <= 10 {
		for i := range b {
			b[i] = '*'
		}
		return string(b)
	}
	for i := 6; i < len(b)-4; i++ {
		b[i] = '*'
	}
	return string(b)
}

// MaskIDsIn masks every run of 14 or more identity-number characters
// (poverty.MaskIDsIn).
func MaskIDsIn(s string) string {
	var out []byte
	for i := 0; i < len(s); {
		if !idChar(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && idChar(s[j]) {
			j++
		}
		if j-i >= 14 {
			if out == nil {
				out = []byte(s)
			}
			copy(out[i:j], MaskID(s[i:j]))
		}
		i = j
	}
	if out == nil {
		return s
	}
	return string(out)
}

func idChar(c byte) bool { return c >= '0' && c <= '9' || c == 'X' || c == 'x' }

// ReadFile reads one parameter file of at most limit bytes from r, checks
// that its "schema" member is schema, and decodes it strictly into v. Errors
// are *[FileError]; the public packages turn them into their own errors,
// naming the file, with wrap.
func ReadFile(r io.Reader, limit int, schema string, v any) error {
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return &FileError{Field: "file", Err: err}
	}
	if len(data) > limit {
		return &FileError{Field: "file", Err: ErrRange}
	}
	var head struct {
		Schema string `json:"schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return &FileError{Field: "file", Err: fmt.Errorf("%w: %w", ErrSyntax, maskedError{err})}
	}
	if head.Schema != schema {
		return &FileError{Field: "schema", Value: head.Schema, Err: ErrUnknownWord}
	}
	if err := Decode(data, v); err != nil {
		return &FileError{Field: "file", Err: err}
	}
	return nil
}

// Set is an immutable list of records of type T, each identified by a key
// of type K, with the versions that overlays replaced. The zero Set is
// empty. Sets are values: Overlay returns a new Set and changes neither
// operand; the slices it holds are never written after construction.
type Set[K comparable, T any] struct {
	key     func(*T) K
	cur     []T // current records, in the order given (overlays append new keys)
	history []T // replaced records, oldest first
}

// NewSet returns a set of recs keyed by key. It reports the index of the
// first record whose key repeats an earlier one, or -1.
func NewSet[K comparable, T any](recs []T, key func(*T) K) (Set[K, T], int) {
	seen := make(map[K]bool, len(recs))
	for i := range recs {
		k := key(&recs[i])
		if seen[k] {
			return Set[K, T]{}, i
		}
		seen[k] = true
	}
	return Set[K, T]{key: key, cur: slices.Clone(recs)}, -1
}

// Overlay returns a set in which the records of o replace those of s with
// the same key and the rest of s is kept; records of o with new keys are
// appended. Replaced records, and o's own history, move to the history.
func (s Set[K, T]) Overlay(o Set[K, T]) Set[K, T] {
	key := s.key
	if key == nil {
		key = o.key
	}
	n := Set[K, T]{key: key, cur: slices.Clone(s.cur)}
	n.history = append(slices.Clone(s.history), o.history...)
	idx := make(map[K]int, len(n.cur))
	for i := range n.cur {
		idx[key(&n.cur[i])] = i
	}
	for _, r := range o.cur {
		k := key(&r)
		if i, ok := idx[k]; ok {
			n.history = append(n.history, n.cur[i])
			n.cur[i] = r
			continue
		}
		idx[k] = len(n.cur)
		n.cur = append(n.cur, r)
	}
	return n
}

// All returns the current records. The slice is shared: callers must not
// write to it (public accessors return copies).
func (s Set[K, T]) All() []T { return s.cur }

// Len returns the number of current records.
func (s Set[K, T]) Len() int { return len(s.cur) }

// Get returns a pointer to the current record with key k, or nil. The
// record is shared: callers must not write through the pointer.
func (s Set[K, T]) Get(k K) *T {
	for i := range s.cur {
		if s.key(&s.cur[i]) == k {
			return &s.cur[i]
		}
	}
	return nil
}

// History returns every version of the record with key k, oldest first and
// the current one last, as copies made with clone (nil clone: plain copies).
func (s Set[K, T]) History(k K, clone func(T) T) []T {
	var out []T
	add := func(r T) {
		if clone != nil {
			r = clone(r)
		}
		out = append(out, r)
	}
	for i := range s.history {
		if s.key(&s.history[i]) == k {
			add(s.history[i])
		}
	}
	for i := range s.cur {
		if s.key(&s.cur[i]) == k {
			add(s.cur[i])
		}
	}
	return out
}
