package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// ResultHeader is the header of the results file: one line a record, in
// input order.
const ResultHeader = "line,id,status,per_capita,below_standard,below_monitoring_line,tier,guarantees,reasons"

// GuaranteeColumns are the optional columns that may follow the CSV schema
// ([gen.CSVHeader]): the household's two assurances and three guarantees
// and drinking water, each a poverty.GuaranteeState word ("secured",
// "not_secured", "unverified"; empty is unverified). SevereColumn
// ("true" or "false") may follow them: a guarantee lost after a severe
// event (risk.Assessment.SevereGuaranteeFailure). Without these columns
// the guarantees are not assessed, and the results say so.
const (
	GuaranteeColumns = "food,clothing,education,medical,housing,drinking_water"
	SevereColumn     = "severe_then_lost"
)

// numGuaranteeColumns is the number of columns in GuaranteeColumns.
const numGuaranteeColumns = 6

// maxColumns is the most columns a CSV record may have: the schema, the
// guarantees and the severe flag.
const maxColumns = gen.CSVColumns + numGuaranteeColumns + 1

// csvColumns returns the number of columns of a CSV header line: the
// schema alone, with the guarantee columns, or with them and the severe
// column; 0 for any other header.
func csvColumns(header string) int {
	switch header {
	case gen.CSVHeader:
		return gen.CSVColumns
	case gen.CSVHeader + "," + GuaranteeColumns:
		return gen.CSVColumns + numGuaranteeColumns
	case gen.CSVHeader + "," + GuaranteeColumns + "," + SevereColumn:
		return maxColumns
	}
	return 0
}

// RejectHeader is the header of the rejects file: one line a rejected
// record, with its line number, the field at fault and the reason.
const RejectHeader = "line,id,field,reason"

// settings are the policy choices of a run, shared read-only by workers.
type settings struct {
	table    *poverty.Table
	boundary poverty.Boundary
	opts     poverty.LookupOptions
	schemes  risk.Schemes // colour-tier schemes; the one in force for a record's province and year applies
}

// linesKey is what the lines depend on.
type linesKey struct {
	year   int
	region poverty.Region
}

// linesEntry is a cached lookup, error included (a year with no line
// rejects every record of that year with the same reason).
type linesEntry struct {
	key   linesKey
	lines poverty.Lines
	err   error
	// The colour-tier scheme in force (nil: none), resolved once for the
	// line and each income concept on first use (risk.Scheme.Tiering): the
	// library's fast path, so records are tiered without re-validation.
	scheme   *risk.Scheme
	tiers    [4]risk.Tiering // by income concept
	tierErr  [4]error
	resolved [4]bool
}

// tiering returns the scheme resolved for incomes of concept c.
func (e *linesEntry) tiering(c poverty.IncomeConcept) (*risk.Tiering, error) {
	if int(c) >= len(e.tiers) {
		return nil, poverty.ErrConceptMismatch
	}
	if !e.resolved[c] {
		e.tiers[c], e.tierErr[c] = e.scheme.Tiering(&e.lines.Monitoring, c)
		e.resolved[c] = true
	}
	return &e.tiers[c], e.tierErr[c]
}

// assessorBase is the per-worker state shared by both input formats: the
// household being filled (its members slice reused) and the cache of
// lines by year and region.
type assessorBase struct {
	set   *settings
	hh    poverty.Household
	cache []linesEntry
	// residents is the resident count of a CSV record (its members are
	// not filled in); -1 for a JSON record, classified from its members.
	residents int
	// The record's guarantees when it has them (assessed), and whether a
	// guarantee was lost after a severe event.
	g        poverty.Guarantees
	assessed bool
	severe   bool
}

func (a *assessorBase) lines(year int, region poverty.Region) (*linesEntry, error) {
	k := linesKey{year, region}
	for i := range a.cache {
		if a.cache[i].key == k {
			return &a.cache[i], a.cache[i].err
		}
	}
	e := linesEntry{key: k}
	e.lines, e.err = a.set.table.LinesFor(year, region, a.set.boundary, a.set.opts)
	if e.err == nil {
		if s, ok := a.set.schemes.For(region, year); ok {
			e.scheme = &s
		}
	}
	a.cache = append(a.cache, e)
	return &a.cache[len(a.cache)-1], e.err
}

