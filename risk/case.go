package risk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/openfupin/fupin/internal/enum"
	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/poverty"
)

// Sentinel errors of the case lifecycle. Every lifecycle error is a
// *[poverty.FieldError] (Op the method, such as "risk.Case.Eliminate";
// Record the case; Field "step", or "history[i].step" when a decoded
// history is replayed; Value the step tried) wrapping one of them, with the
// case's stage in the message.
var (
	// ErrInvalidTransition reports a step the case's stage does not allow.
	ErrInvalidTransition = errors.New("invalid transition")
	// ErrTerminal reports a step on a case whose risk was eliminated or
	// which returned to poverty; a household monitored again gets a new case
	// ([Case.Reopen]).
	ErrTerminal = errors.New("case is closed; open a new case")
	// ErrDateOrder reports a step dated before the case's last step.
	ErrDateOrder = errors.New("date before the case's last step")
	// ErrNotEliminable reports an elimination whose test did not pass, or
	// belongs to another case.
	ErrNotEliminable = errors.New("risk elimination test not passed")
)

// Step is one kind of entry in a case's history. The zero value is unknown
// and never accepted.
type Step uint8

// Steps, with their JSON words.
const (
	// StepOpened: the household is identified as monitored (纳入监测).
	// JSON "opened".
	StepOpened Step = iota + 1
	// StepAssistanceStarted: assistance begins with its first measure.
	// JSON "assistance_started".
	StepAssistanceStarted
	// StepMeasureAdded: a further measure. JSON "measure_added".
	StepMeasureAdded
	// StepTierRecorded: a colour tier assigned at a review. JSON
	// "tier_recorded".
	StepTierRecorded
	// StepEliminated: risk eliminated (风险消除). JSON "eliminated".
	StepEliminated
	// StepReturned: returned to or fell into poverty (返贫 / 致贫). JSON
	// "returned".
	StepReturned
)

var stepWords = enum.New[Step](parseErr, "unknown", "opened", "assistance_started", "measure_added", "tier_recorded", "eliminated", "returned")

// String returns the stable word.
func (s Step) String() string { return stepWords.String(s, "Step") }

// MarshalText implements [encoding.TextMarshaler].
func (s Step) MarshalText() ([]byte, error) { return stepWords.Marshal(s, "step") }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Step) UnmarshalText(b []byte) error {
	i, err := stepWords.Parse(b, "step")
	*s = i
	return err
}

// transitionErr reports a step the case does not allow: the case, the step
// tried (its position in a replayed history, or -1 for a method call), the
// case's stage and the cause (one of the sentinels above).
func transitionErr(op, caseID string, from Stage, step Step, entry int, err error) error {
	field := "step"
	if entry >= 0 {
		field = "history[" + strconv.Itoa(entry) + "].step"
	}
	return &poverty.FieldError{Op: op, Record: "case " + caseID, Field: field, Value: step.String(),
		Err: fmt.Errorf("at stage %s: %w", from, err)}
}

// MeasureRecord is one assistance measure given to a case: its catalogue
// code and type, its dates and, where it pays money, the amount. End is zero
// while the measure runs. The zero MeasureRecord is invalid (no code).
type MeasureRecord struct {
	Code   string        `json:"code"`
	Type   MeasureType   `json:"type"`
	Start  poverty.Date  `json:"start"`
	End    poverty.Date  `json:"end,omitzero"`
	Amount poverty.Money `json:"amount,omitempty"`
	Note   string        `json:"note,omitempty"`
}

func (m *MeasureRecord) check(opened poverty.Date) error {
	switch {
	case m.Code == "":
		return fmt.Errorf("measure code: %w", poverty.ErrMissing)
	case m.Type != Development && m.Type != SafetyNet:
		return fmt.Errorf("measure %s type: %w", m.Code, poverty.ErrMissing)
	case m.Start.IsZero():
		return fmt.Errorf("measure %s start: %w", m.Code, poverty.ErrMissing)
	case m.Start.Before(opened):
		return fmt.Errorf("measure %s starts %s, before the case opened %s: %w", m.Code, m.Start, opened, poverty.ErrRange)
	case !m.End.IsZero() && m.End.Before(m.Start):
		return fmt.Errorf("measure %s ends before it starts: %w", m.Code, poverty.ErrRange)
	case m.Amount < 0 || m.Amount > poverty.MaxAmount:
		return fmt.Errorf("measure %s amount: %w", m.Code, poverty.ErrRange)
	}
	return nil
}

