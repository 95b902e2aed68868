package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/internal/golden"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

func defaultSettings() *settings {
	return &settings{table: poverty.Default(), schemes: risk.DefaultSchemes()}
}

// TestSample runs the command on the sample it ships and checks the
// results, the rejects and the closing count line.
func TestSample(t *testing.T) {
	var out, errb bytes.Buffer
	if err := run(options{out: "-", rejects: "-", workers: 3, seed: 1}, nil, &out, &errb); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "sample.results.csv", out.Bytes())
	rejects, summary, _ := strings.Cut(errb.String(), "batch: read")
	golden.Check(t, "sample.rejects.csv", []byte(rejects))
	if !strings.HasPrefix(summary, " 36 = accepted 25 + rejected 11 ") {
		t.Errorf("summary %q, want 36 = accepted 25 + rejected 11", summary)
	}
}

// TestAgainstLibrary generates households, writes them as CSV, assesses
// them with several workers, and checks every result, in order, against
// poverty.Classify on the full generated record (members with ages and
// months away, monthly incomes).
func TestAgainstLibrary(t *testing.T) {
	cfg := gen.Config{Seed: 5, Households: 30000}
	var in bytes.Buffer
	if _, err := gen.WriteCSV(&in, cfg); err != nil {
		t.Fatal(err)
	}
	var out, rej bytes.Buffer
	c, err := assess(&in, "csv", 4, defaultSettings(), &out, &rej, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Counts{Read: 30000, Accepted: 30000}, c); diff != "" {
		t.Fatalf("counts (-want +got):\n%s\nrejects:\n%s", diff, rej.String())
	}
	lines, err := poverty.Default().LinesFor(2020, cfg.Defaults().Province, poverty.BelowLine, poverty.LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&out)
	sc.Scan() // header
	for rec := range cfg.All() {
		if !sc.Scan() {
			t.Fatalf("results end before household %d", rec.Index)
		}
		cl, err := poverty.Classify(&rec.Household, &lines)
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("%d,%s,%s,%s,%t,%t,,not_assessed,status.%s", rec.Index+2, rec.ID, cl.Status, cl.PerCapita.Amount, cl.BelowStandard, cl.BelowLine, cl.Status)
		if got := sc.Text(); got != want {
			t.Fatalf("household %d:\n got %s\nwant %s", rec.Index, got, want)
		}
	}
	if sc.Scan() {
		t.Fatalf("extra result %q", sc.Text())
	}
}

// TestJSONLMatchesCSV assesses the same households from JSON Lines (full
// member records) and from CSV (counts) and expects the same results.
func TestJSONLMatchesCSV(t *testing.T) {
	cfg := gen.Config{Seed: 9, Households: 3000}
	var csvIn, jsonIn bytes.Buffer
	if _, err := gen.WriteCSV(&csvIn, cfg); err != nil {
		t.Fatal(err)
	}
	if _, err := gen.WriteJSONL(&jsonIn, cfg); err != nil {
		t.Fatal(err)
	}
	var a, b, rej bytes.Buffer
	if _, err := assess(&csvIn, "csv", 2, defaultSettings(), &a, &rej, nil); err != nil {
		t.Fatal(err)
	}
	c, err := assess(&jsonIn, "jsonl", 2, defaultSettings(), &b, &rej, nil)
	if err != nil || c.Accepted != 3000 {
		t.Fatalf("jsonl: %+v, %v\n%s", c, err, rej.String())
	}
	// CSV line numbers are one more (the header).
	al := strings.Split(a.String(), "\n")
	bl := strings.Split(b.String(), "\n")
	for i := 1; i < len(al)-1; i++ {
		_, ra, _ := strings.Cut(al[i], ",")
		_, rb, _ := strings.Cut(bl[i], ",")
		if ra != rb {
			t.Fatalf("record %d: csv %q, jsonl %q", i, al[i], bl[i])
		}
	}
}

