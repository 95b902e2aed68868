package risk_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

func info(id string) risk.CaseInfo {
	return risk.CaseInfo{ID: id, HouseholdID: "h-" + id, Region: poverty.MustParseRegion("34"), Category: risk.MarginalAtRisk,
		Factors: risk.FactorsOf(risk.Illness), Channel: risk.CadreVisit, Members: 3}
}

func measure(code string, typ risk.MeasureType, start string) risk.MeasureRecord {
	return risk.MeasureRecord{Code: code, Type: typ, Start: day(start)}
}

// passed returns a passed elimination result for the case, as
// EliminationTest would give it.
func passed(c *risk.Case, on string, route risk.Route) *risk.EliminationResult {
	return &risk.EliminationResult{CaseID: c.Info().ID, On: day(on), Pass: true, Route: route,
		Criteria: []poverty.Criterion{{Code: "elimination.income_stable", Pass: true}}}
}

// state reads from a case's history what its accessors used to give: the
// route of its elimination, the last tier recorded and its measures.
func state(c *risk.Case) (route risk.Route, tier risk.Tier, measures []risk.MeasureRecord) {
	for _, e := range c.History() {
		switch {
		case e.Measure != nil:
			measures = append(measures, *e.Measure)
		case e.Step == risk.StepTierRecorded:
			tier = e.Tier
		case e.Step == risk.StepEliminated:
			route = e.Route
		}
	}
	return route, tier, measures
}

