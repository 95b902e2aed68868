package poverty

import (
	"bytes"
	"cmp"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/shopspring/decimal"

	"github.com/openfupin/fupin/internal/enum"
)

// DataVintage is the date of the newest source behind the embedded policy
// data (the World Bank's June 2025 update of its poverty lines). Values
// published after it are not in the embedded table; load them with
// [LoadTable] and [Table.Overlay].
const DataVintage = "2025-06-05"

// Kind names what a [Threshold] measures. Kinds are stable words used in
// the JSON schema.
type Kind string

// Kinds of threshold in the embedded table.
const (
	// KindStandard is the national rural poverty standard (扶贫标准), yuan
	// per person per year at current prices, by series.
	KindStandard Kind = "poverty_standard"
	// KindMonitoringMultiplier is the monitoring range as a multiple of the
	// standard (about 1.5 times, 国开发〔2020〕6号).
	KindMonitoringMultiplier Kind = "monitoring_multiplier"
	// KindMonitoringLine is the monitoring line (监测线), yuan per person per
	// year, set per province from 2021.
	KindMonitoringLine Kind = "monitoring_line"
	// KindVillageIncidenceMax is the village delisting incidence cut-off.
	KindVillageIncidenceMax Kind = "village_incidence_max"
	// KindCountyIncidenceMax is the county delisting incidence cut-off.
	KindCountyIncidenceMax Kind = "county_incidence_max"
	// KindCountyWrongfulExitMax is the county wrongful-exit rate cut-off (错退率).
	KindCountyWrongfulExitMax Kind = "county_wrongful_exit_max"
	// KindCountyOmissionMax is the county omission rate cut-off (漏评率).
	KindCountyOmissionMax Kind = "county_omission_max"
	// KindCountyApprovalMin is the county public approval rate floor (群众认可度).
	KindCountyApprovalMin Kind = "county_approval_min"
)

// annual reports whether values of the kind are published year by year (a
// line for each year), as opposed to rules in force from a year until
// superseded.
func (k Kind) annual() bool { return k == KindStandard || k == KindMonitoringLine }

// Unit is the unit of a policy parameter's value, the one unit type of
// every package's data (thresholds, risk parameters, rule values, labor
// rules). The zero value "" is no unit.
type Unit string

// Units.
const (
	// UnitYuanPerPersonYear is yuan per person per year (元/人·年); a
	// threshold's value is in Threshold.Amount.
	UnitYuanPerPersonYear Unit = "yuan_per_person_year"
	// UnitYuan is an amount of money in yuan.
	UnitYuan Unit = "yuan"
	// UnitRatio is a plain ratio or share; a threshold's value is in
	// Threshold.Rate.
	UnitRatio Unit = "ratio"
	// UnitMonths is a count of months.
	UnitMonths Unit = "months"
	// UnitDays is a count of days.
	UnitDays Unit = "days"
)

// Comparison is how a rule compares a figure with its cut-off.
type Comparison uint8

// Comparisons. The zero value is unset (the empty word).
const (
	LessThan    Comparison = iota + 1 // figure < cut-off ("lt")
	AtMost                            // figure <= cut-off ("le")
	AtLeast                           // figure >= cut-off ("ge")
	GreaterThan                       // figure > cut-off ("gt")
)

var comparisonWords = enum.New[Comparison](parseErr, "", "lt", "le", "ge", "gt")

// String returns "lt", "le", "ge" or "gt".
func (c Comparison) String() string { return comparisonWords.String(c, "Comparison") }

