package children

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/openfupin/fupin/poverty"
)

// Reason codes: the stable names of the tests a scheme applies. Each
// [Reason] carries one, with what it read.
const (
	// CodeInForce: the scheme (or the listing) is in force on the date.
	CodeInForce = "scheme.in_force"
	// CodeUnderAge: the child is younger than the scheme's age limit.
	CodeUnderAge = "age.under_limit"
	// CodeSchoolExtension: over the limit but kept by a provincial
	// full-time-school extension.
	CodeSchoolExtension = "age.school_extension"
	// CodeRural: the child has rural hukou, as the scheme requires.
	CodeRural = "hukou.rural"
	// CodeParentAway: the parent is away under the scheme (a migrant
	// worker for at least the minimum months).
	CodeParentAway = "parent.away"
	// CodeParentIncapable: the parent has no guardianship capacity.
	CodeParentIncapable = "parent.incapable"
	// CodeParentListed: the parent is in a listed de facto unattended
	// situation in force on the date and for the minimum months.
	CodeParentListed = "parent.listed"
	// CodeParentAbsent: the parent is dead or missing.
	CodeParentAbsent = "parent.absent"
	// CodeCombination: the scheme's rule combining the parents held.
	CodeCombination = "parents.combination"
)

// maxReasons bounds the reasons of one [Result]; they live in the Result
// itself, so that classifying allocates nothing.
const maxReasons = 8

// Reason is one tested condition of a classification: its code, its
// outcome, and what it read. Value and Param are the numbers compared
// (age and age limit; months and minimum months), when the test compares
// numbers; Role and Situation name the parent the test read. The zero
// Reason tests nothing.
type Reason struct {
	Code      string    `json:"code"`
	Outcome   Outcome   `json:"outcome"`
	Role      Role      `json:"role,omitzero"`
	Situation Situation `json:"situation,omitzero"`
	Value     int       `json:"value,omitzero"`
	Param     int       `json:"param,omitzero"`
	// Source cites the parameter that decided, with its status
	// ([poverty.Provenance.Cite]: "source [LABEL]").
	Source string `json:"source,omitempty"`
}

// Holds reports whether the test passed.
func (r Reason) Holds() bool { return r.Outcome == Yes }

// String renders the reason for a case worker, such as
// "age.under_limit: yes (age 15, limit 16) | 国发〔2016〕13号 ... [CONFIRMED]".
func (r Reason) String() string {
	var b strings.Builder
	b.WriteString(r.Code)
	b.WriteString(": ")
	b.WriteString(r.Outcome.String())
	var parts []string
	if r.Role != RoleNone {
		parts = append(parts, r.Role.String())
	}
	if r.Situation != SituationUnknown {
		parts = append(parts, r.Situation.String())
	}
	switch r.Code {
	case CodeUnderAge, CodeSchoolExtension:
		parts = append(parts, "age "+strconv.Itoa(r.Value), "limit "+strconv.Itoa(r.Param))
	case CodeParentAway, CodeParentListed:
		if r.Param > 0 {
			parts = append(parts, strconv.Itoa(r.Value)+" months", "minimum "+strconv.Itoa(r.Param))
		}
	}
	if len(parts) > 0 {
		b.WriteString(" (" + strings.Join(parts, ", ") + ")")
	}
	if r.Source != "" {
		b.WriteString(" | " + r.Source)
	}
	return b.String()
}

// Result is one scheme's answer for one child on one date, with its
// reasons. The zero Result is unclassified (OutcomeUnset).
type Result struct {
	Scheme  string // the scheme's identifier
	Outcome Outcome
	n       uint8
	reasons [maxReasons]Reason
}

// Covered reports whether the child is covered (Outcome Yes).
func (r *Result) Covered() bool { return r.Outcome == Yes }

// Reasons returns the tests applied, in order. The slice aliases r.
func (r *Result) Reasons() []Reason { return r.reasons[:r.n] }

// Reason returns the first reason with the code.
func (r *Result) Reason(code string) (Reason, bool) {
	for _, x := range r.reasons[:r.n] {
		if x.Code == code {
			return x, true
		}
	}
	return Reason{}, false
}

func (r *Result) add(x Reason) {
	if int(r.n) < maxReasons {
		r.reasons[r.n] = x
		r.n++
	}
}

