package labor

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/openfupin/fupin/poverty"
)

func TestDecoderLines(t *testing.T) {
	in := `{"workshop": {"id": "ws", "type": "factory"}}

{"household": {"id": "h", "year": 2020, "concept": "net_income", "members": [{"birth_date": "1980-01-01"}]}}
{"worker": {"id": "w", "household": "h", "birth_date": "1980-01-01"}}
{"job": {"id": "j", "worker": "w", "channel": "teleport", "place": "in_village", "start": "2020-01-01"}}
{"job": {"id": "k", "worker": "w", "channel": "workshop", "place": "in_village", "start": "2020-01-01"}}
{"worker": {"id": "v", "household": "h", "birth_date": "1980-01-01"}, "job": {"id": "x"}}
{"job": {"id": "l", "worker": "w", "channel": "workshop", "workshop": "ws", "place": "in_village", "start": "2020-01-01"}}
`
	_, err := NewDecoder(strings.NewReader(in), "upload.jsonl").Collect()
	for _, want := range []string{`"upload.jsonl line 5": field line`, `"teleport"`, `"upload.jsonl line 6": field record`, `"upload.jsonl line 7": field line = "2 records"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error does not contain %s: %v", want, err)
		}
	}
	good := strings.Join(slicesDelete(strings.Split(in, "\n"), 4, 7), "\n")
	idx, err := NewDecoder(strings.NewReader(good), "good").Collect()
	if err != nil {
		t.Fatal(err)
	}
	if len(idx.Records().Jobs) != 1 || len(idx.Records().Workers) != 1 || len(idx.WorkerJobs("w")) != 1 {
		t.Errorf("records %+v", idx.Records())
	}
}

func slicesDelete(s []string, i, j int) []string { return append(s[:i:i], s[j:]...) }

func TestDecoderLongLineEndsStream(t *testing.T) {
	in := `{"worker": {"id": "` + strings.Repeat("x", MaxLineBytes) + `"}}` + "\n" + `{"workshop": {"id": "ws", "type": "factory"}}` + "\n"
	d := NewDecoder(strings.NewReader(in), "big")
	if _, err := d.Next(); !errors.Is(err, bufio.ErrTooLong) {
		t.Fatalf("error %v, want bufio.ErrTooLong", err)
	}
	if _, err := d.Next(); err != io.EOF {
		t.Fatalf("after a fatal error: %v, want io.EOF", err)
	}
}

func TestEncodeLinesRoundTrip(t *testing.T) {
	sc, err := genWorkshops(5, workshopSpec{County: poverty.MustParseCounty("620523"), Workshops: 3, Workers: 50, Poor: 10, Monitored: 2,
		ReturnedMothers: 5, BaselineYear: 2017, Year: 2019, Opened: date(2018, 1, 1)})
	if err != nil {
		t.Fatal(err)
	}
	rec := sc.idx.Records()
	rec.Workstations = []Workstation{{ID: "st", Host: 44, Placements: 3}}
	rec.JobFairs = []JobFair{{ID: "f", Date: date(2019, 2, 1), Vacancies: 10, Hires: 2}}
	var a, b, c bytes.Buffer
	if err := rec.EncodeLines(&a); err != nil {
		t.Fatal(err)
	}
	idx, err := NewDecoder(bytes.NewReader(a.Bytes()), "a").Collect()
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.Records().EncodeLines(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("JSON Lines round trip differs")
	}
	if err := rec.Encode(&c); err != nil {
		t.Fatal(err)
	}
	doc, err := DecodeRecords(&c, "doc")
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Records().Households) != len(rec.Households) || len(doc.Records().Jobs) != len(rec.Jobs) {
		t.Error("document round trip lost records")
	}
}
