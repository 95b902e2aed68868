package children

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

// A valid identity number (GB 11643 check character correct) used to test
// masking; its birth date digits must never appear in an error.
const testID = "440106200803150021"

// leaksID reports whether s holds any 18-character run that is a valid
// identity number, or the test number's birth-date digits next to its
// division code.
func leaksID(s string) bool {
	if strings.Contains(s, testID[:14]) || strings.Contains(s, testID) {
		return true
	}
	for i := 0; i+18 <= len(s); i++ {
		if _, err := poverty.ParseIDNumber(s[i : i+18]); err == nil {
			return true
		}
	}
	return false
}

func TestDecoderErrorsMaskIDs(t *testing.T) {
	base := `{"id":"k","birth_date":"2012-01-01","hukou":"rural","father":{"situation":"at_home"},"mother":{"situation":"at_home"}}`
	for _, tc := range []struct {
		name, line string
		field      string
		want       error
	}{
		{"ID number as child id with bad hukou", `{"id":"` + testID + `","birth_date":"2012-01-01","hukou":"x","father":{"situation":"at_home"},"mother":{"situation":"at_home"}}`, "hukou", poverty.ErrUnknownWord},
		{"ID number as child id", strings.Replace(base, `"id":"k"`, `"id":"`+testID+`"`, 1), "id", ErrIdentityKey},
		{"ID number as parent id", strings.Replace(base, `"father":{"situation":"at_home"}`, `"father":{"situation":"at_home","id":"x`+testID+`"}`, 1), "father.id", ErrIdentityKey},
		{"ID number as field name", `{"id":"k","` + testID + `":1}`, "line", poverty.ErrSyntax},
		{"ID number as situation", strings.Replace(base, `"father":{"situation":"at_home"}`, `"father":{"situation":"`+testID+`"}`, 1), "father.situation", poverty.ErrUnknownWord},
		{"ID number as birth date", strings.Replace(base, `"2012-01-01"`, `"`+testID+`"`, 1), "birth_date", poverty.ErrSyntax},
		{"ID number with a wrong check digit", strings.Replace(base, `"id":"k"`, `"id":"k","id_number":"440106200803150022"`, 1), "id_number", poverty.ErrInvalidID},
		{"ID number disagreeing with birth date", strings.Replace(base, `"id":"k"`, `"id":"k","id_number":"`+testID+`"`, 1), "birth_date", ErrConflict},
		{"ID number as parent id number in a bad type", strings.Replace(base, `"id":"k"`, `"id":"k","father":{"id_number":123}`, 1), "father.id_number", poverty.ErrSyntax},
		{"ID number as village", `{"id":"k","village":"` + testID + `","birth_date":"2012-01-01","father":{"situation":"at_home"},"mother":{"situation":"at_home"}}`, "village", ErrIdentityKey},
		{"ID number in broken JSON", `{"id":"` + testID + `",`, "line", poverty.ErrSyntax},
		{"ID number in a number field", strings.Replace(base, `"hukou":"rural"`, `"hukou":"rural","guardian":{"age":"`+testID+`"}`, 1), "guardian.age", poverty.ErrSyntax},
		{"unknown nested field", strings.Replace(base, `"father":{"situation":"at_home"}`, `"father":{"situation":"at_home","x":1}`, 1), "father", poverty.ErrSyntax},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c Child
			err := NewDecoder(strings.NewReader("\n" + tc.line + "\n")).Next(&c)
			var re *poverty.FieldError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want *poverty.FieldError", err)
			}
			if re.Op != "children.Decode" || re.Record != "line 2" && !strings.HasPrefix(re.Record, "line 2 ") || re.Field != tc.field || !errors.Is(err, tc.want) {
				t.Errorf("op %s record %q field %q err %v; want children.Decode, line 2, field %q wrapping %v", re.Op, re.Record, re.Field, err, tc.field, tc.want)
			}
			for _, s := range []string{err.Error(), fmt.Sprint(errors.Unwrap(err)), fmt.Sprintf("%+v", err)} {
				if leaksID(s) {
					t.Errorf("identity number leaks: %s", s)
				}
			}
		})
	}
}

