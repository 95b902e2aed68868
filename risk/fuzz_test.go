package risk_test

import (
	"bytes"
	"encoding/json"
	"os"
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
	f.Add([]byte(`{"id":"c","household_id":"h","region":"34","category":"marginal","factors":["illness"],"channel":"application","members":2,"stage":"identified","history":[{"date":"2020-01-01","step":"opened","stage":"identified"}]}`))
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

// FuzzLoadParams: the parameter loader never panics, and what it accepts
// validates.
func FuzzLoadParams(f *testing.F) {
	b, err := os.ReadFile("data/params.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"schema":"fupin.risk.params/2","params":[{"id":"stable_months","unit":"months","value":"12","status":"LOCAL","scope":"340722","source":"s"}]}`))
	f.Add([]byte(`{"schema":"fupin.risk.params/2","params":[{"id":"cap_deep","unit":"ratio","status":"UNCONFIRMED","scope":"national","source":"s","note":"about 10%"}]}`))
	base := risk.DefaultParams()
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := risk.LoadParams(bytes.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		p := base.Overlay(o)
		if err := p.Validate(); err != nil {
			t.Fatalf("accepted invalid parameters: %v", err)
		}
	})
}

// FuzzLoadSchemes: the tier-scheme loader never panics; an accepted scheme
// validates and classifies any income monotonically.
func FuzzLoadSchemes(f *testing.F) {
	for _, name := range []string{"data/tiers.json", "testdata/relative_scheme.json"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, int64(450000))
	}
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

// FuzzLoadCatalog: the catalogue loader never panics; proposals from an
// accepted catalogue never give a development-type measure to a household
// without labour capacity.
func FuzzLoadCatalog(f *testing.F) {
	b, err := os.ReadFile("data/measures.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b, uint32(1<<1|1<<13))
	f.Fuzz(func(t *testing.T, data []byte, factors uint32) {
		c, err := risk.LoadCatalog(bytes.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		for _, p := range c.Propose(risk.FactorSet(factors), 0) {
			if p.Measure.Type != risk.SafetyNet {
				t.Fatalf("%s proposed without labour capacity", p.Measure.Code)
			}
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
