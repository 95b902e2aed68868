package gen

import (
	"bufio"
	"encoding/json"
	"io"
	"runtime"
	"strconv"
)

// CSVHeader is the header line of the household CSV schema that
// examples/batch reads (documented in examples/batch/README.md). One
// household a line; amounts in yuan with up to two decimals; registration
// years 0 for "never".
const CSVHeader = "id,county,year,concept,members,residents,workers," +
	"wage,operating_income,operating_costs,depreciation,production_taxes,property," +
	"transfer_income,transfer_spending,registered,exited,returned"

// CSVColumns is the number of columns in [CSVHeader].
const CSVColumns = 18

// AppendCSV appends rec as one line of the CSV schema, newline included,
// and returns the extended buffer. It does not allocate when b has room.
func AppendCSV(b []byte, rec *Record) []byte {
	h := &rec.Household
	b = append(b, h.ID...)
	b = append(b, ',')
	b = strconv.AppendUint(b, uint64(h.County), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(h.Year), 10)
	b = append(b, ',')
	b = append(b, h.Concept.String()...)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(len(h.Members)), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(h.Residents()), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(h.Workers()), 10)
	in := &h.Income
	for _, m := range [...]int64{int64(in.Wage), int64(in.OperatingIncome), int64(in.OperatingCosts),
		int64(in.Depreciation), int64(in.ProductionTaxes), int64(in.Property), int64(in.TransferIncome), int64(in.TransferSpending)} {
		b = append(b, ',')
		b = appendYuan(b, m)
	}
	for _, y := range [...]int{h.Registration.Registered, h.Registration.Exited, h.Registration.Returned} {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(y), 10)
	}
	return append(b, '\n')
}

// appendYuan writes fen as yuan, with the decimals only when there are fen.
func appendYuan(b []byte, fen int64) []byte {
	if fen < 0 {
		b = append(b, '-')
		fen = -fen
	}
	b = strconv.AppendInt(b, fen/100, 10)
	if f := fen % 100; f != 0 {
		b = append(b, '.', byte('0'+f/10), byte('0'+f%10))
	}
	return b
}

// WriteCSV writes the header and every household of c to w, streaming,
// and returns the number of households written. Households are generated
// in blocks by runtime.GOMAXPROCS goroutines and written in order, so the
// output is the same bytes as writing [Config.All] one by one; memory is a
// few blocks whatever the size.
func WriteCSV(w io.Writer, c Config) (int, error) {
	if err := c.Validate(); err != nil {
		return 0, err
	}
	if _, err := io.WriteString(w, CSVHeader+"\n"); err != nil {
		return 0, err
	}
	const block = 4096
	workers := runtime.GOMAXPROCS(0)
	type job struct {
		from, to int
		buf      []byte
		done     chan struct{}
	}
	free := make(chan *job, 2*workers)
	for range 2 * workers {
		free <- &job{buf: make([]byte, 0, block*128), done: make(chan struct{}, 1)}
	}
	work := make(chan *job, 2*workers)
	order := make(chan *job, 2*workers)
	for range workers {
		go func() {
			g, _ := New(c)
			var rec Record
			for j := range work {
				j.buf = j.buf[:0]
				for i := j.from; i < j.to; i++ {
					g.Fill(&rec, i)
					j.buf = AppendCSV(j.buf, &rec)
				}
				j.done <- struct{}{}
			}
		}()
	}
	go func() {
		defer close(work)
		defer close(order)
		for from := 0; from < c.Households; from += block {
			j := <-free
			j.from, j.to = from, min(from+block, c.Households)
			work <- j
			order <- j
		}
	}()
	n := 0
	var werr error
	for j := range order {
		<-j.done
		if werr == nil {
			if _, werr = w.Write(j.buf); werr == nil {
				n += j.to - j.from
			}
		}
		free <- j
	}
	return n, werr
}

// WriteJSONL writes every household of c to w as JSON Lines, one
// [poverty.Household] a line with its members and monthly incomes, and
// returns the number written. Identity numbers are left out: they are
// masked in JSON and would not read back.
func WriteJSONL(w io.Writer, c Config) (int, error) {
	if err := c.Validate(); err != nil {
		return 0, err
	}
	c.IDNumbers = false
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	n := 0
	for rec := range c.All() {
		if err := enc.Encode(&rec.Household); err != nil {
			return n, err
		}
		n++
	}
	return n, bw.Flush()
}