// sampleCase is a case taken through every stage to risk eliminated.
func sampleCase(t testing.TB) *risk.Case {
	c, err := risk.Open(info("c1"), day("2020-03-20"), "cadre visit")
	if err != nil {
		t.Fatal(err)
	}
	steps := []error{
		c.RecordTier(day("2020-03-21"), risk.Orange, "review"),
		c.StartAssistance(day("2020-03-25"), measure("transfer_employment", risk.Development, "2020-03-25"), "job"),
		c.AddMeasure(day("2020-04-01"), risk.MeasureRecord{Code: "medical_insurance_assistance", Type: risk.SafetyNet,
			Start: day("2020-04-01"), End: day("2020-04-01"), Amount: y(7000)}, "relief"),
		c.RecordTier(day("2020-10-01"), risk.Green, "review"),
		c.Eliminate(passed(c, "2020-12-01", risk.AfterAssistance)),
	}
	for i, err := range steps {
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	return c
}

func TestCaseLifecycle(t *testing.T) {
	c := sampleCase(t)
	if route, tier, ms := state(c); c.Stage() != risk.Eliminated || route != risk.AfterAssistance || tier != risk.Green || len(ms) != 2 {
		t.Fatalf("stage %s route %s tier %s measures %d", c.Stage(), route, tier, len(ms))
	}
	var steps []risk.Step
	for _, e := range c.History() {
		steps = append(steps, e.Step)
	}
	want := []risk.Step{risk.StepOpened, risk.StepTierRecorded, risk.StepAssistanceStarted, risk.StepMeasureAdded, risk.StepTierRecorded, risk.StepEliminated}
	if diff := cmp.Diff(want, steps); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	// History copies cannot change the case.
	h := c.History()
	h[0].Reason = "changed"
	h[2].Measure.Code = "changed"
	if c.History()[0].Reason == "changed" || c.History()[3].Measure.Code == "changed" || c.History()[2].Measure.Code == "changed" {
		t.Error("History returned the case's own storage")
	}
}

func TestCaseTransitions(t *testing.T) {
	open := func(t *testing.T) *risk.Case {
		c, err := risk.Open(info("c"), day("2020-03-20"), "application")
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		name string
		run  func(c *risk.Case) error
		want error
	}{
		{"measure before assistance", func(c *risk.Case) error {
			return c.AddMeasure(day("2020-03-21"), measure("dibao", risk.SafetyNet, "2020-03-21"), "")
		}, risk.ErrInvalidTransition},
		{"assistance twice", func(c *risk.Case) error {
			_ = c.StartAssistance(day("2020-03-21"), measure("dibao", risk.SafetyNet, "2020-03-21"), "")
			return c.StartAssistance(day("2020-03-22"), measure("dibao", risk.SafetyNet, "2020-03-22"), "")
		}, risk.ErrInvalidTransition},
		{"date going back", func(c *risk.Case) error { return c.RecordTier(day("2020-02-01"), risk.Red, "") }, risk.ErrDateOrder},
		{"measure before the case", func(c *risk.Case) error {
			return c.StartAssistance(day("2020-03-21"), measure("dibao", risk.SafetyNet, "2020-01-01"), "")
		}, poverty.ErrRange},
		{"measure without type", func(c *risk.Case) error {
			return c.StartAssistance(day("2020-03-21"), risk.MeasureRecord{Code: "x", Start: day("2020-03-21")}, "")
		}, poverty.ErrMissing},
		{"failed test", func(c *risk.Case) error {
			r := passed(c, "2020-04-01", risk.Naturally)
			r.Pass = false
			return c.Eliminate(r)
		}, risk.ErrNotEliminable},
		{"test of another case", func(c *risk.Case) error {
			r := passed(c, "2020-04-01", risk.Naturally)
			r.CaseID = "other"
			return c.Eliminate(r)
		}, risk.ErrNotEliminable},
		{"after assistance without assistance", func(c *risk.Case) error {
			return c.Eliminate(passed(c, "2020-04-01", risk.AfterAssistance))
		}, risk.ErrInvalidTransition},
		{"naturally while under assistance", func(c *risk.Case) error {
			_ = c.StartAssistance(day("2020-03-21"), measure("dibao", risk.SafetyNet, "2020-03-21"), "")
			return c.Eliminate(passed(c, "2020-04-01", risk.Naturally))
		}, risk.ErrInvalidTransition},
		{"return without reason", func(c *risk.Case) error { return c.ReturnToPoverty(day("2020-04-01"), "") }, poverty.ErrMissing},
		{"step after return", func(c *risk.Case) error {
			_ = c.ReturnToPoverty(day("2020-04-01"), "income collapsed")
			return c.RecordTier(day("2020-04-02"), risk.Red, "")
		}, risk.ErrTerminal},
		{"step after elimination", func(c *risk.Case) error {
			_ = c.Eliminate(passed(c, "2020-04-01", risk.Naturally))
			return c.ReturnToPoverty(day("2020-05-01"), "relapse")
		}, risk.ErrTerminal},
		{"unknown tier", func(c *risk.Case) error { return c.RecordTier(day("2020-04-01"), risk.TierUnknown, "") }, poverty.ErrMissing},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := open(t)
			before := len(c.History())
			err := tc.run(c)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			var te *poverty.FieldError
			if !errors.As(err, &te) || te.Record != "case c" || !strings.HasPrefix(te.Op, "risk.Case.") || !strings.HasPrefix(err.Error(), "risk.Case.") {
				t.Errorf("error %v is not a *poverty.FieldError of case c with a risk.Case operation", err)
			}
			if len(c.History()) < before {
				t.Error("history shrank")
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*risk.CaseInfo)
		field string
	}{
		{"no id", func(i *risk.CaseInfo) { i.ID = "" }, "id"},
		{"no household", func(i *risk.CaseInfo) { i.HouseholdID = "" }, "household_id"},
		{"no category", func(i *risk.CaseInfo) { i.Category = risk.CategoryNone }, "category"},
		{"returned to poverty is registered, not monitored", func(i *risk.CaseInfo) { i.Category = risk.ReturnedPoor }, "category"},
		{"newly poor is registered, not monitored", func(i *risk.CaseInfo) { i.Category = risk.NewlyPoor }, "category"},
		{"no factor", func(i *risk.CaseInfo) { i.Factors = 0 }, "factors"},
		{"no channel", func(i *risk.CaseInfo) { i.Channel = 0 }, "channel"},
		{"bad region", func(i *risk.CaseInfo) { i.Region = 99 }, "region"},
		{"county of another province", func(i *risk.CaseInfo) { i.County = poverty.MustParseCounty("130533") }, "county"},
		{"no members", func(i *risk.CaseInfo) { i.Members = 0 }, "members"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := info("c")
			tc.edit(&in)
			_, err := risk.Open(in, day("2020-01-01"), "")
			var fe *poverty.FieldError
			if !errors.As(err, &fe) || fe.Field != tc.field {
				t.Errorf("error %v, want a field error on %s", err, tc.field)
			}
		})
	}
}