func TestRejects(t *testing.T) {
	tests := []struct {
		name, format, input, field string
	}{
		{"unknown field", "jsonl", `{"id":"a","year":2020,"colour":"red"}`, "colour"},
		{"two values", "jsonl", `{"id":"a"} {"id":"b"}`, ""},
		{"bad money in json", "jsonl", `{"id":"a","income":{"wage":"1.234"}}`, ""},
		{"not json", "jsonl", `id,county`, ""},
		{"no members", "jsonl", `{"id":"a","year":2020,"concept":"disposable_income","region":"53"}`, "members"},
		{"too many fields", "csv", strings.Repeat("1,", 18) + "1", "record"},
		{"too few fields", "csv", "h,530120,2020", "record"},
		{"empty line", "csv", "", "record"},
		{"quoted", "csv", `"h",530120,2020,disposable_income,3,3,0,0,0,0,0,0,0,0,0,0,0,0`, "record"},
		{"id not UTF-8", "csv", "h\xff,530120,2020,disposable_income,3,3,0,0,0,0,0,0,0,0,0,0,0,0", "id"},
		{"county not UTF-8", "csv", "h,53\xc3\x28,2020,disposable_income,3,3,0,0,0,0,0,0,0,0,0,0,0,0", "county"},
		{"wage not UTF-8", "csv", "h,530120,2020,disposable_income,3,3,0,1\xe2\x82,0,0,0,0,0,0,0,0,0,0", "wage"},
		{"not UTF-8 and too few fields", "csv", "h,\xff", "county"},
		{"identity key", "csv", validID + ",530120,2020,disposable_income,3,3,0,0,0,0,0,0,0,0,0,0,0,0", "id"},
		{"identity key inside", "csv", "H-" + validID[:15] + "-1,530120,2020,disposable_income,3,3,0,0,0,0,0,0,0,0,0,0,0,0", "id"},
		{"json identity key", "jsonl", `{"id":"` + validID + `","year":2020,"concept":"disposable_income","region":"53","members":[{"birth_date":"1980-01-01"}]}`, "id"},
		{"json not UTF-8", "jsonl", "{\"id\":\"h\xff\"}", "record"},
		{"workers above residents", "csv", "h,530120,2020,disposable_income,3,2,3,0,0,0,0,0,0,0,0,0,0,0", "workers"},
		{"no residents", "csv", "h,530120,2020,disposable_income,3,0,0,0,0,0,0,0,0,0,0,0,0,0", "residents"},
		{"overflow", "csv", "h,530120,2020,disposable_income,3,3,0,99999999999999999,0,0,0,0,0,0,0,0,0,0", "wage"},
		{"returned without exit", "csv", "h,530120,2020,disposable_income,3,3,0,0,0,0,0,0,0,0,0,2016,0,2019", "exited"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.input + "\n"
			if tc.format == "csv" {
				in = gen.CSVHeader + "\n" + in
			}
			var out, rej bytes.Buffer
			c, err := assess(strings.NewReader(in), tc.format, 1, defaultSettings(), &out, &rej, nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(Counts{Read: 1, Rejected: 1}, c); diff != "" {
				t.Fatalf("counts (-want +got):\n%s", diff)
			}
			recs, err := csv.NewReader(&rej).ReadAll()
			if err != nil || len(recs) != 2 || len(recs[1]) != 4 {
				t.Fatalf("rejects not a 4-column CSV with one record: %v %q", err, rej.String())
			}
			if recs[1][2] != tc.field || recs[1][3] == "" {
				t.Errorf("reject %q: field %q, want %q, with a reason", recs[1], recs[1][2], tc.field)
			}
			if !utf8.Valid(out.Bytes()) || !utf8.Valid(rej.Bytes()) {
				t.Errorf("output not UTF-8:\n%q\n%q", out.String(), rej.String())
			}
			assertNoClearIDs(t, out.String()+rej.String())
		})
	}
}

// TestLongLines checks that lines longer than a chunk are rejected one
// record each and the counts still add up.
func TestLongLines(t *testing.T) {
	var in bytes.Buffer
	in.WriteString(gen.CSVHeader + "\n")
	good := "h,530120,2020,disposable_income,2,2,1,9000,0,0,0,0,0,0,0,0,0,0\n"
	in.WriteString(good)
	in.WriteString(strings.Repeat("x", chunkSize+100) + "\n")
	in.WriteString(good)
	in.WriteString(strings.Repeat("y", chunkSize-20) + "\n")
	in.WriteString(good)
	var out, rej bytes.Buffer
	c, err := assess(&in, "csv", 2, defaultSettings(), &out, &rej, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Counts{Read: 5, Accepted: 3, Rejected: 2}, c); diff != "" {
		t.Fatalf("counts (-want +got):\n%s\n%s", diff, out.String())
	}
	var nums []int
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n")[1:] {
		n, _ := strconv.Atoi(l[:strings.IndexByte(l, ',')])
		nums = append(nums, n)
	}
	if diff := cmp.Diff([]int{2, 3, 4, 5, 6}, nums); diff != "" {
		t.Errorf("result line numbers (-want +got):\n%s", diff)
	}
}

