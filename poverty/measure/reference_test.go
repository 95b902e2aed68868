package measure_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openfupin/fupin/poverty"
)

// referenceCase is one language-neutral case of testdata/reference.json.
type referenceCase struct {
	Name     string           `json:"name"`
	Note     string           `json:"note"`
	Welfare  []poverty.Money  `json:"welfare"`
	Weights  []float64        `json:"weights"`
	Boundary poverty.Boundary `json:"boundary"`
	Lines    []poverty.Money  `json:"lines"`
	Want     struct {
		Poverty []struct {
			Line           poverty.Money  `json:"line"`
			Poor           *float64       `json:"poor"`
			Incidence      *float64       `json:"incidence"`
			Gap            *float64       `json:"gap"`
			Severity       *float64       `json:"severity"`
			IncomeGapRatio *float64       `json:"income_gap_ratio"`
			Sen            *float64       `json:"sen"`
			Watts          *float64       `json:"watts"`
			Cost           *poverty.Money `json:"cost"`
		} `json:"poverty"`
		Gini        *float64       `json:"gini"`
		TheilT      *float64       `json:"theil_t"`
		TheilL      *float64       `json:"theil_l"`
		AtkinsonTwo *float64       `json:"atkinson_two"`
		Palma       *float64       `json:"palma"`
		S80S20      *float64       `json:"s80s20"`
		Mean        *poverty.Money `json:"mean"`
		Median      *poverty.Money `json:"median"`
	} `json:"want"`
}

func TestReferenceCases(t *testing.T) {
	b, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		About string          `json:"about"`
		Cases []referenceCase `json:"cases"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range doc.Cases {
		t.Run(c.Name, func(t *testing.T) {
			p := mustPop(t, c.Welfare, c.Weights)
			ms, err := p.Poverty(c.Boundary, c.Lines...)
			if err != nil {
				t.Fatal(err)
			}
			// Collect (name, want, got) for every field the case states.
			want, got := map[string]float64{}, map[string]float64{}
			check := func(name string, w *float64, g float64) {
				if w != nil {
					want[name], got[name] = *w, g
				}
			}
			checkMoney := func(name string, w *poverty.Money, g poverty.Money) {
				if w != nil && *w != g {
					t.Errorf("%s = %s, want %s", name, g, *w)
				}
			}
			if len(c.Want.Poverty) != len(ms) {
				t.Fatalf("%d poverty results for %d expected", len(ms), len(c.Want.Poverty))
			}
			for k, w := range c.Want.Poverty {
				m := ms[k]
				l := w.Line.String() + " "
				if m.Line != w.Line {
					t.Errorf("line %d is %s, want %s", k, m.Line, w.Line)
				}
				check(l+"poor", w.Poor, m.Poor)
				check(l+"incidence", w.Incidence, m.Incidence)
				check(l+"gap", w.Gap, m.Gap)
				check(l+"severity", w.Severity, m.Severity)
				check(l+"income_gap_ratio", w.IncomeGapRatio, m.IncomeGapRatio)
				check(l+"sen", w.Sen, m.Sen)
				check(l+"watts", w.Watts, m.Watts)
				checkMoney(l+"cost", w.Cost, m.Cost)
			}
			in, err := p.Inequality()
			if err != nil {
				t.Fatal(err)
			}
			check("gini", c.Want.Gini, in.Gini)
			check("theil_t", c.Want.TheilT, in.TheilT)
			check("theil_l", c.Want.TheilL, in.TheilL)
			check("atkinson_two", c.Want.AtkinsonTwo, in.AtkinsonTwo)
			check("palma", c.Want.Palma, in.Palma)
			check("s80s20", c.Want.S80S20, in.S80S20)
			checkMoney("mean", c.Want.Mean, in.Mean)
			med, err := p.Median(poverty.RoundHalfUp)
			if err != nil {
				t.Fatal(err)
			}
			checkMoney("median", c.Want.Median, med)
			if diff := cmp.Diff(want, got, approx); diff != "" {
				t.Errorf("%s\n(-want +got):\n%s", c.Note, diff)
			}
		})
	}
}
