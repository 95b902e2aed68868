package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestIdentityNumbersNeverLeave sends an identity number through every
// field, key, path and header a request has, to every endpoint, and
// checks every response (status line, headers, body) and every log line:
// none carries the number in clear, and a household key that is one is
// refused.
func TestIdentityNumbersNeverLeave(t *testing.T) {
	const id = validID
	const old = "110105491231002" // a 15-digit number of the 1980s format
	var bodies []string
	for _, v := range []string{id, old, "H-" + id + "-1", strings.ToLower(id)} {
		q := strconv.Quote(v)
		bodies = append(bodies,
			`{"household":{"id":`+q+`,"year":2020,"concept":"disposable_income","region":"53","members":[{"birth_date":"1980-01-01"}]}}`,
			`{"household":{`+q+`:1}}`,
			`{`+q+`:{"a":1}}`,
			`{"household":{"members":[{},{`+q+`:"x"}]}}`,
			`{"household":{"members":[{"id_number":`+q+`}]}}`,
			`{"household":{"members":[{"birth_date":`+q+`}]}}`,
			`{"household":{"county":`+q+`}}`,
			`{"household":{"region":`+q+`}}`,
			`{"household":{"concept":`+q+`}}`,
			`{"household":{"income":{"wage":`+q+`}}}`,
			`{"household":{"monthly":[{"month":`+q+`}]}}`,
			`{"household":{"year":`+strings.TrimRight(v, "Xx-H")+`}}`,
			`{"boundary":`+q+`}`,
			`{"guarantees":{"food":`+q+`}}`,
			`{"household":{"id":"h","region":"65","year":2020,"concept":"disposable_income","members":[{"birth_date":"1980-01-01"}]},"on":`+q+`}`,
			`{"household":{"id":"h","region":"65","year":2020,"concept":"disposable_income","members":[{"birth_date":"1980-01-01"}]},"on":"2020-09-01","scheme":`+q+`}`,
			`{"household":{"id":"h","region":"65","year":2020,"concept":"disposable_income","members":[{"birth_date":"1980-01-01"}]},"on":"2020-09-01","events":[{"type":`+q+`,"date":"2020-05-01"}]}`,
			`{"household":{"id":"h","region":"65","year":2020,"concept":"disposable_income","members":[{"birth_date":"1980-01-01"}]},"on":"2020-09-01","events":[{"type":"cadre_visit","date":"2020-05-01",`+q+`:1}]}`,
			`{"child":{"id":`+q+`,"birth_date":"2015-01-01","hukou":"rural","father":{"situation":"migrant_out_of_province"},"mother":{"situation":"deceased"}},"on":"2020-01-01"}`,
			`{"child":{"id":"c","household":`+q+`,"birth_date":"2015-01-01","hukou":"rural","father":{"situation":"migrant_out_of_province","id":`+q+`},"mother":{"situation":"deceased"}},"on":"2020-01-01"}`,
			`{"child":{"id":"c","id_number":`+q+`},"on":"2020-01-01"}`,
			`{"records":{"schema":"fupin.labor.records/1","households":[{"id":"h","year":2020,"concept":"net_income","members":[{"birth_date":"1980-01-01"}]}],"workers":[{"id":`+q+`,"household":"h","birth_date":"1980-01-01"}]},"year":2019,"baseline_year":2017,"region":"62"}`,
			`{"records":{"schema":"fupin.labor.records/1","households":[{"id":`+q+`,"year":2020,"concept":"net_income","members":[{"birth_date":"1980-01-01"}]}]},"year":2019,"baseline_year":2017,"region":"62"}`,
			`{"records":{"schema":`+q+`},"year":2019,"baseline_year":2017,"region":"62"}`,
			`{"records":{"schema":"fupin.labor.records/1"},"workshops":[`+q+`],"year":2019,"baseline_year":2017,"region":"62"}`,
			`{"records":{"schema":"fupin.labor.records/1"},"year":2019,"baseline_year":2017,"region":`+q+`}`,
			`[`+q+`]`, q, `{"household":`+q+`}`, `{"household":{"id":`+q+`,`,
		)
	}
	paths := []string{"/v1/assess", "/v1/exit", "/v1/tier", "/v1/children/classify", "/v1/workshops/impact"}
	var logs syncBuffer
	h := newTestServer(&logs)
	var all strings.Builder
	keyRefused := 0
	record := func(rec *httptest.ResponseRecorder) {
		all.WriteString(strconv.Itoa(rec.Code) + "\n")
		for k, vs := range rec.Header() {
			all.WriteString(k + ": " + strings.Join(vs, ",") + "\n")
		}
		all.Write(rec.Body.Bytes())
		if rec.Code >= 500 {
			t.Errorf("status %d: %s", rec.Code, rec.Body.String())
		}
		var p Problem
		if json.Unmarshal(rec.Body.Bytes(), &p) == nil && strings.Contains(p.Detail, "looks like an identity number") {
			keyRefused++
		}
	}
	for _, path := range paths {
		for _, body := range bodies {
			record(do(h, "POST", path, "application/json", body))
		}
	}
	// Paths, queries, methods and headers.
	for _, target := range []string{"/v1/" + id, "/" + id + "/assess", "/v1/assess?household=" + id, "/healthz?" + id + "=1",
		"/report?year=2020&region=" + id, "/report?year=" + id + "&region=53", "/report?" + id + "=1", "/report?year=2020&region=65", "/report?year=2020&region=53"} {
		record(do(h, "GET", target, "", ""))
		record(do(h, "POST", target, "application/json", "{}"))
	}
	record(do(h, "POST", "/v1/assess", "application/"+id, "{}"))
	record(do(h, "POST", "/v1/assess", id, "{}"))
	req := httptest.NewRequest("POST", "/v1/assess", strings.NewReader(bodies[0]))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Request-Id", id)
	req.Header.Set("Authorization", "Bearer "+id)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	record(rec)

	if all.Len() == 0 || !strings.Contains(logs.String(), `"status":`) {
		t.Fatal("nothing recorded")
	}
	assertNoClearIDs(t, all.String())
	assertNoClearIDs(t, logs.String())
	// Every endpoint that takes a household, and the child and records
	// keys, refused the key rather than masking it.
	if keyRefused < 4*8 {
		t.Errorf("a household or record key that is an identity number was refused %d times, want at least %d", keyRefused, 4*8)
	}
}