// Entry is one step of a case's history. Stage is the stage after the step.
// Entries are appended, never changed or removed. The zero Entry has an
// unknown step and is never accepted.
type Entry struct {
	Date     poverty.Date   `json:"date"`
	Step     Step           `json:"step"`
	Stage    Stage          `json:"stage"`
	Measure  *MeasureRecord `json:"measure,omitempty"`
	Route    Route          `json:"route,omitzero"`
	Tier     Tier           `json:"tier,omitzero"`
	Reason   string         `json:"reason,omitempty"`
	Criteria []string       `json:"criteria,omitempty"` // reason codes of the elimination test
}

func (e Entry) clone() Entry {
	if e.Measure != nil {
		m := *e.Measure
		e.Measure = &m
	}
	e.Criteria = slices.Clone(e.Criteria)
	return e
}

// CaseInfo is what [Open] records about a newly identified household. The
// zero CaseInfo is rejected by Open (no ID, category, factor or channel).
type CaseInfo struct {
	ID          string         `json:"id"`
	HouseholdID string         `json:"household_id"`
	Region      poverty.Region `json:"region"`
	County      poverty.County `json:"county,omitzero"`
	Category    Category       `json:"category"`
	Factors     FactorSet      `json:"factors"`
	Channel     Channel        `json:"channel"`
	Members     int            `json:"members"`            // resident members: the monitored population
	Previous    string         `json:"previous,omitempty"` // the household's previous case, if any
}

// Case is the monitoring record of one household from identification to a
// terminal stage: risk eliminated or returned to poverty. Its state is
// fully determined by its history, which is append-only: the methods check
// each step against the stage and append it; nothing is ever deleted. A
// closed case stays closed; the household's next period of monitoring is a
// new case ([Case.Reopen]).
//
// Cases marshal to JSON with their history, and unmarshal by replaying it
// through the same checks, so a decoded case is always consistent.
//
// The zero Case has no history and accepts no step; create cases with
// [Open]. A Case is not safe for concurrent mutation.
type Case struct {
	info     CaseInfo
	stage    Stage
	tier     Tier
	route    Route
	measures []MeasureRecord
	log      []Entry
}

// Open opens a case for a household identified on the date through the
// channel in info. The category must be a monitored category, at least one
// risk factor recorded, the region valid and Members at least 1.
//
// The category must be in force on the date: defined by the guidance
// document of data/categories.json in force that day ([CategoriesOn]). A
// monitored case dated before 国开发〔2020〕6号 (2020-03-20) is refused on
// field "date", a [SuddenDifficulty] case dated before 中农组发〔2021〕7号
// (2021) on field "category"; both are *[poverty.FieldError] wrapping
// [poverty.ErrNotInForce] whose message names the category, the date and
// the document. Every later step of the case ([Case.StartAssistance],
// [Case.RecordTier], ...) and the JSON replay ([Case.UnmarshalJSON]) make
// the same check on their own date.
func Open(info CaseInfo, on poverty.Date, reason string) (*Case, error) {
	return open("risk.Open", info, on, reason)
}

