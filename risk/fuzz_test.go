package risk_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

var dateCmp = cmp.Comparer(func(a, b poverty.Date) bool { return a == b })

// FuzzDecodeEvents feeds arbitrary bytes to the strict event decoder: it
// must never panic, and whatever it accepts must survive a round trip
// through MarshalJSON unchanged.
func FuzzDecodeEvents(f *testing.F) {
	b, err := os.ReadFile("testdata/weixian.json")
	if err != nil {
		f.Fatal(err)
	}
	var doc struct {
		Events json.RawMessage `json:"events"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(doc.Events))
	f.Add([]byte(`[{"type":"disaster","date":"2020-07-01","hazard":"0201","loss":"8000.5","lost":["housing"],"severe":true}]`))
	f.Add([]byte(`[{"type":"employment","date":"2020-08-01","action":"job_lost","previous_wage":"2400"}]`))
	f.Add([]byte(`[{"type":"civil_affairs","date":"2020-05-02","action":"dibao_ended"}]`))
	f.Add([]byte(`[{"type":"application","date":"2020-09-02","factors":["illness","09"]}]`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		evs, err := risk.DecodeEvents(bytes.NewReader(data))
		if err != nil {
			return
		}
		out, err := json.Marshal(evs)
		if err != nil {
			t.Fatalf("accepted events do not marshal: %v", err)
		}
		again, err := risk.DecodeEvents(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("round trip rejected: %v\n%s", err, out)
		}
		if diff := cmp.Diff(evs, again, dateCmp); diff != "" {
			t.Fatalf("round trip changed the events (-want +got):\n%s", diff)
		}
		for i := range evs {
			if _, err := json.Marshal(evs[i]); err != nil {
				t.Fatalf("accepted an invalid event: %v", err)
			}
		}
	})
}

// FuzzCaseJSON feeds arbitrary bytes to the case decoder, which replays the
// history: it must never panic, and an accepted case must marshal and
// decode to the same case.
func FuzzCaseJSON(f *testing.F) {
	c := sampleCase(f)
	b, err := json.Marshal(c)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add(bytes.Replace(b, []byte(`"risk_eliminated"`), []byte(`"returned_to_poverty"`), 1))
	f.Add([]byte(`{"id":"c","household_id":"h","region":"34","category":"marginal","factors":["illness"],"channel":"application","members":2,"stage":"identified","history":[{"date":"2020-03-20","step":"opened","stage":"identified"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var c risk.Case
		if err := json.Unmarshal(data, &c); err != nil {
			return
		}
		out, err := json.Marshal(&c)
		if err != nil {
			t.Fatalf("accepted case does not marshal: %v", err)
		}
		var again risk.Case
		if err := json.Unmarshal(out, &again); err != nil {
			t.Fatalf("round trip rejected: %v\n%s", err, out)
		}
		if diff := cmp.Diff(c.History(), again.History(), dateCmp); diff != "" {
			t.Fatalf("round trip changed the history (-want +got):\n%s", diff)
		}
		if c.Stage() != again.Stage() || c.Info() != again.Info() || len(c.History()) != len(again.History()) {
			t.Fatalf("round trip changed the case")
		}
	})
}

// FuzzLoadParams: the parameter loader never panics; an error is a
// *poverty.FieldError of risk.LoadParams; what it accepts, written back in
// the file schema (Param.Value is the value's text), loads again to the
// same parameters (round trip), and each value agrees with its own parser
// (the oracle: ParseMoney, ParseRate, Atoi of Value).
func FuzzLoadParams(f *testing.F) {
	// Small seeds: minimising the whole embedded file would take a short
	// run; the ordinary tests load it.
	f.Add([]byte(`{"schema":"fupin.risk.params/2","params":[{"id":"stable_months","unit":"months","value":"12","status":"LOCAL","scope":"340722","source":"s"}]}`))
	f.Add([]byte(`{"schema":"fupin.risk.params/2","params":[{"id":"cap_deep","unit":"ratio","status":"UNCONFIRMED","scope":"national","source":"s","note":"about 10%"}]}`))
	f.Add([]byte(`{"schema":"fupin.risk.params/2","params":[{"id":"medical_oop_amount","unit":"yuan","value":"10000.5","status":"DEFAULT","scope":"national","source":"s","from":"2020"}]}`))
	f.Add([]byte(`{"schema":"fupin.risk.params/2","params":[{"id":"income_drop_share","unit":"ratio","value":"30%","status":"DEFAULT","scope":"national","source":"s"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := risk.LoadParams(bytes.NewReader(data), "fuzz")
		if err != nil {
			var fe *poverty.FieldError
			if !errors.As(err, &fe) || fe.Op != "risk.LoadParams" {
				t.Fatalf("error is not a *poverty.FieldError of risk.LoadParams: %v", err)
			}
			return
		}
		type rec struct {
			ID    string       `json:"id"`
			Unit  poverty.Unit `json:"unit"`
			Value string       `json:"value,omitempty"`
			poverty.Provenance
		}
		doc := struct {
			Schema string `json:"schema"`
			Params []rec  `json:"params"`
		}{Schema: "fupin.risk.params/2"}
		for _, p := range o.List() {
			v := p.Value()
			var ok bool
			switch p.Unit {
			case poverty.UnitYuan:
				m, err := poverty.ParseMoney(v)
				ok = err == nil && m == p.Amount || p.Status == poverty.Unconfirmed && v == ""
			case poverty.UnitRatio:
				r, err := poverty.ParseRate(v)
				ok = err == nil && r == p.Rate || p.Status == poverty.Unconfirmed && v == ""
			case poverty.UnitMonths:
				n, err := strconv.Atoi(v)
				ok = err == nil && n == p.Count || p.Status == poverty.Unconfirmed && v == ""
			}
			if !ok || p.Origin != "fuzz" {
				t.Fatalf("%s: value %q does not agree with %+v", p.ID, v, p)
			}
			doc.Params = append(doc.Params, rec{p.ID, p.Unit, v, p.Provenance})
		}
		out, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		again, err := risk.LoadParams(bytes.NewReader(out), "fuzz")
		if err != nil {
			t.Fatalf("written back, the parameters do not load: %v\n%s", err, out)
		}
		if diff := cmp.Diff(o.List(), again.List()); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}

// FuzzLoadSchemes: the tier-scheme loader never panics; an accepted scheme
// validates and classifies any income monotonically.
func FuzzLoadSchemes(f *testing.F) {
	// Small seeds (the embedded and test files are loaded by the ordinary
	// tests): a short run then fuzzes instead of minimising.
	f.Add([]byte(`{"schema":"fupin.risk.tiers/2","schemes":[{"id":"a","basis":"absolute","concept":"disposable_income","tiers":["red","green"],"cuts":[{"value":"5000","at_cut":"upper"}],"source":"s","status":"LOCAL","scope":"65","from":"2020"}]}`), int64(450000))
	f.Add([]byte(`{"schema":"fupin.risk.tiers/2","schemes":[{"id":"r","basis":"relative_to_monitoring_line","tiers":["red","orange","green"],"cuts":[{"value":"0.7","at_cut":"upper"},{"value":"1.2","at_cut":"lower"}],"severe_guarantee_red":true,"source":"s","status":"EXAMPLE","scope":"national"}]}`), int64(600000))
	f.Add([]byte(`{"schema":"fupin.risk.tiers/2","schemes":[{"id":"g","basis":"absolute","concept":"net_income","tiers":["red","green"],"cuts":[{"value":"5000","at_cut":"lower"}],"guarantee_not_secured":{"tier":"red","source":"s","status":"DEFAULT","scope":"65"},"source":"s","status":"LOCAL","scope":"65"}]}`), int64(500001))
	line := poverty.Threshold{Amount: y(6000), Concept: poverty.NetIncome}
	f.Fuzz(func(t *testing.T, data []byte, pc int64) {
		ss, err := risk.LoadSchemes(bytes.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		for _, s := range ss.All() {
			if err := s.Validate(); err != nil {
				t.Fatalf("accepted invalid scheme: %v", err)
			}
			a, errA := s.Classify(risk.TierInput{PerCapita: poverty.Figure{Amount: poverty.Money(pc), Concept: poverty.NetIncome}, Line: &line})
			b, errB := s.Classify(risk.TierInput{PerCapita: poverty.Figure{Amount: poverty.Money(pc) + 1, Concept: poverty.NetIncome}, Line: &line})
			if errA == nil && errB == nil && b.Tier < a.Tier {
				t.Fatalf("scheme %s: %d gives %s, one fen more gives %s", s.ID, pc, a.Tier, b.Tier)
			}
		}
	})
}

// FuzzLoadCatalog: the catalogue loader never panics, and an error is a
// *poverty.FieldError of risk.LoadCatalog; proposals from an accepted
// catalogue never give a development-type measure to a household without
// labour capacity, never propose an UNCONFIRMED measure, and only propose
// measures the catalogue lists.
func FuzzLoadCatalog(f *testing.F) {
	// A small seed: the embedded 5 KB catalogue never left minimisation in
	// a 45 s run. The ordinary tests load the embedded one.
	f.Add([]byte(`{"schema":"fupin.risk.measures/2","mapping":{"source":"s","status":"DEFAULT","scope":"national"},"measures":[{"code":"a","name":"a","type":"development","factors":["illness","0201"],"fallback":true,"source":"s","status":"CONFIRMED","scope":"national"},{"code":"b","name":"b","type":"safety_net","factors":["disability"],"no_labour":true,"source":"s","status":"UNCONFIRMED","scope":"national"}]}`), uint32(1<<1|1<<13))
	f.Fuzz(func(t *testing.T, data []byte, factors uint32) {
		c, err := risk.LoadCatalog(bytes.NewReader(data), "fuzz")
		if err != nil {
			var fe *poverty.FieldError
			if !errors.As(err, &fe) || fe.Op != "risk.LoadCatalog" {
				t.Fatalf("error is not a *poverty.FieldError of risk.LoadCatalog: %v", err)
			}
			return
		}
		for _, workers := range []int{0, 2} {
			for _, p := range c.Propose(risk.FactorSet(factors), workers) {
				m, ok := c.Lookup(p.Measure.Code)
				if !ok || m.Status == poverty.Unconfirmed {
					t.Fatalf("proposed %s: listed %v, status %v", p.Measure.Code, ok, m.Status)
				}
				if workers == 0 && p.Measure.Type != risk.SafetyNet {
					t.Fatalf("%s proposed without labour capacity", p.Measure.Code)
				}
			}
		}
	})
}

// FuzzFactorSetJSON: a factor set decodes from an array of words or codes
// and round-trips through MarshalJSON; the oracle is the words decoded one
// by one with Factor.UnmarshalText (no unknown word, no repetition); an
// error is a *poverty.ParseError.
func FuzzFactorSetJSON(f *testing.F) {
	for _, s := range []string{`["illness","0201"]`, `[]`, `null`, `["illness","01"]`, `["unknown"]`, `"illness"`, `[1]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, js string) {
		var s risk.FactorSet
		err := json.Unmarshal([]byte(js), &s)
		var words []string
		oracle := json.Unmarshal([]byte(js), &words) == nil
		var want risk.FactorSet
		if oracle {
			for _, w := range words {
				var fa risk.Factor
				if fa.UnmarshalText([]byte(w)) != nil || fa == 0 || want&risk.FactorsOf(fa) != 0 {
					oracle = false
					break
				}
				want |= risk.FactorsOf(fa)
			}
		}
		if err != nil {
			var pe *poverty.ParseError
			var se *json.SyntaxError
			if !errors.As(err, &pe) && !errors.As(err, &se) {
				t.Fatalf("%s: untyped error %v", js, err)
			}
			if oracle && words != nil {
				t.Fatalf("%s refused (%v), the words are distinct known factors", js, err)
			}
			return
		}
		if words == nil {
			if strings.TrimSpace(js) != "null" {
				t.Fatalf("%s accepted as %v: not an array of words", js, s)
			}
			return // null leaves the set unchanged
		}
		if !oracle || s != want {
			t.Fatalf("%s -> %v, oracle %v (%v)", js, s, want, oracle)
		}
		out, err := json.Marshal(s)
		var back risk.FactorSet
		if err != nil || json.Unmarshal(out, &back) != nil || back != s {
			t.Fatalf("round trip %s -> %v -> %s -> %v", js, s, out, back)
		}
	})
}

// FuzzGuaranteeSetJSON: as FuzzFactorSetJSON for guarantee items (words
// only: the oracle is the item's String).
func FuzzGuaranteeSetJSON(f *testing.F) {
	for _, s := range []string{`["food","housing"]`, `[]`, `null`, `["food","food"]`, `["unknown"]`, `{}`} {
		f.Add(s)
	}
	all := map[string]risk.Guarantee{}
	for g := risk.Food; g <= risk.DrinkingWater; g++ {
		all[g.String()] = g
	}
	f.Fuzz(func(t *testing.T, js string) {
		var s risk.GuaranteeSet
		err := json.Unmarshal([]byte(js), &s)
		var words []string
		oracle := json.Unmarshal([]byte(js), &words) == nil
		var want risk.GuaranteeSet
		if oracle {
			for _, w := range words {
				g, ok := all[w]
				if !ok || want.Has(g) {
					oracle = false
					break
				}
				want |= risk.GuaranteesOf(g)
			}
		}
		if err != nil {
			var pe *poverty.ParseError
			var se *json.SyntaxError
			if !errors.As(err, &pe) && !errors.As(err, &se) {
				t.Fatalf("%s: untyped error %v", js, err)
			}
			if oracle && words != nil {
				t.Fatalf("%s refused (%v)", js, err)
			}
			return
		}
		if words == nil {
			if strings.TrimSpace(js) != "null" {
				t.Fatalf("%s accepted as %v: not an array of words", js, s)
			}
			return
		}
		if !oracle || s != want {
			t.Fatalf("%s -> %v, oracle %v (%v)", js, s, want, oracle)
		}
		out, err := json.Marshal(s)
		var back risk.GuaranteeSet
		if err != nil || json.Unmarshal(out, &back) != nil || back != s {
			t.Fatalf("round trip %s -> %v -> %s -> %v", js, s, out, back)
		}
	})
}

// FuzzFactorText: words and codes round-trip through Factor.UnmarshalText.
func FuzzFactorText(f *testing.F) {
	for _, s := range []string{"01", "0201", "0299", "illness", "disaster_flood", "08", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parseFactor(s)
		if err != nil {
			return
		}
		if w, err := parseFactor(v.String()); err != nil || w != v {
			t.Fatalf("%q -> %v -> %v %v", s, v, w, err)
		}
		if v == 0 {
			return // "unknown", the zero value, has no code
		}
		if w, err := parseFactor(v.Code()); err != nil || w != v {
			t.Fatalf("%q -> %v -> code %q -> %v %v", s, v, v.Code(), w, err)
		}
	})
}

// FuzzAssessmentJSON: an assessment decodes from what MarshalJSON writes
// (checks none or one a rule, in rule order); what it accepts marshals to
// JSON that decodes to the same assessment (the bytes agree); an error is a
// *poverty.FieldError of risk.Assessment.UnmarshalJSON, or the JSON's own
// syntax error.
func FuzzAssessmentJSON(f *testing.F) {
	a, err := risk.Assess(flat(), []risk.Event{
		{Kind: risk.MedicalClaim, Date: day("2020-01-10"), Total: y(20000), OutOfPocket: y(9000), Severe: true},
	}, on, nil)
	if err != nil {
		f.Fatal(err)
	}
	b, err := json.Marshal(a)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"household_id":"h","checks":[]}`))
	f.Add([]byte(`{"household_id":"h","checks":[{"rule":"income_drop"}]}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var a risk.Assessment
		if err := json.Unmarshal(data, &a); err != nil {
			var fe *poverty.FieldError
			var se *json.SyntaxError
			if !errors.As(err, &se) && (!errors.As(err, &fe) || fe.Op != "risk.Assessment.UnmarshalJSON") {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		out, err := json.Marshal(a)
		if err != nil {
			t.Fatalf("accepted assessment does not marshal: %v", err)
		}
		var again risk.Assessment
		if err := json.Unmarshal(out, &again); err != nil {
			t.Fatalf("round trip rejected: %v\n%s", err, out)
		}
		out2, err := json.Marshal(again)
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("round trip differs:\n%s\n%s", out, out2)
		}
		if len(a.Checks()) != len(again.Checks()) {
			t.Fatalf("checks %d -> %d", len(a.Checks()), len(again.Checks()))
		}
	})
}
