package risk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/openfupin/fupin/internal/enum"
	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/poverty"
)

// EventKind is the kind of a department event: which department reports it
// and which fields it carries. Its text is the "type" word of the event's
// JSON form ([Event]), which is its encoding. The zero value is unknown and
// never valid.
type EventKind uint8

// Event kinds, with their JSON "type" words.
const (
	// MedicalClaim (medical insurance, 医保): a settled claim with its total
	// cost and the compliant out-of-pocket part (合规自付) left after
	// reimbursement. JSON "medical_claim".
	MedicalClaim EventKind = iota + 1
	// CivilAffairs (民政): dibao or tekun granted or ended, temporary or
	// medical assistance paid. JSON "civil_affairs".
	CivilAffairs
	// DisasterEvent (emergency management, 应急管理): a natural disaster with
	// the household's loss. JSON "disaster".
	DisasterEvent
	// Employment (human resources, 人社): a job lost or found, or a wage
	// change. JSON "employment".
	Employment
	// EducationEvent (教育): enrolment, school costs, or a drop-out. JSON
	// "education".
	EducationEvent
	// HouseholdApplication: the household applies (农户申报). JSON
	// "application".
	HouseholdApplication
	// CadreVisitEvent: a village or township cadre visit (走访排查). JSON
	// "cadre_visit".
	CadreVisitEvent
	numEventKinds
)

var eventKindWords = enum.New[EventKind](parseErr, "unknown", "medical_claim", "civil_affairs", "disaster", "employment",
	"education", "application", "cadre_visit")

// String returns the JSON "type" word.
func (k EventKind) String() string { return eventKindWords.String(k, "EventKind") }

// Action is what a civil-affairs, employment or education event reports,
// with its JSON word (the "action" of the event's JSON form). The zero
// value is unknown. Each action belongs to one event kind: DibaoGranted to
// MedicalAssistancePay to CivilAffairs, JobLost to WageChange to
// Employment, Enrollment to DroppedOut to EducationEvent.
type Action uint8

// Actions.
const (
	// Civil affairs.
	DibaoGranted         Action = iota + 1 // 低保 granted, "dibao_granted"
	DibaoEnded                             // 低保 ended
	TekunGranted                           // 特困供养 granted
	TekunEnded                             // 特困供养 ended
	TemporaryAssistance                    // 临时救助 paid (Amount)
	MedicalAssistancePay                   // 医疗救助 paid (Amount)
	// Employment.
	JobLost    // a member lost a job (PreviousWage: the monthly wage lost)
	JobFound   // a member found a job (Wage: the new monthly wage)
	WageChange // a wage changed (PreviousWage to Wage, monthly)
	// Education.
	Enrollment  // a member enrolled (Amount: school costs, may be zero); JSON "enrolment"
	SchoolCosts // school costs were incurred (Amount)
	DroppedOut  // a child of compulsory-school age dropped out
	numActions
)

var actionWords = enum.New[Action](parseErr, "unknown", "dibao_granted", "dibao_ended", "tekun_granted", "tekun_ended",
	"temporary_assistance", "medical_assistance", "job_lost", "job_found", "wage_change", "enrolment",
	"school_costs", "dropped_out")

var actionKind = [...]EventKind{0, CivilAffairs, CivilAffairs, CivilAffairs, CivilAffairs,
	CivilAffairs, CivilAffairs, Employment, Employment, Employment, EducationEvent, EducationEvent, EducationEvent}

// String returns the stable word.
func (a Action) String() string { return actionWords.String(a, "Action") }

// kind returns the event kind the action belongs to.
func (a Action) kind() EventKind {
	if a < numActions {
		return actionKind[a]
	}
	return 0
}

// Event is one record from a department, an application or a visit, about
// one household. Kind decides which fields are meaningful:
//
//	medical_claim   Total, OutOfPocket (compliant, after reimbursement), Severe
//	civil_affairs   Action (dibao_granted ... medical_assistance), Amount
//	disaster        Hazard (a 02xx factor), Loss, Severe
//	employment      Action (job_lost, job_found, wage_change), Wage, PreviousWage (monthly)
//	education       Action (enrolment, school_costs, dropped_out), Amount (school costs)
//	application     Factors claimed
//	cadre_visit     Factors observed
//
// Every kind carries Date, an optional Ref (the department's record
// number), an optional Note, and Lost: the guarantee items the record says
// are no longer secured. Events are plain values; the zero Event has no
// kind and is rejected ([Assess] and [Event.MarshalJSON] check an event
// built in Go as [DecodeEvents] checks JSON).
//
// JSON is a flat object tagged by "type", with only the fields of its kind;
// decoding is strict (see [DecodeEvents]).
type Event struct {
	Kind EventKind
	Date poverty.Date
	Ref  string
	Note string
	Lost GuaranteeSet

	Total        poverty.Money // medical_claim: total cost
	OutOfPocket  poverty.Money // medical_claim: compliant out-of-pocket part
	Severe       bool          // medical_claim, disaster: serious illness, major disaster
	Action       Action        // civil_affairs, employment, education
	Amount       poverty.Money // civil_affairs: assistance paid; education: school costs
	Hazard       Factor        // disaster: the disaster factor
	Loss         poverty.Money // disaster: the household's loss
	Wage         poverty.Money // employment: monthly wage after
	PreviousWage poverty.Money // employment: monthly wage before
	Factors      FactorSet     // application, cadre_visit: the risk factors named
}