func open(op string, info CaseInfo, on poverty.Date, reason string) (*Case, error) {
	fail := func(field, value string, err error) (*Case, error) {
		return nil, &poverty.FieldError{Op: op, Record: "case " + info.ID, Field: field, Value: value, Err: err}
	}
	switch {
	case info.ID == "":
		return fail("id", "", poverty.ErrMissing)
	case info.HouseholdID == "":
		return fail("household_id", "", poverty.ErrMissing)
	case info.Category == CategoryNone || int(info.Category) >= categoryWords.Len():
		return fail("category", info.Category.String(), poverty.ErrMissing)
	case !info.Category.Monitored():
		return fail("category", info.Category.String(), fmt.Errorf("%w: not a monitored category; the household goes on the registered list", poverty.ErrRange))
	case info.Factors == 0 || !info.Factors.valid():
		return fail("factors", info.Factors.String(), poverty.ErrMissing)
	case info.Channel == 0 || int(info.Channel) >= channelWords.Len():
		return fail("channel", info.Channel.String(), poverty.ErrMissing)
	case !info.Region.IsValid():
		return fail("region", info.Region.String(), poverty.ErrUnknownRegion)
	case info.County != 0 && (!info.County.IsValid() || info.County.Province() != info.Region):
		return fail("county", info.County.String(), poverty.ErrUnknownRegion)
	case info.Members < 1 || info.Members > 1000:
		return fail("members", strconv.Itoa(info.Members), poverty.ErrRange)
	case on.IsZero():
		return fail("date", "", poverty.ErrMissing)
	case info.Previous == info.ID:
		return fail("previous", info.Previous, poverty.ErrRange)
	}
	c := &Case{info: info}
	if err := c.apply(op, Entry{Date: on, Step: StepOpened, Reason: reason}, -1); err != nil {
		return nil, err
	}
	return c, nil
}

// apply checks one step against the case's state and appends it. It is the
// only place the state changes, for the methods and for JSON replay alike.
func (c *Case) apply(op string, e Entry, index int) error {
	fail := func(err error) error {
		return transitionErr(op, c.info.ID, c.stage, e.Step, index, err)
	}
	if e.Date.IsZero() {
		return fail(fmt.Errorf("date: %w", poverty.ErrMissing))
	}
	if n := len(c.log); n > 0 {
		if e.Date.Before(c.log[n-1].Date) {
			return fail(ErrDateOrder)
		}
		if e.Step == StepOpened {
			return fail(ErrInvalidTransition)
		}
	} else if e.Step != StepOpened {
		return fail(fmt.Errorf("%w: a history starts with opened", ErrInvalidTransition))
	}
	if c.stage.terminal() {
		return fail(ErrTerminal)
	}
	if err := categoryInForce(op, c.info, e.Date, index); err != nil {
		return err
	}
	if e.Step != StepTierRecorded && e.Tier != TierUnknown || e.Step != StepEliminated && (e.Route != 0 || len(e.Criteria) > 0) ||
		e.Step != StepAssistanceStarted && e.Step != StepMeasureAdded && e.Measure != nil {
		return fail(fmt.Errorf("%w: entry carries fields of another step", poverty.ErrSyntax))
	}
	next := c.stage
	switch e.Step {
	case StepOpened:
		next = Identified
	case StepAssistanceStarted, StepMeasureAdded:
		want := Identified
		if e.Step == StepMeasureAdded {
			want = UnderAssistance
		}
		if c.stage != want {
			return fail(ErrInvalidTransition)
		}
		if e.Measure == nil {
			return fail(fmt.Errorf("measure: %w", poverty.ErrMissing))
		}
		if err := e.Measure.check(c.log[0].Date); err != nil {
			return fail(err)
		}
		next = UnderAssistance
	case StepTierRecorded:
		if e.Tier == TierUnknown || e.Tier >= numTiers {
			return fail(fmt.Errorf("tier: %w", poverty.ErrMissing))
		}
	case StepEliminated:
		ok := (c.stage == Identified && e.Route == Naturally) || (c.stage == UnderAssistance && e.Route == AfterAssistance)
		if !ok {
			return fail(fmt.Errorf("%w: route %s from %s", ErrInvalidTransition, e.Route, c.stage))
		}
		if len(e.Criteria) == 0 {
			return fail(fmt.Errorf("%w: no elimination criteria recorded", ErrNotEliminable))
		}
		next = Eliminated
	case StepReturned:
		if e.Reason == "" {
			return fail(fmt.Errorf("reason: %w", poverty.ErrMissing))
		}
		next = ReturnedToPoverty
	default:
		return fail(fmt.Errorf("%w: step %s", poverty.ErrUnknownWord, e.Step))
	}
	if index >= 0 && e.Stage != next {
		return fail(fmt.Errorf("%w: recorded stage %s, replay gives %s", ErrInvalidTransition, e.Stage, next))
	}
	e.Stage = next
	e = e.clone()
	c.stage = next
	switch e.Step {
	case StepAssistanceStarted, StepMeasureAdded:
		c.measures = append(c.measures, *e.Measure)
	case StepTierRecorded:
		c.tier = e.Tier
	case StepEliminated:
		c.route = e.Route
	}
	c.log = append(c.log, e)
	return nil
}

