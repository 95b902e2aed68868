package labor

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/poverty"
)

// maxLineBytes bounds one line of a JSON Lines stream read by [Decoder].
const maxLineBytes = 1 << 20

// Line is one record of a JSON Lines stream: exactly one of its pointers is
// set. In the stream it is an object with exactly one of the keys
// "household", "worker", "job", "workshop", "workstation" and "job_fair":
//
//	{"worker": {"id": "w1", "household": "h1", "birth_date": "1988-05-01"}}
//
// Its JSON form is the line: a [encoding/json.Encoder] encoding Line values
// writes a stream that [Decoder] reads back (identity numbers are written
// masked, so they do not read back).
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
// a county's records never need to be in memory at once: feed a [Tally] as
// households complete, or append each record to a [Records] and index them
// with [NewIndex]. Blank lines are skipped. The zero Decoder is not usable;
// call [NewDecoder].
type Decoder struct {
	sc    *bufio.Scanner
	name  string
	line  int
	ended bool // the scanner failed; the stream is over
}

// NewDecoder returns a decoder reading r; name identifies the stream in errors.
func NewDecoder(r io.Reader, name string) *Decoder {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLineBytes)
	return &Decoder{sc: sc, name: name}
}

// opDecoder is the operation of [Decoder] in errors.
const opDecoder = "labor.Decoder"

// Next returns the next record, or io.EOF after the last. A line that is
// not one valid record is a *[poverty.FieldError] with Op "labor.Decoder"
// whose Record names the stream and the line ("upload.jsonl line 7");
// decoding can go on with the next line, except after a line longer than
// 1 MiB or a read error, which are reported once and end the stream
// (io.EOF after them).
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
			return Line{}, fieldErr(opDecoder, rec, "line", "", err)
		}
		var err error
		n := 0
		if l.Household != nil {
			n++
			err = withOp(opDecoder, l.Household.Validate())
		}
		for _, v := range [...]interface{ validate(string) error }{ptrOrNil(l.Worker), ptrOrNil(l.Job),
			ptrOrNil(l.Workshop), ptrOrNil(l.Workstation), ptrOrNil(l.JobFair)} {
			if v != nil {
				n++
				err = v.validate(opDecoder)
			}
		}
		if n != 1 {
			return Line{}, fieldErr(opDecoder, rec, "line", strconv.Itoa(n)+" records",
				fmt.Errorf("%w: a line holds exactly one record", poverty.ErrSyntax))
		}
		if err != nil {
			// One error naming the line and the record's own field, not an
			// error inside an error (the prefix would print twice).
			var fe *poverty.FieldError
			if errors.As(err, &fe) && err.Error() == fe.Error() { // a lone field error, perhaps joined
				return Line{}, &poverty.FieldError{Op: opDecoder, Record: rec + " " + fe.Record, Field: fe.Field, Value: fe.Value, Err: fe.Err}
			}
			return Line{}, fieldErr(opDecoder, rec, "record", "", err)
		}
		return l, nil
	}
	d.ended = true
	if err := d.sc.Err(); err != nil {
		return Line{}, fieldErr(opDecoder, d.name+" line "+strconv.Itoa(d.line+1), "line", "", err)
	}
	return Line{}, io.EOF
}

// ptrOrNil returns p as a validator, or nil for a nil pointer, so that a
// typed nil never hides in an interface.
func ptrOrNil[T any, PT interface {
	*T
	validate(string) error
}](p PT) interface{ validate(string) error } {
	if p == nil {
		return nil
	}
	return p
}
