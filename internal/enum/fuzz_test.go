package enum_test

import (
	"encoding"
	"encoding/json"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/openfupin/fupin/children"
	"github.com/openfupin/fupin/labor"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/poverty/measure"
	"github.com/openfupin/fupin/risk"
)

// enums are the zero values of every enumeration of the module (every
// type built on an enum.New word table; TestEnumsListed keeps the list
// complete).
var enums = []any{
	poverty.IncomeConcept(0), poverty.Sex(0), poverty.Boundary(0), poverty.Status(0), poverty.Capacity(0),
	poverty.NonResident(0), poverty.SourceStatus(0), poverty.Rounding(0), poverty.Comparison(0), poverty.GuaranteeState(0),
	measure.RelativeBase(0),
	risk.Category(0), risk.Factor(0), risk.Guarantee(0), risk.Channel(0), risk.Stage(0), risk.Route(0), risk.Tier(0),
	risk.MeasureType(0), risk.SchemeBasis(0), risk.Side(0), risk.EventKind(0), risk.Action(0), risk.Step(0),
	risk.WarningRule(0), risk.Outcome(0), risk.IncomeBasis(0),
	children.AgeBand(0), children.Service(0), children.Hukou(0), children.Situation(0), children.Capacity(0),
	children.GuardianKind(0), children.Living(0), children.School(0), children.Role(0), children.Outcome(0),
	children.Status(0), children.Combination(0), children.Severity(0), children.Actor(0),
	labor.Channel(0), labor.Place(0), labor.WorkshopType(0), labor.Site(0), labor.Grade(0), labor.Group(0),
}

// wordsElsewhere are the enumerations without text methods of their own:
// their words are read by the JSON decoder of another type, fuzzed there
// (risk.GuaranteeSet: risk's FuzzGuaranteeSetJSON; risk.Event's type and
// action: FuzzDecodeEvents).
var wordsElsewhere = []any{risk.Guarantee(0), risk.EventKind(0), risk.Action(0)}

// enumType is one enumeration seen through its text methods.
type enumType struct {
	t     reflect.Type
	words []string // by value, index 0 the unset word
}

func (e enumType) value(i int) reflect.Value {
	v := reflect.New(e.t).Elem()
	v.SetUint(uint64(i))
	return v
}

func (e enumType) marshal(i int) ([]byte, error) {
	return e.value(i).Interface().(encoding.TextMarshaler).MarshalText()
}

// parse reads text into a new value; it returns the value's number.
func (e enumType) parse(text []byte) (int, error) {
	p := reflect.New(e.t)
	err := p.Interface().(encoding.TextUnmarshaler).UnmarshalText(text)
	return int(p.Elem().Uint()), err
}

// alias reports whether an enumeration documents another spelling of
// value i: a risk factor's code ("01", "0201").
func (e enumType) alias(i int, text string) bool {
	if f, ok := e.value(i).Interface().(risk.Factor); ok {
		return i > 0 && f.Code() == text
	}
	return false
}

// enumTypes reads each enumeration's words through MarshalText.
func enumTypes(tb testing.TB) []enumType {
	var out []enumType
	for _, z := range enums {
		e := enumType{t: reflect.TypeOf(z)}
		_, m := z.(encoding.TextMarshaler)
		_, u := reflect.New(e.t).Interface().(encoding.TextUnmarshaler)
		if !m || !u {
			if !slices.Contains(wordsElsewhere, z) {
				tb.Fatalf("%v has no text methods", e.t)
			}
			continue
		}
		for i := 0; i < 256; i++ {
			b, err := e.marshal(i)
			if err != nil {
				break
			}
			e.words = append(e.words, string(b))
		}
		if len(e.words) < 2 {
			tb.Fatalf("%v: %d words", e.t, len(e.words))
		}
		out = append(out, e)
	}
	return out
}

// checkUnknownWord fails unless err is a *poverty.ParseError wrapping
// poverty.ErrUnknownWord.
func checkUnknownWord(t *testing.T, e enumType, text string, err error) {
	t.Helper()
	var pe *poverty.ParseError
	if !errors.As(err, &pe) || !errors.Is(err, poverty.ErrUnknownWord) {
		t.Fatalf("%v: %q: error %#v is not a *poverty.ParseError wrapping ErrUnknownWord", e.t, text, err)
	}
}