func TestReopen(t *testing.T) {
	c := sampleCase(t)
	again := func(id string) risk.CaseInfo {
		in := info(id)
		in.HouseholdID = "h-c1"
		return in
	}
	if _, err := c.Reopen(info("c2"), day("2021-05-01"), ""); err == nil {
		t.Error("reopened for another household")
	}
	n, err := c.Reopen(again("c2"), day("2021-05-01"), "new illness")
	if err != nil {
		t.Fatal(err)
	}
	if n.Info().Previous != "c1" || n.Stage() != risk.Identified || c.Stage() != risk.Eliminated {
		t.Errorf("new case previous %q stage %s; old stage %s", n.Info().Previous, n.Stage(), c.Stage())
	}
	if _, err := n.Reopen(again("c3"), day("2021-06-01"), ""); !errors.Is(err, risk.ErrInvalidTransition) {
		t.Errorf("reopened an open case: %v", err)
	}
	if _, err := c.Reopen(again("c4"), day("2020-01-01"), ""); !errors.Is(err, risk.ErrDateOrder) {
		t.Errorf("reopened before the case closed: %v", err)
	}
}

func TestCaseJSON(t *testing.T) {
	c := sampleCase(t)
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var got risk.Case
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if diff := cmp.Diff(c.History(), got.History(), dateCmp); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	b2, _ := json.Marshal(&got)
	if !bytes.Equal(b, b2) {
		t.Errorf("re-encoding differs:\n%s\n%s", b, b2)
	}
	tampered := []struct {
		name, old, new string
		want           error
	}{
		{"stage not replayed", `"stage":"risk_eliminated","history"`, `"stage":"under_assistance","history"`, risk.ErrInvalidTransition},
		{"entry deleted", `{"date":"2020-03-25","step":"assistance_started"`, `{"date":"2020-03-25","step":"measure_added"`, risk.ErrInvalidTransition},
		{"date moved back", `"date":"2020-10-01"`, `"date":"2020-01-01"`, risk.ErrDateOrder},
		{"unknown field", `"members":3`, `"members":3,"colour":"red"`, poverty.ErrSyntax},
		{"unknown step", `"step":"tier_recorded"`, `"step":"deleted"`, poverty.ErrSyntax},
	}
	for _, tc := range tampered {
		t.Run(tc.name, func(t *testing.T) {
			in := bytes.Replace(b, []byte(tc.old), []byte(tc.new), 1)
			if bytes.Equal(in, b) {
				t.Fatalf("fixture does not contain %s", tc.old)
			}
			var c risk.Case
			if err := json.Unmarshal(in, &c); !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
}

// TestLifecycleProperties drives cases through random sequences of steps
// (valid and invalid) and checks the invariants: a failed step changes
// nothing, a successful one appends exactly one entry, the history never
// shrinks or changes, a terminal stage is never left, dates never go back,
// and the JSON form replays to the same case.
func TestLifecycleProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2020))
	for n := range 300 {
		c, err := risk.Open(info("p"), day("2020-03-20"), "start")
		if err != nil {
			t.Fatal(err)
		}
		d := day("2020-03-20")
		var terminalAt int = -1
		for step := range 12 {
			prev := c.History()
			stageBefore := c.Stage()
			if rng.IntN(5) > 0 {
				d = d.AddDays(rng.IntN(40))
			} else {
				d = d.AddDays(-rng.IntN(5))
			}
			var err error
			switch rng.IntN(6) {
			case 0:
				err = c.StartAssistance(d, measure("transfer_employment", risk.Development, d.String()), "")
			case 1:
				err = c.AddMeasure(d, measure("dibao", risk.SafetyNet, d.String()), "")
			case 2:
				err = c.RecordTier(d, risk.Tier(1+rng.IntN(4)), "")
			case 3:
				err = c.Eliminate(passed(c, d.String(), risk.Route(1+rng.IntN(2))))
			case 4:
				err = c.ReturnToPoverty(d, "relapse")
			case 5:
				r := passed(c, d.String(), risk.Naturally)
				r.Pass = false
				err = c.Eliminate(r)
			}
			now := c.History()
			if err != nil {
				if diff := cmp.Diff(prev, now, dateCmp); diff != "" || c.Stage() != stageBefore {
					t.Fatalf("run %d step %d: a failed step changed the case: %v", n, step, err)
				}
				continue
			}
			if len(now) != len(prev)+1 {
				t.Fatalf("run %d step %d: history grew from %d to %d", n, step, len(prev), len(now))
			}
			if diff := cmp.Diff(prev, now[:len(prev)], dateCmp); diff != "" {
				t.Fatalf("run %d step %d: earlier history changed:\n%s", n, step, diff)
			}
			if terminalAt >= 0 {
				t.Fatalf("run %d: a step succeeded after the terminal stage", n)
			}
			if now[len(now)-1].Date.Before(now[len(now)-2].Date) {
				t.Fatalf("run %d: dates went back", n)
			}
			if st := c.Stage(); st == risk.Eliminated || st == risk.ReturnedToPoverty {
				terminalAt = step
			}
		}
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var again risk.Case
		if err := json.Unmarshal(b, &again); err != nil {
			t.Fatalf("run %d: replay rejected: %v\n%s", n, err, b)
		}
		if diff := cmp.Diff(c.History(), again.History(), dateCmp); diff != "" || again.Stage() != c.Stage() {
			t.Fatalf("run %d: replay differs:\n%s", n, diff)
		}
	}
}