// categoryInForce checks that the case's category is defined by the
// guidance document in force on day on (the latest document of
// data/categories.json in force that day, as for [CategoriesOn]). When no
// document is in force it is a *[poverty.FieldError] on "date" (or
// "history[i].date" for entry i of a replayed history); when the document
// in force does not define the category, on "category". Both wrap
// [poverty.ErrNotInForce] and name the category, the date and the
// document that defines the category, with the day it came into force.
func categoryInForce(op string, info CaseInfo, on poverty.Date, index int) error {
	ds := documents()
	var first *Document // the first document that defines the category
	for i := range ds {
		if slices.Contains(ds[i].Categories, info.Category) {
			first = &ds[i]
			break
		}
	}
	defines := "no guidance document defines it"
	if first != nil {
		defines = "defined by " + first.Name + ", in force from " + first.From
	}
	for i := len(ds) - 1; i >= 0; i-- {
		d := &ds[i]
		if !d.InForce(on) {
			continue
		}
		if slices.Contains(d.Categories, info.Category) {
			return nil
		}
		return &poverty.FieldError{Op: op, Record: "case " + info.ID, Field: "category", Value: info.Category.String(),
			Err: fmt.Errorf("%w: category %s on %s: %s, in force that day, does not define it (%s)",
				poverty.ErrNotInForce, info.Category, on, d.Name, defines)}
	}
	field := "date"
	if index > 0 {
		field = "history[" + strconv.Itoa(index) + "].date"
	}
	return &poverty.FieldError{Op: op, Record: "case " + info.ID, Field: field, Value: on.String(),
		Err: fmt.Errorf("%w: category %s on %s: no guidance document in force that day (%s)",
			poverty.ErrNotInForce, info.Category, on, defines)}
}

// StartAssistance moves an identified case to under assistance with its
// first measure, dated on.
func (c *Case) StartAssistance(on poverty.Date, m MeasureRecord, reason string) error {
	return c.apply("risk.Case.StartAssistance", Entry{Date: on, Step: StepAssistanceStarted, Measure: &m, Reason: reason}, -1)
}

// AddMeasure records a further measure of a case under assistance.
func (c *Case) AddMeasure(on poverty.Date, m MeasureRecord, reason string) error {
	return c.apply("risk.Case.AddMeasure", Entry{Date: on, Step: StepMeasureAdded, Measure: &m, Reason: reason}, -1)
}

// RecordTier records the household's colour tier at a review of an open
// case.
func (c *Case) RecordTier(on poverty.Date, t Tier, reason string) error {
	return c.apply("risk.Case.RecordTier", Entry{Date: on, Step: StepTierRecorded, Tier: t, Reason: reason}, -1)
}

// Eliminate marks the risk eliminated with a passed [EliminationTest] of
// this case; the route (after assistance, or naturally) is the test's. A
// failed test, or one of another case, is [ErrNotEliminable].
func (c *Case) Eliminate(res *EliminationResult) error {
	if res == nil || !res.Pass || res.CaseID != c.info.ID {
		return transitionErr("risk.Case.Eliminate", c.info.ID, c.stage, StepEliminated, -1, ErrNotEliminable)
	}
	codes := make([]string, len(res.Criteria))
	for i, cr := range res.Criteria {
		codes[i] = cr.Code
	}
	return c.apply("risk.Case.Eliminate", Entry{Date: res.On, Step: StepEliminated, Route: res.Route, Criteria: codes,
		Reason: "risk elimination test passed (" + strconv.Itoa(len(codes)) + " criteria)"}, -1)
}

// ReturnToPoverty records that the household returned to or fell into
// poverty; it goes back on the registered list and the case closes.
func (c *Case) ReturnToPoverty(on poverty.Date, reason string) error {
	return c.apply("risk.Case.ReturnToPoverty", Entry{Date: on, Step: StepReturned, Reason: reason}, -1)
}

