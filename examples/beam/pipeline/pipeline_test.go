package pipeline

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/google/go-cmp/cmp"

	"github.com/openfupin/fupin/examples/beam/internal/feed"
	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// The tests run the pipeline on Beam's prism runner, in process (ptest's
// default; -runner selects another).
func TestMain(m *testing.M) { ptest.Main(m) }

// runPipeline runs the pipeline over in and returns its outputs read back
// and its counts.
func runPipeline(t *testing.T, in Inputs, set Settings) (results map[string]Result, counties []CountyReport, dead []DeadLetter, c Counts) {
	t.Helper()
	out := t.TempDir() + "/"
	p, s := beam.NewPipelineWithRoot()
	Write(s, out, Build(s, in, set))
	pr, err := ptest.RunWithMetrics(p)
	if err != nil {
		t.Fatalf("pipeline: %v", err)
	}
	c = CountsOf(pr.Metrics().AllMetrics())
	results = map[string]Result{}
	for _, line := range readLines(t, out+"results.jsonl") {
		var r Result
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("results.jsonl: %v: %s", err, line)
		}
		if _, dup := results[r.Household]; dup {
			t.Errorf("results.jsonl: household %s twice", r.Household)
		}
		results[r.Household] = r
	}
	for _, line := range readLines(t, out+"counties.jsonl") {
		var r CountyReport
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("counties.jsonl: %v: %s", err, line)
		}
		counties = append(counties, r)
	}
	for _, line := range readLines(t, out+"deadletter.jsonl") {
		var d DeadLetter
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("deadletter.jsonl: %v: %s", err, line)
		}
		dead = append(dead, d)
	}
	// No identity number leaves in clear, in any output.
	for _, name := range []string{"results.jsonl", "counties.jsonl", "deadletter.jsonl"} {
		for _, line := range readLines(t, out+name) {
			if m := poverty.MaskIDsIn(line); m != line {
				t.Errorf("%s: a line holds what looks like an identity number: %s", name, m)
			}
		}
	}
	return results, counties, dead, c
}

// readLines returns the lines of a file; a file the pipeline did not
// write (textio writes none for an empty collection) has none.
func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// oracle is the library called directly on a generated household and its
// events, as the README documents the pipeline's reading: assessed as of
// 31 December of the accounting year; a CSV record has no monthly incomes;
// identification reads the monitoring window's income when the monthly
// records cover it, otherwise (the CSV schema has none) the annual record;
// the tier reads the same income.
func oracle(t *testing.T, rec *gen.Record, csv bool, source string) Result {
	t.Helper()
	h := rec.Household
	if csv {
		h.Monthly = nil
	}
	lines, err := poverty.Default().LinesFor(h.Year, h.Province(), poverty.BelowLine, poverty.LookupOptions{})
	if err != nil {
		t.Fatalf("%s: lines: %v", h.ID, err)
	}
	cl, err := poverty.Classify(&h, &lines)
	if err != nil {
		t.Fatalf("%s: classify: %v", h.ID, err)
	}
	events := feed.Events(nil, rec)
	on := feed.On(h.Year)
	params := risk.DefaultParams()
	want := Result{Year: h.Year, Source: source, PerCapita: cl.PerCapita.Amount, Concept: cl.PerCapita.Concept.String(),
		BelowStandard: cl.BelowStandard, BelowLine: cl.BelowLine, Line: lines.Monitoring.Amount, Warnings: []string{}, Events: len(events)}
	want.Household, want.Group, want.People, want.Status = h.ID, h.County.String(), h.Residents(), cl.Status
	want.Reasons = []string{cl.Status.Code()}
	a, aerr := risk.Assess(&h, events, on, &params)
	in := risk.IdentifyInput{Household: &h, On: on}
	if aerr == nil {
		in.Assessment = &a
		want.EventsAfter = a.EventsAfter
		for _, c := range a.Checks() {
			if c.Outcome == risk.NotEvaluated {
				want.ChecksNotEvaluated = append(want.ChecksNotEvaluated, c.Code())
			}
		}
		for _, w := range a.Warnings() {
			want.Warnings = append(want.Warnings, w.Code())
			want.Reasons = append(want.Reasons, w.Code())
		}
	} else {
		want.NotEvaluated = aerr.Error()
	}
	id, err := risk.Identify(in)
	if err != nil {
		t.Fatalf("%s: identify: %v", h.ID, err)
	}
	want.Category, want.IdentifiedPerCapita, want.IncomeWindow = id.Category, id.PerCapita.Amount, id.Window
	want.IncomeBasis = "monthly_records"
	if csv {
		want.IncomeBasis = "annual_record"
	}
	if id.Category != risk.CategoryNone {
		want.Reasons = append(want.Reasons, id.Code())
	}
	if s, ok := risk.DefaultSchemes().For(h.Province(), h.Year); ok {
		tr, err := s.Classify(risk.TierInput{PerCapita: id.PerCapita, Line: &lines.Monitoring, SevereGuaranteeFailure: aerr == nil && a.SevereGuaranteeFailure})
		if err != nil {
			t.Fatalf("%s: tier: %v", h.ID, err)
		}
		want.Tier = tr.Tier
		want.Reasons = append(want.Reasons, tr.Code)
	}
	return want
}

