// Package enum is the word table behind every enumeration of the module:
// one generic type, so that all enumerations have the same String,
// MarshalText and UnmarshalText behaviour and the same errors.
//
// The zero value of an enumeration is unset and its word is index 0 of the
// table ("unknown", "none", "unset" or ""). Marshalling never fails on a
// valid value, the zero value included (it writes the unset word); parsing
// is strict (a word outside the table is an error built by the package that
// owns the enumeration) and reads the unset word back as the zero value, so
// that every value round-trips.
package enum

import "strconv"

// Words is the word table of the enumeration T.
type Words[T ~uint8] struct {
	words []string
	err   func(what, input string) error
}

// New returns the table of words, index 0 the unset word; err builds the
// error for text that is not in the table (what names the enumeration in
// the message, input is the text).
func New[T ~uint8](err func(what, input string) error, words ...string) Words[T] {
	return Words[T]{words: words, err: err}
}

// String returns the word for v, or "typ(v)" when v is out of range.
func (w Words[T]) String(v T, typ string) string {
	if int(v) < len(w.words) {
		return w.words[v]
	}
	return typ + "(" + strconv.Itoa(int(v)) + ")"
}

// Marshal returns the word for v; the zero value gives the unset word. A
// value out of range (which only a conversion can make) is an error.
func (w Words[T]) Marshal(v T, what string) ([]byte, error) {
	if int(v) >= len(w.words) {
		return nil, w.err(what, w.String(v, what))
	}
	return []byte(w.words[v]), nil
}

// Parse returns the value of a word of the table, the unset word included.
// Anything else is the owner's error.
func (w Words[T]) Parse(b []byte, what string) (T, error) {
	for i, s := range w.words {
		if s == string(b) && (i > 0 || len(b) > 0) {
			return T(i), nil
		}
	}
	return 0, w.err(what, string(b))
}

// ParseOrUnset is Parse that also reads empty text as the zero value.
func (w Words[T]) ParseOrUnset(b []byte, what string) (T, error) {
	if len(b) == 0 {
		return 0, nil
	}
	return w.Parse(b, what)
}

// List returns the words of the set values (index 1 on), in order.
func (w Words[T]) List() []string { return append([]string(nil), w.words[1:]...) }

// Len returns the number of words, the unset word included.
func (w Words[T]) Len() int { return len(w.words) }
