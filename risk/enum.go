package risk

import (
	"strconv"
	"strings"

	"github.com/openfupin/fupin/internal/enum"
	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/poverty"
)

// parseErr is the error of an enumeration word that is not in its table.
func parseErr(what, input string) error {
	return &poverty.ParseError{Op: "risk", What: what, Input: poverty.MaskIDsIn(input), Err: poverty.ErrUnknownWord}
}

// Category is a monitored-household category (监测对象类型). The zero value
// is [CategoryNone]: the household is not a monitored household.
type Category uint8

// Categories. The 2020 guidance (国开发〔2020〕6号) defines the first two; the
// 2021 guidance (中农组发〔2021〕7号) adds the third. See [CategoriesOn].
const (
	// CategoryNone: not a monitored household.
	CategoryNone Category = iota
	// UnstableLiftedOut is the unstable lifted-out household (脱贫不稳定户):
	// lifted out of poverty, income within the monitoring range, at risk of
	// returning to poverty.
	UnstableLiftedOut
	// Marginal is the marginal household at risk of poverty (边缘易致贫户): a
	// general household, never registered, income within the monitoring
	// range, at risk of falling into poverty.
	Marginal
	// SuddenDifficulty is the household in sudden severe difficulty
	// (突发严重困难户): income above the range, but illness, disaster or an
	// accident raised rigid expenditure or cut income so that basic living is
	// seriously difficult. From 2021.
	SuddenDifficulty
	numCategories
)

var categoryWords = enum.New[Category](parseErr, "none", "unstable_lifted_out", "marginal", "sudden_difficulty")

// String returns the stable word: "unstable_lifted_out", "marginal",
// "sudden_difficulty", or "none".
func (c Category) String() string { return categoryWords.String(c, "Category") }

// MarshalText implements [encoding.TextMarshaler]; CategoryNone is "none".
func (c Category) MarshalText() ([]byte, error) {
	if c == CategoryNone {
		return []byte("none"), nil
	}
	return categoryWords.Marshal(c, "category")
}

// UnmarshalText implements [encoding.TextUnmarshaler]; unknown words are
// rejected with [poverty.ErrUnknownWord].
func (c *Category) UnmarshalText(b []byte) error {
	if string(b) == "none" {
		*c = CategoryNone
		return nil
	}
	i, err := categoryWords.Parse(b, "category")
	*c = Category(i)
	return err
}

// Factor is a relapse-risk factor (致贫/返贫风险), with the two- or four-digit
// code of the monitoring-era code list that docs/POLICY.md 2.2 records from one
// local monitoring system. That list is SECONDARY (a local code table found
// in public code); the codes are kept because systems exchange them, not
// because a national document fixes them. Code 08 does not occur in it.
//
// The zero value is [FactorUnknown]. Factors marshal as stable words
// ("illness", "disaster_flood"); [ParseFactor] also accepts the codes.
type Factor uint8

// Risk factors, in code order.
const (
	FactorUnknown          Factor = iota
	Illness                       // 01 因病
	DisasterFlood                 // 0201 因自然灾害: 洪涝
	DisasterGeological            // 0202 地质灾害
	DisasterDrought               // 0203 旱灾
	DisasterBiological            // 0204 生物灾害
	DisasterMeteorological        // 0205 气象灾害
	DisasterEarthquake            // 0206 地震
	DisasterOther                 // 0299 其他自然灾害
	Disability                    // 03 因残
	LackOfLabour                  // 04 因缺劳动力
	Accident                      // 05 因意外事故
	IndustryFailure               // 06 因产业失败
	UnstableEmployment            // 07 因务工就业不稳
	Schooling                     // 09 因学
	OtherFactor                   // 99 其他
	numFactors
)

var factorWords = enum.New[Factor](parseErr, "unknown", "illness", "disaster_flood", "disaster_geological", "disaster_drought",
	"disaster_biological", "disaster_meteorological", "disaster_earthquake", "disaster_other", "disability",
	"lack_of_labour", "accident", "industry_failure", "unstable_employment", "schooling", "other")

var factorCodes = [...]string{"", "01", "0201", "0202", "0203", "0204", "0205", "0206", "0299", "03", "04",
	"05", "06", "07", "09", "99"}

// FactorCodeProvenance returns the provenance of the factor codes, as
// docs/POLICY.md 2.2 gives it: SECONDARY (public code), one local system's
// table whose place is not identified, used by the library in every
// province.
func FactorCodeProvenance() poverty.Provenance {
	return poverty.Provenance{
		Source:    "risk-code and poverty-cause constants of a local monitoring system (public code; repository not identified), POLICY.md 2.2",
		Status:    poverty.Secondary,
		Qualifier: "public code",
		Scope:     poverty.ScopeNational,
		Note:      "the table is local (its place is not identified); the library uses it in every province",
	}
}