// TestPipelineMatchesLibrary generates two provinces (Xinjiang, with a
// colour-tier scheme for 2020, and Yunnan, without), in mixed CSV and
// JSON Lines shards with their event feeds, runs the pipeline on prism and
// compares every household's result with the library called directly on
// the same generated records, and every county's counts with the sums of
// those results.
func TestPipelineMatchesLibrary(t *testing.T) {
	dir := t.TempDir()
	provs := []feed.Config{
		{Gen: gen.Config{Seed: 7, Households: 2400, Year: 2020, Province: poverty.MustParseRegion("65"), PerVillage: 50, TownshipsPerCounty: 2}, Shards: 3, CSVShards: 1, Dir: filepath.Join(dir, "65")},
		{Gen: gen.Config{Seed: 8, Households: 600, Year: 2020, Province: poverty.MustParseRegion("53")}, Shards: 2, CSVShards: 1, Dir: filepath.Join(dir, "53")},
	}
	want := map[string]Result{}
	eventsWritten := 0
	for _, c := range provs {
		f, err := feed.Write(c)
		if err != nil {
			t.Fatal(err)
		}
		eventsWritten += f.EventCount
		n := c.Gen.Households
		for rec := range c.Gen.All() {
			k := rec.Index * c.Shards / n
			from := k * n / c.Shards
			csv := k < c.CSVShards
			line := rec.Index - from + 1
			if csv {
				line++ // the header
			}
			w := oracle(t, rec, csv, fmt.Sprintf("%s:%d", f.Households[k], line))
			want[w.Household] = w
		}
	}
	got, counties, dead, c := runPipeline(t, Inputs{
		Households: []string{filepath.Join(dir, "*", "households-*")},
		Events:     []string{filepath.Join(dir, "65", "events-*"), filepath.Join(dir, "53", "events-*")},
	}, Settings{})
	t.Logf("%d households, %d events, %d counties", len(want), eventsWritten, len(counties))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results differ from the library called directly (-library +pipeline):\n%s", diff)
	}
	if len(dead) != 0 {
		t.Errorf("%d dead letters on generated input, first %+v", len(dead), dead[0])
	}
	wantCounts := Counts{HouseholdsRead: int64(len(want)), HouseholdsAccepted: int64(len(want)),
		EventsRead: int64(eventsWritten), EventsAccepted: int64(eventsWritten)}
	if diff := cmp.Diff(wantCounts, c); diff != "" {
		t.Errorf("counters (-want +got):\n%s", diff)
	}

	// County aggregates: the sums of the oracle's results.
	type tally struct {
		Households, Residents, Monitored, MonitoredPeople int64
		ByStatus, ByCategory, ByTier                      map[string]int
	}
	wantCounty := map[string]*tally{}
	for _, r := range want {
		k := r.Group
		if wantCounty[k] == nil {
			wantCounty[k] = &tally{ByStatus: map[string]int{}, ByCategory: map[string]int{}, ByTier: map[string]int{}}
		}
		w := wantCounty[k]
		w.Households++
		w.Residents += int64(r.People)
		w.ByStatus[r.Status.String()]++
		w.ByCategory[r.Category.String()]++
		if r.Tier != risk.TierUnknown {
			w.ByTier[r.Tier.String()]++
		}
		if r.Category.Monitored() {
			w.Monitored++
			w.MonitoredPeople += int64(r.People)
		}
	}
	gotCounty := map[string]*tally{}
	for _, r := range counties {
		g := &tally{Households: r.Households, Residents: r.Residents, Monitored: r.MonitoredHouseholds, MonitoredPeople: r.MonitoredResidents,
			ByStatus: map[string]int{}, ByCategory: map[string]int{}, ByTier: map[string]int{}}
		for _, x := range r.ByStatus {
			g.ByStatus[x.Key] = x.Count
		}
		for _, x := range r.ByCategory {
			g.ByCategory[x.Key] = x.Count
		}
		for _, x := range r.ByTier {
			g.ByTier[x.Key] = x.Count
		}
		gotCounty[r.County] = g
		if r.Year != 2020 || r.CapGeneral == nil || r.CapDeep == nil {
			t.Errorf("county %s: year %d, caps %v %v (%s)", r.County, r.Year, r.CapGeneral, r.CapDeep, r.CapError)
		} else if r.CapGeneral.Monitored != r.MonitoredResidents || r.CapGeneral.Registered != r.RegisteredResidents {
			t.Errorf("county %s: cap test read %d of %d, the county %d of %d", r.County, r.CapGeneral.Monitored, r.CapGeneral.Registered, r.MonitoredResidents, r.RegisteredResidents)
		}
	}
	if diff := cmp.Diff(wantCounty, gotCounty); diff != "" {
		t.Errorf("county aggregates (-sums of the library's results +pipeline):\n%s", diff)
	}
	if len(counties) != 3 {
		t.Errorf("%d counties, want 3 (two in 65, one in 53)", len(counties))
	}
	for _, r := range counties {
		// Every figure says what it is: the lines carry their status label.
		if !strings.Contains(r.Line, "[") || r.ShareConcept == "" {
			t.Errorf("county %s: line %q, share concept %q", r.County, r.Line, r.ShareConcept)
		}
	}
}
