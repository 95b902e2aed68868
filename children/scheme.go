package children

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/openfupin/fupin/internal/enum"
	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/internal/paramfile"
	"github.com/openfupin/fupin/poverty"
)

// DataVintage is the date the embedded data (schemes, checks and counts)
// were last checked against docs/POLICY.md section 4.
const DataVintage = "2026-11-23"

// Combination is how a scheme combines the two parents' situations. The
// zero value is unset ("unknown"), which [LoadRules] rejects.
type Combination uint8

// Combinations.
const (
	// BothAwayOrOneIncapable: both parents away, or one away and the other
	// without guardianship capacity (国发〔2016〕13号).
	BothAwayOrOneIncapable Combination = iota + 1
	// BothListedOrOneAbsent: both parents in a listed situation, or one dead
	// or missing and the other in a listed situation (民发〔2019〕62号).
	BothListedOrOneAbsent
	// AtLeastOneAway: at least one parent away (the older ACWF definition).
	AtLeastOneAway
)

var combinationWords = enum.New[Combination](parseErr, "unknown", "both_away_or_one_away_other_incapable",
	"both_listed_or_one_absent_other_listed", "at_least_one_away")

// String returns the stable word used in scheme files.
func (c Combination) String() string { return combinationWords.String(c, "Combination") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is "unknown".
func (c Combination) MarshalText() ([]byte, error) { return combinationWords.Marshal(c, "rule") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are
// the zero value.
func (c *Combination) UnmarshalText(b []byte) error {
	i, err := combinationWords.ParseOrUnset(b, "rule")
	*c = i
	return err
}

// Setting is one value of a scheme with its provenance: a yes-or-no
// setting such as "rural hukou only" (Setting[bool]), or a duration in
// whole calendar months (Setting[int]: a minimum time away, or the
// six-month rule of a listed situation for the region of its scope). The
// zero Setting has no source: unset.
type Setting[T bool | int] struct {
	Value T `json:"value"`
	poverty.Provenance
}

// SituationSetting is a set of parent situations a scheme reads one way
// (as away, as without guardianship capacity, as dead or missing), with its
// provenance. The zero SituationSetting is unset: no situation, no source.
type SituationSetting struct {
	Situations SituationSet `json:"situations"`
	poverty.Provenance
}

// Listing is one situation a de facto unattended scheme lists, with its
// provenance and, when the situation must last a minimum time, the
// six-month rules by region. Its From and To (in the provenance) bound when
// it is in force, when later than the scheme's own (the two situations
// 民发〔2020〕125号 added): a listing counts when both it and its scheme are
// in force. A scheme may list a situation more than once with different
// scopes (a province's own rule and the library's reading elsewhere); for a
// child the listing of the narrowest scope covering the child's province
// applies. The zero Listing is rejected by [LoadRules] (no situation).
type Listing struct {
	Situation Situation `json:"situation"`
	// MinMonths holds the minimum durations of the situation, by scope: the
	// lost contact, or the restriction of liberty, must last this many
	// months in the region of the narrowest scope that covers the child
	// (see [Scheme.Listing]); none: no minimum. For a restriction with a
	// recorded end (Parent.Until) the term is read; otherwise the time
	// elapsed since Parent.Since on the classification date. Months are
	// whole calendar months and the minimum is inclusive: from 1 January,
	// six months are reached on 1 July.
	MinMonths []Setting[int] `json:"min_months,omitempty"`
	poverty.Provenance
}

// Extension is a rule that keeps a child over the age limit covered while
// in full-time school at one of the levels, in the region of its scope (a
// provincial rule: LOCAL). The zero Extension is rejected by [LoadRules]
// (no levels, no source).
type Extension struct {
	Levels []School `json:"levels"`
	poverty.Provenance
}

// Scheme is one definition as data: which children it covers, by what
// rule, from which document (its [poverty.Provenance]: the document is the
// source, From and To the period it is in force). Every setting carries its
// own provenance. Its JSON form is a record of the scheme file (see the
// package overview).
//
// The schemes a [Rules] returns are copies: changing one changes nothing for
// any other caller, and does not change how it classifies (it classifies as
// loaded; load a file to change a scheme). A Scheme not obtained from a
// [Rules] cannot classify ([ErrUnknownScheme]).
//
// The zero Scheme is not a scheme: its Kind is unset.
type Scheme struct {
	ID string `json:"id"`
	// Kind is the category the scheme defines: LeftBehind, Unattended or
	// ACWF.
	Kind    Status `json:"kind"`
	Primary bool   `json:"primary,omitzero"` // marked primary in its file; [Rules.Primary] says which scheme Classify uses
	Name    string `json:"name,omitempty"`
	poverty.Provenance
	// UnderAge: the child must be younger than this on the date.
	UnderAge int `json:"under_age"`
	// RuralOnly: only children with rural hukou are covered.
	RuralOnly Setting[bool] `json:"rural_only"`
	// Away is the set of situations counted as a parent away.
	Away SituationSetting `json:"away,omitzero"`
	// MinAwayMonths: a parent counts as away only after this many months.
	MinAwayMonths Setting[int] `json:"min_away_months,omitzero"`
	Rule          Combination  `json:"rule"`
	// Incapable: the other parent's situations read as without capacity.
	Incapable SituationSetting `json:"incapable,omitzero"`
	// IncapableAlso: further situations read so, by a different provenance.
	IncapableAlso SituationSetting `json:"incapable_also,omitzero"`
	// Absent is the set of situations "dead or missing".
	Absent SituationSetting `json:"absent,omitzero"`
	// Listed holds the de facto unattended situations, in file order.
	Listed     []Listing   `json:"listed,omitempty"`
	Extensions []Extension `json:"school_extension,omitempty"`
	// Origin is "embedded" or the name given to [LoadRules].
	Origin string `json:"-"`

	def *Scheme // the loaded scheme this is a copy of (itself when loaded)
	p   *prep   // precomputed for classifying without allocating; loaded schemes only
}

// prep is what classifying needs precomputed: periods, citations, and the
// settings that may decide (UNCONFIRMED ones left out), so that
// classifying allocates nothing and reads little.
type prep struct {
	period                                               period
	cite, rural, away, minAway, incap, incapAlso, absent string
	minAwayMonths                                        int          // 0 when unset or UNCONFIRMED
	incapSet, incapAlsoSet, absentSet                    SituationSet // empty when UNCONFIRMED
	listed                                               []prepListing
	bySit                                                [numSituations][]int16 // indexes into listed, narrowest scope first
	ext                                                  []string               // citations, parallel to Extensions
}

// prepListing is a listing that may decide, with its minimum durations
// narrowest scope first.
type prepListing struct {
	scope  poverty.Scope
	period period
	cite   string
	min    []prepMin
}

type prepMin struct {
	scope poverty.Scope
	value int
	cite  string
}

// Listing returns the listing of situation sit that applies in region r
// (the one of the narrowest scope covering r: a province's own before the
// national reading), if the scheme lists it there, with MinMonths holding
// only the minimum duration that applies in r (the record of the narrowest
// scope covering r; none: no minimum). UNCONFIRMED records decide nothing
// and are left out.
func (s *Scheme) Listing(sit Situation, r poverty.Region) (Listing, bool) {
	i := s.listingIndex(sit, r)
	if i < 0 {
		return Listing{}, false
	}
	l := s.Listed[i]
	l.MinMonths = nil
	if j := narrowest(len(s.Listed[i].MinMonths), func(j int) *poverty.Provenance { return &s.Listed[i].MinMonths[j].Provenance }, r); j >= 0 {
		l.MinMonths = []Setting[int]{s.Listed[i].MinMonths[j]}
	}
	return l, true
}

func (s *Scheme) listingIndex(sit Situation, r poverty.Region) int {
	best, rank := -1, 0
	for i := range s.Listed {
		l := &s.Listed[i]
		if l.Situation != sit || !usable(l.Provenance) || !covers(l.Scope, r) {
			continue
		}
		if k := scopeRank(l.Scope); k > rank {
			best, rank = i, k
		}
	}
	return best
}

// InForceOn reports whether the scheme is in force on the date: [Yes], [No],
// or [Undetermined] for a date within a bound known only to the year or
// month (a From of "2019": every day of 2019 is undetermined, because the
// day the document took effect is not known).
func (s *Scheme) InForceOn(on poverty.Date) Outcome { return periodOf(s.Provenance).on(on) }

// narrowest returns the index of the record of the narrowest scope covering
// r among n records that may decide (not UNCONFIRMED), or -1.
func narrowest(n int, prov func(int) *poverty.Provenance, r poverty.Region) int {
	best, rank := -1, 0
	for i := range n {
		p := prov(i)
		if !usable(*p) || !covers(p.Scope, r) {
			continue
		}
		if k := scopeRank(p.Scope); k > rank {
			best, rank = i, k
		}
	}
	return best
}

// covers is [poverty.Scope.Covers] without allocating for the common
// scopes (national, a province).
func covers(s poverty.Scope, r poverty.Region) bool {
	switch {
	case s == poverty.ScopeNational:
		return true
	case len(s) == 2:
		return r != poverty.National && int(s[0]-'0')*10+int(s[1]-'0') == int(r)
	}
	return s.Covers(r)
}

// scopeRank orders scopes from wide to narrow: national 1, a zone 2, a
// province 3, a county 4.
func scopeRank(s poverty.Scope) int {
	switch {
	case s == poverty.ScopeNational:
		return 1
	case len(s) == 2:
		return 3
	case len(s) == 6:
		return 4
	}
	return 2
}

// Rules is an immutable set of definitions: the schemes, with one primary
// scheme per kind, and the parameters of the care checks. [Default] holds
// the embedded ones; [LoadRules] reads a caller's file of schemes or of
// check parameters, and [Rules.Overlay] lays it over them, keeping every
// replaced version ([Rules.History], [Rules.ParamHistory]). A *Rules is
// safe for concurrent use. The zero Rules holds nothing: it classifies
// nothing (every Result unset) and cannot check.
type Rules struct {
	vintage string
	set     param.Set[string, *Scheme]
	primary [numStatuses]*Scheme // by Kind
	checks  checks
}

//go:embed data/schemes.json
var schemesJSON []byte

var defaultRules = sync.OnceValue(func() *Rules {
	r, err := LoadRules(bytes.NewReader(schemesJSON), "embedded")
	if err != nil {
		panic("children: embedded schemes.json: " + err.Error())
	}
	c, err := LoadRules(bytes.NewReader(checksJSON), "embedded")
	if err != nil {
		panic("children: embedded checks.json: " + err.Error())
	}
	if err := c.checks.invalid(); err != nil {
		panic("children: embedded checks.json: " + err.Error())
	}
	r.checks = c.checks
	return r
})

// Default returns the embedded schemes and check parameters (see the
// package overview for each one's sources). It is decoded once; the same
// *Rules is returned each time, and what it returns are copies.
func Default() *Rules { return defaultRules() }

// Vintage returns the data vintage of the file the rules came from (the
// latest, for rules overlaid).
func (r *Rules) Vintage() string { return r.vintage }

// Schemes returns copies of the current schemes, in identifier order.
func (r *Rules) Schemes() []Scheme {
	all := r.set.All()
	out := make([]Scheme, len(all))
	for i, s := range all {
		out[i] = s.clone()
	}
	slices.SortFunc(out, func(a, b Scheme) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Scheme returns a copy of the scheme with the identifier.
func (r *Rules) Scheme(id string) (Scheme, bool) {
	if p := r.set.Get(id); p != nil {
		return (*p).clone(), true
	}
	return Scheme{}, false
}

// Primary returns a copy of the primary scheme of the kind; false when the
// rules hold none.
func (r *Rules) Primary(k Status) (Scheme, bool) {
	if k >= numStatuses || r.primary[k] == nil {
		return Scheme{}, false
	}
	return r.primary[k].clone(), true
}

// History returns every version of the scheme with the identifier, oldest
// first and the current one last: the versions [Rules.Overlay] replaced
// are never erased. It is empty for an unknown identifier.
func (r *Rules) History(id string) []Scheme {
	h := r.set.History(id, nil)
	out := make([]Scheme, len(h))
	for i, s := range h {
		out[i] = s.clone()
	}
	return out
}

// Overlay returns rules holding r's schemes with o's added; a scheme of o
// with the identifier of one of r replaces it (the replaced version stays
// in [Rules.History]) and takes its place as primary if it was. A primary
// scheme of o becomes the primary of its kind. The check parameters that o
// sets replace those of r likewise. r and o are not changed.
func (r *Rules) Overlay(o *Rules) *Rules {
	n := &Rules{vintage: max(r.vintage, o.vintage), primary: r.primary, checks: r.checks.overlay(&o.checks)}
	n.set = r.set.Overlay(o.set)
	for _, s := range o.set.All() {
		old := r.set.Get(s.ID)
		if old == nil || n.primary[(*old).Kind] != *old {
			continue
		}
		n.primary[(*old).Kind] = nil
		if (*old).Kind == s.Kind {
			n.primary[s.Kind] = s
		}
	}
	for _, s := range o.set.All() {
		if s.Primary {
			n.primary[s.Kind] = s
		}
	}
	return n
}

// clone returns a deep copy that classifies as s does.
func (s *Scheme) clone() Scheme {
	c := *s
	c.Listed = slices.Clone(s.Listed)
	for i := range c.Listed {
		c.Listed[i] = cloneListing(c.Listed[i])
	}
	c.Extensions = slices.Clone(s.Extensions)
	for i := range c.Extensions {
		c.Extensions[i].Levels = slices.Clone(c.Extensions[i].Levels)
	}
	return c
}

func cloneListing(l Listing) Listing {
	l.MinMonths = slices.Clone(l.MinMonths)
	return l
}

// The file schemas, documented in the package overview.
type fileDoc struct {
	Schema  string   `json:"schema"`
	Vintage string   `json:"vintage"`
	Schemes []Scheme `json:"schemes"`
}

type checksDoc struct {
	Schema  string           `json:"schema"`
	Vintage string           `json:"vintage"`
	Params  map[string]Param `json:"params"`
}

// The schemas LoadRules reads.
const (
	schemesSchema = "fupin.children/2"
	checksSchema  = "fupin.children.checks/2"
)

// maxFileBytes bounds the size of a parameter file (schemes, checks or
// counts) this package reads: 1 MiB.
const maxFileBytes = 1 << 20

// LoadRules decodes a file in one of the schemas of the embedded data (see
// the package overview): a scheme file ("fupin.children/2") or a file of
// parameters of the care checks ("fupin.children.checks/2", all of them or
// some), and validates every record. name identifies the file in errors
// and in each record's Origin. Lay the rules it returns over [Default]
// with [Rules.Overlay].
// Every status is accepted (a SECONDARY, LOCAL or DEFAULT setting is cited
// as such in the reasons; an UNCONFIRMED one decides nothing, it is kept
// only to show a gap, and must carry no value). Unknown fields, unknown
// words, a missing source, status or scope, a rule without the sets it
// needs and duplicate identifiers are errors: *[poverty.FieldError] of "children.LoadRules"
// naming the file (or the scheme) and the field.
func LoadRules(rd io.Reader, name string) (*Rules, error) {
	data, err := io.ReadAll(io.LimitReader(rd, maxFileBytes+1))
	if err != nil {
		return nil, fieldErr("LoadRules", name, "file", "", err)
	}
	var head struct {
		Schema string `json:"schema"`
	}
	if json.Unmarshal(data, &head) == nil && head.Schema == checksSchema {
		var doc checksDoc
		if err := paramfile.Read(bytes.NewReader(data), name, maxFileBytes, checksSchema, &doc); err != nil {
			return nil, withOp("LoadRules", err)
		}
		c, err := loadChecks(doc.Params, name)
		if err != nil {
			return nil, err
		}
		return &Rules{vintage: doc.Vintage, checks: c}, nil
	}
	var doc fileDoc
	if err := paramfile.Read(bytes.NewReader(data), name, maxFileBytes, schemesSchema, &doc); err != nil {
		return nil, withOp("LoadRules", err)
	}
	schemes := make([]*Scheme, len(doc.Schemes))
	for i := range doc.Schemes {
		s := &doc.Schemes[i]
		if err := s.load(name, i); err != nil {
			return nil, err
		}
		schemes[i] = s
	}
	set, dup := param.NewSet(schemes, func(s **Scheme) string { return (*s).ID })
	if dup >= 0 {
		s := schemes[dup]
		return nil, fieldErr("LoadRules", name+" "+s.ID, "id", s.ID, poverty.ErrDuplicate)
	}
	r := &Rules{vintage: doc.Vintage, set: set}
	prim := map[Status]string{}
	for _, s := range schemes {
		if s.Primary {
			if prev, ok := prim[s.Kind]; ok {
				return nil, fieldErr("LoadRules", name+" "+s.ID, "primary", prev, poverty.ErrDuplicate)
			}
			prim[s.Kind] = s.ID
			r.primary[s.Kind] = s
		}
	}
	return r, nil
}

// checkProv validates a provenance: complete, and an UNCONFIRMED record
// holds no value (hasValue).
func checkProv(op string, p poverty.Provenance, rec, field string, hasValue bool) error {
	if err := p.Validate(rec); err != nil {
		if fe, ok := err.(*poverty.FieldError); ok {
			return fieldErr(op, rec, join(field, fe.Field), fe.Value, fe.Err)
		}
		return err
	}
	if p.Status == poverty.Unconfirmed && hasValue {
		return fieldErr(op, rec, join(field, "status"), p.Status.String(), poverty.ErrUnconfirmed)
	}
	return nil
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// setting validates an optional situation setting: absent (zero), or a
// complete provenance with at least one situation.
func setting(f SituationSetting, rec, field string) error {
	if f == (SituationSetting{}) {
		return nil
	}
	return checkProv("LoadRules", f.Provenance, rec, field, f.Situations != 0)
}

// usable reports whether a setting may decide: set and not UNCONFIRMED.
func usable(p poverty.Provenance) bool { return p.Source != "" && p.Status != poverty.Unconfirmed }

func (s *Scheme) load(file string, i int) error {
	rec := fmt.Sprintf("%s schemes[%d]", file, i)
	if s.ID != "" {
		rec = file + " " + s.ID
	}
	bad := func(field, value string, err error) error {
		return fieldErr("LoadRules", rec, field, value, err)
	}
	if s.ID == "" {
		return bad("id", "", poverty.ErrMissing)
	}
	if s.Kind == 0 {
		return bad("kind", "", poverty.ErrMissing)
	}
	if !s.Kind.isKind() {
		return bad("kind", s.Kind.String(), poverty.ErrRange)
	}
	if err := checkProv("LoadRules", s.Provenance, rec, "", true); err != nil {
		return err
	}
	if s.UnderAge < 1 || s.UnderAge > 30 {
		return bad("under_age", fmt.Sprint(s.UnderAge), poverty.ErrRange)
	}
	if s.RuralOnly.Source == "" {
		return bad("rural_only", "", poverty.ErrMissing)
	}
	if err := checkProv("LoadRules", s.RuralOnly.Provenance, rec, "rural_only", true); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		set  SituationSetting
	}{{"away", s.Away}, {"incapable", s.Incapable}, {"incapable_also", s.IncapableAlso}, {"absent", s.Absent}} {
		if err := setting(f.set, rec, f.name); err != nil {
			return err
		}
	}
	if s.MinAwayMonths != (Setting[int]{}) {
		if err := checkProv("LoadRules", s.MinAwayMonths.Provenance, rec, "min_away_months", s.MinAwayMonths.Value != 0); err != nil {
			return err
		}
		if s.MinAwayMonths.Value < 0 || s.MinAwayMonths.Value > 120 {
			return bad("min_away_months", fmt.Sprint(s.MinAwayMonths.Value), poverty.ErrRange)
		}
	}
	p := &prep{period: periodOf(s.Provenance), cite: s.Cite(), rural: s.RuralOnly.Cite(),
		away: s.Away.Cite(), minAway: s.MinAwayMonths.Cite(), incap: s.Incapable.Cite(),
		incapAlso: s.IncapableAlso.Cite(), absent: s.Absent.Cite()}
	if usable(s.MinAwayMonths.Provenance) {
		p.minAwayMonths = s.MinAwayMonths.Value
	}
	for _, x := range []struct {
		dst *SituationSet
		set SituationSetting
	}{{&p.incapSet, s.Incapable}, {&p.incapAlsoSet, s.IncapableAlso}, {&p.absentSet, s.Absent}} {
		if usable(x.set.Provenance) {
			*x.dst = x.set.Situations
		}
	}
	for j := range s.Listed {
		l := &s.Listed[j]
		field := fmt.Sprintf("listed[%d]", j)
		if l.Situation == 0 || l.Situation >= numSituations {
			return bad(field+".situation", "", poverty.ErrMissing)
		}
		if err := checkProv("LoadRules", l.Provenance, rec, field, false); err != nil {
			return err
		}
		for k := range j {
			if s.Listed[k].Situation == l.Situation && s.Listed[k].Scope == l.Scope {
				return bad(field+".situation", l.Situation.String(), poverty.ErrDuplicate)
			}
		}
		if s.Absent.Situations.Has(l.Situation) {
			return bad(field+".situation", l.Situation.String(), ErrConflict) // absent and listed at once
		}
		pl := prepListing{scope: l.Scope, period: periodOf(l.Provenance), cite: l.Cite()}
		for k, m := range l.MinMonths {
			mf := fmt.Sprintf("%s.min_months[%d]", field, k)
			if err := checkProv("LoadRules", m.Provenance, rec, mf, m.Value != 0); err != nil {
				return err
			}
			if m.Status != poverty.Unconfirmed && (m.Value < 1 || m.Value > 120) {
				return bad(mf+".value", fmt.Sprint(m.Value), poverty.ErrRange)
			}
			for x := range k {
				if l.MinMonths[x].Scope == m.Scope {
					return bad(mf+".scope", string(m.Scope), poverty.ErrDuplicate)
				}
			}
			if usable(m.Provenance) {
				pl.min = append(pl.min, prepMin{scope: m.Scope, value: m.Value, cite: m.Cite()})
			}
		}
		slices.SortStableFunc(pl.min, func(a, b prepMin) int { return scopeRank(b.scope) - scopeRank(a.scope) })
		if usable(l.Provenance) {
			p.bySit[l.Situation] = append(p.bySit[l.Situation], int16(len(p.listed)))
			p.listed = append(p.listed, pl)
		}
	}
	for sit := range p.bySit {
		slices.SortStableFunc(p.bySit[sit], func(a, b int16) int {
			return scopeRank(p.listed[b].scope) - scopeRank(p.listed[a].scope)
		})
	}
	for j, e := range s.Extensions {
		field := fmt.Sprintf("school_extension[%d]", j)
		if err := checkProv("LoadRules", e.Provenance, rec, field, len(e.Levels) > 0); err != nil {
			return err
		}
		if len(e.Levels) == 0 && e.Status != poverty.Unconfirmed {
			return bad(field+".levels", "", poverty.ErrMissing)
		}
		for _, lv := range e.Levels {
			if !lv.enrolled() {
				return bad(field+".levels", lv.String(), poverty.ErrRange)
			}
		}
		p.ext = append(p.ext, e.Cite())
	}
	switch s.Rule {
	case BothAwayOrOneIncapable, AtLeastOneAway:
		if s.Away.Situations == 0 || !usable(s.Away.Provenance) {
			return bad("away", "", poverty.ErrMissing)
		}
	case BothListedOrOneAbsent:
		if len(s.Listed) == 0 {
			return bad("listed", "", poverty.ErrMissing)
		}
	default:
		return bad("rule", s.Rule.String(), poverty.ErrMissing)
	}
	s.Origin, s.def, s.p = file, s, p
	return nil
}

// period is an effective period as far as it is known: each bound to the
// year, the month or the day.
type period struct{ from, to bound }

// bound is a date known to year, month or day precision (zero month or
// day: not known); the zero bound is no bound.
type bound struct{ y, m, d int }

// periodOf reads the From and To of a validated provenance.
func periodOf(p poverty.Provenance) period { return period{parseBound(p.From), parseBound(p.To)} }

func parseBound(s string) bound {
	var b bound
	for i, part := range strings.SplitN(s, "-", 3) {
		n := 0
		for _, c := range []byte(part) {
			n = n*10 + int(c-'0')
		}
		switch i {
		case 0:
			b.y = n
		case 1:
			b.m = n
		case 2:
			b.d = n
		}
	}
	return b
}

// cmp compares the date with b at b's precision: -1 before, 0 within, +1
// after.
func (b bound) cmp(on poverty.Date) int {
	sign := func(a, c int) int {
		if a < c {
			return -1
		}
		if a > c {
			return 1
		}
		return 0
	}
	if c := sign(on.Year(), b.y); c != 0 || b.m == 0 {
		return c
	}
	if c := sign(int(on.Month()), b.m); c != 0 || b.d == 0 {
		return c
	}
	return sign(on.Day(), b.d)
}

// on reports whether the period covers the date: Undetermined for a date
// within a bound known only to the year or month.
func (p period) on(on poverty.Date) Outcome {
	out := Yes
	if p.from.y != 0 {
		switch c := p.from.cmp(on); {
		case c < 0:
			return No
		case c == 0 && p.from.d == 0:
			out = Undetermined
		}
	}
	if p.to.y != 0 {
		switch c := p.to.cmp(on); {
		case c > 0:
			return No
		case c == 0 && p.to.d == 0:
			out = Undetermined
		}
	}
	return out
}