// classify assesses a.hh and appends its result line, or rejects it.
func (a *assessorBase) classify(c *chunk, lineNo int) {
	h := &a.hh
	e, err := a.lines(h.Year, h.Province())
	if err != nil {
		reject(c, lineNo, h.ID, "year", err)
		return
	}
	var cl poverty.Classification
	if a.residents >= 0 {
		// The library's fast path: counts and income, no member records.
		cl, err = poverty.ClassifyIncome(h.Year, h.Registration, a.residents, h.Income, h.Concept, &e.lines)
	} else {
		cl, err = poverty.Classify(h, &e.lines)
	}
	if err != nil {
		reject(c, lineNo, h.ID, "", err)
		return
	}
	var gp *poverty.Guarantees // nil: not assessed
	if a.assessed {
		gp = &a.g
	}
	var tier risk.Tier
	var code string
	if e.scheme != nil {
		t, err := e.tiering(cl.PerCapita.Concept)
		if err != nil {
			reject(c, lineNo, h.ID, "concept", err)
			return
		}
		tier, code = t.TierWithGuarantees(cl.PerCapita.Amount, a.severe, gp)
	}
	b := strconv.AppendInt(c.out, int64(lineNo), 10)
	b = append(b, ',')
	b = appendID(b, h.ID)
	b = append(b, ',')
	b = append(b, cl.Status.String()...)
	b = append(b, ',')
	b = cl.PerCapita.Amount.Append(b)
	b = append(b, ',')
	b = strconv.AppendBool(b, cl.BelowStandard)
	b = append(b, ',')
	b = strconv.AppendBool(b, cl.BelowLine)
	b = append(b, ',')
	if e.scheme != nil {
		b = append(b, tier.String()...)
	}
	b = append(b, ',')
	b = appendGuarantees(b, gp)
	b = append(b, ",status."...)
	b = append(b, cl.Status.String()...)
	if e.scheme != nil {
		b = append(b, ';')
		b = append(b, code...)
	}
	c.out = append(b, '\n')
	c.accepted++
	if a.assessed {
		c.guaranteed++
	}
}

// appendGuarantees writes the guarantees column: "not_assessed" (nil),
// "secured" (every item verified secured), or the items that are not,
// with their state: "housing=not_secured;drinking_water=unverified".
func appendGuarantees(b []byte, g *poverty.Guarantees) []byte {
	if g == nil {
		return append(b, "not_assessed"...)
	}
	if *g == poverty.AllSecured() {
		return append(b, "secured"...)
	}
	items := [...]struct {
		name  string
		state poverty.GuaranteeState
	}{{"food", g.Food}, {"clothing", g.Clothing}, {"education", g.Education}, {"medical", g.Medical}, {"housing", g.Housing}, {"drinking_water", g.DrinkingWater}}
	sep := false
	for _, it := range items {
		if it.state == poverty.Secured {
			continue
		}
		if sep {
			b = append(b, ';')
		}
		b = append(b, it.name...)
		b = append(b, '=')
		b = append(b, it.state.String()...)
		sep = true
	}
	return b
}

// reject records a rejected record: a reject line naming the field and the
// reason, and a "rejected" result line in its place among the results.
func reject(c *chunk, lineNo int, id, field string, err error) {
	var fe *poverty.FieldError
	if errors.As(err, &fe) {
		if field == "" {
			field = fe.Field
		}
		if fe.Record == "" && fe == err {
			// poverty.ClassifyIncome leaves the record to its caller.
			named := *fe
			named.Record = id
			err = &named
		}
	}
	c.rej = appendReject(c.rej, lineNo, id, field, poverty.MaskIDsIn(err.Error()))
	c.out = appendRejectedResult(c.out, lineNo, id, field)
	c.rejected++
}

func appendReject(b []byte, lineNo int, id, field, reason string) []byte {
	b = strconv.AppendInt(b, int64(lineNo), 10)
	b = append(b, ',')
	b = appendID(b, id)
	b = append(b, ',')
	b = appendCSVField(b, field)
	b = append(b, ',')
	b = appendCSVField(b, reason)
	return append(b, '\n')
}

func appendRejectedResult(b []byte, lineNo int, id, field string) []byte {
	b = strconv.AppendInt(b, int64(lineNo), 10)
	b = append(b, ',')
	b = appendID(b, id)
	b = append(b, ",rejected,,,,,,rejected."...)
	if field == "" {
		field = "record"
	}
	b = appendCSVField(b, field)
	return append(b, '\n')
}

