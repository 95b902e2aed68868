package risk

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/openfupin/fupin/internal/paramfile"
	"github.com/openfupin/fupin/poverty"
)

// DataVintage is the date of the newest source behind the embedded data of
// this package (长顺县's risk-elimination procedure, 2024-12-30).
const DataVintage = "2024-12-30"

// Param is one numeric parameter of a rule, with its provenance (embedded:
// p.Source, p.Status, p.Scope, p.Cite() ...). Warnings and criteria carry
// the Param that decided them, so that a case worker can say which value
// was applied and how far it can be trusted.
//
// An UNCONFIRMED Param has no value: it records a gap and is never applied
// ([Assess], [EliminationTest] and [Report.CapTest] refuse it with
// [poverty.ErrUnconfirmed]).
//
// The zero Param has no ID and no value; [Params.Validate] rejects it.
type Param struct {
	ID string `json:"id"`
	// Unit is [poverty.UnitYuan] (the value is in Amount),
	// [poverty.UnitRatio] (in Rate) or [poverty.UnitMonths] (in Count).
	Unit   poverty.Unit  `json:"unit"`
	Amount poverty.Money `json:"amount,omitempty"`
	Rate   poverty.Rate  `json:"rate,omitempty"`
	Count  int           `json:"count,omitempty"`
	poverty.Provenance
	Origin string `json:"origin,omitempty"` // "embedded", or the name given to [LoadParams]
}

// Value returns the parameter's value as text: "10000.00", "0.3", "6"; ""
// for an UNCONFIRMED parameter, which has none.
func (p Param) Value() string {
	switch {
	case p.Status == poverty.Unconfirmed:
		return ""
	case p.Unit == poverty.UnitYuan:
		return p.Amount.String()
	case p.Unit == poverty.UnitRatio:
		return p.Rate.String()
	}
	return strconv.Itoa(p.Count)
}

// Cite returns a short citation: "medical_oop_amount = 10000.00 yuan:
// source [DEFAULT]", the provenance cited by [poverty.Provenance.Cite].
func (p Param) Cite() string {
	return p.ID + " = " + p.Value() + " " + string(p.Unit) + ": " + p.Provenance.Cite()
}

// Params are the numeric parameters of the rules of this package. Each field
// is a [Param] with its provenance. The warning triggers are library
// defaults (status DEFAULT): no national document fixes them
// (docs/POLICY.md 3.2). The stability period of the elimination test is a
// DEFAULT that follows 枞阳县's county rule (six months), because no
// national period exists (POLICY.md 2.3); set your province's own. The 5%
// and 10% caps are CONFIRMED.
//
// Get the embedded values with [DefaultParams], read a caller's file with
// [LoadParams] and combine them with [Params.Overlay]; [Params.History]
// keeps every version of a parameter. A field can also be assigned a Param
// with your own provenance. A Params from [LoadParams] holds only the
// parameters its file names (the others have no ID): overlay it on a
// complete Params before use. The zero Params is invalid;
// [Params.Validate] says why.
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
	// eliminated (DEFAULT 6, following 枞阳县's county rule; no national
	// period exists).
	StableMonths Param
	// CapGeneral: monitored population as a share of the registered
	// population, generally (CONFIRMED about 5%).
	CapGeneral Param
	// CapDeep: the same in deep-poverty areas (CONFIRMED at most 10%).
	CapDeep Param

	history []Param // versions replaced by Overlay, oldest first
}

// paramIDs lists the parameter IDs of the file schema in field order.
var paramIDs = [...]string{"rigid_excess", "income_drop_share", "income_drop_recent_months",
	"medical_oop_amount", "medical_oop_share", "stable_months", "cap_general", "cap_deep"}

var paramUnits = [...]poverty.Unit{poverty.UnitRatio, poverty.UnitRatio, poverty.UnitMonths, poverty.UnitYuan, poverty.UnitRatio, poverty.UnitMonths, poverty.UnitRatio, poverty.UnitRatio}

func (p *Params) fields() [len(paramIDs)]*Param {
	return [...]*Param{&p.RigidExcess, &p.IncomeDropShare, &p.IncomeDropRecentMonths, &p.MedicalOOPAmount,
		&p.MedicalOOPShare, &p.StableMonths, &p.CapGeneral, &p.CapDeep}
}

//go:embed data/params.json
var paramsJSON []byte

var defaultParams = sync.OnceValue(func() Params {
	p, err := LoadParams(bytes.NewReader(paramsJSON), "embedded")
	if err == nil {
		err = p.Validate()
	}
	if err != nil {
		panic("risk: embedded params.json: " + err.Error())
	}
	return p
})

