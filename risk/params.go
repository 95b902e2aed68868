package risk

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/openfupin/fupin/poverty"
)

// DataVintage is the date of the newest source behind the embedded data of
// this package (长顺县's risk-elimination procedure, 2024-12-30).
const DataVintage = "2024-12-30"

// Basis is how a parameter or rule of this package is grounded. Unlike
// [poverty.SourceStatus] it has words for the two kinds of value that no
// national document fixes: a county's rule, and the library's own default.
// The zero value is unset and is never valid in data.
type Basis uint8

// Bases.
const (
	BasisUnset Basis = iota
	// Confirmed: an official document or government page (possibly only for
	// a province; the source says so).
	Confirmed
	// Secondary: one non-official source.
	Secondary
	// CountyRule: confirmed only as one county's rule, applied as an
	// overridable default.
	CountyRule
	// Default: an explicit library default where no document gives a number.
	// Never national policy; callers set their own.
	Default
)

var basisWords = poverty.Words{"unset", "CONFIRMED", "SECONDARY", "COUNTY_RULE", "DEFAULT"}

// String returns "CONFIRMED", "SECONDARY", "COUNTY_RULE" or "DEFAULT".
func (b Basis) String() string { return basisWords.Word(int(b), "Basis") }

// MarshalText implements [encoding.TextMarshaler].
func (b Basis) MarshalText() ([]byte, error) { return basisWords.Marshal(int(b), "status") }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (b *Basis) UnmarshalText(t []byte) error {
	i, err := basisWords.Parse(t, "status")
	*b = Basis(i)
	return err
}

// Unit is the unit of a [Param]. The zero value "" is no unit and is invalid.
type Unit string

// Units of parameters.
const (
	UnitYuan   Unit = "yuan"   // an amount of money; the value is in Param.Amount
	UnitRatio  Unit = "ratio"  // a ratio or share; the value is in Param.Rate
	UnitMonths Unit = "months" // a count of months; the value is in Param.Count
)

// Param is one numeric parameter of a rule, with its provenance. Warnings
// and criteria carry the Param that decided them, so that a case worker can
// say which value was applied and where it comes from.
//
// The zero Param has no ID and no value; [Params.Validate] rejects it.
type Param struct {
	ID     string        `json:"id"`
	Unit   Unit          `json:"unit"`
	Amount poverty.Money `json:"amount,omitempty"`
	Rate   poverty.Rate  `json:"rate,omitempty"`
	Count  int           `json:"count,omitempty"`
	Status Basis         `json:"status"`
	Source string        `json:"source"`
	Note   string        `json:"note,omitempty"`
	Origin string        `json:"origin,omitempty"` // "embedded", or the name given to [Params.Load]
}

// Value returns the parameter's value as text: "10000.00", "0.3", "6".
func (p Param) Value() string {
	switch p.Unit {
	case UnitYuan:
		return p.Amount.String()
	case UnitRatio:
		return p.Rate.String()
	}
	return strconv.Itoa(p.Count)
}

// Cite returns a short citation: "medical_oop_amount = 10000.00 yuan
// (DEFAULT): source".
func (p Param) Cite() string {
	return p.ID + " = " + p.Value() + " " + string(p.Unit) + " (" + p.Status.String() + "): " + p.Source
}

// Params are the numeric parameters of the rules of this package. Each field
// is a [Param] with its source and status. The warning triggers are
// explicit library defaults (status DEFAULT): no national document fixes
// them (docs/POLICY.md 3.2). The six-month stability period is a county rule
// (枞阳县); the 5% and 10% caps are CONFIRMED.
//
// Get the embedded values with [DefaultParams] and override them with
// [Params.Load] or by assigning a field a Param with your own source. The
// zero Params is invalid; [Params.Validate] says why.
type Params struct {
	// RigidExcess: the multiple of the previous year's household income that
	// rigid expenditure must exceed (DEFAULT 1).
	RigidExcess Param
	// IncomeDropShare: the fall of recent monthly income that counts as
	// "sharply reduced" (DEFAULT 30%).
	IncomeDropShare Param
	// IncomeDropRecentMonths: how many of the last months of the window are
	// "recent" (DEFAULT 3).
	IncomeDropRecentMonths Param
	// MedicalOOPAmount: compliant out-of-pocket medical spending over the
	// window that raises a warning (DEFAULT 10,000 yuan).
	MedicalOOPAmount Param
	// MedicalOOPShare: the same as a share of the window's household income
	// (DEFAULT 30%).
	MedicalOOPShare Param
	// StableMonths: months of income stably above the line before risk is
	// eliminated (COUNTY_RULE 6, 枞阳县).
	StableMonths Param
	// CapGeneral: monitored population as a share of the registered
	// population, generally (CONFIRMED about 5%).
	CapGeneral Param
	// CapDeep: the same in deep-poverty areas (CONFIRMED at most 10%).
	CapDeep Param

	history []Param // values replaced by Load, oldest first
}

