package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/openfupin/fupin/children"
	"github.com/openfupin/fupin/labor"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// The endpoints over packages risk, children and labor.

// TierRequest is the body of POST /v1/tier: a household, the date, the
// department events of the 12 months before it (package risk's event
// JSON; they need the household's monthly incomes of those months), the
// household's guarantees (poverty.Guarantees; absent or null: not
// assessed, and the response says so), and the scheme (by ID; empty: the
// scheme in force for the household's province and year).
type TierRequest struct {
	Household  poverty.Household   `json:"household"`
	On         poverty.Date        `json:"on"`
	Events     json.RawMessage     `json:"events,omitempty"`
	Guarantees *poverty.Guarantees `json:"guarantees,omitempty"`
	Scheme     string              `json:"scheme,omitempty"`
	PolicyOptions
}

// TierResponse is the result of POST /v1/tier. GuaranteesNotAssessed says,
// when the request has no guarantees, that the tier read income and events
// only (tier.guarantees is then null).
type TierResponse struct {
	HouseholdID           string            `json:"household_id"`
	Tier                  risk.TierResult   `json:"tier"`
	GuaranteesNotAssessed string            `json:"guarantees_not_assessed,omitempty"`
	Warnings              []WarningView     `json:"warnings,omitempty"`
	Line                  poverty.Threshold `json:"monitoring_line,omitzero"`
}

// notAssessedNote is TierResponse.GuaranteesNotAssessed.
const notAssessedNote = "the request has no \"guarantees\": the tier reads income and events only, and a household with a guarantee not secured may show a better colour than the scheme gives it"

// WarningView is one triggered warning with its explanation.
type WarningView struct {
	Code    string `json:"code"`
	Explain string `json:"explain"`
}

func (s *server) tier(w http.ResponseWriter, r *http.Request) (any, *Problem) {
	var req TierRequest
	if p := decodeJSON(w, r, s.maxBody, &req); p != nil {
		return nil, p
	}
	h := &req.Household
	if isIdentityKey(h.ID) {
		return nil, identityKeyProblem("household.id")
	}
	if err := h.Validate(); err != nil {
		return nil, validationProblem("household", err)
	}
	if req.On.IsZero() {
		return nil, newProblem(http.StatusUnprocessableEntity, typeInvalid, "on", "field on: the date of the assessment is required")
	}
	var scheme *risk.Scheme
	schemes := risk.DefaultSchemes()
	if req.Scheme != "" {
		if sc, ok := schemes.Lookup(req.Scheme); ok {
			scheme = &sc
		}
	} else {
		if sc, ok := schemes.For(h.Province(), h.Year); ok {
			scheme = &sc
		}
	}
	if scheme == nil {
		detail := fmt.Sprintf("no colour-tier scheme in force for province %s in %d", h.Province(), h.Year)
		if req.Scheme != "" {
			detail = "no scheme " + strconv.Quote(req.Scheme)
		}
		return nil, newProblem(http.StatusUnprocessableEntity, typeNoValue, "scheme", detail)
	}
	resp := TierResponse{HouseholdID: h.ID}
	in := risk.TierInput{Guarantees: req.Guarantees}
	if req.Guarantees == nil {
		resp.GuaranteesNotAssessed = notAssessedNote
	}
	pc, err := h.PerCapita()
	if err != nil {
		return nil, validationProblem("household", err)
	}
	in.PerCapita = pc
	if scheme.Basis == risk.RelativeToLine {
		line, err := s.table.MonitoringLine(h.Year, h.Province(), req.lookup())
		if err != nil {
			return nil, lookupProblem("household.year", err)
		}
		resp.Line, in.Line = line, &line
	}
	if len(req.Events) > 0 && string(req.Events) != "null" {
		events, err := risk.DecodeEvents(bytes.NewReader(req.Events))
		if err != nil {
			return nil, eventProblem(err)
		}
		a, err := risk.Assess(h, events, req.On, nil)
		if err != nil {
			return nil, assessProblem(err)
		}
		in.SevereGuaranteeFailure = a.SevereGuaranteeFailure
		for _, c := range a.Warnings() {
			resp.Warnings = append(resp.Warnings, WarningView{Code: c.Code(), Explain: c.Explain()})
		}
	}
	if resp.Tier, err = scheme.Classify(in); err != nil {
		return nil, validationProblem("household", err)
	}
	return resp, nil
}