// TestEnumWords: every value of every enumeration, the zero value
// included, marshals to its word and parses back (text and JSON); a value
// out of range does not marshal (a typed error); words are distinct.
func TestEnumWords(t *testing.T) {
	for _, e := range enumTypes(t) {
		t.Run(e.t.String(), func(t *testing.T) {
			for i, w := range e.words {
				if w == "" && i == 0 {
					continue // the unset word "" reads back through ParseOrUnset only where documented
				}
				got, err := e.parse([]byte(w))
				if err != nil || got != i {
					t.Errorf("%q -> %d, %v; want %d", w, got, err, i)
				}
				js, err := json.Marshal(e.value(i).Interface())
				p := reflect.New(e.t)
				if err != nil || json.Unmarshal(js, p.Interface()) != nil || int(p.Elem().Uint()) != i {
					t.Errorf("JSON round trip of %d: %s %v -> %v", i, js, err, p.Elem())
				}
				if slices.Index(e.words, w) != i {
					t.Errorf("word %q used twice", w)
				}
			}
			_, err := e.marshal(len(e.words))
			checkUnknownWord(t, e, "out of range", err)
		})
	}
}

// FuzzEnumWords is one target over every enumeration: an accepted text is
// the value's own word (or the unset value's empty text, or a documented
// alias: a risk factor's code) and round-trips through MarshalText and
// JSON; anything else is a *poverty.ParseError wrapping
// poverty.ErrUnknownWord (the oracle being the word table read through
// MarshalText).
func FuzzEnumWords(f *testing.F) {
	types := enumTypes(f)
	for k, e := range types {
		f.Add(uint8(k), e.words[len(e.words)-1])
	}
	f.Add(uint8(12), "0201")
	f.Add(uint8(0), "")
	f.Add(uint8(1), "Female")
	f.Fuzz(func(t *testing.T, which uint8, text string) {
		e := types[int(which)%len(types)]
		i, err := e.parse([]byte(text))
		known := slices.Index(e.words, text)
		if err != nil {
			checkUnknownWord(t, e, text, err)
			if known > 0 || known == 0 && text != "" {
				t.Fatalf("%v: word %q of value %d refused: %v", e.t, text, known, err)
			}
			for v := range e.words {
				if e.alias(v, text) {
					t.Fatalf("%v: alias %q of %d refused", e.t, text, v)
				}
			}
			return
		}
		if !(e.words[i] == text || text == "" && i == 0 || e.alias(i, text)) {
			t.Fatalf("%v: %q accepted as %d (%q)", e.t, text, i, e.words[i])
		}
		w, err := e.marshal(i)
		if err != nil {
			t.Fatalf("%v: accepted value %d does not marshal: %v", e.t, i, err)
		}
		if back, err := e.parse(w); (err != nil || back != i) && !(len(w) == 0 && i == 0) {
			t.Fatalf("%v: %q -> %d -> %q -> %d, %v", e.t, text, i, w, back, err)
		}
		// JSON agrees with the text methods.
		js, _ := json.Marshal(text)
		p := reflect.New(e.t)
		if err := json.Unmarshal(js, p.Interface()); err != nil || int(p.Elem().Uint()) != i {
			t.Fatalf("%v: JSON %s -> %v, %v; text gave %d", e.t, js, p.Elem(), err, i)
		}
	})
}

// TestEnumsListed checks that enums lists every type the module builds on
// an enum.New word table, so that a new enumeration is fuzzed too.
func TestEnumsListed(t *testing.T) {
	var listed []string
	for _, z := range enums {
		tt := reflect.TypeOf(z)
		listed = append(listed, tt.PkgPath()+"."+tt.Name())
	}
	var found []string
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "internal" || d.Name() == "examples" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		pkg := "github.com/openfupin/fupin/" + filepath.ToSlash(rel)
		ast.Inspect(file, func(n ast.Node) bool {
			ix, ok := n.(*ast.IndexExpr)
			if !ok {
				return true
			}
			if sel, ok := ix.X.(*ast.SelectorExpr); ok && sel.Sel.Name == "New" {
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == "enum" {
					if id, ok := ix.Index.(*ast.Ident); ok && ast.IsExported(id.Name) {
						found = append(found, pkg+"."+id.Name)
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(listed)
	slices.Sort(found)
	if !slices.Equal(listed, found) {
		t.Errorf("enumerations listed:\n%v\nbuilt on enum.New:\n%v", listed, found)
	}
}
