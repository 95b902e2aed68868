package pipeline

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/metrics"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local paths and globs
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// The pipeline:
//
//	parameter files --(read once, validated)--> Policy ---------------(side input)----+
//	household files --read, key--> (key, Record) --+                                  |
//	                                               +-- CoGroupByKey --> assess -------+--> results.jsonl
//	event feeds -----read, key--> (key, Record) ---+                      |  \
//	                                                                      |   +--> (county/year, CountyTotals) -- CombinePerKey --> counties.jsonl
//	rejects of every stage ---------------------------------------------- +--> deadletter.jsonl
//
// Counters (namespace "fupin"): households.read/accepted/rejected and
// events.read/accepted/rejected; read = accepted + rejected for each.

// Counter names, in namespace [CounterNamespace].
const (
	CounterNamespace   = "fupin"
	HouseholdsRead     = "households.read"
	HouseholdsAccepted = "households.accepted"
	HouseholdsRejected = "households.rejected"
	EventsRead         = "events.read"
	EventsAccepted     = "events.accepted"
	EventsRejected     = "events.rejected"
)

var (
	hhRead     = beam.NewCounter(CounterNamespace, HouseholdsRead)
	hhAccepted = beam.NewCounter(CounterNamespace, HouseholdsAccepted)
	hhRejected = beam.NewCounter(CounterNamespace, HouseholdsRejected)
	evRead     = beam.NewCounter(CounterNamespace, EventsRead)
	evAccepted = beam.NewCounter(CounterNamespace, EventsAccepted)
	evRejected = beam.NewCounter(CounterNamespace, EventsRejected)
)

// Counts are the totals of a run, from the pipeline's counters.
type Counts struct {
	HouseholdsRead, HouseholdsAccepted, HouseholdsRejected int64
	EventsRead, EventsAccepted, EventsRejected             int64
}

// Check returns an error unless read = accepted + rejected for households
// and for events.
func (c Counts) Check() error {
	var errs []error
	if c.HouseholdsRead != c.HouseholdsAccepted+c.HouseholdsRejected {
		errs = append(errs, fmt.Errorf("households: read %d != accepted %d + rejected %d", c.HouseholdsRead, c.HouseholdsAccepted, c.HouseholdsRejected))
	}
	if c.EventsRead != c.EventsAccepted+c.EventsRejected {
		errs = append(errs, fmt.Errorf("events: read %d != accepted %d + rejected %d", c.EventsRead, c.EventsAccepted, c.EventsRejected))
	}
	return errors.Join(errs...)
}

// CountsOf sums the pipeline's counters over its steps.
func CountsOf(r metrics.QueryResults) Counts {
	var c Counts
	for _, m := range r.Counters() {
		if m.Namespace() != CounterNamespace {
			continue
		}
		dst := map[string]*int64{HouseholdsRead: &c.HouseholdsRead, HouseholdsAccepted: &c.HouseholdsAccepted, HouseholdsRejected: &c.HouseholdsRejected,
			EventsRead: &c.EventsRead, EventsAccepted: &c.EventsAccepted, EventsRejected: &c.EventsRejected}[m.Name()]
		if dst != nil {
			*dst += m.Result()
		}
	}
	return c
}

// Inputs names what a run reads: globs of household files (.csv, .jsonl
// or .ndjson, optionally .gz), globs of event feeds (.jsonl), and parameter
// files of each kind, overlaid in the order given on the embedded data.
type Inputs struct {
	Households []string
	Events     []string
	Thresholds []string // poverty.LoadTable schema
	Tiers      []string // risk.LoadSchemes schema
	Params     []string // risk.LoadParams schema
}

// Outputs are the pipeline's collections, each of JSON lines.
type Outputs struct {
	Results     beam.PCollection // one Result a household
	Counties    beam.PCollection // one CountyReport a county and year
	DeadLetters beam.PCollection // one DeadLetter a rejected record
}

