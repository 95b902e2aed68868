package poverty_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openfupin/fupin/poverty"
)

// randomHousehold generates a household with members at home and away,
// excluded members, income by components, a registration history and a
// concept, so that every branch of Classify is reached.
func randomHousehold(r *rand.Rand, i int) *poverty.Household {
	y := func(max int) poverty.Money { return poverty.Money(r.IntN(max)) * poverty.Yuan / 10 }
	h := &poverty.Household{
		ID: "g" + strings.Repeat("x", i%3), Year: 2016 + r.IntN(9), Concept: []poverty.IncomeConcept{poverty.NetIncome, poverty.DisposableIncome}[r.IntN(2)],
		Members: make([]poverty.Member, r.IntN(7)),
		Income: poverty.Income{Wage: y(200000), OperatingIncome: y(100000), OperatingCosts: y(40000), Depreciation: y(5000),
			ProductionTaxes: y(1000), Property: y(3000), TransferIncome: y(30000), TransferSpending: y(5000)},
		MinMonthsHome: []int{0, 0, 3, 9}[r.IntN(4)],
	}
	for j := range h.Members {
		m := &h.Members[j]
		m.MonthsAway = r.IntN(13)
		m.IncomeBroughtHome = r.IntN(4) == 0
		if r.IntN(8) == 0 {
			m.Exclusion = poverty.BoardingStudent
		}
	}
	if r.IntN(2) == 0 {
		h.Registration.Registered = 2014 + r.IntN(4)
		if r.IntN(2) == 0 {
			h.Registration.Exited = h.Registration.Registered + 1 + r.IntN(5)
			if r.IntN(3) == 0 {
				h.Registration.Returned = h.Registration.Exited + r.IntN(3)
			}
		}
	}
	return h
}

// TestClassifyIncomeIsClassify is the oracle test of the batch fast path:
// on generated households ClassifyIncome, given the household's figures,
// returns what Classify returns, errors included (but for the operation and
// record they name).
func TestClassifyIncomeIsClassify(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	tab := poverty.Default()
	var lines [2][2]poverty.Lines // by year (2020, 2024) and concept
	for i, year := range []int{2020, 2024} {
		l, err := tab.LinesFor(year, poverty.National, poverty.BelowLine, poverty.LookupOptions{AcceptSecondary: true, Lenient: true})
		if err != nil {
			// No national monitoring line is confirmed from 2021: supply one.
			l = poverty.Lines{Monitoring: poverty.Threshold{Kind: poverty.KindMonitoringLine, Year: year, Amount: poverty.YuanAmount(7000), Concept: poverty.NetIncome}}
		}
		lines[i][0] = l
		lines[i][1] = l
		lines[i][1].Boundary = poverty.AtOrBelowLine
	}
	for i := range 20000 {
		h := randomHousehold(r, i)
		l := &lines[r.IntN(2)][r.IntN(2)]
		want, werr := poverty.Classify(h, l)
		got, gerr := poverty.ClassifyIncome(h.Year, h.Registration, h.Residents(), h.Income, h.Concept, l)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("household %d %+v: ClassifyIncome differs from Classify (-want +got):\n%s", i, h, diff)
		}
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("household %d: Classify error %v, ClassifyIncome error %v", i, werr, gerr)
		}
		if werr != nil {
			w := strings.Replace(werr.Error(), `poverty.Classify: record "`+h.ID+`"`, `poverty.ClassifyIncome: record ""`, 1)
			if diff := cmp.Diff(w, gerr.Error()); diff != "" {
				t.Fatalf("household %d: errors differ (-want +got):\n%s", i, diff)
			}
		}
	}
}

// TestClassifyIncomeNoAllocs enforces the allocation budget of the batch
// fast path.
func TestClassifyIncomeNoAllocs(t *testing.T) {
	h, lines := benchHousehold()
	n := h.Residents()
	allocs := testing.AllocsPerRun(1000, func() {
		c, err := poverty.ClassifyIncome(h.Year, h.Registration, n, h.Income, h.Concept, lines)
		if err != nil {
			t.Fatal(err)
		}
		sinkStatus = c.Status
	})
	if allocs != 0 {
		t.Errorf("ClassifyIncome allocates %v times per call, want 0", allocs)
	}
}

// TestMaskIDsInNoAllocs checks the fast path of masking: text without a
// run of 14 identity-number characters (a household key, a date, a count)
// comes back as it is, without allocating.
func TestMaskIDsInNoAllocs(t *testing.T) {
	for _, s := range []string{"530627-2020-000123", "hh-0001234567890", "2020-06-15", ""} {
		var got string
		allocs := testing.AllocsPerRun(100, func() { got = poverty.MaskIDsIn(s) })
		if allocs != 0 || got != s {
			t.Errorf("MaskIDsIn(%q) = %q with %v allocations, want it unchanged and none", s, got, allocs)
		}
	}
}

func BenchmarkClassifyIncome(b *testing.B) {
	h, lines := benchHousehold()
	n := h.Residents()
	b.ReportAllocs()
	for b.Loop() {
		c, _ := poverty.ClassifyIncome(h.Year, h.Registration, n, h.Income, h.Concept, lines)
		sinkStatus = c.Status
	}
}

var sinkString string

func BenchmarkMaskIDsIn(b *testing.B) {
	for _, bc := range []struct{ name, s string }{
		{"key", "530627-2020-000123"},
		{"id", "member 53062719900101123X moved"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkString = poverty.MaskIDsIn(bc.s)
			}
		})
	}
}
