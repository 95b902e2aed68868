package risk

import (
	_ "embed"
	"slices"
	"strings"
	"sync"

	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/poverty"
)

// Rule describes one decision rule of this package: its stable reason code,
// what it says, and its provenance (embedded: r.Source, r.Status, r.Scope,
// r.Cite() ...). Every warning, criterion, finding and proposal names a
// rule by its code and cites it with [poverty.Provenance.Cite]. A rule the
// library applies in every province while only a province or county
// confirms it is DEFAULT, and its source names the local text it follows; a
// LOCAL rule records such a local text (elimination.stable_half_year, the
// 枞阳县 rule behind the parameter stable_months). The zero Rule has no code.
type Rule struct {
	Code string `json:"code"`
	Rule string `json:"rule"`
	poverty.Provenance
}

//go:embed data/rules.json
var rulesJSON []byte

type rulesDoc struct {
	Schema string `json:"schema"`
	Rules  []Rule `json:"rules"`
}

// decodeRules decodes and checks a rules document (schema
// "fupin.risk.rules/2"): every rule has a code, a rule text and a complete
// provenance; codes are unique.
func decodeRules(data []byte, name string) ([]Rule, error) {
	var doc rulesDoc
	if err := param.Decode(data, &doc); err != nil {
		return nil, &poverty.FieldError{Record: name, Field: "file", Err: err}
	}
	if doc.Schema != "fupin.risk.rules/2" {
		return nil, &poverty.FieldError{Record: name, Field: "schema", Value: doc.Schema, Err: poverty.ErrUnknownWord}
	}
	seen := make(map[string]bool, len(doc.Rules))
	for _, r := range doc.Rules {
		rec := name + " " + r.Code
		switch {
		case r.Code == "":
			return nil, &poverty.FieldError{Record: name, Field: "code", Err: poverty.ErrMissing}
		case seen[r.Code]:
			return nil, &poverty.FieldError{Record: rec, Field: "code", Value: r.Code, Err: poverty.ErrDuplicate}
		case r.Rule == "":
			return nil, &poverty.FieldError{Record: rec, Field: "rule", Err: poverty.ErrMissing}
		}
		if err := r.Provenance.Validate(rec); err != nil {
			return nil, err
		}
		seen[r.Code] = true
	}
	slices.SortFunc(doc.Rules, func(a, b Rule) int { return strings.Compare(a.Code, b.Code) })
	return doc.Rules, nil
}

var ruleTable = sync.OnceValue(func() []Rule {
	rs, err := decodeRules(rulesJSON, "embedded rules.json")
	if err != nil {
		panic("risk: " + err.Error())
	}
	return rs
})

// RuleFor returns the rule with the reason code, and whether it exists. The
// Rule is a value: changing it changes nothing shared.
func RuleFor(code string) (Rule, bool) {
	rs := ruleTable()
	i, ok := slices.BinarySearchFunc(rs, code, func(r Rule, c string) int { return strings.Compare(r.Code, c) })
	if !ok {
		return Rule{}, false
	}
	return rs[i], true
}

// Rules returns every rule of the package (data/rules.json), sorted by
// code, each with its provenance: the list a register of the package's
// rules is built from. The slice is a fresh copy.
func Rules() []Rule { return slices.Clone(ruleTable()) }

// criterion builds a [poverty.Criterion] from the rule catalogue.
func criterion(code string, pass bool, input, param string) poverty.Criterion {
	r, ok := RuleFor(code)
	if !ok {
		panic("risk: no rule " + code) // a programming error: every code used is in data/rules.json
	}
	return poverty.Criterion{Code: code, Pass: pass, Rule: r.Rule, Input: input, Param: param, Source: r.Cite()}
}
