package children

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/poverty"
)

// DataVintage is the date the embedded scheme data were last checked
// against docs/POLICY.md section 4.
const DataVintage = "2026-11-23"

// Combination is how a scheme combines the two parents' situations.
// CombinationUnknown, the zero value, is rejected by [LoadRules].
type Combination uint8

// Combinations. CombinationUnknown is the zero value.
const (
	CombinationUnknown Combination = iota
	// BothAwayOrOneIncapable: both parents away, or one away and the other
	// without guardianship capacity (国发〔2016〕13号).
	BothAwayOrOneIncapable
	// BothListedOrOneAbsent: both parents in a listed situation, or one dead
	// or missing and the other in a listed situation (民发〔2019〕62号).
	BothListedOrOneAbsent
	// AtLeastOneAway: at least one parent away (the older ACWF definition).
	AtLeastOneAway
)

var combinationWords = poverty.Words{"unknown", "both_away_or_one_away_other_incapable",
	"both_listed_or_one_absent_other_listed", "at_least_one_away"}

// String returns the stable word used in scheme files.
func (c Combination) String() string { return combinationWords.Word(int(c), "Combination") }

// MarshalText implements [encoding.TextMarshaler].
func (c Combination) MarshalText() ([]byte, error) {
	return combinationWords.Marshal(int(c), "rule")
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (c *Combination) UnmarshalText(b []byte) error {
	i, err := combinationWords.ParseOrUnset(b, "rule")
	*c = Combination(i)
	return err
}

// Provenance is where a parameter comes from: the document, how well it is
// sourced (CONFIRMED, SECONDARY, or DEFAULT for a reading the library
// chose where no document decides), and a note. The zero Provenance has
// no source, which [LoadRules] rejects.
type Provenance struct {
	Source string `json:"source"`
	Status string `json:"status"`
	Note   string `json:"note,omitempty"`
}

// Cite returns "source (STATUS)".
func (p Provenance) Cite() string { return p.Source + " (" + p.Status + ")" }

// InForce is when a rule applies: from a known day, or, when only the
// year of the document is known, from some unknown day of that year. The
// zero value is always in force.
type InForce struct {
	From       poverty.Date `json:"from,omitzero"`
	IssuedYear int          `json:"issued_year,omitzero"`
}

// On reports whether the rule is in force on the date: Yes, No, or
// Undetermined for a date in the year of issue when the day is not known.
func (f InForce) On(on poverty.Date) Outcome {
	switch {
	case !f.From.IsZero():
		if on.Before(f.From) {
			return No
		}
		return Yes
	case f.IssuedYear == 0 || on.Year() > f.IssuedYear:
		return Yes
	case on.Year() < f.IssuedYear:
		return No
	}
	return Undetermined
}

// Listing is one situation a de facto unattended scheme lists, with the
// date it entered the rule when later than the scheme's own (the two
// situations 民发〔2020〕125号 added), and the minimum duration it must last.
// A listing is in force when both it and its scheme are. The zero Listing
// is rejected by [LoadRules] (no situation).
type Listing struct {
	Situation Situation `json:"situation"`
	InForce
	// MinMonths is the six-month rule: the lost contact, or the restriction
	// of liberty, must last this many months (0: no minimum). For a
	// restriction with a recorded end (Parent.Until) the term is read;
	// otherwise the time elapsed since Parent.Since on the classification
	// date. Months are whole calendar months and the minimum is inclusive:
	// from 1 January, six months are reached on 1 July.
	MinMonths int `json:"min_months,omitzero"`
	Provenance
}

// Extension is a rule that keeps a child over the age limit covered while
// in full-time school at one of the levels, in one province. The zero
// Extension is rejected by [LoadRules] (no province).
type Extension struct {
	Region poverty.Region `json:"region"`
	Levels []School       `json:"levels"`
	Provenance
	Qualifier string `json:"status_qualifier,omitempty"`
}

// Scheme is one definition as data: which children it covers, by what
// rule, from which document. Schemes come from [LoadRules] (or [Default])
// and are shared by every caller: treat the fields as read-only, and load a
// file to change a scheme.
//
// The zero Scheme is not a scheme: its Kind is unknown.
type Scheme struct {
	ID        string
	Kind      Kind
	Primary   bool // marked primary in its file; [Rules.Primary] says which scheme Classify uses
	Name      string
	Document  string
	Status    string
	Qualifier string
	InForce
	FromNote string
	// UnderAge: the child must be younger than this on the date.
	UnderAge int
	// RuralOnly: only children with rural hukou are covered.
	RuralOnly       bool
	RuralProvenance Provenance
	// Away is the set of situations counted as a parent away.
	Away           SituationSet
	AwayProvenance Provenance
	// MinAwayMonths: a parent counts as away only after this many months.
	MinAwayMonths  int
	MinAwaySource  Provenance
	Rule           Combination
	Incapable      SituationSet // the other parent's situations read as without capacity
	IncapableProv  Provenance
	IncapableAlso  SituationSet // further situations read so, by a different provenance
	IncapableAlsoP Provenance
	// Absent is the set of situations "dead or missing".
	Absent     SituationSet
	AbsentProv Provenance
	// Listed holds the de facto unattended situations, in file order.
	Listed     []Listing
	listed     [numSituations]int8 // index into Listed + 1
	Extensions []Extension
	Note       string

	incapableCite, incapableAlsoCite string // precomputed, so that classifying allocates nothing
	Origin                           string // "embedded" or the name given to LoadRules
}

// Listing returns the listing of situation s, if the scheme lists it.
func (s *Scheme) Listing(sit Situation) (Listing, bool) {
	if sit >= numSituations || s.listed[sit] == 0 {
		return Listing{}, false
	}
	return s.Listed[s.listed[sit]-1], true
}

// Cite returns the scheme's identifier, document and status.
func (s *Scheme) Cite() string {
	c := s.ID + ": " + s.Document + " (" + s.Status
	if s.Qualifier != "" {
		c += "; " + s.Qualifier
	}
	return c + ")"
}

// Rules is an immutable set of schemes, with one primary scheme per kind.
// The zero Rules holds no scheme: it classifies nothing (every Result
// unset).
// [Default] holds the embedded schemes; [LoadRules] reads a caller's file
// in the same schema and [Rules.Overlay] combines them. A *Rules is safe
// for concurrent use.
type Rules struct {
	vintage  string
	schemes  []*Scheme
	primary  [numKinds]*Scheme
	replaced []*Scheme
}

//go:embed data/schemes.json
var schemesJSON []byte

var defaultRules = sync.OnceValue(func() *Rules {
	r, err := LoadRules(bytes.NewReader(schemesJSON), "embedded")
	if err != nil {
		panic("children: embedded schemes.json: " + err.Error())
	}
	return r
})

// Default returns the embedded schemes (see the package overview for each
// one's sources). It is decoded once; the same *Rules is returned each time.
func Default() *Rules { return defaultRules() }

// Vintage returns the data vintage of the file the rules came from.
func (r *Rules) Vintage() string { return r.vintage }

// Schemes returns the schemes in identifier order.
func (r *Rules) Schemes() []*Scheme { return slices.Clone(r.schemes) }

// Scheme returns the scheme with the identifier.
func (r *Rules) Scheme(id string) (*Scheme, bool) {
	for _, s := range r.schemes {
		if s.ID == id {
			return s, true
		}
	}
	return nil, false
}

// Primary returns the primary scheme of the kind, or nil.
func (r *Rules) Primary(k Kind) *Scheme {
	if k >= numKinds {
		return nil
	}
	return r.primary[k]
}

// Replaced returns the schemes an [Rules.Overlay] replaced, oldest first:
// an override never erases history.
func (r *Rules) Replaced() []*Scheme { return slices.Clone(r.replaced) }

// Overlay returns rules holding r's schemes with o's added; a scheme of o
// with the identifier of one of r replaces it (the replaced scheme stays
// visible in [Rules.Replaced]) and takes its place as primary if it was.
// A primary scheme of o becomes the primary of its kind. r and o are not
// changed.
func (r *Rules) Overlay(o *Rules) *Rules {
	n := &Rules{vintage: max(r.vintage, o.vintage), primary: r.primary}
	n.schemes = slices.Clone(r.schemes)
	n.replaced = append(slices.Clone(r.replaced), o.replaced...)
	for _, s := range o.schemes {
		if i := slices.IndexFunc(n.schemes, func(x *Scheme) bool { return x.ID == s.ID }); i >= 0 {
			old := n.schemes[i]
			n.replaced = append(n.replaced, old)
			n.schemes[i] = s
			if n.primary[old.Kind] == old {
				n.primary[old.Kind] = nil
				if old.Kind == s.Kind {
					n.primary[s.Kind] = s
				}
			}
		} else {
			n.schemes = append(n.schemes, s)
		}
	}
	for _, s := range o.schemes {
		if s.Primary {
			n.primary[s.Kind] = s
		}
	}
	n.sort()
	return n
}

func (r *Rules) sort() {
	slices.SortFunc(r.schemes, func(a, b *Scheme) int { return strings.Compare(a.ID, b.ID) })
}

// The file schema, documented in the package overview.
type fileDoc struct {
	Schema  string       `json:"schema"`
	Vintage string       `json:"vintage"`
	Schemes []fileScheme `json:"schemes"`
}

type fileFlag struct {
	Value bool `json:"value"`
	Provenance
}

type fileInt struct {
	Value int `json:"value"`
	Provenance
}

type fileSet struct {
	Situations []Situation `json:"situations"`
	Provenance
}

type fileScheme struct {
	ID            string      `json:"id"`
	Kind          Kind        `json:"kind"`
	Primary       bool        `json:"primary"`
	Name          string      `json:"name"`
	Document      string      `json:"document"`
	Status        string      `json:"status"`
	Qualifier     string      `json:"status_qualifier"`
	From          string      `json:"from"`
	IssuedYear    int         `json:"issued_year"`
	FromNote      string      `json:"from_note"`
	UnderAge      int         `json:"under_age"`
	RuralOnly     *fileFlag   `json:"rural_only"`
	Away          *fileSet    `json:"away"`
	MinAwayMonths *fileInt    `json:"min_away_months"`
	Rule          Combination `json:"rule"`
	Incapable     *fileSet    `json:"incapable"`
	IncapableAlso *fileSet    `json:"incapable_also"`
	Absent        *fileSet    `json:"absent"`
	Listed        []Listing   `json:"listed"`
	Extensions    []Extension `json:"school_extension"`
	Note          string      `json:"note"`
}

// MaxRulesBytes bounds the size of a scheme file [LoadRules] reads.
const MaxRulesBytes = 1 << 20

// statuses a parameter may carry. UNCONFIRMED values are never loaded:
// an UNCONFIRMED parameter is an error, so that it cannot decide a case.
var knownStatuses = []string{"CONFIRMED", "SECONDARY", "DEFAULT"}

// LoadRules decodes a scheme file in the schema of the embedded data
// ("fupin.children/1"; see the package overview) and validates every
// scheme. name identifies the file in errors and in each scheme's Origin.
// Unknown fields, unknown words, a missing source or status, an
// UNCONFIRMED parameter, a rule without the sets it needs and duplicate
// identifiers are errors (*[RecordError]) naming the scheme and field.
func LoadRules(rd io.Reader, name string) (*Rules, error) {
	data, err := io.ReadAll(io.LimitReader(rd, MaxRulesBytes+1))
	if err != nil {
		return nil, &RecordError{Record: name, Field: "file", Err: err}
	}
	if len(data) > MaxRulesBytes {
		return nil, &RecordError{Record: name, Field: "file", Err: poverty.ErrRange}
	}
	var doc fileDoc
	if err := param.Decode(data, &doc); err != nil {
		return nil, &RecordError{Record: name, Field: "file", Err: err}
	}
	if doc.Schema != "fupin.children/1" {
		return nil, &RecordError{Record: name, Field: "schema", Value: doc.Schema, Err: poverty.ErrUnknownWord}
	}
	r := &Rules{vintage: doc.Vintage}
	seen := map[string]bool{}
	for i := range doc.Schemes {
		s, err := doc.Schemes[i].decode(name, i)
		if err != nil {
			return nil, err
		}
		if seen[s.ID] {
			return nil, &RecordError{Record: name + " " + s.ID, Field: "id", Value: s.ID, Err: poverty.ErrDuplicate}
		}
		seen[s.ID] = true
		r.schemes = append(r.schemes, s)
	}
	prim := map[Kind]string{}
	for _, s := range r.schemes {
		if s.Primary {
			if prev, ok := prim[s.Kind]; ok {
				return nil, &RecordError{Record: name + " " + s.ID, Field: "primary", Value: prev, Err: poverty.ErrDuplicate}
			}
			prim[s.Kind] = s.ID
		}
	}
	r.sort()
	for _, s := range r.schemes {
		if s.Primary {
			r.primary[s.Kind] = s
		}
	}
	return r, nil
}

func checkProv(p Provenance, rec, field string) error {
	if p.Source == "" {
		return &RecordError{Record: rec, Field: field + ".source", Err: poverty.ErrMissing}
	}
	if p.Status == "UNCONFIRMED" {
		return &RecordError{Record: rec, Field: field + ".status", Value: p.Status, Err: poverty.ErrUnconfirmed}
	}
	if !slices.Contains(knownStatuses, p.Status) {
		return &RecordError{Record: rec, Field: field + ".status", Value: p.Status, Err: poverty.ErrUnknownWord}
	}
	return nil
}

func setOf(f *fileSet, rec, field string) (SituationSet, Provenance, error) {
	if f == nil {
		return 0, Provenance{}, nil
	}
	if err := checkProv(f.Provenance, rec, field); err != nil {
		return 0, Provenance{}, err
	}
	var m SituationSet
	for i, s := range f.Situations {
		if s == SituationUnknown || s >= numSituations {
			return 0, Provenance{}, &RecordError{Record: rec, Field: fmt.Sprintf("%s.situations[%d]", field, i), Err: poverty.ErrMissing}
		}
		m = m.With(s)
	}
	return m, f.Provenance, nil
}

func (f *fileScheme) decode(file string, i int) (*Scheme, error) {
	rec := fmt.Sprintf("%s schemes[%d]", file, i)
	if f.ID != "" {
		rec = file + " " + f.ID
	}
	bad := func(field, value string, err error) (*Scheme, error) {
		return nil, &RecordError{Record: rec, Field: field, Value: value, Err: err}
	}
	if f.ID == "" {
		return bad("id", "", poverty.ErrMissing)
	}
	if f.Kind == KindUnknown {
		return bad("kind", "", poverty.ErrMissing)
	}
	if f.Document == "" {
		return bad("document", "", poverty.ErrMissing)
	}
	if err := checkProv(Provenance{Source: f.Document, Status: f.Status}, rec, "status"); err != nil {
		return nil, err
	}
	if f.UnderAge < 1 || f.UnderAge > 30 {
		return bad("under_age", fmt.Sprint(f.UnderAge), poverty.ErrRange)
	}
	s := &Scheme{ID: f.ID, Kind: f.Kind, Primary: f.Primary, Name: f.Name, Document: f.Document,
		Status: f.Status, Qualifier: f.Qualifier, FromNote: f.FromNote, UnderAge: f.UnderAge,
		Rule: f.Rule, Note: f.Note, Origin: file}
	if f.From != "" {
		d, err := poverty.ParseDate(f.From)
		if err != nil {
			return bad("from", f.From, err)
		}
		s.From = d
	}
	if f.IssuedYear < 0 || f.IssuedYear > 9999 {
		return bad("issued_year", fmt.Sprint(f.IssuedYear), poverty.ErrRange)
	}
	s.IssuedYear = f.IssuedYear
	if f.RuralOnly == nil {
		return bad("rural_only", "", poverty.ErrMissing)
	}
	if err := checkProv(f.RuralOnly.Provenance, rec, "rural_only"); err != nil {
		return nil, err
	}
	s.RuralOnly, s.RuralProvenance = f.RuralOnly.Value, f.RuralOnly.Provenance
	var err error
	if s.Away, s.AwayProvenance, err = setOf(f.Away, rec, "away"); err != nil {
		return nil, err
	}
	if f.MinAwayMonths != nil {
		if err := checkProv(f.MinAwayMonths.Provenance, rec, "min_away_months"); err != nil {
			return nil, err
		}
		if f.MinAwayMonths.Value < 0 || f.MinAwayMonths.Value > 120 {
			return bad("min_away_months", fmt.Sprint(f.MinAwayMonths.Value), poverty.ErrRange)
		}
		s.MinAwayMonths, s.MinAwaySource = f.MinAwayMonths.Value, f.MinAwayMonths.Provenance
	}
	if s.Incapable, s.IncapableProv, err = setOf(f.Incapable, rec, "incapable"); err != nil {
		return nil, err
	}
	if s.IncapableAlso, s.IncapableAlsoP, err = setOf(f.IncapableAlso, rec, "incapable_also"); err != nil {
		return nil, err
	}
	if s.Absent, s.AbsentProv, err = setOf(f.Absent, rec, "absent"); err != nil {
		return nil, err
	}
	s.incapableCite, s.incapableAlsoCite = s.IncapableProv.Cite(), s.IncapableAlsoP.Cite()
	for j, l := range f.Listed {
		field := fmt.Sprintf("listed[%d]", j)
		if l.Situation == SituationUnknown || l.Situation >= numSituations {
			return bad(field+".situation", "", poverty.ErrMissing)
		}
		if s.listed[l.Situation] != 0 {
			return bad(field+".situation", l.Situation.String(), poverty.ErrDuplicate)
		}
		if err := checkProv(l.Provenance, rec, field); err != nil {
			return nil, err
		}
		if s.Absent.Has(l.Situation) {
			return bad(field+".situation", l.Situation.String(), ErrConflict) // absent and listed at once
		}
		if l.MinMonths < 0 || l.MinMonths > 120 {
			return bad(field+".min_months", fmt.Sprint(l.MinMonths), poverty.ErrRange)
		}
		s.Listed = append(s.Listed, l)
		s.listed[l.Situation] = int8(len(s.Listed))
	}
	for j, e := range f.Extensions {
		field := fmt.Sprintf("school_extension[%d]", j)
		if !e.Region.IsProvince() {
			return bad(field+".region", e.Region.String(), poverty.ErrUnknownRegion)
		}
		if len(e.Levels) == 0 {
			return bad(field+".levels", "", poverty.ErrMissing)
		}
		for _, lv := range e.Levels {
			if !lv.Enrolled() {
				return bad(field+".levels", lv.String(), poverty.ErrRange)
			}
		}
		if err := checkProv(e.Provenance, rec, field); err != nil {
			return nil, err
		}
		s.Extensions = append(s.Extensions, e)
	}
	switch f.Rule {
	case BothAwayOrOneIncapable, AtLeastOneAway:
		if s.Away == 0 {
			return bad("away", "", poverty.ErrMissing)
		}
	case BothListedOrOneAbsent:
		if len(s.Listed) == 0 {
			return bad("listed", "", poverty.ErrMissing)
		}
	default:
		return bad("rule", f.Rule.String(), poverty.ErrMissing)
	}
	return s, nil
}