// Explain renders the result on several lines: the scheme, the outcome and
// each reason.
func (r *Result) Explain() string {
	var b strings.Builder
	if r.Scheme != "" {
		b.WriteString(r.Scheme)
		b.WriteString(": ")
	}
	b.WriteString(r.Outcome.String())
	for _, x := range r.Reasons() {
		b.WriteString("\n  ")
		b.WriteString(x.String())
	}
	return b.String()
}

// outcomeOf turns a test into an Outcome.
func outcomeOf(ok bool) Outcome {
	if ok {
		return Yes
	}
	return No
}

// and combines outcomes: No wins, then Undetermined.
func and(a, b Outcome) Outcome {
	if a == No || b == No {
		return No
	}
	if a == Undetermined || b == Undetermined {
		return Undetermined
	}
	return Yes
}

// or combines outcomes: Yes wins, then Undetermined.
func or(a, b Outcome) Outcome {
	if a == Yes || b == Yes {
		return Yes
	}
	if a == Undetermined || b == Undetermined {
		return Undetermined
	}
	return No
}

// monthsBetween returns the whole calendar months from a to b (0 when b is
// before a): the largest n with a.AddMonths(n) <= b.
func monthsBetween(a, b poverty.Date) int {
	if a.IsZero() || b.Before(a) {
		return 0
	}
	n := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	for n > 0 && a.AddMonths(n).After(b) {
		n--
	}
	return n
}

// Classify applies the scheme to the child on the date, as it was loaded.
// The child is validated first; a date before the child's birth is
// [ErrNotBorn]; a Scheme not obtained from a [Rules] is [ErrUnknownScheme].
// Classify allocates nothing unless it returns an error.
func (s *Scheme) Classify(c *Child, on poverty.Date) (Result, error) {
	if s.def == nil {
		return Result{}, &RecordError{Record: s.ID, Field: "scheme", Err: ErrUnknownScheme}
	}
	if err := c.Validate(); err != nil {
		return Result{}, err
	}
	if on.IsZero() {
		return Result{}, &RecordError{Record: c.ID, Field: "date", Err: poverty.ErrMissing}
	}
	age := c.AgeOn(on)
	if age < 0 {
		return Result{}, &RecordError{Record: c.ID, Field: "birth_date", Value: c.Born().String(), Err: ErrNotBorn}
	}
	var r Result
	s.def.classify(&r, c, on, age)
	return r, nil
}

// classify is Classify on a valid child under a loaded scheme, into r
// (which it overwrites without clearing the reasons it does not use, so
// that the hot path copies nothing).
func (s *Scheme) classify(r *Result, c *Child, on poverty.Date, age int) {
	r.Scheme, r.Outcome, r.n = s.ID, OutcomeUnset, 0
	out := s.p.period.on(on)
	r.add(Reason{Code: CodeInForce, Outcome: out, Source: s.p.cite})

	ageOK := outcomeOf(age < s.UnderAge)
	r.add(Reason{Code: CodeUnderAge, Outcome: ageOK, Value: age, Param: s.UnderAge, Source: s.p.cite})
	if ageOK == No {
		if i := s.extension(c); i >= 0 {
			ageOK = Yes
			r.add(Reason{Code: CodeSchoolExtension, Outcome: Yes, Value: age, Param: s.UnderAge, Source: s.p.ext[i]})
		}
	}
	out = and(out, ageOK)
	if s.RuralOnly.Value {
		h := outcomeOf(c.Hukou == Rural)
		r.add(Reason{Code: CodeRural, Outcome: h, Source: s.p.rural})
		out = and(out, h)
	}
	switch s.Rule {
	case BothAwayOrOneIncapable, AtLeastOneAway:
		fa := s.away(r, c, Father, on)
		mo := s.away(r, c, Mother, on)
		var comb Outcome
		if s.Rule == AtLeastOneAway {
			comb = outcomeOf(fa || mo)
		} else {
			switch {
			case fa && mo:
				comb = Yes
			case fa:
				comb = outcomeOf(s.incapable(r, c, Mother))
			case mo:
				comb = outcomeOf(s.incapable(r, c, Father))
			default:
				comb = No
			}
		}
		r.add(Reason{Code: CodeCombination, Outcome: comb, Source: s.Rule.String()})
		out = and(out, comb)
	case BothListedOrOneAbsent:
		fl := s.listedOn(r, c, Father, on)
		ml := s.listedOn(r, c, Mother, on)
		fa := s.absent(c.Father.Situation)
		ma := s.absent(c.Mother.Situation)
		if fa {
			r.add(Reason{Code: CodeParentAbsent, Outcome: Yes, Role: Father, Situation: c.Father.Situation, Source: s.p.absent})
		}
		if ma {
			r.add(Reason{Code: CodeParentAbsent, Outcome: Yes, Role: Mother, Situation: c.Mother.Situation, Source: s.p.absent})
		}
		comb := or(and(fl, ml), or(and(outcomeOf(fa), ml), and(outcomeOf(ma), fl)))
		r.add(Reason{Code: CodeCombination, Outcome: comb, Source: s.Rule.String()})
		out = and(out, comb)
	}
	r.Outcome = out
}

