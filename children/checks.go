package children

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/poverty"
)

// Severity is how urgent a care flag is.
type Severity uint8

// Severities, in increasing order. SeverityUnknown is the zero value.
const (
	SeverityUnknown Severity = iota
	// Notice: a gap in the record to fill at the next visit.
	Notice
	// Warning: a care gap to follow up.
	Warning
	// Urgent: act now; the child may be unsafe.
	Urgent
)

var severityWords = poverty.Words{"unknown", "notice", "warning", "urgent"}

// String returns "notice", "warning", "urgent" or "unknown".
func (s Severity) String() string { return severityWords.Word(int(s), "Severity") }

// MarshalText implements [encoding.TextMarshaler]; SeverityUnknown is an error.
func (s Severity) MarshalText() ([]byte, error) { return severityWords.Marshal(int(s), "severity") }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Severity) UnmarshalText(b []byte) error {
	i, err := severityWords.ParseOrUnset(b, "severity")
	*s = Severity(i)
	return err
}

// Actor is who must act on a flag.
type Actor uint8

// Actors. ActorUnknown is the zero value.
const (
	ActorUnknown Actor = iota
	// Parents: the child's parents (委托监护, coming home, arranging care).
	Parents
	// ChildDirector: the village child director (儿童主任), for the village
	// committee.
	ChildDirector
	// Supervisor: the township child supervisor (儿童督导员).
	Supervisor
	// SchoolActor: the school and the education department (控辍保学).
	SchoolActor
	// Police: the public security organ; mandatory reports go here at once.
	Police
)

var actorWords = poverty.Words{"unknown", "parents", "child_director", "supervisor", "school", "police"}

// String returns the stable word, such as "police".
func (a Actor) String() string { return actorWords.Word(int(a), "Actor") }

// MarshalText implements [encoding.TextMarshaler]; ActorUnknown is an error.
func (a Actor) MarshalText() ([]byte, error) { return actorWords.Marshal(int(a), "actor") }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (a *Actor) UnmarshalText(b []byte) error {
	i, err := actorWords.ParseOrUnset(b, "actor")
	*a = Actor(i)
	return err
}

// Check codes: the stable names of the care checks.
const (
	// CheckLivingAlone: a child under 16 lives alone (国发〔2016〕13号).
	CheckLivingAlone = "care.living_alone"
	// CheckNotEntrusted: a left-behind child has no entrusted guardian.
	CheckNotEntrusted = "guardian.not_entrusted"
	// CheckNoAgreement: the guardian of a left-behind child has no signed
	// entrusted-guardianship agreement.
	CheckNoAgreement = "guardian.no_agreement"
	// CheckGuardianUnknown: the guardian of a left-behind child is not recorded.
	CheckGuardianUnknown = "guardian.not_recorded"
	// CheckGuardianIncapable: the guardian has no guardianship capacity.
	CheckGuardianIncapable = "guardian.incapable"
	// CheckGuardianMinor: the guardian is younger than the adult age.
	CheckGuardianMinor = "guardian.minor"
	// CheckNoContact: no contact with any parent for the threshold months.
	CheckNoContact = "contact.none"
	// CheckNotEnrolled: a school-age child is not enrolled.
	CheckNotEnrolled = "school.not_enrolled"
	// ReportLivingAlone: mandatory report, a left-behind child living alone.
	ReportLivingAlone = "report.living_alone"
	// ReportMissing: mandatory report, the child is missing.
	ReportMissing = "report.child_missing"
	// ReportGuardian: mandatory report, the guardian has lost capacity or
	// does not perform guardianship duties.
	ReportGuardian = "report.guardian_not_performing"
	// ReportAbuse: mandatory report, suspected domestic violence, abuse or
	// unlawful harm.
	ReportAbuse = "report.suspected_abuse"
)

// sourceReporting is the mandatory-reporting rule.
const sourceReporting = "国发〔2016〕13号: schools, village committees, medical and welfare institutions and their staff report at once to the police (强制报告)"

const sourceEntrust = "国发〔2016〕13号: parents who both migrate entrust guardianship to a relative or other adult with guardianship capacity (委托监护)"

