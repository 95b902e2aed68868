package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// loadReq is one request of the load mix.
type loadReq struct {
	kind        string
	path, ctype string
	body        string
	raw         string // when set, written as is on a connection of its own
	slow        bool   // raw: the body never comes (a 408 after the read timeout)
	status      int    // the status it must get
}

// loadMix is the load benchmark's requests: 36 good ones over the five
// endpoints, then 9 bad ones, one of each kind the service must answer
// with a problem document (20% bad).
func loadMix(tb testing.TB) []loadReq {
	var mix []loadReq
	good := []struct{ path, file string }{
		{"/v1/assess", "assess.json"}, {"/v1/exit", "exit.json"}, {"/v1/tier", "tier.json"},
		{"/v1/children/classify", "child.json"}, {"/v1/workshops/impact", "impact.json"},
	}
	for i := range 36 {
		g := good[i%len(good)]
		b, err := os.ReadFile(filepath.Join("testdata", g.file))
		if err != nil {
			tb.Fatal(err)
		}
		mix = append(mix, loadReq{kind: "ok " + g.path, path: g.path, ctype: "application/json", body: string(b), status: 200})
	}
	const j = "application/json"
	mix = append(mix,
		loadReq{kind: "unknown field", path: "/v1/assess", ctype: j, body: `{"household":{"members":[{"foo":1}]}}`, status: 400},
		loadReq{kind: "bad value", path: "/v1/assess", ctype: j, body: `{"household":{"id":"12.345","income":{"wage":"12.345"}}}`, status: 400},
		loadReq{kind: "wrong type", path: "/v1/exit", ctype: j, body: `{"household":{"year":"2020"}}`, status: 400},
		loadReq{kind: "identity key", path: "/v1/assess", ctype: j, body: `{"household":{"id":"` + validID + `"}}`, status: 422},
		loadReq{kind: "malformed JSON", path: "/v1/tier", ctype: j, body: `{"household":`, status: 400},
		loadReq{kind: "body too large", path: "/v1/assess", ctype: j, body: `{"household":{"id":"` + strings.Repeat("a", 1<<16) + `"}}`, status: 413},
		loadReq{kind: "media type", path: "/v1/assess", ctype: "text/plain", body: `{}`, status: 415},
		loadReq{kind: "malformed header", raw: "GET /healthz HTTP/1.1\r\nHost: x\r\nno colon\r\n\r\n", status: 400},
		loadReq{kind: "slow body", raw: slowHead, slow: true, status: 408},
	)
	return mix
}

// BenchmarkLoad runs the service on loopback (127.0.0.1) with its
// timeouts scaled as in the tests (read 200 ms) and sends each round 64
// concurrent clients, 45 requests each (2,880 requests: 20% bad, every
// kind above, including slow bodies and malformed headers). It fails on
// any 5xx, and on any answer that is neither a 200 with JSON nor a problem
// document of the expected status; it reports requests/s and the p50 and
// p99 latency of the requests that are not slow by design (a slow body
// waits for the read timeout).
func BenchmarkLoad(b *testing.B) {
	addr, _ := startServer(b, testTimeouts, io.Discard)
	mix := loadMix(b)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()
	const clients = 64
	var (
		mu       sync.Mutex
		lat      []time.Duration
		requests int
		failures []string
		statuses = map[int]int{}
	)
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		var wg sync.WaitGroup
		for c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var my []time.Duration
				var bad []string
				for i := range mix {
					q := mix[(c+i)%len(mix)]
					t0 := time.Now()
					var r rawResponse
					if q.raw != "" {
						r = rawRequest(addr, q.raw, "", 0)
					} else {
						r = send(client, "http://"+addr+q.path, q.ctype, q.body)
					}
					if !q.slow {
						my = append(my, time.Since(t0))
					}
					if msg := checkLoadAnswer(q, r); msg != "" {
						bad = append(bad, msg)
					}
					mu.Lock()
					statuses[r.status]++
					mu.Unlock()
				}
				mu.Lock()
				lat = append(lat, my...)
				requests += len(mix)
				failures = append(failures, bad...)
				mu.Unlock()
			}()
		}
		wg.Wait()
	}
	elapsed := time.Since(start)
	if len(failures) > 0 {
		b.Fatalf("%d of %d answers wrong; the first: %s", len(failures), requests, failures[0])
	}
	for s := range statuses {
		if s >= 500 {
			b.Fatalf("5xx answers: %v", statuses)
		}
	}
	slices.Sort(lat)
	b.ReportMetric(float64(requests)/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

// send posts body and reads the whole answer.
func send(c *http.Client, url, ctype, body string) rawResponse {
	resp, err := c.Post(url, ctype, strings.NewReader(body))
	if err != nil {
		return rawResponse{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return rawResponse{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), body: string(b), err: err}
}

// checkLoadAnswer returns what is wrong with the answer r to q, or "".
func checkLoadAnswer(q loadReq, r rawResponse) string {
	switch {
	case r.err != nil:
		return fmt.Sprintf("%s: no answer: %v", q.kind, r.err)
	case r.status != q.status:
		return fmt.Sprintf("%s: status %d, want %d: %.200s", q.kind, r.status, q.status, r.body)
	case r.status == 200:
		if r.contentType != "application/json" || !json.Valid([]byte(r.body)) {
			return fmt.Sprintf("%s: 200 without JSON: %q %.200s", q.kind, r.contentType, r.body)
		}
	default:
		var p Problem
		if err := json.Unmarshal([]byte(r.body), &p); err != nil || r.contentType != "application/problem+json" || p.Status != r.status || p.Detail == "" {
			return fmt.Sprintf("%s: %d not a problem document: %q %.200s", q.kind, r.status, r.contentType, r.body)
		}
	}
	if clearID.MatchString(r.body) {
		return fmt.Sprintf("%s: identity number in clear: %.200s", q.kind, r.body)
	}
	return ""
}

// TestLoadMix runs each request of the load mix once, so that the mix
// itself is checked by the ordinary tests.
func TestLoadMix(t *testing.T) {
	addr, _ := startServer(t, testTimeouts, io.Discard)
	client := &http.Client{Timeout: 10 * time.Second}
	for _, q := range loadMix(t) {
		var r rawResponse
		if q.raw != "" {
			r = rawRequest(addr, q.raw, "", 0)
		} else {
			r = send(client, "http://"+addr+q.path, q.ctype, q.body)
		}
		if msg := checkLoadAnswer(q, r); msg != "" {
			t.Error(msg)
		}
	}
}
