package labor

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

// Seeds are small on purpose: the fuzzer minimizes every input that finds
// new coverage, and minimizing a large JSON document takes the whole of a
// short fuzzing run. The large documents are decoded by the ordinary tests.
func seedRecords(f *testing.F) {
	f.Add([]byte(`{"schema":"fupin.labor.records/1","households":[{"id":"h","year":2020,"concept":"net_income","members":[{"birth_date":"1980-01-01"}],"income":{"wage":"1.5"}}],"workers":[{"id":"w","household":"h","birth_date":"1980-01-01"}],"jobs":[{"id":"j","worker":"w","channel":"workshop","workshop":"s","place":"in_village","monthly_wage":"2000","start":"2020-01-01"}],"workshops":[{"id":"s","type":"factory"}]}`))
	f.Add([]byte(`{"schema":"fupin.labor.records/1","workers":[{"id":"w","household":"h","id_number":"11010519491231002X"}]}`))
	f.Add([]byte(`{"schema":"fupin.labor.records/1","job_fairs":[{"id":"f","date":"2020-02-02","vacancies":5,"hires":6}]}`))
	f.Add([]byte(`{}`))
}

// FuzzDecodeRecords: the records decoder never panics, every error names
// its record or the input and never shows a full identity number, and what
// it accepts encodes and decodes again to the same records.
func FuzzDecodeRecords(f *testing.F) {
	seedRecords(f)
	const id = "11010519491231002X"
	f.Fuzz(func(t *testing.T, in []byte) {
		idx, err := DecodeRecords(bytes.NewReader(in), "fuzz")
		if err != nil {
			var fe *poverty.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error %T is not a FieldError: %v", err, err)
			}
			if strings.Contains(err.Error(), id) {
				t.Fatalf("error shows an identity number: %v", err)
			}
			return
		}
		for i := range idx.Records().Workers {
			if !idx.Records().Workers[i].IDNumber.IsZero() {
				return // identity numbers are masked when encoded: no round trip
			}
		}
		for i := range idx.Records().Households {
			for _, m := range idx.Records().Households[i].Members {
				if !m.IDNumber.IsZero() {
					return
				}
			}
		}
		var buf bytes.Buffer
		if err := idx.Records().Encode(&buf); err != nil {
			t.Fatal(err)
		}
		again, err := DecodeRecords(bytes.NewReader(buf.Bytes()), "again")
		if err != nil {
			t.Fatalf("encoded records do not decode: %v\n%s", err, buf.Bytes())
		}
		var buf2 bytes.Buffer
		if err := again.Records().Encode(&buf2); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
			t.Fatalf("round trip differs:\n%s\n%s", buf.Bytes(), buf2.Bytes())
		}
	})
}

