package risk

import (
	_ "embed"
	"slices"
	"sync"

	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/poverty"
)

// Rule describes one decision rule of this package: its stable reason code,
// what it says, its source and how well that source grounds it. Every
// warning, criterion, finding and proposal names a rule by its code. The
// zero Rule has no code.
type Rule struct {
	Code   string `json:"code"`
	Rule   string `json:"rule"`
	Source string `json:"source"`
	Status Basis  `json:"status"`
}

//go:embed data/rules.json
var rulesJSON []byte

var ruleTable = sync.OnceValue(func() map[string]Rule {
	var doc struct {
		Schema string `json:"schema"`
		Rules  []Rule `json:"rules"`
	}
	if err := param.Decode(rulesJSON, &doc); err != nil || doc.Schema != "fupin.risk.rules/1" {
		panic("risk: embedded rules.json: bad document")
	}
	m := make(map[string]Rule, len(doc.Rules))
	for _, r := range doc.Rules {
		if _, dup := m[r.Code]; dup || r.Source == "" || r.Status == BasisUnset {
			panic("risk: embedded rules.json: bad rule " + r.Code)
		}
		m[r.Code] = r
	}
	return m
})

// RuleFor returns the rule with the reason code, and whether it exists.
func RuleFor(code string) (Rule, bool) {
	r, ok := ruleTable()[code]
	return r, ok
}

// Rules returns every rule of the package, sorted by code.
func Rules() []Rule {
	m := ruleTable()
	out := make([]Rule, 0, len(m))
	for _, r := range m {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Rule) int { return compareStrings(a.Code, b.Code) })
	return out
}

// criterion builds a [poverty.Criterion] from the rule catalogue.
func criterion(code string, pass bool, input, param string) poverty.Criterion {
	r, ok := RuleFor(code)
	if !ok {
		panic("risk: no rule " + code) // a programming error: every code used is in data/rules.json
	}
	return poverty.Criterion{Code: code, Pass: pass, Rule: r.Rule, Input: input, Param: param,
		Source: r.Source + " [" + r.Status.String() + "]"}
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
