package risk

import (
	"errors"
	"strings"
	"testing"

	"github.com/openfupin/fupin/poverty"
)

// TestCaseStepInForce checks that every step, not only the opening, is
// refused when the case's category is not defined by the document in force
// on the step's date. With today's data no document drops a category, so
// the case is built directly, as a record made outside this package's
// rules would be: a sudden-difficulty case opened in 2020, before
// 中农组发〔2021〕7号 defined the category.
func TestCaseStepInForce(t *testing.T) {
	info := CaseInfo{ID: "s", HouseholdID: "h-s", Region: poverty.MustParseRegion("34"), Category: SuddenDifficulty,
		Factors: FactorsOf(Illness), Channel: CadreVisit, Members: 2}
	opened := poverty.MustParseDate("2020-12-01")
	c := &Case{info: info, stage: Identified, log: []Entry{{Date: opened, Step: StepOpened, Stage: Identified}}}
	err := c.RecordTier(poverty.MustParseDate("2020-12-31"), Red, "review")
	var fe *poverty.FieldError
	if !errors.As(err, &fe) || !errors.Is(err, poverty.ErrNotInForce) || fe.Op != "risk.Case.RecordTier" || fe.Field != "category" ||
		!strings.Contains(err.Error(), "2020-12-31") || !strings.Contains(err.Error(), "中农组发〔2021〕7号") {
		t.Errorf("step the day before 2021: %v", err)
	}
	if len(c.History()) != 1 {
		t.Errorf("a refused step changed the history: %d entries", len(c.History()))
	}
	if err := c.RecordTier(poverty.MustParseDate("2021-01-01"), Red, "review"); err != nil {
		t.Errorf("step the day of 2021: %v", err)
	}
}
