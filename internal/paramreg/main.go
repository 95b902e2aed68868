// Command paramreg writes docs/PARAMETERS.md, the register of every policy
// parameter embedded in the module, from the data files themselves
// (poverty/data, risk/data, children/data, labor/data).
//
// Every JSON object in those files that has a "source" member is a sourced
// record: its provenance (status, qualifier, scope, effective dates) is
// validated with [poverty.Provenance.Validate] and written as one row with
// its identifier and value. The test of this package fails when the register
// is out of date or a record's provenance is incomplete.
//
// Run it from the module root with
//
//	go generate ./internal/paramreg
package main

//go:generate go run . -root ../.. -o ../../docs/PARAMETERS.md

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/openfupin/fupin/poverty"
)

// packages whose data directories are registered, in the module's order.
var packages = []string{"poverty", "risk", "children", "labor"}

func main() {
	root := flag.String("root", ".", "the module root")
	out := flag.String("o", "docs/PARAMETERS.md", "the register to write")
	flag.Parse()
	recs, err := collect(*root)
	if err == nil {
		err = problems(recs)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "paramreg:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, render(recs), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "paramreg:", err)
		os.Exit(1)
	}
}

// record is one sourced object of a data file.
type record struct {
	pkg, file string // package and file name ("thresholds.json")
	id        string // the record's identifier, or a path built from its parent's
	value     string // its other members, as "name=value; ..."
	unit      string
	prov      poverty.Provenance
	err       error // why its provenance does not decode or validate
}

// collect reads every data file of every package, in name order.
func collect(root string) ([]record, error) {
	var out []record
	for _, pkg := range packages {
		files, err := filepath.Glob(filepath.Join(root, pkg, "data", "*.json"))
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("no data files under %s/data", pkg)
		}
		slices.Sort(files)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			n, err := parse(data)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			w := walker{pkg: pkg, file: filepath.Base(f)}
			w.walk(n, "", "")
			out = append(out, w.recs...)
		}
	}
	return out, nil
}

// problems returns every record whose provenance is incomplete, and every
// EXAMPLE value (never in library data), joined.
func problems(recs []record) error {
	var errs []error
	for _, r := range recs {
		switch {
		case r.err != nil:
			errs = append(errs, fmt.Errorf("%s/data/%s: %w", r.pkg, r.file, r.err))
		case r.prov.Status == poverty.Example:
			errs = append(errs, fmt.Errorf("%s/data/%s %s: an EXAMPLE value in library data", r.pkg, r.file, r.id))
		}
	}
	return errors.Join(errs...)
}

// node is a JSON value with the order of its object members kept.
type node struct {
	keys   []string // object members, in order
	vals   []*node
	items  []*node // array elements
	scalar any     // string, json.Number, bool or nil
	kind   byte    // '{', '[', or 0 for a scalar
}

func parse(data []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := parseValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the JSON value")
	}
	return n, nil
}

func parseValue(dec *json.Decoder) (*node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := &node{kind: '{'}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := parseValue(dec)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k.(string))
				n.vals = append(n.vals, v)
			}
			_, err := dec.Token()
			return n, err
		case '[':
			n := &node{kind: '['}
			for dec.More() {
				v, err := parseValue(dec)
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, v)
			}
			_, err := dec.Token()
			return n, err
		}
		return nil, fmt.Errorf("unexpected %v", t)
	}
	return &node{scalar: tok}, nil
}

func (n *node) get(key string) *node {
	if i := slices.Index(n.keys, key); i >= 0 {
		return n.vals[i]
	}
	return nil
}

func (n *node) str(key string) (string, bool) {
	v := n.get(key)
	if v == nil {
		return "", false
	}
	s, ok := v.scalar.(string)
	return s, ok
}

// sourced reports whether an object is a sourced record.
func (n *node) sourced() bool { return n.kind == '{' && n.get("source") != nil }

type walker struct {
	pkg, file string
	recs      []record
}

// provenance members, and members that identify a record rather than give
// its value.
var (
	provKeys = []string{"source", "status", "qualifier", "scope", "from", "to", "note"}
	idKeys   = []string{"id", "code"}
	nameKeys = []string{"kind", "series", "scope", "region", "zone", "year"}
)

// walk visits n, whose path from its nearest identified ancestor is path.
func (w *walker) walk(n *node, parent, path string) {
	switch n.kind {
	case '[':
		for i, it := range n.items {
			w.walk(it, parent, fmt.Sprintf("%s[%d]", path, i))
		}
		return
	case '{':
	default:
		return
	}
	id := identify(n, parent, path)
	if n.sourced() {
		w.recs = append(w.recs, w.record(n, id))
	}
	for i, k := range n.keys {
		v := n.vals[i]
		if v.kind == 0 {
			continue
		}
		if id != "" {
			w.walk(v, id, "."+k)
		} else {
			w.walk(v, parent, strings.TrimPrefix(path+"."+k, "."))
		}
	}
}

// identify names an object: its id or code member; else its kind, series,
// scope and year members; else its path below the nearest named ancestor.
func identify(n *node, parent, path string) string {
	for _, k := range idKeys {
		if s, ok := n.str(k); ok && s != "" {
			return s
		}
	}
	var parts []string
	for _, k := range nameKeys {
		if v := n.get(k); v != nil && v.kind == 0 && v.scalar != nil {
			parts = append(parts, fmt.Sprint(v.scalar))
		}
	}
	if len(parts) >= 2 {
		return strings.Join(parts, "/")
	}
	if parent == "" {
		return strings.TrimPrefix(path, ".")
	}
	return parent + path
}

