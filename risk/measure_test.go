package risk_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

func TestCatalogue(t *testing.T) {
	c := risk.DefaultCatalog()
	want := map[string]risk.MeasureType{
		"industry_support": risk.Development, "transfer_employment": risk.Development, "micro_credit": risk.Development,
		"skills_training": risk.Development, "public_welfare_post": risk.Development, "work_for_relief": risk.Development,
		"dibao": risk.SafetyNet, "medical_insurance_assistance": risk.SafetyNet, "temporary_assistance": risk.SafetyNet,
		"pension": risk.SafetyNet, "tekun_support": risk.SafetyNet, "education_aid": risk.SafetyNet,
	}
	got := map[string]risk.MeasureType{}
	for _, m := range c.Measures() {
		got[m.Code] = m.Type
		if m.Source == "" || m.Status == poverty.SourceUnset {
			t.Errorf("%s: no source", m.Code)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("catalogue (-want +got):\n%s", diff)
	}
	if _, ok := c.Lookup("dibao"); !ok {
		t.Error("no dibao")
	}
	if m := c.Mapping(); m.Status != poverty.LibraryDefault || m.Scope != poverty.ScopeNational {
		t.Errorf("mapping %s", m.Label())
	}
	// Labels checked against POLICY.md 2.1 and 2.2: work-for-relief is
	// confirmed only in Shanxi's package (applied everywhere: DEFAULT);
	// temporary assistance is not named by 国开发〔2020〕6号 (SECONDARY).
	labels := map[string]string{}
	for _, m := range c.Measures() {
		labels[m.Code] = m.Label()
	}
	for code, want := range map[string]string{"work_for_relief": "DEFAULT", "temporary_assistance": "SECONDARY (news flash quoting the document)",
		"education_aid": "SECONDARY (exam-prep Q&A site)", "dibao": "CONFIRMED"} {
		if labels[code] != want {
			t.Errorf("%s: label %q, want %q", code, labels[code], want)
		}
	}
}

// TestCatalogueImmutable: changing what the catalogue returned changes
// nothing another caller sees.
func TestCatalogueImmutable(t *testing.T) {
	fresh, err := risk.LoadCatalog(bytes.NewReader(mustRead(t, "data/measures.json")), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	ms := risk.DefaultCatalog().Measures()
	for i := range ms {
		ms[i] = risk.Measure{Code: "x", Name: "x", Type: risk.SafetyNet, Factors: 1, NoLabour: true, Fallback: true,
			Provenance: poverty.Provenance{Source: "x", Status: poverty.Example, Scope: "53"}}
	}
	m, _ := risk.DefaultCatalog().Lookup("dibao")
	m.Source = "x"
	hs := risk.DefaultCatalog().History("dibao")
	for i := range hs {
		hs[i].Source = "x"
	}
	p := risk.DefaultCatalog().Propose(risk.FactorsOf(risk.Illness), 0)
	for i := range p {
		p[i].Measure.Source = "x"
	}
	if diff := cmp.Diff(fresh.Measures(), risk.DefaultCatalog().Measures()); diff != "" {
		t.Errorf("catalogue changed by a caller (-want +got):\n%s", diff)
	}
}

func TestCatalogueOverlay(t *testing.T) {
	own, err := risk.LoadCatalog(strings.NewReader(`{"schema":"fupin.risk.measures/2",
	 "mapping":{"source":"my county's mapping","status":"SUPPLIED","scope":"53"},
	 "measures":[{"code":"dibao","name":"dibao","type":"safety_net","factors":["lack_of_labour"],"no_labour":true,"source":"my county","status":"SUPPLIED","scope":"53"},
	  {"code":"gap","name":"gap","type":"safety_net","factors":["illness"],"source":"quoted, not found","status":"UNCONFIRMED","scope":"national"}]}`), "own.json")
	if err != nil {
		t.Fatal(err)
	}
	base := risk.DefaultCatalog()
	c := base.Overlay(own)
	var versions []string
	for _, m := range c.History("dibao") {
		versions = append(versions, m.Label())
	}
	if diff := cmp.Diff([]string{"CONFIRMED", "SUPPLIED 53"}, versions); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	if len(c.Measures()) != len(base.Measures())+1 || c.Mapping().Status != poverty.Supplied {
		t.Errorf("overlay: %d measures, mapping %s", len(c.Measures()), c.Mapping().Label())
	}
	if m, _ := base.Lookup("dibao"); m.Status != poverty.Confirmed {
		t.Error("Overlay changed its receiver")
	}
	for _, p := range c.Propose(risk.FactorsOf(risk.Illness), 0) {
		if p.Measure.Code == "gap" {
			t.Error("an UNCONFIRMED measure was proposed")
		}
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
		{"lack of labour, none able", risk.FactorsOf(risk.LackOfLabor), 0,
			[]string{"dibao", "medical_insurance_assistance", "pension", "tekun_support"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range risk.DefaultCatalog().Propose(tc.factors, tc.workers) {
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
	ok := `{"schema":"fupin.risk.measures/2","mapping":{"source":"test","status":"DEFAULT","scope":"national"},"measures":[{"code":"a","name":"A","type":"development","factors":["illness"],"source":"s","status":"CONFIRMED","scope":"national"}]}`
	if _, err := risk.LoadCatalog(strings.NewReader(ok), "ok"); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, old, new string }{
		{"unknown field", `"name":"A"`, `"name":"A","cost":1`},
		{"unknown type", `"development"`, `"charity"`},
		{"unknown factor", `["illness"]`, `["bad_luck"]`},
		{"no source", `"source":"s"`, `"source":""`},
		{"no mapping status", `"status":"DEFAULT",`, ``},
		{"no mapping", `"mapping":{"source":"test","status":"DEFAULT","scope":"national"},`, ``},
		{"old mapping members", `"mapping":{"source":"test","status":"DEFAULT","scope":"national"}`, `"mapping_status":"DEFAULT","mapping_source":"test"`},
		{"no scope", `"status":"CONFIRMED","scope":"national"`, `"status":"CONFIRMED"`},
		{"old status word", `"status":"CONFIRMED"`, `"status":"COUNTY_RULE"`},
		{"duplicate code", `"scope":"national"}]`, `"scope":"national"},{"code":"a","type":"safety_net","source":"s","status":"CONFIRMED","scope":"national"}]`},
		{"safety-net fallback", `"type":"development"`, `"type":"safety_net","fallback":true`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := strings.Replace(ok, tc.old, tc.new, 1)
			var fe *poverty.FieldError
			if _, err := risk.LoadCatalog(strings.NewReader(in), "bad"); !errors.As(err, &fe) {
				t.Errorf("error %v, want *poverty.FieldError", err)
			}
		})
	}
}
