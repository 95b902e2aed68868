package risk_test

import (
	"encoding"
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

type textEnum interface {
	encoding.TextMarshaler
	String() string
}

// TestEnumWords checks every enumeration: each valid value marshals to its
// stable word and back, unknown words are rejected with ErrUnknownWord, and
// out-of-range values print without panicking.
func TestEnumWords(t *testing.T) {
	type enum struct {
		name   string
		values []textEnum
		words  []string
		parse  func([]byte) (textEnum, error)
	}
	mk := func(name string, words []string, vals []textEnum, parse func([]byte) (textEnum, error)) enum {
		return enum{name, vals, words, parse}
	}
	enums := []enum{
		mk("Category", []string{"none", "unstable_lifted_out", "marginal", "sudden_difficulty"},
			[]textEnum{risk.CategoryNone, risk.UnstableLiftedOut, risk.MarginalAtRisk, risk.SuddenDifficulty},
			func(b []byte) (textEnum, error) { var v risk.Category; err := v.UnmarshalText(b); return v, err }),
		mk("Channel", []string{"application", "cadre_visit", "department_warning"},
			[]textEnum{risk.Application, risk.CadreVisit, risk.DepartmentWarning},
			func(b []byte) (textEnum, error) { var v risk.Channel; err := v.UnmarshalText(b); return v, err }),
		mk("Stage", []string{"identified", "under_assistance", "risk_eliminated", "returned_to_poverty"},
			[]textEnum{risk.Identified, risk.UnderAssistance, risk.Eliminated, risk.ReturnedToPoverty},
			func(b []byte) (textEnum, error) { var v risk.Stage; err := v.UnmarshalText(b); return v, err }),
		mk("Route", []string{"after_assistance", "naturally"}, []textEnum{risk.AfterAssistance, risk.Naturally},
			func(b []byte) (textEnum, error) { var v risk.Route; err := v.UnmarshalText(b); return v, err }),
		mk("Tier", []string{"unknown", "red", "orange", "yellow", "green"},
			[]textEnum{risk.TierUnknown, risk.Red, risk.Orange, risk.Yellow, risk.Green},
			func(b []byte) (textEnum, error) { var v risk.Tier; err := v.UnmarshalText(b); return v, err }),
		mk("MeasureType", []string{"development", "safety_net"}, []textEnum{risk.Development, risk.SafetyNet},
			func(b []byte) (textEnum, error) { var v risk.MeasureType; err := v.UnmarshalText(b); return v, err }),
		mk("Factor", []string{"illness", "disaster_flood", "lack_of_labour", "other"},
			[]textEnum{risk.Illness, risk.DisasterFlood, risk.LackOfLabor, risk.OtherFactor},
			func(b []byte) (textEnum, error) { var v risk.Factor; err := v.UnmarshalText(b); return v, err }),
		mk("Step", []string{"opened", "assistance_started", "measure_added", "tier_recorded", "eliminated", "returned"},
			[]textEnum{risk.StepOpened, risk.StepAssistanceStarted, risk.StepMeasureAdded, risk.StepTierRecorded, risk.StepEliminated, risk.StepReturned},
			func(b []byte) (textEnum, error) { var v risk.Step; err := v.UnmarshalText(b); return v, err }),
		mk("Outcome", []string{"clear", "triggered", "not_evaluated"}, []textEnum{risk.Clear, risk.Triggered, risk.NotEvaluated},
			func(b []byte) (textEnum, error) { var v risk.Outcome; err := v.UnmarshalText(b); return v, err }),
		mk("WarningRule", []string{"rigid_expenditure", "income_drop", "medical_oop_amount", "medical_oop_share", "guarantee_lost"},
			[]textEnum{risk.RigidExpenditure, risk.IncomeDrop, risk.MedicalOOPAmount, risk.MedicalOOPShare, risk.GuaranteeLost},
			func(b []byte) (textEnum, error) { var v risk.WarningRule; err := v.UnmarshalText(b); return v, err }),
		mk("SchemeBasis", []string{"absolute", "relative_to_monitoring_line"}, []textEnum{risk.Absolute, risk.RelativeToLine},
			func(b []byte) (textEnum, error) { var v risk.SchemeBasis; err := v.UnmarshalText(b); return v, err }),
		mk("Side", []string{"upper", "lower"}, []textEnum{risk.Upper, risk.Lower},
			func(b []byte) (textEnum, error) { var v risk.Side; err := v.UnmarshalText(b); return v, err }),
	}
	for _, e := range enums {
		t.Run(e.name, func(t *testing.T) {
			for i, v := range e.values {
				b, err := v.MarshalText()
				if err != nil || string(b) != e.words[i] || v.String() != e.words[i] {
					t.Errorf("%v: %q %v, want %q", v, b, err, e.words[i])
				}
				back, err := e.parse(b)
				if err != nil || back != v {
					t.Errorf("%q parsed to %v %v", b, back, err)
				}
			}
			if _, err := e.parse([]byte("no_such_word")); !errors.Is(err, poverty.ErrUnknownWord) {
				t.Errorf("unknown word: %v", err)
			}
		})
	}
	if s := risk.Tier(200).String(); s != "Tier(200)" {
		t.Errorf("out of range: %s", s)
	}
	// Marshalling never fails on the zero value: the unset word reads back.
	if b, err := risk.Stage(0).MarshalText(); err != nil || string(b) != "unknown" {
		t.Errorf("the unknown stage marshals to %q, %v", b, err)
	} else if s := risk.Eliminated; s.UnmarshalText(b) != nil || s != 0 {
		t.Errorf("%q reads back as %v", b, s)
	}
	if _, err := risk.Stage(200).MarshalText(); !errors.Is(err, poverty.ErrUnknownWord) {
		t.Errorf("an out-of-range stage marshals: %v", err)
	}
}

func TestFactors(t *testing.T) {
	var codes []string
	for _, f := range allFactors() {
		codes = append(codes, f.Code())
		g, err := parseFactor(f.Code())
		if err != nil || g != f {
			t.Errorf("code %s parsed to %v %v", f.Code(), g, err)
		}
		g, err = parseFactor(f.String())
		if err != nil || g != f {
			t.Errorf("word %s parsed to %v %v", f, g, err)
		}
	}
	// The local code list of POLICY.md 2.2 (SECONDARY).
	want := []string{"01", "0201", "0202", "0203", "0204", "0205", "0206", "0299", "03", "04", "05", "06", "07", "09", "99"}
	if diff := cmp.Diff(want, codes); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
	for _, f := range allFactors() {
		disaster := f >= risk.DisasterFlood && f <= risk.DisasterOther
		if disaster != (len(f.Code()) == 4) {
			t.Errorf("%s: the disaster factors are DisasterFlood..DisasterOther, codes 02xx", f)
		}
	}
	if _, err := parseFactor("08"); !errors.Is(err, poverty.ErrUnknownWord) {
		t.Errorf("08 is not in the list: %v", err)
	}
	s := risk.FactorsOf(risk.Schooling, risk.Illness, risk.DisasterFlood)
	b, err := json.Marshal(s)
	if err != nil || string(b) != `["illness","disaster_flood","schooling"]` {
		t.Errorf("json %s %v", b, err)
	}
	var back risk.FactorSet
	if err := json.Unmarshal([]byte(`["01","0201","schooling"]`), &back); err != nil || back != s {
		t.Errorf("unmarshal %v %v", back, err)
	}
	if len(s.List()) != 3 || !s.Has(risk.DisasterFlood) || s.Has(risk.Disability) || risk.FactorsOf(risk.Illness)&^s != 0 || s.String() != "illness+disaster_flood+schooling" {
		t.Errorf("set operations on %s", s)
	}
	// JSON null leaves a set unchanged; "unknown" and duplicates are refused.
	if err := json.Unmarshal([]byte(`null`), &back); err != nil || back != s {
		t.Errorf("null: %v %v", back, err)
	}
	for _, bad := range []string{`["unknown"]`, `["illness","01"]`, `["08"]`, `"illness"`} {
		if err := json.Unmarshal([]byte(bad), &back); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

// TestGuarantees checks the guarantee sets: GuaranteesOf, the JSON array
// of words (null a no-op, unknown words and duplicates refused) and
// Unsecured.
func TestGuarantees(t *testing.T) {
	s := risk.GuaranteesOf(risk.Housing, risk.Food, 0, 99)
	if s != risk.GuaranteesOf(risk.Food)|risk.GuaranteesOf(risk.Housing) || s.String() != "food+housing" {
		t.Errorf("GuaranteesOf = %s", s)
	}
	b, err := json.Marshal(s)
	if err != nil || string(b) != `["food","housing"]` {
		t.Errorf("json %s %v", b, err)
	}
	var back risk.GuaranteeSet
	if err := json.Unmarshal(b, &back); err != nil || back != s {
		t.Errorf("unmarshal %v %v", back, err)
	}
	if err := json.Unmarshal([]byte(`null`), &back); err != nil || back != s {
		t.Errorf("null: %v %v", back, err)
	}
	for _, bad := range []string{`["unknown"]`, `["food","food"]`, `["water"]`} {
		if err := json.Unmarshal([]byte(bad), &back); !errors.Is(err, poverty.ErrUnknownWord) && !errors.Is(err, poverty.ErrDuplicate) {
			t.Errorf("%s: %v", bad, err)
		}
	}
	g := poverty.AllSecured()
	g.Housing, g.Medical = poverty.NotSecured, poverty.Unverified
	if got := risk.Unsecured(g); got != risk.GuaranteesOf(risk.Housing) {
		t.Errorf("Unsecured = %s", got)
	}
}

// allFactors returns every known factor in code order.
func allFactors() []risk.Factor {
	var out []risk.Factor
	for f := risk.Illness; f <= risk.OtherFactor; f++ {
		out = append(out, f)
	}
	return out
}

// parseFactor parses a factor word or code as UnmarshalText does.
func parseFactor(s string) (risk.Factor, error) {
	var f risk.Factor
	err := f.UnmarshalText([]byte(s))
	return f, err
}

func TestFactorCodeProvenance(t *testing.T) {
	p := risk.FactorCodeProvenance()
	if err := p.Validate("factor codes"); err != nil || p.Label() != "SECONDARY (public code)" {
		t.Errorf("factor codes: %s, %v", p.Label(), err)
	}
}