func (w *walker) record(n *node, id string) record {
	r := record{pkg: w.pkg, file: w.file, id: id}
	if id == "" {
		r.id = "(file)"
	}
	r.unit, _ = n.str("unit")
	var vals []string
	for i, k := range n.keys {
		if slices.Contains(provKeys, k) || slices.Contains(idKeys, k) || k == "unit" {
			continue
		}
		v := n.vals[i]
		if v.sourced() || v.kind == '[' && slices.ContainsFunc(v.items, (*node).sourced) {
			continue // registered as records of their own
		}
		if v.kind == '[' && len(v.items) > 8 && v.items[0].kind == '{' {
			vals = append(vals, fmt.Sprintf("%s=[%d entries, in the file]", k, len(v.items)))
			continue
		}
		vals = append(vals, k+"="+compact(v))
	}
	r.value = strings.Join(vals, "; ")
	r.prov, r.err = provenanceOf(n, r.id)
	return r
}

// provenanceOf decodes the provenance members of a record and validates them.
func provenanceOf(n *node, id string) (poverty.Provenance, error) {
	var p poverty.Provenance
	text := func(key string) (string, error) {
		v := n.get(key)
		if v == nil {
			return "", nil
		}
		s, ok := v.scalar.(string)
		if !ok || v.kind != 0 {
			return "", &poverty.FieldError{Record: id, Field: key, Value: compact(v), Err: fmt.Errorf("%w: want a string", poverty.ErrSyntax)}
		}
		return s, nil
	}
	var status, scope string
	var err error
	for _, f := range []struct {
		key string
		dst *string
	}{{"source", &p.Source}, {"status", &status}, {"qualifier", &p.Qualifier}, {"scope", &scope},
		{"from", &p.From}, {"to", &p.To}, {"note", &p.Note}} {
		if *f.dst, err = text(f.key); err != nil {
			return p, err
		}
	}
	if status != "" {
		if err := p.Status.UnmarshalText([]byte(status)); err != nil {
			return p, &poverty.FieldError{Record: id, Field: "status", Value: status, Err: err}
		}
	}
	p.Scope = poverty.Scope(scope)
	return p, p.Validate(id)
}

// compact writes a value as short text: scalars as they are, arrays and
// objects as compact JSON.
func compact(n *node) string {
	switch n.kind {
	case 0:
		if n.scalar == nil {
			return "null"
		}
		return fmt.Sprint(n.scalar)
	case '[':
		parts := make([]string, len(n.items))
		for i, it := range n.items {
			parts[i] = compact(it)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	parts := make([]string, len(n.keys))
	for i, k := range n.keys {
		parts[i] = k + ": " + compact(n.vals[i])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// render writes the register as Markdown.
func render(recs []record) []byte {
	var b bytes.Buffer
	b.WriteString(`# Parameter register

Every sourced value embedded in the module's policy data, one row each, generated from the data
files by ` + "`go generate ./internal/paramreg`" + `. Do not edit by hand: ` + "`go test ./internal/paramreg`" + `
fails when this file is out of date, and when any record lacks a source, a status from the
vocabulary, a known scope or ordered effective dates.

Status (one vocabulary for every package; see ` + "`poverty.SourceStatus`" + `): **CONFIRMED** the cited
official text says it; **SECONDARY** one non-official source, served only on request;
**UNCONFIRMED** no source found, never served as fact (kept to show the gap); **LOCAL** a provincial
or county rule, served for its own scope; **DEFAULT** the library's own reading where the policy is
silent (the source says of what); **SUPPLIED** a caller's file; **EXAMPLE** invented for a
demonstration, never in library data. Scope is "national", a zone, a province code or a county code
(GB/T 2260). From and to are the effective period as far as the sources date it; blank where they
give no date. The value column lists the record's other members as they stand in the file.

`)
	counts := map[string]map[poverty.SourceStatus]int{}
	for _, r := range recs {
		if counts[r.pkg] == nil {
			counts[r.pkg] = map[poverty.SourceStatus]int{}
		}
		counts[r.pkg][r.prov.Status]++
	}
	statuses := []poverty.SourceStatus{poverty.Confirmed, poverty.Secondary, poverty.Unconfirmed,
		poverty.Local, poverty.LibraryDefault, poverty.Supplied, poverty.Example}
	b.WriteString("| package | records |")
	for _, s := range statuses {
		b.WriteString(" " + s.String() + " |")
	}
	b.WriteString("\n|---|---:|" + strings.Repeat("---:|", len(statuses)) + "\n")
	for _, pkg := range packages {
		total := 0
		for _, n := range counts[pkg] {
			total += n
		}
		fmt.Fprintf(&b, "| %s | %d |", pkg, total)
		for _, s := range statuses {
			fmt.Fprintf(&b, " %d |", counts[pkg][s])
		}
		b.WriteString("\n")
	}
	file := ""
	for _, r := range recs {
		if f := r.pkg + "/data/" + r.file; f != file {
			file = f
			fmt.Fprintf(&b, "\n## %s\n\n| id | value | unit | scope | from | to | status | source |\n|---|---|---|---|---|---|---|---|\n", f)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", cell(r.id), cell(r.value), cell(r.unit),
			cell(string(r.prov.Scope)), cell(r.prov.From), cell(r.prov.To), cell(status(r.prov)), cell(r.prov.Source))
	}
	return b.Bytes()
}

// status writes a record's status with its qualifier.
func status(p poverty.Provenance) string {
	if p.Qualifier != "" {
		return p.Status.String() + " (" + p.Qualifier + ")"
	}
	return p.Status.String()
}

// cell escapes text for a Markdown table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.ReplaceAll(s, "|", `\|`)
}
