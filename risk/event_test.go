package risk_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

func TestDecodeEvents(t *testing.T) {
	in := `[
	 {"type": "medical_claim", "date": "2020-04-28", "ref": "YB-1", "total": "31800.00", "out_of_pocket": "10500", "severe": true},
	 {"type": "civil_affairs", "date": "2020-05-02", "action": "temporary_assistance", "amount": "2000"},
	 {"type": "disaster", "date": "2020-07-01", "hazard": "0201", "loss": "8000.5", "lost": ["housing", "drinking_water"]},
	 {"type": "employment", "date": "2020-08-01", "action": "wage_change", "wage": "1200", "previous_wage": "2400"},
	 {"type": "education", "date": "2020-09-01", "action": "enrolment", "amount": "3000"},
	 {"type": "application", "date": "2020-09-02", "factors": ["illness", "09"]},
	 {"type": "cadre_visit", "date": "2020-09-03", "note": "visited"}
	]`
	got, err := risk.DecodeEvents(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []risk.Event{
		{Kind: risk.MedicalClaim, Date: day("2020-04-28"), Ref: "YB-1", Total: poverty.MustParseMoney("31800"), OutOfPocket: y(10500), Severe: true},
		{Kind: risk.CivilAffairs, Date: day("2020-05-02"), Action: risk.TemporaryAssistance, Amount: y(2000)},
		{Kind: risk.DisasterEvent, Date: day("2020-07-01"), Hazard: risk.DisasterFlood, Loss: poverty.MustParseMoney("8000.50"),
			Lost: risk.GuaranteesOf(risk.Housing, risk.DrinkingWater)},
		{Kind: risk.Employment, Date: day("2020-08-01"), Action: risk.WageChange, Wage: y(1200), PreviousWage: y(2400)},
		{Kind: risk.EducationEvent, Date: day("2020-09-01"), Action: risk.Enrollment, Amount: y(3000)},
		{Kind: risk.HouseholdApplication, Date: day("2020-09-02"), Factors: risk.FactorsOf(risk.Illness, risk.Schooling)},
		{Kind: risk.CadreVisitEvent, Date: day("2020-09-03"), Note: "visited"},
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b poverty.Date) bool { return a == b })); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	// Round trip.
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	again, err := risk.DecodeEvents(strings.NewReader(string(b)))
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if diff := cmp.Diff(got, again, cmp.Comparer(func(a, b poverty.Date) bool { return a == b })); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestDecodeEventsErrors(t *testing.T) {
	tests := []struct {
		name, in string
		field    string
		want     error
	}{
		{"not an array", `{"type":"cadre_visit","date":"2020-01-01"}`, "json", poverty.ErrSyntax},
		{"element not an object", `[1]`, "json", poverty.ErrSyntax},
		{"trailing data", `[] []`, "json", poverty.ErrSyntax},
		{"unknown type", `[{"type":"tax","date":"2020-01-01"}]`, "type", poverty.ErrUnknownWord},
		{"no type", `[{"date":"2020-01-01"}]`, "type", poverty.ErrUnknownWord},
		{"unknown field", `[{"type":"cadre_visit","date":"2020-01-01","colour":"red"}]`, "colour", poverty.ErrSyntax},
		{"field of another kind", `[{"type":"cadre_visit","date":"2020-01-01","loss":"1"}]`, "loss", poverty.ErrUnknownWord},
		{"bad date", `[{"type":"cadre_visit","date":"2020-02-30"}]`, "date", poverty.ErrRange},
		{"missing date", `[{"type":"cadre_visit"}]`, "date", poverty.ErrMissing},
		{"missing out_of_pocket", `[{"type":"medical_claim","date":"2020-01-01","total":"5"}]`, "out_of_pocket", poverty.ErrMissing},
		{"out_of_pocket above total", `[{"type":"medical_claim","date":"2020-01-01","total":"5","out_of_pocket":"6"}]`, "out_of_pocket", poverty.ErrRange},
		{"negative loss", `[{"type":"disaster","date":"2020-01-01","hazard":"disaster_drought","loss":"-1"}]`, "loss", poverty.ErrNegative},
		{"hazard not a disaster", `[{"type":"disaster","date":"2020-01-01","hazard":"illness","loss":"1"}]`, "hazard", poverty.ErrUnknownWord},
		{"action of another kind", `[{"type":"education","date":"2020-01-01","action":"job_lost"}]`, "action", poverty.ErrUnknownWord},
		{"missing action", `[{"type":"civil_affairs","date":"2020-01-01"}]`, "action", poverty.ErrMissing},
		{"money as a number", `[{"type":"medical_claim","date":"2020-01-01","total":5,"out_of_pocket":"1"}]`, "total", poverty.ErrSyntax},
		{"duplicate factor", `[{"type":"application","date":"2020-01-01","factors":["illness","01"]}]`, "json", poverty.ErrSyntax},
		{"unknown guarantee", `[{"type":"cadre_visit","date":"2020-01-01","lost":["roads"]}]`, "json", poverty.ErrSyntax},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := risk.DecodeEvents(strings.NewReader(tc.in))
			var ee *risk.EventError
			if !errors.As(err, &ee) {
				t.Fatalf("error %v, want *EventError", err)
			}
			if ee.Field != tc.field || !errors.Is(err, tc.want) {
				t.Errorf("field %q error %v, want field %q wrapping %v", ee.Field, err, tc.field, tc.want)
			}
			if strings.Count(err.Error(), "invalid syntax") > 1 {
				t.Errorf("the message repeats its cause: %v", err)
			}
		})
	}
}

func TestEventValidate(t *testing.T) {
	tests := []struct {
		name string
		ev   risk.Event
		want error
	}{
		{"zero", risk.Event{}, poverty.ErrUnknownWord},
		{"no date", risk.Event{Kind: risk.CadreVisitEvent}, poverty.ErrMissing},
		{"too large", risk.Event{Kind: risk.DisasterEvent, Date: day("2020-01-01"), Hazard: risk.DisasterOther, Loss: poverty.MaxAmount + 1}, poverty.ErrRange},
		{"valid", risk.Event{Kind: risk.DisasterEvent, Date: day("2020-01-01"), Hazard: risk.DisasterOther, Loss: y(1)}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := json.Marshal(tc.ev)
			if !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
	if _, err := json.Marshal(risk.Event{}); err == nil {
		t.Error("marshalled an invalid event")
	}
}
