package labor

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/poverty"
)

// MaxLineBytes bounds one line of a JSON Lines stream read by [Decoder].
const MaxLineBytes = 1 << 20

// Line is one record of a JSON Lines stream: exactly one of its pointers is
// set. In the stream it is an object with exactly one of the keys
// "household", "worker", "job", "workshop", "workstation" and "job_fair":
//
//	{"worker": {"id": "w1", "household": "h1", "birth_date": "1988-05-01"}}
//
// The zero Line holds no record.
type Line struct {
	Household   *Household   `json:"household,omitempty"`
	Worker      *Worker      `json:"worker,omitempty"`
	Job         *Job         `json:"job,omitempty"`
	Workshop    *Workshop    `json:"workshop,omitempty"`
	Workstation *Workstation `json:"workstation,omitempty"`
	JobFair     *JobFair     `json:"job_fair,omitempty"`
}

// Decoder reads labour records as JSON Lines, one record at a time, so that
// a county's records never need to be in memory at once (feed a [Tally] as
// households complete, or collect them with [Decoder.Collect]). Blank lines
// are skipped. The zero Decoder is not usable; call [NewDecoder].
type Decoder struct {
	sc    *bufio.Scanner
	name  string
	line  int
	ended bool // the scanner failed; the stream is over
}

// NewDecoder returns a decoder reading r; name identifies the stream in errors.
func NewDecoder(r io.Reader, name string) *Decoder {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
	return &Decoder{sc: sc, name: name}
}

// LineNumber returns the number of the line last read (1-based).
func (d *Decoder) LineNumber() int { return d.line }

// Next returns the next record, or io.EOF after the last. A line that is
// not one valid record is a *[poverty.FieldError] whose Record names the
// stream and the line ("upload.jsonl line 7"); decoding can go on with the
// next line, except after a line longer than [MaxLineBytes] or a read
// error, which are reported once and end the stream (io.EOF after them).
func (d *Decoder) Next() (Line, error) {
	if d.ended {
		return Line{}, io.EOF
	}
	for d.sc.Scan() {
		d.line++
		b := bytes.TrimSpace(d.sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var l Line
		rec := d.name + " line " + strconv.Itoa(d.line)
		if err := param.Decode(b, &l); err != nil {
			return Line{}, &poverty.FieldError{Record: rec, Field: "line", Err: err}
		}
		var err error
		n := 0
		for _, v := range [...]interface{ Validate() error }{ptrOrNil(l.Household), ptrOrNil(l.Worker), ptrOrNil(l.Job),
			ptrOrNil(l.Workshop), ptrOrNil(l.Workstation), ptrOrNil(l.JobFair)} {
			if v != nil {
				n++
				err = v.Validate()
			}
		}
		if n != 1 {
			return Line{}, &poverty.FieldError{Record: rec, Field: "line", Value: strconv.Itoa(n) + " records",
				Err: fmt.Errorf("%w: a line holds exactly one record", poverty.ErrSyntax)}
		}
		if err != nil {
			return Line{}, &poverty.FieldError{Record: rec, Field: "record", Err: err}
		}
		return l, nil
	}
	d.ended = true
	if err := d.sc.Err(); err != nil {
		return Line{}, &poverty.FieldError{Record: d.name + " line " + strconv.Itoa(d.line+1), Field: "line", Err: err}
	}
	return Line{}, io.EOF
}

// ptrOrNil returns p as a validator, or nil for a nil pointer, so that a
// typed nil never hides in an interface.
func ptrOrNil[T any, PT interface {
	*T
	Validate() error
}](p PT) interface{ Validate() error } {
	if p == nil {
		return nil
	}
	return p
}

// Collect reads the rest of the stream into [Records] and indexes them with
// [NewIndex]. Every bad line is reported, joined, not only the first.
func (d *Decoder) Collect() (*Index, error) {
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

// EncodeLines writes the records as JSON Lines that [Decoder] reads back:
// workshops, workstations, job fairs, households, workers, then jobs.
// Identity numbers are written masked, so records holding them do not
// decode back to the same numbers.
func (r *Records) EncodeLines(w io.Writer) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	put := func(l Line) error { return enc.Encode(l) }
	for i := range r.Workshops {
		if err := put(Line{Workshop: &r.Workshops[i]}); err != nil {
			return err
		}
	}
	for i := range r.Workstations {
		if err := put(Line{Workstation: &r.Workstations[i]}); err != nil {
			return err
		}
	}
	for i := range r.JobFairs {
		if err := put(Line{JobFair: &r.JobFairs[i]}); err != nil {
			return err
		}
	}
	for i := range r.Households {
		if err := put(Line{Household: &r.Households[i]}); err != nil {
			return err
		}
	}
	for i := range r.Workers {
		if err := put(Line{Worker: &r.Workers[i]}); err != nil {
			return err
		}
	}
	for i := range r.Jobs {
		if err := put(Line{Job: &r.Jobs[i]}); err != nil {
			return err
		}
	}
	return bw.Flush()
}