// Build adds the pipeline to s.
func Build(s beam.Scope, in Inputs, set Settings) Outputs {
	s = s.Scope("fupin")
	pol := beam.ParDo(s.Scope("parameters"), &paramsFn{Thresholds: in.Thresholds, Tiers: in.Tiers, Params: in.Params, Settings: set}, beam.Impulse(s))

	hhFiles := fileio.ReadMatches(s, fileio.MatchAll(s, beam.Create(s, toAny(in.Households)...), fileio.MatchEmptyDisallow()))
	households, hhDead := beam.ParDo2(s.Scope("households"), &readFn{Input: "households"}, hhFiles)
	var events, evDead beam.PCollection
	if len(in.Events) > 0 {
		evFiles := fileio.ReadMatches(s, fileio.MatchAll(s, beam.Create(s, toAny(in.Events)...), fileio.MatchEmptyDisallow()))
		events, evDead = beam.ParDo2(s.Scope("events"), &readFn{Input: "events"}, evFiles)
	} else {
		// No feed: an empty keyed collection, so the join is the same.
		events = beam.ParDo(s, keyRecord, beam.CreateList(s, []Record{}))
		evDead = beam.CreateList(s, []string{})
	}

	joined := beam.CoGroupByKey(s, households, events)
	outs := beam.ParDoN(s.Scope("assess"), &joinFn{Settings: set}, joined, beam.SideInput{Input: pol})
	results, parts, joinDead := outs[0], outs[1], outs[2]
	totals := beam.CombinePerKey(s.Scope("counties"), &countyCombineFn{}, parts)
	counties := beam.ParDo(s.Scope("counties"), &countyFn{Settings: set}, totals, beam.SideInput{Input: pol})
	return Outputs{Results: results, Counties: counties, DeadLetters: beam.Flatten(s, hhDead, evDead, joinDead)}
}

