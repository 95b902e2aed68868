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
	s := &server{table: table, log: log, maxBody: maxBody}
	srv := &http.Server{
		Addr:              addr,
		Handler:           s.routes(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	log.Info("listening", "addr", ln.Addr().String(), "data_vintage", table.Vintage())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}
