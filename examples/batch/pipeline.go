package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"
)

// The pipeline has three stages joined by bounded channels:
//
//	reader  --work-->  workers (GOMAXPROCS)  --done-->  writer
//	   \----------------order----------------------------/
//
// The reader cuts the input into chunks of whole lines and sends each chunk
// both to the workers and, in input order, to the writer. The writer waits
// for each chunk in turn, so results come out in input order whatever
// worker finished first. Chunks come from a fixed pool, so memory does not
// grow with the input: the reader blocks until the writer hands a chunk
// back.

// chunkSize is the input bytes a chunk holds (whole lines; a line longer
// than maxLine is rejected).
const (
	chunkSize = 256 << 10
	maxLine   = 64 << 10
)

// chunk is a run of whole input lines and the results of assessing them.
type chunk struct {
	firstLine int    // line number of the first line in data
	data      []byte // whole lines, each ending in '\n' (the last may not at EOF)
	records   int    // number of lines in data
	longLine  bool   // the chunk is one line longer than maxLine, skipped
	out       []byte // one result a record
	rej       []byte // one reject line a rejected record
	accepted  int
	rejected  int
	// guaranteed counts the accepted records whose guarantees were
	// assessed (read from the input).
	guaranteed int
	done       chan struct{}
}

// progressEvery is the interval between progress calls.
var progressEvery = time.Second

// Counts are the totals of a run. GuaranteesAssessed counts the accepted
// records whose guarantees the input carried; the others' guarantees were
// not assessed.
type Counts struct {
	Read, Accepted, Rejected int
	GuaranteesAssessed       int
}

// assessor turns one input line into a result or a rejection. Each worker
// has its own, so it may keep reusable buffers.
type assessor interface {
	// assess appends one result line to c.out, or one reject line to c.rej
	// (and, for the record's place in the results, a rejected result line
	// to c.out), and counts it.
	assess(c *chunk, line []byte, lineNo int)
}

// runPipeline reads header-less input from r (the caller has consumed the
// header; firstLine is the line number of the first record), assesses
// every line with one assessor a worker, and writes results to out and
// rejects to rej, in input order. progress, when not nil, is called about
// once a second with the running counts.
func runPipeline(r *bufio.Reader, firstLine, workers int, newAssessor func() assessor, out, rej io.Writer, progress func(Counts)) (Counts, error) {
	if workers < 1 {
		workers = 1
	}
	nChunks := 2*workers + 2
	free := make(chan *chunk, nChunks)
	for range nChunks {
		free <- &chunk{data: make([]byte, 0, chunkSize), out: make([]byte, 0, chunkSize), done: make(chan struct{}, 1)}
	}
	work := make(chan *chunk, nChunks)
	order := make(chan *chunk, nChunks)

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := newAssessor()
			for c := range work {
				processChunk(a, c)
				c.done <- struct{}{}
			}
		}()
	}

	var read int
	var readErr error
	go func() {
		read, readErr = readChunks(r, firstLine, free, work, order)
		close(work)
		close(order)
	}()

	var total Counts
	var writeErr error
	last := time.Now()
	for c := range order {
		<-c.done
		if writeErr == nil {
			if _, err := out.Write(c.out); err != nil {
				writeErr = err
			} else if _, err := rej.Write(c.rej); err != nil {
				writeErr = err
			}
		}
		total.Accepted += c.accepted
		total.Rejected += c.rejected
		total.GuaranteesAssessed += c.guaranteed
		total.Read += c.records
		free <- c
		if progress != nil && time.Since(last) >= progressEvery {
			progress(total)
			last = time.Now()
		}
	}
	wg.Wait()
	if readErr != nil {
		return total, readErr
	}
	if writeErr != nil {
		return total, writeErr
	}
	if read != total.Read {
		return total, fmt.Errorf("reader saw %d records, writer %d", read, total.Read)
	}
	return total, nil
}

// processChunk assesses every line of the chunk.
func processChunk(a assessor, c *chunk) {
	c.out, c.rej = c.out[:0], c.rej[:0]
	c.accepted, c.rejected, c.guaranteed = 0, 0, 0
	if c.longLine {
		c.rej = appendReject(c.rej, c.firstLine, "", "", fmt.Sprintf("line longer than %d bytes", maxLine))
		c.out = appendRejectedResult(c.out, c.firstLine, "", "line")
		c.rejected++
		return
	}
	data := c.data
	n := c.firstLine
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		var line []byte
		if i < 0 {
			line, data = data, nil
		} else {
			line, data = data[:i], data[i+1:]
		}
		if len(line) > 0 && line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
		a.assess(c, line, n)
		n++
	}
}

// readChunks fills chunks from the pool with whole lines and sends them on.
// It returns the number of records (lines) read.
func readChunks(r *bufio.Reader, line int, free <-chan *chunk, work, order chan<- *chunk) (int, error) {
	var carry []byte // a partial line left over from the previous chunk
	records := 0
	send := func(c *chunk) {
		records += c.records
		line += c.records
		work <- c
		order <- c
	}
	for {
		c := <-free
		c.firstLine, c.longLine = line, false
		c.data = append(c.data[:0], carry...)
		carry = carry[:0]
		n, err := io.ReadFull(r, c.data[len(c.data):cap(c.data)])
		c.data = c.data[:len(c.data)+n]
		eof := errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
		if err != nil && !eof {
			return records, err
		}
		if eof {
			if len(c.data) == 0 {
				return records, nil
			}
			c.records = bytes.Count(c.data, []byte{'\n'})
			if c.data[len(c.data)-1] != '\n' {
				c.records++
			}
			send(c)
			return records, nil
		}
		end := bytes.LastIndexByte(c.data, '\n')
		if end < 0 {
			// No newline in a whole chunk: skip to the end of the line
			// and reject it as one record.
			if err := skipLine(r); err != nil && !errors.Is(err, io.EOF) {
				return records, err
			}
			c.data, c.longLine, c.records = c.data[:0], true, 1
			send(c)
			continue
		}
		carry = append(carry, c.data[end+1:]...)
		if len(carry) > maxLine {
			carry = carry[:0]
			c.data = c.data[:end+1]
			c.records = bytes.Count(c.data, []byte{'\n'})
			send(c)
			// The partial line is too long: skip the rest of it.
			if err := skipLine(r); err != nil && !errors.Is(err, io.EOF) {
				return records, err
			}
			lc := <-free
			lc.firstLine, lc.longLine, lc.records, lc.data = line, true, 1, lc.data[:0]
			send(lc)
			continue
		}
		c.data = c.data[:end+1]
		c.records = bytes.Count(c.data, []byte{'\n'})
		send(c)
	}
}

// skipLine discards input up to and including the next newline.
func skipLine(r *bufio.Reader) error {
	for {
		_, err := r.ReadSlice('\n')
		if !errors.Is(err, bufio.ErrBufferFull) {
			return err
		}
	}
}
