package poverty

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/internal/param"
)

// TestDefaultIsImmutable mutates every element of everything the shared
// embedded table and rule catalogue return, then fetches again and compares
// with a fresh decode of the embedded files.
func TestDefaultIsImmutable(t *testing.T) {
	fresh, err := LoadTable(bytes.NewReader(thresholdsJSON), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema string `json:"schema"`
		Rules  []Rule `json:"rules"`
	}
	if err := param.Decode(rulesJSON, &doc); err != nil {
		t.Fatal(err)
	}
	freshRules := map[string]Rule{}
	for _, r := range doc.Rules {
		freshRules[r.Code] = r
	}
	spoil := func(p *Provenance) {
		*p = Provenance{Source: "spoiled", Status: Example, Qualifier: "q", Scope: "53", From: "1999", To: "2000", Note: "n"}
	}
	fetch := func() map[string]any {
		tab := Default()
		r, _ := RuleFor("exit.education")
		il, _ := tab.IntlLine("wb-2.15-2017")
		return map[string]any{
			"records": tab.Records(""), "gaps": tab.Gaps(""), "series": tab.SeriesList(""), "intl": tab.IntlLines(),
			"history": tab.History(KindMonitoringLine, "", "53", 2025), "rules": Rules(), "rule": r, "line": il,
		}
	}
	got := fetch()
	for _, v := range got {
		switch v := v.(type) {
		case []Threshold:
			for i := range v {
				spoil(&v[i].Provenance)
				v[i].Kind, v[i].Series, v[i].Year, v[i].Until, v[i].Amount, v[i].Rate = "spoiled", "s", 1, 2, 3, 4
				v[i].Unit, v[i].Concept, v[i].PriceBase, v[i].Comparison = "u", NetIncome, "p", GreaterThan
				v[i].Approximate, v[i].Derived, v[i].Stale, v[i].Origin = true, true, true, "o"
				v[i].Factor, v[i].Base, v[i].FactorApproximate, v[i].BaseApproximate = 5, 6, true, true
			}
		case []Series:
			for i := range v {
				spoil(&v[i].Provenance)
				v[i].Kind, v[i].Series, v[i].Name, v[i].Reference = "k", "s", "n", !v[i].Reference
			}
		case []IntlLine:
			for i := range v {
				spoil(&v[i].Provenance)
				v[i].ID, v[i].Cents, v[i].PPPBase = "x", 1, 2
			}
		case []Rule:
			for i := range v {
				spoil(&v[i].Provenance)
				v[i].Code, v[i].Rule, v[i].Value, v[i].Unit = "c", "r", 99, "u"
			}
		}
	}
	again := fetch()
	want := map[string]any{
		"records": fresh.Records(""), "gaps": fresh.Gaps(""), "series": fresh.SeriesList(""), "intl": fresh.IntlLines(),
		"history": fresh.History(KindMonitoringLine, "", "53", 2025), "rules": sortedRules(freshRules),
		"rule": freshRules["exit.education"], "line": mustLine(t, fresh, "wb-2.15-2017"),
	}
	if d := cmp.Diff(want, again); d != "" {
		t.Errorf("a caller's mutation reached the shared data (-want +got)\n%s", d)
	}
}

func sortedRules(m map[string]Rule) []Rule {
	var out []Rule
	for _, r := range m {
		out = append(out, r)
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if strings.Compare(out[j].Code, out[i].Code) < 0 {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func mustLine(t *testing.T, tab *Table, id string) IntlLine {
	l, ok := tab.IntlLine(id)
	if !ok {
		t.Fatalf("no line %s", id)
	}
	return l
}

// TestEmbeddedDataComplete checks every record of the embedded data files
// for a complete provenance and an explicit scope, and that no library
// value is EXAMPLE or SUPPLIED.
func TestEmbeddedDataComplete(t *testing.T) {
	for name, data := range map[string][]byte{"thresholds.json": thresholdsJSON, "rules.json": rulesJSON} {
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		var walk func(any, string)
		walk = func(v any, path string) {
			switch v := v.(type) {
			case map[string]any:
				if _, ok := v["source"]; ok {
					for _, k := range []string{"status", "scope"} {
						if _, ok := v[k]; !ok {
							t.Errorf("%s %s: no %q", name, path, k)
						}
					}
					if s := v["status"]; s == "EXAMPLE" || s == "SUPPLIED" {
						t.Errorf("%s %s: status %v in library data", name, path, s)
					}
				}
				for k, x := range v {
					walk(x, path+"."+k)
				}
			case []any:
				for i, x := range v {
					walk(x, path+"["+itoa(i)+"]")
				}
			}
		}
		walk(v, "")
	}
}
