package poverty

import (
	"fmt"
	"iter"

	"github.com/openfupin/fupin/internal/enum"
)

// GuaranteeState is the verified state of one guarantee of [Guarantees]:
// not yet verified, secured, or verified as not secured.
type GuaranteeState uint8

// Guarantee states. Unverified is the zero value and never passes a test.
const (
	Unverified GuaranteeState = iota
	Secured
	NotSecured
)

var guaranteeWords = enum.New[GuaranteeState](parseErr, "unverified", "secured", "not_secured")

// String returns "secured", "not_secured" or "unverified".
func (c GuaranteeState) String() string { return guaranteeWords.String(c, "GuaranteeState") }

// MarshalText implements [encoding.TextMarshaler]; a value out of range
// (only a conversion makes one) is an error, so that what marshals parses
// back.
func (c GuaranteeState) MarshalText() ([]byte, error) {
	return guaranteeWords.Marshal(c, "guarantee state")
}

// UnmarshalText implements [encoding.TextUnmarshaler]; "" is Unverified.
func (c *GuaranteeState) UnmarshalText(b []byte) error {
	i, err := guaranteeWords.ParseOrUnset(b, "guarantee state")
	*c = GuaranteeState(i)
	return err
}

// Guarantees are the two assurances and three guarantees (两不愁三保障) plus
// safe drinking water, as verified for a household. The zero value has
// nothing verified, so it passes no test.
type Guarantees struct {
	Food          GuaranteeState `json:"food"`
	Clothing      GuaranteeState `json:"clothing"`
	Education     GuaranteeState `json:"education"`
	Medical       GuaranteeState `json:"medical"`
	Housing       GuaranteeState `json:"housing"`
	DrinkingWater GuaranteeState `json:"drinking_water"`
}

// AllSecured returns guarantees with every item Secured.
func AllSecured() Guarantees {
	return Guarantees{Secured, Secured, Secured, Secured, Secured, Secured}
}

// Items yields the items with their position and reason code, in the order
// of the exit test (food, clothing, education, medical care, housing,
// drinking water). An iterator rather than an array, so that the number of
// items can change with the rules without changing the API.
func (g Guarantees) Items() iter.Seq2[int, GuaranteeItem] {
	return func(yield func(int, GuaranteeItem) bool) {
		items := [...]GuaranteeItem{
			{"exit.food", "food", g.Food}, {"exit.clothing", "clothing", g.Clothing},
			{"exit.education", "education", g.Education}, {"exit.medical", "medical", g.Medical},
			{"exit.housing", "housing", g.Housing}, {"exit.drinking_water", "drinking_water", g.DrinkingWater},
		}
		for i, it := range items {
			if !yield(i, it) {
				return
			}
		}
	}
}

// GuaranteeItem is one item of [Guarantees] with its reason code and name.
type GuaranteeItem struct {
	Code  string
	Name  string
	State GuaranteeState
}

// Secured reports whether every item is Secured (verified as secured).
func (g Guarantees) Secured() bool {
	for _, it := range g.Items() {
		if it.State != Secured {
			return false
		}
	}
	return true
}

// ExitResult is the result of [ExitTest]: whether the household may be
// lifted out, and every criterion with pass or fail, its reason code, what
// it read and its source.
type ExitResult struct {
	HouseholdID string      `json:"household_id"`
	Year        int         `json:"year"`
	Pass        bool        `json:"pass"`
	PerCapita   Figure      `json:"per_capita"`
	Criteria    []Criterion `json:"criteria"`
}

// String returns the short form, one line: the household, the year, pass
// or the codes of the failed criteria, and the per-capita income read
// ("S1 2020: fail exit.housing; per-capita 20000.00 net_income").
func (r ExitResult) String() string {
	return outcome(r.HouseholdID, r.Year, r.Pass, r.Criteria) + "; per-capita " + r.PerCapita.String()
}

