// Command batch assesses a file of households as a stream: it reads CSV
// (the schema in README.md) or JSON Lines, computes each household's
// per-capita income and status against the poverty standard and the
// monitoring line of its year and province, and its colour tier where a
// tier scheme is in force for its province and year (package risk: the
// Xinjiang 2020 scheme, read with the household's guarantees when the input
// has guarantee columns; otherwise every result says the guarantees were
// not assessed), and writes one result a record in input order. Rejected
// records go to a rejects file with their line number, the field and the
// reason. At the end it prints read = accepted + rejected, with how many
// records' guarantees were not assessed, and fails if the counts do not
// add up.
//
// Work is spread over runtime.GOMAXPROCS workers; memory stays flat
// however large the input, because chunks of input come from a fixed pool.
//
//	go run ./examples/batch                                  # the sample shipped with the program
//	go run ./examples/batch -in households.csv -out results.csv -rejects rejects.csv
//	go run ./examples/batch -gen 10000000 -seed 1 -out big.csv   # generate a synthetic county file
//	go run ./examples/batch -gen 1000000 -assess -out /dev/null  # generate and assess in one go
package main

import (
	"bufio"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

//go:embed households.csv
var sample []byte

// defaultRejects is where rejected records go unless -rejects says
// otherwise: a file of its own, so that standard error carries only the
// progress and summary lines.
const defaultRejects = "rejects.csv"

// options are the command's flags.
type options struct {
	in, out, rejects, format, thresholds string
	tiers, province                      string
	workers                              int
	gen                                  int
	seed                                 uint64
	assess                               bool
	atOrBelow, secondary, lenient        bool
	progress                             bool
}

func main() {
	var o options
	flag.StringVar(&o.in, "in", "", "input file; - for standard input (default: the sample shipped with the program)")
	flag.StringVar(&o.out, "out", "-", "results file; - for standard output")
	flag.StringVar(&o.rejects, "rejects", defaultRejects, "rejects file; - for standard error")
	flag.StringVar(&o.format, "format", "", "input format: csv or jsonl (default: from the file name, else csv)")
	flag.StringVar(&o.thresholds, "thresholds", "", "a thresholds JSON file overlaid on the embedded table (for monitoring lines the embedded data leave unconfirmed)")
	flag.StringVar(&o.tiers, "tiers", "", "a colour-tier schemes JSON file (package risk schema), used before the embedded schemes")
	flag.StringVar(&o.province, "province", "", "with -gen: the province of the generated households (default 53, Yunnan; 65, Xinjiang, has a colour-tier scheme for 2020)")
	flag.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), "number of workers")
	flag.IntVar(&o.gen, "gen", 0, "generate this many synthetic households (CSV, or JSON Lines with -format jsonl) to -out instead of assessing")
	flag.Uint64Var(&o.seed, "seed", 1, "seed of the generated households")
	flag.BoolVar(&o.assess, "assess", false, "with -gen: assess the generated households instead of writing them")
	flag.BoolVar(&o.atOrBelow, "at-or-below", false, "count an income equal to a line as below it (default: below means strictly below)")
	flag.BoolVar(&o.secondary, "accept-secondary", false, "accept thresholds from secondary sources")
	flag.BoolVar(&o.lenient, "lenient", false, "carry the last confirmed line forward past its year")
	flag.BoolVar(&o.progress, "progress", true, "print a progress line on standard error about once a second")
	flag.Parse()
	if err := run(o, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "batch:", err)
		os.Exit(1)
	}
}