// Flag is one finding of the care checks: what, how urgent, who must act,
// and whether it is a mandatory report to the police. The zero Flag is no
// finding.
type Flag struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Actor    Actor    `json:"actor"`
	// Report: the finding must be reported to the police at once.
	Report bool `json:"report,omitzero"`
	// Value and Param are the numbers compared (age and limit, months and
	// threshold), when the check compares numbers.
	Value  int    `json:"value,omitzero"`
	Param  int    `json:"param,omitzero"`
	Source string `json:"source"`
}

// String renders the flag, such as
// "report.child_missing: urgent, police, report at once".
func (f Flag) String() string {
	s := f.Code + ": " + f.Severity.String() + ", " + f.Actor.String()
	if f.Report {
		s += ", report at once"
	}
	if f.Param != 0 {
		s += " (" + strconv.Itoa(f.Value) + " of " + strconv.Itoa(f.Param) + ")"
	}
	return s
}

const maxFlags = 12

// Flags is the result of the care checks for one child. It holds its
// flags inline, so that checking allocates nothing. The zero Flags holds
// none.
type Flags struct {
	n     uint8
	flags [maxFlags]Flag
}

// All returns the flags in check order. The slice aliases f.
func (f *Flags) All() []Flag { return f.flags[:f.n] }

// Len returns the number of flags.
func (f *Flags) Len() int { return int(f.n) }

// Has reports whether a flag with the code was raised.
func (f *Flags) Has(code string) bool {
	for _, x := range f.flags[:f.n] {
		if x.Code == code {
			return true
		}
	}
	return false
}

// MustReport reports whether any flag is a mandatory report to the police.
func (f *Flags) MustReport() bool {
	for _, x := range f.flags[:f.n] {
		if x.Report {
			return true
		}
	}
	return false
}

// Max returns the highest severity raised, or SeverityUnknown for none.
func (f *Flags) Max() Severity {
	m := SeverityUnknown
	for _, x := range f.flags[:f.n] {
		m = max(m, x.Severity)
	}
	return m
}

// MarshalJSON encodes the flags as a JSON array.
func (f Flags) MarshalJSON() ([]byte, error) {
	if f.n == 0 {
		return []byte("[]"), nil
	}
	return json.Marshal(f.flags[:f.n])
}

func (f *Flags) add(x Flag) {
	if int(f.n) < maxFlags {
		f.flags[f.n] = x
		f.n++
	}
}

// Param is one numeric parameter of the checks with its provenance. The
// zero Param is unset, which [Checks.Check] rejects.
type Param struct {
	Value int `json:"value"`
	Provenance
}

// Checks holds the parameters of the care checks. [DefaultChecks] returns
// the embedded values; change a field (with your own provenance) or load a
// file with [LoadChecks]. A Checks is a plain value: copies are
// independent. The zero Checks is not usable: [Checks.Check] rejects it.
type Checks struct {
	// LivingAloneUnder: a child younger than this must not live alone.
	LivingAloneUnder Param `json:"living_alone_under_age"`
	// GuardianMinAge: an entrusted guardian must be at least this old.
	GuardianMinAge Param `json:"guardian_min_age"`
	// NoContactMonths: no contact with any parent for this many months is
	// flagged. No national document fixes it: the default is marked DEFAULT.
	NoContactMonths Param `json:"no_contact_months"`
	// SchoolAgeFrom and SchoolAgeUnder bound the school age checked for
	// enrolment: SchoolAgeFrom <= age < SchoolAgeUnder.
	SchoolAgeFrom  Param `json:"school_age_from"`
	SchoolAgeUnder Param `json:"school_age_under"`
}

//go:embed data/checks.json
var checksJSON []byte

var defaultChecks = sync.OnceValue(func() Checks {
	c, err := LoadChecks(bytes.NewReader(checksJSON), "embedded")
	if err != nil {
		panic("children: embedded checks.json: " + err.Error())
	}
	return c
})

// DefaultChecks returns the embedded check parameters.
func DefaultChecks() Checks { return defaultChecks() }