// outcome is the short form of a pass/fail test: "<name> <year>: pass" or
// "<name> <year>: fail <code>,<code>".
func outcome(name string, year int, pass bool, cs []Criterion) string {
	s := name + " " + itoa(year) + ": "
	if pass {
		return s + "pass"
	}
	s += "fail"
	sep := " "
	for _, c := range cs {
		if !c.Pass {
			s += sep + c.Code
			sep = ","
		}
	}
	return s
}

// Failed returns the criteria that did not pass.
func (r *ExitResult) Failed() []Criterion {
	var out []Criterion
	for _, c := range r.Criteria {
		if !c.Pass {
			out = append(out, c)
		}
	}
	return out
}

// ExitTest applies the household exit test (贫困户退出, 厅字〔2016〕16号): the
// household is on the registered poor list; its annual per-capita income is
// above the poverty standard for its year (an income equal to the standard
// passes under [BelowLine], fails under [AtOrBelowLine]); and food, clothing,
// compulsory education, basic medical care, safe housing and safe drinking
// water are secured. "Stably above" is read as: above in the accounting year
// and, when previous is given (the per-capita figure of the year before with
// that year's standard), above then too.
//
// Every criterion is evaluated and reported, even after one fails.
//
// A zero standard (the [Lines] of a year from 2021, when no standard is in
// force) is a *[FieldError] on "standard" wrapping [ErrNotInForce].
func ExitTest(h *Household, standard Threshold, g Guarantees, b Boundary, previous *PreviousYear) (ExitResult, error) {
	if standard.Kind == "" {
		return ExitResult{}, &FieldError{Op: "poverty.ExitTest", Record: h.ID, Field: "standard", Err: ErrNotInForce}
	}
	pc, err := perCapita("poverty.ExitTest", h.ID, h.Residents(), &h.Income, h.Concept)
	if err != nil {
		return ExitResult{}, err
	}
	if !standard.admits(pc.Concept) {
		return ExitResult{}, &FieldError{Op: "poverty.ExitTest", Record: h.ID, Field: "concept", Value: pc.Concept.String(), Err: standard.mismatch(pc.Concept, "standard")}
	}
	res := ExitResult{HouseholdID: h.ID, Year: h.Year, PerCapita: pc, Pass: true}
	add := func(c Criterion) {
		res.Criteria = append(res.Criteria, c)
		res.Pass = res.Pass && c.Pass
	}
	reg := h.Registration
	add(criterion("exit.registered", reg.InPoorListOn(h.Year),
		fmt.Sprintf("registered %d, exited %d, returned %d; year %d", reg.Registered, reg.Exited, reg.Returned, h.Year), ""))

	above := !b.Below(pc.Amount, standard.Amount)
	input := fmt.Sprintf("per-capita income %s over %d resident members in %d (boundary %s)", pc, h.Residents(), h.Year, b)
	param := standard.Cite()
	if n := standard.ConceptNote(pc.Concept); n != "" {
		param += " (" + n + ")"
	}
	if previous != nil {
		pabove := !b.Below(previous.PerCapita.Amount, previous.Standard.Amount)
		if !previous.Standard.admits(previous.PerCapita.Concept) {
			return ExitResult{}, &FieldError{Op: "poverty.ExitTest", Record: h.ID, Field: "previous.concept", Value: previous.PerCapita.Concept.String(), Err: previous.Standard.mismatch(previous.PerCapita.Concept, "standard")}
		}
		above = above && pabove
		input += fmt.Sprintf("; previous year %s", previous.PerCapita)
		param += "; previous year " + previous.Standard.Cite()
		if n := previous.Standard.ConceptNote(previous.PerCapita.Concept); n != "" {
			param += " (" + n + ")"
		}
	}
	add(criterion("exit.income_above_standard", above, input, param))
	for _, it := range g.Items() {
		add(criterion(it.Code, it.State == Secured, it.Name+": "+it.State.String(), ""))
	}
	return res, nil
}

// PreviousYear is the per-capita income of the year before the exit test,
// with that year's standard, for the "stably above" reading of [ExitTest].
type PreviousYear struct {
	PerCapita Figure
	Standard  Threshold
}