// eventWire is the JSON form; pointers tell a present field from an absent
// one, so that a field of another kind is an error, not silently ignored.
type eventWire struct {
	Type         string         `json:"type"`
	Date         string         `json:"date"`
	Ref          string         `json:"ref,omitempty"`
	Note         string         `json:"note,omitempty"`
	Lost         *GuaranteeSet  `json:"lost,omitempty"`
	Total        *poverty.Money `json:"total,omitempty"`
	OutOfPocket  *poverty.Money `json:"out_of_pocket,omitempty"`
	Severe       *bool          `json:"severe,omitempty"`
	Action       *string        `json:"action,omitempty"`
	Amount       *poverty.Money `json:"amount,omitempty"`
	Hazard       *Factor        `json:"hazard,omitempty"`
	Loss         *poverty.Money `json:"loss,omitempty"`
	Wage         *poverty.Money `json:"wage,omitempty"`
	PreviousWage *poverty.Money `json:"previous_wage,omitempty"`
	Factors      *FactorSet     `json:"factors,omitempty"`
}

// field sets per kind.
const (
	fTotal = 1 << iota
	fOOP
	fSevere
	fAction
	fAmount
	fHazard
	fLoss
	fWage
	fPrevWage
	fFactors
)

var kindFields = [...]int{
	MedicalClaim:         fTotal | fOOP | fSevere,
	CivilAffairs:         fAction | fAmount,
	DisasterEvent:        fHazard | fLoss | fSevere,
	Employment:           fAction | fWage | fPrevWage,
	EducationEvent:       fAction | fAmount,
	HouseholdApplication: fFactors,
	CadreVisitEvent:      fFactors,
}

var fieldNames = [...]string{"total", "out_of_pocket", "severe", "action", "amount", "hazard", "loss",
	"wage", "previous_wage", "factors"}

// EventError reports a bad event: the operation, its position in the input
// (0-based; -1 for a single event), its kind and Ref when known, and the
// field: what a caller needs to point at the record of a batch. Field is
// the event's JSON key (an unknown key is named too), or "json" when the
// event is not an object of the event schema at all. Err is a
// sentinel of package poverty ([poverty.ErrSyntax], [poverty.ErrMissing],
// [poverty.ErrUnknownWord], ...).
type EventError struct {
	Op    string // "risk.DecodeEvents", "risk.Assess", ...; "" is "risk"
	Index int
	Kind  EventKind
	Ref   string
	Field string
	Value string
	Err   error
}