// Factors returns every known factor in code order.
func Factors() []Factor {
	out := make([]Factor, 0, numFactors-1)
	for f := Illness; f < numFactors; f++ {
		out = append(out, f)
	}
	return out
}

// String returns the stable word ("illness", "disaster_flood", ...).
func (f Factor) String() string { return factorWords.String(f, "Factor") }

// Code returns the code of the local code list ("01", "0201", "99"), or ""
// for an unknown factor. The list is SECONDARY; see [FactorCodeProvenance].
func (f Factor) Code() string {
	if f < numFactors {
		return factorCodes[f]
	}
	return ""
}

// IsDisaster reports whether f is one of the natural-disaster factors (02xx).
func (f Factor) IsDisaster() bool { return f >= DisasterFlood && f <= DisasterOther }

// ParseFactor parses a factor word ("illness") or code ("01", "0203").
func ParseFactor(s string) (Factor, error) {
	for i := 1; i < int(numFactors); i++ {
		if factorWords.String(Factor(i), "") == s || factorCodes[i] == s {
			return Factor(i), nil
		}
	}
	return FactorUnknown, parseErr("risk factor", s)
}

// MarshalText implements [encoding.TextMarshaler]; the text is the word.
func (f Factor) MarshalText() ([]byte, error) { return factorWords.Marshal(f, "risk factor") }

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseFactor].
func (f *Factor) UnmarshalText(b []byte) error {
	v, err := ParseFactor(string(b))
	*f = v
	return err
}

// FactorSet is a set of risk factors, as a bit set. The zero value is the
// empty set. It marshals to JSON as an array of factor words in code order.
type FactorSet uint32

// FactorsOf returns the set of the given factors.
func FactorsOf(fs ...Factor) FactorSet {
	var s FactorSet
	for _, f := range fs {
		s = s.With(f)
	}
	return s
}

// With returns s with f added. Unknown factors are ignored.
func (s FactorSet) With(f Factor) FactorSet {
	if f == FactorUnknown || f >= numFactors {
		return s
	}
	return s | 1<<f
}

// Has reports whether f is in s.
func (s FactorSet) Has(f Factor) bool { return f < numFactors && s&(1<<f) != 0 }

// HasDisaster reports whether s holds any natural-disaster factor.
func (s FactorSet) HasDisaster() bool {
	for f := DisasterFlood; f <= DisasterOther; f++ {
		if s.Has(f) {
			return true
		}
	}
	return false
}

// Len returns the number of factors in s.
func (s FactorSet) Len() int {
	n := 0
	for f := Illness; f < numFactors; f++ {
		if s.Has(f) {
			n++
		}
	}
	return n
}

// List returns the factors of s in code order.
func (s FactorSet) List() []Factor {
	var out []Factor
	for f := Illness; f < numFactors; f++ {
		if s.Has(f) {
			out = append(out, f)
		}
	}
	return out
}

// Sub reports whether every factor of s is in t.
func (s FactorSet) Sub(t FactorSet) bool { return s&^t == 0 }

// String returns the words joined by "+", or "none".
func (s FactorSet) String() string {
	if s == 0 {
		return "none"
	}
	var parts []string
	for _, f := range s.List() {
		parts = append(parts, f.String())
	}
	return strings.Join(parts, "+")
}

// valid reports whether s holds only known factors.
func (s FactorSet) valid() bool { return s&^(1<<numFactors-2) == 0 }

// MarshalJSON encodes s as an array of words.
func (s FactorSet) MarshalJSON() ([]byte, error) {
	b := []byte{'['}
	for i, f := range s.List() {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, f.String())
	}
	return append(b, ']'), nil
}

// UnmarshalJSON decodes an array of factor words or codes; duplicates and
// unknown words are errors.
func (s *FactorSet) UnmarshalJSON(b []byte) error {
	var words []string
	if err := param.Decode(b, &words); err != nil {
		return &poverty.ParseError{What: "risk factors", Input: string(b), Err: poverty.ErrSyntax}
	}
	var v FactorSet
	for _, w := range words {
		f, err := ParseFactor(w)
		if err != nil {
			return err
		}
		if v.Has(f) {
			return &poverty.ParseError{What: "risk factors", Input: w, Err: poverty.ErrDuplicate}
		}
		v = v.With(f)
	}
	*s = v
	return nil
}

