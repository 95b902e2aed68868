package risk_test

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// readJSON decodes a testdata file strictly.
func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

type wageRun struct {
	From poverty.YearMonth `json:"from"`
	To   poverty.YearMonth `json:"to"`
	Wage poverty.Money     `json:"wage"`
}

// monthlyWages expands runs of equal monthly wages into monthly incomes.
func monthlyWages(runs []wageRun) []poverty.MonthlyIncome {
	var out []poverty.MonthlyIncome
	for _, r := range runs {
		for m := r.From; m <= r.To; m++ {
			out = append(out, poverty.MonthlyIncome{Month: m, Income: poverty.Income{Wage: r.Wage}})
		}
	}
	return out
}

type weixianCase struct {
	Name                   string               `json:"name"`
	Source                 string               `json:"source"`
	Assumed                string               `json:"assumed"`
	Household              poverty.Household    `json:"household"`
	MonthlyWage            []wageRun            `json:"monthly_wage"`
	On                     poverty.Date         `json:"on"`
	Events                 json.RawMessage      `json:"events"`
	ExpectWarnings         []risk.WarningRule   `json:"expect_warnings"`
	ExpectNotWarned        []risk.WarningRule   `json:"expect_not_warned"`
	ExpectCategory         risk.Category        `json:"expect_category"`
	Channel                risk.Channel         `json:"channel"`
	ExpectProposalsInclude []string             `json:"expect_proposals_include"`
	Measures               []risk.MeasureRecord `json:"measures"`
	EarlyElimination       struct {
		On           poverty.Date `json:"on"`
		ExpectPass   bool         `json:"expect_pass"`
		ExpectFailed []string     `json:"expect_failed"`
	} `json:"early_elimination"`
	Elimination struct {
		On          poverty.Date      `json:"on"`
		Line        poverty.Threshold `json:"line"`
		Resolved    risk.FactorSet    `json:"resolved"`
		ExpectPass  bool              `json:"expect_pass"`
		ExpectRoute risk.Route        `json:"expect_route"`
	} `json:"elimination"`
	ExpectFinalStage risk.Stage `json:"expect_final_stage"`
}