// DefaultParams returns the parameters embedded in the package
// (data/params.json). Params are values: changing the result changes
// nothing another caller sees.
func DefaultParams() Params {
	p := defaultParams()
	p.history = append([]Param(nil), p.history...)
	return p
}

// maxParamsBytes bounds the size of a parameter file the loaders of this
// package read: 1 MiB.
const maxParamsBytes = 1 << 20

type paramsDoc struct {
	Schema  string      `json:"schema"`
	Vintage string      `json:"vintage"`
	Params  []paramFile `json:"params"`
}

type paramFile struct {
	ID    string       `json:"id"`
	Unit  poverty.Unit `json:"unit"`
	Value string       `json:"value"`
	poverty.Provenance
}

// LoadParams reads a parameter file (schema "fupin.risk.params/2", the
// schema of the embedded data/params.json): a "params" list whose records
// have "id", "unit", "value" (text: "8000", "0.3", "6"; absent for an
// UNCONFIRMED record) and the provenance members "source", "status",
// "qualifier", "scope", "from", "to" and "note". The file may name any
// subset of the parameters; the result holds only those (combine it with
// [Params.Overlay]). Every status is accepted; an UNCONFIRMED record must
// have no value, any other a value in range. Decoding is strict: unknown
// fields, unknown IDs, a unit other than the parameter's, a repeated ID and
// an incomplete provenance are *[poverty.FieldError] naming the file, the
// parameter and the field, with Op "risk.LoadParams". The file is at most
// 1 MiB.
func LoadParams(r io.Reader, name string) (Params, error) {
	p, err := loadParams(r, name)
	return p, withOp("risk.LoadParams", err)
}

func loadParams(r io.Reader, name string) (Params, error) {
	var doc paramsDoc
	if err := paramfile.Read(r, name, maxParamsBytes, "fupin.risk.params/2", &doc); err != nil {
		return Params{}, err
	}
	var out Params
	fields := out.fields()
	for i := range doc.Params {
		pf := &doc.Params[i]
		rec := name + " params[" + strconv.Itoa(i) + "]"
		if pf.ID != "" {
			rec = name + " " + pf.ID
		}
		k := paramIndex(pf.ID)
		if k < 0 {
			return Params{}, &poverty.FieldError{Record: rec, Field: "id", Value: pf.ID, Err: poverty.ErrUnknownWord}
		}
		if fields[k].ID != "" {
			return Params{}, &poverty.FieldError{Record: rec, Field: "id", Value: pf.ID, Err: poverty.ErrDuplicate}
		}
		v, err := pf.decode(rec, paramUnits[k])
		if err != nil {
			return Params{}, err
		}
		v.Origin = name
		if err := validateParam(k, &v, rec); err != nil {
			return Params{}, err
		}
		*fields[k] = v
	}
	return out, nil
}

func paramIndex(id string) int {
	for j, x := range paramIDs {
		if x == id {
			return j
		}
	}
	return -1
}

