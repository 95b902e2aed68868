package children

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/openfupin/fupin/poverty"
)

// Reason codes: the stable names of the tests a scheme applies (the list
// with each rule: [Codes]).
const (
	codeInForce         = "scheme.in_force"
	codeUnderAge        = "age.under_limit"
	codeSchoolExtension = "age.school_extension"
	codeRural           = "hukou.rural"
	codeParentAway      = "parent.away"
	codeParentIncapable = "parent.incapable"
	codeParentListed    = "parent.listed"
	codeParentAbsent    = "parent.absent"
	codeCombination     = "parents.combination"
)

// maxReasons bounds the reasons of one [Result]; they live in the Result
// itself, so that classifying allocates nothing.
const maxReasons = 8

// Reason is one tested condition of a classification: its code (such as
// "age.under_limit" or "parent.away"; the list: [Codes]), its outcome, and
// what it read. Value and Param are the numbers compared
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

// String renders the reason for a case worker, such as
// "age.under_limit: yes (age 15, limit 16) | 国发〔2016〕13号 ... [CONFIRMED]".
func (r Reason) String() string {
	if r.Source != "" {
		return r.short() + " | " + r.Source
	}
	return r.short()
}

// short is String without the citation.
func (r Reason) short() string {
	var b strings.Builder
	b.WriteString(r.Code)
	b.WriteString(": ")
	b.WriteString(r.Outcome.String())
	var parts []string
	if r.Role != 0 {
		parts = append(parts, r.Role.String())
	}
	if r.Situation != 0 {
		parts = append(parts, r.Situation.String())
	}
	switch r.Code {
	case codeUnderAge, codeSchoolExtension:
		parts = append(parts, "age "+strconv.Itoa(r.Value), "limit "+strconv.Itoa(r.Param))
	case codeParentAway, codeParentListed:
		if r.Param > 0 {
			parts = append(parts, strconv.Itoa(r.Value)+" months", "minimum "+strconv.Itoa(r.Param))
		}
	}
	if len(parts) > 0 {
		b.WriteString(" (" + strings.Join(parts, ", ") + ")")
	}
	return b.String()
}

// Result is one scheme's answer for one child on one date, with its
// reasons. The zero Result is unclassified (its Outcome is the zero value).
type Result struct {
	Scheme  string // the scheme's identifier
	Outcome Outcome
	n       uint8
	reasons [maxReasons]Reason
}

// Reasons returns the tests applied, in order. The slice aliases r.
func (r *Result) Reasons() []Reason { return r.reasons[:r.n] }

// reason returns the first reason with the code.
func (r *Result) reason(code string) (Reason, bool) {
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

// String renders the result on one line: the scheme, the outcome and what
// decided it, with its figures and without citations, such as
// "left_behind_2016: no (age.under_limit: no (age 16, limit 16))". What
// decided is the first test of the scheme, age or hukou that did not hold;
// else the parents' tests that did not hold; for a yes, the parents'
// combination.
func (r *Result) String() string {
	s := r.Outcome.String()
	if r.Scheme != "" {
		s = r.Scheme + ": " + s
	}
	var parts []string
	for _, x := range r.Reasons() {
		parent := strings.HasPrefix(x.Code, "parent")
		switch {
		case r.Outcome == Yes && x.Code == codeCombination:
			parts = append(parts, x.short())
		case r.Outcome != Yes && x.Outcome != Yes && !parent && len(parts) == 0:
			return s + " (" + x.short() + ")"
		}
	}
	if r.Outcome != Yes {
		for _, x := range r.Reasons() {
			if x.Outcome != Yes && strings.HasPrefix(x.Code, "parent.") {
				parts = append(parts, x.short())
			}
		}
	}
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, "; ") + ")"
	}
	return s
}

// Explain renders the result on several lines: the scheme, the outcome and
// each reason with its citation.
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
		return Result{}, fieldErr("Classify", s.ID, "scheme", "", ErrUnknownScheme)
	}
	if err := c.Validate(); err != nil {
		return Result{}, withOp("Classify", err)
	}
	if on.IsZero() {
		return Result{}, fieldErr("Classify", c.ID, "date", "", poverty.ErrMissing)
	}
	age := c.AgeOn(on)
	if age < 0 {
		return Result{}, fieldErr("Classify", c.ID, "birth_date", c.Born().String(), ErrNotBorn)
	}
	var r Result
	s.def.classify(&r, c, on, age)
	return r, nil
}

