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

	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/internal/paramfile"
	"github.com/openfupin/fupin/poverty"
)

// Sentinel errors of this package, in addition to those of package poverty
// that it reuses (poverty.ErrMissing, poverty.ErrRange, poverty.ErrSecondary,
// poverty.ErrUnconfirmed, poverty.ErrNotInForce, poverty.ErrOutOfScope,
// ...). Test with [errors.Is].
var (
	// ErrUnknownRule reports a parameter ID that the parameter set does not hold.
	ErrUnknownRule = errors.New("unknown rule")
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

// fieldErr builds the error of this package: a *[poverty.FieldError]
// whose Op names the package and the operation ("labor.Recognize").
func fieldErr(op, record, field, value string, err error) *poverty.FieldError {
	return &poverty.FieldError{Op: op, Record: record, Field: field, Value: value, Err: err}
}

// withOp sets op on every *[poverty.FieldError] in err (joined or wrapped)
// that has none, so that the errors of package poverty's validators and of
// the file reader that this package returns name this package. The errors
// are the package's own, freshly built; nothing shared is changed.
func withOp(op string, err error) error {
	switch e := err.(type) {
	case nil:
	case *poverty.FieldError:
		if e.Op == "" {
			e.Op = op
		}
		withOp(op, e.Err)
	case interface{ Unwrap() []error }:
		for _, x := range e.Unwrap() {
			withOp(op, x)
		}
	case interface{ Unwrap() error }:
		withOp(op, e.Unwrap())
	}
	return err
}

// paramErr is the error of a parameter record that cannot be used: its
// Record is "<kind> <id>" (an ID is unique only within its kind).
func paramErr(op, kind, id, field, value string, err error) *poverty.FieldError {
	return fieldErr(op, kind+" "+id, field, value, err)
}

// Header is what every parameter record carries besides its values: its
// ID, unique within its kind, and its [poverty.Provenance] (source, status,
// qualifier, scope, effective period and note; docs/POLICY.md "How to use
// this file"), flat in JSON. Locality may name the place of a local rule in
// words for readers ("萍乡 麻山镇", "广元"); the scope alone decides where
// the record applies.
//
// The zero Header is not a valid record: it has no ID and no source.
type Header struct {
	ID       string `json:"id"`
	Locality string `json:"locality,omitempty"`
	poverty.Provenance
	// Origin is "embedded" or the name given to [LoadParams]; set by the loader.
	Origin string `json:"-"`
}

func (h *Header) header() *Header { return h }

// cite is the citation of reasons: "id: source [label]".
func (h *Header) cite() string { return h.ID + ": " + h.Cite() }

// AgeLimits are the ages between which a person is of working age, both
// bounds inclusive (a woman aged exactly 55 is of working age under Jilin's
// 16-55; at 56 she is not), as [EmploymentRules] and recognition rules read
// them. A maximum of 0 means the source does not state one for that sex,
// and a decision that needs it is [ErrNotStated].
//
// The zero AgeLimits is not a valid record (no ID, no source).
type AgeLimits struct {
	Header
	Min      int `json:"min_age"`
	WomenMax int `json:"women_max_age"`
	MenMax   int `json:"men_max_age"`
}

// workingAge reports whether a person born on born, of sex sex, is of
// working age on on. A maximum the source does not state (0) is the rule's
// own error, op's *[poverty.FieldError] with Record "age_limits <id>" and
// Field "women_max_age" or "men_max_age", wrapping both [ErrNoParameter]
// and [ErrNotStated] and saying how to supply the value; the caller
// returns it as it is ([isUnstatedLimit]).
func (a *AgeLimits) workingAge(op string, born poverty.Date, sex poverty.Sex, on poverty.Date) (bool, error) {
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
		return false, paramErr(opClassify, kindAges, a.ID, "sex", sex.String(), ErrNoParameter)
	}
	if limit == 0 {
		return false, paramErr(op, kindAges, a.ID, field, "0", &unstatedLimit{sex: sex, age: age})
	}
	return age <= limit, nil
}

// unstatedLimit is the cause of an age rule's missing maximum: the value is
// not supplied ([ErrNoParameter]) because its source does not state it
// ([ErrNotStated]); the message says who needed it and how to supply it.
type unstatedLimit struct {
	sex poverty.Sex
	age int
}