func TestBadHeader(t *testing.T) {
	_, err := assess(strings.NewReader("id,county\n"), "csv", 1, defaultSettings(), io.Discard, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "line 1: header") {
		t.Errorf("err = %v, want a header error", err)
	}
}

// TestAssessNoAllocs enforces the hot path's budget: parsing and assessing
// a CSV record allocates nothing.
func TestAssessNoAllocs(t *testing.T) {
	for i, line := range append(benchLines, benchGuaranteeLine) {
		cols := gen.CSVColumns
		if i == len(benchLines) {
			cols = maxColumns
		}
		a := newCSVAssessor(defaultSettings(), cols)
		c := &chunk{out: make([]byte, 0, 1<<16)}
		a.assess(c, line, 2)
		if c.accepted != 1 {
			t.Fatalf("not accepted: %s", c.out)
		}
		allocs := testing.AllocsPerRun(1000, func() {
			c.out = c.out[:0]
			a.assess(c, line, 2)
		})
		if allocs != 0 {
			t.Errorf("assess %s: %v allocations a record, want 0", line[:15], allocs)
		}
	}
}

// benchLines are a Yunnan household (no tier scheme) and a Xinjiang one
// (the 2020 four-colour scheme applies).
var benchLines = [][]byte{
	[]byte("H530120-0000001,530120,2020,disposable_income,4,4,2,18964,16844,5895,210,0,0,1359,200,2016,2019,0"),
	[]byte("H650120-0000001,650120,2020,disposable_income,4,4,2,9964,6844,5895,210,0,0,1359,200,2016,2019,0"),
}

// benchGuaranteeLine is the Xinjiang household with guarantee and severe
// columns, its housing not secured.
var benchGuaranteeLine = []byte("H650120-0000001,650120,2020,disposable_income,4,4,2,9964,6844,5895,210,0,0,1359,200,2016,2019,0,secured,secured,secured,secured,not_secured,secured,false")

// TestFlatMemory checks that the pipeline's allocations do not grow with
// the input: the bytes allocated per record stay near zero.
func TestFlatMemory(t *testing.T) {
	var in bytes.Buffer
	if _, err := gen.WriteCSV(&in, gen.Config{Seed: 1, Households: 200000}); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c, err := assess(&in, "csv", 2, defaultSettings(), io.Discard, io.Discard, nil)
	runtime.ReadMemStats(&after)
	if err != nil || c.Accepted != 200000 {
		t.Fatalf("%+v %v", c, err)
	}
	perRecord := float64(after.TotalAlloc-before.TotalAlloc) / 200000
	t.Logf("%.1f bytes allocated a record", perRecord)
	if perRecord > 32 {
		t.Errorf("%.1f bytes allocated a record; the pipeline should reuse its buffers", perRecord)
	}
}

// FuzzAssessCSV feeds arbitrary lines, read with each header (the schema,
// with the guarantee columns, with those and the severe column): never a
// panic, exactly one result a line, and a rejected record always has a
// reason in a well-formed reject line.
func FuzzAssessCSV(f *testing.F) {
	for _, l := range bytes.Split(sample, []byte("\n"))[1:] {
		f.Add(l)
	}
	guarantees, err := os.ReadFile("testdata/guarantees.csv")
	if err != nil {
		f.Fatal(err)
	}
	for _, l := range bytes.Split(guarantees, []byte("\n"))[1:] {
		f.Add(l)
	}
	set := defaultSettings()
	f.Fuzz(func(t *testing.T, line []byte) {
		if bytes.ContainsAny(line, "\n") {
			return
		}
		for _, cols := range []int{gen.CSVColumns, gen.CSVColumns + numGuaranteeColumns, maxColumns} {
			assessFuzzedLine(t, set, cols, line)
		}
	})
}

