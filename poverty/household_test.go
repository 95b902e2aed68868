package poverty_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

func TestPerCapitaRounding(t *testing.T) {
	h := poverty.Household{ID: "h", Concept: poverty.NetIncome, Members: make([]poverty.Member, 3)}
	h.Income.Wage = poverty.YuanAmount(10000) // 10000 / 3 = 3333.333.. -> 3333.33
	pc, err := h.PerCapita()
	if err != nil || pc.Amount != poverty.MustParseMoney("3333.33") || pc.Concept != poverty.NetIncome {
		t.Errorf("PerCapita = %v, %v", pc, err)
	}
	h.Income.Wage = poverty.MustParseMoney("0.05") // 5 fen / 2 = 2.5 -> 3 (half up)
	h.Members = h.Members[:2]
	if pc, _ := h.PerCapita(); pc.Amount != 3 {
		t.Errorf("half-up rounding: %v", pc.Amount)
	}
}

func TestNoResidents(t *testing.T) {
	var h poverty.Household
	h.ID = "empty"
	_, err := h.PerCapita()
	var fe *poverty.FieldError
	if !errors.Is(err, poverty.ErrNoResidents) || !errors.As(err, &fe) || fe.Record != "empty" {
		t.Errorf("error = %v", err)
	}
}

func TestResidentRule(t *testing.T) {
	for _, tt := range []struct {
		m    poverty.Member
		want bool
	}{
		{poverty.Member{}, true},
		{poverty.Member{MonthsAway: 6}, true},
		{poverty.Member{MonthsAway: 7}, false},
		{poverty.Member{MonthsAway: 12, IncomeBroughtHome: true}, true},
		{poverty.Member{Exclusion: poverty.ActiveSoldier}, false},
		{poverty.Member{Exclusion: poverty.BoardingStudent, IncomeBroughtHome: true}, false},
	} {
		if got := tt.m.Resident(); got != tt.want {
			t.Errorf("%+v Resident = %v", tt.m, got)
		}
	}
}

func TestValidate(t *testing.T) {
	h := poverty.Household{ID: "bad", Members: []poverty.Member{{MonthsAway: 13}}}
	h.Income.OperatingCosts = -1
	err := h.Validate()
	for _, want := range []error{poverty.ErrMissing, poverty.ErrRange, poverty.ErrNegative} {
		if !errors.Is(err, want) {
			t.Errorf("Validate() = %v, missing %v", err, want)
		}
	}
	good := poverty.Household{ID: "ok", Concept: poverty.NetIncome, Members: []poverty.Member{{BirthDate: poverty.MustParseDate("1980-01-01")}}}
	if err := good.Validate(); err != nil {
		t.Errorf("valid household rejected: %v", err)
	}
}

func TestMonthlyWindow(t *testing.T) {
	h := poverty.Household{ID: "m", Concept: poverty.NetIncome, Members: make([]poverty.Member, 2)}
	w := poverty.TrailingWindow(poverty.MustParseDate("2020-06-15"))
	for m := w.From; m <= w.To; m++ {
		h.Monthly = append(h.Monthly, poverty.MonthlyIncome{Month: m, Income: poverty.Income{Wage: poverty.YuanAmount(1000)}})
	}
	h.Monthly = append(h.Monthly, poverty.MonthlyIncome{Month: w.To + 1, Income: poverty.Income{Wage: poverty.YuanAmount(99999)}})
	pc, err := h.PerCapitaOver(w)
	if err != nil || pc.Amount != poverty.YuanAmount(6000) {
		t.Errorf("PerCapitaOver = %v, %v", pc, err)
	}
	h.Monthly = h.Monthly[1:] // drop the first month
	if _, err := h.PerCapitaOver(w); !errors.Is(err, poverty.ErrIncompleteWindow) {
		t.Errorf("missing month: %v", err)
	}
	h.Monthly = append(h.Monthly, h.Monthly[0])
	if _, err := h.PerCapitaOver(w); !errors.Is(err, poverty.ErrDuplicate) {
		t.Errorf("duplicate month: %v", err)
	}
}

// The resident rule's six months come from the embedded rule catalogue; a
// caller with another rule sets MinMonthsHome.
func TestResidentRuleFromData(t *testing.T) {
	r, ok := poverty.RuleFor("household.resident")
	if !ok || r.Value != 6 || r.Status != poverty.Secondary || r.Scope != poverty.ScopeNational {
		t.Fatalf("rule = %+v", r)
	}
	members := []poverty.Member{{MonthsAway: 6}, {MonthsAway: 7}, {MonthsAway: 9, IncomeBroughtHome: true}, {MonthsAway: 4}}
	tests := []struct {
		minHome int
		want    int
	}{
		{0, 3}, // embedded: at home at least 6 months
		{6, 3},
		{8, 2}, // a stricter rule: at home 8 months
		{3, 4},
	}
	for _, tt := range tests {
		h := poverty.Household{Members: members, MinMonthsHome: tt.minHome}
		if d := cmp.Diff(tt.want, h.Residents()); d != "" {
			t.Errorf("MinMonthsHome %d (-want +got)\n%s", tt.minHome, d)
		}
	}
	w, ok := poverty.RuleFor("income.trailing_window")
	if !ok || w.Value != 12 || w.Status != poverty.LibraryDefault || !strings.Contains(w.Source, "library reading") {
		t.Fatalf("window rule = %+v", w)
	}
	if got := poverty.TrailingWindow(poverty.MustParseDate("2021-03-01")).Months(); got != w.Value {
		t.Errorf("TrailingWindow months = %d, want %d", got, w.Value)
	}
}
