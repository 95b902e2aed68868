package risk_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

func TestCatalogue(t *testing.T) {
	c := risk.DefaultCatalogue()
	want := map[string]risk.MeasureType{
		"industry_support": risk.Development, "transfer_employment": risk.Development, "micro_credit": risk.Development,
		"skills_training": risk.Development, "public_welfare_post": risk.Development, "work_for_relief": risk.Development,
		"dibao": risk.SafetyNet, "medical_insurance_assistance": risk.SafetyNet, "temporary_assistance": risk.SafetyNet,
		"pension": risk.SafetyNet, "tekun_support": risk.SafetyNet, "education_aid": risk.SafetyNet,
	}
	got := map[string]risk.MeasureType{}
	for _, m := range c.Measures() {
		got[m.Code] = m.Type
		if m.Source == "" || m.Status == risk.BasisUnset {
			t.Errorf("%s: no source", m.Code)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("catalogue (-want +got):\n%s", diff)
	}
	if _, ok := c.Lookup("dibao"); !ok {
		t.Error("no dibao")
	}
}

func TestPropose(t *testing.T) {
	tests := []struct {
		name    string
		factors risk.FactorSet
		workers int
		want    []string
	}{
		{"unstable employment, able", risk.FactorsOf(risk.UnstableEmployment), 2,
			[]string{"transfer_employment", "skills_training", "public_welfare_post", "work_for_relief"}},
		{"illness, able", risk.FactorsOf(risk.Illness), 1,
			[]string{"transfer_employment", "public_welfare_post", "medical_insurance_assistance", "temporary_assistance"}},
		{"illness, no labour: safety net only", risk.FactorsOf(risk.Illness), 0,
			[]string{"dibao", "medical_insurance_assistance", "temporary_assistance", "pension"}},
		{"flood, able", risk.FactorsOf(risk.DisasterFlood), 1,
			[]string{"micro_credit", "work_for_relief", "temporary_assistance"}},
		{"schooling, able", risk.FactorsOf(risk.Schooling), 1,
			[]string{"transfer_employment", "skills_training", "education_aid"}},
		{"disability, able", risk.FactorsOf(risk.Disability), 1,
			[]string{"public_welfare_post", "dibao", "medical_insurance_assistance", "tekun_support"}},
		{"no factor, able: fallback", 0, 1, []string{"transfer_employment"}},
		{"lack of labour, none able", risk.FactorsOf(risk.LackOfLabour), 0,
			[]string{"dibao", "medical_insurance_assistance", "pension", "tekun_support"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range risk.DefaultCatalogue().Propose(tc.factors, tc.workers) {
				got = append(got, p.Measure.Code)
				if tc.workers == 0 && p.Measure.Type != risk.SafetyNet {
					t.Errorf("%s proposed to a household without labour capacity", p.Measure.Code)
				}
				if !strings.HasPrefix(p.Reason.Code, "propose.") || p.Reason.Input == "" || p.Reason.Source == "" {
					t.Errorf("%s: reason %+v", p.Measure.Code, p.Reason)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("proposals (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadCatalogueErrors(t *testing.T) {
	ok := `{"schema":"fupin.risk.measures/1","mapping_status":"DEFAULT","mapping_source":"test","measures":[{"code":"a","name":"A","type":"development","factors":["illness"],"source":"s","status":"CONFIRMED"}]}`
	if _, err := risk.LoadCatalogue(strings.NewReader(ok), "ok"); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, old, new string }{
		{"unknown field", `"name":"A"`, `"name":"A","cost":1`},
		{"unknown type", `"development"`, `"charity"`},
		{"unknown factor", `["illness"]`, `["bad_luck"]`},
		{"no source", `"source":"s"`, `"source":""`},
		{"no mapping status", `"mapping_status":"DEFAULT",`, ``},
		{"duplicate code", `"status":"CONFIRMED"}]`, `"status":"CONFIRMED"},{"code":"a","type":"safety_net","source":"s","status":"CONFIRMED"}]`},
		{"safety-net fallback", `"type":"development"`, `"type":"safety_net","fallback":true`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := strings.Replace(ok, tc.old, tc.new, 1)
			var fe *poverty.FieldError
			if _, err := risk.LoadCatalogue(strings.NewReader(in), "bad"); !errors.As(err, &fe) {
				t.Errorf("error %v, want *poverty.FieldError", err)
			}
		})
	}
}
