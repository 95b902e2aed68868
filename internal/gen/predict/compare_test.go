package predict

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestThousands(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {61279, "61,279"}, {100000, "100,000"}, {1234567, "1,234,567"}, {-1700, "-1,700"}}
	for _, tc := range tests {
		if got := thousands(tc.n); got != tc.want {
			t.Errorf("thousands(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// TestWriteComparisons checks the three labels of each figure and the
// formats of the model's value (a ratio, a percentage, a count).
func TestWriteComparisons(t *testing.T) {
	cs := []Comparison{
		{Figure: "ratio", Row: 1, Published: 3.37, PublishedAs: "3.37 (a / b)", Source: "src", Model: 4.284, Seed: 1, Households: 10000, How: "how", Error: RelErr(4.284, 3.37)},
		{Figure: "share", Row: 2, Published: 0.294, PublishedAs: "29.4%", Source: "src", Percent: true, Model: 0.01551, Seed: 1, Households: 10000, How: "how", Error: -0.95},
		{Figure: "count", Row: 8, Published: 1700, PublishedAs: "nearly 1,700", Source: "src", Model: 989.4, Seed: 1, Households: 100000, How: "how", Error: -0.418, Command: tableCommand},
	}
	var b strings.Builder
	WriteComparisons(&b, cs)
	want := `  ratio (docs/VALIDATION.md, row 1)
    published: 3.37 (a / b); src
    model (seed 1, 10,000 households; mean ± sd over seeds 1–5 in docs/VALIDATION.md): 4.28
      how
    error: +27% (model against published)
  share (docs/VALIDATION.md, row 2)
    published: 29.4%; src
    model (seed 1, 10,000 households; mean ± sd over seeds 1–5 in docs/VALIDATION.md): 1.6%
      how
    error: -95% (model against published)
  count (docs/VALIDATION.md, row 8)
    published: nearly 1,700; src
    model (seed 1, 100,000 households; mean ± sd over seeds 1–5 in docs/VALIDATION.md): 989
      how
    error: -42% (model against published)
`
	got, _, _ := strings.Cut(b.String(), "  model: ")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !strings.Contains(b.String(), "seed 1 in this program") || !strings.Contains(b.String(), "go run ./internal/gen/predict/table") {
		t.Errorf("the closing lines do not name the seed and the command:\n%s", b.String())
	}
}

// TestComparisonsRows checks that every figure of the table has its row
// number, a source naming an article, and the published value its
// constant holds.
func TestComparisonsRows(t *testing.T) {
	if len(figures) != 9 {
		t.Fatalf("%d figures, the table of docs/VALIDATION.md has 9 predicted rows", len(figures))
	}
	for i, f := range figures {
		if !strings.Contains(f.source, "article 00") || !strings.Contains(f.source, "SEEDS.md") {
			t.Errorf("row %d: source %q names no article or SEEDS.md section", i+1, f.source)
		}
		if f.households == 0 || f.value == nil || f.how == nil || f.calibrated == nil {
			t.Errorf("row %d: incomplete", i+1)
		}
	}
}