// Error says which limit is missing, for whom, and how to supply it.
func (e *unstatedLimit) Error() string {
	return ErrNoParameter.Error() + " (" + ErrNotStated.Error() + "), needed for a " + e.sex.String() +
		" worker aged " + strconv.Itoa(e.age) + ": supply it in a parameter file (labor.LoadParams, Params.Overlay)"
}

// Unwrap returns both sentinels, so that errors.Is matches either.
func (e *unstatedLimit) Unwrap() []error { return []error{ErrNoParameter, ErrNotStated} }

// isUnstatedLimit reports whether err is an age rule's missing maximum,
// which names the rule and is returned unwrapped.
func isUnstatedLimit(err error) bool {
	if err == nil {
		return false // errors.As would allocate
	}
	var u *unstatedLimit
	return errors.As(err, &u)
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
// (docs/POLICY.md 5.1). Every non-zero field is a criterion; [Params.Recognize]
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
	CountyRecognized             bool           `json:"county_recognised,omitempty"`
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
// Amount, or the actual fare up to Cap, plus an optional Labor subsidy.
//
// The zero TransportTier matches no place.
type TransportTier struct {
	Places    []Place          `json:"places"`
	Provinces []poverty.Region `json:"provinces,omitempty"`
	Amount    poverty.Money    `json:"amount,omitempty"`
	Cap       poverty.Money    `json:"cap,omitempty"`
	Labor     poverty.Money    `json:"labour,omitempty"`
}

// ReturnWindow is how many days may pass between the end of a worker's
// migrant job and the start of a job near home for [Index.Impact] to say
// that the worker came home for that job. No policy text fixes it: the
// embedded record "returned-home", the one Index.Impact reads, is the
// library's reading (DEFAULT); a caller's file replaces it with an overlay
// of a record of the same ID.
//
// The zero ReturnWindow is not a valid record.
type ReturnWindow struct {
	Header
	Days int `json:"days"`
}

// returnWindowID is the ID of the return window [Index.Impact] reads.
const returnWindowID = "returned-home"

// Params is an immutable set of labour parameters: the embedded data of
// [DefaultParams], a caller's file read by [LoadParams], or both combined
// by [Params.Overlay], with every version an overlay replaced
// ([Params.History]). It is safe for concurrent use, and nothing its
// methods return shares memory with it.
//
// The zero Params holds no parameters; start from [DefaultParams] or [LoadParams].
type Params struct {
	vintage     string
	ages        param.Set[string, AgeLimits]
	minWages    param.Set[string, MinimumWage]
	stable      param.Set[string, StableRule]
	transfer    param.Set[string, TransferRule]
	recognition param.Set[string, RecognitionRule]
	tables      param.Set[string, AwardTable]
	transport   param.Set[string, TransportRule]
	windows     param.Set[string, ReturnWindow]
}

// paramsFile is the JSON schema "fupin.labor.params/2".
type paramsFile struct {
	Schema        string            `json:"schema"`
	Vintage       string            `json:"vintage"`
	AgeLimits     []AgeLimits       `json:"age_limits"`
	MinimumWages  []MinimumWage     `json:"minimum_wages"`
	Stable        []StableRule      `json:"stable_employment"`
	Transfer      []TransferRule    `json:"transferred_labour"`
	Recognition   []RecognitionRule `json:"recognition"`
	AwardTables   []AwardTable      `json:"award_tables"`
	Transport     []TransportRule   `json:"transport"`
	ReturnWindows []ReturnWindow    `json:"return_windows"`
}

// Record kinds: the members of the parameter file, as [Params.History],
// [Version] and the errors name them.
const (
	kindAges        = "age_limits"
	kindMinWages    = "minimum_wages"
	kindStable      = "stable_employment"
	kindTransfer    = "transferred_labour"
	kindRecognition = "recognition"
	kindTables      = "award_tables"
	kindTransport   = "transport"
	kindWindows     = "return_windows"
)

// paramsSchema is the schema name a parameter file must declare.
const paramsSchema = "fupin.labor.params/2"

// maxParamsBytes bounds the size of a parameter file [LoadParams] reads.
const maxParamsBytes = 4 << 20

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
// recognition rules, award table, transport subsidies, age limits,
// employment definitions and return window of docs/POLICY.md section 5,
// each with its provenance. It is decoded once; the same immutable *Params
// is returned each time.
func DefaultParams() *Params { return defaultParams() }

// LoadParams decodes a parameter file in the schema of the embedded data
// ("fupin.labor.params/2", at most 4 MiB); a file may hold any subset of the members, to be laid
// over the embedded set with [Params.Overlay]. Every record's provenance is
// checked with [poverty.Provenance.Validate]; every status is accepted
// (what a lookup serves is decided by [poverty.Provenance.Serve]). Unknown
// fields, unknown words, a missing ID, duplicate IDs within a kind, values
// out of range, an UNCONFIRMED record that carries values, and references
// to records that do not exist are errors naming the record and the field
// (*[poverty.FieldError] with Op "labor.LoadParams"). name identifies the
// file in errors and in each record's Origin.
func LoadParams(r io.Reader, name string) (*Params, error) {
	var f paramsFile
	if err := paramfile.Read(r, name, maxParamsBytes, paramsSchema, &f); err != nil {
		return nil, withOp("labor.LoadParams", err)
	}
	if err := f.validate(name); err != nil {
		return nil, withOp("labor.LoadParams", err)
	}
	p := &Params{vintage: f.Vintage}
	p.ages = newSet(f.AgeLimits)
	p.minWages = newSet(f.MinimumWages)
	p.stable = newSet(f.Stable)
	p.transfer = newSet(f.Transfer)
	p.recognition = newSet(f.Recognition)
	p.tables = newSet(f.AwardTables)
	p.transport = newSet(f.Transport)
	p.windows = newSet(f.ReturnWindows)
	return p, nil
}

// hasHeader is a pointer to a record type that embeds [Header].
type hasHeader[T any] interface {
	*T
	header() *Header
}

// newSet keys validated records (their IDs are unique) by ID.
func newSet[T any, PT hasHeader[T]](recs []T) param.Set[string, T] {
	s, _ := param.NewSet(recs, func(r *T) string { return PT(r).header().ID })
	return s
}

func (f *paramsFile) validate(name string) error {
	var errs []error
	seen := map[string]bool{}
	check := func(kind string, h *Header) {
		h.Origin = name
		rec := name + " " + kind + " " + h.ID
		if h.ID == "" {
			errs = append(errs, &poverty.FieldError{Record: rec, Field: "id", Err: poverty.ErrMissing})
		} else if seen[kind+"/"+h.ID] {
			errs = append(errs, &poverty.FieldError{Record: rec, Field: "id", Value: h.ID, Err: poverty.ErrDuplicate})
		}
		seen[kind+"/"+h.ID] = true
		if err := h.Provenance.Validate(rec); err != nil {
			errs = append(errs, err)
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
		} else if m > maxMonthlyWage*100 {
			bad(kind, h, field, m.String(), poverty.ErrRange)
		}
	}
	// unconfirmed checks that an UNCONFIRMED record carries no values
	// (hasValues) and that any other record carries some.
	unconfirmed := func(kind string, h *Header, field string, hasValues bool) {
		switch {
		case h.Status == poverty.Unconfirmed && hasValues:
			bad(kind, h, field, "", fmt.Errorf("%w: an UNCONFIRMED record carries no values; put commonly quoted ones in note", poverty.ErrSyntax))
		case h.Status != poverty.Unconfirmed && !hasValues:
			bad(kind, h, field, "", fmt.Errorf("%w: a rule needs a value", poverty.ErrMissing))
		}
	}
	for i := range f.AgeLimits {
		a := &f.AgeLimits[i]
		check(kindAges, &a.Header)
		nonNeg(kindAges, &a.Header, "min_age", a.Min)
		for _, v := range [...]struct {
			f string
			n int
		}{{"women_max_age", a.WomenMax}, {"men_max_age", a.MenMax}} {
			if v.n != 0 && (v.n < a.Min || v.n > 150) {
				bad(kindAges, &a.Header, v.f, strconv.Itoa(v.n), poverty.ErrRange)
			}
		}
		unconfirmed(kindAges, &a.Header, "min_age", a.Min != 0 || a.WomenMax != 0 || a.MenMax != 0)
	}
	for i := range f.MinimumWages {
		m := &f.MinimumWages[i]
		check(kindMinWages, &m.Header)
		if m.Status == poverty.Unconfirmed {
			unconfirmed(kindMinWages, &m.Header, "monthly", m.Monthly != 0)
		} else if m.Monthly <= 0 || m.Monthly > maxMonthlyWage {
			bad(kindMinWages, &m.Header, "monthly", m.Monthly.String(), poverty.ErrRange)
		}
	}
	for i := range f.Stable {
		s := &f.Stable[i]
		check(kindStable, &s.Header)
		nonNeg(kindStable, &s.Header, "min_days", s.MinDays)
		nonNeg(kindStable, &s.Header, "min_contract_months", s.MinContractMonths)
		unconfirmed(kindStable, &s.Header, "min_days", s.MinDays != 0 || s.MinContractMonths != 0 || s.MinimumWage)
	}
	for i := range f.Transfer {
		t := &f.Transfer[i]
		check(kindTransfer, &t.Header)
		if t.OutsideOf == 0 && t.Status != poverty.Unconfirmed {
			bad(kindTransfer, &t.Header, "outside_of", "", poverty.ErrMissing)
		}
		nonNeg(kindTransfer, &t.Header, "min_months", t.MinMonths)
		unconfirmed(kindTransfer, &t.Header, "min_months", t.OutsideOf != 0 || t.MinMonths != 0)
	}
	for i := range f.AwardTables {
		t := &f.AwardTables[i]
		check(kindTables, &t.Header)
		nonNeg(kindTables, &t.Header, "min_months_in_post", t.MinMonthsInPost)
		if len(t.Rows) == 0 {
			bad(kindTables, &t.Header, "rows", "", poverty.ErrMissing)
		}
		prev := 0
		for j, r := range t.Rows {
			fl := "rows[" + strconv.Itoa(j) + "]"
			if r.MinWorkers <= prev || (r.MaxWorkers != 0 && r.MaxWorkers < r.MinWorkers) {
				bad(kindTables, &t.Header, fl+".min_workers", strconv.Itoa(r.MinWorkers), fmt.Errorf("%w: bands must be increasing and disjoint", poverty.ErrRange))
			}
			if r.MaxWorkers == 0 && j != len(t.Rows)-1 {
				bad(kindTables, &t.Header, fl+".max_workers", "0", fmt.Errorf("%w: only the last band is open", poverty.ErrRange))
			}
			prev = max(r.MinWorkers, r.MaxWorkers)
			money(kindTables, &t.Header, fl+".excellent", r.Excellent)
			money(kindTables, &t.Header, fl+".good", r.Good)
			money(kindTables, &t.Header, fl+".pass", r.Pass)
		}
	}
	for i := range f.Recognition {
		r := &f.Recognition[i]
		const k = kindRecognition
		check(k, &r.Header)
		if r.Counts == 0 {
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
		if r.WorkingAge != "" && !slices.ContainsFunc(f.AgeLimits, func(a AgeLimits) bool { return a.ID == r.WorkingAge }) {
			bad(k, &r.Header, "working_age", r.WorkingAge, ErrUnknownReference)
		}
		if r.Award.Table != "" && !slices.ContainsFunc(f.AwardTables, func(t AwardTable) bool { return t.ID == r.Award.Table }) {
			bad(k, &r.Header, "award.table", r.Award.Table, ErrUnknownReference)
		}
	}
	for i := range f.Transport {
		t := &f.Transport[i]
		const k = kindTransport
		check(k, &t.Header)
		if t.Counts == 0 {
			bad(k, &t.Header, "counts", "", poverty.ErrMissing)
		}
		nonNeg(k, &t.Header, "min_months", t.MinMonths)
		money(k, &t.Header, "min_annual_wage", t.MinAnnualWage)
		if len(t.Tiers) == 0 {
			bad(k, &t.Header, "tiers", "", poverty.ErrMissing)
		}
		for j, tier := range t.Tiers {
			fl := "tiers[" + strconv.Itoa(j) + "]"
			if len(tier.Places) == 0 {
				bad(k, &t.Header, fl+".places", "", poverty.ErrMissing)
			}
			if (tier.Amount > 0) == (tier.Cap > 0) {
				bad(k, &t.Header, fl+".amount", tier.Amount.String(), fmt.Errorf("%w: a tier has either an amount or a cap", poverty.ErrSyntax))
			}
			money(k, &t.Header, fl+".amount", tier.Amount)
			money(k, &t.Header, fl+".cap", tier.Cap)
			money(k, &t.Header, fl+".labour", tier.Labor)
		}
	}
	for i := range f.ReturnWindows {
		w := &f.ReturnWindows[i]
		check(kindWindows, &w.Header)
		if w.Status == poverty.Unconfirmed {
			unconfirmed(kindWindows, &w.Header, "days", w.Days != 0)
		} else if w.Days < 1 || w.Days > 3660 {
			bad(kindWindows, &w.Header, "days", strconv.Itoa(w.Days), poverty.ErrRange)
		}
	}
	return errors.Join(errs...)
}

// Vintage returns the vintage of the parameters: for the embedded set the
// date of the newest source behind them, "2024-04-09" (the 抚远市 notice);
// for an overlay, the overlay's when it states one.
func (p *Params) Vintage() string { return p.vintage }

// Overlay returns a new parameter set in which the records of o replace the
// records of p of the same kind and ID, and o's other records are added.
// Replaced records are not erased: [Params.History] lists them. Neither p
// nor o is changed.
func (p *Params) Overlay(o *Params) *Params {
	n := &Params{vintage: p.vintage}
	if o.vintage != "" {
		n.vintage = o.vintage
	}
	n.ages = p.ages.Overlay(o.ages)
	n.minWages = p.minWages.Overlay(o.minWages)
	n.stable = p.stable.Overlay(o.stable)
	n.transfer = p.transfer.Overlay(o.transfer)
	n.recognition = p.recognition.Overlay(o.recognition)
	n.tables = p.tables.Overlay(o.tables)
	n.transport = p.transport.Overlay(o.transport)
	n.windows = p.windows.Overlay(o.windows)
	return n
}

// Version is one version of a parameter record, as [Params.History] and
// [Params.All] list them: the kind of record (the member of the parameter
// file that holds it), its header with the provenance, and a copy of the
// whole record.
//
// The zero Version is no record.
type Version struct {
	Kind string
	Header
	// Record is a copy of the record, sharing no memory with the
	// parameter set: an AgeLimits, MinimumWage, StableRule, TransferRule,
	// RecognitionRule, AwardTable, TransportRule or ReturnWindow value.
	Record any
}

// History returns every version of the record of the kind with the ID,
// oldest first and the current one last: the embedded record, then each
// record an overlay laid over it. kind is the member of the parameter file
// that holds the record: "age_limits", "minimum_wages",
// "stable_employment", "transferred_labour", "recognition",
// "award_tables", "transport" or "return_windows" (an ID is unique only
// within its kind: "jilin-2018" names both Jilin's age limits and its
// recognition rule). An unknown kind or ID has no history (nil).
func (p *Params) History(kind, id string) []Version {
	switch kind {
	case kindAges:
		return versions(kind, p.ages.History(id, nil))
	case kindMinWages:
		return versions(kind, p.minWages.History(id, nil))
	case kindStable:
		return versions(kind, p.stable.History(id, nil))
	case kindTransfer:
		return versions(kind, p.transfer.History(id, nil))
	case kindRecognition:
		return versions(kind, p.recognition.History(id, RecognitionRule.clone))
	case kindTables:
		return versions(kind, p.tables.History(id, AwardTable.clone))
	case kindTransport:
		return versions(kind, p.transport.History(id, TransportRule.clone))
	case kindWindows:
		return versions(kind, p.windows.History(id, nil))
	}
	return nil
}

// All returns the current version of every record, whatever its status,
// scope or period: the kinds in the order of the parameter file, the
// records of each in file order (an overlay's new records after them). It
// is the register of the parameters; the lookups decide what to serve.
func (p *Params) All() []Version {
	var out []Version
	out = appendAll(out, kindAges, p.ages, nil)
	out = appendAll(out, kindMinWages, p.minWages, nil)
	out = appendAll(out, kindStable, p.stable, nil)
	out = appendAll(out, kindTransfer, p.transfer, nil)
	out = appendAll(out, kindRecognition, p.recognition, RecognitionRule.clone)
	out = appendAll(out, kindTables, p.tables, AwardTable.clone)
	out = appendAll(out, kindTransport, p.transport, TransportRule.clone)
	out = appendAll(out, kindWindows, p.windows, nil)
	return out
}

// versions wraps copied records.
func versions[T any, PT hasHeader[T]](kind string, recs []T) []Version {
	if len(recs) == 0 {
		return nil
	}
	out := make([]Version, len(recs))
	for i := range recs {
		out[i] = Version{Kind: kind, Header: *PT(&recs[i]).header(), Record: recs[i]}
	}
	return out
}

func appendAll[T any, PT hasHeader[T]](out []Version, kind string, s param.Set[string, T], clone func(T) T) []Version {
	for _, r := range s.All() {
		if clone != nil {
			r = clone(r)
		}
		out = append(out, Version{Kind: kind, Header: *PT(&r).header(), Record: r})
	}
	return out
}

// serve decides whether the record may be returned for a lookup in region
// (named: asked for by its ID) in year (0: any year).
func (h *Header) serve(op, kind string, region poverty.Region, named bool, year int, opts poverty.LookupOptions) error {
	if err := h.Serve(region, named, opts); err != nil {
		return paramErr(op, kind, h.ID, "status", h.Label(), err)
	}
	if year != 0 && !h.InForceIn(year) {
		return paramErr(op, kind, h.ID, "year", strconv.Itoa(year), poverty.ErrNotInForce)
	}
	return nil
}

// find returns the record with the ID, checked for status and year. year 0
// skips the in-force check. The record is shared: callers copy it.
func find[T any, PT hasHeader[T]](s param.Set[string, T], op, kind, id string, year int, opts poverty.LookupOptions) (*T, error) {
	r := s.Get(id)
	if r == nil {
		return nil, paramErr(op, kind, id, "id", id, ErrUnknownRule)
	}
	if err := PT(r).header().serve(op, kind, poverty.National, true, year, opts); err != nil {
		return nil, err
	}
	return r, nil
}

// inForce returns copies of the records served in region in year, in
// file order.
func inForce[T any, PT hasHeader[T]](s param.Set[string, T], kind string, region poverty.Region, year int, opts poverty.LookupOptions, clone func(T) T) []T {
	var out []T
	all := s.All()
	for i := range all {
		if PT(&all[i]).header().serve("", kind, region, false, year, opts) == nil {
			if clone != nil {
				out = append(out, clone(all[i]))
			} else {
				out = append(out, all[i])
			}
		}
	}
	return out
}

// record is the set of parameter record types, the type arguments of
// [Lookup] and [LookupIn].
type record interface {
	AgeLimits | MinimumWage | StableRule | TransferRule | RecognitionRule | AwardTable | TransportRule | ReturnWindow
}

// Lookup returns a copy of the parameter record of type T with the ID, in
// force in year (0: any year):
//
//	stable, err := labor.Lookup[labor.StableRule](p, "zero-employment-exit", 2020, opts)
//
// The record type names the kind (an ID is unique only within its kind:
// "jilin-2018" is both Jilin's age limits and its recognition rule), so
// the result needs no assertion and a type that is not a record kind does
// not compile. One generic function serves the eight kinds instead of one
// method each, because Go methods take no type parameters. A lookup can
// fail for several reasons, so it returns an error, never a bool: an
// unknown ID is [ErrUnknownRule]; asked for by ID, a LOCAL record is
// served for any region, a SECONDARY one needs opts.AcceptSecondary
// ([poverty.ErrSecondary]), an UNCONFIRMED one never is
// ([poverty.ErrUnconfirmed]), and a record outside its period is
// [poverty.ErrNotInForce]; each is a *[poverty.FieldError] with Op
// "labor.Lookup" and Record "<kind> <id>". The copy shares no memory with
// p.
func Lookup[T AgeLimits | MinimumWage | StableRule | TransferRule | RecognitionRule | AwardTable | TransportRule | ReturnWindow](p *Params, id string, year int, opts poverty.LookupOptions) (T, error) {
	return lookup[T](p, "labor.Lookup", id, year, opts)
}

// lookup is [Lookup] for the operation op.
func lookup[T record](p *Params, op, id string, year int, opts poverty.LookupOptions) (T, error) {
	var v T
	var err error
	switch x := any(&v).(type) {
	case *AgeLimits:
		err = get(x, p.ages, op, kindAges, id, year, opts, nil)
	case *MinimumWage:
		err = get(x, p.minWages, op, kindMinWages, id, year, opts, nil)
	case *StableRule:
		err = get(x, p.stable, op, kindStable, id, year, opts, nil)
	case *TransferRule:
		err = get(x, p.transfer, op, kindTransfer, id, year, opts, nil)
	case *RecognitionRule:
		err = get(x, p.recognition, op, kindRecognition, id, year, opts, RecognitionRule.clone)
	case *AwardTable:
		err = get(x, p.tables, op, kindTables, id, year, opts, AwardTable.clone)
	case *TransportRule:
		err = get(x, p.transport, op, kindTransport, id, year, opts, TransportRule.clone)
	case *ReturnWindow:
		err = get(x, p.windows, op, kindWindows, id, year, opts, nil)
	}
	return v, err
}

// get copies the record with the ID into dst.
func get[T any, PT hasHeader[T]](dst *T, s param.Set[string, T], op, kind, id string, year int, opts poverty.LookupOptions, clone func(T) T) error {
	r, err := find[T, PT](s, op, kind, id, year, opts)
	if err != nil {
		return err
	}
	if clone != nil {
		*dst = clone(*r)
	} else {
		*dst = *r
	}
	return nil
}

// LookupIn returns copies of the parameter records of type T served in
// region in year, in file order: national ones and those whose scope
// covers the region (a county's rule covers no province: ask for it by ID
// with [Lookup]), SECONDARY ones only with opts.AcceptSecondary, never
// UNCONFIRMED ones. It is the lookup of the rules that apply in a place,
// such as the recognition rules or transport subsidies of a province:
//
//	rules := labor.LookupIn[labor.RecognitionRule](p, poverty.MustParseRegion("50"), 2022, opts)
func LookupIn[T AgeLimits | MinimumWage | StableRule | TransferRule | RecognitionRule | AwardTable | TransportRule | ReturnWindow](p *Params, region poverty.Region, year int, opts poverty.LookupOptions) []T {
	var out []T
	switch x := any(&out).(type) {
	case *[]AgeLimits:
		*x = inForce(p.ages, kindAges, region, year, opts, nil)
	case *[]MinimumWage:
		*x = inForce(p.minWages, kindMinWages, region, year, opts, nil)
	case *[]StableRule:
		*x = inForce(p.stable, kindStable, region, year, opts, nil)
	case *[]TransferRule:
		*x = inForce(p.transfer, kindTransfer, region, year, opts, nil)
	case *[]RecognitionRule:
		*x = inForce(p.recognition, kindRecognition, region, year, opts, RecognitionRule.clone)
	case *[]AwardTable:
		*x = inForce(p.tables, kindTables, region, year, opts, AwardTable.clone)
	case *[]TransportRule:
		*x = inForce(p.transport, kindTransport, region, year, opts, TransportRule.clone)
	case *[]ReturnWindow:
		*x = inForce(p.windows, kindWindows, region, year, opts, nil)
	}
	return out
}

// clone returns a copy that shares no slice with the parameter set, so that
// a caller changing it cannot change the immutable [Params].
func (r RecognitionRule) clone() RecognitionRule {
	c := r
	c.Sites, c.ExcludedSites, c.Types = slices.Clone(r.Sites), slices.Clone(r.ExcludedSites), slices.Clone(r.Types)
	return c
}

func (t TransportRule) clone() TransportRule {
	c := t
	c.Channels = slices.Clone(t.Channels)
	c.Tiers = slices.Clone(t.Tiers)
	for i := range c.Tiers {
		c.Tiers[i].Places = slices.Clone(c.Tiers[i].Places)
		c.Tiers[i].Provinces = slices.Clone(c.Tiers[i].Provinces)
	}
	return c
}

func (t AwardTable) clone() AwardTable {
	c := t
	c.Rows = slices.Clone(t.Rows)
	return c
}
