package children

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/openfupin/fupin/internal/enum"
	"github.com/openfupin/fupin/internal/paramfile"
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

var severityWords = enum.New[Severity](parseErr, "unknown", "notice", "warning", "urgent")

// String returns "notice", "warning", "urgent" or "unknown".
func (s Severity) String() string { return severityWords.String(s, "Severity") }

// MarshalText implements [encoding.TextMarshaler]; SeverityUnknown is an error.
func (s Severity) MarshalText() ([]byte, error) { return severityWords.Marshal(s, "severity") }

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

var actorWords = enum.New[Actor](parseErr, "unknown", "parents", "child_director", "supervisor", "school", "police")

// String returns the stable word, such as "police".
func (a Actor) String() string { return actorWords.String(a, "Actor") }

// MarshalText implements [encoding.TextMarshaler]; ActorUnknown is an error.
func (a Actor) MarshalText() ([]byte, error) { return actorWords.Marshal(a, "actor") }

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
	Value int `json:"value,omitzero"`
	Param int `json:"param,omitzero"`
	// Source cites the parameter or rule that raised the flag, with its
	// status ([poverty.Provenance.Cite]).
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

// Names of the parameters of the care checks: the members of the "params"
// object of a checks file.
const (
	// ParamLivingAloneUnder: a child younger than this must not live alone.
	ParamLivingAloneUnder = "living_alone_under_age"
	// ParamGuardianMinAge: an entrusted guardian must be at least this old.
	ParamGuardianMinAge = "guardian_min_age"
	// ParamNoContactMonths: no contact with any parent for this many months
	// is flagged. No national document fixes it: the default is DEFAULT.
	ParamNoContactMonths = "no_contact_months"
	// ParamSchoolAgeFrom and ParamSchoolAgeUnder bound the school age
	// checked for enrolment: from <= age < under.
	ParamSchoolAgeFrom  = "school_age_from"
	ParamSchoolAgeUnder = "school_age_under"
	// ParamEntrusted is the rule of entrusted guardianship (委托监护): a
	// record with a source and no value, cited by the guardianship flags.
	ParamEntrusted = "entrusted_guardianship"
	// ParamReporting is the rule of mandatory reporting to the police
	// (强制报告): a record with a source and no value, cited by the report
	// flags.
	ParamReporting = "mandatory_reporting"
)

const (
	pLivingAlone = iota
	pGuardianAge
	pNoContact
	pSchoolFrom
	pSchoolUnder
	pEntrusted
	pReporting
	numParams
)

// checkParams lists the parameters in their fixed order, with the range of
// their value (0, 0: a rule without a value).
var checkParams = [numParams]struct {
	name   string
	lo, hi int
}{
	{ParamLivingAloneUnder, 1, 18},
	{ParamGuardianMinAge, 1, 30},
	{ParamNoContactMonths, 1, 120},
	{ParamSchoolAgeFrom, 3, 18},
	{ParamSchoolAgeUnder, 4, 25},
	{ParamEntrusted, 0, 0},
	{ParamReporting, 0, 0},
}

// Param is one parameter of the care checks with its provenance: a number
// (an age, a count of months), or a rule without a value that the flags
// cite. Name and Origin are set by [LoadChecks]. The zero Param is unset.
type Param struct {
	Name  string `json:"-"`
	Value int    `json:"value,omitzero"`
	poverty.Provenance
	// Origin is "embedded" or the name given to [LoadChecks].
	Origin string `json:"-"`
}

// Checks holds the parameters of the care checks. [DefaultChecks] returns
// the embedded values; [LoadChecks] reads a caller's file (all parameters
// or some) and [Checks.Overlay] lays it over them, keeping every replaced
// version ([Checks.History]). A Checks is a value: copies are independent,
// and nothing it returns shares memory with it. The zero Checks holds no
// parameter: [Checks.Check] rejects it.
type Checks struct {
	params  [numParams]Param
	cites   [numParams]string // params[i].Cite(), so that checking allocates nothing
	history []Param           // replaced versions, oldest first; never written after construction
	ok      bool              // every parameter set and usable, school ages in order
}

//go:embed data/checks.json
var checksJSON []byte

var defaultChecks = sync.OnceValue(func() Checks {
	c, err := LoadChecks(bytes.NewReader(checksJSON), "embedded")
	if err != nil {
		panic("children: embedded checks.json: " + err.Error())
	}
	if err := c.invalid(); err != nil {
		panic("children: embedded checks.json: " + err.Error())
	}
	return c
})

// DefaultChecks returns the embedded check parameters.
func DefaultChecks() Checks { return defaultChecks() }

