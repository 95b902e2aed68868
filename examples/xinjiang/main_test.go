package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openfupin/fupin/internal/golden"
	"github.com/openfupin/fupin/risk"
)

func TestGolden(t *testing.T) {
	golden.Formats(t, func(format string, w io.Writer) error { return run("", format, w) }, "text", "json")
}

// TestSeedsCases checks the cases the sources give: the household of three
// under 5,000 a head is yellow and turns green with the post; the
// boundary households sit where the scheme's notes put them; a severe
// event that cost a guarantee makes a household red whatever its income.
func TestSeedsCases(t *testing.T) {
	var d Dashboard
	golden.DecodeOutput(t, func(w io.Writer) error { return run("", "json", w) }, &d)
	got := map[string]risk.Tier{}
	for _, r := range d.Rows {
		got[r.ID] = r.Tier
	}
	want := map[string]risk.Tier{"XJ-007": risk.Yellow, "XJ-008": risk.Orange, "XJ-004": risk.Orange, "XJ-014": risk.Yellow, "XJ-006": risk.Red,
		// Green is 两不愁三保障 secured (POLICY.md 3.1): above 5,000 a head
		// with the house unsafe and no severe event, yellow (the scheme's
		// DEFAULT); a worse income colour is kept.
		"XJ-017": risk.Yellow, "XJ-018": risk.Orange,
		// Not assessed: by income only, and said.
		"XJ-013": risk.Green}
	for id, tier := range want {
		if got[id] != tier {
			t.Errorf("%s: %v, want %v", id, got[id], tier)
		}
	}
	codes := map[string]string{}
	for _, r := range d.Rows {
		codes[r.ID] = r.Code
		if (r.Guarantees == nil) != (r.ID == "XJ-013") {
			t.Errorf("%s: guarantees %v", r.ID, r.Guarantees)
		}
	}
	if codes["XJ-017"] != "tier.guarantee_not_secured" || codes["XJ-018"] != "tier.guarantee_not_secured" || codes["XJ-006"] != "tier.severe_guarantee_failure" {
		t.Errorf("codes %v", codes)
	}
	if len(d.NotAssessed) != 1 || d.NotAssessed[0] != "XJ-013" {
		t.Errorf("not assessed %v", d.NotAssessed)
	}
	if len(d.Moves) != 1 || d.Moves[0].After.Tier != risk.Green {
		t.Errorf("moves %+v", d.Moves)
	}
}

func TestBadData(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"unknown field", `{"scheme":"xinjiang-2020","on":"2020-09-22","colour":1}`, "unknown field"},
		{"scheme", `{"scheme":"none","on":"2020-09-22"}`, "field scheme"},
		{"year", `{"scheme":"xinjiang-2020","on":"2021-01-01"}`, "not in force"},
		{"residents", `{"scheme":"xinjiang-2020","on":"2020-09-22","households":[{"id":"a","residents":0,"income":"1"}]}`, "field residents"},
		{"event", `{"scheme":"xinjiang-2020","on":"2020-09-22","households":[{"id":"a","residents":1,"income":"1","events":[{"type":"rain"}]}]}`, "rain"},
		{"duplicate", `{"scheme":"xinjiang-2020","on":"2020-09-22","households":[{"id":"a","residents":1,"income":"1"},{"id":"a","residents":1,"income":"1"}]}`, "duplicate"},
		{"change", `{"scheme":"xinjiang-2020","on":"2020-09-22","changes":[{"household":"b","income":"1"}]}`, "no such household"},
		{"guarantee word", `{"scheme":"xinjiang-2020","on":"2020-09-22","households":[{"id":"a","residents":1,"income":"1","guarantees":{"housing":"unsafe"}}]}`, `record "a": field guarantees: guarantees: poverty: parse guarantee state "unsafe"`},
		{"guarantee member", `{"scheme":"xinjiang-2020","on":"2020-09-22","households":[{"id":"a","residents":1,"income":"1","guarantees":{"water":"secured"}}]}`, `record "a": field guarantees: guarantees: json: unknown field "water"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "p.json")
			os.WriteFile(f, []byte(tc.data), 0o644)
			err := run(f, "text", &bytes.Buffer{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want %q", err, tc.want)
			}
		})
	}
}