// Guarantee is one item of the two assurances and three guarantees plus safe
// drinking water (两不愁三保障 and 饮水安全). The zero value is unknown.
type Guarantee uint8

// Guarantee items, in the order of [poverty.Guarantees].
const (
	GuaranteeUnknown Guarantee = iota
	Food
	Clothing
	Education
	Medical
	Housing
	DrinkingWater
	numGuarantees
)

var guaranteeWords = enum.New[Guarantee](parseErr, "unknown", "food", "clothing", "education", "medical", "housing", "drinking_water")

// String returns the stable word ("food", ..., "drinking_water").
func (g Guarantee) String() string { return guaranteeWords.String(g, "Guarantee") }

// MarshalText implements [encoding.TextMarshaler].
func (g Guarantee) MarshalText() ([]byte, error) { return guaranteeWords.Marshal(g, "guarantee") }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (g *Guarantee) UnmarshalText(b []byte) error {
	i, err := guaranteeWords.Parse(b, "guarantee")
	*g = Guarantee(i)
	return err
}

// GuaranteeSet is a set of guarantee items, as a bit set: for example the
// items an event reports as lost. The zero value is the empty set. It
// marshals to JSON as an array of words in item order.
type GuaranteeSet uint8

// With returns s with g added.
func (s GuaranteeSet) With(g Guarantee) GuaranteeSet {
	if g == GuaranteeUnknown || g >= numGuarantees {
		return s
	}
	return s | 1<<g
}

// Has reports whether g is in s.
func (s GuaranteeSet) Has(g Guarantee) bool { return g < numGuarantees && s&(1<<g) != 0 }

// List returns the items of s in order.
func (s GuaranteeSet) List() []Guarantee {
	var out []Guarantee
	for g := Food; g < numGuarantees; g++ {
		if s.Has(g) {
			out = append(out, g)
		}
	}
	return out
}

// String returns the words joined by "+", or "none".
func (s GuaranteeSet) String() string {
	if s == 0 {
		return "none"
	}
	var parts []string
	for _, g := range s.List() {
		parts = append(parts, g.String())
	}
	return strings.Join(parts, "+")
}

func (s GuaranteeSet) valid() bool { return s&^(1<<numGuarantees-2) == 0 }

// NotSecured returns the items of g recorded as [poverty.NotSecured].
func NotSecured(g poverty.Guarantees) GuaranteeSet {
	var s GuaranteeSet
	for i, c := range [...]poverty.Check{g.Food, g.Clothing, g.Education, g.Medical, g.Housing, g.DrinkingWater} {
		if c == poverty.NotSecured {
			s = s.With(Guarantee(i + 1))
		}
	}
	return s
}

// MarshalJSON encodes s as an array of words.
func (s GuaranteeSet) MarshalJSON() ([]byte, error) {
	b := []byte{'['}
	for i, g := range s.List() {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, g.String())
	}
	return append(b, ']'), nil
}

// UnmarshalJSON decodes an array of words; duplicates and unknown words are
// errors.
func (s *GuaranteeSet) UnmarshalJSON(b []byte) error {
	var words []string
	if err := param.Decode(b, &words); err != nil {
		return &poverty.ParseError{What: "guarantees", Input: string(b), Err: poverty.ErrSyntax}
	}
	var v GuaranteeSet
	for _, w := range words {
		var g Guarantee
		if err := g.UnmarshalText([]byte(w)); err != nil {
			return err
		}
		if v.Has(g) {
			return &poverty.ParseError{What: "guarantees", Input: w, Err: poverty.ErrDuplicate}
		}
		v = v.With(g)
	}
	*s = v
	return nil
}

// Channel is how a monitored household was identified: the three channels
// of 国开发〔2020〕6号. The zero value is unknown.
type Channel uint8

// Identification channels.
const (
	ChannelUnknown Channel = iota
	// Application: household application (农户申报).
	Application
	// CadreVisit: village and township cadre visits (乡村干部走访排查).
	CadreVisit
	// DepartmentWarning: sector departments' screening and early warning
	// (相关行业部门筛查预警).
	DepartmentWarning
)

var channelWords = enum.New[Channel](parseErr, "unknown", "application", "cadre_visit", "department_warning")

// String returns "application", "cadre_visit" or "department_warning".
func (c Channel) String() string { return channelWords.String(c, "Channel") }

// MarshalText implements [encoding.TextMarshaler].
func (c Channel) MarshalText() ([]byte, error) { return channelWords.Marshal(c, "channel") }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (c *Channel) UnmarshalText(b []byte) error {
	i, err := channelWords.Parse(b, "channel")
	*c = Channel(i)
	return err
}

