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
			if err := evs[i].Validate(); err != nil {
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
		if c.Stage() != again.Stage() || c.Info() != again.Info() || c.NumMeasures() != again.NumMeasures() {
			t.Fatalf("round trip changed the case")
		}
	})
}
