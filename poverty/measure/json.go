package measure

import (
	"bytes"
	"encoding"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"unicode"
)

// The JSON form of the results: an object whose members are the field
// names in snake_case (IncomeGapRatio is "income_gap_ratio", S80S20
// "s80_s20"), money as decimal strings ([poverty.Money]), enumerations as
// their words, and every float64 that is not a number (NaN, or an
// infinity such as the Watts index of a population with welfare zero or
// below) as JSON null. Marshalling never fails.

// marshalResult writes the struct v, a result of this package, in the JSON
// form above. Nested values that marshal themselves (results, money,
// words) are left to encoding/json; floats, slices, arrays and other
// structs are written here, so that no NaN reaches encoding/json (which
// refuses it).
func marshalResult(v any) ([]byte, error) {
	var b bytes.Buffer
	writeValue(&b, reflect.ValueOf(v), true)
	return b.Bytes(), nil
}

var (
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

func writeValue(b *bytes.Buffer, v reflect.Value, top bool) {
	t := v.Type()
	if !top && (t.Implements(marshalerType) || t.Implements(textMarshalerType)) {
		writeJSON(b, v.Interface())
		return
	}
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			b.WriteString("null")
			return
		}
		b.Write(strconv.AppendFloat(b.AvailableBuffer(), f, 'g', -1, 64))
	case reflect.Slice:
		if v.IsNil() {
			b.WriteString("null")
			return
		}
		fallthrough
	case reflect.Array:
		b.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				b.WriteByte(',')
			}
			writeValue(b, v.Index(i), false)
		}
		b.WriteByte(']')
	case reflect.Struct:
		b.WriteByte('{')
		n := 0
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() || f.Type.Kind() == reflect.Func {
				continue
			}
			if n > 0 {
				b.WriteByte(',')
			}
			n++
			writeJSON(b, snake(f.Name))
			b.WriteByte(':')
			writeValue(b, v.Field(i), false)
		}
		b.WriteByte('}')
	default:
		writeJSON(b, v.Interface())
	}
}

// writeJSON writes v with encoding/json; what this package hands it
// (strings, integers, booleans, money, words) always encodes.
func writeJSON(b *bytes.Buffer, v any) {
	j, err := json.Marshal(v)
	if err != nil {
		j = []byte("null")
	}
	b.Write(j)
}

// snake returns a field name in snake_case: "IncomeGapRatio" is
// "income_gap_ratio", "TWithin" "t_within", "S80S20" "s80_s20".
func snake(name string) string {
	r := []rune(name)
	var out []rune
	for i, c := range r {
		if unicode.IsUpper(c) && i > 0 {
			prev := r[i-1]
			nextLower := i+1 < len(r) && unicode.IsLower(r[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				out = append(out, '_')
			}
		}
		out = append(out, unicode.ToLower(c))
	}
	return string(out)
}

// MarshalJSON writes the measures in the package's JSON form: snake_case
// members, money as strings, a NaN or infinite figure (Watts with welfare
// zero or below) as null. It never fails.
func (m Poverty) MarshalJSON() ([]byte, error) { return marshalResult(m) }

// MarshalJSON writes the inequality measures in the package's JSON form
// (a figure that is not a number is null). It never fails.
func (m Inequality) MarshalJSON() ([]byte, error) { return marshalResult(m) }

// MarshalJSON writes the point in the package's JSON form. It never fails.
func (m LorenzPoint) MarshalJSON() ([]byte, error) { return marshalResult(m) }

// MarshalJSON writes the report in the package's JSON form (a figure that
// is not a number is null). It never fails.
func (m GroupReport) MarshalJSON() ([]byte, error) { return marshalResult(m) }

// MarshalJSON writes the group in the package's JSON form (a figure that is
// not a number, such as the share of a group in a population with no poor,
// is null). It never fails.
func (m Group) MarshalJSON() ([]byte, error) { return marshalResult(m) }

// MarshalJSON writes the contribution in the package's JSON form (a share
// that is not a number is null). It never fails.
func (m Contribution) MarshalJSON() ([]byte, error) { return marshalResult(m) }

// MarshalJSON writes the decomposition in the package's JSON form (a term
// that is not a number is null). It never fails.
func (m TheilDecomposition) MarshalJSON() ([]byte, error) { return marshalResult(m) }

// MarshalJSON writes the attribution in the package's JSON form (a figure
// that is not a number is null). It never fails.
func (m Attribution) MarshalJSON() ([]byte, error) { return marshalResult(m) }

// MarshalJSON writes the effects in the package's JSON form (a share that
// is not a number is null). It never fails.
func (m SourceEffects) MarshalJSON() ([]byte, error) { return marshalResult(m) }

// MarshalJSON writes the line's decomposition in the package's JSON form
// (a figure that is not a number is null). It never fails.
func (m ShapleyLine) MarshalJSON() ([]byte, error) { return marshalResult(m) }

// MarshalJSON writes the decomposition in the package's JSON form (a
// figure that is not a number is null). It never fails.
func (m Shapley) MarshalJSON() ([]byte, error) { return marshalResult(m) }

// MarshalJSON writes the matrix in the package's JSON form (a weight that
// is not a number is null). It never fails.
func (m Transitions[S]) MarshalJSON() ([]byte, error) { return marshalResult(m) }

// MarshalJSON writes the dynamics in the package's JSON form. It never
// fails.
func (m Dynamics[S]) MarshalJSON() ([]byte, error) { return marshalResult(m) }

// MarshalJSON writes the flow in the package's JSON form. It never fails.
func (m Flow) MarshalJSON() ([]byte, error) { return marshalResult(m) }

// MarshalJSON writes the spell count in the package's JSON form. It never
// fails.
func (m SpellCount) MarshalJSON() ([]byte, error) { return marshalResult(m) }

// MarshalJSON writes the decomposition in the package's JSON form (a share
// that is not a number is null). It never fails.
func (m ChronicComponents) MarshalJSON() ([]byte, error) { return marshalResult(m) }