// ParamIDs lists the parameter IDs of the file schema in field order.
var paramIDs = [...]string{"rigid_excess", "income_drop_share", "income_drop_recent_months",
	"medical_oop_amount", "medical_oop_share", "stable_months", "cap_general", "cap_deep"}

var paramUnits = [...]Unit{UnitRatio, UnitRatio, UnitMonths, UnitYuan, UnitRatio, UnitMonths, UnitRatio, UnitRatio}

func (p *Params) fields() [len(paramIDs)]*Param {
	return [...]*Param{&p.RigidExcess, &p.IncomeDropShare, &p.IncomeDropRecentMonths, &p.MedicalOOPAmount,
		&p.MedicalOOPShare, &p.StableMonths, &p.CapGeneral, &p.CapDeep}
}

//go:embed data/params.json
var paramsJSON []byte

var defaultParams = sync.OnceValue(func() Params {
	var p Params
	q, err := p.load(bytes.NewReader(paramsJSON), "embedded", true)
	if err != nil {
		panic("risk: embedded params.json: " + err.Error())
	}
	return q
})

// DefaultParams returns the parameters embedded in the package. Each call
// returns a fresh copy; changing it changes nothing shared.
func DefaultParams() Params {
	p := defaultParams()
	p.history = append([]Param(nil), p.history...)
	return p
}

// MaxParamsBytes bounds the size of a parameter file [Params.Load] reads.
const MaxParamsBytes = 1 << 20

type paramsDoc struct {
	Schema  string      `json:"schema"`
	Vintage string      `json:"vintage"`
	Params  []paramFile `json:"params"`
}

type paramFile struct {
	ID     string `json:"id"`
	Unit   Unit   `json:"unit"`
	Value  string `json:"value"`
	Status string `json:"status"`
	Source string `json:"source"`
	Note   string `json:"note"`
}

// Load returns a copy of p in which the parameters of the file (schema
// "fupin.risk.params/1", the schema of the embedded data/params.json)
// replace those with the same ID. Parameters the file does not name are
// kept. Replaced values are not erased: [Params.History] returns them.
// Decoding is strict: unknown fields, unknown IDs, a unit other than the
// parameter's, a missing source or status, and a value out of range are
// *[poverty.FieldError] naming the file, the parameter and the field.
func (p Params) Load(r io.Reader, name string) (Params, error) { return p.load(r, name, false) }

func (p Params) load(r io.Reader, name string, complete bool) (Params, error) {
	var doc paramsDoc
	if err := readFile(r, name, MaxParamsBytes, "fupin.risk.params/1", &doc); err != nil {
		return Params{}, err
	}
	out := p
	out.history = append([]Param(nil), p.history...)
	fields := out.fields()
	seen := [len(paramIDs)]bool{}
	for i := range doc.Params {
		pf := &doc.Params[i]
		rec := name + " params[" + strconv.Itoa(i) + "]"
		if pf.ID != "" {
			rec = name + " " + pf.ID
		}
		k := -1
		for j, id := range paramIDs {
			if id == pf.ID {
				k = j
			}
		}
		if k < 0 {
			return Params{}, &poverty.FieldError{Record: rec, Field: "id", Value: pf.ID, Err: poverty.ErrUnknownWord}
		}
		if seen[k] {
			return Params{}, &poverty.FieldError{Record: rec, Field: "id", Value: pf.ID, Err: poverty.ErrDuplicate}
		}
		seen[k] = true
		v, err := pf.decode(rec, paramUnits[k])
		if err != nil {
			return Params{}, err
		}
		v.Origin = name
		if fields[k].ID != "" {
			out.history = append(out.history, *fields[k])
		}
		*fields[k] = v
	}
	if complete {
		for k, ok := range seen {
			if !ok {
				return Params{}, &poverty.FieldError{Record: name, Field: "params", Value: paramIDs[k], Err: poverty.ErrMissing}
			}
		}
	}
	if err := out.Validate(); err != nil {
		return Params{}, err
	}
	return out, nil
}