// LoadChecks decodes a check-parameter file ("fupin.children.checks/2",
// the schema of the embedded data): a "params" object with some or all of
// the parameters, each with its value (none for the two rules), source,
// status and scope. Every status is accepted; an UNCONFIRMED parameter
// carries no value, and checks that hold one cannot run ([Checks.Check]
// names it). Unknown fields or parameters, missing provenance and values
// out of range are errors. Lay a partial file over [DefaultChecks] with
// [Checks.Overlay].
func LoadChecks(r io.Reader, name string) (Checks, error) {
	var doc struct {
		Schema  string           `json:"schema"`
		Vintage string           `json:"vintage"`
		Params  map[string]Param `json:"params"`
	}
	if err := paramfile.Read(r, name, MaxRulesBytes, "fupin.children.checks/2", &doc); err != nil {
		return Checks{}, err
	}
	if len(doc.Params) == 0 {
		return Checks{}, &RecordError{Record: name, Field: "params", Err: poverty.ErrMissing}
	}
	var c Checks
	for key := range doc.Params {
		if paramIndex(key) < 0 {
			return Checks{}, &RecordError{Record: name, Field: "params." + key, Err: poverty.ErrUnknownWord}
		}
	}
	for i, def := range checkParams {
		p, ok := doc.Params[def.name]
		if !ok {
			continue
		}
		field := "params." + def.name
		if err := checkProv(p.Provenance, name, field, p.Value != 0); err != nil {
			return Checks{}, err
		}
		if p.Value != 0 && (p.Value < def.lo || p.Value > def.hi) || p.Value == 0 && def.lo > 0 && p.Status != poverty.Unconfirmed {
			return Checks{}, &RecordError{Record: name, Field: field + ".value", Value: strconv.Itoa(p.Value), Err: poverty.ErrRange}
		}
		p.Name, p.Origin = def.name, name
		c.params[i], c.cites[i] = p, p.Cite()
	}
	c.ok = c.invalid() == nil
	return c, nil
}

func paramIndex(name string) int {
	for i, def := range checkParams {
		if def.name == name {
			return i
		}
	}
	return -1
}

// invalid reports why the checks cannot run: a parameter unset or
// UNCONFIRMED, or the school ages out of order.
func (c *Checks) invalid() error {
	for i, def := range checkParams {
		p := &c.params[i]
		switch {
		case p.Source == "":
			return &RecordError{Record: "checks", Field: def.name, Err: poverty.ErrMissing}
		case p.Status == poverty.Unconfirmed && def.lo > 0:
			return &RecordError{Record: "checks", Field: def.name, Value: p.Origin, Err: poverty.ErrUnconfirmed}
		}
	}
	if from, under := c.params[pSchoolFrom], c.params[pSchoolUnder]; from.Value >= under.Value {
		return &RecordError{Record: "checks", Field: ParamSchoolAgeUnder, Value: strconv.Itoa(under.Value), Err: poverty.ErrRange}
	}
	return nil
}

// Overlay returns checks in which the parameters that o sets replace
// those of c; the replaced versions, and o's own history, stay in
// [Checks.History]. c and o are not changed.
func (c Checks) Overlay(o Checks) Checks {
	n := c
	n.history = append(slices.Clone(c.history), o.history...)
	for i := range o.params {
		if o.params[i].Source == "" {
			continue
		}
		if n.params[i].Source != "" {
			n.history = append(n.history, n.params[i])
		}
		n.params[i], n.cites[i] = o.params[i], o.cites[i]
	}
	n.ok = n.invalid() == nil
	return n
}

// Param returns the current parameter with the name (see the Param...
// constants); false when it is unknown or unset.
func (c Checks) Param(name string) (Param, bool) {
	i := paramIndex(name)
	if i < 0 || c.params[i].Source == "" {
		return Param{}, false
	}
	return c.params[i], true
}

// Params returns the current parameters that are set, in a fixed order.
func (c Checks) Params() []Param {
	var out []Param
	for _, p := range c.params {
		if p.Source != "" {
			out = append(out, p)
		}
	}
	return out
}

// History returns every version of the parameter with the name, oldest
// first and the current one last.
func (c Checks) History(name string) []Param {
	var out []Param
	for _, p := range c.history {
		if p.Name == name {
			out = append(out, p)
		}
	}
	if p, ok := c.Param(name); ok {
		out = append(out, p)
	}
	return out
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
// that reuse one Flags. Checks with a parameter unset or UNCONFIRMED (a
// partial file not laid over [DefaultChecks]) are an error naming it.
func (p *Checks) CheckInto(f *Flags, c *Child, cl *Classification) error {
	f.n = 0
	if !p.ok {
		return p.invalid()
	}
	livingAlone, guardianAge := p.params[pLivingAlone].Value, p.params[pGuardianAge].Value
	noContactMonths, schoolFrom, schoolUnder := p.params[pNoContact].Value, p.params[pSchoolFrom].Value, p.params[pSchoolUnder].Value
	sourceEntrust, sourceReporting := p.cites[pEntrusted], p.cites[pReporting]
	if cl == nil || cl.ChildID != c.ID || cl.On.IsZero() {
		return &RecordError{Record: c.ID, Field: "classification", Err: ErrConflict}
	}
	age := cl.Age
	leftBehind := cl.LeftBehind.Outcome == Yes
	alone := c.Living == Alone && age < livingAlone

	if alone {
		f.add(Flag{Code: CheckLivingAlone, Severity: Urgent, Actor: Parents, Value: age, Param: livingAlone, Source: p.cites[pLivingAlone]})
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
	if g.Age > 0 && g.Age < guardianAge && g.Kind != Institution && g.Kind != NoGuardian {
		f.add(Flag{Code: CheckGuardianMinor, Severity: Warning, Actor: Parents, Value: g.Age, Param: guardianAge, Source: p.cites[pGuardianAge]})
	}
	if m, ok := noContact(c, cl.On); ok && m >= noContactMonths {
		f.add(Flag{Code: CheckNoContact, Severity: Warning, Actor: ChildDirector, Value: m, Param: noContactMonths, Source: p.cites[pNoContact]})
	}
	if age >= schoolFrom && age < schoolUnder && c.School == NotEnrolled {
		f.add(Flag{Code: CheckNotEnrolled, Severity: Warning, Actor: SchoolActor, Value: age, Param: schoolUnder, Source: p.cites[pSchoolUnder]})
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
