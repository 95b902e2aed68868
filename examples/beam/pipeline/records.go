package pipeline

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/openfupin/fupin/examples/beam/internal/feed"
	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// This file decodes the three input schemas, strictly, and says what is
// wrong with a record: the field and the reason, for the dead-letter
// output. The same functions run when a line is read (to key it, or to
// reject it there) and after the join (to assess it).

// Input formats of a [Record].
const (
	FormatCSV   = 1 // the batch example's household CSV (gen.CSVHeader)
	FormatJSONL = 2 // one poverty.Household a line
	FormatEvent = 3 // one feed.EventLine a line
)

// maxLine is the longest line accepted, in bytes; a longer line is
// rejected whole (field "record") and the reader goes on after it.
const maxLine = 1 << 20

// maxMembers is the largest household the CSV schema accepts (as
// examples/batch).
const maxMembers = 100

// Record is one input line on its way to the join: where it came from and
// its bytes. Lines travel as read and are decoded again after the join,
// because the library's types keep their fields unexported (dates,
// identity numbers) and identity numbers marshal masked, so they cannot
// cross a shuffle as values.
type Record struct {
	Source string // the file it was read from
	Line   int64  // its line number, from 1
	Format int8   // FormatCSV, FormatJSONL or FormatEvent
	Raw    []byte // the line, without its line ending; DEFLATE-compressed when Deflated
	// Deflated: Raw is compressed (compress/flate, fastest level). A JSON
	// Lines household of a year with monthly incomes is some 8 KB of
	// repeated keys; compressed, the join moves and the runner holds a
	// fraction of it.
	Deflated bool
}

// deflateOver is the line length from which a household line is
// compressed for the join.
const deflateOver = 1024

// deflater compresses lines with one reused writer (a flate.Writer is
// large to allocate).
type deflater struct {
	w   *flate.Writer
	buf bytes.Buffer
}

func (d *deflater) deflate(line []byte) ([]byte, error) {
	d.buf.Reset()
	if d.w == nil {
		w, err := flate.NewWriter(&d.buf, flate.BestSpeed)
		if err != nil {
			return nil, err
		}
		d.w = w
	} else {
		d.w.Reset(&d.buf)
	}
	if _, err := d.w.Write(line); err != nil {
		return nil, err
	}
	if err := d.w.Close(); err != nil {
		return nil, err
	}
	return bytes.Clone(d.buf.Bytes()), nil
}

// inflater decompresses lines with one reused reader.
type inflater struct {
	r   io.ReadCloser
	src bytes.Reader
	out bytes.Buffer
}

func (f *inflater) inflate(b []byte) ([]byte, error) {
	f.src.Reset(b)
	if f.r == nil {
		f.r = flate.NewReader(&f.src)
	} else if err := f.r.(flate.Resetter).Reset(&f.src, nil); err != nil {
		return nil, err
	}
	f.out.Reset()
	if _, err := f.out.ReadFrom(io.LimitReader(f.r, maxLine+1)); err != nil {
		return nil, err
	}
	return f.out.Bytes(), nil
}

// where names a record for people: "file:line", with anything that looks
// like an identity number masked.
func (r *Record) where() string {
	return poverty.MaskIDsIn(r.Source + ":" + strconv.FormatInt(r.Line, 10))
}

// recordError is a record's fault: the field at fault (a column, a JSON
// key or "record") and the cause.
type recordError struct {
	Key   string // the household key as read, when known ("" otherwise)
	Field string
	Err   error
}

func (e *recordError) Error() string { return e.Field + ": " + e.Err.Error() }

// formatOf returns the household format of a file from its name (a ".gz"
// suffix, which fileio decompresses, is looked through).
func formatOf(name string) (int8, error) {
	switch ext := path.Ext(strings.TrimSuffix(name, ".gz")); ext {
	case ".csv":
		return FormatCSV, nil
	case ".jsonl", ".ndjson":
		return FormatJSONL, nil
	default:
		return 0, fmt.Errorf("household file %s: extension %q, want .csv, .jsonl or .ndjson", poverty.MaskIDsIn(name), ext)
	}
}

var csvColumns = strings.Split(gen.CSVHeader, ",")

// errIdentityKey refuses a household key that looks like a resident
// identity number, as examples/batch and package children do: masking it
// would let two numbers collide on one key, and the key is the join key.
var errIdentityKey = errors.New("household key looks like an identity number; use the register's household key")

// errNotUTF8 rejects a line that is not UTF-8 (encoding/json would
// replace its bytes silently).
var errNotUTF8 = errors.New("not valid UTF-8")

// isIdentityKey reports whether a key holds a run that poverty.MaskIDsIn
// masks (14 or more digits and Xs).
func isIdentityKey(s string) bool { return poverty.MaskIDsIn(s) != s }