// extension returns the index of the school extension that keeps the
// child covered (its scope covers the child's province and lists the
// child's school level), or -1.
func (s *Scheme) extension(c *Child) int {
	prov := c.Province()
	for i := range s.Extensions {
		e := &s.Extensions[i]
		if !usable(e.Provenance) || !covers(e.Scope, prov) {
			continue
		}
		for _, lv := range e.Levels {
			if lv == c.School {
				return i
			}
		}
	}
	return -1
}

// absent reports whether the situation is one of the scheme's "dead or
// missing" (unless that setting is UNCONFIRMED).
func (s *Scheme) absent(sit Situation) bool { return s.p.absentSet.Has(sit) }

// away records and reports whether the parent is away under the scheme.
func (s *Scheme) away(r *Result, c *Child, role Role, on poverty.Date) bool {
	p := c.Parent(role)
	ok := s.Away.Situations.Has(p.Situation)
	minMonths := s.p.minAwayMonths
	months := 0
	if ok && minMonths > 0 {
		months = monthsBetween(p.Since, on)
		ok = !p.Since.IsZero() && months >= minMonths
	}
	src := s.p.away
	if minMonths > 0 {
		src = s.p.minAway
	}
	r.add(Reason{Code: CodeParentAway, Outcome: outcomeOf(ok), Role: role, Situation: p.Situation,
		Value: months, Param: minMonths, Source: src})
	return ok
}

// incapable records and reports whether the parent has no guardianship
// capacity: the recorded capacity when set, otherwise the scheme's lists.
func (s *Scheme) incapable(r *Result, c *Child, role Role) bool {
	p := c.Parent(role)
	ok, src := false, "capacity not recorded; situation not read as without capacity"
	switch {
	case p.Capacity != CapacityUnknown:
		ok, src = p.Capacity == Incapable, "recorded capacity"
	case s.p.incapSet.Has(p.Situation):
		ok, src = true, s.p.incap
	case s.p.incapAlsoSet.Has(p.Situation):
		ok, src = true, s.p.incapAlso
	}
	r.add(Reason{Code: CodeParentIncapable, Outcome: outcomeOf(ok), Role: role, Situation: p.Situation, Source: src})
	return ok
}

// listedOn records and reports whether the parent is in a listed situation
// (the listing of the narrowest scope covering the child's province) in
// force on the date and lasting the minimum months of that province.
func (s *Scheme) listedOn(r *Result, c *Child, role Role, on poverty.Date) Outcome {
	p := c.Parent(role)
	prov := c.Province()
	var pl *prepListing
	if p.Situation < numSituations {
		for _, i := range s.p.bySit[p.Situation] { // narrowest scope first
			if covers(s.p.listed[i].scope, prov) {
				pl = &s.p.listed[i]
				break
			}
		}
	}
	if pl == nil {
		if !s.absent(p.Situation) {
			r.add(Reason{Code: CodeParentListed, Outcome: No, Role: role, Situation: p.Situation})
		}
		return No
	}
	out := pl.period.on(on)
	src, minMonths := pl.cite, 0
	for i := range pl.min { // narrowest scope first
		if m := &pl.min[i]; covers(m.scope, prov) {
			minMonths, src = m.value, m.cite
			break
		}
	}
	months := 0
	if minMonths > 0 {
		var from, to poverty.Date
		if p.Situation == LostContact {
			from, to = p.lostSince(), on
		} else {
			from, to = p.Since, on
			if !p.Until.IsZero() {
				to = p.Until
			}
		}
		months = monthsBetween(from, to)
		out = and(out, outcomeOf(!from.IsZero() && months >= minMonths))
	}
	r.add(Reason{Code: CodeParentListed, Outcome: out, Role: role, Situation: p.Situation,
		Value: months, Param: minMonths, Source: src})
	return out
}

