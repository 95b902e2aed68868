package risk

import (
	"bytes"
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
// is [CategoryNone]: the household is not a monitored household (it
// marshals as "none").
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
	// MarginalAtRisk is the marginal household at risk of poverty
	// (边缘易致贫户, JSON "marginal"): a general household, never registered,
	// income within the monitoring range, at risk of falling into poverty.
	// (poverty.InMonitoringRange is the status of such a household's income
	// alone, before its risks are weighed.)
	MarginalAtRisk
	// SuddenDifficulty is the household in sudden severe difficulty
	// (突发严重困难户): income above the range, but illness, disaster or an
	// accident raised rigid expenditure or cut income so that basic living is
	// seriously difficult. From 2021.
	SuddenDifficulty
	// ReturnedPoor is a lifted-out household whose income is below the
	// poverty standard: it has returned to poverty (返贫) and, under
	// 国开发〔2020〕6号, goes back on the registered list (纳入建档立卡).
	// Not a monitored category ([Category.Monitored] is false): the
	// outcome of a document whose Registers names it (the 2020 guidance).
	// A case that ends this way takes the stage [ReturnedToPoverty].
	ReturnedPoor
	// NewlyPoor is a never-registered household whose income is below the
	// poverty standard: it has fallen into poverty (致贫) and, under
	// 国开发〔2020〕6号, is put on the registered list. Not a monitored
	// category; the outcome of a document whose Registers names it.
	NewlyPoor
	numCategories
)

var categoryWords = enum.New[Category](parseErr, "none", "unstable_lifted_out", "marginal", "sudden_difficulty", "returned_poor", "newly_poor")

// Monitored reports whether c is one of the monitored categories
// (监测对象): UnstableLiftedOut, MarginalAtRisk or SuddenDifficulty.
// ReturnedPoor and NewlyPoor are outcomes that put a household on the
// registered list instead, and CategoryNone is no outcome.
func (c Category) Monitored() bool {
	return c == UnstableLiftedOut || c == MarginalAtRisk || c == SuddenDifficulty
}

// String returns the stable word: "unstable_lifted_out", "marginal",
// "sudden_difficulty", "returned_poor", "newly_poor", or "none".
func (c Category) String() string { return categoryWords.String(c, "Category") }