// classify is Classify on a valid child under a loaded scheme, into r
// (which it overwrites without clearing the reasons it does not use, so
// that the hot path copies nothing).
func (s *Scheme) classify(r *Result, c *Child, on poverty.Date, age int) {
	r.Scheme, r.Outcome, r.n = s.ID, 0, 0
	out := s.p.period.on(on)
	r.add(Reason{Code: codeInForce, Outcome: out, Source: s.p.cite})

	ageOK := outcomeOf(age < s.UnderAge)
	r.add(Reason{Code: codeUnderAge, Outcome: ageOK, Value: age, Param: s.UnderAge, Source: s.p.cite})
	if ageOK == No {
		if i := s.extension(c); i >= 0 {
			ageOK = Yes
			r.add(Reason{Code: codeSchoolExtension, Outcome: Yes, Value: age, Param: s.UnderAge, Source: s.p.ext[i]})
		}
	}
	out = and(out, ageOK)
	if s.RuralOnly.Value {
		h := outcomeOf(c.Hukou == Rural)
		r.add(Reason{Code: codeRural, Outcome: h, Source: s.p.rural})
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
		r.add(Reason{Code: codeCombination, Outcome: comb, Source: s.Rule.String()})
		out = and(out, comb)
	case BothListedOrOneAbsent:
		fl := s.listedOn(r, c, Father, on)
		ml := s.listedOn(r, c, Mother, on)
		fa := s.absent(c.Father.Situation)
		ma := s.absent(c.Mother.Situation)
		if fa {
			r.add(Reason{Code: codeParentAbsent, Outcome: Yes, Role: Father, Situation: c.Father.Situation, Source: s.p.absent})
		}
		if ma {
			r.add(Reason{Code: codeParentAbsent, Outcome: Yes, Role: Mother, Situation: c.Mother.Situation, Source: s.p.absent})
		}
		comb := or(and(fl, ml), or(and(outcomeOf(fa), ml), and(outcomeOf(ma), fl)))
		r.add(Reason{Code: codeCombination, Outcome: comb, Source: s.Rule.String()})
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
	p := c.parent(role)
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
	r.add(Reason{Code: codeParentAway, Outcome: outcomeOf(ok), Role: role, Situation: p.Situation,
		Value: months, Param: minMonths, Source: src})
	return ok
}

// incapable records and reports whether the parent has no guardianship
// capacity: the recorded capacity when set, otherwise the scheme's lists.
func (s *Scheme) incapable(r *Result, c *Child, role Role) bool {
	p := c.parent(role)
	ok, src := false, "capacity not recorded; situation not read as without capacity"
	switch {
	case p.Capacity != 0:
		ok, src = p.Capacity == Incapable, "recorded capacity"
	case s.p.incapSet.Has(p.Situation):
		ok, src = true, s.p.incap
	case s.p.incapAlsoSet.Has(p.Situation):
		ok, src = true, s.p.incapAlso
	}
	r.add(Reason{Code: codeParentIncapable, Outcome: outcomeOf(ok), Role: role, Situation: p.Situation, Source: src})
	return ok
}

// listedOn records and reports whether the parent is in a listed situation
// (the listing of the narrowest scope covering the child's province) in
// force on the date and lasting the minimum months of that province.
func (s *Scheme) listedOn(r *Result, c *Child, role Role, on poverty.Date) Outcome {
	p := c.parent(role)
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
			r.add(Reason{Code: codeParentListed, Outcome: No, Role: role, Situation: p.Situation})
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
	r.add(Reason{Code: codeParentListed, Outcome: out, Role: role, Situation: p.Situation,
		Value: months, Param: minMonths, Source: src})
	return out
}

// Classification is a child's classification on a date under the primary
// scheme of each kind. LeftBehind and Unattended decide the registry
// [Status]; ACWF is reported beside them and never mixed into it. The
// zero Classification is unclassified: every Result and the Status are the
// zero value.
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
	case c.Unattended.Outcome == 0 && c.LeftBehind.Outcome == 0:
		return 0
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
	cl.LeftBehind.Outcome, cl.Unattended.Outcome, cl.ACWF.Outcome = 0, 0, 0
	cl.LeftBehind.n, cl.Unattended.n, cl.ACWF.n = 0, 0, 0
	if err := c.Validate(); err != nil {
		return withOp("Classify", err)
	}
	if on.IsZero() {
		return fieldErr("Classify", c.ID, "date", "", poverty.ErrMissing)
	}
	age := c.AgeOn(on)
	if age < 0 {
		return fieldErr("Classify", c.ID, "birth_date", c.Born().String(), ErrNotBorn)
	}
	cl.ChildID, cl.On, cl.Age = c.ID, on, age
	if s := r.primary[LeftBehind]; s != nil { // loaded schemes: s.def == s
		s.classify(&cl.LeftBehind, c, on, age)
	}
	if s := r.primary[Unattended]; s != nil {
		s.classify(&cl.Unattended, c, on, age)
	}
	if s := r.primary[ACWF]; s != nil {
		s.classify(&cl.ACWF, c, on, age)
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
		if r.Outcome == 0 {
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