func TestDecoderRoundTrip(t *testing.T) {
	reg := genRegistry(200, d("2024-09-01"))
	var b strings.Builder
	for _, c := range reg.Children {
		line, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteString("\n\n")
	}
	got, err := decodeAll(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(reg.Children, got, dateEq); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

// decodeAll reads every child from r; it stops at the first error.
func decodeAll(r io.Reader) ([]Child, error) {
	d := NewDecoder(r)
	var out []Child
	for {
		var c Child
		err := d.Next(&c)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, c)
	}
}

func TestDecoderContinuesAfterError(t *testing.T) {
	in := `{"id":"a","birth_date":"2012-01-01","hukou":"rural","father":{"situation":"at_home"},"mother":{"situation":"at_home"}}
{"id":"b","hukou":"rural"}
{"id":"c","birth_date":"2012-01-01","hukou":"urban","father":{"situation":"at_home"},"mother":{"situation":"deceased"}}
`
	dec := NewDecoder(strings.NewReader(in))
	var ids []string
	var lines []int
	for {
		var c Child
		err := dec.Next(&c)
		if err == io.EOF {
			break
		}
		if err != nil {
			lines = append(lines, dec.line)
			continue
		}
		ids = append(ids, c.ID)
	}
	if diff := cmp.Diff([]string{"a", "c"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{2}, lines); diff != "" {
		t.Errorf("error lines (-want +got):\n%s", diff)
	}
}

func TestChildPrintMasksID(t *testing.T) {
	c := Child{ID: "k", IDNumber: mustIDNumber(testID), Hukou: Rural,
		Father: Parent{Situation: AtHome, IDNumber: mustIDNumber("110101199003077774")}, Mother: Parent{Situation: AtHome}}
	j, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), string(j)} {
		if leaksID(s) || strings.Contains(s, "19900307") {
			t.Errorf("identity number leaks: %s", s)
		}
	}
	if c.Born() != d("2008-03-15") || c.SexOf() != poverty.Female {
		t.Errorf("from identity number: born %v sex %v", c.Born(), c.SexOf())
	}
}

func FuzzDecoder(f *testing.F) {
	f.Add(`{"id":"a","birth_date":"2012-01-01","hukou":"rural","father":{"situation":"at_home"},"mother":{"situation":"at_home"}}`)
	f.Add(`{"id":"` + testID + `","id_number":"` + testID + `","hukou":"rural","father":{"situation":"lost_contact","last_contact":"2024-01-01"},"mother":{"situation":"deceased"},"school":"x"}`)
	f.Add(`{"id":"b","id_number":"` + testID + `","hukou":"urban","county":"440106","father":{"situation":"imprisoned","since":"2020-01-01","until":"2019-01-01"},"mother":{"situation":"missing"}}`)
	f.Add(`{"` + testID + `":"` + testID + `"}`)
	f.Add("{\"id\":\"c\",\"guardian\":{\"kind\":\"grandparent\",\"age\":70,\"agreement\":true}}\n{")
	f.Fuzz(func(t *testing.T, in string) {
		dec := NewDecoder(strings.NewReader(in))
		for range 20 {
			var c Child
			err := dec.Next(&c)
			if err == io.EOF {
				return
			}
			if err != nil {
				var re *poverty.FieldError
				if !errors.As(err, &re) || re.Op != "children.Decode" || !strings.HasPrefix(re.Record, "line ") {
					t.Fatalf("error is not a *poverty.FieldError of children.Decode naming the line: %v", err)
				}
				if leaksID(err.Error()) || leaksID(fmt.Sprint(errors.Unwrap(err))) {
					t.Fatalf("identity number leaks: %v", err)
				}
				continue
			}
			if err := c.Validate(); err != nil {
				t.Fatalf("decoded child does not validate: %v", err)
			}
			// Round trip: identity numbers marshal masked, so compare with
			// them dropped and their birth date and sex kept.
			c.BirthDate, c.Sex = c.Born(), c.SexOf()
			c.IDNumber, c.Father.IDNumber, c.Mother.IDNumber = poverty.IDNumber{}, poverty.IDNumber{}, poverty.IDNumber{}
			line, err := json.Marshal(c)
			if err != nil {
				t.Fatalf("marshal: %v", err)
			}
			var back Child
			if err := NewDecoder(strings.NewReader(string(line))).Next(&back); err != nil {
				t.Fatalf("decode of %s: %v", line, err)
			}
			if diff := cmp.Diff(c, back, dateEq); diff != "" {
				t.Fatalf("round trip (-want +got):\n%s", diff)
			}
			if _, err := Default().Classify(&c, d("2024-09-01")); err != nil && !errors.Is(err, ErrNotBorn) {
				t.Fatalf("classify: %v", err)
			}
		}
	})
}
