package main

import (
	"sync"

	"github.com/openfupin/fupin/poverty"
)

// The demonstration store behind GET /report: the results of POST
// /v1/assess, in memory only, never written anywhere, at most maxStored of
// them, the oldest dropped first when a new one arrives. It holds the
// figures the page draws (the household's key, year, province, per-capita
// income, resident members, status and the lines used), never the
// household itself: no member, no identity number (a key that looks like
// one is refused before anything is stored). A restart empties it.

// maxStored is the store's bound.
const maxStored = 10_000

// storedResult is one assessment as the store keeps it.
type storedResult struct {
	id        string
	year      int
	region    poverty.Region
	perCapita poverty.Money
	residents int
	status    poverty.Status
	code      string // the reason code
	boundary  poverty.Boundary
	standard  *poverty.Threshold // nil: none in force
	line      poverty.Threshold
}

// resultStore is a ring of at most limit results (maxStored when limit is
// 0). The zero value is an empty store; it is safe for concurrent use.
type resultStore struct {
	mu    sync.Mutex
	limit int
	buf   []storedResult
	start int // index of the oldest result once the ring is full
}

func (s *resultStore) bound() int {
	if s.limit > 0 {
		return s.limit
	}
	return maxStored
}

// add stores r, dropping the oldest result when the store is full.
func (s *resultStore) add(r storedResult) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.buf) < s.bound() {
		s.buf = append(s.buf, r)
		return
	}
	s.buf[s.start] = r
	s.start = (s.start + 1) % len(s.buf)
}

// len reports how many results the store holds.
func (s *resultStore) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.buf)
}

// of returns the stored results of one year and province, oldest first;
// a household assessed more than once counts once, with its latest result.
func (s *resultStore) of(year int, region poverty.Region) []storedResult {
	s.mu.Lock()
	var all []storedResult
	for i := range s.buf {
		r := s.buf[(s.start+i)%len(s.buf)]
		if r.year == year && r.region == region {
			all = append(all, r)
		}
	}
	s.mu.Unlock()
	last := make(map[string]int, len(all))
	for i, r := range all {
		last[r.id] = i
	}
	out := all[:0]
	for i, r := range all {
		if last[r.id] == i {
			out = append(out, r)
		}
	}
	return out
}