// assessFuzzedLine checks one fuzzed line read with cols columns.
func assessFuzzedLine(t *testing.T, set *settings, cols int, line []byte) {
	a := newCSVAssessor(set, cols)
	c := &chunk{}
	a.assess(c, line, 7)
	if c.accepted+c.rejected != 1 || bytes.Count(c.out, []byte{'\n'}) != 1 {
		t.Fatalf("line %q: accepted %d rejected %d out %q", line, c.accepted, c.rejected, c.out)
	}
	if c.rejected == 1 {
		recs, err := csv.NewReader(bytes.NewReader(c.rej)).ReadAll()
		if err != nil || len(recs) != 1 || len(recs[0]) != 4 || recs[0][0] != "7" || recs[0][3] == "" {
			t.Fatalf("line %q: bad reject %q (%v)", line, c.rej, err)
		}
		// The field is a column of the schema, or the record.
		if f := recs[0][2]; f != "record" && !slices.Contains(columnNames, f) {
			t.Fatalf("line %q: reject names field %q", line, f)
		}
	} else if fields := strings.Split(string(line), ","); isIdentityKey(fields[0]) || !utf8.Valid(line) {
		t.Fatalf("line %q accepted", line)
	}
	if !utf8.Valid(c.out) || !utf8.Valid(c.rej) || clearID.Match(c.out) || clearID.Match(c.rej) {
		t.Fatalf("line %q: output not UTF-8 or with an identity number in clear:\n%q\n%q", line, c.out, c.rej)
	}
	if c.accepted == 1 && (c.guaranteed == 1) != (cols > gen.CSVColumns) {
		t.Fatalf("line %q (%d columns): guarantees counted %d", line, cols, c.guaranteed)
	}
}

func FuzzAssessJSONL(f *testing.F) {
	var b bytes.Buffer
	gen.WriteJSONL(&b, gen.Config{Seed: 1, Households: 3})
	for _, l := range bytes.Split(b.Bytes(), []byte("\n")) {
		f.Add(l)
	}
	f.Add([]byte(`{"id":"x"}`))
	f.Add([]byte(`{"id":"h","region":"65","year":2020,"concept":"disposable_income","members":[{"birth_date":"1980-01-01"}],"income":{"wage":"6000"},"severe_then_lost":false,"guarantees":{"food":"secured","housing":"not_secured"}}`))
	set := defaultSettings()
	f.Fuzz(func(t *testing.T, line []byte) {
		if bytes.ContainsAny(line, "\n") {
			return
		}
		a := newJSONAssessor(set)
		c := &chunk{}
		a.assess(c, line, 1)
		if c.accepted+c.rejected != 1 || bytes.Count(c.out, []byte{'\n'}) != 1 {
			t.Fatalf("line %q: accepted %d rejected %d", line, c.accepted, c.rejected)
		}
		if !utf8.Valid(c.out) || !utf8.Valid(c.rej) || clearID.Match(c.out) || clearID.Match(c.rej) {
			t.Fatalf("line %q: output not UTF-8 or with an identity number in clear:\n%q\n%q", line, c.out, c.rej)
		}
		// Oracle: the household decoded and classified by the library
		// directly. An accepted line gives the library's result.
		var rec jsonRecord // a household, with its guarantees when it has them
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		ok := utf8.Valid(line) && dec.Decode(&rec) == nil && !dec.More() && !isIdentityKey(rec.ID) && rec.Validate() == nil
		h := rec.Household
		var cl poverty.Classification
		if ok {
			lines, err := set.table.LinesFor(h.Year, h.Province(), set.boundary, set.opts)
			ok = err == nil
			if ok {
				cl, err = poverty.Classify(&h, &lines)
				ok = err == nil
			}
		}
		if ok != (c.accepted == 1) {
			t.Fatalf("line %q: accepted %d, the library %v:\n%s%s", line, c.accepted, ok, c.out, c.rej)
		}
		if ok {
			want := fmt.Sprintf(",%s,%s,%t,%t,", cl.Status, cl.PerCapita.Amount, cl.BelowStandard, cl.BelowLine)
			if !bytes.Contains(c.out, []byte(want)) {
				t.Fatalf("line %q: result %q, the library %q", line, c.out, want)
			}
			if (rec.Guarantees == nil) != bytes.Contains(c.out, []byte(",not_assessed,")) {
				t.Fatalf("line %q: guarantees %v, result %q", line, rec.Guarantees, c.out)
			}
		}
	})
}

func BenchmarkAssessCSV(b *testing.B) {
	for i, line := range append(benchLines, benchGuaranteeLine) {
		name, cols := string(line[1:3]), gen.CSVColumns
		if i == len(benchLines) {
			name, cols = "65-guarantees", maxColumns
		}
		b.Run(name, func(b *testing.B) {
			a := newCSVAssessor(defaultSettings(), cols)
			c := &chunk{out: make([]byte, 0, 1<<16)}
			b.ReportAllocs()
			for b.Loop() {
				c.out = c.out[:0]
				a.assess(c, line, 2)
			}
		})
	}
}

