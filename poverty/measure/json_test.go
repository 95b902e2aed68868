package measure_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/poverty/measure"
)

// TestJSON checks the JSON form of the results: snake_case members, money
// as strings, and null for a figure that is not a number; marshalling
// never fails.
func TestJSON(t *testing.T) {
	// Welfare zero below the line: Watts diverges (+Inf).
	p, err := measure.New([]poverty.Money{0, poverty.YuanAmount(5000)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := p.Poverty(poverty.BelowLine, poverty.YuanAmount(4000))
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsInf(ms[0].Watts, 1) {
		t.Fatalf("Watts = %v, want +Inf for this test", ms[0].Watts)
	}
	b, err := json.Marshal(ms[0])
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	want := map[string]any{
		"line": "4000.00", "boundary": "below", "population": 2.0, "poor": 1.0, "poor_records": 1.0,
		"incidence": 0.5, "gap": 0.5, "severity": 0.5, "income_gap_ratio": 1.0, "watts": nil, "sen": ms[0].Sen,
		"cost": "4000.00", "cost_exact": true,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("JSON (-want +got):\n%s", d)
	}

	// A NaN nested in a report, and the generic results.
	r := measure.GroupReport{Total: measure.Group{Key: "", PopulationShare: math.NaN()}, Theil: measure.TheilDecomposition{TWithin: math.NaN()}}
	b, err = json.Marshal(r)
	if err != nil {
		t.Fatalf("Marshal report: %v", err)
	}
	var rep struct {
		Total struct {
			PopulationShare *float64 `json:"population_share"`
		} `json:"total"`
		Theil struct {
			TWithin *float64 `json:"t_within"`
		} `json:"theil"`
	}
	if err := json.Unmarshal(b, &rep); err != nil || rep.Total.PopulationShare != nil || rep.Theil.TWithin != nil {
		t.Errorf("report %s: NaN not null (%v)", b, err)
	}
	tr := measure.Transitions[poverty.Status]{States: []poverty.Status{poverty.NotPoor}, Weight: [][]float64{{math.NaN()}}}
	if b, err = json.Marshal(tr); err != nil || string(b) != `{"from":0,"to":0,"states":["not_poor"],"weight":[[null]],"records":null,"missing":{"records":0,"weight":0}}` {
		t.Errorf("transitions = %s, %v", b, err)
	}
}