// LoadChecks decodes a check-parameter file ("fupin.children.checks/1",
// the schema of the embedded data): every parameter with a value, source
// and status. Unknown fields, missing parameters, UNCONFIRMED parameters and
// values out of range are errors.
func LoadChecks(r io.Reader, name string) (Checks, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxRulesBytes+1))
	if err != nil {
		return Checks{}, &RecordError{Record: name, Field: "file", Err: err}
	}
	if len(data) > MaxRulesBytes {
		return Checks{}, &RecordError{Record: name, Field: "file", Err: poverty.ErrRange}
	}
	var doc struct {
		Schema  string  `json:"schema"`
		Vintage string  `json:"vintage"`
		Params  *Checks `json:"params"`
	}
	if err := param.Decode(data, &doc); err != nil {
		return Checks{}, &RecordError{Record: name, Field: "file", Err: err}
	}
	if doc.Schema != "fupin.children.checks/1" {
		return Checks{}, &RecordError{Record: name, Field: "schema", Value: doc.Schema, Err: poverty.ErrUnknownWord}
	}
	if doc.Params == nil {
		return Checks{}, &RecordError{Record: name, Field: "params", Err: poverty.ErrMissing}
	}
	if err := doc.Params.validate(name); err != nil {
		return Checks{}, err
	}
	return *doc.Params, nil
}

func (c *Checks) validate(name string) error {
	for _, p := range []struct {
		field  string
		p      Param
		lo, hi int
	}{
		{"living_alone_under_age", c.LivingAloneUnder, 1, 18},
		{"guardian_min_age", c.GuardianMinAge, 1, 30},
		{"no_contact_months", c.NoContactMonths, 1, 120},
		{"school_age_from", c.SchoolAgeFrom, 3, 18},
		{"school_age_under", c.SchoolAgeUnder, 4, 25},
	} {
		if err := checkProv(p.p.Provenance, name, p.field); err != nil {
			return err
		}
		if p.p.Value < p.lo || p.p.Value > p.hi {
			return &RecordError{Record: name, Field: p.field, Value: strconv.Itoa(p.p.Value), Err: poverty.ErrRange}
		}
	}
	if c.SchoolAgeFrom.Value >= c.SchoolAgeUnder.Value {
		return &RecordError{Record: name, Field: "school_age_under", Value: strconv.Itoa(c.SchoolAgeUnder.Value), Err: poverty.ErrRange}
	}
	return nil
}

// Check runs the care checks on a child and its classification on the
// same date (from [Rules.Classify]): living alone, guardianship,
// contact, school, and the mandatory-reporting situations. It allocates
// nothing unless it returns an error; an error reports invalid parameters
// or a classification of another child.
func (p *Checks) Check(c *Child, cl *Classification) (Flags, error) {
	var f Flags
	err := p.CheckInto(&f, c, cl)
	return f, err
}