// FuzzLoadParams: the parameter decoder never panics and reports a
// FieldError of labor.LoadParams for everything it rejects; what it
// accepts, written back in the file schema, loads again to the same
// records (round trip); and lookups serve only records in force for the
// region that are not UNCONFIRMED.
func FuzzLoadParams(f *testing.F) {
	f.Add(paramsJSON)
	f.Add([]byte(`{"schema":"fupin.labor.params/2","age_limits":[{"id":"a","scope":"22","from":"2018","min_age":16,"women_max_age":55,"source":"s","status":"LOCAL"}]}`))
	f.Add([]byte(`{"schema":"fupin.labor.params/2","recognition":[{"id":"r","scope":"national","from":"2020-03","counts":"any","min_workers":5,"award":{"per_worker":"1000","per_worker_cap":"5000"},"source":"s","status":"SECONDARY"}]}`))
	f.Add([]byte(`{"schema":"fupin.labor.params/2","transport":[{"id":"t","scope":"620823","from":"2020","counts":"monitored","tiers":[{"places":["in_city"],"cap":"800"}],"source":"s","status":"SUPPLIED"}]}`))
	f.Add([]byte(`{"schema":"fupin.labor.params/2","award_tables":[{"id":"t","scope":"50","from":"2020","to":"2019","source":"s","status":"CONFIRMED","rows":[{"min_workers":5},{"min_workers":3}]}]}`))
	f.Add([]byte(`{"schema":"fupin.labor.params/2","return_windows":[{"id":"returned-home","days":90,"scope":"national","source":"s","status":"EXAMPLE"}]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		p, err := LoadParams(bytes.NewReader(in), "fuzz")
		if err != nil {
			var fe *poverty.FieldError
			if !errors.As(err, &fe) || fe.Op != "labor.LoadParams" {
				t.Fatalf("error %T is not a FieldError of labor.LoadParams: %v", err, err)
			}
			return
		}
		doc := paramsFile{Schema: paramsSchema, Vintage: p.vintage, AgeLimits: p.ages.All(), MinimumWages: p.minWages.All(),
			Stable: p.stable.All(), Transfer: p.transfer.All(), Recognition: p.recognition.All(), AwardTables: p.tables.All(),
			Transport: p.transport.All(), ReturnWindows: p.windows.All()}
		out, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		again, err := LoadParams(bytes.NewReader(out), "fuzz")
		if err != nil {
			t.Fatalf("written back, the parameters do not load: %v\n%s", err, out)
		}
		if diff := cmp.Diff(p.All(), again.All()); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
		for _, v := range p.All() {
			if v.ID == "" || v.Provenance.Validate(v.ID) != nil || v.Origin != "fuzz" {
				t.Fatalf("accepted a record without ID or valid provenance: %+v", v)
			}
		}
		for _, r := range LookupIn[RecognitionRule](p, poverty.National, 2020, poverty.LookupOptions{AcceptSecondary: true}) {
			if r.Scope != poverty.ScopeNational || r.Status == poverty.Unconfirmed {
				t.Fatalf("served %s for the nation", r.Label())
			}
		}
	})
}

// FuzzDecoder: the JSON Lines decoder never panics, always ends, names the
// line of every error, and what it accepts encodes to lines it reads back
// identically.
func FuzzDecoder(f *testing.F) {
	f.Add([]byte(`{"workshop": {"id": "ws", "type": "factory"}}` + "\n" + `{"job": {"id": "j", "worker": "w", "channel": "workshop", "workshop": "ws", "place": "in_village", "start": "2020-01-01"}}`))
	f.Add([]byte(`{"household": {"id": "h", "year": 2020, "concept": "net_income", "members": [{"birth_date": "1980-01-01"}]}}` + "\n\n" + `{"worker": {"id": "w", "household": "h", "birth_date": "1980-01-01"}}`))
	f.Add([]byte(`{"worker": {"id": "w", "household": "h", "id_number": "11010519491231002X"}, "job": {}}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		d := NewDecoder(bytes.NewReader(in), "fuzz")
		var lines []Line
		for range len(in) + 2 {
			l, err := d.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				var fe *poverty.FieldError
				if !errors.As(err, &fe) || !strings.HasPrefix(fe.Record, "fuzz line ") {
					t.Fatalf("error does not name its line: %v", err)
				}
				if strings.Contains(err.Error(), "11010519491231002X") {
					t.Fatalf("error shows an identity number: %v", err)
				}
				continue
			}
			lines = append(lines, l)
		}
		if _, err := d.Next(); err != io.EOF {
			t.Fatalf("decoder did not end: %v", err)
		}
		var a, b bytes.Buffer
		enc := json.NewEncoder(&a)
		for _, l := range lines {
			if l.Worker != nil && !l.Worker.IDNumber.IsZero() || l.Household != nil && hasIDNumber(l.Household) {
				return
			}
			if err := enc.Encode(l); err != nil {
				t.Fatal(err)
			}
		}
		d2 := NewDecoder(bytes.NewReader(a.Bytes()), "again")
		enc2 := json.NewEncoder(&b)
		for {
			l, err := d2.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("re-encoded line does not decode: %v\n%s", err, a.Bytes())
			}
			if err := enc2.Encode(l); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("round trip differs:\n%s\n%s", a.Bytes(), b.Bytes())
		}
	})
}

func hasIDNumber(h *Household) bool {
	for _, m := range h.Members {
		if !m.IDNumber.IsZero() {
			return true
		}
	}
	return false
}