// appendID writes a household identifier (a key that holds an identity
// number is rejected, and written masked like every field).
func appendID(b []byte, id string) []byte {
	return appendCSVField(b, id)
}

// appendCSVField writes s, quoted as RFC 4180 requires when it holds a
// comma, quote or line break. It is the one way text reaches the results
// and rejects files, and the boundary rule of the program: any run that
// looks like an identity number is masked (poverty.MaskIDsIn), whatever
// field or reason carries it. It does not allocate when there is nothing
// to mask.
func appendCSVField(b []byte, s string) []byte {
	s = poverty.MaskIDsIn(s)
	if !strings.ContainsAny(s, ",\"\r\n") {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// csvAssessor reads the CSV schema of [gen.CSVHeader], optionally followed
// by [GuaranteeColumns] and [SevereColumn].
type csvAssessor struct {
	assessorBase
	cols   int // columns of a record: csvColumns of the header
	header string
	fields [maxColumns][]byte
}

// newCSVAssessor returns an assessor of records with cols columns
// (csvColumns of the file's header).
func newCSVAssessor(s *settings, cols int) assessor {
	return &csvAssessor{assessorBase: assessorBase{set: s}, cols: cols, header: strings.Join(columnNames[:cols], ",")}
}

// maxMembers is the largest household the CSV schema accepts.
const maxMembers = 100

// str views b as a string without copying. The view is valid while the
// chunk holding b is being assessed: everything that keeps a string
// (results, reject reasons) is formatted into the chunk's own buffers
// before the chunk is reused.
func str(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

var columnNames = strings.Split(gen.CSVHeader+","+GuaranteeColumns+","+SevereColumn, ",")

func (a *csvAssessor) assess(c *chunk, line []byte, lineNo int) {
	// Split on commas in one pass; the schema has no quoted fields.
	n, start, quoted := 0, 0, false
	var high byte // the bits of every byte: >= 0x80 when one is not ASCII
	for i, ch := range line {
		high |= ch
		switch ch {
		case ',':
			if n < a.cols {
				a.fields[n] = line[start:i]
			}
			n++
			start = i + 1
		case '"':
			quoted = true
		}
	}
	if n < a.cols {
		a.fields[n] = line[start:]
	}
	n++
	cols := n
	if n > a.cols {
		n = a.cols // the fields kept
	}
	id := str(a.fields[0])
	if high >= utf8.RuneSelf {
		// The input is UTF-8: a field that is not is rejected by name, and
		// no byte of it is copied to the output.
		for k := range n {
			if !utf8.Valid(a.fields[k]) {
				if k == 0 {
					id = ""
				}
				reject(c, lineNo, id, columnNames[k], &poverty.FieldError{Op: "batch", Record: id, Field: columnNames[k], Err: errNotUTF8})
				return
			}
		}
	}
	if cols != a.cols || len(line) == 0 {
		msg := "empty line"
		if len(line) > 0 {
			msg = strconv.Itoa(cols) + " fields, want " + strconv.Itoa(a.cols) + " (" + a.header + ")"
		}
		reject(c, lineNo, id, "record", errors.New(msg))
		return
	}
	if quoted {
		reject(c, lineNo, id, "record", errors.New("quoted fields are not part of the schema"))
		return
	}
	if fe := a.fill(); fe != nil {
		reject(c, lineNo, id, fe.Field, fe)
		return
	}
	a.classify(c, lineNo)
}

// fill parses the fields into a.hh.
func (a *csvAssessor) fill() *poverty.FieldError {
	f := &a.fields
	h := &a.hh
	if len(f[0]) == 0 {
		return a.bad(0, poverty.ErrMissing)
	}
	if isIdentityKey(str(f[0])) {
		return a.badKey()
	}
	h.ID = str(f[0])
	county, ok := atoi(f[1])
	if !ok || !poverty.County(county).IsValid() {
		return a.bad(1, poverty.ErrUnknownRegion)
	}
	h.County, h.Region = poverty.County(county), poverty.County(county).Province()
	year, ok := atoi(f[2])
	if !ok || year < 1985 || year > 2100 {
		return a.bad(2, poverty.ErrRange)
	}
	h.Year = year
	switch string(f[3]) {
	case "net_income":
		h.Concept = poverty.NetIncome
	case "disposable_income":
		h.Concept = poverty.DisposableIncome
	case "not_stated":
		h.Concept = poverty.ConceptNotStated
	default:
		return a.bad(3, poverty.ErrUnknownWord)
	}
	members, ok1 := atoi(f[4])
	residents, ok2 := atoi(f[5])
	workers, ok3 := atoi(f[6])
	switch {
	case !ok1 || members < 1 || members > maxMembers:
		return a.bad(4, poverty.ErrRange)
	case !ok2 || residents > members:
		return a.bad(5, errors.New("out of range (1 to members)"))
	case residents < 1:
		return a.bad(5, poverty.ErrNoResidents)
	case !ok3 || workers > residents:
		return a.bad(6, errors.New("out of range (0 to residents)"))
	}
	// Status needs only the resident count (poverty.ClassifyIncome): no
	// member records are built.
	a.residents = residents
	in := &h.Income
	for k, dst := range [...]*poverty.Money{&in.Wage, &in.OperatingIncome, &in.OperatingCosts, &in.Depreciation,
		&in.ProductionTaxes, &in.Property, &in.TransferIncome, &in.TransferSpending} {
		m, err := poverty.ParseMoney(str(f[7+k]))
		if err != nil {
			return a.bad(7+k, err)
		}
		// Net property income may be negative; the rest may not.
		if m < 0 && k != 5 {
			return a.bad(7+k, poverty.ErrNegative)
		}
		*dst = m
	}
	for k, dst := range [...]*int{&h.Registration.Registered, &h.Registration.Exited, &h.Registration.Returned} {
		y, ok := atoi(f[15+k])
		if !ok || (y != 0 && (y < 1985 || y > 2100)) {
			return a.bad(15+k, poverty.ErrRange)
		}
		*dst = y
	}
	r := h.Registration
	if (r.Exited != 0 && (r.Registered == 0 || r.Exited < r.Registered)) || (r.Returned != 0 && r.Returned < r.Exited) || (r.Returned != 0 && r.Exited == 0) {
		return a.bad(16, errOrder)
	}
	a.assessed, a.severe = false, false
	if a.cols == gen.CSVColumns {
		return nil // no guarantee columns: not assessed
	}
	g := &a.g
	for k, dst := range [...]*poverty.GuaranteeState{&g.Food, &g.Clothing, &g.Education, &g.Medical, &g.Housing, &g.DrinkingWater} {
		switch string(f[gen.CSVColumns+k]) {
		case "secured":
			*dst = poverty.Secured
		case "not_secured":
			*dst = poverty.NotSecured
		case "unverified", "":
			*dst = poverty.Unverified
		default:
			return a.bad(gen.CSVColumns+k, errGuaranteeWord)
		}
	}
	a.assessed = true
	if a.cols == maxColumns {
		switch string(f[maxColumns-1]) {
		case "true":
			a.severe = true
		case "false":
		default:
			return a.bad(maxColumns-1, errSevereWord)
		}
	}
	return nil
}

// errGuaranteeWord and errSevereWord reject a value of a guarantee column
// or of the severe column.
var (
	errGuaranteeWord = fmt.Errorf("%w (want secured, not_secured, unverified or empty)", poverty.ErrUnknownWord)
	errSevereWord    = fmt.Errorf("%w (want true or false)", poverty.ErrUnknownWord)
)

var errOrder = errors.New("registration years out of order (want registered <= exited <= returned)")

// bad returns the error for column k. Its strings view the input line:
// the caller formats it before the chunk is reused.
func (a *csvAssessor) bad(k int, err error) *poverty.FieldError {
	var pe *poverty.ParseError
	if errors.As(err, &pe) {
		err = pe.Err // the value is already in the FieldError
	}
	return &poverty.FieldError{Op: "batch", Record: str(a.fields[0]), Field: columnNames[k], Value: str(a.fields[k]), Err: err}
}

// errNotUTF8 rejects a field that is not valid UTF-8 (the input is).
var errNotUTF8 = errors.New("not valid UTF-8")

// errIdentityKey rejects a household key that looks like a resident
// identity number, as package children refuses such keys
// (children.ErrIdentityKey): a key is an identifier of the register, and
// masking it would make two different numbers collide on one key.
var errIdentityKey = errors.New("household key looks like an identity number; use the register's household key")

// isIdentityKey reports whether a key holds what looks like an identity
// number: a run of 14 or more digits and Xs, the rule of
// poverty.MaskIDsIn. It does not allocate when the key holds none.
func isIdentityKey(s string) bool { return poverty.MaskIDsIn(s) != s }

// badKey rejects the record's key without repeating it (it is an identity
// number): the record is named by its masked key.
func (a *csvAssessor) badKey() *poverty.FieldError {
	return &poverty.FieldError{Op: "batch", Record: poverty.MaskIDsIn(str(a.fields[0])), Field: columnNames[0], Err: errIdentityKey}
}

// ascii reports whether b holds only ASCII bytes (then it is valid UTF-8).
func ascii(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// atoi parses a non-negative decimal integer of at most 9 digits.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// jsonAssessor reads JSON Lines: one [jsonRecord] a line, decoded
// strictly (unknown fields rejected, one value a line).
type jsonAssessor struct {
	assessorBase
	rd  bytes.Reader
	rec jsonRecord
}

// jsonRecord is one line of JSON Lines input: a [poverty.Household] with,
// optionally, its guarantees (a poverty.Guarantees object; absent or null:
// not assessed) and whether a guarantee was lost after a severe event.
type jsonRecord struct {
	poverty.Household
	Guarantees     *jsonGuarantees `json:"guarantees,omitempty"`
	SevereThenLost bool            `json:"severe_then_lost,omitempty"`
}

// jsonGuarantees decodes a poverty.Guarantees object strictly, and names
// the member at fault ("guarantees.housing") in a *poverty.FieldError.
type jsonGuarantees poverty.Guarantees

// guaranteeMembers are the members of a guarantees object.
var guaranteeMembers = strings.Split(GuaranteeColumns, ",")

// UnmarshalJSON implements [json.Unmarshaler].
func (g *jsonGuarantees) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var v poverty.Guarantees
	err := dec.Decode(&v)
	if err == nil {
		*g = jsonGuarantees(v)
		return nil
	}
	fe := &poverty.FieldError{Op: "batch", Field: "guarantees", Err: err}
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) == nil {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			var st poverty.GuaranteeState
			if !slices.Contains(guaranteeMembers, k) {
				fe.Field, fe.Err = "guarantees."+k, fmt.Errorf("%w: unknown member (want %s)", poverty.ErrUnknownWord, GuaranteeColumns)
				break
			}
			if err := json.Unmarshal(m[k], &st); err != nil {
				fe.Field, fe.Value, fe.Err = "guarantees."+k, strings.Trim(string(m[k]), `"`), errGuaranteeWord
				break
			}
		}
	}
	return fe
}

func newJSONAssessor(s *settings) assessor {
	return &jsonAssessor{assessorBase: assessorBase{set: s, residents: -1}}
}

func (a *jsonAssessor) assess(c *chunk, line []byte, lineNo int) {
	a.rec = jsonRecord{}
	a.hh = poverty.Household{}
	if !ascii(line) && !utf8.Valid(line) {
		// encoding/json would replace the bytes with U+FFFD: reject instead.
		reject(c, lineNo, "", "record", fmt.Errorf("byte %d: %w", firstInvalid(line)+1, errNotUTF8))
		return
	}
	a.rd.Reset(line)
	dec := json.NewDecoder(&a.rd)
	dec.DisallowUnknownFields()
	err := dec.Decode(&a.rec)
	a.hh = a.rec.Household
	if err != nil {
		reject(c, lineNo, a.hh.ID, jsonField(err), err)
		return
	}
	a.assessed, a.severe = a.rec.Guarantees != nil, a.rec.SevereThenLost
	if a.assessed {
		a.g = poverty.Guarantees(*a.rec.Guarantees)
	}
	if dec.More() {
		reject(c, lineNo, a.hh.ID, "", errors.New("more than one JSON value on the line"))
		return
	}
	if isIdentityKey(a.hh.ID) {
		reject(c, lineNo, a.hh.ID, "id", &poverty.FieldError{Op: "batch", Record: poverty.MaskIDsIn(a.hh.ID), Field: "id", Err: errIdentityKey})
		return
	}
	if err := a.hh.Validate(); err != nil {
		reject(c, lineNo, a.hh.ID, "", err)
		return
	}
	a.classify(c, lineNo)
}

// firstInvalid returns the offset of the first byte of b that does not
// start a valid UTF-8 sequence.
func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// jsonField names the field a JSON decoding error is about, where the
// decoder says.
func jsonField(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return te.Field
	}
	if s := err.Error(); strings.HasPrefix(s, "json: unknown field ") {
		return strings.Trim(strings.TrimPrefix(s, "json: unknown field "), `"`)
	}
	return ""
}