// Reopen opens a new case for the same household after this one closed,
// linked to it by info.Previous. This case is unchanged. A case that is not
// closed is [ErrInvalidTransition].
func (c *Case) Reopen(info CaseInfo, on poverty.Date, reason string) (*Case, error) {
	const op = "risk.Case.Reopen"
	if !c.stage.terminal() {
		return nil, transitionErr(op, c.info.ID, c.stage, StepOpened, -1, ErrInvalidTransition)
	}
	if on.Before(c.log[len(c.log)-1].Date) {
		return nil, transitionErr(op, c.info.ID, c.stage, StepOpened, -1, ErrDateOrder)
	}
	if info.HouseholdID != c.info.HouseholdID {
		return nil, &poverty.FieldError{Op: op, Record: "case " + info.ID, Field: "household_id", Value: info.HouseholdID, Err: poverty.ErrRange}
	}
	info.Previous = c.info.ID
	return open(op, info, on, reason)
}

// Info returns what was recorded when the case opened (its ID, household,
// category, factors, channel ...).
func (c *Case) Info() CaseInfo { return c.info }

// Stage returns the current stage.
func (c *Case) Stage() Stage { return c.stage }

// History returns a copy of the history, oldest first: the date the case
// opened (the first entry), every measure (the entries with a Measure),
// every tier recorded (the last StepTierRecorded entry is the current
// tier) and how the risk was eliminated (the Route of the StepEliminated
// entry).
func (c *Case) History() []Entry {
	out := make([]Entry, len(c.log))
	for i, e := range c.log {
		out[i] = e.clone()
	}
	return out
}

// onlySafetyNet reports whether every measure of the case is a safety-net
// measure (true also when there is none).
func (c *Case) onlySafetyNet() bool {
	for _, m := range c.measures {
		if m.Type == Development {
			return false
		}
	}
	return true
}

type caseWire struct {
	CaseInfo
	Stage   Stage   `json:"stage"`
	History []Entry `json:"history"`
}

// MarshalJSON encodes the case: what was recorded at opening, the current
// stage and the full history. Marshal a *Case (the method has a pointer
// receiver, like every method of Case). The zero Case is an error.
func (c *Case) MarshalJSON() ([]byte, error) {
	if len(c.log) == 0 {
		return nil, transitionErr("risk.Case.MarshalJSON", c.info.ID, c.stage, StepOpened, -1, fmt.Errorf("%w: the zero Case", ErrInvalidTransition))
	}
	return json.Marshal(caseWire{CaseInfo: c.info, Stage: c.stage, History: c.log})
}

// UnmarshalJSON decodes a case strictly (unknown fields are errors) and
// replays its history through the lifecycle checks: the first entry must be
// "opened", every step must be allowed at its stage, dates must not go
// back, the category must be in force on every step's date (as for
// [Open]), and the recorded stages must be those the replay gives. Errors are
// *[poverty.FieldError] with Op "risk.Case.UnmarshalJSON". JSON null
// leaves c unchanged.
func (c *Case) UnmarshalJSON(b []byte) error {
	const op = "risk.Case.UnmarshalJSON"
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	var w caseWire
	if err := param.Decode(b, &w); err != nil {
		return &poverty.FieldError{Op: op, Record: "case", Field: "json", Err: err} // param.Decode wraps poverty.ErrSyntax
	}
	if len(w.History) == 0 {
		return &poverty.FieldError{Op: op, Record: "case " + w.ID, Field: "history", Err: poverty.ErrMissing}
	}
	first := w.History[0]
	if first.Step != StepOpened || first.Stage != Identified || first.Measure != nil || first.Route != 0 || first.Tier != TierUnknown || len(first.Criteria) > 0 {
		return transitionErr(op, w.ID, 0, first.Step, 0, fmt.Errorf("%w: a history starts with opened", ErrInvalidTransition))
	}
	n, err := open(op, w.CaseInfo, first.Date, first.Reason)
	if err != nil {
		return err
	}
	for i, e := range w.History[1:] {
		if err := n.apply(op, e, i+1); err != nil {
			return err
		}
	}
	if n.stage != w.Stage {
		return &poverty.FieldError{Op: op, Record: "case " + w.ID, Field: "stage", Value: w.Stage.String(),
			Err: fmt.Errorf("%w: recorded stage %s, replay gives %s", ErrInvalidTransition, w.Stage, n.stage)}
	}
	*c = *n
	return nil
}
