package poverty_test

import (
	"testing"

	"github.com/openfupin/fupin/poverty"
)

func benchHousehold() (*poverty.Household, *poverty.Lines) {
	h := &poverty.Household{
		ID: "bench", Year: 2020, Concept: poverty.DisposableIncome,
		Members: make([]poverty.Member, 4),
		Income: poverty.Income{Wage: poverty.YuanAmount(14000), OperatingIncome: poverty.YuanAmount(9000),
			OperatingCosts: poverty.YuanAmount(2500), TransferIncome: poverty.YuanAmount(1200)},
		Registration: poverty.Registration{Registered: 2014, Exited: 2018},
	}
	h.Members[3].MonthsAway = 12
	lines, err := poverty.Default().LinesFor(2020, poverty.National, poverty.BelowLine, poverty.LookupOptions{})
	if err != nil {
		panic(err)
	}
	return h, &lines
}

var sinkStatus poverty.Status

// TestClassifyNoAllocs enforces the zero-allocation budget of the hot path:
// per-capita income plus status for one household.
func TestClassifyNoAllocs(t *testing.T) {
	h, lines := benchHousehold()
	allocs := testing.AllocsPerRun(1000, func() {
		c, err := poverty.Classify(h, lines)
		if err != nil {
			t.Fatal(err)
		}
		sinkStatus = c.Status
	})
	if allocs != 0 {
		t.Errorf("Classify allocates %v times per call, want 0", allocs)
	}
	allocs = testing.AllocsPerRun(1000, func() {
		if _, err := poverty.Default().Standard(2016, poverty.National, poverty.LookupOptions{}); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("Standard lookup allocates %v times, want 0", allocs)
	}
}

func BenchmarkClassify(b *testing.B) {
	h, lines := benchHousehold()
	b.ReportAllocs()
	for b.Loop() {
		c, _ := poverty.Classify(h, lines)
		sinkStatus = c.Status
	}
}

func BenchmarkPerCapita(b *testing.B) {
	h, _ := benchHousehold()
	b.ReportAllocs()
	var sink poverty.Money
	for b.Loop() {
		pc, _ := h.PerCapita()
		sink += pc.Amount
	}
	_ = sink
}

func BenchmarkStandardLookup(b *testing.B) {
	tab := poverty.Default()
	b.ReportAllocs()
	for b.Loop() {
		_, _ = tab.Standard(2016, poverty.MustParseRegion("53"), poverty.LookupOptions{})
	}
}

func BenchmarkParseMoney(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = poverty.ParseMoney("12345.67")
	}
}

func BenchmarkExitTest(b *testing.B) {
	h, lines := benchHousehold()
	h.Registration = poverty.Registration{Registered: 2014}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = poverty.ExitTest(h, lines.Standard, poverty.AllSecured(), poverty.BelowLine, nil)
	}
}
