package main

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"strconv"
)

// net/http answers some bad requests itself, before any handler runs: a
// header block over MaxHeaderBytes (431), a malformed request line or
// header (400), an unsupported transfer encoding (501). It writes those
// answers as plain text straight to the connection. problemListener wraps
// each connection so that such an answer goes out as a problem document
// instead (same status), and logs it as the handlers log theirs. A header
// that does not arrive within the read-header timeout gets no answer from
// net/http (the connection is closed), so none can be rewritten.

// problemListener wraps the connections it accepts in problemConn.
type problemListener struct {
	net.Listener
	log *slog.Logger
}

func (l problemListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &problemConn{Conn: c, log: l.log}, nil
}

// problemConn rewrites net/http's plain-text error answers.
type problemConn struct {
	net.Conn
	log *slog.Logger
}

// cannedHeaders follow the status line of net/http's own error answers.
const cannedHeaders = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"

func (c *problemConn) Write(b []byte) (int, error) {
	status, ok := cannedStatus(b)
	if !ok {
		return c.Conn.Write(b)
	}
	typ := typeMalformed
	detail := "the request line or a header is malformed"
	switch status {
	case http.StatusRequestHeaderFieldsTooLarge:
		typ, detail = typeHeaderTooLarge, "the request header is larger than the server accepts"
	case http.StatusNotImplemented:
		typ, detail = typeUnsupported, "the request's transfer encoding is not supported"
	}
	p := newProblem(status, typ, "", detail)
	body, _ := json.Marshal(p)
	body = append(body, '\n')
	resp := "HTTP/1.1 " + strconv.Itoa(status) + " " + http.StatusText(status) +
		"\r\nContent-Type: application/problem+json\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\nContent-Length: " +
		strconv.Itoa(len(body)) + "\r\n\r\n" + string(body)
	_, err := c.Conn.Write([]byte(resp))
	if err != nil {
		c.log.Info("request", "status", 0, "unsent_status", status, "write_error", writeError(err), "problem", typ)
		return 0, err
	}
	c.log.Info("request", "status", status, "bytes", len(body), "problem", typ, "detail", detail)
	return len(b), nil
}

// cannedStatus recognises an error answer net/http writes itself: a
// status line, then exactly its plain-text headers. The service's own
// responses never have that media type.
func cannedStatus(b []byte) (int, bool) {
	const prefix = "HTTP/1.1 "
	if !bytes.HasPrefix(b, []byte(prefix)) || len(b) < len(prefix)+3 {
		return 0, false
	}
	eol := bytes.Index(b, []byte("\r\n"))
	if eol < 0 || !bytes.HasPrefix(b[eol:], []byte(cannedHeaders)) {
		return 0, false
	}
	status, err := strconv.Atoi(string(b[len(prefix) : len(prefix)+3]))
	if err != nil || status < 400 {
		return 0, false
	}
	return status, true
}