func run(o options, stdin io.Reader, stdout, stderr io.Writer) (err error) {
	out, closeOut, err := create(o.out, stdout)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := closeOut(); err == nil {
			err = cerr
		}
	}()
	cfg := gen.Config{Seed: o.seed, Households: o.gen}
	if o.province != "" {
		if cfg.Province, err = poverty.ParseRegion(o.province); err != nil {
			return err
		}
	}
	if o.gen > 0 && !o.assess {
		if o.format == "jsonl" {
			_, err = gen.WriteJSONL(out, cfg)
		} else {
			_, err = gen.WriteCSV(out, cfg)
		}
		return err
	}

	set := &settings{table: poverty.Default(), schemes: risk.DefaultSchemes(), opts: poverty.LookupOptions{AcceptSecondary: o.secondary, Lenient: o.lenient}}
	if o.atOrBelow {
		set.boundary = poverty.AtOrBelowLine
	}
	if o.thresholds != "" {
		f, err := os.Open(o.thresholds)
		if err != nil {
			return err
		}
		t, err := poverty.LoadTable(f, o.thresholds)
		f.Close()
		if err != nil {
			return err
		}
		set.table = set.table.Overlay(t)
	}
	if o.tiers != "" {
		f, err := os.Open(o.tiers)
		if err != nil {
			return err
		}
		s, err := risk.LoadSchemes(f, o.tiers)
		f.Close()
		if err != nil {
			return err
		}
		set.schemes = set.schemes.Overlay(s)
	}

	var in io.Reader
	name := o.in
	switch {
	case o.gen > 0:
		pr, pw := io.Pipe()
		go func() {
			var err error
			if o.format == "jsonl" {
				_, err = gen.WriteJSONL(pw, cfg)
			} else {
				_, err = gen.WriteCSV(pw, cfg)
			}
			pw.CloseWithError(err)
		}()
		in, name = pr, "generated"
	case o.in == "":
		in, name = strings.NewReader(string(sample)), "households.csv"
	case o.in == "-":
		in = stdin
	default:
		f, err := os.Open(o.in)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	format := o.format
	if format == "" {
		format = "csv"
		if strings.HasSuffix(name, ".jsonl") || strings.HasSuffix(name, ".ndjson") {
			format = "jsonl"
		}
	}

	rejPath := o.rejects
	if rejPath == "" {
		rejPath = defaultRejects
	}
	rejects, closeRej, err := create(rejPath, stderr)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := closeRej(); err == nil {
			err = cerr
		}
	}()

	start := time.Now()
	var progress func(Counts)
	if o.progress {
		progress = func(c Counts) {
			fmt.Fprintf(stderr, "batch: %d read, %d accepted, %d rejected, %.2f million households/s\n",
				c.Read, c.Accepted, c.Rejected, float64(c.Read)/time.Since(start).Seconds()/1e6)
		}
	}
	c, err := assess(in, format, o.workers, set, out, rejects, progress)
	if err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	fmt.Fprintf(stderr, "batch: read %d = accepted %d + rejected %d in %.2fs (%.2f million households/s); %s\n",
		c.Read, c.Accepted, c.Rejected, secs, float64(c.Read)/max(secs, 1e-9)/1e6, guaranteesSummary(c))
	if c.Read != c.Accepted+c.Rejected {
		return fmt.Errorf("counts do not add up: read %d != accepted %d + rejected %d", c.Read, c.Accepted, c.Rejected)
	}
	return nil
}

// assess reads the header (CSV), then streams every record through the
// pipeline and writes the results with their header.
func assess(in io.Reader, format string, workers int, set *settings, out, rejects io.Writer, progress func(Counts)) (Counts, error) {
	r := bufio.NewReaderSize(in, 1<<20)
	var newAssessor func() assessor
	first := 1
	switch format {
	case "csv":
		header, err := r.ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return Counts{}, err
		}
		header = strings.TrimRight(header, "\r\n")
		cols := csvColumns(header)
		if cols == 0 {
			return Counts{}, fmt.Errorf("line 1: header %q, want %q, optionally followed by %q and then %q", header, gen.CSVHeader, ","+GuaranteeColumns, ","+SevereColumn)
		}
		first = 2
		newAssessor = func() assessor { return newCSVAssessor(set, cols) }
	case "jsonl":
		newAssessor = func() assessor { return newJSONAssessor(set) }
	default:
		return Counts{}, fmt.Errorf("unknown format %q (want csv or jsonl)", format)
	}
	bw := bufio.NewWriterSize(out, 1<<16)
	if _, err := bw.WriteString(ResultHeader + "\n"); err != nil {
		return Counts{}, err
	}
	rw := bufio.NewWriterSize(rejects, 1<<12)
	if _, err := rw.WriteString(RejectHeader + "\n"); err != nil {
		return Counts{}, err
	}
	if progress != nil {
		// Rejects may share standard error with the progress lines: the
		// rejects written so far (whole lines: a chunk's rejects are
		// written at once) go out before a progress line.
		p := progress
		progress = func(c Counts) {
			rw.Flush()
			p(c)
		}
	}
	c, err := runPipeline(r, first, workers, newAssessor, bw, rw, progress)
	if err != nil {
		return c, err
	}
	if err := bw.Flush(); err != nil {
		return c, err
	}
	return c, rw.Flush()
}

// guaranteesSummary says for how many accepted records the guarantees were
// not assessed: "guarantees not assessed for 24 of 24 accepted records",
// or "guarantees assessed for all 5 accepted records".
func guaranteesSummary(c Counts) string {
	if n := c.Accepted - c.GuaranteesAssessed; n > 0 {
		return fmt.Sprintf("guarantees not assessed for %d of %d accepted records", n, c.Accepted)
	}
	return fmt.Sprintf("guarantees assessed for all %d accepted records", c.Accepted)
}

// create opens path for writing; "" or "-" means def.
func create(path string, def io.Writer) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		return def, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}
