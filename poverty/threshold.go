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

// Unit is the unit of a threshold's value.
type Unit string

// Units.
const (
	// UnitYuanPerPersonYear is yuan per person per year (元/人·年); the value is in Threshold.Amount.
	UnitYuanPerPersonYear Unit = "yuan_per_person_year"
	// UnitRatio is a plain ratio; the value is in Threshold.Rate.
	UnitRatio Unit = "ratio"
)

// Comparison is how a rule compares a figure with its cut-off.
type Comparison uint8

// Comparisons. CompareUnset is the zero value.
const (
	CompareUnset Comparison = iota
	LessThan                // figure < cut-off ("lt")
	AtMost                  // figure <= cut-off ("le")
	AtLeast                 // figure >= cut-off ("ge")
	GreaterThan             // figure > cut-off ("gt")
)

var comparisonWords = Words{"", "lt", "le", "ge", "gt"}

// String returns "lt", "le", "ge" or "gt".
func (c Comparison) String() string { return comparisonWords.Word(int(c), "Comparison") }

// MarshalText implements [encoding.TextMarshaler].
func (c Comparison) MarshalText() ([]byte, error) {
	return comparisonWords.Marshal(int(c), "comparison")
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
// Thresholds are plain comparable values; a lookup returns a copy. The zero
// Threshold is not a value: its Kind is empty.
type Threshold struct {
	Kind   Kind   `json:"kind"`
	Series string `json:"series,omitempty"` // the series of a standard ("2010")
	Region Region `json:"region"`           // National or a province
	Zone   Zone   `json:"zone,omitempty"`   // set instead of a province for zone-wide rules
	Year   int    `json:"year"`             // the year the value applies to, or the first year a rule is in force
	To     int    `json:"to,omitempty"`     // last year a rule is in force; 0 while in force

	Amount     Money         `json:"amount,omitempty"` // the value, for money units
	Rate       Rate          `json:"rate,omitempty"`   // the value, for ratios
	Unit       Unit          `json:"unit"`
	Concept    IncomeConcept `json:"concept,omitempty"`
	PriceBase  string        `json:"price_base,omitempty"` // "current", or the constant-price year
	Comparison Comparison    `json:"comparison,omitempty"`

	Source      string       `json:"source"`
	Status      SourceStatus `json:"status"`
	Approximate bool         `json:"approximate,omitempty"` // the source gives an approximation ("about 4,000")
	Derived     bool         `json:"derived,omitempty"`     // computed by the library from other values, not published
	Stale       bool         `json:"stale,omitempty"`       // carried forward past its year by a lenient lookup
	Origin      string       `json:"origin,omitempty"`      // "embedded", or the name given to LoadTable
	Note        string       `json:"note,omitempty"`
}

// HasValue reports whether the threshold carries a value: false for
// UNCONFIRMED records kept only to show the gap.
func (t Threshold) HasValue() bool { return t.Status != Unconfirmed && t.Status != SourceUnset }

// Figure returns the threshold's amount as a [Figure] in its income concept.
func (t Threshold) Figure() Figure { return Figure{Amount: t.Amount, Concept: t.Concept} }

// Cite returns a short citation for reason texts: the value, year, region,
// status and source.
func (t Threshold) Cite() string {
	v := t.Amount.String()
	if t.Unit == UnitRatio {
		v = t.Rate.String()
	}
	where := t.Region.String()
	if t.Zone != ZoneUnknown {
		where = t.Zone.String()
	}
	s := fmt.Sprintf("%s %s (%d, %s, %s", t.Kind, v, t.Year, where, t.Status)
	if t.Approximate {
		s += ", approximate"
	}
	if t.Derived {
		s += ", derived"
	}
	if t.Stale {
		s += ", stale"
	}
	return s + "): " + t.Source
}

// IntlLine is a World Bank international poverty line in US dollars per
// person per day at purchasing-power parity. The library holds no PPP
// factor: convert with [IntlLine.Annual] and a factor the caller supplies.
type IntlLine struct {
	ID      string       `json:"id"`
	Cents   int64        `json:"cents"`          // US cents per person per day: 215 for $2.15
	PPPBase int          `json:"ppp_base"`       // the PPP round: 2011, 2017, 2021
	From    int          `json:"from,omitempty"` // year first in use; 0 where unconfirmed
	Status  SourceStatus `json:"status"`
	Source  string       `json:"source"`
	Note    string       `json:"note,omitempty"`
}

// DaysPerYear is the number of days [IntlLine.Annual] multiplies a daily
// line by, as the World Bank's annualisations do.
const DaysPerYear = 365

// Annual converts the daily dollar line to yuan per person per year with a
// PPP conversion factor (yuan per international dollar, of the line's PPP
// round), rounding to whole fen with mode.
func (l IntlLine) Annual(ppp decimal.Decimal, mode Rounding) (Money, error) {
	if ppp.Sign() <= 0 {
		return 0, &FieldError{Record: l.ID, Field: "ppp", Value: ppp.String(), Err: ErrRange}
	}
	y := decimal.New(l.Cents, -2).Mul(ppp).Mul(decimal.NewFromInt(DaysPerYear))
	return MoneyFromDecimal(y, mode)
}

// Daily converts the dollar line to yuan per person per day with a PPP factor.
func (l IntlLine) Daily(ppp decimal.Decimal, mode Rounding) (Money, error) {
	if ppp.Sign() <= 0 {
		return 0, &FieldError{Record: l.ID, Field: "ppp", Value: ppp.String(), Err: ErrRange}
	}
	return MoneyFromDecimal(decimal.New(l.Cents, -2).Mul(ppp), mode)
}

// Series describes one series of a kind (for the standard: the 1986, 2000,
// 2008 and 2010 standards) and the years in which it was the one in force.
type Series struct {
	Kind   Kind   `json:"kind"`
	Series string `json:"series"`
	From   int    `json:"from"`
	To     int    `json:"to,omitempty"` // 0: still in force; -1: never in force (reference only)
	Name   string `json:"name"`
}

// LookupOptions controls how strictly a lookup treats gaps. The zero value
// is strict and accepts only CONFIRMED values.
type LookupOptions struct {
	// Lenient carries the last known value forward, flagged Stale, when the
	// year asked for is past the last year with a value. Strict lookups
	// return ErrUnknownYear.
	Lenient bool
	// AcceptSecondary returns values rated SECONDARY instead of ErrSecondary.
	AcceptSecondary bool
}

// Table is an immutable set of thresholds: the embedded policy data from
// [Default], a caller's own file from [LoadTable], or a combination made by
// [Table.Overlay]. A Table is safe for concurrent use.
type Table struct {
	vintage string
	recs    []Threshold // current records, sorted by key
	history []Threshold // records replaced by overlays, oldest first
	series  []Series
	intl    []IntlLine
}

type tkey struct {
	kind   Kind
	series string
	region Region
	zone   Zone
	year   int
}

func keyOf(t *Threshold) tkey { return tkey{t.Kind, t.Series, t.Region, t.Zone, t.Year} }

//go:embed data/thresholds.json
var thresholdsJSON []byte

var defaultTable = sync.OnceValue(func() *Table {
	t, err := LoadTable(bytes.NewReader(thresholdsJSON), "embedded")
	if err != nil {
		panic("poverty: embedded thresholds.json: " + err.Error())
	}
	return t
})

// Default returns the table built from the policy data embedded in the
// package (see docs/POLICY.md in the module for every value's source). It is
// decoded once; the same immutable *Table is returned each time.
func Default() *Table { return defaultTable() }

// The JSON schema, documented in the package overview.
type fileDoc struct {
	Schema  string       `json:"schema"`
	Vintage string       `json:"vintage"`
	Series  []Series     `json:"series"`
	Records []fileRecord `json:"records"`
	Intl    []fileIntl   `json:"intl_lines"`
}

type fileRecord struct {
	ID          string  `json:"id"`
	Kind        Kind    `json:"kind"`
	Series      string  `json:"series"`
	Region      *string `json:"region"`
	Zone        string  `json:"zone"`
	Year        int     `json:"year"`
	To          int     `json:"to"`
	Value       *string `json:"value"`
	Unit        Unit    `json:"unit"`
	Concept     string  `json:"concept"`
	PriceBase   string  `json:"price_base"`
	Comparison  string  `json:"comparison"`
	Source      string  `json:"source"`
	Status      string  `json:"status"`
	Approximate bool    `json:"approximate"`
	Note        string  `json:"note"`
}

type fileIntl struct {
	ID      string `json:"id"`
	USD     string `json:"usd"`
	PPPBase int    `json:"ppp_base"`
	From    int    `json:"from"`
	Status  string `json:"status"`
	Source  string `json:"source"`
	Note    string `json:"note"`
}

// MaxTableBytes bounds the size of a parameter file [LoadTable] reads.
const MaxTableBytes = 8 << 20

// LoadTable decodes a parameter file in the schema of the embedded data
// ("fupin.thresholds/1"; see the package overview) and validates every
// record. name identifies the file in errors and in each threshold's
// Origin. Unknown fields, unknown kinds, units, concepts and statuses, a
// value with the wrong form for its unit, a missing source, a value on an
// UNCONFIRMED record and duplicate keys are all errors naming the record
// and field.
func LoadTable(r io.Reader, name string) (*Table, error) {
	var doc fileDoc
	if err := readFile(r, name, MaxTableBytes, "fupin.thresholds/1", &doc); err != nil {
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
			return nil, &FieldError{Record: recName(name, i, doc.Records[i].ID), Field: "key", Value: fmt.Sprintf("%s/%s/%s/%d", th.Kind, th.Series, th.Region, th.Year), Err: ErrDuplicate}
		}
		seen[k] = true
		t.recs = append(t.recs, th)
	}
	for i, s := range doc.Series {
		if !s.Kind.known() || s.Series == "" {
			return nil, &FieldError{Record: fmt.Sprintf("%s series[%d]", name, i), Field: "kind", Value: string(s.Kind), Err: ErrUnknownWord}
		}
		t.series = append(t.series, s)
	}
	for i, l := range doc.Intl {
		il, err := l.decode(name, i)
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
	th := Threshold{Kind: fr.Kind, Series: fr.Series, Year: fr.Year, To: fr.To, Unit: fr.Unit,
		PriceBase: fr.PriceBase, Source: fr.Source, Approximate: fr.Approximate, Note: fr.Note, Origin: file}
	if !fr.Kind.known() {
		return fail("kind", string(fr.Kind), ErrUnknownWord)
	}
	if fr.Region != nil {
		if err := th.Region.UnmarshalText([]byte(*fr.Region)); err != nil {
			return fail("region", *fr.Region, err)
		}
	}
	if fr.Zone != "" {
		if err := th.Zone.UnmarshalText([]byte(fr.Zone)); err != nil {
			return fail("zone", fr.Zone, err)
		}
		if th.Region != National {
			return fail("zone", fr.Zone, fmt.Errorf("%w: a record has a province or a zone, not both", ErrSyntax))
		}
	}
	if fr.Year < 1978 || fr.Year > 2100 {
		return fail("year", itoa(fr.Year), ErrRange)
	}
	if fr.To != 0 && fr.To < fr.Year {
		return fail("to", itoa(fr.To), ErrRange)
	}
	if err := th.Status.UnmarshalText([]byte(fr.Status)); err != nil {
		return fail("status", fr.Status, err)
	}
	if fr.Source == "" {
		return fail("source", "", ErrMissing)
	}
	if fr.Concept != "" {
		if err := th.Concept.UnmarshalText([]byte(fr.Concept)); err != nil {
			return fail("concept", fr.Concept, err)
		}
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
	var err error
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
	l := IntlLine{ID: fl.ID, PPPBase: fl.PPPBase, From: fl.From, Source: fl.Source, Note: fl.Note}
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
	if err := l.Status.UnmarshalText([]byte(fl.Status)); err != nil {
		return l, &FieldError{Record: rn, Field: "status", Value: fl.Status, Err: err}
	}
	if fl.Source == "" {
		return l, &FieldError{Record: rn, Field: "source", Err: ErrMissing}
	}
	if fl.PPPBase < 1985 || fl.PPPBase > 2100 {
		return l, &FieldError{Record: rn, Field: "ppp_base", Value: itoa(fl.PPPBase), Err: ErrRange}
	}
	return l, nil
}

func (t *Table) sort() {
	slices.SortStableFunc(t.recs, func(a, b Threshold) int {
		ka, kb := keyOf(&a), keyOf(&b)
		if c := cmp.Compare(string(ka.kind), string(kb.kind)); c != 0 {
			return c
		}
		if c := cmp.Compare(ka.series, kb.series); c != 0 {
			return c
		}
		if ka.region != kb.region {
			return int(ka.region) - int(kb.region)
		}
		if ka.zone != kb.zone {
			return int(ka.zone) - int(kb.zone)
		}
		return ka.year - kb.year
	})
}

// Vintage returns the vintage string of the table's data (for the embedded
// table, [DataVintage]; for an overlay, the overlay's).
func (t *Table) Vintage() string { return t.vintage }

// Overlay returns a new table in which the records of o replace those of t
// with the same kind, series, region, zone and year, and the rest of t is
// kept. Replaced records are not erased: [Table.History] still returns them.
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

// Records returns a copy of every current record of the kind, in key order
// (series, region, zone, year). An empty kind returns all records.
func (t *Table) Records(kind Kind) []Threshold {
	var out []Threshold
	for _, r := range t.recs {
		if kind == "" || r.Kind == kind {
			out = append(out, r)
		}
	}
	return out
}

// History returns every version of the record with the given key that the
// table has seen, oldest first, the current one last: the embedded value,
// then each overlay's.
func (t *Table) History(kind Kind, series string, region Region, year int) []Threshold {
	var out []Threshold
	for _, r := range t.history {
		if r.Kind == kind && r.Series == series && r.Region == region && r.Zone == ZoneUnknown && r.Year == year {
			out = append(out, r)
		}
	}
	for _, r := range t.recs {
		if r.Kind == kind && r.Series == series && r.Region == region && r.Zone == ZoneUnknown && r.Year == year {
			out = append(out, r)
		}
	}
	return out
}

// SeriesList returns the series of the kind.
func (t *Table) SeriesList(kind Kind) []Series {
	var out []Series
	for _, s := range t.series {
		if s.Kind == kind {
			out = append(out, s)
		}
	}
	return out
}

// SeriesInForce returns the series of the kind in force in year, or "" if
// the table declares none.
func (t *Table) SeriesInForce(kind Kind, year int) string {
	for _, s := range t.series {
		if s.Kind == kind && s.To >= 0 && year >= s.From && (s.To == 0 || year <= s.To) {
			return s.Series
		}
	}
	return ""
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