// MarshalText implements [encoding.TextMarshaler]; CategoryNone is "none".
func (c Category) MarshalText() ([]byte, error) { return categoryWords.Marshal(c, "category") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "none" is
// CategoryNone, other unknown words are rejected with
// [poverty.ErrUnknownWord].
func (c *Category) UnmarshalText(b []byte) error {
	i, err := categoryWords.Parse(b, "category")
	*c = i
	return err
}

// Factor is a relapse-risk factor (致贫/返贫风险), with the two- or four-digit
// code of the monitoring-era code list that docs/POLICY.md 2.2 records from one
// local monitoring system. That list is SECONDARY (a local code table found
// in public code); the codes are kept because systems exchange them, not
// because a national document fixes them. Code 08 does not occur in it.
//
// The zero value is unknown (no factor; it marshals as "unknown"). Factors
// marshal as stable words ("illness", "disaster_flood"); UnmarshalText also
// accepts the codes ("01", "0201"). The natural-disaster factors (codes
// 02xx) are DisasterFlood to DisasterOther, in that order.
type Factor uint8

// Risk factors, in code order, from Illness to OtherFactor.
const (
	Illness                Factor = iota + 1 // 01 因病
	DisasterFlood                            // 0201 因自然灾害: 洪涝
	DisasterGeological                       // 0202 地质灾害
	DisasterDrought                          // 0203 旱灾
	DisasterBiological                       // 0204 生物灾害
	DisasterMeteorological                   // 0205 气象灾害
	DisasterEarthquake                       // 0206 地震
	DisasterOther                            // 0299 其他自然灾害
	Disability                               // 03 因残
	LackOfLabor                              // 04 因缺劳动力 (JSON "lack_of_labour")
	Accident                                 // 05 因意外事故
	IndustryFailure                          // 06 因产业失败
	UnstableEmployment                       // 07 因务工就业不稳
	Schooling                                // 09 因学
	OtherFactor                              // 99 其他
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

// isDisaster reports whether f is one of the natural-disaster factors (02xx).
func (f Factor) isDisaster() bool { return f >= DisasterFlood && f <= DisasterOther }

// parseFactor parses a factor word ("illness"), the unset word "unknown",
// or a code ("01", "0203").
func parseFactor(b []byte) (Factor, error) {
	for i := 1; i < int(numFactors); i++ {
		if factorCodes[i] == string(b) {
			return Factor(i), nil
		}
	}
	return factorWords.Parse(b, "risk factor")
}

// MarshalText implements [encoding.TextMarshaler]; the text is the word.
func (f Factor) MarshalText() ([]byte, error) { return factorWords.Marshal(f, "risk factor") }

// UnmarshalText implements [encoding.TextUnmarshaler]: a factor word
// ("illness") or a code of the local list ("01", "0203"); "unknown" is the
// zero value; anything else is [poverty.ErrUnknownWord].
func (f *Factor) UnmarshalText(b []byte) error {
	v, err := parseFactor(b)
	*f = v
	return err
}

// FactorSet is a set of risk factors, as a bit set: build one with
// [FactorsOf] and combine sets with | and &^. The zero value is the empty
// set. It marshals to JSON as an array of factor words in code order (its
// only encoding); JSON null leaves it unchanged.
type FactorSet uint32

// FactorsOf returns the set of the given factors; unknown factors are
// ignored.
func FactorsOf(fs ...Factor) FactorSet {
	var s FactorSet
	for _, f := range fs {
		s = s.with(f)
	}
	return s
}

func (s FactorSet) with(f Factor) FactorSet {
	if f == 0 || f >= numFactors {
		return s
	}
	return s | 1<<f
}

// Has reports whether f is in s.
func (s FactorSet) Has(f Factor) bool { return f < numFactors && s&(1<<f) != 0 }

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
// unknown words are errors; null leaves s unchanged.
func (s *FactorSet) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	var words []string
	if err := param.Decode(b, &words); err != nil {
		return &poverty.ParseError{Op: "risk", What: "risk factors", Input: poverty.MaskIDsIn(string(b)), Err: poverty.ErrSyntax}
	}
	var v FactorSet
	for _, w := range words {
		f, err := parseFactor([]byte(w))
		if err != nil {
			return err
		}
		if f == 0 {
			return parseErr("risk factor", w)
		}
		if v.Has(f) {
			return &poverty.ParseError{Op: "risk", What: "risk factors", Input: w, Err: poverty.ErrDuplicate}
		}
		v = v.with(f)
	}
	*s = v
	return nil
}

// Guarantee is one item of the two assurances and three guarantees plus safe
// drinking water (两不愁三保障 and 饮水安全), as a member of a [GuaranteeSet],
// whose JSON array of words is its encoding. The zero value is unknown.
type Guarantee uint8

// Guarantee items, in the order of [poverty.Guarantees].
const (
	Food Guarantee = iota + 1
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

// GuaranteeSet is a set of guarantee items, as a bit set: for example the
// items an event reports as lost. Build one with [GuaranteesOf] or
// [Unsecured] and combine sets with | and &^. The zero value is the empty
// set. It marshals to JSON as an array of words in item order (its only
// encoding); JSON null leaves it unchanged.
type GuaranteeSet uint8

// GuaranteesOf returns the set of the given items; unknown items are
// ignored.
func GuaranteesOf(gs ...Guarantee) GuaranteeSet {
	var s GuaranteeSet
	for _, g := range gs {
		s = s.with(g)
	}
	return s
}

func (s GuaranteeSet) with(g Guarantee) GuaranteeSet {
	if g == 0 || g >= numGuarantees {
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

// Unsecured returns the set of the items of g verified as
// [poverty.NotSecured] (items not verified are not in it).
func Unsecured(g poverty.Guarantees) GuaranteeSet {
	var s GuaranteeSet
	for i, it := range g.Items() {
		if it.State == poverty.NotSecured {
			s = s.with(Guarantee(i + 1))
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
// errors; null leaves s unchanged.
func (s *GuaranteeSet) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	var words []string
	if err := param.Decode(b, &words); err != nil {
		return &poverty.ParseError{Op: "risk", What: "guarantees", Input: poverty.MaskIDsIn(string(b)), Err: poverty.ErrSyntax}
	}
	var v GuaranteeSet
	for _, w := range words {
		g, err := guaranteeWords.Parse([]byte(w), "guarantee")
		if err == nil && g == 0 {
			err = parseErr("guarantee", w)
		}
		if err != nil {
			return err
		}
		if v.Has(g) {
			return &poverty.ParseError{Op: "risk", What: "guarantees", Input: w, Err: poverty.ErrDuplicate}
		}
		v = v.with(g)
	}
	*s = v
	return nil
}

// Channel is how a monitored household was identified: the three channels
// of 国开发〔2020〕6号. The zero value is unknown (unset; [Open] refuses it).
type Channel uint8

// Identification channels.
const (
	// Application: household application (农户申报).
	Application Channel = iota + 1
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
	*c = i
	return err
}

// Stage is the stage of a monitoring case. The zero value is unknown (the
// zero Case); a case opened with [Open] starts at [Identified].
type Stage uint8

// Case stages. Eliminated and ReturnedToPoverty are terminal: no
// transition leaves them; a household monitored again gets a new case
// ([Case.Reopen]).
const (
	// Identified: confirmed as a monitored household (纳入监测).
	Identified Stage = iota + 1
	// UnderAssistance: assistance measures are in place (帮扶).
	UnderAssistance
	// Eliminated: risk eliminated (风险消除, JSON "risk_eliminated"),
	// after assistance or naturally; the data stay in the system.
	Eliminated
	// ReturnedToPoverty: the household returned to or fell into poverty
	// (返贫 / 致贫) and goes back on the registered list.
	ReturnedToPoverty
	numStages
)

var stageWords = enum.New[Stage](parseErr, "unknown", "identified", "under_assistance", "risk_eliminated", "returned_to_poverty")

// String returns the stable word.
func (s Stage) String() string { return stageWords.String(s, "Stage") }

// terminal reports whether no transition leaves s.
func (s Stage) terminal() bool { return s == Eliminated || s == ReturnedToPoverty }

// MarshalText implements [encoding.TextMarshaler].
func (s Stage) MarshalText() ([]byte, error) { return stageWords.Marshal(s, "stage") }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Stage) UnmarshalText(b []byte) error {
	i, err := stageWords.Parse(b, "stage")
	*s = i
	return err
}

// Route is how a risk was eliminated. The zero value is unset (not
// eliminated; it marshals as "unset").
type Route uint8

// Elimination routes (枞阳县 risk-elimination procedure, docs/POLICY.md 2.3).
const (
	// AfterAssistance: eliminated after assistance measures (帮扶后消除).
	AfterAssistance Route = iota + 1
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
	*r = i
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
func (t Tier) MarshalText() ([]byte, error) { return tierWords.Marshal(t, "tier") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "unknown" is TierUnknown.
func (t *Tier) UnmarshalText(b []byte) error {
	i, err := tierWords.Parse(b, "tier")
	*t = i
	return err
}

// MeasureType is the kind of an assistance measure. The zero value is
// unknown (unset; catalogues and cases refuse it).
type MeasureType uint8

// Measure types (国开发〔2020〕6号: development-type measures for households
// able to work, comprehensive social security for those who cannot).
const (
	// Development: development-type assistance (开发式帮扶).
	Development MeasureType = iota + 1
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
	*t = i
	return err
}
