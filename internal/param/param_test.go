package param_test

import (
	"errors"
	"strings"
	"testing"

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
