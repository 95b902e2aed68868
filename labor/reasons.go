package labor

import (
	"slices"
	"strconv"
	"strings"

	"github.com/openfupin/fupin/poverty"
)

func itoa(n int) string { return strconv.Itoa(n) }

// ruleTexts are the reason codes of this package and what each rule says.
// The parameters and their sources come from the parameter records; these
// texts only name the test.
var ruleTexts = map[string]string{
	"employment.zero_employment":      "zero-employment household (零就业家庭): members of working age able to work, none in fairly stable employment (local rule)",
	"employment.has_stable_member":    "at least one member of working age is in fairly stable employment (local rule)",
	"employment.no_labour_force":      "no member of working age is able to work: the zero-employment test does not apply",
	"employment.stable_days":          "fairly stable employment: days of work in the year at least the local minimum",
	"employment.stable_contract":      "fairly stable employment: a labour contract at least the local minimum length",
	"employment.stable_wage":          "fairly stable employment: pay at least the local minimum wage",
	"recognition.min_workers":         "the workshop employs at least the required number of counted workers",
	"recognition.county_recognised":   "the workshop is recognised by the county",
	"recognition.registered_business": "the workshop is a registered business",
	"recognition.fixed_premises":      "the workshop has fixed premises",
	"recognition.site":                "the workshop stands at one of the required sites",
	"recognition.excluded_site":       "the workshop does not stand at an excluded site",
	"recognition.processing":          "the workshop is not a farming cooperative without a processing step",
	"recognition.type":                "the workshop is of one of the recognised types",
	"recognition.insurance":           "accident insurance bought for workers is at least the minimum per person per month",
	"recognition.in_force":            "the rule is in force on the assessment date",
	"post.group":                      "the worker's household belongs to the group the rule counts",
	"post.in_post":                    "the worker holds the post on the assessment date",
	"post.contract":                   "the worker's contract is at least the required length",
	"post.minimum_wage":               "the worker is paid at least the local minimum wage",
	"post.working_age":                "the worker is of working age",
	"post.months_worked":              "the worker worked at least the required months in the year",
	"post.annual_wage":                "the worker's wage income in the year is at least the required amount",
	"post.months_in_post":             "the worker has been in post at least the required months",
	"transport.group":                 "the worker's household belongs to the group the subsidy serves",
	"transport.channel":               "the job was found through a channel the subsidy covers",
	"transport.months":                "the job was held at least the required months in the year",
	"transport.annual_wage":           "the job paid at least the required wage in the year",
	"transport.destination":           "the place of work falls in one of the subsidy's destination tiers",
}

// crit builds a criterion for code with the parameter and its record's citation.
func crit(code string, pass bool, input, param string, h *Header) poverty.Criterion {
	c := poverty.Criterion{Code: code, Pass: pass, Rule: ruleTexts[code], Input: input, Param: param}
	if h != nil {
		c.Source = h.cite()
	}
	return c
}

// RuleFor returns the rule with the reason code ("employment.stable_days",
// "recognition.min_workers", ...) and whether the code is one of this
// package's. Only Code and Rule are set: a rule of this package names a
// test, and its parameters and their provenance are those of the parameter
// record that a decision cites ([poverty.Criterion] Param and Source).
func RuleFor(code string) (poverty.Rule, bool) {
	s, ok := ruleTexts[code]
	if !ok {
		return poverty.Rule{}, false
	}
	return poverty.Rule{Code: code, Rule: s}, true
}

// Rules returns every rule of the package, sorted by code, as a new slice
// each time (see [RuleFor]).
func Rules() []poverty.Rule {
	out := make([]poverty.Rule, 0, len(ruleTexts))
	for code, s := range ruleTexts {
		out = append(out, poverty.Rule{Code: code, Rule: s})
	}
	slices.SortFunc(out, func(a, b poverty.Rule) int { return strings.Compare(a.Code, b.Code) })
	return out
}
