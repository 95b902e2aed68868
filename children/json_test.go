package children

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestJSONForms pins the JSON a case worker's system receives: stable
// words, reasons in order, identity numbers masked, and the same bytes on
// every run.
func TestJSONForms(t *testing.T) {
	c := Child{ID: "k1", BirthDate: d("2014-01-01"), Hukou: Rural,
		Father:   Parent{Situation: MigrantOutOfProvince},
		Mother:   Parent{Situation: SeriouslyIll},
		Guardian: Guardian{Kind: Grandparent, Age: 70, Capacity: Capable}, Living: WithGrandparents, School: Primary}
	cl, flags, err := classifyCheck(Default(), &c, d("2024-09-01"))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Status     string `json:"status"`
		LeftBehind struct {
			Scheme  string   `json:"scheme"`
			Outcome string   `json:"outcome"`
			Reasons []Reason `json:"reasons"`
		} `json:"left_behind"`
		Unattended struct {
			Outcome string `json:"outcome"`
		} `json:"de_facto_unattended"`
	}
	b, err := json.Marshal(cl)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Status != "left_behind" || got.LeftBehind.Scheme != "left_behind_2016" || got.Unattended.Outcome != "no" {
		t.Errorf("classification JSON = %s", b)
	}
	codes := []string{}
	for _, r := range got.LeftBehind.Reasons {
		codes = append(codes, r.Code+"="+r.Outcome.String())
	}
	want := []string{"scheme.in_force=yes", "age.under_limit=yes", "hukou.rural=yes", "parent.away=yes", "parent.away=no", "parent.incapable=yes", "parents.combination=yes"}
	if diff := cmp.Diff(want, codes); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	b2, _ := json.Marshal(cl)
	if string(b) != string(b2) {
		t.Error("classification JSON differs between runs")
	}
	fb, err := json.Marshal(flags)
	if err != nil {
		t.Fatal(err)
	}
	if string(fb) != `[{"code":"guardian.no_agreement","severity":"warning","actor":"parents","source":"国发〔2016〕13号: parents who both migrate entrust guardianship to a relative or other adult with guardianship capacity (委托监护) (Luoyang Evening News, 2016-02-16) [CONFIRMED]"}]` {
		t.Errorf("flags JSON = %s", fb)
	}
	var none Flags
	if nb, _ := json.Marshal(none); string(nb) != "[]" {
		t.Errorf("no flags = %s", nb)
	}
	tr := Transition{ChildID: "k1", Scheme: "left_behind_2016", Before: Yes, After: No,
		Causes: ParentReturned, Father: ParentChange{Before: MigrantInProvince, After: AtHome, ID: "f1"}, AgeFrom: 9, AgeTo: 10}
	tb, err := json.Marshal(tr)
	if err != nil {
		t.Fatal(err)
	}
	if string(tb) != `{"child_id":"k1","scheme":"left_behind_2016","before":"yes","after":"no","causes":"parent_returned","father":{"before":"migrant_in_province","after":"at_home","id":"f1"},"mother":{},"age_from":9,"age_to":10}` {
		t.Errorf("transition JSON = %s", tb)
	}
	var back Transition
	if err := json.Unmarshal(tb, &back); err != nil {
		t.Fatal(err)
	}
	if back != tr {
		t.Errorf("transition round trip: %+v", back)
	}
	var cs Causes
	if err := cs.UnmarshalText([]byte("parent_returned+nope")); err == nil {
		t.Error("unknown cause word accepted")
	}
	if err := cs.UnmarshalText([]byte("+")); err == nil {
		t.Error("empty cause word accepted")
	}
	fig, err := (&Rules{}).Summarize(Snapshot{On: d("2024-01-01"), Children: []Child{c}})
	if err != nil {
		t.Fatal(err)
	}
	if fb, err := json.Marshal(fig); err != nil || !json.Valid(fb) {
		t.Errorf("figures of rules without schemes: %s, %v", fb, err)
	}
	full, _ := Default().Summarize(genRegistry(300, d("2024-09-01")))
	fb1, err := json.Marshal(full)
	if err != nil {
		t.Fatal(err)
	}
	fb2, _ := json.Marshal(full)
	if string(fb1) != string(fb2) {
		t.Error("figures JSON differs between runs")
	}
}
