package labor

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"

	"github.com/openfupin/fupin/poverty"
)

// Sentinel errors of this package, in addition to those of package poverty
// that it reuses (poverty.ErrMissing, poverty.ErrRange, poverty.ErrSecondary,
// poverty.ErrUnconfirmed, ...). Test with [errors.Is].
var (
	// ErrUnknownRule reports a parameter ID that the parameter set does not hold.
	ErrUnknownRule = errors.New("unknown rule")
	// ErrNotInForce reports a rule asked for a year outside its years.
	ErrNotInForce = errors.New("rule not in force")
	// ErrNoParameter reports a decision that needs a parameter the caller
	// did not supply, such as the local minimum wage or a fare.
	ErrNoParameter = errors.New("parameter not supplied")
	// ErrNotStated reports a value the rule's source does not state (for
	// example a maximum working age for women), so the decision is unknown.
	ErrNotStated = errors.New("value not stated by the source")
	// ErrUnknownReference reports a record naming another record that does
	// not exist: a job naming an unknown worker or workshop.
	ErrUnknownReference = errors.New("reference to an unknown record")
)

// ParamError reports a parameter that could not be used: unknown, not in
// force, not stated, rated SECONDARY without AcceptSecondary, or
// UNCONFIRMED.
//
// The zero ParamError has no cause; the package never returns one.
type ParamError struct {
	Kind  string // "recognition", "transport", "age_limits", ...
	ID    string // the parameter's ID
	Field string // the field, when one value is at fault
	Year  int    // the year asked for, when relevant
	Err   error  // a sentinel
}