// TestWeixian runs the Weixian reference scenario (SEEDS.md S3) end to end:
// department events, warnings, identification, proposals, the case, an
// elimination test that is too early, and one that passes.
func TestWeixian(t *testing.T) {
	var wc weixianCase
	readJSON(t, "testdata/weixian.json", &wc)
	h := wc.Household
	h.Monthly = monthlyWages(wc.MonthlyWage)
	events, err := risk.DecodeEvents(bytes.NewReader(wc.Events))
	if err != nil {
		t.Fatal(err)
	}
	p := risk.DefaultParams()
	a, err := risk.Assess(&h, events, wc.On, &p)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("warnings", func(t *testing.T) {
		var got []risk.WarningRule
		for _, w := range a.Warnings() {
			got = append(got, w.Rule)
		}
		if diff := cmp.Diff(wc.ExpectWarnings, got); diff != "" {
			t.Errorf("warnings (-want +got):\n%s", diff)
		}
		for _, r := range wc.ExpectNotWarned {
			if c := check(&a, r); c.Outcome != risk.Clear {
				t.Errorf("%s: outcome %s, want clear", r, c.Outcome)
			}
		}
		for _, w := range a.Warnings() {
			if w.Param.Status != poverty.LibraryDefault {
				t.Errorf("%s: parameter status %s; the medical triggers are library defaults", w.Rule, w.Param.Status)
			}
		}
		if a.MedicalOOP != poverty.MustParseMoney("10500") {
			t.Errorf("out-of-pocket %s, want 10500.00", a.MedicalOOP)
		}
	})
	id, err := risk.Identify(risk.IdentifyInput{Household: &h, On: wc.On, Assessment: &a})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("identify", func(t *testing.T) {
		if id.Category != wc.ExpectCategory {
			t.Errorf("category %s, want %s\n%s", id.Category, wc.ExpectCategory, id.Explain())
		}
		if id.Line.Amount != poverty.YuanAmount(6000) || !id.Line.Derived {
			t.Errorf("line %s, want the derived 2020 line 6000", id.Line.Cite())
		}
	})
	t.Run("proposals", func(t *testing.T) {
		var got []string
		for _, pr := range risk.DefaultCatalog().Propose(id.Factors, h.Workers()) {
			got = append(got, pr.Measure.Code)
		}
		for _, want := range wc.ExpectProposalsInclude {
			if !slices.Contains(got, want) {
				t.Errorf("proposals %v lack %s", got, want)
			}
		}
	})
	c, err := risk.Open(risk.CaseInfo{ID: "case-" + h.ID, HouseholdID: h.ID, Region: h.Province(), County: h.County,
		Category: id.Category, Factors: id.Factors, Channel: wc.Channel, Members: h.Residents()}, wc.On, "big-data warning verified")
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range wc.Measures {
		var err error
		if i == 0 {
			err = c.StartAssistance(m.Start, m, m.Note)
		} else {
			err = c.AddMeasure(m.Start, m, m.Note)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Run("early elimination", func(t *testing.T) {
		res, err := risk.EliminationTest(risk.EliminationInput{Case: c, Household: &h, On: wc.EarlyElimination.On,
			Guarantees: poverty.AllSecured(), Resolved: wc.Elimination.Resolved}, &p)
		if err != nil {
			t.Fatal(err)
		}
		var failed []string
		for _, f := range res.Failed() {
			failed = append(failed, f.Code)
		}
		if res.Pass != wc.EarlyElimination.ExpectPass || !slices.Equal(failed, wc.EarlyElimination.ExpectFailed) {
			t.Errorf("pass %t failed %v, want %t %v\n%s", res.Pass, failed, wc.EarlyElimination.ExpectPass, wc.EarlyElimination.ExpectFailed, res.Explain())
		}
		if err := c.Eliminate(&res); err == nil {
			t.Error("a failed test eliminated the risk")
		}
	})
	t.Run("elimination", func(t *testing.T) {
		res, err := risk.EliminationTest(risk.EliminationInput{Case: c, Household: &h, On: wc.Elimination.On,
			Line: &wc.Elimination.Line, Guarantees: poverty.AllSecured(), Resolved: wc.Elimination.Resolved}, &p)
		if err != nil {
			t.Fatal(err)
		}
		if res.Pass != wc.Elimination.ExpectPass || res.Route != wc.Elimination.ExpectRoute {
			t.Fatalf("pass %t route %s, want %t %s\n%s", res.Pass, res.Route, wc.Elimination.ExpectPass, wc.Elimination.ExpectRoute, res.Explain())
		}
		if err := c.Eliminate(&res); err != nil {
			t.Fatal(err)
		}
		if c.Stage() != wc.ExpectFinalStage {
			t.Errorf("stage %s, want %s", c.Stage(), wc.ExpectFinalStage)
		}
		if err := c.ReturnToPoverty(wc.Elimination.On, "after elimination"); err == nil {
			t.Error("a closed case returned to poverty")
		}
	})
}

type xinjiangCase struct {
	Name       string `json:"name"`
	Source     string `json:"source"`
	Assumed    string `json:"assumed"`
	Scheme     string `json:"scheme"`
	Households []struct {
		Name                   string        `json:"name"`
		Members                int           `json:"members"`
		Income                 poverty.Money `json:"income"`
		ExpectPerCapita        poverty.Money `json:"expect_per_capita"`
		SevereGuaranteeFailure bool          `json:"severe_guarantee_failure"`
		ExpectTier             risk.Tier     `json:"expect_tier"`
	} `json:"households"`
}

// TestXinjiangTiers classifies the Xinjiang households at and around each
// cut-off of the 2020 four-colour scheme (SEEDS.md S4, POLICY.md 3.1).
func TestXinjiangTiers(t *testing.T) {
	var xc xinjiangCase
	readJSON(t, "testdata/xinjiang.json", &xc)
	s, ok := risk.DefaultSchemes().Lookup(xc.Scheme)
	if !ok {
		t.Fatalf("no scheme %s", xc.Scheme)
	}
	for _, hc := range xc.Households {
		t.Run(hc.Name, func(t *testing.T) {
			h := poverty.Household{ID: hc.Name, Region: poverty.MustParseRegion("65"), Year: 2020,
				Concept: poverty.NetIncome, Members: make([]poverty.Member, hc.Members), Income: poverty.Income{Wage: hc.Income}}
			pc, err := h.PerCapita()
			if err != nil {
				t.Fatal(err)
			}
			if pc.Amount != hc.ExpectPerCapita {
				t.Fatalf("per capita %s, want %s", pc.Amount, hc.ExpectPerCapita)
			}
			res, err := s.Classify(risk.TierInput{PerCapita: pc, SevereGuaranteeFailure: hc.SevereGuaranteeFailure})
			if err != nil {
				t.Fatal(err)
			}
			if res.Tier != hc.ExpectTier {
				t.Errorf("tier %s, want %s (%s)", res.Tier, hc.ExpectTier, res.Reason)
			}
		})
	}
}
