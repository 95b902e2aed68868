package report

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

func TestMaskID(t *testing.T) {
	tests := map[string]string{
		"H530120-0000019": "H530120-****019",
		"ABCDEFG":         "****EFG",
		"ab":              "**",
		"H-12":            "*-12",
	}
	got := map[string]string{}
	for in := range tests {
		got[in] = MaskID(in)
	}
	if diff := cmp.Diff(tests, got); diff != "" {
		t.Errorf("MaskID (-want +got):\n%s", diff)
	}
}

// TestWriteLeavesOut checks that a page without tiers and flows has
// neither chart and says so, and that an input without households is
// refused with ErrNoHouseholds.
func TestWriteLeavesOut(t *testing.T) {
	line := poverty.Threshold{Kind: poverty.KindMonitoringLine, Year: 2020, Amount: 6000 * poverty.Yuan}
	in := &Input{Title: "t", Heading: "h", PerCapita: []poverty.Money{3000 * poverty.Yuan, 9000 * poverty.Yuan}, Residents: []float64{2, 3}, Line: line}
	var b bytes.Buffer
	if err := Write(&b, in); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, name := range []string{"tiers", "flows"} {
		if strings.Contains(page, `data-chart="`+name+`"`) {
			t.Errorf("the page draws %s without data", name)
		}
	}
	for _, want := range []string{`data-chart="income"`, `data-chart="lorenz"`, `data-chart="fgt"`, "Charts left out", "colour tiers", "status flows"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if err := Write(&b, &Input{Line: line}); !errors.Is(err, ErrNoHouseholds) {
		t.Errorf("no households: got %v, want ErrNoHouseholds", err)
	}
}