// TestMaskJSON checks the boundary's masking: runs inside strings (keys
// and values) are masked, numbers and short runs are not.
func TestMaskJSON(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"a":"11010519491231002X"}`, `{"a":"110105********002X"}`},
		{`{"11010519491231002X":1}`, `{"110105********002X":1}`},
		{`{"a":"x\"11010519491231002X"}`, `{"a":"x\"110105********002X"}`},
		{`{"a":"\\","b":"1234567890123"}`, `{"a":"\\","b":"1234567890123"}`},
		{`{"n":123456789012345678}`, `{"n":123456789012345678}`},
		{`["2020-01-01","1234.56"]`, `["2020-01-01","1234.56"]`},
	}
	for _, tc := range tests {
		if got := string(maskJSON([]byte(tc.in))); got != tc.want {
			t.Errorf("maskJSON(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// testTimeouts are the service's timeouts in the same proportions, scaled
// down to milliseconds (read-header 100 ms, read 200 ms, write 400 ms,
// grace 600 ms).
var testTimeouts = defaultTimeouts.scale(0.02)

// startServer serves on a loopback port with timeouts t until the test
// ends (or stop is called); it returns the address and the stop function,
// which returns serve's error.
func startServer(t testing.TB, t0 timeouts, logs io.Writer) (string, func() error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &server{table: poverty.Default(), log: slog.New(maskingHandler{slog.NewJSONHandler(logs, nil)}), maxBody: 1 << 16}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- serve(ctx, ln, s, t0) }()
	var once sync.Once
	var serr error
	stop := func() error {
		once.Do(func() { cancel(); serr = <-errc })
		return serr
	}
	t.Cleanup(func() { stop() })
	return ln.Addr().String(), stop
}

// rawResponse is what a raw client read back.
type rawResponse struct {
	status      int
	contentType string
	body        string
	err         error // a bare EOF or reset: nothing delivered
}

// rawRequest writes head, then body after the delay (a slow client), and
// reads the answer.
func rawRequest(addr, head, body string, delay time.Duration) rawResponse {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return rawResponse{err: err}
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, head); err != nil {
		return rawResponse{err: err}
	}
	if delay > 0 {
		time.Sleep(delay)
	}
	if body != "" {
		io.WriteString(c, body)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return rawResponse{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return rawResponse{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), body: string(b), err: err}
}

// checkProblem fails unless r is a problem document of status and type.
func checkProblem(t *testing.T, r rawResponse, status int, typ string) Problem {
	t.Helper()
	if r.err != nil {
		t.Errorf("no answer (%v), want %d %s", r.err, status, typ)
		return Problem{}
	}
	var p Problem
	if err := json.Unmarshal([]byte(r.body), &p); err != nil || r.status != status || p.Status != status || p.Type != typ || r.contentType != "application/problem+json" {
		t.Errorf("answer %d %q %s, want a %d %s problem document", r.status, r.contentType, r.body, status, typ)
	}
	return p
}

// TestTimeoutsFit checks the rules the timeouts obey, on the service's own
// values and on the earlier ones (read = write, grace below read), which
// failed: a body that timed out often got no answer, and a shutdown with a
// slow client under way ended in error.
func TestTimeoutsFit(t *testing.T) {
	if err := defaultTimeouts.check(); err != nil {
		t.Errorf("service's timeouts: %v", err)
	}
	old := timeouts{header: 5 * time.Second, read: 10 * time.Second, write: 10 * time.Second, idle: 60 * time.Second, grace: 5 * time.Second}
	if err := old.check(); err == nil {
		t.Errorf("the earlier timeouts (read = write, grace 5 s) pass the check")
	}
	old.write = 20 * time.Second
	if err := old.check(); err == nil || !strings.Contains(err.Error(), "grace") {
		t.Errorf("a grace shorter than a request passes the check: %v", err)
	}
}

// slowHead is a request whose body is announced but sent late.
const slowHead = "POST /v1/assess HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"household\":"

// TestSlowBody sends bodies slower than the read timeout from many
// clients at once: each gets a 408 problem document, with no socket
// address in it, and the access log records a 408 delivered for each.
func TestSlowBody(t *testing.T) {
	var logs syncBuffer
	addr, _ := startServer(t, testTimeouts, &logs)
	const n = 24
	res := make([]rawResponse, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[i] = rawRequest(addr, slowHead, "", 0)
		}()
	}
	wg.Wait()
	for _, r := range res {
		p := checkProblem(t, r, http.StatusRequestTimeout, typeTimeout)
		if strings.Contains(p.Detail, "127.0.0.1") || strings.Contains(p.Detail, "tcp") {
			t.Errorf("detail shows addresses: %s", p.Detail)
		}
	}
	// Each handler logs after the write its client has already read: wait
	// for the lines.
	for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		got := strings.Count(logs.String(), `"status":408`)
		if got == n {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("%d access log lines with status 408 delivered, want %d:\n%s", got, n, logs.String())
			break
		}
	}
}

// TestShutdownWaitsForSlowClient stops the server while a slow client is
// sending its body: the shutdown waits for it, the client gets its 408,
// and serve returns without error.
func TestShutdownWaitsForSlowClient(t *testing.T) {
	addr, stop := startServer(t, testTimeouts, io.Discard)
	got := make(chan rawResponse, 1)
	go func() { got <- rawRequest(addr, slowHead, "", 0) }()
	time.Sleep(testTimeouts.header / 2)
	if err := stop(); err != nil {
		t.Errorf("shutdown with a slow client under way: %v", err)
	}
	checkProblem(t, <-got, http.StatusRequestTimeout, typeTimeout)
}

// TestNetHTTPAnswersAreProblems checks the requests net/http answers
// before any handler: a malformed header and a header block over the
// limit get problem documents, not plain text.
func TestNetHTTPAnswersAreProblems(t *testing.T) {
	var logs syncBuffer
	addr, _ := startServer(t, testTimeouts, &logs)
	tests := []struct {
		name, head string
		status     int
		typ        string
	}{
		{"malformed header", "GET /healthz HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n", 400, typeMalformed},
		{"malformed request line", "GET\r\n\r\n", 400, typeMalformed},
		{"header too large", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 40<<10) + "\r\n\r\n", 431, typeHeaderTooLarge},
		{"identity number in a bad header", "GET /healthz HTTP/1.1\r\nHost: x\r\n" + validID + "\r\n\r\n", 400, typeMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkProblem(t, rawRequest(addr, tc.head, "", 0), tc.status, tc.typ)
		})
	}
	// The server logs after the write the client has already read: wait
	// for the line.
	for deadline := time.Now().Add(2 * time.Second); !strings.Contains(logs.String(), `"status":431`); {
		if time.Now().After(deadline) {
			t.Errorf("no log line for net/http's own answer: %s", logs.String())
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	assertNoClearIDs(t, logs.String())
}

// TestSlowHeader documents what net/http allows for a header that does
// not arrive in time: it closes the connection without an answer (a
// problem document cannot be sent), within the read-header timeout.
func TestSlowHeader(t *testing.T) {
	addr, _ := startServer(t, testTimeouts, io.Discard)
	start := time.Now()
	r := rawRequest(addr, "POST /v1/assess HTTP/1.1\r\nHost: x\r\n", "", 0)
	if r.err == nil {
		// If net/http ever answers, it must be a problem document.
		checkProblem(t, r, r.status, typeMalformed)
	}
	if d := time.Since(start); d > testTimeouts.read*3 {
		t.Errorf("a slow header held the connection %v", d)
	}
}

// failingWriter is a ResponseWriter whose writes fail, as on a connection
// whose write deadline has passed.
type failingWriter struct{ header http.Header }

func (w *failingWriter) Header() http.Header { return w.header }
func (w *failingWriter) WriteHeader(int)     {}
func (w *failingWriter) Write([]byte) (int, error) {
	return 0, &net.OpError{Op: "write", Net: "tcp", Err: errors.New("i/o timeout: 127.0.0.1:8080->127.0.0.1:5555")}
}

// TestAccessLogRecordsDelivery checks that the access log records a
// response that could not be written as not delivered (status 0, with the
// status that was not sent and why, without addresses), and a delivered
// one with its status.
func TestAccessLogRecordsDelivery(t *testing.T) {
	var logs bytes.Buffer
	h := newTestServer(&logs)
	h.ServeHTTP(&failingWriter{header: http.Header{}}, httptest.NewRequest("POST", "/v1/assess", strings.NewReader("{")))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/healthz", nil))
	var got []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		got = append(got, map[string]any{"status": m["status"], "unsent_status": m["unsent_status"], "write_error": m["write_error"]})
	}
	want := []map[string]any{
		{"status": 0.0, "unsent_status": 400.0, "write_error": "connection closed"},
		{"status": 200.0, "unsent_status": nil, "write_error": nil},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("access log (-want +got):\n%s", diff)
	}
	if strings.Contains(logs.String(), "127.0.0.1") {
		t.Errorf("log shows addresses: %s", logs.String())
	}
}