// decodeCSV reads one line of the CSV schema into a household and the
// number of its resident members. The schema carries counts, not members:
// the household's members are built from the counts (residents able to
// work, other residents, then members away all year), so that the
// library's Residents and Workers give the counts back, and nothing else
// is invented (no birth dates, no monthly incomes).
func decodeCSV(line []byte) (poverty.Household, int, *recordError) {
	var h poverty.Household
	if !utf8.Valid(line) {
		return h, 0, &recordError{Field: "record", Err: errNotUTF8}
	}
	s := string(line)
	f := strings.Split(s, ",")
	key := f[0]
	if isIdentityKey(key) {
		return h, 0, &recordError{Key: key, Field: "id", Err: errIdentityKey}
	}
	if len(f) != gen.CSVColumns {
		return h, 0, &recordError{Key: key, Field: "record", Err: fmt.Errorf("%d fields, want %d (%s)", len(f), gen.CSVColumns, gen.CSVHeader)}
	}
	if strings.ContainsRune(s, '"') {
		return h, 0, &recordError{Key: key, Field: "record", Err: errors.New("quoted fields are not part of the schema")}
	}
	bad := func(k int, err error) *recordError {
		var pe *poverty.ParseError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return &recordError{Key: key, Field: csvColumns[k], Err: &poverty.FieldError{Op: "beam.csv", Record: key, Field: csvColumns[k], Value: f[k], Err: err}}
	}
	if key == "" {
		return h, 0, bad(0, poverty.ErrMissing)
	}
	h.ID = key
	county, ok := atoi(f[1])
	if !ok || !poverty.County(county).IsValid() {
		return h, 0, bad(1, poverty.ErrUnknownRegion)
	}
	h.County, h.Region = poverty.County(county), poverty.County(county).Province()
	year, ok := atoi(f[2])
	if !ok || year < 1985 || year > 2100 {
		return h, 0, bad(2, poverty.ErrRange)
	}
	h.Year = year
	switch f[3] {
	case "net_income":
		h.Concept = poverty.NetIncome
	case "disposable_income":
		h.Concept = poverty.DisposableIncome
	case "not_stated":
		h.Concept = poverty.ConceptNotStated
	default:
		return h, 0, bad(3, poverty.ErrUnknownWord)
	}
	members, ok1 := atoi(f[4])
	residents, ok2 := atoi(f[5])
	workers, ok3 := atoi(f[6])
	switch {
	case !ok1 || members < 1 || members > maxMembers:
		return h, 0, bad(4, poverty.ErrRange)
	case !ok2 || residents > members:
		return h, 0, bad(5, errors.New("out of range (1 to members)"))
	case residents < 1:
		return h, 0, bad(5, poverty.ErrNoResidents)
	case !ok3 || workers > residents:
		return h, 0, bad(6, errors.New("out of range (0 to residents)"))
	}
	in := &h.Income
	for k, dst := range [...]*poverty.Money{&in.Wage, &in.OperatingIncome, &in.OperatingCosts, &in.Depreciation,
		&in.ProductionTaxes, &in.Property, &in.TransferIncome, &in.TransferSpending} {
		m, err := poverty.ParseMoney(f[7+k])
		if err != nil {
			return h, 0, bad(7+k, err)
		}
		if m < 0 && k != 5 { // net property income may be negative
			return h, 0, bad(7+k, poverty.ErrNegative)
		}
		*dst = m
	}
	for k, dst := range [...]*int{&h.Registration.Registered, &h.Registration.Exited, &h.Registration.Returned} {
		y, ok := atoi(f[15+k])
		if !ok || (y != 0 && (y < 1985 || y > 2100)) {
			return h, 0, bad(15+k, poverty.ErrRange)
		}
		*dst = y
	}
	r := h.Registration
	if (r.Exited != 0 && (r.Registered == 0 || r.Exited < r.Registered)) || (r.Returned != 0 && (r.Exited == 0 || r.Returned < r.Exited)) {
		return h, 0, bad(16, errors.New("registration years out of order (want registered <= exited <= returned)"))
	}
	h.Members = make([]poverty.Member, members)
	for i := range h.Members {
		switch {
		case i < workers:
			h.Members[i].Capacity = poverty.AbleToWork
		case i < residents:
			h.Members[i].Capacity = poverty.UnableToWork
		default:
			h.Members[i].MonthsAway = 12
		}
	}
	if h.Residents() != residents || h.Workers() != workers {
		// The library's residence rule is not the CSV's count (a caller's
		// MinMonthsHome, a changed rule): refuse rather than guess.
		return h, 0, &recordError{Key: key, Field: "residents", Err: fmt.Errorf("the library counts %d residents and %d workers from members built for %d and %d", h.Residents(), h.Workers(), residents, workers)}
	}
	return h, residents, nil
}