// eventProblem names the event and field of a risk.EventError.
func eventProblem(err error) *Problem {
	var ee *risk.EventError
	if errors.As(err, &ee) {
		field := "events[" + strconv.Itoa(ee.Index) + "]"
		if ee.Field != "" && ee.Field != "json" { // "json": the event as a whole
			field += "." + ee.Field
		}
		return newProblem(http.StatusBadRequest, typeInvalid, field, err.Error())
	}
	return newProblem(http.StatusBadRequest, typeInvalid, "events", err.Error())
}

// assessProblem reports a household or event the early-warning rules
// cannot read (a missing month, an invalid event); events dated after the
// date are not an error: the assessment leaves them out and counts them.
func assessProblem(err error) *Problem {
	var fe *poverty.FieldError
	var ee *risk.EventError
	field := "household"
	if errors.As(err, &fe) {
		field += "." + fe.Field
	} else if errors.As(err, &ee) {
		field = "events[" + strconv.Itoa(ee.Index) + "]"
		if ee.Field != "" && ee.Field != "json" { // "json": the event as a whole
			field += "." + ee.Field
		}
	}
	return newProblem(http.StatusUnprocessableEntity, typeInvalid, field, err.Error())
}

// ChildRequest is the body of POST /v1/children/classify.
type ChildRequest struct {
	Child children.Child `json:"child"`
	On    poverty.Date   `json:"on"`
}

// ChildResponse is the result: the classification under each kind's
// primary scheme with its reasons, the care flags and their explanation.
type ChildResponse struct {
	ChildID        string                  `json:"child_id"`
	Status         children.Status         `json:"status"`
	Classification children.Classification `json:"classification"`
	Flags          children.Flags          `json:"flags"`
	MustReport     bool                    `json:"must_report"`
	Explain        string                  `json:"explain"`
}

func (s *server) child(w http.ResponseWriter, r *http.Request) (any, *Problem) {
	var req ChildRequest
	if p := decodeJSON(w, r, s.maxBody, &req); p != nil {
		return nil, p
	}
	if req.On.IsZero() {
		return nil, newProblem(http.StatusUnprocessableEntity, typeInvalid, "on", "field on: the date of the classification is required")
	}
	if err := req.Child.Validate(); err != nil {
		return nil, childProblem(err)
	}
	rules := children.Default()
	cl, err := rules.Classify(&req.Child, req.On)
	if err != nil {
		return nil, childProblem(err)
	}
	flags, err := rules.Check(&req.Child, &cl)
	if err != nil {
		return nil, childProblem(err)
	}
	return ChildResponse{ChildID: req.Child.ID, Status: cl.Status(), Classification: cl, Flags: flags,
		MustReport: flags.MustReport(), Explain: flags.Explain()}, nil
}

// childProblem names the field of a *poverty.FieldError of package children.
func childProblem(err error) *Problem {
	var re *poverty.FieldError
	field := "child"
	if errors.As(err, &re) && re.Field != "" {
		field += "." + re.Field
	}
	return newProblem(http.StatusUnprocessableEntity, typeInvalid, field, err.Error())
}

// ImpactRequest is the body of POST /v1/workshops/impact: a package labor
// records document (schema fupin.labor.records/1), the workshops to
// measure (empty: all), the two years and the province of the lines. Each
// year's income is compared with the lines of its own year
// (labor.ImpactLines); BaselineStandard is the baseline year's standard
// per head where the library's data hold it UNCONFIRMED (2017, 2018), to
// be supplied by the caller, and is refused for any other year.
type ImpactRequest struct {
	Records          json.RawMessage    `json:"records"`
	Workshops        []string           `json:"workshops,omitempty"`
	Year             int                `json:"year"`
	BaselineYear     int                `json:"baseline_year"`
	BaselineStandard poverty.Money      `json:"baseline_standard,omitempty"`
	Region           poverty.Region     `json:"region"`
	Children         *children.Snapshot `json:"children,omitempty"`
	PolicyOptions
}