// Error returns "labor: <kind> \"<id>\" [field <f>] [for <year>]: <cause>".
func (e *ParamError) Error() string {
	s := "labor: " + e.Kind + " " + strconv.Quote(e.ID)
	if e.Field != "" {
		s += " field " + e.Field
	}
	if e.Year != 0 {
		s += " for " + strconv.Itoa(e.Year)
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the sentinel.
func (e *ParamError) Unwrap() error { return e.Err }

// Header is the provenance every parameter record carries: where and when it
// applies, the document it comes from, and how well that is sourced
// (docs/POLICY.md "How to use this file").
//
// The zero Header is not a valid record: it has no ID and no source.
type Header struct {
	ID string `json:"id"`
	// Region is National or the province; Locality names the county or
	// township of a local rule ("萍乡 麻山镇").
	Region   poverty.Region `json:"region"`
	Locality string         `json:"locality,omitempty"`
	// From and To are the first and last years the rule is in force; To is
	// 0 while in force.
	From   int                  `json:"from"`
	To     int                  `json:"to,omitempty"`
	Source string               `json:"source"`
	Status poverty.SourceStatus `json:"status"`
	Note   string               `json:"note,omitempty"`
	// Origin is "embedded" or the name given to [LoadParams]; set by the loader.
	Origin string `json:"-"`
}

func (h *Header) header() *Header { return h }

// InForce reports whether the rule is in force in year.
func (h *Header) InForce(year int) bool {
	return year >= h.From && (h.To == 0 || year <= h.To)
}

// Cite returns a short citation for reason texts: "jilin-2018 (22, 2018-2020,
// CONFIRMED): 吉人社联字〔2018〕20号".
func (h *Header) Cite() string {
	where := h.Region.String()
	if h.Locality != "" {
		where += " " + h.Locality
	}
	years := strconv.Itoa(h.From) + "-"
	if h.To != 0 {
		years += strconv.Itoa(h.To)
	}
	return h.ID + " (" + where + ", " + years + ", " + h.Status.String() + "): " + h.Source
}

// AgeLimits are the ages between which a person is of working age, both
// bounds inclusive (a woman aged exactly 55 is of working age under Jilin's
// 16-55; at 56 she is not). A maximum of 0 means the source does not state
// one for that sex, and a decision that needs it is [ErrNotStated].
//
// The zero AgeLimits is not a valid record (no ID, no source).
type AgeLimits struct {
	Header
	Min      int `json:"min_age"`
	WomenMax int `json:"women_max_age"`
	MenMax   int `json:"men_max_age"`
}

// WorkingAge reports whether a person born on born, of sex sex, is of
// working age on on.
func (a *AgeLimits) WorkingAge(born poverty.Date, sex poverty.Sex, on poverty.Date) (bool, error) {
	age := born.AgeOn(on)
	if age < a.Min {
		return false, nil
	}
	var limit int
	field := "men_max_age"
	switch sex {
	case poverty.Female:
		limit, field = a.WomenMax, "women_max_age"
	case poverty.Male:
		limit = a.MenMax
	default:
		return false, &ParamError{Kind: "age_limits", ID: a.ID, Field: "sex", Err: ErrNoParameter}
	}
	if limit == 0 {
		return false, &ParamError{Kind: "age_limits", ID: a.ID, Field: field, Err: ErrNotStated}
	}
	return age <= limit, nil
}

// MinimumWage is a local monthly minimum wage. The embedded data hold none:
// the sources in docs/POLICY.md give no figures, so the caller supplies the
// county's own value, with its source, in a parameter file or a literal.
//
// The zero MinimumWage is not a valid record.
type MinimumWage struct {
	Header
	Monthly poverty.Money `json:"monthly"`
}

// StableRule is a local rule for "fairly stable employment" (比较稳定就业),
// the test that takes a household out of zero-employment status: enough
// days of work in the year, or a long enough contract, or (when MinimumWage
// is set) pay at least the local minimum wage. Any one suffices.
type StableRule struct {
	Header
	MinDays           int  `json:"min_days"`
	MinContractMonths int  `json:"min_contract_months"`
	MinimumWage       bool `json:"minimum_wage"`
}

// TransferRule defines transferred labour (农村转移劳动力): employed at a
// place beyond OutsideOf for at least MinMonths whole months in the year.
//
// The zero TransferRule is not a valid record.
type TransferRule struct {
	Header
	OutsideOf Place `json:"outside_of"`
	MinMonths int   `json:"min_months"`
}

// RecognitionRule is one locality's workshop recognition criteria and award
// (docs/POLICY.md 5.1). Every non-zero field is a criterion; [Params.Recognise]
// tests each and explains it. Worker criteria decide which posts count;
// MinWorkers is the head count of counted posts the workshop needs.
type RecognitionRule struct {
	Header
	Name string `json:"name"`
	// Counts is the group whose members count toward MinWorkers.
	Counts     Group `json:"counts"`
	MinWorkers int   `json:"min_workers,omitempty"`

	// Worker criteria.
	MinContractMonths int           `json:"min_contract_months,omitempty"`
	MinimumWage       bool          `json:"minimum_wage,omitempty"`
	WorkingAge        string        `json:"working_age,omitempty"` // ID of an AgeLimits record
	MinMonthsWorked   int           `json:"min_months_worked,omitempty"`
	MinAnnualWage     poverty.Money `json:"min_annual_wage,omitempty"`
	// PreviousYear makes MinMonthsWorked and MinAnnualWage read the year
	// before the assessment date (Hunan: "in the prior year").
	PreviousYear    bool `json:"previous_year,omitempty"`
	MinMonthsInPost int  `json:"min_months_in_post,omitempty"`

	// Workshop criteria.
	CountyRecognised             bool           `json:"county_recognised,omitempty"`
	RegisteredBusiness           bool           `json:"registered_business,omitempty"`
	FixedPremises                bool           `json:"fixed_premises,omitempty"`
	Sites                        []Site         `json:"sites,omitempty"`
	ExcludedSites                []Site         `json:"excluded_sites,omitempty"`
	ExcludeCoopWithoutProcessing bool           `json:"exclude_coop_without_processing,omitempty"`
	Types                        []WorkshopType `json:"types,omitempty"`
	MinInsurancePerMonth         poverty.Money  `json:"min_insurance_per_month,omitempty"`

	Award AwardRule `json:"award"`
}

// AwardRule is what a recognised workshop receives. All parts add up; a
// zero part is absent.
type AwardRule struct {
	OneOff poverty.Money `json:"one_off,omitempty"`
	// PerWorker is paid once per counted worker, up to PerWorkerCap when set.
	PerWorker    poverty.Money `json:"per_worker,omitempty"`
	PerWorkerCap poverty.Money `json:"per_worker_cap,omitempty"`
	// PerWorkerYearly is paid per counted worker per year, for Years years.
	PerWorkerYearly poverty.Money `json:"per_worker_yearly,omitempty"`
	Years           int           `json:"years,omitempty"`
	// Table is the ID of an [AwardTable] by grade and head count.
	Table string `json:"table,omitempty"`
	// ConstructionCap is the most a construction subsidy set by the county
	// may be; reported, never paid by this package.
	ConstructionCap poverty.Money `json:"construction_cap,omitempty"`
}

// AwardTable is an annual employment award by performance grade and head
// count (Chongqing). Head count is the number of workers held in post for at
// least MinMonthsInPost whole months on the assessment date. A head count
// below the first row earns nothing.
//
// The zero AwardTable is not a valid record.
type AwardTable struct {
	Header
	MinMonthsInPost int        `json:"min_months_in_post"`
	Rows            []AwardRow `json:"rows"`
}

// AwardRow is one head-count band of an [AwardTable]; MaxWorkers 0 means no
// upper bound. Both bounds are inclusive.
//
// The zero AwardRow is not a valid band.
type AwardRow struct {
	MinWorkers int           `json:"min_workers"`
	MaxWorkers int           `json:"max_workers,omitempty"`
	Excellent  poverty.Money `json:"excellent"`
	Good       poverty.Money `json:"good"`
	Pass       poverty.Money `json:"pass"`
}

// TransportRule is a transport subsidy for migrant workers (docs/POLICY.md 5.4):
// who is eligible, for which jobs, and how much by destination tier.
//
// The zero TransportRule is not a valid record.
type TransportRule struct {
	Header
	Name   string `json:"name"`
	Counts Group  `json:"counts"`
	// Channels limits the rule to jobs found through these channels
	// (Gansu: self-arranged work); empty means any.
	Channels []Channel `json:"channels,omitempty"`
	// MinMonths is the whole months the job must be held in the year.
	MinMonths int `json:"min_months,omitempty"`
	// MinAnnualWage is the wage the job must pay in the year.
	MinAnnualWage poverty.Money `json:"min_annual_wage,omitempty"`
	// Tiers are tried in order; the first whose places (and provinces, if
	// any) match the job sets the amount.
	Tiers []TransportTier `json:"tiers"`
}

// TransportTier is one destination band of a [TransportRule]: a fixed
// Amount, or the actual fare up to Cap, plus an optional Labour subsidy.
//
// The zero TransportTier matches no place.
type TransportTier struct {
	Places    []Place          `json:"places"`
	Provinces []poverty.Region `json:"provinces,omitempty"`
	Amount    poverty.Money    `json:"amount,omitempty"`
	Cap       poverty.Money    `json:"cap,omitempty"`
	Labour    poverty.Money    `json:"labour,omitempty"`
}

// Params is an immutable set of labour parameters: the embedded data of
// [DefaultParams], a caller's file read by [LoadParams], or both combined
// by [Params.Overlay]. It is safe for concurrent use.
//
// The zero Params holds no parameters; start from [DefaultParams] or [LoadParams].
type Params struct {
	vintage    string
	ages       []AgeLimits
	minWages   []MinimumWage
	stable     []StableRule
	transfer   []TransferRule
	recognise  []RecognitionRule
	tables     []AwardTable
	transport  []TransportRule
	superseded []Header
}

// paramsFile is the JSON schema "fupin.labor.params/1".
type paramsFile struct {
	Schema       string            `json:"schema"`
	Vintage      string            `json:"vintage"`
	AgeLimits    []AgeLimits       `json:"age_limits"`
	MinimumWages []MinimumWage     `json:"minimum_wages"`
	Stable       []StableRule      `json:"stable_employment"`
	Transfer     []TransferRule    `json:"transferred_labour"`
	Recognition  []RecognitionRule `json:"recognition"`
	AwardTables  []AwardTable      `json:"award_tables"`
	Transport    []TransportRule   `json:"transport"`
}

// ParamsSchema is the schema name a parameter file must declare.
const ParamsSchema = "fupin.labor.params/1"

// ParamsVintage is the date of the newest source behind the embedded
// parameters (the 抚远市 notice of 2024-04-09).
const ParamsVintage = "2024-04-09"

// MaxParamsBytes bounds the size of a parameter file [LoadParams] reads.
const MaxParamsBytes = 4 << 20

//go:embed data/params.json
var paramsJSON []byte

var defaultParams = sync.OnceValue(func() *Params {
	p, err := LoadParams(bytes.NewReader(paramsJSON), "embedded")
	if err != nil {
		panic("labor: embedded params.json: " + err.Error())
	}
	return p
})

// DefaultParams returns the parameters embedded in the package: the
// recognition rules, award table, transport subsidies, age limits and
// employment definitions of docs/POLICY.md section 5, each with its source and
// status. It is decoded once; the same immutable *Params is returned each
// time.
func DefaultParams() *Params { return defaultParams() }

// LoadParams decodes a parameter file in the schema of the embedded data
// ([ParamsSchema]) and validates every record. Unknown fields, unknown
// words, a missing ID, source or status, duplicate IDs, years out of range,
// and references to records that do not exist are errors naming the record
// and the field (*[poverty.FieldError]). name identifies the file in errors
// and in each record's Origin.
func LoadParams(r io.Reader, name string) (*Params, error) {
	var f paramsFile
	if err := readFile(r, name, MaxParamsBytes, ParamsSchema, &f); err != nil {
		return nil, err
	}
	p := &Params{vintage: f.Vintage, ages: f.AgeLimits, minWages: f.MinimumWages, stable: f.Stable,
		transfer: f.Transfer, recognise: f.Recognition, tables: f.AwardTables, transport: f.Transport}
	if err := p.validate(name); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *Params) validate(name string) error {
	var errs []error
	seen := map[string]bool{}
	check := func(kind string, h *Header) {
		h.Origin = name
		rec := kind + " " + h.ID
		add := func(field, value string, err error) {
			errs = append(errs, &poverty.FieldError{Record: name + " " + rec, Field: field, Value: value, Err: err})
		}
		if h.ID == "" {
			add("id", "", poverty.ErrMissing)
		} else if seen[kind+"/"+h.ID] {
			add("id", h.ID, poverty.ErrDuplicate)
		}
		seen[kind+"/"+h.ID] = true
		if h.Source == "" {
			add("source", "", poverty.ErrMissing)
		}
		if h.Status == poverty.SourceUnset {
			add("status", "", poverty.ErrMissing)
		}
		if h.From < 1978 || h.From > 2100 {
			add("from", strconv.Itoa(h.From), poverty.ErrRange)
		}
		if h.To != 0 && (h.To < h.From || h.To > 2100) {
			add("to", strconv.Itoa(h.To), poverty.ErrRange)
		}
	}
	bad := func(kind string, h *Header, field, value string, err error) {
		errs = append(errs, &poverty.FieldError{Record: name + " " + kind + " " + h.ID, Field: field, Value: value, Err: err})
	}
	nonNeg := func(kind string, h *Header, field string, v int) {
		if v < 0 || v > 100000 {
			bad(kind, h, field, strconv.Itoa(v), poverty.ErrRange)
		}
	}
	money := func(kind string, h *Header, field string, m poverty.Money) {
		if m < 0 {
			bad(kind, h, field, m.String(), poverty.ErrNegative)
		} else if m > MaxMonthlyWage*100 {
			bad(kind, h, field, m.String(), poverty.ErrRange)
		}
	}
	for i := range p.ages {
		a := &p.ages[i]
		check("age_limits", &a.Header)
		nonNeg("age_limits", &a.Header, "min_age", a.Min)
		for _, v := range [...]struct {
			f string
			n int
		}{{"women_max_age", a.WomenMax}, {"men_max_age", a.MenMax}} {
			if v.n != 0 && (v.n < a.Min || v.n > 150) {
				bad("age_limits", &a.Header, v.f, strconv.Itoa(v.n), poverty.ErrRange)
			}
		}
	}
	for i := range p.minWages {
		m := &p.minWages[i]
		check("minimum_wage", &m.Header)
		if m.Monthly <= 0 || m.Monthly > MaxMonthlyWage {
			bad("minimum_wage", &m.Header, "monthly", m.Monthly.String(), poverty.ErrRange)
		}
	}
	for i := range p.stable {
		s := &p.stable[i]
		check("stable_employment", &s.Header)
		nonNeg("stable_employment", &s.Header, "min_days", s.MinDays)
		nonNeg("stable_employment", &s.Header, "min_contract_months", s.MinContractMonths)
		if s.Status == poverty.Unconfirmed {
			if s.MinDays != 0 || s.MinContractMonths != 0 || s.MinimumWage {
				bad("stable_employment", &s.Header, "min_days", strconv.Itoa(s.MinDays), fmt.Errorf("%w: an UNCONFIRMED record carries no values; put commonly quoted ones in note", poverty.ErrSyntax))
			}
		} else if s.MinDays == 0 && s.MinContractMonths == 0 && !s.MinimumWage {
			bad("stable_employment", &s.Header, "min_days", "0", fmt.Errorf("%w: a rule needs at least one test", poverty.ErrMissing))
		}
	}
	for i := range p.transfer {
		t := &p.transfer[i]
		check("transferred_labour", &t.Header)
		if t.OutsideOf == PlaceUnknown {
			bad("transferred_labour", &t.Header, "outside_of", "", poverty.ErrMissing)
		}
		nonNeg("transferred_labour", &t.Header, "min_months", t.MinMonths)
	}
	for i := range p.tables {
		t := &p.tables[i]
		check("award_table", &t.Header)
		nonNeg("award_table", &t.Header, "min_months_in_post", t.MinMonthsInPost)
		if len(t.Rows) == 0 {
			bad("award_table", &t.Header, "rows", "", poverty.ErrMissing)
		}
		prev := 0
		for j, r := range t.Rows {
			f := "rows[" + strconv.Itoa(j) + "]"
			if r.MinWorkers <= prev || (r.MaxWorkers != 0 && r.MaxWorkers < r.MinWorkers) {
				bad("award_table", &t.Header, f+".min_workers", strconv.Itoa(r.MinWorkers), fmt.Errorf("%w: bands must be increasing and disjoint", poverty.ErrRange))
			}
			if r.MaxWorkers == 0 && j != len(t.Rows)-1 {
				bad("award_table", &t.Header, f+".max_workers", "0", fmt.Errorf("%w: only the last band is open", poverty.ErrRange))
			}
			prev = max(r.MinWorkers, r.MaxWorkers)
			money("award_table", &t.Header, f+".excellent", r.Excellent)
			money("award_table", &t.Header, f+".good", r.Good)
			money("award_table", &t.Header, f+".pass", r.Pass)
		}
	}
	for i := range p.recognise {
		r := &p.recognise[i]
		const k = "recognition"
		check(k, &r.Header)
		if r.Counts == GroupUnknown {
			bad(k, &r.Header, "counts", "", poverty.ErrMissing)
		}
		nonNeg(k, &r.Header, "min_workers", r.MinWorkers)
		nonNeg(k, &r.Header, "min_contract_months", r.MinContractMonths)
		nonNeg(k, &r.Header, "min_months_worked", r.MinMonthsWorked)
		nonNeg(k, &r.Header, "min_months_in_post", r.MinMonthsInPost)
		nonNeg(k, &r.Header, "award.years", r.Award.Years)
		money(k, &r.Header, "min_annual_wage", r.MinAnnualWage)
		money(k, &r.Header, "min_insurance_per_month", r.MinInsurancePerMonth)
		money(k, &r.Header, "award.one_off", r.Award.OneOff)
		money(k, &r.Header, "award.per_worker", r.Award.PerWorker)
		money(k, &r.Header, "award.per_worker_cap", r.Award.PerWorkerCap)
		money(k, &r.Header, "award.per_worker_yearly", r.Award.PerWorkerYearly)
		money(k, &r.Header, "award.construction_cap", r.Award.ConstructionCap)
		if (r.Award.PerWorkerYearly != 0) != (r.Award.Years != 0) {
			bad(k, &r.Header, "award.years", strconv.Itoa(r.Award.Years), fmt.Errorf("%w: a yearly award needs its years and years need a yearly award", poverty.ErrMissing))
		}
		if r.WorkingAge != "" && !slices.ContainsFunc(p.ages, func(a AgeLimits) bool { return a.ID == r.WorkingAge }) {
			bad(k, &r.Header, "working_age", r.WorkingAge, ErrUnknownReference)
		}
		if r.Award.Table != "" && !slices.ContainsFunc(p.tables, func(t AwardTable) bool { return t.ID == r.Award.Table }) {
			bad(k, &r.Header, "award.table", r.Award.Table, ErrUnknownReference)
		}
	}
	for i := range p.transport {
		t := &p.transport[i]
		const k = "transport"
		check(k, &t.Header)
		if t.Counts == GroupUnknown {
			bad(k, &t.Header, "counts", "", poverty.ErrMissing)
		}
		nonNeg(k, &t.Header, "min_months", t.MinMonths)
		money(k, &t.Header, "min_annual_wage", t.MinAnnualWage)
		if len(t.Tiers) == 0 {
			bad(k, &t.Header, "tiers", "", poverty.ErrMissing)
		}
		for j, tier := range t.Tiers {
			f := "tiers[" + strconv.Itoa(j) + "]"
			if len(tier.Places) == 0 {
				bad(k, &t.Header, f+".places", "", poverty.ErrMissing)
			}
			if (tier.Amount > 0) == (tier.Cap > 0) {
				bad(k, &t.Header, f+".amount", tier.Amount.String(), fmt.Errorf("%w: a tier has either an amount or a cap", poverty.ErrSyntax))
			}
			money(k, &t.Header, f+".amount", tier.Amount)
			money(k, &t.Header, f+".cap", tier.Cap)
			money(k, &t.Header, f+".labour", tier.Labour)
		}
	}
	return errors.Join(errs...)
}

// Vintage returns the vintage of the parameters ([ParamsVintage] for the
// embedded set; for an overlay, the overlay's when it states one).
func (p *Params) Vintage() string { return p.vintage }

// Overlay returns a new parameter set in which the records of o replace the
// records of p of the same kind and ID, and o's other records are added.
// Replaced records are not erased: [Params.Superseded] lists them. Neither
// p nor o is changed.
func (p *Params) Overlay(o *Params) *Params {
	n := &Params{vintage: p.vintage, superseded: slices.Concat(p.superseded, o.superseded)}
	if o.vintage != "" {
		n.vintage = o.vintage
	}
	n.ages = overlay(p.ages, o.ages, &n.superseded)
	n.minWages = overlay(p.minWages, o.minWages, &n.superseded)
	n.stable = overlay(p.stable, o.stable, &n.superseded)
	n.transfer = overlay(p.transfer, o.transfer, &n.superseded)
	n.recognise = overlay(p.recognise, o.recognise, &n.superseded)
	n.tables = overlay(p.tables, o.tables, &n.superseded)
	n.transport = overlay(p.transport, o.transport, &n.superseded)
	return n
}

func overlay[T any, PT interface {
	*T
	header() *Header
}](base, over []T, superseded *[]Header) []T {
	out := slices.Clone(base)
	for _, r := range over {
		id := PT(&r).header().ID
		if i := slices.IndexFunc(out, func(x T) bool { return PT(&x).header().ID == id }); i >= 0 {
			*superseded = append(*superseded, *PT(&out[i]).header())
			out[i] = r
			continue
		}
		out = append(out, r)
	}
	return out
}

// Superseded returns the headers of records that overlays replaced, oldest
// first, so that history is never erased.
func (p *Params) Superseded() []Header { return slices.Clone(p.superseded) }

// find returns the record with the ID, checked for year and status. year 0
// skips the in-force check.
func find[T any, PT interface {
	*T
	header() *Header
}](list []T, kind, id string, year int, opts poverty.LookupOptions) (*T, error) {
	for i := range list {
		h := PT(&list[i]).header()
		if h.ID != id {
			continue
		}
		if err := h.usable(kind, year, opts); err != nil {
			return nil, err
		}
		return &list[i], nil
	}
	return nil, &ParamError{Kind: kind, ID: id, Year: year, Err: ErrUnknownRule}
}

func (h *Header) usable(kind string, year int, opts poverty.LookupOptions) error {
	switch {
	case h.Status == poverty.Unconfirmed:
		return &ParamError{Kind: kind, ID: h.ID, Year: year, Err: poverty.ErrUnconfirmed}
	case h.Status == poverty.Secondary && !opts.AcceptSecondary:
		return &ParamError{Kind: kind, ID: h.ID, Year: year, Err: poverty.ErrSecondary}
	case year != 0 && !h.InForce(year):
		return &ParamError{Kind: kind, ID: h.ID, Year: year, Err: ErrNotInForce}
	}
	return nil
}

// inForce returns copies of the usable records in force in year for region
// (National records apply everywhere), in file order.
func inForce[T any, PT interface {
	*T
	header() *Header
}](list []T, kind string, region poverty.Region, year int, opts poverty.LookupOptions) []T {
	var out []T
	for i := range list {
		h := PT(&list[i]).header()
		if (h.Region == region || h.Region == poverty.National) && h.usable(kind, year, opts) == nil {
			out = append(out, list[i])
		}
	}
	return out
}

// AgeLimits returns the age limits with the ID in force in year (0: any
// year). A SECONDARY record needs opts.AcceptSecondary.
func (p *Params) AgeLimits(id string, year int, opts poverty.LookupOptions) (AgeLimits, error) {
	r, err := find(p.ages, "age_limits", id, year, opts)
	if err != nil {
		return AgeLimits{}, err
	}
	return *r, nil
}

// MinimumWage returns the minimum wage with the ID in force in year.
func (p *Params) MinimumWage(id string, year int, opts poverty.LookupOptions) (MinimumWage, error) {
	r, err := find(p.minWages, "minimum_wage", id, year, opts)
	if err != nil {
		return MinimumWage{}, err
	}
	return *r, nil
}

// StableRule returns the stable-employment rule with the ID in force in year.
func (p *Params) StableRule(id string, year int, opts poverty.LookupOptions) (StableRule, error) {
	r, err := find(p.stable, "stable_employment", id, year, opts)
	if err != nil {
		return StableRule{}, err
	}
	return *r, nil
}

// TransferRule returns the transferred-labour rule with the ID in force in year.
func (p *Params) TransferRule(id string, year int, opts poverty.LookupOptions) (TransferRule, error) {
	r, err := find(p.transfer, "transferred_labour", id, year, opts)
	if err != nil {
		return TransferRule{}, err
	}
	return *r, nil
}

// RecognitionRule returns the workshop recognition rule with the ID in force
// in year.
func (p *Params) RecognitionRule(id string, year int, opts poverty.LookupOptions) (RecognitionRule, error) {
	r, err := find(p.recognise, "recognition", id, year, opts)
	if err != nil {
		return RecognitionRule{}, err
	}
	return r.clone(), nil
}

// RecognitionRules returns the recognition rules in force in year in region
// (and national ones), in file order; SECONDARY ones only with
// opts.AcceptSecondary.
func (p *Params) RecognitionRules(region poverty.Region, year int, opts poverty.LookupOptions) []RecognitionRule {
	out := inForce(p.recognise, "recognition", region, year, opts)
	for i := range out {
		out[i] = out[i].clone()
	}
	return out
}

// clone returns a copy that shares no slice with the parameter set, so that
// a caller changing it cannot change the immutable [Params].
func (r *RecognitionRule) clone() RecognitionRule {
	c := *r
	c.Sites, c.ExcludedSites, c.Types = slices.Clone(r.Sites), slices.Clone(r.ExcludedSites), slices.Clone(r.Types)
	return c
}

func (t *TransportRule) clone() TransportRule {
	c := *t
	c.Channels = slices.Clone(t.Channels)
	c.Tiers = slices.Clone(t.Tiers)
	for i := range c.Tiers {
		c.Tiers[i].Places = slices.Clone(c.Tiers[i].Places)
		c.Tiers[i].Provinces = slices.Clone(c.Tiers[i].Provinces)
	}
	return c
}

// AwardTable returns the award table with the ID in force in year.
func (p *Params) AwardTable(id string, year int, opts poverty.LookupOptions) (AwardTable, error) {
	r, err := find(p.tables, "award_table", id, year, opts)
	if err != nil {
		return AwardTable{}, err
	}
	c := *r
	c.Rows = slices.Clone(r.Rows)
	return c, nil
}

// TransportRule returns the transport subsidy rule with the ID in force in year.
func (p *Params) TransportRule(id string, year int, opts poverty.LookupOptions) (TransportRule, error) {
	r, err := find(p.transport, "transport", id, year, opts)
	if err != nil {
		return TransportRule{}, err
	}
	return r.clone(), nil
}

// TransportRules returns the transport rules in force in year in region
// (and national ones), in file order.
func (p *Params) TransportRules(region poverty.Region, year int, opts poverty.LookupOptions) []TransportRule {
	out := inForce(p.transport, "transport", region, year, opts)
	for i := range out {
		out[i] = out[i].clone()
	}
	return out
}
