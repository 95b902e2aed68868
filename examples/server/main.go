// Command server is an HTTP JSON service over the fupin library, on
// net/http only: it assesses households (income and status), runs the
// household exit test, and more endpoints as listed in README.md.
//
// Requests are decoded strictly (unknown fields rejected, exactly one JSON
// value, a size limit), errors are problem details (RFC 9457) naming the
// field at fault, and every log line has identity numbers masked. It
// listens on 127.0.0.1:8080 unless told otherwise.
//
//	go run ./examples/server
//	curl -s localhost:8080/v1/assess -d @examples/server/testdata/assess.json
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/openfupin/fupin/poverty"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address (host:port); the default serves this machine only")
	maxBody := flag.Int64("max-body", 1<<20, "largest request body accepted, in bytes")
	thresholds := flag.String("thresholds", "", "a thresholds JSON file overlaid on the embedded table")
	flag.Parse()
	log := slog.New(maskingHandler{slog.NewJSONHandler(os.Stderr, nil)})
	if err := run(*addr, *maxBody, *thresholds, log); err != nil {
		log.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// timeouts bound how long a client may hold the server. They fit
// together: the header must arrive within header, the whole request within
// read (counted from the start of the header); the response may be written
// until write after the header arrived, which is later than the read
// deadline, so that a body that times out still gets its 408; a shutdown
// waits grace for requests under way, longer than any request may take
// (header + write).
type timeouts struct {
	header, read, write, idle, grace time.Duration
}

// defaultTimeouts are the service's timeouts.
var defaultTimeouts = timeouts{header: 5 * time.Second, read: 10 * time.Second, write: 20 * time.Second, idle: 60 * time.Second, grace: 30 * time.Second}

// check reports timeouts that do not fit together.
func (t timeouts) check() error {
	switch {
	case t.header <= 0 || t.read < t.header:
		return fmt.Errorf("timeouts: read %v must be at least read-header %v (> 0)", t.read, t.header)
	case t.write <= t.read:
		return fmt.Errorf("timeouts: write %v must exceed read %v, or a body that times out gets no answer", t.write, t.read)
	case t.grace <= t.header+t.write:
		return fmt.Errorf("timeouts: shutdown grace %v must exceed read-header + write (%v), the longest a request may take", t.grace, t.header+t.write)
	}
	return nil
}

// scale returns t with every timeout multiplied by f (tests run the same
// proportions in milliseconds).
func (t timeouts) scale(f float64) timeouts {
	m := func(d time.Duration) time.Duration { return time.Duration(float64(d) * f) }
	return timeouts{m(t.header), m(t.read), m(t.write), m(t.idle), m(t.grace)}
}

// newHTTPServer returns the http.Server of the service: its timeouts, a
// 32 KiB header limit, and net/http's own error log through the masking
// logger.
func newHTTPServer(h http.Handler, t timeouts, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: t.header,
		ReadTimeout:       t.read,
		WriteTimeout:      t.write,
		IdleTimeout:       t.idle,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

func run(addr string, maxBody int64, thresholds string, log *slog.Logger) error {
	table := poverty.Default()
	if thresholds != "" {
		f, err := os.Open(thresholds)
		if err != nil {
			return err
		}
		t, err := poverty.LoadTable(f, thresholds)
		f.Close()
		if err != nil {
			return err
		}
		table = table.Overlay(t)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	log.Info("listening", "addr", ln.Addr().String(), "data_vintage", table.Vintage())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = serve(ctx, ln, &server{table: table, log: log, maxBody: maxBody}, defaultTimeouts)
	if err == nil {
		log.Info("stopped")
	}
	return err
}

// serve serves s on ln until ctx is done, then shuts down, waiting up to
// t.grace for the requests under way.
func serve(ctx context.Context, ln net.Listener, s *server, t timeouts) error {
	if err := t.check(); err != nil {
		return err
	}
	srv := newHTTPServer(s.routes(), t, s.log)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(problemListener{ln, s.log}) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), t.grace)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