// Error returns "risk.DecodeEvents: event 3 (medical_claim \"YB-1\"):
// field total = \"x\": cause", identity numbers masked.
func (e *EventError) Error() string {
	op := e.Op
	if op == "" {
		op = "risk"
	}
	s := op + ": event"
	if e.Index >= 0 {
		s += " " + strconv.Itoa(e.Index)
	}
	if e.Kind != 0 {
		s += " (" + e.Kind.String()
		if e.Ref != "" {
			s += " " + strconv.Quote(e.Ref)
		}
		s += ")"
	}
	if e.Field != "" {
		s += ": field " + e.Field
	}
	if e.Value != "" {
		s += " = " + strconv.Quote(poverty.MaskIDsIn(e.Value))
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the cause, a sentinel of package poverty or of this package.
func (e *EventError) Unwrap() error { return e.Err }

// UnmarshalJSON decodes one event strictly: unknown fields, fields of
// another kind, unknown words and invalid values are *[EventError]. JSON
// null leaves e unchanged.
func (e *Event) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	v, err := decodeEvent("risk.Event.UnmarshalJSON", b, -1)
	if err != nil {
		return err
	}
	*e = v
	return nil
}

func decodeEvent(op string, b []byte, index int) (Event, error) {
	var w eventWire
	if err := param.Decode(b, &w); err != nil {
		field := "json"
		var te *json.UnmarshalTypeError
		if key, ok := param.UnknownField(err); ok {
			field = key // the key the event has but no event takes
		} else if errors.As(err, &te) && te.Field != "" {
			field = te.Field // a value of the wrong JSON kind
		}
		return Event{}, &EventError{Op: op, Index: index, Field: field, Err: err} // param.Decode wraps poverty.ErrSyntax
	}
	var ev Event
	var err error
	if ev.Kind, err = eventKindWords.Parse([]byte(w.Type), "event type"); err != nil || ev.Kind == 0 {
		return Event{}, &EventError{Op: op, Index: index, Field: "type", Value: w.Type, Err: poverty.ErrUnknownWord}
	}
	ev.Ref, ev.Note = w.Ref, w.Note
	fail := func(field, value string, err error) (Event, error) {
		return Event{}, &EventError{Op: op, Index: index, Kind: ev.Kind, Ref: ev.Ref, Field: field, Value: value, Err: err}
	}
	if w.Date == "" {
		return fail("date", "", poverty.ErrMissing)
	}
	d, err := poverty.ParseDate(w.Date)
	if err != nil {
		return fail("date", w.Date, err)
	}
	ev.Date = d
	present := 0
	set := func(bit int, ok bool) {
		if ok {
			present |= bit
		}
	}
	set(fTotal, w.Total != nil)
	set(fOOP, w.OutOfPocket != nil)
	set(fSevere, w.Severe != nil)
	set(fAction, w.Action != nil)
	set(fAmount, w.Amount != nil)
	set(fHazard, w.Hazard != nil)
	set(fLoss, w.Loss != nil)
	set(fWage, w.Wage != nil)
	set(fPrevWage, w.PreviousWage != nil)
	set(fFactors, w.Factors != nil)
	if extra := present &^ kindFields[ev.Kind]; extra != 0 {
		for i, n := range fieldNames {
			if extra&(1<<i) != 0 {
				return fail(n, "", fmt.Errorf("%w: not a field of %s", poverty.ErrUnknownWord, ev.Kind))
			}
		}
	}
	if w.Lost != nil {
		ev.Lost = *w.Lost
	}
	deref := func(m *poverty.Money) poverty.Money {
		if m == nil {
			return 0
		}
		return *m
	}
	ev.Total, ev.OutOfPocket, ev.Amount = deref(w.Total), deref(w.OutOfPocket), deref(w.Amount)
	ev.Loss, ev.Wage, ev.PreviousWage = deref(w.Loss), deref(w.Wage), deref(w.PreviousWage)
	if w.Severe != nil {
		ev.Severe = *w.Severe
	}
	if w.Action != nil {
		if ev.Action, err = actionWords.Parse([]byte(*w.Action), "action"); err != nil {
			return fail("action", *w.Action, err)
		}
	}
	if w.Hazard != nil {
		ev.Hazard = *w.Hazard
	}
	if w.Factors != nil {
		ev.Factors = *w.Factors
	}
	// Required fields.
	need := func(bit int, ok bool) error {
		if !ok {
			return &EventError{Op: op, Index: index, Kind: ev.Kind, Ref: ev.Ref, Field: fieldNames[bitIndex(bit)], Err: poverty.ErrMissing}
		}
		return nil
	}
	var errNeed error
	switch ev.Kind {
	case MedicalClaim:
		if errNeed = need(fTotal, w.Total != nil); errNeed == nil {
			errNeed = need(fOOP, w.OutOfPocket != nil)
		}
	case CivilAffairs, EducationEvent, Employment:
		errNeed = need(fAction, w.Action != nil)
	case DisasterEvent:
		if errNeed = need(fHazard, w.Hazard != nil); errNeed == nil {
			errNeed = need(fLoss, w.Loss != nil)
		}
	}
	if errNeed != nil {
		return Event{}, errNeed
	}
	if err := ev.validate(op, index); err != nil {
		return Event{}, err
	}
	return ev, nil
}

func bitIndex(bit int) int {
	for i := range fieldNames {
		if bit == 1<<i {
			return i
		}
	}
	return 0
}

// validate checks an event built in Go the way the decoder checks JSON:
// a known kind, a date, amounts not negative and at most
// [poverty.MaxAmount], the out-of-pocket part not above the total, an
// action of the event's kind, a disaster hazard that is a 02xx factor, the
// amounts an action needs, and known factor and guarantee words. Errors are
// *[EventError].
func (e *Event) validate(op string, index int) error {
	fail := func(field, value string, err error) error {
		return &EventError{Op: op, Index: index, Kind: e.Kind, Ref: e.Ref, Field: field, Value: value, Err: err}
	}
	if e.Kind == 0 || e.Kind >= numEventKinds {
		return fail("type", e.Kind.String(), poverty.ErrUnknownWord)
	}
	if e.Date.IsZero() {
		return fail("date", "", poverty.ErrMissing)
	}
	if !e.Lost.valid() {
		return fail("lost", "", poverty.ErrUnknownWord)
	}
	if !e.Factors.valid() {
		return fail("factors", "", poverty.ErrUnknownWord)
	}
	for i, m := range [...]poverty.Money{e.Total, e.OutOfPocket, e.Amount, e.Loss, e.Wage, e.PreviousWage} {
		name := [...]string{"total", "out_of_pocket", "amount", "loss", "wage", "previous_wage"}[i]
		if m < 0 {
			return fail(name, m.String(), poverty.ErrNegative)
		}
		if m > poverty.MaxAmount {
			return fail(name, m.String(), poverty.ErrRange)
		}
	}
	switch e.Kind {
	case MedicalClaim:
		if e.OutOfPocket > e.Total {
			return fail("out_of_pocket", e.OutOfPocket.String(), fmt.Errorf("%w: above the total %s", poverty.ErrRange, e.Total))
		}
	case DisasterEvent:
		if !e.Hazard.isDisaster() {
			return fail("hazard", e.Hazard.String(), fmt.Errorf("%w: not a natural-disaster factor (02xx)", poverty.ErrUnknownWord))
		}
	case CivilAffairs, Employment, EducationEvent:
		if e.Action.kind() != e.Kind {
			return fail("action", e.Action.String(), fmt.Errorf("%w: not an action of %s", poverty.ErrUnknownWord, e.Kind))
		}
	}
	return nil
}

// MarshalJSON encodes the event as a flat object tagged by "type", with
// only the fields of its kind. An invalid event is an *[EventError] (Op
// "risk.Event.MarshalJSON", Index -1): marshal an event built in Go to
// check it the way [DecodeEvents] checks JSON.
func (e Event) MarshalJSON() ([]byte, error) {
	if err := e.validate("risk.Event.MarshalJSON", -1); err != nil {
		return nil, err
	}
	w := eventWire{Type: e.Kind.String(), Date: e.Date.String(), Ref: e.Ref, Note: e.Note}
	if e.Lost != 0 {
		w.Lost = &e.Lost
	}
	f := kindFields[e.Kind]
	if f&fTotal != 0 {
		w.Total, w.OutOfPocket = &e.Total, &e.OutOfPocket
	}
	if f&fSevere != 0 && e.Severe {
		w.Severe = &e.Severe
	}
	if f&fAction != 0 {
		a := e.Action.String()
		w.Action = &a
	}
	if f&fAmount != 0 && e.Amount != 0 {
		w.Amount = &e.Amount
	}
	if f&fHazard != 0 {
		w.Hazard, w.Loss = &e.Hazard, &e.Loss
	}
	if f&fWage != 0 && e.Wage != 0 {
		w.Wage = &e.Wage
	}
	if f&fPrevWage != 0 && e.PreviousWage != 0 {
		w.PreviousWage = &e.PreviousWage
	}
	if f&fFactors != 0 && e.Factors != 0 {
		w.Factors = &e.Factors
	}
	return json.Marshal(w)
}

// maxEventBytes bounds the size of an event file: 16 MiB.
const maxEventBytes = 16 << 20

// DecodeEvents reads a JSON array of events (at most 16 MiB) strictly: each
// element must be an object tagged by a known "type" word with only the
// fields of its kind. The first bad event is reported as *[EventError]
// (Op "risk.DecodeEvents") with its index; nothing is returned with it.
func DecodeEvents(r io.Reader) ([]Event, error) {
	const op = "risk.DecodeEvents"
	data, err := io.ReadAll(io.LimitReader(r, maxEventBytes+1))
	if err != nil {
		return nil, &EventError{Op: op, Index: -1, Field: "file", Err: err}
	}
	if len(data) > maxEventBytes {
		return nil, &EventError{Op: op, Index: -1, Field: "file", Err: poverty.ErrRange}
	}
	var raw []json.RawMessage
	if err := param.Decode(data, &raw); err != nil {
		return nil, &EventError{Op: op, Index: -1, Field: "json", Err: err} // param.Decode wraps poverty.ErrSyntax
	}
	out := make([]Event, 0, len(raw))
	for i, m := range raw {
		if !bytes.HasPrefix(bytes.TrimSpace(m), []byte("{")) {
			return nil, &EventError{Op: op, Index: i, Field: "json", Err: fmt.Errorf("%w: an event is an object", poverty.ErrSyntax)}
		}
		ev, err := decodeEvent(op, m, i)
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, nil
}
