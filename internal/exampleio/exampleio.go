// Package exampleio reads the data files of the example programs: the file
// a flag names, or the copy the program embeds when the flag is empty, so
// that `go run ./examples/x` works from anywhere with no arguments.
package exampleio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
)

// Read returns the contents of path, or embedded when path is "".
func Read(path string, embedded []byte) ([]byte, error) {
	if path == "" {
		return embedded, nil
	}
	return os.ReadFile(path)
}

// DecodeJSON decodes exactly one JSON value from raw into v, rejecting
// unknown fields and anything after the value. what names the data in
// errors.
func DecodeJSON(raw []byte, what string, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if dec.More() {
		return fmt.Errorf("%s: more than one JSON value", what)
	}
	return nil
}

// Load is Read followed by DecodeJSON.
func Load(path string, embedded []byte, what string, v any) error {
	raw, err := Read(path, embedded)
	if err != nil {
		return err
	}
	return DecodeJSON(raw, what, v)
}