// TestCaseInForce checks that a case opens only under a guidance document
// that defines its category on the date, at the boundaries of
// data/categories.json: 国开发〔2020〕6号 from 2020-03-20 (unstable lifted
// out, marginal) and 中农组发〔2021〕7号 from 2021 (also sudden difficulty).
// A refusal is a field error wrapping poverty.ErrNotInForce whose message
// names the category, the date and the document.
func TestCaseInForce(t *testing.T) {
	const (
		doc2020 = "国开发〔2020〕6号"
		doc2021 = "中农组发〔2021〕7号"
	)
	tests := []struct {
		name     string
		category risk.Category
		on       string
		field    string // "" when the case opens
		document string // the document the message names
	}{
		{"marginal the day before 2020", risk.MarginalAtRisk, "2020-03-19", "date", doc2020},
		{"marginal the day of 2020", risk.MarginalAtRisk, "2020-03-20", "", ""},
		{"unstable the day before 2020", risk.UnstableLiftedOut, "2020-03-19", "date", doc2020},
		{"unstable the day of 2020", risk.UnstableLiftedOut, "2020-03-20", "", ""},
		{"unstable long before", risk.UnstableLiftedOut, "2015-06-01", "date", doc2020},
		{"sudden difficulty the day before 2020", risk.SuddenDifficulty, "2020-03-19", "date", doc2021},
		{"sudden difficulty under the 2020 guidance", risk.SuddenDifficulty, "2020-03-20", "category", doc2021},
		{"sudden difficulty the day before 2021", risk.SuddenDifficulty, "2020-12-31", "category", doc2021},
		{"sudden difficulty the day of 2021", risk.SuddenDifficulty, "2021-01-01", "", ""},
		{"marginal under the 2021 guidance", risk.MarginalAtRisk, "2021-01-01", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := info("f")
			in.Category = tc.category
			c, err := risk.Open(in, day(tc.on), "identified")
			checkNotInForce(t, "risk.Open", err, tc.field, tc.category, tc.on, tc.document)
			if tc.field != "" {
				return
			}
			// The same case replayed from JSON opens too; moved to the day
			// before its document it is refused the same way.
			b, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			var back risk.Case
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("replay: %v", err)
			}
			before := day(tc.on).AddDays(-1).String()
			moved := bytes.Replace(b, []byte(`"date":"`+tc.on+`"`), []byte(`"date":"`+before+`"`), 1)
			want, doc := "date", doc2020
			if tc.category == risk.SuddenDifficulty {
				want, doc = "category", doc2021
			}
			if before == "2020-12-31" && tc.category != risk.SuddenDifficulty {
				return // still in force under the 2020 guidance
			}
			checkNotInForce(t, "risk.Case.UnmarshalJSON", json.Unmarshal(moved, &back), want, tc.category, before, doc)
		})
	}
}

// checkNotInForce checks err against the expected refusal: none when field
// is "", otherwise a *poverty.FieldError of op on field wrapping
// poverty.ErrNotInForce whose message names the category, the date and
// the document.
func checkNotInForce(t *testing.T, op string, err error, field string, c risk.Category, on, document string) {
	t.Helper()
	if field == "" {
		if err != nil {
			t.Errorf("%s on %s: %v, want the case to open", c, on, err)
		}
		return
	}
	var fe *poverty.FieldError
	if !errors.As(err, &fe) || !errors.Is(err, poverty.ErrNotInForce) {
		t.Fatalf("%s on %s: %v, want a field error wrapping ErrNotInForce", c, on, err)
	}
	got := []string{fe.Op, fe.Field}
	if diff := cmp.Diff([]string{op, field}, got); diff != "" {
		t.Errorf("op and field (-want +got):\n%s", diff)
	}
	for _, s := range []string{c.String(), on, document} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("message %q does not name %q", err, s)
		}
	}
}
