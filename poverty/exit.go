package poverty

import (
	"fmt"

	"github.com/openfupin/fupin/internal/enum"
)

// Check is the verified state of one guarantee.
type Check uint8

// Check states. Unverified is the zero value and never passes a test.
const (
	Unverified Check = iota
	Secured
	NotSecured
)

var checkWords = enum.New[Check](parseErr, "unverified", "secured", "not_secured")

// String returns "secured", "not_secured" or "unverified".
func (c Check) String() string { return checkWords.String(c, "Check") }

// MarshalText implements [encoding.TextMarshaler].
func (c Check) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" is Unverified.
func (c *Check) UnmarshalText(b []byte) error {
	i, err := checkWords.ParseOrUnset(b, "check")
	*c = Check(i)
	return err
}

// Guarantees are the two assurances and three guarantees (两不愁三保障) plus
// safe drinking water, as verified for a household. The zero value has
// nothing verified, so it passes no test.
type Guarantees struct {
	Food          Check `json:"food"`
	Clothing      Check `json:"clothing"`
	Education     Check `json:"education"`
	Medical       Check `json:"medical"`
	Housing       Check `json:"housing"`
	DrinkingWater Check `json:"drinking_water"`
}

// AllSecured returns guarantees with every item Secured.
func AllSecured() Guarantees {
	return Guarantees{Secured, Secured, Secured, Secured, Secured, Secured}
}

// Items returns the six items with their reason codes, in the order of the
// exit test.
func (g Guarantees) Items() [6]GuaranteeItem {
	return [6]GuaranteeItem{
		{"exit.food", "food", g.Food}, {"exit.clothing", "clothing", g.Clothing},
		{"exit.education", "education", g.Education}, {"exit.medical", "medical", g.Medical},
		{"exit.housing", "housing", g.Housing}, {"exit.drinking_water", "drinking_water", g.DrinkingWater},
	}
}

// GuaranteeItem is one item of [Guarantees] with its reason code and name.
type GuaranteeItem struct {
	Code  string
	Name  string
	State Check
}

// AllSecured reports whether every item is Secured.
func (g Guarantees) AllSecured() bool {
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
		return ExitResult{}, &FieldError{Record: h.ID, Field: "standard", Err: ErrNotInForce}
	}
	pc, err := h.PerCapita()
	if err != nil {
		return ExitResult{}, err
	}
	if !pc.Concept.comparable(standard.Concept) {
		return ExitResult{}, &FieldError{Record: h.ID, Field: "concept", Value: pc.Concept.String(), Err: ErrConceptMismatch}
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
	if previous != nil {
		pabove := !b.Below(previous.PerCapita.Amount, previous.Standard.Amount)
		if !previous.PerCapita.Concept.comparable(previous.Standard.Concept) {
			return ExitResult{}, &FieldError{Record: h.ID, Field: "previous.concept", Value: previous.PerCapita.Concept.String(), Err: ErrConceptMismatch}
		}
		above = above && pabove
		input += fmt.Sprintf("; previous year %s", previous.PerCapita)
		param += "; previous year " + previous.Standard.Cite()
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
