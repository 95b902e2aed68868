package exampleio

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCSV(t *testing.T) {
	raw := []byte("# a comment\n# another\nid,n\na,1\nb,2\n")
	rows, first, err := CSV(raw, "x.csv", "id,n")
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([][]string{{"a", "1"}, {"b", "2"}}, rows); d != "" || first != 4 {
		t.Errorf("rows (-want +got)\n%s; first line %d, want 4", d, first)
	}
	for name, in := range map[string]string{
		"header":      "id,m\na,1\n",
		"field count": "id,n\na,1,2\n",
		"empty":       "# only a comment\n",
	} {
		if _, _, err := CSV([]byte(in), "x.csv", "id,n"); err == nil || !strings.HasPrefix(err.Error(), "x.csv: ") {
			t.Errorf("%s: error %v does not name the file", name, err)
		}
	}
}

func TestLoad(t *testing.T) {
	var v struct {
		A int `json:"a"`
	}
	if err := Load("", []byte(`{"a":1}`), "embedded", &v); err != nil || v.A != 1 {
		t.Fatalf("embedded: %v, %v", v, err)
	}
	p := filepath.Join(t.TempDir(), "f.json")
	os.WriteFile(p, []byte(`{"a":2}`), 0o644)
	if err := Load(p, nil, "file", &v); err != nil || v.A != 2 {
		t.Fatalf("file: %v, %v", v, err)
	}
	for _, bad := range []string{`{"a":1,"b":2}`, `{"a":1} {"a":2}`, `{`} {
		if err := DecodeJSON([]byte(bad), "data", &v); err == nil || !strings.HasPrefix(err.Error(), "data: ") {
			t.Errorf("DecodeJSON(%s) = %v", bad, err)
		}
	}
	if err := Load(filepath.Join(t.TempDir(), "missing.json"), nil, "file", &v); err == nil {
		t.Error("missing file accepted")
	}
}