// atoi parses a non-negative decimal integer of at most 9 digits.
func atoi(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// decodeStrict decodes one JSON value from line into v: unknown fields
// and a second value on the line are errors, and so is a line that is not
// UTF-8.
func decodeStrict(line []byte, v any) error {
	if !utf8.Valid(line) {
		return errNotUTF8
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one JSON value on the line")
	}
	return nil
}

// jsonField names the field a JSON decoding error is about, where the
// decoder or the library says ("record" otherwise).
func jsonField(err error) string {
	var fe *poverty.FieldError
	if errors.As(err, &fe) && fe.Field != "" {
		return fe.Field
	}
	var ee *risk.EventError
	if errors.As(err, &ee) && ee.Field != "" {
		return ee.Field
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return te.Field
	}
	if s := err.Error(); strings.HasPrefix(s, "json: unknown field ") {
		return strings.Trim(strings.TrimPrefix(s, "json: unknown field "), `"`)
	}
	return "record"
}

// decodeHousehold reads one JSON Lines household strictly and validates
// it (poverty.Household.Validate).
func decodeHousehold(line []byte) (poverty.Household, *recordError) {
	var h poverty.Household
	if err := decodeStrict(line, &h); err != nil {
		return h, &recordError{Key: h.ID, Field: jsonField(err), Err: err}
	}
	if isIdentityKey(h.ID) {
		return h, &recordError{Key: h.ID, Field: "id", Err: errIdentityKey}
	}
	if h.ID == "" {
		return h, &recordError{Field: "id", Err: poverty.ErrMissing}
	}
	if err := h.Validate(); err != nil {
		return h, &recordError{Key: h.ID, Field: jsonField(err), Err: err}
	}
	return h, nil
}

// decodeEvent reads one line of a department feed: the household key and
// the event, decoded by the risk package's own strict decoder.
func decodeEvent(line []byte) (string, risk.Event, *recordError) {
	var l feed.EventLine
	var e risk.Event
	if err := decodeStrict(line, &l); err != nil {
		f := jsonField(err)
		var ee *risk.EventError
		if errors.As(err, &ee) {
			f = "event." + f
		}
		return l.Household, e, &recordError{Key: l.Household, Field: f, Err: err}
	}
	switch {
	case l.Household == "":
		return "", e, &recordError{Field: "household", Err: poverty.ErrMissing}
	case isIdentityKey(l.Household):
		return l.Household, e, &recordError{Key: l.Household, Field: "household", Err: errIdentityKey}
	case len(l.Event) == 0:
		return l.Household, e, &recordError{Key: l.Household, Field: "event", Err: poverty.ErrMissing}
	}
	if err := json.Unmarshal(l.Event, &e); err != nil {
		return l.Household, e, &recordError{Key: l.Household, Field: "event." + jsonField(err), Err: err}
	}
	return l.Household, e, nil
}

// decodeRecord decodes a household record of either format; residents is
// the CSV's resident count, -1 for JSON Lines (the library counts members).
func decodeRecord(r *Record, f *inflater) (h poverty.Household, residents int, err *recordError) {
	raw := r.Raw
	if r.Deflated {
		b, ierr := f.inflate(raw)
		if ierr != nil {
			return h, 0, &recordError{Field: "record", Err: fmt.Errorf("the line as carried through the join does not decompress: %w", ierr)}
		}
		raw = b
	}
	switch r.Format {
	case FormatCSV:
		return decodeCSV(raw)
	case FormatJSONL:
		h, err = decodeHousehold(raw)
		return h, -1, err
	}
	return h, 0, &recordError{Field: "record", Err: fmt.Errorf("format %d is not a household format", r.Format)}
}

// DeadLetter is one rejected record: which input, where, the household it
// names (masked), the field at fault and the reason. Every text in it has
// passed through poverty.MaskIDsIn.
type DeadLetter struct {
	Input     string `json:"input"` // "households" or "events"
	Source    string `json:"source"`
	Line      int64  `json:"line"`
	Household string `json:"household,omitempty"`
	Field     string `json:"field"`
	Reason    string `json:"reason"`
}

// deadLetter formats a dead letter as one JSON line.
func deadLetter(input string, r *Record, key, field string, err error) string {
	var re *recordError
	if errors.As(err, &re) && re.Err != nil {
		err = re.Err // the field is said once, in its own member
	}
	d := DeadLetter{Input: input, Source: poverty.MaskIDsIn(r.Source), Line: r.Line, Household: poverty.MaskIDsIn(key),
		Field: poverty.MaskIDsIn(field), Reason: poverty.MaskIDsIn(err.Error())}
	b, _ := json.Marshal(d) // strings and an int: cannot fail
	return string(b)
}
