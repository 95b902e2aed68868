// Package exampleio reads the data files of the example programs: the file
// a flag names, or the copy the program embeds when the flag is empty, so
// that `go run ./examples/x` works from anywhere with no arguments.
package exampleio

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"strings"
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

// CSV reads a comma-separated file whose leading lines may be comments
// starting with '#', followed by a header line that must equal header, and
// returns the data rows with the line number of the first one, so that
// errors can name the line. name names the file in errors.
func CSV(raw []byte, name, header string) (rows [][]string, firstLine int, err error) {
	var body bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(raw))
	skipped := 0
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") && body.Len() == 0 {
			skipped++
			continue
		}
		body.WriteString(sc.Text() + "\n")
	}
	if err := sc.Err(); err != nil {
		return nil, 0, fmt.Errorf("%s: %w", name, err)
	}
	cr := csv.NewReader(&body)
	cr.FieldsPerRecord = len(strings.Split(header, ","))
	all, err := cr.ReadAll()
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", name, err)
	}
	if len(all) == 0 || strings.Join(all[0], ",") != header {
		return nil, 0, fmt.Errorf("%s: header must be %q", name, header)
	}
	return all[1:], skipped + 2, nil
}