// CheckInto is [Checks.Check] writing into f (which it resets), for loops
// that reuse one Flags.
func (p *Checks) CheckInto(f *Flags, c *Child, cl *Classification) error {
	f.n = 0
	if p.NoContactMonths.Value <= 0 || p.LivingAloneUnder.Value <= 0 || p.SchoolAgeUnder.Value <= 0 {
		return &RecordError{Record: "checks", Field: "params", Err: poverty.ErrMissing}
	}
	if cl == nil || cl.ChildID != c.ID || cl.On.IsZero() {
		return &RecordError{Record: c.ID, Field: "classification", Err: ErrConflict}
	}
	age := cl.Age
	leftBehind := cl.LeftBehind.Outcome == Yes
	alone := c.Living == Alone && age < p.LivingAloneUnder.Value

	if alone {
		f.add(Flag{Code: CheckLivingAlone, Severity: Urgent, Actor: Parents, Value: age, Param: p.LivingAloneUnder.Value, Source: p.LivingAloneUnder.Source})
	}
	g := &c.Guardian
	if leftBehind {
		switch g.Kind {
		case GuardianUnknown:
			f.add(Flag{Code: CheckGuardianUnknown, Severity: Notice, Actor: ChildDirector, Source: sourceEntrust})
		case NoGuardian, GuardianParent:
			f.add(Flag{Code: CheckNotEntrusted, Severity: Urgent, Actor: Parents, Source: sourceEntrust})
		case Grandparent, OtherRelative, EntrustedAdult:
			if !g.Agreement {
				f.add(Flag{Code: CheckNoAgreement, Severity: Warning, Actor: Parents, Source: sourceEntrust})
			}
		}
	}
	if g.Capacity == Incapable {
		f.add(Flag{Code: CheckGuardianIncapable, Severity: Urgent, Actor: ChildDirector, Source: sourceEntrust})
	}
	if g.Age > 0 && g.Age < p.GuardianMinAge.Value && g.Kind != Institution && g.Kind != NoGuardian {
		f.add(Flag{Code: CheckGuardianMinor, Severity: Warning, Actor: Parents, Value: g.Age, Param: p.GuardianMinAge.Value, Source: p.GuardianMinAge.Source})
	}
	if m, ok := noContact(c, cl.On); ok && m >= p.NoContactMonths.Value {
		f.add(Flag{Code: CheckNoContact, Severity: Warning, Actor: ChildDirector, Value: m, Param: p.NoContactMonths.Value, Source: p.NoContactMonths.Source})
	}
	if age >= p.SchoolAgeFrom.Value && age < p.SchoolAgeUnder.Value && c.School == NotEnrolled {
		f.add(Flag{Code: CheckNotEnrolled, Severity: Warning, Actor: SchoolActor, Value: age, Param: p.SchoolAgeUnder.Value, Source: p.SchoolAgeUnder.Source})
	}
	if alone && leftBehind {
		f.add(Flag{Code: ReportLivingAlone, Severity: Urgent, Actor: Police, Report: true, Source: sourceReporting})
	}
	if c.Concerns.ChildMissing {
		f.add(Flag{Code: ReportMissing, Severity: Urgent, Actor: Police, Report: true, Source: sourceReporting})
	}
	if c.Concerns.GuardianNotPerforming || g.Capacity == Incapable {
		f.add(Flag{Code: ReportGuardian, Severity: Urgent, Actor: Police, Report: true, Source: sourceReporting})
	}
	if c.Concerns.SuspectedAbuse {
		f.add(Flag{Code: ReportAbuse, Severity: Urgent, Actor: Police, Report: true, Source: sourceReporting})
	}
	return nil
}

// noContact returns the whole months since the most recent contact with
// any living parent who is not at home, and whether the check applies: it
// does not when a parent is at home, when no living parent is away, or
// when an away parent's last contact is not recorded.
func noContact(c *Child, on poverty.Date) (int, bool) {
	months, found := -1, false
	for r := Father; r <= Mother; r++ {
		p := c.Parent(r)
		switch p.Situation {
		case AtHome:
			return 0, false
		case Deceased:
			continue
		}
		if p.LastContact.IsZero() {
			return 0, false
		}
		m := monthsBetween(p.LastContact, on)
		if !found || m < months {
			months = m
		}
		found = true
	}
	return months, found
}

// Assess classifies the child on the date and runs the checks: the whole
// per-child hot path, allocation-free for a valid child.
func (r *Rules) Assess(c *Child, on poverty.Date, p *Checks) (Classification, Flags, error) {
	var cl Classification
	var f Flags
	err := r.AssessInto(&cl, &f, c, on, p)
	return cl, f, err
}

// AssessInto is [Rules.Assess] writing into cl and f, for loops over large
// registries that reuse them: it copies nothing.
func (r *Rules) AssessInto(cl *Classification, f *Flags, c *Child, on poverty.Date, p *Checks) error {
	f.n = 0
	if err := r.ClassifyInto(cl, c, on); err != nil {
		return err
	}
	return p.CheckInto(f, c, cl)
}

// Explain renders the flags one per line.
func (f *Flags) Explain() string {
	var b strings.Builder
	for i, x := range f.All() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(x.String())
	}
	return b.String()
}
