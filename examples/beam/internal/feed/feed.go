// Package feed writes a synthetic province for the Beam pipeline: the
// households of internal/gen's generator, in sharded files of the batch
// example's CSV schema or of JSON Lines of poverty.Household, and the
// matching department feeds as JSON Lines of keyed risk events (the schema
// of [EventLine]).
//
// Household i of the population goes to household shard i*shards/n (runs of
// neighbouring households, as a county's register is exported), its events
// to event shard i mod shards (a department's feed is not ordered by the
// register), so that the pipeline's join has real work to do. Every file is
// written by its own goroutine; the same [Config] gives the same bytes.
//
// The records are synthetic (internal/gen's calibration, documented in
// internal/gen/calibration.md): EXAMPLE data, never figures about a real
// place.
package feed

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// EventLine is one line of a department feed: the household's key in the
// register and one event in the schema of package risk (a flat object
// tagged by "type", decoded strictly by [risk.Event.UnmarshalJSON]). The
// risk package's events carry no household key, so a feed keys them with
// this envelope.
type EventLine struct {
	Household string          `json:"household"`
	Event     json.RawMessage `json:"event"`
}

// Format is the file format of the household shards.
type Format string

// The household formats.
const (
	CSV   Format = "csv"   // the batch example's CSV schema (gen.CSVHeader): counts and income, no members or monthly incomes
	JSONL Format = "jsonl" // one poverty.Household a line, with members and monthly incomes
)

// Config says what to write.
type Config struct {
	// Gen is the population (seed, size, province, year).
	Gen gen.Config
	// Shards is the number of household files and of event files (at least 1).
	Shards int
	// Dir is the directory the files are written to; it is created.
	Dir string
	// Format is the household format; "" is JSONL.
	Format Format
	// CSVShards, with JSONL, writes the first CSVShards household shards as
	// CSV instead: an input that mixes both formats.
	CSVShards int
}

// Files are the paths written.
type Files struct {
	Households []string
	Events     []string
	// HouseholdCount and EventCount are the records written.
	HouseholdCount, EventCount int
}

// On is the date the pipeline assesses a household of year y as of, and the
// date of the cadre's visit that records its risk factors: 31 December.
func On(year int) poverty.Date { return poverty.MustDate(year, time.December, 31) }

// Events appends rec's events to dst: its department events
// ([gen.Record.RiskEvents]: medical-insurance claims, disaster losses, lost
// jobs, school costs) and, when the generator gives it risk factors
// ([gen.Record.Factors] as of [On]), one cadre visit on that date naming
// them. The generator's verified guarantees have no place in the household
// or event schemas and are left out.
func Events(dst []risk.Event, rec *gen.Record) []risk.Event {
	dst = rec.RiskEvents(dst)
	on := On(rec.Year)
	if f := rec.Factors(on); f != 0 {
		dst = append(dst, risk.Event{Kind: risk.CadreVisitEvent, Date: on, Ref: rec.ID + "-v", Factors: f})
	}
	return dst
}

// Write writes the households and their events as c says.
func Write(c Config) (Files, error) {
	if c.Shards < 1 {
		return Files{}, fmt.Errorf("feed: shards %d, want at least 1", c.Shards)
	}
	if c.Format == "" {
		c.Format = JSONL
	}
	if c.Format != CSV && c.Format != JSONL {
		return Files{}, fmt.Errorf("feed: format %q, want csv or jsonl", c.Format)
	}
	if err := c.Gen.Validate(); err != nil {
		return Files{}, err
	}
	if c.Gen.Households < c.Shards {
		return Files{}, fmt.Errorf("feed: %d households in %d shards", c.Gen.Households, c.Shards)
	}
	// JSON Lines carry members without identity numbers: they are masked
	// in JSON and would not read back (gen.WriteJSONL does the same).
	c.Gen.IDNumbers = false
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return Files{}, err
	}
	var f Files
	for k := range c.Shards {
		format := c.Format
		if k < c.CSVShards {
			format = CSV
		}
		f.Households = append(f.Households, filepath.Join(c.Dir, fmt.Sprintf("households-%05d-of-%05d.%s", k, c.Shards, format)))
		f.Events = append(f.Events, filepath.Join(c.Dir, fmt.Sprintf("events-%05d-of-%05d.jsonl", k, c.Shards)))
	}
	n := c.Gen.Households
	hh := make([]int, c.Shards)
	ev := make([]int, c.Shards)
	errs := make([]error, 2*c.Shards)
	var wg sync.WaitGroup
	for k := range c.Shards {
		wg.Add(2)
		go func() {
			defer wg.Done()
			hh[k], errs[2*k] = writeHouseholds(f.Households[k], c.Gen, k*n/c.Shards, (k+1)*n/c.Shards, k < c.CSVShards || c.Format == CSV)
		}()
		go func() {
			defer wg.Done()
			ev[k], errs[2*k+1] = writeEvents(f.Events[k], c.Gen, k, c.Shards)
		}()
	}
	wg.Wait()
	for k := range c.Shards {
		f.HouseholdCount += hh[k]
		f.EventCount += ev[k]
	}
	return f, errors.Join(errs...)
}

// writeHouseholds writes households from..to-1 to path.
func writeHouseholds(path string, c gen.Config, from, to int, csv bool) (n int, err error) {
	g, err := gen.New(c)
	if err != nil {
		return 0, err
	}
	file, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer func() {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}()
	w := bufio.NewWriterSize(file, 1<<20)
	var rec gen.Record
	var buf []byte
	if csv {
		if _, err := w.WriteString(gen.CSVHeader + "\n"); err != nil {
			return 0, err
		}
	}
	for i := from; i < to; i++ {
		g.Fill(&rec, i)
		if csv {
			buf = gen.AppendCSV(buf[:0], &rec)
		} else {
			b, err := json.Marshal(&rec.Household)
			if err != nil {
				return n, fmt.Errorf("%s: household %d: %w", path, i, err)
			}
			buf = append(append(buf[:0], b...), '\n')
		}
		if _, err := w.Write(buf); err != nil {
			return n, err
		}
		n++
	}
	return n, w.Flush()
}

// writeEvents writes the events of households k, k+shards, ... to path.
func writeEvents(path string, c gen.Config, k, shards int) (n int, err error) {
	g, err := gen.New(c)
	if err != nil {
		return 0, err
	}
	file, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer func() {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}()
	w := bufio.NewWriterSize(file, 1<<20)
	enc := json.NewEncoder(w)
	var rec gen.Record
	var events []risk.Event
	for i := k; i < c.Households; i += shards {
		g.Fill(&rec, i)
		events = Events(events[:0], &rec)
		for e := range events {
			raw, err := json.Marshal(events[e])
			if err != nil {
				return n, fmt.Errorf("%s: household %s event %d: %w", path, rec.ID, e, err)
			}
			if err := enc.Encode(EventLine{Household: rec.ID, Event: raw}); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, w.Flush()
}