// Write adds the writes of the outputs to files under prefix:
// prefix+"results.jsonl", prefix+"counties.jsonl" and
// prefix+"deadletter.jsonl" (textio.Write: one file each, lines in no
// particular order; a collection with no line writes no file, so the
// command creates the three files empty first).
func Write(s beam.Scope, prefix string, o Outputs) {
	textio.Write(s, prefix+"results.jsonl", o.Results)
	textio.Write(s, prefix+"counties.jsonl", o.Counties)
	textio.Write(s, prefix+"deadletter.jsonl", o.DeadLetters)
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func init() {
	register.DoFn3x1[context.Context, []byte, func(Policy), error](&paramsFn{})
	register.DoFn4x1[context.Context, fileio.ReadableFile, func(string, Record), func(string), error](&readFn{})
	register.DoFn8x1[context.Context, string, func(*Record) bool, func(*Record) bool, Policy, func(string), func(string, CountyPart), func(string), error](&joinFn{})
	register.DoFn4x2[context.Context, string, CountyTotals, Policy, string, error](&countyFn{})
	register.Combiner3[CountyTotals, CountyPart, CountyTotals](&countyCombineFn{})
	register.Emitter1[Policy]()
	register.Emitter1[string]()
	register.Emitter2[string, Record]()
	register.Emitter2[string, CountyPart]()
	register.Iter1[Record]()
	register.Function1x2[Record, string, Record](keyRecord)
}

// keyRecord keys a record by its source (used only to type an empty
// collection).
func keyRecord(r Record) (string, Record) { return r.Source, r }

// paramsFn reads the parameter files once, checks that they load and
// overlay (a file that does not fails the run, naming it), and emits them
// as the one Policy every worker reads.
type paramsFn struct {
	Thresholds, Tiers, Params []string
	Settings                  Settings
}

// ProcessElement reads the files of the impulse.
func (fn *paramsFn) ProcessElement(ctx context.Context, _ []byte, emit func(Policy)) error {
	var p Policy
	for _, k := range []struct {
		kind  string
		paths []string
	}{{"thresholds", fn.Thresholds}, {"tiers", fn.Tiers}, {"params", fn.Params}} {
		for _, path := range k.paths {
			b, err := readFile(ctx, path)
			if err != nil {
				return fmt.Errorf("%s file %s: %w", k.kind, poverty.MaskIDsIn(path), err)
			}
			p.Files = append(p.Files, ParamFile{Kind: k.kind, Name: path, Data: b})
		}
	}
	if _, err := resolve(p, fn.Settings); err != nil {
		return err
	}
	emit(p)
	return nil
}

// readFile reads a whole file through Beam's filesystems (local, gs://).
func readFile(ctx context.Context, path string) ([]byte, error) {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(io.LimitReader(r, 64<<20))
}

// readFn reads one file line by line and keys each record by its
// household; a line that names no usable key goes to the dead letters.
// One file is read by one worker: shard large inputs (cmd/generate does).
type readFn struct {
	Input string // "households" or "events"
	def   deflater
}

// ProcessElement reads the file.
func (fn *readFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emit func(string, Record), dead func(string)) error {
	name := file.Metadata.Path
	var format int8 = FormatEvent
	if fn.Input == "households" {
		f, err := formatOf(name)
		if err != nil {
			return err
		}
		format = f
	}
	rc, err := file.Open(ctx)
	if err != nil {
		return err
	}
	defer rc.Close()
	read, rejected := hhRead, hhRejected
	if fn.Input == "events" {
		read, rejected = evRead, evRejected
	}
	var headerErr error
	return eachLine(rc, func(n int64, line []byte, tooLong bool) {
		if n == 1 && format == FormatCSV {
			if string(line) == gen.CSVHeader {
				return // the header is not a record
			}
			// Without the schema's header no column can be trusted: every
			// line of the file is rejected, this one included.
			headerErr = fmt.Errorf("file %s does not start with the header %q", poverty.MaskIDsIn(name), gen.CSVHeader)
		}
		read.Inc(ctx, 1)
		r := Record{Source: name, Line: n, Format: format}
		var key string
		var rerr *recordError
		switch {
		case headerErr != nil:
			rerr = &recordError{Field: "header", Err: headerErr}
		case tooLong:
			rerr = &recordError{Field: "record", Err: fmt.Errorf("line longer than %d bytes", maxLine)}
		default:
			key, rerr = recordKey(format, line)
		}
		if rerr != nil {
			rejected.Inc(ctx, 1)
			dead(deadLetter(fn.Input, &r, rerr.Key, rerr.Field, rerr))
			return
		}
		r.Raw = slices.Clone(line)
		if format == FormatJSONL && len(line) > deflateOver {
			b, err := fn.def.deflate(line)
			if err == nil {
				r.Raw, r.Deflated = b, true
			} // else: carried as read
		}
		emit(key, r)
	})
}

// recordKey returns the household key of a line. Household lines are
// checked only as far as the key (the join decodes them whole); event
// lines are decoded whole, so that a bad event is rejected where it is
// read.
func recordKey(format int8, line []byte) (string, *recordError) {
	switch format {
	case FormatCSV:
		key, _, _ := strings.Cut(string(line), ",")
		switch {
		case key == "":
			return "", &recordError{Field: "id", Err: poverty.ErrMissing}
		case isIdentityKey(key):
			return key, &recordError{Key: key, Field: "id", Err: errIdentityKey}
		}
		return key, nil
	case FormatJSONL:
		var k struct {
			ID string `json:"id"`
		}
		if err := decodeKey(line, &k); err != nil {
			return "", &recordError{Field: jsonField(err), Err: err}
		}
		switch {
		case k.ID == "":
			return "", &recordError{Field: "id", Err: poverty.ErrMissing}
		case isIdentityKey(k.ID):
			return k.ID, &recordError{Key: k.ID, Field: "id", Err: errIdentityKey}
		}
		return k.ID, nil
	}
	key, _, rerr := decodeEvent(line)
	return key, rerr
}

// decodeKey reads the key of a JSON line (other fields are checked after
// the join).
func decodeKey(line []byte, v any) error {
	if err := json.Unmarshal(line, v); err != nil {
		return err
	}
	return nil
}

// eachLine calls f for every line of r with its number from 1, without the
// line ending; a line longer than maxLine is skipped and reported with
// tooLong.
func eachLine(r io.Reader, f func(n int64, line []byte, tooLong bool)) error {
	br := bufio.NewReaderSize(r, 1<<20)
	var n int64
	var long []byte
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			if !tooLong {
				long = append(long, chunk...)
				if len(long) > maxLine {
					tooLong, long = true, long[:0]
				}
			}
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		if len(chunk) > 0 || len(long) > 0 || tooLong {
			n++
			line := chunk
			if len(long) > 0 {
				long = append(long, chunk...)
				line = long
			}
			line = trimEOL(line)
			if !tooLong && len(line) > maxLine {
				tooLong = true
			}
			f(n, line, tooLong)
			long, tooLong = long[:0], false
		}
		if err != nil {
			return nil
		}
	}
}

func trimEOL(b []byte) []byte {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		b = b[:len(b)-1]
	}
	if len(b) > 0 && b[len(b)-1] == '\r' {
		b = b[:len(b)-1]
	}
	return b
}

