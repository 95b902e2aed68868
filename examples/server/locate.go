package main

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
)

// A decoding error of encoding/json says what failed but not where: an
// unknown field carries its bare key, an UnmarshalTypeError a dotted path
// without array indexes, and an error of a value's own UnmarshalText or
// UnmarshalJSON nothing at all. locateError finds the place by walking the
// body a token at a time alongside the Go type it was decoded into, the
// way the decoder walked it, and returning the JSON path of the first
// value (in document order) that fails the way the decoder failed. It
// never searches the body for a string, so two fields that hold the same
// text are told apart.

// failure kinds, as the decoder reports them.
const (
	failUnknown = iota + 1 // a key no struct field takes (DisallowUnknownFields)
	failType               // a JSON value of the wrong kind for its Go type
	failValue              // the value's own UnmarshalText/UnmarshalJSON refused it
)

// locateError returns the JSON path ("household.members[1].id_number") of
// the value the decoding error err is about, with body decoded into a
// value of type t; "" when it cannot be found.
func locateError(body []byte, t reflect.Type, err error) string {
	want, key := 0, ""
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &te):
		want = failType
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		want = failUnknown
		key, _ = strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
	default:
		want = failValue
	}
	w := walker{dec: json.NewDecoder(bytes.NewReader(body)), want: want, key: key, msg: err.Error()}
	w.dec.UseNumber()
	if w.value(t, nil) {
		return w.path
	}
	return ""
}

type walker struct {
	dec  *json.Decoder
	want int
	key  string // the unknown key, for failUnknown
	msg  string // the error's text, for failValue
	path string // set when found
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// value reads one JSON value of Go type t at path; it reports true when
// the failure is found (w.path set) or the input ends.
func (w *walker) value(t reflect.Type, path []string) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	pt := reflect.PointerTo(t)
	if pt.Implements(unmarshalerType) || pt.Implements(textUnmarshalerType) && t.Kind() != reflect.Map {
		var raw json.RawMessage
		if err := w.dec.Decode(&raw); err != nil {
			return true
		}
		if bytes.Equal(raw, []byte("null")) {
			return false
		}
		if !pt.Implements(unmarshalerType) && raw[0] != '"' {
			return w.found(failType, path)
		}
		if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) && w.want == failType {
				return w.found(failType, path)
			}
			if w.want == failValue && err.Error() == w.msg {
				return w.found(failValue, path)
			}
			if w.want == failUnknown && strings.HasPrefix(err.Error(), "json: unknown field ") {
				// A custom decoder of an object refused a key.
				return w.found(failUnknown, path)
			}
		}
		return false
	}
	tok, err := w.dec.Token()
	if err != nil {
		return true
	}
	switch tok := tok.(type) {
	case json.Delim:
		if tok == '[' {
			return w.array(t, path)
		}
		return w.object(t, path)
	case nil:
		return false
	case string:
		if t.Kind() != reflect.String && t.Kind() != reflect.Interface {
			return w.found(failType, path)
		}
	case bool:
		if t.Kind() != reflect.Bool && t.Kind() != reflect.Interface {
			return w.found(failType, path)
		}
	case json.Number:
		if !numberFits(tok, t) {
			return w.found(failType, path)
		}
	}
	return false
}

// numberFits reports whether the decoder stores n in a value of type t.
func numberFits(n json.Number, t reflect.Type) bool {
	s := string(n)
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		_, err := strconv.ParseInt(s, 10, t.Bits())
		return err == nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		_, err := strconv.ParseUint(s, 10, t.Bits())
		return err == nil
	case reflect.Float32, reflect.Float64:
		_, err := strconv.ParseFloat(s, t.Bits())
		return err == nil
	}
	return false
}

func (w *walker) found(kind int, path []string) bool {
	if kind != w.want {
		return false
	}
	w.path = joinPath(path)
	return true
}

func (w *walker) array(t reflect.Type, path []string) bool {
	var elem reflect.Type
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		elem = t.Elem()
	case reflect.Interface:
		elem = t
	default:
		if w.found(failType, path) {
			return true
		}
		elem = reflect.TypeFor[any]() // skip the contents
	}
	for i := 0; w.dec.More(); i++ {
		if w.value(elem, append(path, "["+strconv.Itoa(i)+"]")) {
			return true
		}
	}
	_, err := w.dec.Token() // ']'
	return err != nil
}

func (w *walker) object(t reflect.Type, path []string) bool {
	var fields map[string]reflect.Type
	var elem reflect.Type
	switch t.Kind() {
	case reflect.Struct:
		fields = jsonFields(t)
	case reflect.Map:
		elem = t.Elem()
	case reflect.Interface:
		elem = t
	default:
		if w.found(failType, path) {
			return true
		}
		elem = reflect.TypeFor[any]()
	}
	for w.dec.More() {
		tok, err := w.dec.Token()
		if err != nil {
			return true
		}
		key, _ := tok.(string)
		ft := elem
		if fields != nil {
			var ok bool
			if ft, ok = lookupField(fields, key); !ok {
				if w.want == failUnknown && key == w.key {
					w.path = joinPath(append(path, key))
					return true
				}
				ft = reflect.TypeFor[any]()
			}
		}
		if w.value(ft, append(path, key)) {
			return true
		}
	}
	_, err := w.dec.Token() // '}'
	return err != nil
}

// jsonFields lists the JSON names of a struct's fields, embedded structs'
// fields promoted, as encoding/json sees them (shallower fields win).
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	var add func(t reflect.Type, depth int, depths map[string]int)
	add = func(t reflect.Type, depth int, depths map[string]int) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			if f.Anonymous && name == "" {
				et := f.Type
				if et.Kind() == reflect.Pointer {
					et = et.Elem()
				}
				if et.Kind() == reflect.Struct {
					add(et, depth+1, depths)
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if d, ok := depths[name]; !ok || depth < d {
				depths[name] = depth
				out[name] = f.Type
			}
		}
	}
	add(t, 0, map[string]int{})
	return out
}

// lookupField finds a key as encoding/json does: the exact name first,
// then a case-insensitive match.
func lookupField(fields map[string]reflect.Type, key string) (reflect.Type, bool) {
	if t, ok := fields[key]; ok {
		return t, true
	}
	for name, t := range fields {
		if strings.EqualFold(name, key) {
			return t, true
		}
	}
	return nil, false
}

func joinPath(path []string) string {
	var b strings.Builder
	for i, p := range path {
		if i > 0 && !strings.HasPrefix(p, "[") {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}