// BenchmarkPipeline measures the whole pipeline on 100,000 generated
// households held in memory (built once), and reports households/s.
func BenchmarkPipeline(b *testing.B) {
	var in bytes.Buffer
	const n = 100000
	gen.WriteCSV(&in, gen.Config{Seed: 1, Households: n})
	data := in.Bytes()
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := assess(bytes.NewReader(data), "csv", runtime.GOMAXPROCS(0), defaultSettings(), io.Discard, io.Discard, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "households/s")
}

// TestTierColumnMatchesScheme checks the tier column of the results (the
// scheme resolved once, risk.Scheme.Tiering) against the scheme itself
// (Scheme.Classify), record by record, on generated Xinjiang households.
// The resolved scheme's agreement at and around every cut-off is risk's
// own oracle test.
func TestTierColumnMatchesScheme(t *testing.T) {
	cfg := gen.Config{Seed: 4, Households: 20000, Province: poverty.MustParseRegion("65")}
	s, ok := risk.DefaultSchemes().Lookup("xinjiang-2020")
	if !ok {
		t.Fatal("no xinjiang-2020 scheme")
	}
	lines, err := poverty.Default().LinesFor(2020, cfg.Province, poverty.BelowLine, poverty.LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	check := func(pc poverty.Figure) risk.Tier {
		t.Helper()
		want, err := s.Classify(risk.TierInput{PerCapita: pc, Line: &lines.Monitoring})
		if err != nil {
			t.Fatal(err)
		}
		return want.Tier
	}
	var in bytes.Buffer
	if _, err := gen.WriteCSV(&in, cfg); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := assess(&in, "csv", 2, defaultSettings(), &out, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&out)
	sc.Scan()
	counts := map[risk.Tier]int{}
	for rec := range cfg.All() {
		pc, err := rec.PerCapita()
		if err != nil {
			t.Fatal(err)
		}
		tier := check(pc)
		counts[tier]++
		sc.Scan()
		f := strings.Split(sc.Text(), ",")
		if f[6] != tier.String() || f[7] != "not_assessed" || f[8] != "status."+f[2]+";tier.income" {
			t.Fatalf("household %d: result %q, want tier %v", rec.Index, sc.Text(), tier)
		}
	}
	t.Logf("tiers of 20,000 generated Xinjiang households: %v", counts)
	if len(counts) < 3 {
		t.Errorf("generated households fall in only %d tiers: %v", len(counts), counts)
	}
}

// validID is the GB 11643 standard's own example number (valid check
// character).
const validID = "11010519491231002X"

var clearID = regexp.MustCompile(`[\dXx]{14,}`)

func assertNoClearIDs(t *testing.T, s string) {
	t.Helper()
	if m := clearID.FindString(s); m != "" {
		t.Errorf("an identity number in clear: %s", m)
	}
}

// TestNoIdentityNumberOut sends an identity number through every column of
// the CSV schema and every field and key of the JSON Lines one: each
// record is accounted for, a household key that is an identity number is
// refused (two different numbers cannot collide on one masked key), and no
// output line carries a number in clear.
func TestNoIdentityNumberOut(t *testing.T) {
	good := strings.Split("h,530120,2020,disposable_income,3,3,1,9000,0,0,0,0,0,0,0,0,0,0", ",")
	var csvIn strings.Builder
	csvIn.WriteString(gen.CSVHeader + "\n")
	for k := range good {
		f := append([]string(nil), good...)
		f[k] = validID
		csvIn.WriteString(strings.Join(f, ",") + "\n")
	}
	// Two numbers that differ only in the masked middle.
	other := "110105194912310037"
	csvIn.WriteString(validID + ",530120,2020,disposable_income,3,3,1,9000,0,0,0,0,0,0,0,0,0,0\n")
	csvIn.WriteString(other + ",530120,2020,disposable_income,3,3,1,9000,0,0,0,0,0,0,0,0,0,0\n")
	csvIn.WriteString(validID + "\n")
	csvIn.WriteString(strings.Repeat(validID+",", 20) + "\n")
	jsonIn := strings.Join([]string{
		`{"id":"` + validID + `","year":2020,"concept":"disposable_income","region":"53","members":[{"birth_date":"1980-01-01"}]}`,
		`{"id":"h","year":2020,"concept":"disposable_income","region":"53","members":[{"id_number":"` + validID + `","birth_date":"1950-01-01"}]}`,
		`{"id":"h","year":2020,"concept":"disposable_income","region":"53","members":[{"id_number":"110105194912310021"}]}`,
		`{"id":"h","` + validID + `":1}`,
		`{"id":"h","members":[{"` + validID + `":1}]}`,
		`{"id":"h","region":"` + validID + `"}`,
		`{"id":"h","income":{"wage":"` + validID + `"}}`,
		`{"id":"h","year":` + validID[:17] + `}`,
		`["` + validID + `"]`,
		validID,
	}, "\n")
	for _, tc := range []struct{ format, in string }{{"csv", csvIn.String()}, {"jsonl", jsonIn}} {
		t.Run(tc.format, func(t *testing.T) {
			var out, rej bytes.Buffer
			c, err := assess(strings.NewReader(tc.in), tc.format, 2, defaultSettings(), &out, &rej, nil)
			if err != nil {
				t.Fatal(err)
			}
			if c.Read != c.Accepted+c.Rejected || c.Read != strings.Count(strings.TrimSuffix(tc.in, "\n"), "\n")+1-btoi(tc.format == "csv") {
				t.Errorf("counts %+v for %d lines", c, strings.Count(tc.in, "\n"))
			}
			for _, l := range strings.Split(out.String(), "\n") {
				if strings.Contains(l, "********") && !strings.Contains(l, ",rejected,") {
					t.Errorf("a record keyed by an identity number was accepted: %s", l)
				}
			}
			assertNoClearIDs(t, out.String()+rej.String())
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestDefaultRejectsFile checks that rejects go to a file of their own by
// default, and that standard error then holds only the summary line.
func TestDefaultRejectsFile(t *testing.T) {
	want, err := os.ReadFile("testdata/sample.rejects.csv")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	var out, errb bytes.Buffer
	if err := run(options{out: "-", rejects: defaultRejects, workers: 2, seed: 1}, nil, &out, &errb); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(defaultRejects)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(b)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", defaultRejects, diff)
	}
	if lines := strings.Split(strings.TrimSuffix(errb.String(), "\n"), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], "batch: read 36 = accepted 25 + rejected 11 ") {
		t.Errorf("standard error %q, want the summary line alone", errb.String())
	}
}

// TestRejectsApartFromProgress sends rejects and progress lines to one
// writer (-rejects - with progress on standard error): every line is
// whole, either a reject record or a progress line.
func TestRejectsApartFromProgress(t *testing.T) {
	defer func(d time.Duration) { progressEvery = d }(progressEvery)
	progressEvery = 0
	var in bytes.Buffer
	in.WriteString(gen.CSVHeader + "\n")
	// One record in 80 rejected: a chunk's rejects (about 5 KiB) do not fill
	// the rejects buffer evenly, so a line can be left half written when a
	// progress line comes.
	const n = 120000
	for i := range n {
		wage := "12000"
		if i%80 == 0 {
			wage = "12000.345"
		}
		fmt.Fprintf(&in, "H%d,530120,2020,disposable_income,3,3,1,%s,0,0,0,0,0,0,0,0,0,0\n", i, wage)
	}
	var stderr bytes.Buffer
	progress := func(c Counts) { fmt.Fprintf(&stderr, "batch: %d read\n", c.Read) }
	c, err := assess(&in, "csv", 2, defaultSettings(), io.Discard, &stderr, progress)
	if err != nil || c.Rejected != n/80 {
		t.Fatalf("%+v %v", c, err)
	}
	progressLines := 0
	for _, l := range strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")[1:] {
		switch {
		case strings.HasPrefix(l, "batch: "):
			progressLines++
		case strings.HasPrefix(l, "H") || (l[0] >= '0' && l[0] <= '9' && strings.Count(l, ",") >= 3):
		default:
			t.Fatalf("line %q is neither a reject nor a progress line", l)
		}
	}
	if _, err := csv.NewReader(strings.NewReader(strings.ReplaceAll(stderr.String(), "batch: ", "batch,x,y,"))).ReadAll(); err != nil {
		t.Errorf("rejects and progress lines mixed: %v", err)
	}
	if progressLines == 0 {
		t.Errorf("no progress line")
	}
}
