package poverty

import (
	_ "embed"
	"encoding/json"
	"sync"
)

// Rule describes one decision rule of this package: its stable reason code,
// what it says, and the document it comes from. Reason codes appear in every
// [Classification] and [Criterion]; [RuleFor] looks up the text.
type Rule struct {
	Code   string       `json:"code"`
	Rule   string       `json:"rule"`
	Source string       `json:"source"`
	Status SourceStatus `json:"status"`
}

//go:embed data/rules.json
var rulesJSON []byte

var rules = sync.OnceValue(func() map[string]Rule {
	var doc struct {
		Rules []Rule `json:"rules"`
	}
	if err := json.Unmarshal(rulesJSON, &doc); err != nil {
		panic("poverty: embedded rules.json: " + err.Error())
	}
	m := make(map[string]Rule, len(doc.Rules))
	for _, r := range doc.Rules {
		m[r.Code] = r
	}
	return m
})

// RuleFor returns the rule with the reason code, and whether it exists.
func RuleFor(code string) (Rule, bool) {
	r, ok := rules()[code]
	return r, ok
}

// Criterion is one tested condition of a decision, as a case worker reads
// it: the rule's reason code and text, whether it passed, what it read, the
// parameter that decided it (with its source), and the rule's source.
type Criterion struct {
	Code   string `json:"code"`
	Pass   bool   `json:"pass"`
	Rule   string `json:"rule"`
	Input  string `json:"input"`
	Param  string `json:"param,omitempty"`
	Source string `json:"source"`
}

// criterion builds a Criterion from the rule catalogue.
func criterion(code string, pass bool, input, param string) Criterion {
	r, _ := RuleFor(code)
	return Criterion{Code: code, Pass: pass, Rule: r.Rule, Input: input, Param: param, Source: r.Source}
}