// Stage is the stage of a monitoring case. The zero value is unknown; a
// case opened with [Open] starts at [Identified].
type Stage uint8

// Case stages. RiskEliminated and ReturnedToPoverty are terminal: no
// transition leaves them; a household monitored again gets a new case.
const (
	StageUnknown Stage = iota
	// Identified: confirmed as a monitored household (纳入监测).
	Identified
	// UnderAssistance: assistance measures are in place (帮扶).
	UnderAssistance
	// RiskEliminated: risk eliminated (风险消除), after assistance or
	// naturally; the data stay in the system.
	RiskEliminated
	// ReturnedToPoverty: the household returned to or fell into poverty
	// (返贫 / 致贫) and goes back on the registered list.
	ReturnedToPoverty
	numStages
)

var stageWords = enum.New[Stage](parseErr, "unknown", "identified", "under_assistance", "risk_eliminated", "returned_to_poverty")

// String returns the stable word.
func (s Stage) String() string { return stageWords.String(s, "Stage") }

// Terminal reports whether no transition leaves s.
func (s Stage) Terminal() bool { return s == RiskEliminated || s == ReturnedToPoverty }

// MarshalText implements [encoding.TextMarshaler].
func (s Stage) MarshalText() ([]byte, error) { return stageWords.Marshal(s, "stage") }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Stage) UnmarshalText(b []byte) error {
	i, err := stageWords.Parse(b, "stage")
	*s = Stage(i)
	return err
}

// Route is how a risk was eliminated. The zero value is unset.
type Route uint8

// Elimination routes (枞阳县 risk-elimination procedure, docs/POLICY.md 2.3).
const (
	RouteUnset Route = iota
	// AfterAssistance: eliminated after assistance measures (帮扶后消除).
	AfterAssistance
	// Naturally: the risk disappeared without measures (自然消除).
	Naturally
	numRoutes
)

var routeWords = enum.New[Route](parseErr, "unset", "after_assistance", "naturally")

// String returns "after_assistance" or "naturally".
func (r Route) String() string { return routeWords.String(r, "Route") }

// MarshalText implements [encoding.TextMarshaler].
func (r Route) MarshalText() ([]byte, error) { return routeWords.Marshal(r, "route") }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (r *Route) UnmarshalText(b []byte) error {
	i, err := routeWords.Parse(b, "route")
	*r = Route(i)
	return err
}

// Tier is a colour tier of a risk display, from worst (red) to best (green).
// The zero value is unknown (not classified). Tiers order: a greater Tier is
// a better one.
type Tier uint8

// Colour tiers (红橙黄绿).
const (
	TierUnknown Tier = iota
	Red
	Orange
	Yellow
	Green
	numTiers
)

var tierWords = enum.New[Tier](parseErr, "unknown", "red", "orange", "yellow", "green")

// String returns "red", "orange", "yellow", "green" or "unknown".
func (t Tier) String() string { return tierWords.String(t, "Tier") }

// MarshalText implements [encoding.TextMarshaler]; TierUnknown is "unknown".
func (t Tier) MarshalText() ([]byte, error) {
	if t == TierUnknown {
		return []byte("unknown"), nil
	}
	return tierWords.Marshal(t, "tier")
}

// UnmarshalText implements [encoding.TextUnmarshaler]; "unknown" is TierUnknown.
func (t *Tier) UnmarshalText(b []byte) error {
	if string(b) == "unknown" {
		*t = TierUnknown
		return nil
	}
	i, err := tierWords.Parse(b, "tier")
	*t = Tier(i)
	return err
}

// MeasureType is the kind of an assistance measure. The zero value is unknown.
type MeasureType uint8

// Measure types (国开发〔2020〕6号: development-type measures for households
// able to work, comprehensive social security for those who cannot).
const (
	MeasureTypeUnknown MeasureType = iota
	// Development: development-type assistance (开发式帮扶).
	Development
	// SafetyNet: social-security, safety-net measures (兜底保障).
	SafetyNet
)

var measureTypeWords = enum.New[MeasureType](parseErr, "unknown", "development", "safety_net")

// String returns "development" or "safety_net".
func (t MeasureType) String() string { return measureTypeWords.String(t, "MeasureType") }

// MarshalText implements [encoding.TextMarshaler].
func (t MeasureType) MarshalText() ([]byte, error) {
	return measureTypeWords.Marshal(t, "measure type")
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (t *MeasureType) UnmarshalText(b []byte) error {
	i, err := measureTypeWords.Parse(b, "measure type")
	*t = MeasureType(i)
	return err
}
