package poverty

import (
	"cmp"
	_ "embed"
	"slices"
	"strconv"
	"sync"

	"github.com/openfupin/fupin/internal/param"
)

// Rule describes one decision rule of this package: its stable reason code,
// what it says, the number it fixes where it fixes one (Value, in Unit:
// the six months at home of the resident rule, the 12 months of the
// monitoring window), and its [Provenance]. Reason codes appear in every
// [Classification] and [Criterion]; [RuleFor] looks up the text, [Rules]
// lists the catalogue.
type Rule struct {
	Code  string `json:"code"`
	Rule  string `json:"rule"`
	Value int    `json:"value,omitempty"`
	Unit  Unit   `json:"unit,omitempty"` // UnitMonths
	Provenance
}

// rulesSchema is the schema name of the embedded rule catalogue.
const rulesSchema = "fupin.rules/2"

//go:embed data/rules.json
var rulesJSON []byte

type ruleCatalogue struct {
	byCode map[string]Rule
	sorted []Rule
}

var rules = sync.OnceValue(func() ruleCatalogue {
	var doc struct {
		Schema string `json:"schema"`
		Rules  []Rule `json:"rules"`
	}
	if err := param.Decode(rulesJSON, &doc); err != nil {
		panic("poverty: embedded rules.json: " + err.Error())
	}
	if doc.Schema != rulesSchema {
		panic("poverty: embedded rules.json: schema " + doc.Schema)
	}
	c := ruleCatalogue{byCode: make(map[string]Rule, len(doc.Rules))}
	for i, r := range doc.Rules {
		name := "rules.json " + r.Code
		if r.Code == "" {
			name = "rules.json rules[" + strconv.Itoa(i) + "]"
		}
		if err := r.Validate(name); err != nil {
			panic("poverty: embedded " + err.Error())
		}
		if r.Status == Example || r.Status == Supplied {
			panic("poverty: embedded rules.json: " + r.Code + ": " + r.Status.String() + " in library data")
		}
		if _, dup := c.byCode[r.Code]; dup || r.Code == "" || r.Rule == "" {
			panic("poverty: embedded rules.json: rule " + strconv.Quote(r.Code) + " empty or repeated")
		}
		c.byCode[r.Code] = r
		c.sorted = append(c.sorted, r)
	}
	slices.SortFunc(c.sorted, func(a, b Rule) int { return cmp.Compare(a.Code, b.Code) })
	return c
})

// ruleValue returns the Value of the embedded rule with the code, resolved
// once, so that the hot paths read an int.
func ruleValue(code string) func() int {
	return sync.OnceValue(func() int {
		r, ok := RuleFor(code)
		if !ok || r.Value <= 0 {
			panic("poverty: embedded rules.json: no positive value for " + code)
		}
		return r.Value
	})
}

var (
	residentMonths = ruleValue("household.resident")     // months at home that make a member resident
	windowMonths   = ruleValue("income.trailing_window") // months of the monitoring income window
)

// RuleFor returns the rule with the reason code, and whether it exists.
func RuleFor(code string) (Rule, bool) {
	r, ok := rules().byCode[code]
	return r, ok
}

// Rules returns the whole rule catalogue of the package, sorted by code, as
// a new slice each time.
func Rules() []Rule { return slices.Clone(rules().sorted) }

// Criterion is one tested condition of a decision, as a case worker reads
// it: the rule's reason code and text, whether it passed, what it read, the
// parameter that decided it (its value and source with status, from
// [Threshold.Cite]), and the rule's source with its status label
// ([Provenance.Cite]).
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
	return Criterion{Code: code, Pass: pass, Rule: r.Rule, Input: input, Param: param, Source: r.Provenance.Cite()}
}