func (s *server) impact(w http.ResponseWriter, r *http.Request) (any, *Problem) {
	var req ImpactRequest
	if p := decodeJSON(w, r, s.maxBody, &req); p != nil {
		return nil, p
	}
	if len(req.Records) == 0 {
		return nil, newProblem(http.StatusUnprocessableEntity, typeInvalid, "records", "field records: a labor records document is required")
	}
	idx, err := labor.DecodeRecords(bytes.NewReader(req.Records), "records")
	if err != nil {
		field := "records"
		var fe *poverty.FieldError
		if errors.As(err, &fe) && fe.Field != "" && fe.Field != "file" {
			field += "." + fe.Field
		}
		return nil, newProblem(http.StatusUnprocessableEntity, typeInvalid, field, err.Error())
	}
	if field := recordsIdentityKey(idx.Records(), req.Workshops); field != "" {
		return nil, identityKeyProblem(field)
	}
	before, err := labor.ImpactLines(s.table, req.BaselineYear, req.Region, req.Boundary, req.lookup())
	switch {
	case err != nil && req.BaselineStandard > 0 && errors.Is(err, poverty.ErrUnconfirmed):
		if before, err = suppliedStandard(s.table, req); err != nil {
			return nil, lookupProblem("baseline_standard", err)
		}
	case err != nil:
		return nil, lookupProblem("baseline_year", err)
	case req.BaselineStandard > 0:
		return nil, newProblem(http.StatusUnprocessableEntity, typeInvalid, "baseline_standard",
			"field baseline_standard: the data hold the standard of "+strconv.Itoa(req.BaselineYear)+"; supply one only for a year whose standard is UNCONFIRMED")
	}
	after, err := labor.ImpactLines(s.table, req.Year, req.Region, req.Boundary, req.lookup())
	if err != nil {
		return nil, lookupProblem("year", err)
	}
	ids := req.Workshops
	if len(ids) == 0 {
		ids = nil // every workshop in the records
	}
	imp, err := idx.Impact(ids, labor.ImpactOptions{Year: req.Year, BaselineYear: req.BaselineYear, Before: before, After: after, Children: req.Children})
	if err != nil {
		field := ""
		var fe *poverty.FieldError
		if errors.As(err, &fe) {
			field = fe.Field
		}
		return nil, newProblem(http.StatusUnprocessableEntity, typeInvalid, field, err.Error())
	}
	return imp, nil
}

// recordsIdentityKey returns the path of the first record key of a labor
// records document (or of the workshops asked for) that looks like an
// identity number; "" when none does.
func recordsIdentityKey(rs *labor.Records, workshops []string) string {
	at := func(list string, i int, field string) string {
		return "records." + list + "[" + strconv.Itoa(i) + "]." + field
	}
	for i, h := range rs.Households {
		if isIdentityKey(h.ID) {
			return at("households", i, "id")
		}
	}
	for i, w := range rs.Workers {
		switch {
		case isIdentityKey(w.ID):
			return at("workers", i, "id")
		case isIdentityKey(w.Household):
			return at("workers", i, "household")
		}
	}
	for i, j := range rs.Jobs {
		switch {
		case isIdentityKey(j.ID):
			return at("jobs", i, "id")
		case isIdentityKey(j.Worker):
			return at("jobs", i, "worker")
		}
	}
	for i, w := range workshops {
		if isIdentityKey(w) {
			return "workshops[" + strconv.Itoa(i) + "]"
		}
	}
	return ""
}

// suppliedStandard returns the lines of the baseline year from the
// caller's standard, on the model of the 2020 standard (its series, unit
// and concept), labelled as supplied by the request.
func suppliedStandard(t *poverty.Table, req ImpactRequest) (poverty.Lines, error) {
	std, err := t.Standard(2020, req.Region, req.lookup())
	if err != nil {
		return poverty.Lines{}, err
	}
	std.Year, std.Amount = req.BaselineYear, req.BaselineStandard
	std.Provenance = poverty.Provenance{Source: "supplied by the request (baseline_standard)", Status: poverty.Supplied, Scope: poverty.ScopeNational}
	return poverty.Lines{Standard: std, Boundary: req.Boundary}, nil
}