// joinFn assesses each household with its events: one key of the join.
type joinFn struct {
	Settings Settings
	pol      *policy // resolved from the side input on first use
	inf      inflater
}

// ProcessElement handles one household key: its household records (one
// is accepted; none or several reject everything under the key) and its
// events.
func (fn *joinFn) ProcessElement(ctx context.Context, key string, hhIter, evIter func(*Record) bool, pol Policy,
	result func(string), county func(string, CountyPart), dead func(string)) error {
	if fn.pol == nil {
		p, err := resolve(pol, fn.Settings)
		if err != nil {
			return err
		}
		fn.pol = p
	}
	var hh, ev []Record
	var r Record
	for hhIter(&r) {
		hh = append(hh, r)
	}
	for evIter(&r) {
		ev = append(ev, r)
	}
	// The events of a household in the order of their feeds (file, then
	// line): the join delivers them in no order.
	slices.SortFunc(ev, func(a, b Record) int {
		if c := strings.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		return int(a.Line - b.Line)
	})
	rejectEvents := func(field string, err error) {
		for i := range ev {
			evRejected.Inc(ctx, 1)
			dead(deadLetter("events", &ev[i], key, field, err))
		}
	}
	switch len(hh) {
	case 0:
		rejectEvents("household", errors.New("no household with this key in the households input (or its record was rejected when read)"))
		return nil
	case 1:
	default:
		slices.SortFunc(hh, func(a, b Record) int { return strings.Compare(a.where(), b.where()) })
		var at []string
		for i := range hh {
			at = append(at, hh[i].where())
		}
		err := fmt.Errorf("household key appears %d times (%s): none is assessed", len(hh), strings.Join(at, ", "))
		for i := range hh {
			hhRejected.Inc(ctx, 1)
			dead(deadLetter("households", &hh[i], key, "id", err))
		}
		rejectEvents("household", fmt.Errorf("household key rejected: %w", err))
		return nil
	}
	h, residents, rerr := decodeRecord(&hh[0], &fn.inf)
	if rerr == nil && h.ID != key {
		rerr = &recordError{Key: h.ID, Field: "id", Err: fmt.Errorf("key %q read as %q", poverty.MaskIDsIn(key), poverty.MaskIDsIn(h.ID))}
	}
	if rerr != nil {
		hhRejected.Inc(ctx, 1)
		dead(deadLetter("households", &hh[0], key, rerr.Field, rerr))
		rejectEvents("household", fmt.Errorf("household record %s rejected: %s", hh[0].where(), rerr.Field))
		return nil
	}
	events := make([]risk.Event, 0, len(ev))
	kept := ev[:0:0]
	for i := range ev {
		_, e, err := decodeEvent(ev[i].Raw)
		if err != nil {
			evRejected.Inc(ctx, 1)
			dead(deadLetter("events", &ev[i], key, err.Field, err))
			continue
		}
		events = append(events, e)
		kept = append(kept, ev[i])
	}
	for {
		res, err := assessHousehold(fn.pol, &h, residents, events)
		var er *eventRejected
		if errors.As(err, &er) {
			// The library refused one event: it goes to the dead letters,
			// and the household is assessed without it.
			evRejected.Inc(ctx, 1)
			dead(deadLetter("events", &kept[er.index], key, "event."+jsonField(er.err), er.err))
			events = slices.Delete(events, er.index, er.index+1)
			kept = slices.Delete(kept, er.index, er.index+1)
			continue
		}
		if err != nil {
			var re *recordError
			if !errors.As(err, &re) {
				re = &recordError{Key: key, Field: "record", Err: err}
			}
			hhRejected.Inc(ctx, 1)
			dead(deadLetter("households", &hh[0], key, re.Field, re))
			rejectEvents("household", fmt.Errorf("household record %s rejected: %s", hh[0].where(), re.Field))
			return nil
		}
		res.Source = hh[0].where()
		b, err := json.Marshal(res)
		if err != nil {
			return err
		}
		hhAccepted.Inc(ctx, 1)
		evAccepted.Inc(ctx, int64(len(kept)))
		result(string(b))
		county(h.County.String()+"/"+strconv.Itoa(h.Year), countyPart(&res, h.Registration.Registered != 0))
		return nil
	}
}
