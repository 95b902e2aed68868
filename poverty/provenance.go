package poverty

import (
	"time"

	"github.com/openfupin/fupin/internal/enum"
)

// SourceStatus is how far a policy value can be trusted: the one status
// vocabulary of every package's data, rules and reasons. The zero value is
// unset and is never valid in data.
type SourceStatus uint8

// Source statuses.
const (
	SourceUnset SourceStatus = iota
	// Confirmed: the cited official text (a document, a government or
	// statistics page) says it.
	Confirmed
	// Secondary: one non-official source (press, a Q&A or document-sharing
	// page). Served only with [LookupOptions.AcceptSecondary].
	Secondary
	// Unconfirmed: no source found. Kept only to show the gap, with the
	// commonly quoted figure in the note; never served as fact.
	Unconfirmed
	// Local: a provincial or county rule. Served for its own region (its
	// [Scope]); for any other region only when the caller names it.
	Local
	// LibraryDefault (the word "DEFAULT"): the library's own reading where
	// the policy is silent. The source says that it is a reading, and of what.
	LibraryDefault
	// Supplied: a value from the caller's own parameter file.
	Supplied
	// Example: a value made up for a demonstration. Never in the library's
	// embedded data; examples label what they invent with it.
	Example
)

var sourceWords = enum.New[SourceStatus](parseErr, "unset", "CONFIRMED", "SECONDARY", "UNCONFIRMED", "LOCAL", "DEFAULT", "SUPPLIED", "EXAMPLE")

// String returns the status word: "CONFIRMED", "SECONDARY", "UNCONFIRMED",
// "LOCAL", "DEFAULT", "SUPPLIED" or "EXAMPLE".
func (s SourceStatus) String() string { return sourceWords.String(s, "SourceStatus") }

// MarshalText implements [encoding.TextMarshaler].
func (s SourceStatus) MarshalText() ([]byte, error) { return sourceWords.Marshal(s, "status") }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *SourceStatus) UnmarshalText(b []byte) error {
	i, err := sourceWords.Parse(b, "status")
	*s = SourceStatus(i)
	return err
}

// Scope is where a policy value applies, as a division code: "national",
// a zone word ("east", "central", "west", "northeast"), a two-digit province
// code ("35") or a six-digit county code ("340722"). The zero value "" is
// unset and is never valid in data.
type Scope string

// ScopeNational is the scope of national rules.
const ScopeNational Scope = "national"

// The zones of the provinces, as scopes and as [Region.Zone] and
// [Region.ZoneFourWay] return them: the NBS east / central / west division
// that policy uses (the 3% incidence rule for the western region), and the
// northeast of the newer four-way breakdown. Which province lies in which
// zone is data, not a fixed rule.
const (
	ScopeEast      Scope = "east"
	ScopeCentral   Scope = "central"
	ScopeWest      Scope = "west"
	ScopeNortheast Scope = "northeast"
)

// ScopeOf returns the scope of a region: [ScopeNational] or its province code.
func ScopeOf(r Region) Scope { return Scope(r.String()) }

// IsValid reports whether s is "national", a zone word, a known province
// code or a county code in a known province.
func (s Scope) IsValid() bool {
	if s == ScopeNational {
		return true
	}
	switch s {
	case ScopeEast, ScopeCentral, ScopeWest, ScopeNortheast:
		return true
	}
	switch len(s) {
	case 2:
		r, err := ParseRegion(string(s))
		return err == nil && r.IsProvince()
	case 6:
		c, err := ParseCounty(string(s))
		return err == nil && c.IsValid()
	}
	return false
}

// Covers reports whether a value of scope s applies to region r: a national
// scope covers every region, a zone its provinces, a province itself. A
// county scope covers no province: a county's rule is never its province's.
func (s Scope) Covers(r Region) bool {
	switch {
	case s == ScopeNational:
		return true
	case r == National:
		return false
	case len(s) == 2:
		return s == ScopeOf(r)
	case len(s) == 6:
		return false
	}
	return s == r.Zone() || s == r.ZoneFourWay()
}

// UnmarshalText implements [encoding.TextUnmarshaler]; anything but a valid
// scope is a *[ParseError] wrapping [ErrUnknownRegion].
func (s *Scope) UnmarshalText(b []byte) error {
	if v := Scope(b); v.IsValid() {
		*s = v
		return nil
	}
	return &ParseError{What: "scope", Input: string(b), Err: ErrUnknownRegion}
}

// Provenance says where a policy value comes from and how far it can be
// trusted: the citation, the status, a qualifier of the source ("press",
// "county government"), the region it applies to, the period it is in force
// and a note. Every record of every package's data carries one, and every
// reason cites it briefly ([Provenance.Cite]).
//
// From and To are the effective period as far as the sources date it:
// "2020", "2020-03" or "2020-03-20", each bound known only to the precision
// written; "" where the sources give no date (never invented). To is the
// last day in force; "" while in force or unknown.
//
// The zero Provenance is invalid: [Provenance.Validate] says why.
type Provenance struct {
	Source    string       `json:"source"`
	Status    SourceStatus `json:"status,omitzero"`
	Qualifier string       `json:"qualifier,omitempty"`
	Scope     Scope        `json:"scope,omitempty"` // omitted when unset, so that what marshals reads back
	From      string       `json:"from,omitempty"`
	To        string       `json:"to,omitempty"`
	Note      string       `json:"note,omitempty"`
}

