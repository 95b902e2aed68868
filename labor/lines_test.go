package labor

import (
	"bufio"
	"bytes"
	"encoding/json"
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
	_, err := collect(NewDecoder(strings.NewReader(in), "upload.jsonl"))
	for _, want := range []string{`"upload.jsonl line 5": field line`, `"teleport"`, `"upload.jsonl line 6 k": field workshop`, `"upload.jsonl line 7": field line = "2 records"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error does not contain %s: %v", want, err)
		}
	}
	// One error per line: the operation is named once, with the line and the
	// record's own field, not an error inside an error.
	for _, line := range strings.Split(err.Error(), "\n") {
		if n := strings.Count(line, "labor.Decoder"); n != 1 {
			t.Errorf("%q names the operation %d times", line, n)
		}
	}
	good := strings.Join(slicesDelete(strings.Split(in, "\n"), 4, 7), "\n")
	idx, err := collect(NewDecoder(strings.NewReader(good), "good"))
	if err != nil {
		t.Fatal(err)
	}
	if len(idx.Records().Jobs) != 1 || len(idx.Records().Workers) != 1 || len(idx.Records().Jobs) != 1 {
		t.Errorf("records %+v", idx.Records())
	}
}

func slicesDelete(s []string, i, j int) []string { return append(s[:i:i], s[j:]...) }

func TestDecoderLongLineEndsStream(t *testing.T) {
	in := `{"worker": {"id": "` + strings.Repeat("x", maxLineBytes) + `"}}` + "\n" + `{"workshop": {"id": "ws", "type": "factory"}}` + "\n"
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
	if err := encodeLines(rec, &a); err != nil {
		t.Fatal(err)
	}
	idx, err := collect(NewDecoder(bytes.NewReader(a.Bytes()), "a"))
	if err != nil {
		t.Fatal(err)
	}
	if err := encodeLines(idx.Records(), &b); err != nil {
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

// collect reads the rest of the stream into Records and indexes them, as a
// caller of Decoder does (the doc of Decoder): every bad line is reported,
// joined, not only the first.
func collect(d *Decoder) (*Index, error) {
	var r Records
	var errs []error
	for {
		l, err := d.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		switch {
		case l.Household != nil:
			r.Households = append(r.Households, *l.Household)
		case l.Worker != nil:
			r.Workers = append(r.Workers, *l.Worker)
		case l.Job != nil:
			r.Jobs = append(r.Jobs, *l.Job)
		case l.Workshop != nil:
			r.Workshops = append(r.Workshops, *l.Workshop)
		case l.Workstation != nil:
			r.Workstations = append(r.Workstations, *l.Workstation)
		case l.JobFair != nil:
			r.JobFairs = append(r.JobFairs, *l.JobFair)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return NewIndex(&r)
}

// encodeLines writes the records as JSON Lines with encoding/json, as
// Line's doc says a caller does: workshops, workstations, job fairs,
// households, workers, then jobs.
func encodeLines(r *Records, w io.Writer) error {
	enc := json.NewEncoder(w)
	var lines []Line
	for i := range r.Workshops {
		lines = append(lines, Line{Workshop: &r.Workshops[i]})
	}
	for i := range r.Workstations {
		lines = append(lines, Line{Workstation: &r.Workstations[i]})
	}
	for i := range r.JobFairs {
		lines = append(lines, Line{JobFair: &r.JobFairs[i]})
	}
	for i := range r.Households {
		lines = append(lines, Line{Household: &r.Households[i]})
	}
	for i := range r.Workers {
		lines = append(lines, Line{Worker: &r.Workers[i]})
	}
	for i := range r.Jobs {
		lines = append(lines, Line{Job: &r.Jobs[i]})
	}
	for _, l := range lines {
		if err := enc.Encode(l); err != nil {
			return err
		}
	}
	return nil
}