func (pf *paramFile) decode(rec string, unit Unit) (Param, error) {
	fail := func(field, value string, err error) (Param, error) {
		return Param{}, &poverty.FieldError{Record: rec, Field: field, Value: value, Err: err}
	}
	v := Param{ID: pf.ID, Unit: pf.Unit, Source: pf.Source, Note: pf.Note}
	if pf.Unit != unit {
		return fail("unit", string(pf.Unit), fmt.Errorf("%w: want %q", poverty.ErrUnknownWord, unit))
	}
	if err := v.Status.UnmarshalText([]byte(pf.Status)); err != nil {
		return fail("status", pf.Status, err)
	}
	if pf.Source == "" {
		return fail("source", "", poverty.ErrMissing)
	}
	var err error
	switch unit {
	case UnitYuan:
		v.Amount, err = poverty.ParseMoney(pf.Value)
	case UnitRatio:
		v.Rate, err = poverty.ParseRate(pf.Value)
	case UnitMonths:
		v.Count, err = strconv.Atoi(pf.Value)
		if err != nil {
			err = poverty.ErrSyntax
		}
	}
	if err != nil {
		return fail("value", pf.Value, err)
	}
	return v, nil
}

// Validate checks that every parameter has its ID, unit, status and source
// and a value in range: amounts and rates not negative, shares at most 1,
// the recent-month count between 1 and 11, the stable-month count between 1
// and 60. Problems are *[poverty.FieldError], joined.
func (p *Params) Validate() error {
	var errs []error
	for k, f := range p.fields() {
		id := paramIDs[k]
		add := func(field, value string, err error) {
			errs = append(errs, &poverty.FieldError{Record: "params " + id, Field: field, Value: value, Err: err})
		}
		if f.ID != id {
			add("id", f.ID, poverty.ErrMissing)
			continue
		}
		if f.Unit != paramUnits[k] {
			add("unit", string(f.Unit), poverty.ErrUnknownWord)
		}
		if f.Status == BasisUnset || int(f.Status) >= len(basisWords) {
			add("status", f.Status.String(), poverty.ErrMissing)
		}
		if f.Source == "" {
			add("source", "", poverty.ErrMissing)
		}
		switch {
		case f.Amount < 0 || f.Rate < 0:
			add("value", f.Value(), poverty.ErrNegative)
		case f.Unit == UnitRatio && id != "rigid_excess" && f.Rate > poverty.One:
			add("value", f.Value(), poverty.ErrRange)
		case f.Unit == UnitRatio && f.Rate > 1000*poverty.One:
			add("value", f.Value(), poverty.ErrRange)
		case f.Unit == UnitYuan && f.Amount > poverty.MaxAmount:
			add("value", f.Value(), poverty.ErrRange)
		case id == "income_drop_recent_months" && (f.Count < 1 || f.Count > 11):
			add("value", f.Value(), poverty.ErrRange)
		case id == "stable_months" && (f.Count < 1 || f.Count > 60):
			add("value", f.Value(), poverty.ErrRange)
		}
	}
	return errors.Join(errs...)
}

// History returns the parameter values that [Params.Load] replaced, oldest
// first, so that an override never erases what was in force before.
func (p *Params) History() []Param { return append([]Param(nil), p.history...) }

// List returns every parameter in field order.
func (p *Params) List() []Param {
	var out []Param
	for _, f := range p.fields() {
		out = append(out, *f)
	}
	return out
}