// MarshalText implements [encoding.TextMarshaler].
func (c Comparison) MarshalText() ([]byte, error) {
	return comparisonWords.Marshal(c, "comparison")
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (c *Comparison) UnmarshalText(b []byte) error {
	i, err := comparisonWords.Parse(b, "comparison")
	*c = Comparison(i)
	return err
}

// Holds reports whether sign (the result of comparing a figure with the
// cut-off: -1, 0 or +1) satisfies the comparison.
func (c Comparison) Holds(sign int) bool {
	switch c {
	case LessThan:
		return sign < 0
	case AtMost:
		return sign <= 0
	case AtLeast:
		return sign >= 0
	case GreaterThan:
		return sign > 0
	}
	return false
}

// Threshold is one sourced, dated policy value: a poverty standard, a
// monitoring line, a multiplier or a delisting cut-off, with the provenance
// a case worker needs to say why a rule decided as it did.
//
// Its [Provenance] is embedded: Source, Status, Qualifier, Scope (the
// region the value applies to: "national", a zone word such as "west", or a
// province code), From and To (the effective dates, as far as the sources
// date them) and Note. Year and Until are the years the value applies to,
// which the lookups search by.
//
// Thresholds are plain comparable values; a lookup returns a copy. The zero
// Threshold is not a value: its Kind is empty. [Threshold.String] is the
// value as a person should read it (approximate and derived values say so);
// [Threshold.Cite] adds the year and the source with its status.
type Threshold struct {
	Kind   Kind   `json:"kind"`
	Series string `json:"series,omitempty"` // the series of a standard ("2010")
	Year   int    `json:"year"`             // the year the value applies to, or the first year a rule applies
	Until  int    `json:"until,omitempty"`  // last year a rule applies; 0 while it applies

	Amount  Money         `json:"amount,omitempty"` // the value, for money units
	Rate    Rate          `json:"rate,omitempty"`   // the value, for ratios
	Unit    Unit          `json:"unit"`
	Concept IncomeConcept `json:"concept,omitempty"`
	// Accepts, when its Concept is set, is the one other income concept the
	// value is compared with, on the reading its provenance gives (see
	// [Threshold.Compare]); the zero ConceptMatch accepts none.
	Accepts    ConceptMatch `json:"accepts,omitzero"`
	PriceBase  string       `json:"price_base,omitempty"` // "current", or the constant-price year
	Comparison Comparison   `json:"comparison,omitempty"`

	Provenance
	Approximate bool   `json:"approximate,omitempty"` // the source gives an approximation ("about 4,000")
	Derived     bool   `json:"derived,omitempty"`     // computed by the library from other values, not published
	Stale       bool   `json:"stale,omitempty"`       // the last value, returned by a lenient lookup for a later year
	Origin      string `json:"origin,omitempty"`      // "embedded", or the name given to LoadTable

	// For a derived value: Amount = Factor × Base, where Base is the value
	// of the standard; FactorApproximate and BaseApproximate say which input
	// the sources give only approximately.
	Factor            Rate  `json:"factor,omitempty"`
	Base              Money `json:"base,omitempty"`
	FactorApproximate bool  `json:"factor_approximate,omitempty"`
	BaseApproximate   bool  `json:"base_approximate,omitempty"`
}

// ConceptMatch is the concept policy of one threshold, as data: an income
// concept other than the threshold's own that it is compared with, and the
// reading that allows it, with its provenance (Status DEFAULT with the
// reason in Note for the library's own reading, LOCAL for a province's
// practice, SUPPLIED for a caller's). The embedded data let the 2020
// monitoring line, stated in disposable income, be compared with the
// registration system's net income (纯收入) as the county platforms did,
// labelled DEFAULT. A threshold file sets it with an "accepts" object on a
// record: {"concept": "net_income", "source": ..., "status": ...}.
type ConceptMatch struct {
	Concept IncomeConcept `json:"concept"`
	Provenance
}

// Compare compares the figure f with the threshold's amount: -1, 0 or +1
// as f is below, equal to or above it. The concepts must be comparable
// under the one concept policy every rule of this module applies
// ([Classify], [ExitTest], the risk package's identification and tiers):
// the same concept; a threshold whose source does not state its concept
// ([ConceptNotStated]), or a figure of that kind; or the concept the
// threshold's Accepts names. Anything else is [ErrConceptMismatch], whose
// text says how to allow it. [Threshold.ConceptNote] says which of these
// applied, for a reason.
func (t Threshold) Compare(f Figure) (int, error) {
	if !t.admits(f.Concept) {
		return 0, t.mismatch(f.Concept, string(t.Kind))
	}
	return cmp.Compare(f.Amount, t.Amount), nil
}

// admits reports whether a figure of concept c may be compared with t.
func (t *Threshold) admits(c IncomeConcept) bool {
	return c.comparable(t.Concept) || c != ConceptUnknown && c == t.Accepts.Concept
}

// mismatch is the ErrConceptMismatch of a figure of concept c against t,
// which is the what of a rule ("standard", "monitoring line").
func (t *Threshold) mismatch(c IncomeConcept, what string) error {
	return fmt.Errorf("%w (allow it with an \"accepts\" entry, with its source, on the %s's record of a threshold file)", conceptErr(c, what, t.Concept), what)
}

// ConceptNote says how a figure of concept c compares with the threshold
// under its concept policy, for a reason: "" for the same concept; "the
// source does not state the line's concept" or "the figure's concept is
// not stated" for [ConceptNotStated]; for the threshold's Accepts, the
// pairing with its citation, such as "net_income compared with this
// disposable_income value: <source> [DEFAULT]"; "not comparable" otherwise.
func (t Threshold) ConceptNote(c IncomeConcept) string {
	switch {
	case c == t.Concept && c != ConceptUnknown:
		return ""
	case t.Concept == ConceptNotStated && c != ConceptUnknown:
		return "the source does not state the value's income concept"
	case c == ConceptNotStated && t.Concept != ConceptUnknown:
		return "the figure's income concept is not stated"
	case c != ConceptUnknown && c == t.Accepts.Concept:
		return c.String() + " compared with this " + t.Concept.String() + " value: " + t.Accepts.Cite()
	}
	return "not comparable: " + c.String() + " against " + t.Concept.String()
}

// hasValue reports whether the threshold carries a value: false for
// UNCONFIRMED records kept only to show the gap.
func (t *Threshold) hasValue() bool { return t.Status != Unconfirmed && t.Status != SourceUnset }

// Figure returns the threshold's amount as a [Figure] in its income concept.
func (t Threshold) Figure() Figure { return Figure{Amount: t.Amount, Concept: t.Concept} }

// String returns the value as a person should read it: "10560.00", "0.02",
// "≈ 4000.00" for an approximate value, "≈ 6000.00 (derived: ≈ 1.5 ×
// standard ≈ 4000.00)" for a derived one; "no value" for a record without
// a value (UNCONFIRMED). Reasons and explanations use it through
// [Threshold.Cite].
func (t Threshold) String() string {
	if t.Status == Unconfirmed {
		return "no value"
	}
	approx := func(b bool) string {
		if b {
			return "≈ "
		}
		return ""
	}
	v := t.Amount.String()
	if t.Unit == UnitRatio {
		v = t.Rate.String()
	}
	s := approx(t.Approximate) + v
	if t.Derived && t.Factor != 0 {
		s += " (derived: " + approx(t.FactorApproximate) + t.Factor.String() + " × standard " + approx(t.BaseApproximate) + t.Base.String() + ")"
	} else if t.Derived {
		s += " (derived)"
	}
	return s
}

// Cite returns a short citation for reason texts: the kind, the value as
// [Threshold.String] gives it, the year it applies to (marked stale when a
// lenient lookup returned it for a later year) and the source with its
// status label ([Provenance.Cite]): "monitoring_line 8700.00 (2025):
// 云农办通〔2025〕1号 ... [LOCAL 53 (provincial, via township notice)]".
func (t Threshold) Cite() string {
	y := itoa(t.Year)
	if t.Stale {
		y += ", stale"
	}
	return string(t.Kind) + " " + t.String() + " (" + y + "): " + t.Provenance.Cite()
}

// IntlLine is a World Bank international poverty line in US dollars per
// person per day at purchasing-power parity. The library holds no PPP
// factor: convert with [IntlLine.Annual] and a factor the caller supplies.
// Its embedded [Provenance] dates the line's first use in From ("2022-09")
// where the sources give it, "" where they do not.
type IntlLine struct {
	ID      string `json:"id"`
	Cents   int64  `json:"cents"`    // US cents per person per day: 215 for $2.15
	PPPBase int    `json:"ppp_base"` // the PPP round: 2011, 2017, 2021
	Provenance
}

// daysPerYear is the number of days [IntlLine.Annual] multiplies a daily
// line by, as the World Bank's annualizations do.
const daysPerYear = 365

// Annual converts the daily dollar line to yuan per person per year with a
// PPP conversion factor (yuan per international dollar, of the line's PPP
// round), rounding to whole fen with mode.
func (l IntlLine) Annual(ppp decimal.Decimal, mode Rounding) (Money, error) {
	if ppp.Sign() <= 0 {
		return 0, &FieldError{Op: "poverty.IntlLine.Annual", Record: l.ID, Field: "ppp", Value: ppp.String(), Err: ErrRange}
	}
	y := decimal.New(l.Cents, -2).Mul(ppp).Mul(decimal.NewFromInt(daysPerYear))
	return MoneyFromDecimal(y, mode)
}

// Series describes one series of a kind (for the standard: the 1986, 2000,
// 2008 and 2010 standards). Its embedded [Provenance] gives, in From and To,
// the years in which it was the series in force, and the sources for them.
// A Reference series (the 2000-2007 low-income standard) was never the one
// in force; its values are looked up by name only.
type Series struct {
	Kind      Kind   `json:"kind"`
	Series    string `json:"series"`
	Name      string `json:"name"`
	Reference bool   `json:"reference,omitempty"`
	Provenance
}

// LookupOptions controls how strictly a lookup treats gaps. The zero value
// is strict: it serves CONFIRMED, LOCAL (for its own region), DEFAULT,
// SUPPLIED and EXAMPLE values, never UNCONFIRMED ones, and SECONDARY ones
// only with AcceptSecondary ([Provenance.Serve]).
type LookupOptions struct {
	// Lenient returns the last value of a series published year by year,
	// with its own year and status and flagged Stale, when the year asked
	// for is past the last year with a value. It never extends a series
	// the sources close (the poverty standard ends in 2020): past its end
	// the lookup fails with [ErrNotInForce]. Strict lookups return
	// [ErrUnknownYear] past the last value.
	Lenient bool
	// AcceptSecondary returns values rated SECONDARY instead of ErrSecondary.
	AcceptSecondary bool
}

// Table is an immutable set of thresholds: the embedded policy data from
// [Default], a caller's own file from [LoadTable], or a combination made by
// [Table.Overlay]. A Table is safe for concurrent use, and nothing it
// returns shares memory with it: thresholds, series and lines are values
// without references, and every slice returned is a new one.
type Table struct {
	vintage string
	recs    []Threshold // current records, sorted by key
	history []Threshold // records replaced by overlays, oldest first
	series  []Series
	intl    []IntlLine

	// The lookup index, built by index: keys is parallel to recs and holds
	// what a lookup compares; spans are the runs of recs of one kind and
	// series; syears are the years of series' effective periods, parallel
	// to series.
	keys   []lkey
	spans  []span
	syears []yearSpan
}

// lkey is what a lookup reads of a record, without touching the record.
type lkey struct {
	scope       Scope
	year, until int32
	value       bool // HasValue
}

// span is the run recs[lo:hi] of one kind and series.
type span struct {
	kind   Kind
	series string
	lo, hi int32
}

// yearSpan is an effective period in years, 0 for an open bound.
type yearSpan struct{ from, to int }

type tkey struct {
	kind   Kind
	series string
	scope  Scope
	year   int
}

func keyOf(t *Threshold) tkey { return tkey{t.Kind, t.Series, t.Scope, t.Year} }

//go:embed data/thresholds.json
var thresholdsJSON []byte

var defaultTable = sync.OnceValue(func() *Table {
	t, err := LoadTable(bytes.NewReader(thresholdsJSON), "embedded")
	if err != nil {
		panic("poverty: embedded thresholds.json: " + err.Error())
	}
	for _, r := range t.recs {
		if r.Status == Example || r.Status == Supplied {
			panic("poverty: embedded thresholds.json: " + r.Cite() + ": " + r.Status.String() + " in library data")
		}
	}
	return t
})

// Default returns the table built from the policy data embedded in the
// package (see docs/POLICY.md in the module for every value's source). It is
// decoded once; the same immutable *Table is returned each time.
func Default() *Table { return defaultTable() }

// TableSchema is the schema name of the parameter files [LoadTable] reads.
const TableSchema = "fupin.thresholds/2"

// The JSON schema, documented in the package overview.
type fileDoc struct {
	Schema  string       `json:"schema"`
	Vintage string       `json:"vintage"`
	Series  []fileSeries `json:"series"`
	Records []fileRecord `json:"records"`
	Intl    []fileIntl   `json:"intl_lines"`
}

// fileProv is the provenance of a file record, with the status and scope
// as text so that errors name the record and field.
type fileProv struct {
	Source    string `json:"source"`
	Status    string `json:"status"`
	Qualifier string `json:"qualifier"`
	Scope     string `json:"scope"`
	From      string `json:"from"`
	To        string `json:"to"`
	Note      string `json:"note"`
}

func (fp *fileProv) decode(rn string) (Provenance, error) {
	p := Provenance{Source: fp.Source, Qualifier: fp.Qualifier, Scope: Scope(fp.Scope), From: fp.From, To: fp.To, Note: fp.Note}
	if err := p.Status.UnmarshalText([]byte(fp.Status)); err != nil {
		return p, &FieldError{Record: rn, Field: "status", Value: fp.Status, Err: err}
	}
	if err := p.Validate(rn); err != nil {
		return p, err
	}
	return p, nil
}

type fileSeries struct {
	Kind      Kind   `json:"kind"`
	Series    string `json:"series"`
	Name      string `json:"name"`
	Reference bool   `json:"reference"`
	fileProv
}

type fileRecord struct {
	ID          string       `json:"id"`
	Kind        Kind         `json:"kind"`
	Series      string       `json:"series"`
	Year        int          `json:"year"`
	Until       int          `json:"until"`
	Value       *string      `json:"value"`
	Unit        Unit         `json:"unit"`
	Concept     string       `json:"concept"`
	PriceBase   string       `json:"price_base"`
	Comparison  string       `json:"comparison"`
	Approximate bool         `json:"approximate"`
	Accepts     *fileAccepts `json:"accepts"`
	fileProv
}

// fileAccepts is a record's concept policy ([ConceptMatch]).
type fileAccepts struct {
	Concept string `json:"concept"`
	fileProv
}

type fileIntl struct {
	ID      string `json:"id"`
	USD     string `json:"usd"`
	PPPBase int    `json:"ppp_base"`
	fileProv
}

// maxTableBytes bounds the size of a parameter file [LoadTable] reads: 8 MiB.
const maxTableBytes = 8 << 20

// LoadTable decodes a parameter file in the schema of the embedded data
// ([TableSchema], "fupin.thresholds/2"; see the package overview) and
// validates every record. name identifies the file in errors and in each
// threshold's Origin. Every status is accepted (CONFIRMED, SECONDARY,
// UNCONFIRMED, LOCAL, DEFAULT, SUPPLIED, EXAMPLE); the lookups decide what
// to serve ([Provenance.Serve]). Unknown fields, unknown kinds, units,
// concepts and statuses, an invalid scope or effective date, a value with
// the wrong form for its unit, a missing source, a value on an UNCONFIRMED
// record and duplicate keys are all errors naming the record and field.
func LoadTable(r io.Reader, name string) (*Table, error) {
	t, err := loadTable(r, name)
	if err != nil {
		return nil, withOp("poverty.LoadTable", err)
	}
	return t, nil
}

func loadTable(r io.Reader, name string) (*Table, error) {
	var doc fileDoc
	if err := readFile(r, name, maxTableBytes, TableSchema, &doc); err != nil {
		return nil, err
	}
	t := &Table{vintage: doc.Vintage}
	seen := map[tkey]bool{}
	for i := range doc.Records {
		th, err := doc.Records[i].decode(name, i)
		if err != nil {
			return nil, err
		}
		k := keyOf(&th)
		if seen[k] {
			return nil, &FieldError{Record: recName(name, i, doc.Records[i].ID), Field: "key", Value: fmt.Sprintf("%s/%s/%s/%d", th.Kind, th.Series, th.Scope, th.Year), Err: ErrDuplicate}
		}
		seen[k] = true
		t.recs = append(t.recs, th)
	}
	for i := range doc.Series {
		fs := &doc.Series[i]
		rn := fmt.Sprintf("%s series[%d]", name, i)
		if !fs.Kind.known() || fs.Series == "" {
			return nil, &FieldError{Record: rn, Field: "kind", Value: string(fs.Kind), Err: ErrUnknownWord}
		}
		p, err := fs.fileProv.decode(rn)
		if err != nil {
			return nil, err
		}
		t.series = append(t.series, Series{Kind: fs.Kind, Series: fs.Series, Name: fs.Name, Reference: fs.Reference, Provenance: p})
	}
	for i := range doc.Intl {
		il, err := doc.Intl[i].decode(name, i)
		if err != nil {
			return nil, err
		}
		t.intl = append(t.intl, il)
	}
	t.sort()
	return t, nil
}

func recName(file string, i int, id string) string {
	if id != "" {
		return file + " " + id
	}
	return fmt.Sprintf("%s records[%d]", file, i)
}

func (k Kind) known() bool {
	switch k {
	case KindStandard, KindMonitoringMultiplier, KindMonitoringLine, KindVillageIncidenceMax,
		KindCountyIncidenceMax, KindCountyWrongfulExitMax, KindCountyOmissionMax, KindCountyApprovalMin:
		return true
	}
	return false
}

func (fr *fileRecord) decode(file string, i int) (Threshold, error) {
	rn := recName(file, i, fr.ID)
	fail := func(field, value string, err error) (Threshold, error) {
		return Threshold{}, &FieldError{Record: rn, Field: field, Value: value, Err: err}
	}
	th := Threshold{Kind: fr.Kind, Series: fr.Series, Year: fr.Year, Until: fr.Until, Unit: fr.Unit,
		PriceBase: fr.PriceBase, Approximate: fr.Approximate, Origin: file}
	if !fr.Kind.known() {
		return fail("kind", string(fr.Kind), ErrUnknownWord)
	}
	if fr.Year < 1978 || fr.Year > 2100 {
		return fail("year", itoa(fr.Year), ErrRange)
	}
	if fr.Until != 0 && fr.Until < fr.Year {
		return fail("until", itoa(fr.Until), ErrRange)
	}
	p, err := fr.fileProv.decode(rn)
	if err != nil {
		return Threshold{}, err
	}
	th.Provenance = p
	if fr.Concept != "" {
		if err := th.Concept.UnmarshalText([]byte(fr.Concept)); err != nil {
			return fail("concept", fr.Concept, err)
		}
	}
	if a := fr.Accepts; a != nil {
		var c IncomeConcept
		err := c.UnmarshalText([]byte(a.Concept))
		if err != nil || c == ConceptUnknown || c == ConceptNotStated || c == th.Concept || th.Concept == ConceptNotStated {
			if err == nil {
				err = fmt.Errorf("%w: accepts names a concept other than the record's own and other than not_stated, on a record whose concept is stated", ErrRange)
			}
			return fail("accepts.concept", a.Concept, err)
		}
		p, err := a.fileProv.decode(rn + " accepts")
		if err != nil {
			return Threshold{}, err
		}
		th.Accepts = ConceptMatch{Concept: c, Provenance: p}
	}
	if fr.Comparison != "" {
		if err := th.Comparison.UnmarshalText([]byte(fr.Comparison)); err != nil {
			return fail("comparison", fr.Comparison, err)
		}
	}
	switch fr.Unit {
	case UnitYuanPerPersonYear:
		if th.Concept == ConceptUnknown {
			return fail("concept", "", ErrMissing)
		}
	case UnitRatio:
	default:
		return fail("unit", string(fr.Unit), ErrUnknownWord)
	}
	if th.Kind == KindStandard && th.Series == "" {
		return fail("series", "", ErrMissing)
	}
	if th.Status == Unconfirmed {
		if fr.Value != nil {
			return fail("value", *fr.Value, fmt.Errorf("%w: an UNCONFIRMED record carries no value; put commonly quoted figures in note", ErrSyntax))
		}
		return th, nil
	}
	if fr.Value == nil {
		return fail("value", "", ErrMissing)
	}
	if fr.Unit == UnitRatio {
		th.Rate, err = ParseRate(*fr.Value)
	} else {
		th.Amount, err = ParseMoney(*fr.Value)
		if err == nil && th.Amount < 0 {
			err = ErrNegative
		}
	}
	if err != nil {
		return fail("value", *fr.Value, err)
	}
	return th, nil
}

func (fl *fileIntl) decode(file string, i int) (IntlLine, error) {
	rn := recName(file, i, fl.ID)
	l := IntlLine{ID: fl.ID, PPPBase: fl.PPPBase}
	if fl.ID == "" {
		return l, &FieldError{Record: rn, Field: "id", Err: ErrMissing}
	}
	m, err := ParseMoney(fl.USD) // dollars with two decimals parse like yuan
	if err != nil || m <= 0 {
		if err == nil {
			err = ErrRange
		}
		return l, &FieldError{Record: rn, Field: "usd", Value: fl.USD, Err: err}
	}
	l.Cents = int64(m)
	if l.Provenance, err = fl.fileProv.decode(rn); err != nil {
		return l, err
	}
	if fl.PPPBase < 1985 || fl.PPPBase > 2100 {
		return l, &FieldError{Record: rn, Field: "ppp_base", Value: itoa(fl.PPPBase), Err: ErrRange}
	}
	return l, nil
}

func cmpKey(ka, kb tkey) int {
	if c := cmp.Compare(string(ka.kind), string(kb.kind)); c != 0 {
		return c
	}
	if c := cmp.Compare(ka.series, kb.series); c != 0 {
		return c
	}
	if c := cmp.Compare(scopeRank(ka.scope), scopeRank(kb.scope)); c != 0 {
		return c
	}
	if c := cmp.Compare(ka.scope, kb.scope); c != 0 {
		return c
	}
	return cmp.Compare(ka.year, kb.year)
}

// scopeRank orders national values first, then zones, provinces and counties.
func scopeRank(s Scope) int {
	switch {
	case s == ScopeNational:
		return 0
	case len(s) == 2:
		return 2
	case len(s) == 6 && s[0] >= '0' && s[0] <= '9':
		return 3
	}
	return 1
}

// sort sorts the records by key and builds the lookup index.
func (t *Table) sort() {
	slices.SortStableFunc(t.recs, func(a, b Threshold) int { return cmpKey(keyOf(&a), keyOf(&b)) })
	t.keys = make([]lkey, len(t.recs))
	t.spans = t.spans[:0]
	for i := range t.recs {
		r := &t.recs[i]
		t.keys[i] = lkey{scope: r.Scope, year: int32(r.Year), until: int32(r.Until), value: r.hasValue()}
		if n := len(t.spans); n > 0 && t.spans[n-1].kind == r.Kind && t.spans[n-1].series == r.Series {
			t.spans[n-1].hi = int32(i + 1)
			continue
		}
		t.spans = append(t.spans, span{kind: r.Kind, series: r.Series, lo: int32(i), hi: int32(i + 1)})
	}
	t.syears = make([]yearSpan, len(t.series))
	for i := range t.series {
		t.syears[i] = yearSpan{boundYear(t.series[i].From), boundYear(t.series[i].To)}
	}
}

// Vintage returns the vintage string of the table's data (for the embedded
// table, [DataVintage]; for an overlay, the overlay's).
func (t *Table) Vintage() string { return t.vintage }

// Overlay returns a new table in which the records of o replace those of t
// with the same kind, series, scope and year, and the rest of t is kept.
// Replaced records are not erased: [Table.History] still returns them.
// Series and international lines of o are added, replacing those with the
// same name or ID. Neither t nor o is changed.
func (t *Table) Overlay(o *Table) *Table {
	n := &Table{vintage: t.vintage, history: slices.Clone(t.history)}
	if o.vintage != "" {
		n.vintage = o.vintage
	}
	idx := map[tkey]int{}
	n.recs = slices.Clone(t.recs)
	for i := range n.recs {
		idx[keyOf(&n.recs[i])] = i
	}
	n.history = append(n.history, o.history...)
	for _, r := range o.recs {
		if i, ok := idx[keyOf(&r)]; ok {
			n.history = append(n.history, n.recs[i])
			n.recs[i] = r
			continue
		}
		idx[keyOf(&r)] = len(n.recs)
		n.recs = append(n.recs, r)
	}
	n.series = slices.Clone(t.series)
	for _, s := range o.series {
		if i := slices.IndexFunc(n.series, func(x Series) bool { return x.Kind == s.Kind && x.Series == s.Series }); i >= 0 {
			n.series[i] = s
		} else {
			n.series = append(n.series, s)
		}
	}
	n.intl = slices.Clone(t.intl)
	for _, l := range o.intl {
		if i := slices.IndexFunc(n.intl, func(x IntlLine) bool { return x.ID == l.ID }); i >= 0 {
			n.intl[i] = l
		} else {
			n.intl = append(n.intl, l)
		}
	}
	n.sort()
	return n
}

// Records returns a copy of every current record of the kind that carries a
// value, in key order (series, scope: national, zones, provinces; year). An
// empty kind returns all of them. UNCONFIRMED records, which carry no value,
// are not among them: [Table.Gaps] lists those.
func (t *Table) Records(kind Kind) []Threshold {
	var out []Threshold
	for _, r := range t.recs {
		if (kind == "" || r.Kind == kind) && r.Status != Unconfirmed {
			out = append(out, r)
		}
	}
	return out
}

// Gaps returns a copy of every current UNCONFIRMED record of the kind (all
// kinds for ""), in key order: the values no source confirms, kept so that
// the gap is visible, each with its source ("no source found") and a note
// naming the commonly quoted figure. They carry no value and are never
// served as fact. Records and Gaps together list the whole table.
func (t *Table) Gaps(kind Kind) []Threshold {
	var out []Threshold
	for _, r := range t.recs {
		if (kind == "" || r.Kind == kind) && r.Status == Unconfirmed {
			out = append(out, r)
		}
	}
	return out
}

// History returns every version of the record with the given key that the
// table has seen, oldest first, the current one last: the embedded value,
// then each overlay's. scope is the record's scope: [ScopeNational], a zone
// word, or a province code ([ScopeOf] of a [Region]).
func (t *Table) History(kind Kind, series string, scope Scope, year int) []Threshold {
	k := tkey{kind, series, scope, year}
	var out []Threshold
	for i := range t.history {
		if keyOf(&t.history[i]) == k {
			out = append(out, t.history[i])
		}
	}
	for i := range t.recs {
		if keyOf(&t.recs[i]) == k {
			out = append(out, t.recs[i])
		}
	}
	return out
}

// SeriesList returns the series of the kind (all series for ""), as copies.
func (t *Table) SeriesList(kind Kind) []Series {
	var out []Series
	for _, s := range t.series {
		if kind == "" || s.Kind == kind {
			out = append(out, s)
		}
	}
	return out
}

// seriesInForce returns the series of the kind in force in year (its
// effective period covers the year and it is not a reference series), or ""
// if the table declares none: for the standard, "" from 2021.
func (t *Table) seriesInForce(kind Kind, year int) string {
	for i := range t.series {
		if s := &t.series[i]; s.Kind == kind && !s.Reference && s.From != "" && t.syears[i].covers(year) {
			return s.Series
		}
	}
	return ""
}

// covers reports whether the period overlaps year, as
// [Provenance.InForceIn] does.
func (y yearSpan) covers(year int) bool {
	return (y.from == 0 || y.from <= year) && (y.to == 0 || year <= y.to)
}

// boundYear returns the year of a validated effective-date bound, 0 for "".
func boundYear(b string) int {
	if len(b) < 4 {
		return 0
	}
	y := 0
	for i := 0; i < 4; i++ {
		y = y*10 + int(b[i]-'0')
	}
	return y
}

// seriesOf returns the index of the declared series of the kind with the
// name, or -1.
func (t *Table) seriesOf(kind Kind, name string) int {
	for i := range t.series {
		if t.series[i].Kind == kind && t.series[i].Series == name {
			return i
		}
	}
	return -1
}

// IntlLines returns the World Bank lines, in the order of the data.
func (t *Table) IntlLines() []IntlLine { return slices.Clone(t.intl) }

// IntlLine returns the World Bank line with the given ID ("wb-2.15-2017").
func (t *Table) IntlLine(id string) (IntlLine, bool) {
	for _, l := range t.intl {
		if l.ID == id {
			return l, true
		}
	}
	return IntlLine{}, false
}