func (pf *paramFile) decode(rec string, unit poverty.Unit) (Param, error) {
	fail := func(field, value string, err error) (Param, error) {
		return Param{}, &poverty.FieldError{Record: rec, Field: field, Value: value, Err: err}
	}
	v := Param{ID: pf.ID, Unit: pf.Unit, Provenance: pf.Provenance}
	if pf.Unit != unit {
		return fail("unit", string(pf.Unit), fmt.Errorf("%w: want %q", poverty.ErrUnknownWord, unit))
	}
	if err := pf.Provenance.Validate(rec); err != nil {
		return Param{}, err
	}
	if pf.Status == poverty.Unconfirmed {
		if pf.Value != "" {
			return fail("value", pf.Value, fmt.Errorf("%w: an UNCONFIRMED parameter has no value (quote the commonly cited figure in the note)", poverty.ErrUnconfirmed))
		}
		return v, nil
	}
	var err error
	switch unit {
	case poverty.UnitYuan:
		v.Amount, err = poverty.ParseMoney(pf.Value)
	case poverty.UnitRatio:
		v.Rate, err = poverty.ParseRate(pf.Value)
	case poverty.UnitMonths:
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

// trailingMonths is the length of the monitoring window
// ([poverty.TrailingWindow]) in months.
func trailingMonths() int {
	return poverty.TrailingWindow(poverty.MustDate(2020, 1, 1)).Months()
}

// validateParam checks parameter k: its ID, unit, provenance and a value in
// range (none for an UNCONFIRMED parameter).
func validateParam(k int, f *Param, rec string) error {
	id := paramIDs[k]
	fail := func(field, value string, err error) error {
		return &poverty.FieldError{Record: rec, Field: field, Value: value, Err: err}
	}
	switch {
	case f.ID != id:
		return fail("id", f.ID, poverty.ErrMissing)
	case f.Unit != paramUnits[k]:
		return fail("unit", string(f.Unit), poverty.ErrUnknownWord)
	}
	if err := f.Provenance.Validate(rec); err != nil {
		return err
	}
	if f.Status == poverty.Unconfirmed {
		if f.Amount != 0 || f.Rate != 0 || f.Count != 0 {
			return fail("value", f.Value(), poverty.ErrUnconfirmed)
		}
		return nil
	}
	switch {
	case f.Amount < 0 || f.Rate < 0:
		return fail("value", f.Value(), poverty.ErrNegative)
	case f.Unit == poverty.UnitRatio && id != "rigid_excess" && f.Rate > poverty.One:
		return fail("value", f.Value(), poverty.ErrRange)
	case f.Unit == poverty.UnitRatio && f.Rate > 1000*poverty.One:
		return fail("value", f.Value(), poverty.ErrRange)
	case f.Unit == poverty.UnitYuan && f.Amount > poverty.MaxAmount:
		return fail("value", f.Value(), poverty.ErrRange)
	case id == "income_drop_recent_months" && (f.Count < 1 || f.Count >= trailingMonths()):
		return fail("value", f.Value(), poverty.ErrRange)
	case id == "stable_months" && (f.Count < 1 || f.Count > 60):
		return fail("value", f.Value(), poverty.ErrRange)
	}
	return nil
}

// Validate checks that every parameter is present with its ID, unit and a
// complete provenance ([poverty.Provenance.Validate]) and a value in range:
// amounts and rates not negative, shares at most 1, the recent-month count
// at least 1 and shorter than the monitoring window
// ([poverty.TrailingWindow]), the stable-month count between 1 and 60; an
// UNCONFIRMED parameter has no value. Problems are *[poverty.FieldError]
// (Op "risk.Params.Validate"), joined.
func (p *Params) Validate() error {
	var errs []error
	for k, f := range p.fields() {
		if err := validateParam(k, f, "params "+paramIDs[k]); err != nil {
			errs = append(errs, withOp("risk.Params.Validate", err))
		}
	}
	return errors.Join(errs...)
}

// use returns an error naming the first of the parameters that cannot be
// applied: absent (no ID: a partial Params from [LoadParams] not overlaid
// on a complete one) or UNCONFIRMED (no value). It does not allocate unless
// it fails.
func use(op string, ps ...*Param) error {
	for _, q := range ps {
		switch {
		case q.ID == "":
			return &poverty.FieldError{Op: op, Record: "params", Field: "id", Err: fmt.Errorf("%w: a parameter of the rule is absent (overlay a partial Params on DefaultParams)", poverty.ErrMissing)}
		case q.Status == poverty.Unconfirmed || q.Status == poverty.SourceUnset:
			return &poverty.FieldError{Op: op, Record: "params " + q.ID, Field: "status", Value: q.Status.String(), Err: poverty.ErrUnconfirmed}
		}
	}
	return nil
}

// Overlay returns a copy of p in which the parameters present in o (those
// with an ID) replace p's; the others are kept. Neither operand changes.
// The replaced versions, and o's own history, are kept: [Params.History]
// returns them, so an overlay never erases what was in force before.
func (p Params) Overlay(o Params) Params {
	out := p
	out.history = append(append([]Param(nil), p.history...), o.history...)
	fields, ofields := out.fields(), o.fields()
	for k, f := range ofields {
		if f.ID == "" {
			continue
		}
		if fields[k].ID != "" {
			out.history = append(out.history, *fields[k])
		}
		*fields[k] = *f
	}
	return out
}

// History returns every version of the parameter id, oldest first and the
// current one last: the versions [Params.Overlay] replaced, then the
// current value (if the parameter is present). Unknown IDs have none.
func (p Params) History(id string) []Param {
	var out []Param
	for _, h := range p.history {
		if h.ID == id {
			out = append(out, h)
		}
	}
	if k := paramIndex(id); k >= 0 {
		if f := p.fields()[k]; f.ID != "" {
			out = append(out, *f)
		}
	}
	return out
}

// List returns every parameter present, in field order: the IDs
// [Params.History] knows.
func (p *Params) List() []Param {
	var out []Param
	for _, f := range p.fields() {
		if f.ID != "" {
			out = append(out, *f)
		}
	}
	return out
}
