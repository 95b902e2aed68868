package children

import (
	_ "embed"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/openfupin/fupin/internal/enum"
	"github.com/openfupin/fupin/poverty"
)

// Severity is how urgent a care flag is.
type Severity uint8

// Severities, in increasing order. The zero value is none ("unknown").
const (
	// Notice: a gap in the record to fill at the next visit.
	Notice Severity = iota + 1
	// Warning: a care gap to follow up.
	Warning
	// Urgent: act now; the child may be unsafe.
	Urgent
)

var severityWords = enum.New[Severity](parseErr, "unknown", "notice", "warning", "urgent")

// String returns "notice", "warning", "urgent" or "unknown".
func (s Severity) String() string { return severityWords.String(s, "Severity") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is "unknown".
func (s Severity) MarshalText() ([]byte, error) { return severityWords.Marshal(s, "severity") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are
// the zero value.
func (s *Severity) UnmarshalText(b []byte) error {
	i, err := severityWords.ParseOrUnset(b, "severity")
	*s = i
	return err
}

// Actor is who must act on a flag.
type Actor uint8

// Actors. The zero value is nobody ("unknown").
const (
	// Parents: the child's parents (委托监护, coming home, arranging care).
	Parents Actor = iota + 1
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

// MarshalText implements [encoding.TextMarshaler]; the zero value is "unknown".
func (a Actor) MarshalText() ([]byte, error) { return actorWords.Marshal(a, "actor") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are
// the zero value.
func (a *Actor) UnmarshalText(b []byte) error {
	i, err := actorWords.ParseOrUnset(b, "actor")
	*a = i
	return err
}

// Flag is one finding of the care checks: what, how urgent, who must act,
// and whether it is a mandatory report to the police. The zero Flag is no
// finding.
type Flag struct {
	// Code is the stable name of the check, such as "care.living_alone"
	// or "report.child_missing" (the list: [Codes]).
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

// max returns the highest severity raised; the zero Severity for none.
func (f *Flags) max() Severity {
	var m Severity
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

// checkParams lists the parameters in their fixed order, with their names
// (the members of the "params" object of a checks file) and the range of
// their value (0, 0: a rule without a value).
var checkParams = [numParams]struct {
	name   string
	lo, hi int
}{
	{"living_alone_under_age", 1, 18},
	{"guardian_min_age", 1, 30},
	{"no_contact_months", 1, 120},
	{"school_age_from", 3, 18},
	{"school_age_under", 4, 25},
	{"entrusted_guardianship", 0, 0},
	{"mandatory_reporting", 0, 0},
}

// Param is one parameter of the care checks with its provenance: a number
// (an age, a count of months), or a rule without a value that the flags
// cite. Its Name is its member in the "params" object of a checks file:
//
//   - living_alone_under_age: a child younger than this must not live alone;
//   - guardian_min_age: an entrusted guardian must be at least this old;
//   - no_contact_months: no contact with any parent for this many months is
//     flagged (no national document fixes it: the default is DEFAULT);
//   - school_age_from and school_age_under: the school age checked for
//     enrolment, from <= age < under;
//   - entrusted_guardianship: the rule of entrusted guardianship (委托监护),
//     a record with a source and no value, cited by the guardianship flags;
//   - mandatory_reporting: the rule of mandatory reporting to the police
//     (强制报告), a record with a source and no value, cited by the report
//     flags.
//
// Name and Origin are set by [LoadRules]. The zero Param is unset.
type Param struct {
	Name  string `json:"-"`
	Value int    `json:"value,omitzero"`
	poverty.Provenance
	// Origin is "embedded" or the name given to [LoadRules].
	Origin string `json:"-"`
}

// checks holds the parameters of the care checks, the part of a [Rules]
// that a checks file sets. It is a value: copies are independent. The zero
// checks holds no parameter: checking with it is an error.
type checks struct {
	params  [numParams]Param
	cites   [numParams]string // params[i].Cite(), so that checking allocates nothing
	history []Param           // replaced versions, oldest first; never written after construction
	ok      bool              // every parameter set and usable, school ages in order
}

//go:embed data/checks.json
var checksJSON []byte

// loadChecks decodes the document of a checks file ("fupin.children.checks/2",
// the schema of the embedded data): a "params" object with some or all of
// the parameters, each with its value (none for the two rules), source,
// status and scope. Every status is accepted; an UNCONFIRMED parameter
// carries no value, and checks that hold one cannot run. Unknown
// parameters, missing provenance and values out of range are errors.
func loadChecks(params map[string]Param, name string) (checks, error) {
	if len(params) == 0 {
		return checks{}, fieldErr("LoadRules", name, "params", "", poverty.ErrMissing)
	}
	var c checks
	for key := range params {
		if paramIndex(key) < 0 {
			return checks{}, fieldErr("LoadRules", name, "params."+key, "", poverty.ErrUnknownWord)
		}
	}
	for i, def := range checkParams {
		p, ok := params[def.name]
		if !ok {
			continue
		}
		field := "params." + def.name
		if err := checkProv("LoadRules", p.Provenance, name, field, p.Value != 0); err != nil {
			return checks{}, err
		}
		if p.Value != 0 && (p.Value < def.lo || p.Value > def.hi) || p.Value == 0 && def.lo > 0 && p.Status != poverty.Unconfirmed {
			return checks{}, fieldErr("LoadRules", name, field+".value", strconv.Itoa(p.Value), poverty.ErrRange)
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
func (c *checks) invalid() error {
	for i, def := range checkParams {
		p := &c.params[i]
		switch {
		case p.Source == "":
			return fieldErr("Check", "checks", def.name, "", poverty.ErrMissing)
		case p.Status == poverty.Unconfirmed && def.lo > 0:
			return fieldErr("Check", "checks", def.name, p.Origin, poverty.ErrUnconfirmed)
		}
	}
	if from, under := c.params[pSchoolFrom], c.params[pSchoolUnder]; from.Value >= under.Value {
		return fieldErr("Check", "checks", checkParams[pSchoolUnder].name, strconv.Itoa(under.Value), poverty.ErrRange)
	}
	return nil
}

// overlay returns checks in which the parameters that o sets replace those
// of c; the replaced versions, and o's own history, stay in the history.
func (c *checks) overlay(o *checks) checks {
	n := *c
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

// Param returns the current parameter of the care checks with the name
// (see [Param] for the names); false when it is unknown or unset.
func (r *Rules) Param(name string) (Param, bool) {
	i := paramIndex(name)
	if i < 0 || r.checks.params[i].Source == "" {
		return Param{}, false
	}
	return r.checks.params[i], true
}

// Params returns the current parameters of the care checks that are set,
// in a fixed order.
func (r *Rules) Params() []Param {
	var out []Param
	for _, p := range r.checks.params {
		if p.Source != "" {
			out = append(out, p)
		}
	}
	return out
}

// ParamHistory returns every version of the parameter of the care checks
// with the name, oldest first and the current one last: the versions
// [Rules.Overlay] replaced are never erased.
func (r *Rules) ParamHistory(name string) []Param {
	var out []Param
	for _, p := range r.checks.history {
		if p.Name == name {
			out = append(out, p)
		}
	}
	if p, ok := r.Param(name); ok {
		out = append(out, p)
	}
	return out
}

// Check runs the care checks on a child and its classification on the
// same date (from [Rules.Classify]): living alone, guardianship,
// contact, school, and the mandatory-reporting situations. It allocates
// nothing unless it returns an error; an error reports parameters unset or
// UNCONFIRMED (rules loaded from a file of schemes or of some parameters
// and not laid over [Default]), naming one, or a classification of
// another child.
func (r *Rules) Check(c *Child, cl *Classification) (Flags, error) {
	var f Flags
	err := r.CheckInto(&f, c, cl)
	return f, err
}

// CheckInto is [Rules.Check] writing into f (which it resets), for loops
// over large registries that reuse one Flags.
func (r *Rules) CheckInto(f *Flags, c *Child, cl *Classification) error {
	f.n = 0
	p := &r.checks
	if !p.ok {
		return p.invalid()
	}
	livingAlone, guardianAge := p.params[pLivingAlone].Value, p.params[pGuardianAge].Value
	noContactMonths, schoolFrom, schoolUnder := p.params[pNoContact].Value, p.params[pSchoolFrom].Value, p.params[pSchoolUnder].Value
	sourceEntrust, sourceReporting := p.cites[pEntrusted], p.cites[pReporting]
	if cl == nil || cl.ChildID != c.ID || cl.On.IsZero() {
		return fieldErr("Check", c.ID, "classification", "", ErrConflict)
	}
	age := cl.Age
	leftBehind := cl.LeftBehind.Outcome == Yes
	alone := c.Living == Alone && age < livingAlone

	if alone {
		f.add(Flag{Code: "care.living_alone", Severity: Urgent, Actor: Parents, Value: age, Param: livingAlone, Source: p.cites[pLivingAlone]})
	}
	g := &c.Guardian
	if leftBehind {
		switch g.Kind {
		case 0: // not recorded
			f.add(Flag{Code: "guardian.not_recorded", Severity: Notice, Actor: ChildDirector, Source: sourceEntrust})
		case NoGuardian, GuardianParent:
			f.add(Flag{Code: "guardian.not_entrusted", Severity: Urgent, Actor: Parents, Source: sourceEntrust})
		case Grandparent, OtherRelative, EntrustedAdult:
			if !g.Agreement {
				f.add(Flag{Code: "guardian.no_agreement", Severity: Warning, Actor: Parents, Source: sourceEntrust})
			}
		}
	}
	if g.Capacity == Incapable {
		f.add(Flag{Code: "guardian.incapable", Severity: Urgent, Actor: ChildDirector, Source: sourceEntrust})
	}
	if g.Age > 0 && g.Age < guardianAge && g.Kind != Institution && g.Kind != NoGuardian {
		f.add(Flag{Code: "guardian.minor", Severity: Warning, Actor: Parents, Value: g.Age, Param: guardianAge, Source: p.cites[pGuardianAge]})
	}
	if m, ok := noContact(c, cl.On); ok && m >= noContactMonths {
		f.add(Flag{Code: "contact.none", Severity: Warning, Actor: ChildDirector, Value: m, Param: noContactMonths, Source: p.cites[pNoContact]})
	}
	if age >= schoolFrom && age < schoolUnder && c.School == NotEnrolled {
		f.add(Flag{Code: "school.not_enrolled", Severity: Warning, Actor: SchoolActor, Value: age, Param: schoolUnder, Source: p.cites[pSchoolUnder]})
	}
	if alone && leftBehind {
		f.add(Flag{Code: "report.living_alone", Severity: Urgent, Actor: Police, Report: true, Source: sourceReporting})
	}
	if c.Concerns.ChildMissing {
		f.add(Flag{Code: "report.child_missing", Severity: Urgent, Actor: Police, Report: true, Source: sourceReporting})
	}
	if c.Concerns.GuardianNotPerforming || g.Capacity == Incapable {
		f.add(Flag{Code: "report.guardian_not_performing", Severity: Urgent, Actor: Police, Report: true, Source: sourceReporting})
	}
	if c.Concerns.SuspectedAbuse {
		f.add(Flag{Code: "report.suspected_abuse", Severity: Urgent, Actor: Police, Report: true, Source: sourceReporting})
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
		p := c.parent(r)
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

// String renders the flags on one line: the codes, the highest severity,
// and whether a report to the police is due, such as
// "care.living_alone report.living_alone (urgent, report at once)", or
// "none".
func (f *Flags) String() string {
	if f.n == 0 {
		return "none"
	}
	var b strings.Builder
	for i, x := range f.All() {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(x.Code)
	}
	b.WriteString(" (" + f.max().String())
	if f.MustReport() {
		b.WriteString(", report at once")
	}
	b.WriteString(")")
	return b.String()
}

// Explain renders the flags one per line, each with its severity, actor
// and figures ([Flag.String]).
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
