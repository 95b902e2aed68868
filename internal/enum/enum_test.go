package enum_test

import (
	"errors"
	"testing"

	"github.com/openfupin/fupin/internal/enum"
)

type color uint8

var errWord = errors.New("unknown word")

var words = enum.New[color](func(what, input string) error { return errWord }, "unknown", "red", "green")

func TestWords(t *testing.T) {
	for v := color(0); v < 3; v++ {
		b, err := words.Marshal(v, "color")
		if err != nil {
			t.Fatalf("Marshal(%d): %v", v, err)
		}
		back, err := words.Parse(b, "color")
		if err != nil || back != v {
			t.Errorf("%q parses to %d, %v; want %d", b, back, err, v)
		}
	}
	if _, err := words.Marshal(3, "color"); !errors.Is(err, errWord) {
		t.Errorf("out of range marshals: %v", err)
	}
	for _, bad := range []string{"", "RED", "blue", "unknownx"} {
		if _, err := words.Parse([]byte(bad), "color"); !errors.Is(err, errWord) {
			t.Errorf("Parse(%q) = %v, want the owner's error", bad, err)
		}
	}
	if v, err := words.ParseOrUnset(nil, "color"); v != 0 || err != nil {
		t.Errorf("ParseOrUnset(empty) = %d, %v", v, err)
	}
	if got := words.String(9, "color"); got != "color(9)" {
		t.Errorf("String(9) = %q", got)
	}
	if got := words.List(); len(got) != 2 || got[0] != "red" {
		t.Errorf("List = %q", got)
	}
}

// An enumeration whose unset word is empty reads empty text as zero.
func TestEmptyUnsetWord(t *testing.T) {
	w := enum.New[color](func(what, input string) error { return errWord }, "", "lt", "gt")
	if v, err := w.Parse([]byte(""), "comparison"); err == nil {
		t.Errorf("Parse(empty) = %d, nil; empty text is only read by ParseOrUnset", v)
	}
	if b, err := w.Marshal(0, "comparison"); err != nil || len(b) != 0 {
		t.Errorf("Marshal(0) = %q, %v", b, err)
	}
}