// Classification is a child's classification on a date under the primary
// scheme of each kind. LeftBehind and Unattended decide the registry
// [Status]; ACWF is reported beside them and never mixed into it. The
// zero Classification is unclassified: every Result is unset and Status
// is StatusUnknown.
type Classification struct {
	ChildID    string
	On         poverty.Date
	Age        int
	LeftBehind Result
	Unattended Result
	ACWF       Result
}

// Status returns the registry status: Unattended when the de facto
// unattended scheme covers the child (it entitles the child to a living
// subsidy, so it takes precedence), else LeftBehind, else
// StatusUndetermined when either scheme could not decide, else NotCovered.
func (c *Classification) Status() Status {
	switch {
	case c.Unattended.Outcome == Yes:
		return Unattended
	case c.LeftBehind.Outcome == Yes:
		return LeftBehind
	case c.Unattended.Outcome == Undetermined || c.LeftBehind.Outcome == Undetermined:
		return StatusUndetermined
	case c.Unattended.Outcome == OutcomeUnset && c.LeftBehind.Outcome == OutcomeUnset:
		return StatusUnknown
	}
	return NotCovered
}

// Classify classifies the child on the date under the primary scheme of
// each kind. A kind without a primary scheme leaves its Result unset. It
// allocates nothing unless it returns an error.
func (r *Rules) Classify(c *Child, on poverty.Date) (Classification, error) {
	var cl Classification
	err := r.ClassifyInto(&cl, c, on)
	return cl, err
}

// ClassifyInto is [Rules.Classify] writing into cl, for loops over large
// registries that reuse one Classification. On error cl is left unset.
func (r *Rules) ClassifyInto(cl *Classification, c *Child, on poverty.Date) error {
	cl.ChildID, cl.On, cl.Age = "", poverty.Date{}, 0
	cl.LeftBehind.Outcome, cl.Unattended.Outcome, cl.ACWF.Outcome = OutcomeUnset, OutcomeUnset, OutcomeUnset
	cl.LeftBehind.n, cl.Unattended.n, cl.ACWF.n = 0, 0, 0
	if err := c.Validate(); err != nil {
		return err
	}
	if on.IsZero() {
		return &RecordError{Record: c.ID, Field: "date", Err: poverty.ErrMissing}
	}
	age := c.AgeOn(on)
	if age < 0 {
		return &RecordError{Record: c.ID, Field: "birth_date", Value: c.Born().String(), Err: ErrNotBorn}
	}
	cl.ChildID, cl.On, cl.Age = c.ID, on, age
	if s := r.primary[KindLeftBehind]; s != nil { // loaded schemes: s.def == s
		s.classify(&cl.LeftBehind, c, on, age)
	}
	if s := r.primary[KindUnattended]; s != nil {
		s.classify(&cl.Unattended, c, on, age)
	}
	if s := r.primary[KindACWF]; s != nil {
		s.classify(&cl.ACWF, c, on, age)
	}
	return nil
}

// Result returns the result of the kind.
func (c *Classification) Result(k Kind) *Result {
	switch k {
	case KindLeftBehind:
		return &c.LeftBehind
	case KindUnattended:
		return &c.Unattended
	case KindACWF:
		return &c.ACWF
	}
	return nil
}

// MarshalJSON encodes the result as {"scheme", "outcome", "reasons"}.
func (r Result) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Scheme  string   `json:"scheme"`
		Outcome string   `json:"outcome"`
		Reasons []Reason `json:"reasons"`
	}{r.Scheme, r.Outcome.String(), r.reasons[:r.n]})
}

// MarshalJSON encodes the classification with its registry status; a kind
// without a primary scheme is left out.
func (c Classification) MarshalJSON() ([]byte, error) {
	type res = *Result
	opt := func(r *Result) res {
		if r.Outcome == OutcomeUnset {
			return nil
		}
		return r
	}
	return json.Marshal(struct {
		ChildID    string       `json:"child_id"`
		On         poverty.Date `json:"on"`
		Age        int          `json:"age"`
		Status     string       `json:"status"`
		LeftBehind res          `json:"left_behind,omitempty"`
		Unattended res          `json:"de_facto_unattended,omitempty"`
		ACWF       res          `json:"acwf,omitempty"`
	}{c.ChildID, c.On, c.Age, c.Status().String(), opt(&c.LeftBehind), opt(&c.Unattended), opt(&c.ACWF)})
}