// Label returns the status with its qualifier and, unless national, its
// scope: "CONFIRMED", "SECONDARY (press)", "LOCAL 340722 (county
// government)".
func (p Provenance) Label() string {
	s := p.Status.String()
	if p.Scope != ScopeNational && p.Scope != "" {
		s += " " + string(p.Scope)
	}
	if p.Qualifier != "" {
		s += " (" + p.Qualifier + ")"
	}
	return s
}

// Cite returns the short citation used in reasons: "source [label]".
func (p Provenance) Cite() string { return p.Source + " [" + p.Label() + "]" }

// Validate checks that the provenance is complete: a source, a status in the
// vocabulary, a valid scope, effective bounds in the form "2006",
// "2006-01" or "2006-01-02" and in order. The error is a *[FieldError]
// naming record and the field.
func (p Provenance) Validate(record string) error {
	fail := func(field, value string, err error) error {
		return &FieldError{Record: record, Field: field, Value: value, Err: err}
	}
	switch {
	case p.Source == "":
		return fail("source", "", ErrMissing)
	case p.Status == SourceUnset || int(p.Status) >= sourceWords.Len():
		return fail("status", p.Status.String(), ErrUnknownWord)
	case p.Scope == "":
		return fail("scope", "", ErrMissing)
	case !p.Scope.IsValid():
		return fail("scope", string(p.Scope), ErrUnknownRegion)
	}
	from, ok := parseBound(p.From)
	if !ok {
		return fail("from", p.From, ErrSyntax)
	}
	to, ok := parseBound(p.To)
	if !ok {
		return fail("to", p.To, ErrSyntax)
	}
	if from.known() && to.known() && compareBounds(from, to) > 0 {
		return fail("to", p.To, ErrRange)
	}
	return nil
}

// InForce reports whether the provenance's effective period covers day d.
// Each bound is compared at the precision it is known to (a From of "2021"
// covers every day of 2021); an unknown bound does not limit the period.
func (p Provenance) InForce(d Date) bool {
	from, _ := parseBound(p.From)
	to, _ := parseBound(p.To)
	day := bound{d.Year(), int(d.Month()), d.Day()}
	return (!from.known() || compareBounds(from, day) <= 0) && (!to.known() || compareBounds(day, to) <= 0)
}

// InForceIn reports whether the effective period overlaps the calendar year
// y; an unknown bound does not limit it.
func (p Provenance) InForceIn(y int) bool {
	from, _ := parseBound(p.From)
	to, _ := parseBound(p.To)
	return (!from.known() || from.y <= y) && (!to.known() || y <= to.y)
}

// Serve reports whether a value with this provenance may be returned as fact
// for a lookup in region r. named says that the caller asked for the record
// by its own identifier. UNCONFIRMED is never served ([ErrUnconfirmed]);
// SECONDARY needs opts.AcceptSecondary ([ErrSecondary]); a value whose
// scope does not cover r is served only when named ([ErrOutOfScope]).
func (p Provenance) Serve(r Region, named bool, opts LookupOptions) error {
	return p.serve(r, named, opts)
}

// serve is Serve without copying the provenance.
func (p *Provenance) serve(r Region, named bool, opts LookupOptions) error {
	switch {
	case p.Status == Unconfirmed || p.Status == SourceUnset:
		return ErrUnconfirmed
	case p.Status == Secondary && !opts.AcceptSecondary:
		return ErrSecondary
	case !named && !p.Scope.Covers(r):
		return ErrOutOfScope
	}
	return nil
}

// bound is an effective-date bound known to year, month or day precision
// (zero month or day: not known).
type bound struct{ y, m, d int }

func (b bound) known() bool { return b.y != 0 }

func parseBound(s string) (bound, bool) {
	if s == "" {
		return bound{}, true
	}
	// "2006", "2006-01" or "2006-01-02", without allocating.
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return bound{}, false
	}
	num := func(t string) int {
		n := 0
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return -1
			}
			n = n*10 + int(t[i]-'0')
		}
		return n
	}
	b := bound{y: num(s[:4])}
	if len(s) >= 7 {
		if s[4] != '-' {
			return bound{}, false
		}
		b.m = num(s[5:7])
		if b.m < 1 || b.m > 12 {
			return bound{}, false
		}
	}
	if len(s) == 10 {
		if s[7] != '-' {
			return bound{}, false
		}
		b.d = num(s[8:10])
		if _, err := DateOf(b.y, time.Month(b.m), b.d); err != nil {
			return bound{}, false
		}
	}
	if b.y < 1949 || b.y > 2100 {
		return bound{}, false
	}
	return b, true
}

// compareBounds compares a and b at the coarser of their precisions.
func compareBounds(a, b bound) int {
	if a.y != b.y {
		return cmpInt(a.y, b.y)
	}
	if a.m == 0 || b.m == 0 || a.m == b.m && (a.d == 0 || b.d == 0) {
		return 0
	}
	if a.m != b.m {
		return cmpInt(a.m, b.m)
	}
	return cmpInt(a.d, b.d)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
