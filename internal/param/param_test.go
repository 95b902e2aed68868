package param_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/poverty"
)

func TestDecode(t *testing.T) {
	var v struct {
		Region poverty.Region `json:"region"`
		Note   string         `json:"note"`
	}
	raw := "513434198903010020"
	for name, tt := range map[string]struct {
		in   string
		want []error
	}{
		"ok":             {`{"region":"53"}`, nil},
		"unknown field":  {`{"region":"53","id":"` + raw + `"}`, []error{poverty.ErrSyntax}},
		"trailing data":  {`{"region":"53"} {}`, []error{poverty.ErrSyntax}},
		"field sentinel": {`{"region":"99"}`, []error{poverty.ErrSyntax, poverty.ErrUnknownRegion}},
		"not json":       {`{"region":`, []error{poverty.ErrSyntax}},
	} {
		t.Run(name, func(t *testing.T) {
			err := param.Decode([]byte(tt.in), &v)
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, w := range tt.want {
				if !errors.Is(err, w) {
					t.Errorf("error %v does not wrap %v", err, w)
				}
			}
			if strings.Contains(err.Error(), raw[6:14]) {
				t.Errorf("error reveals an identity number: %v", err)
			}
		})
	}
}

func TestReadFile(t *testing.T) {
	var doc struct {
		Schema string `json:"schema"`
	}
	check := func(in string, limit int, field string, want error) {
		t.Helper()
		err := param.ReadFile(strings.NewReader(in), limit, "s/1", &doc)
		var fe *param.FileError
		if !errors.As(err, &fe) || fe.Field != field || !errors.Is(err, want) {
			t.Errorf("ReadFile(%q) = %v, want field %q wrapping %v", in, err, field, want)
		}
	}
	check(`{"schema":"s/2"}`, 100, "schema", poverty.ErrUnknownWord)
	check(`{"schema":"s/1","x":1}`, 100, "file", poverty.ErrSyntax)
	check(`{"schema":"s/1"}`, 5, "file", poverty.ErrRange)
	check(`[`, 100, "file", poverty.ErrSyntax)
	if err := param.ReadFile(strings.NewReader(`{"schema":"s/1"}`), 100, "s/1", &doc); err != nil || doc.Schema != "s/1" {
		t.Errorf("valid file: %v", err)
	}
}

type rec struct {
	ID    string
	Value int
	Tags  []string
}

func recKey(r *rec) string { return r.ID }

func TestSetOverlayHistory(t *testing.T) {
	base, dup := param.NewSet([]rec{{"a", 1, nil}, {"b", 2, nil}}, recKey)
	if dup != -1 {
		t.Fatalf("dup = %d", dup)
	}
	if _, dup := param.NewSet([]rec{{"a", 1, nil}, {"a", 2, nil}}, recKey); dup != 1 {
		t.Errorf("a repeated key is reported at index 1, got %d", dup)
	}
	o1, _ := param.NewSet([]rec{{"b", 20, nil}, {"c", 30, nil}}, recKey)
	o2, _ := param.NewSet([]rec{{"b", 200, nil}}, recKey)
	got := base.Overlay(o1).Overlay(o2)

	if diff := cmp.Diff([]rec{{"a", 1, nil}, {"b", 200, nil}, {"c", 30, nil}}, got.All()); diff != "" {
		t.Errorf("current (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]rec{{"b", 2, nil}, {"b", 20, nil}, {"b", 200, nil}}, got.History("b", nil)); diff != "" {
		t.Errorf("history of b, oldest first (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]rec{{"a", 1, nil}, {"b", 2, nil}}, base.All()); diff != "" {
		t.Errorf("overlay changed its receiver (-want +got):\n%s", diff)
	}
	if got.Len() != 3 || got.Get("c") == nil || got.Get("c").Value != 30 || got.Get("z") != nil {
		t.Errorf("Len/Get wrong: %d %v", got.Len(), got.Get("c"))
	}
	// An overlay of an overlay keeps the history of both sides.
	nested := base.Overlay(o1.Overlay(o2))
	if n := len(nested.History("b", nil)); n != 3 {
		t.Errorf("history through a nested overlay has %d versions, want 3", n)
	}
	// The zero Set overlays like an empty one.
	var zero param.Set[string, rec]
	if n := zero.Overlay(base).Len(); n != 2 {
		t.Errorf("zero.Overlay(base).Len() = %d", n)
	}
}

func TestSetHistoryCopies(t *testing.T) {
	s, _ := param.NewSet([]rec{{"a", 1, []string{"x"}}}, recKey)
	clone := func(r rec) rec { r.Tags = append([]string(nil), r.Tags...); return r }
	h := s.History("a", clone)
	h[0].Tags[0] = "changed"
	h[0].Value = 99
	if diff := cmp.Diff([]rec{{"a", 1, []string{"x"}}}, s.History("a", clone)); diff != "" {
		t.Errorf("a caller changed the set through History (-want +got):\n%s", diff)
	}
}

func TestUnknownField(t *testing.T) {
	var v struct {
		Region string `json:"region"`
	}
	for _, tt := range []struct {
		in     string
		want   string
		wantOK bool
	}{
		{`{"region":"53","dute":1}`, "dute", true},
		{`{"513434198903010020":1}`, "513434********0020", true},
		{`{"region":`, "", false},
		{`{"region":1}`, "", false},
	} {
		got, ok := param.UnknownField(param.Decode([]byte(tt.in), &v))
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("UnknownField(Decode(%s)) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
	if _, ok := param.UnknownField(errors.New(`json: unknown field "x"`)); ok {
		t.Error("an error Decode did not return was read as an unknown field")
	}
}
