package main

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/internal/golden"
	"github.com/openfupin/fupin/poverty"
)

// validID is the GB 11643 standard's own example number (valid check
// character).
const validID = "11010519491231002X"

func newTestServer(logs io.Writer) http.Handler {
	s := &server{table: poverty.Default(), log: slog.New(maskingHandler{slog.NewJSONHandler(logs, nil)}), maxBody: 1 << 16}
	return s.routes()
}

func do(h http.Handler, method, path, contentType, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestEndpoints checks each endpoint's successful response against a
// golden file.
func TestEndpoints(t *testing.T) {
	tests := []struct{ name, path, body, golden string }{
		{"assess S1 household", "/v1/assess", "assess.json", "assess.golden.json"},
		{"exit S1 household", "/v1/exit", "exit.json", "exit.golden.json"},
		{"tier after a severe event", "/v1/tier", "tier.json", "tier.golden.json"},
		{"tier with housing not secured", "/v1/tier", "tier-guarantees.json", "tier-guarantees.golden.json"},
		{"child living alone", "/v1/children/classify", "child.json", "child.golden.json"},
		{"workshop impact", "/v1/workshops/impact", "impact.json", "impact.golden.json"},
	}
	h := newTestServer(io.Discard)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(h, http.MethodPost, tc.path, "application/json", readFile(t, tc.body))
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, rec.Body.Bytes(), "", "  "); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, tc.golden, pretty.Bytes())
		})
	}
}

// TestConceptPolicy: a net-income household against the 2020 lines is
// compared as the lines' concept policy admits (poverty, issue 12, item
// 7), and the reason says so with its DEFAULT label; before that policy
// it was a 422 concept mismatch.
func TestConceptPolicy(t *testing.T) {
	rec := do(newTestServer(io.Discard), http.MethodPost, "/v1/assess", "", `{"household":{"id":"h","region":"53","year":2020,"concept":"net_income","members":[{"birth_date":"1980-01-01"}]}}`)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "net_income compared with this disposable_income value") || !strings.Contains(rec.Body.String(), "[DEFAULT]") {
		t.Errorf("%d %s", rec.Code, rec.Body.String())
	}
}

// TestTierGuarantees: /v1/tier reads the household's guarantees. The
// Xinjiang scheme defines green as 两不愁三保障 secured (docs/POLICY.md
// 3.1): above 5,000 a head with the house unsafe and no severe event the
// household is yellow (the scheme's DEFAULT), not green; without
// "guarantees" the response says they were not assessed.
func TestTierGuarantees(t *testing.T) {
	h := newTestServer(io.Discard)
	body := readFile(t, "tier-guarantees.json")
	secured := strings.Replace(body, `"not_secured"`, `"secured"`, 1)
	var none map[string]any
	if err := json.Unmarshal([]byte(body), &none); err != nil {
		t.Fatal(err)
	}
	delete(none, "guarantees")
	without, _ := json.Marshal(none)
	type view struct {
		Tier, ByIncome, Code string
		Assessed             bool
		Note                 bool
	}
	for _, tc := range []struct {
		name, body string
		want       view
	}{
		{"housing not secured", body, view{"yellow", "green", "tier.guarantee_not_secured", true, false}},
		{"secured", secured, view{"green", "green", "tier.income", true, false}},
		{"not assessed", string(without), view{"green", "green", "tier.income", false, true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(h, http.MethodPost, "/v1/tier", "application/json", tc.body)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
			}
			var resp TierResponse
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatal(err)
			}
			got := view{resp.Tier.Tier.String(), resp.Tier.ByIncome.String(), resp.Tier.Code, resp.Tier.Guarantees != nil, resp.GuaranteesNotAssessed != ""}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s\n%s", diff, rec.Body.String())
			}
		})
	}
}

// TestProblems checks that bad requests get a 4xx problem naming the
// field or the problem.
func TestProblems(t *testing.T) {
	big := `{"household":{"id":"` + strings.Repeat("a", 1<<16) + `"}}`
	tests := []struct {
		name, method, path, ctype, body string
		status                          int
		typ, field, detail              string
	}{
		{"unknown field", "POST", "/v1/assess", "application/json", `{"household":{"id":"a","colour":"red"}}`, 400, typeInvalid, "household.colour", "unknown field"},
		{"unknown field in a member", "POST", "/v1/assess", "application/json", `{"household":{"id":"a","members":[{},{"foo":1}]}}`, 400, typeInvalid, "household.members[1].foo", `unknown field "foo"`},
		{"unknown field at the top", "POST", "/v1/exit", "application/json", `{"guarantees":{},"foo":{"bar":1}}`, 400, typeInvalid, "foo", `unknown field "foo"`},
		{"same key known elsewhere", "POST", "/v1/assess", "application/json", `{"household":{"income":{"wage":"1","year":2020}}}`, 400, typeInvalid, "household.income.year", `unknown field "year"`},
		{"same text in two fields", "POST", "/v1/assess", "application/json", `{"household":{"id":"12.345","income":{"wage":"12.345"}}}`, 400, typeInvalid, "household.income.wage", "12.345"},
		{"same date twice", "POST", "/v1/assess", "application/json", `{"household":{"id":"2020-02-30","members":[{"birth_date":"1980-01-01"},{"birth_date":"2020-02-30"}]}}`, 400, typeInvalid, "household.members[1].birth_date", "2020-02-30"},
		{"wrong type in a member", "POST", "/v1/assess", "application/json", `{"household":{"members":[{},{},{"months_away":"3"}]}}`, 400, typeInvalid, "household.members[2].months_away", "cannot be a int"},
		{"identity key", "POST", "/v1/assess", "application/json", `{"household":{"id":"` + validID + `","year":2020,"concept":"disposable_income","region":"53","members":[{"birth_date":"1980-01-01"}]}}`, 422, typeInvalid, "household.id", "looks like an identity number"},
		{"identity key: exit", "POST", "/v1/exit", "application/json", `{"household":{"id":"H-` + validID + `"}}`, 422, typeInvalid, "household.id", "looks like an identity number"},
		{"identity key: tier", "POST", "/v1/tier", "application/json", `{"household":{"id":"` + validID[:15] + `"}}`, 422, typeInvalid, "household.id", "looks like an identity number"},
		{"wrong type", "POST", "/v1/assess", "application/json", `{"household":{"year":"2020"}}`, 400, typeInvalid, "household.year", "cannot be a int"},
		{"bad money", "POST", "/v1/assess", "application/json", `{"household":{"income":{"wage":"12.345"}}}`, 400, typeInvalid, "household.income.wage", "12.345"},
		{"bad identity number masked", "POST", "/v1/assess", "application/json", `{"household":{"members":[{},{"id_number":"110105194912310021"}]}}`, 400, typeInvalid, "household.members[1].id_number", "110105********0021"},
		{"bad enum", "POST", "/v1/exit", "application/json", `{"guarantees":{"food":"maybe"}}`, 400, typeInvalid, "guarantees.food", "unknown word"},
		{"bad boundary", "POST", "/v1/assess", "application/json", `{"boundary":"near"}`, 400, typeInvalid, "boundary", "near"},
		{"two values", "POST", "/v1/assess", "application/json", `{} {}`, 400, typeMalformed, "", "exactly one JSON value"},
		{"truncated", "POST", "/v1/assess", "application/json", `{"household":{`, 400, typeMalformed, "", "ends inside"},
		{"syntax", "POST", "/v1/assess", "application/json", `{"household":}`, 400, typeMalformed, "", "malformed JSON at byte"},
		{"empty", "POST", "/v1/assess", "application/json", ``, 400, typeMalformed, "", "empty"},
		{"too large", "POST", "/v1/assess", "application/json", big, 413, typeTooLarge, "", "larger than"},
		{"form body", "POST", "/v1/assess", "application/x-www-form-urlencoded", `a=b`, 415, typeMediaType, "", "application/json"},
		{"validation", "POST", "/v1/assess", "", `{"household":{"id":"h","year":2020,"members":[{"months_away":13}]}}`, 422, typeInvalid, "household.concept", "4 problems"},
		{"birth date contradicts id", "POST", "/v1/assess", "", `{"household":{"id":"h","year":2020,"concept":"disposable_income","members":[{"id_number":"` + validID + `","birth_date":"1950-01-01"}]}}`, 422, typeInvalid, "household.members[0].birth_date", "110105********002X"},
		{"no line for the year", "POST", "/v1/assess", "", `{"household":{"id":"h","region":"44","year":2023,"concept":"net_income","members":[{"birth_date":"1980-01-01"}]}}`, 422, typeNoValue, "household.year", "2023"},
		{"method", "GET", "/v1/assess", "", ``, 405, typeMethod, "", "use POST"},
		{"tier: no scheme", "POST", "/v1/tier", "", `{"household":{"id":"h","region":"53","year":2020,"concept":"disposable_income","members":[{"birth_date":"1980-01-01"}]},"on":"2020-09-01"}`, 422, typeNoValue, "scheme", "no colour-tier scheme"},
		{"tier: no date", "POST", "/v1/tier", "", `{"household":{"id":"h","region":"65","year":2020,"concept":"disposable_income","members":[{"birth_date":"1980-01-01"}]}}`, 422, typeInvalid, "on", "required"},
		{"tier: event field", "POST", "/v1/tier", "", `{"household":{"id":"h","region":"65","year":2020,"concept":"disposable_income","members":[{"birth_date":"1980-01-01"}]},"on":"2020-09-01","events":[{"type":"cadre_visit","date":"2020-05-01","loss":"1"}]}`, 400, typeInvalid, "events[0].loss", "not a field"},
		{"tier: months missing", "POST", "/v1/tier", "", `{"household":{"id":"h","region":"65","year":2020,"concept":"disposable_income","members":[{"birth_date":"1980-01-01"}],"monthly":[{"month":"2020-05","income":{"wage":"100"}}]},"on":"2020-09-01","events":[{"type":"cadre_visit","date":"2020-05-01"}]}`, 422, typeInvalid, "household.monthly", "incomplete"},
		{"tier: bad guarantee", "POST", "/v1/tier", "", `{"guarantees":{"food":"secured","housing":"unsafe"}}`, 400, typeInvalid, "guarantees.housing", "unknown word"},
		{"tier: unknown guarantee", "POST", "/v1/tier", "", `{"guarantees":{"water":"secured"}}`, 400, typeInvalid, "guarantees.water", "unknown field"},
		{"tier: no income at all", "POST", "/v1/tier", "", `{"household":{"id":"h","region":"65","year":2020,"concept":"disposable_income","members":[{"birth_date":"1980-01-01"}]},"on":"2020-09-01","events":[{"type":"cadre_visit","date":"2020-05-01"}]}`, 422, typeInvalid, "household.income", "no monthly records and no annual income"},
		{"child: bad word", "POST", "/v1/children/classify", "", `{"child":{"id":"c","father":{"situation":"on_holiday"}},"on":"2020-01-01"}`, 400, typeInvalid, "child.father.situation", "unknown word"},
		{"child: no birth date", "POST", "/v1/children/classify", "", `{"child":{"id":"c"},"on":"2020-01-01"}`, 422, typeInvalid, "child.birth_date", "missing"},
		{"impact: schema", "POST", "/v1/workshops/impact", "", `{"records":{"schema":"other"},"year":2019,"baseline_year":2017,"region":"62"}`, 422, typeInvalid, "records.schema", "unknown word"},
		{"impact: no lines for the baseline year", "POST", "/v1/workshops/impact", "", `{"records":{"schema":"fupin.labor.records/1"},"year":2023,"baseline_year":2022,"region":"62"}`, 422, typeNoValue, "baseline_year", "2022"},
		{"impact: 2017 standard UNCONFIRMED, not supplied", "POST", "/v1/workshops/impact", "", `{"records":{"schema":"fupin.labor.records/1"},"year":2019,"baseline_year":2017,"region":"62","accept_secondary":true}`, 422, typeNoValue, "baseline_year", "value unconfirmed"},
		{"impact: standard supplied for a year the data hold", "POST", "/v1/workshops/impact", "", `{"records":{"schema":"fupin.labor.records/1"},"year":2020,"baseline_year":2019,"baseline_standard":"3000","region":"62","accept_secondary":true}`, 422, typeInvalid, "baseline_standard", "the data hold the standard of 2019"},
		{"impact: no lines for the year", "POST", "/v1/workshops/impact", "", `{"records":{"schema":"fupin.labor.records/1"},"year":2021,"baseline_year":2020,"region":"62"}`, 422, typeNoValue, "year", "2021"},
		{"impact: lines_year is gone", "POST", "/v1/workshops/impact", "", `{"records":{"schema":"fupin.labor.records/1"},"year":2020,"baseline_year":2020,"lines_year":2020,"region":"62"}`, 400, typeInvalid, "lines_year", "unknown field"},
		{"not found", "GET", "/v2/other", "", ``, 404, typeNotFound, "", "/v2/other"},
	}
	var logs bytes.Buffer
	h := newTestServer(&logs)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(h, tc.method, tc.path, tc.ctype, tc.body)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body.String())
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("Content-Type %q", ct)
			}
			var p Problem
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
				t.Fatal(err)
			}
			if p.Status != tc.status || p.Type != tc.typ || p.Field != tc.field || !strings.Contains(p.Detail, tc.detail) {
				t.Errorf("problem %+v, want type %s field %q detail containing %q", p, tc.typ, tc.field, tc.detail)
			}
		})
	}
	if tc := "405"; !strings.Contains(logs.String(), `"status":`+tc) {
		t.Errorf("no access log line for the 405: %s", logs.String())
	}
	assertNoClearIDs(t, logs.String())
}

// clearID matches what poverty.MaskIDsIn masks: a run of 14 or more
// digits and Xs (an 18- or 15-character identity number, or part of one).
var clearID = regexp.MustCompile(`[0-9Xx]{14,}`)

func assertNoClearIDs(t *testing.T, s string) {
	t.Helper()
	if m := clearID.FindString(s); m != "" {
		t.Errorf("an identity number in clear: %s", m)
	}
}

// TestLogMasking logs identity numbers every way a handler might and
// checks that none reaches the output in clear.
func TestLogMasking(t *testing.T) {
	var b bytes.Buffer
	log := slog.New(maskingHandler{slog.NewJSONHandler(&b, nil)})
	id := mustIDNumber(validID)
	log.Info("household "+validID, "raw", validID, "parsed", id, "err", &poverty.FieldError{Record: validID, Field: "x", Err: poverty.ErrRange})
	log.With("who", validID).WithGroup("g").Info("x", "inner", validID, slog.Group("deeper", "id", validID))
	if b.Len() == 0 || !strings.Contains(b.String(), "110105********002X") {
		t.Fatalf("logs: %s", b.String())
	}
	assertNoClearIDs(t, b.String())
}

func TestHealth(t *testing.T) {
	rec := do(newTestServer(io.Discard), "GET", "/healthz", "", "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), poverty.DataVintage) {
		t.Errorf("%d %s", rec.Code, rec.Body.String())
	}
}

// FuzzEndpoints sends arbitrary bodies to every POST endpoint: never a
// panic, never a 5xx; an error is always a problem with a detail.
func FuzzEndpoints(f *testing.F) {
	// Small seeds, so that a short run fuzzes instead of minimising; the
	// full request files are TestEndpoints' and the load mix's.
	hh := `{"id":"h","region":"65","year":2020,"concept":"disposable_income","members":[{"birth_date":"1980-01-01"}],"income":{"wage":"3000"}}`
	f.Add(uint8(0), `{"household":`+hh+`}`)
	f.Add(uint8(1), `{"household":`+hh+`,"guarantees":{"food":"secured"}}`)
	f.Add(uint8(2), `{"household":`+hh+`,"on":"2020-09-01","events":[{"type":"cadre_visit","date":"2020-05-01"}]}`)
	f.Add(uint8(2), `{"household":`+hh+`,"on":"2020-09-01","guarantees":{"housing":"not_secured"}}`)
	f.Add(uint8(3), `{"child":{"id":"c","birth_date":"2015-01-01","hukou":"rural","father":{"situation":"deceased"},"mother":{"situation":"migrant_out_of_province"}},"on":"2020-01-01"}`)
	f.Add(uint8(4), `{"records":{"schema":"fupin.labor.records/1","workshops":[{"id":"s","type":"factory"}]},"year":2019,"baseline_year":2017,"region":"62"}`)
	f.Add(uint8(0), `{"household":{"members":[{"id_number":"`+validID+`"}]}}`)
	f.Add(uint8(1), `{"guarantees":{"food":"secured"},"boundary":"at_or_below"}`)
	f.Add(uint8(0), `[1,2,{"a":null}]`)
	var logs bytes.Buffer
	h := newTestServer(&logs)
	paths := []string{"/v1/assess", "/v1/exit", "/v1/tier", "/v1/children/classify", "/v1/workshops/impact"}
	f.Fuzz(func(t *testing.T, which uint8, body string) {
		logs.Reset()
		rec := do(h, "POST", paths[int(which)%len(paths)], "application/json", body)
		if rec.Code >= 500 {
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body.String())
		}
		if rec.Code >= 400 {
			var p Problem
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Detail == "" || p.Status != rec.Code || rec.Header().Get("Content-Type") != "application/problem+json" {
				t.Fatalf("status %d without a problem detail for %q: %s", rec.Code, body, rec.Body.String())
			}
			// A 400 that names a field names one the body has: the path
			// comes from the decoder's position. (Masked keys cannot be
			// followed.)
			if rec.Code == 400 && p.Field != "" && !strings.Contains(p.Field, "*") && !dottedKeys([]byte(body)) && !hasPath([]byte(body), p.Field) {
				t.Fatalf("field %q is not in the body %q", p.Field, body)
			}
		} else if rec.Code != 200 || !json.Valid(rec.Body.Bytes()) || rec.Header().Get("Content-Type") != "application/json" {
			t.Fatalf("status %d, invalid JSON response: %s", rec.Code, rec.Body.String())
		}
		assertNoClearIDs(t, rec.Body.String())
		assertNoClearIDs(t, logs.String())
	})
}

// dottedKeys reports whether the body has a key a dotted path cannot
// name (one holding '.', '[' or ']').
func dottedKeys(body []byte) bool {
	var v any
	json.NewDecoder(bytes.NewReader(body)).Decode(&v)
	var walk func(any) bool
	walk = func(v any) bool {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if strings.ContainsAny(k, ".[]") || walk(x) {
					return true
				}
			}
		case []any:
			for _, x := range v {
				if walk(x) {
					return true
				}
			}
		}
		return false
	}
	return walk(v)
}

// hasPath reports whether the JSON body has a value at path
// ("household.members[1].id_number"; keys as encoding/json matches them,
// case-insensitively).
func hasPath(body []byte, path string) bool {
	var v any
	if json.NewDecoder(bytes.NewReader(body)).Decode(&v) != nil {
		return false
	}
	for path != "" {
		var step string
		if strings.HasPrefix(path, "[") {
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return false
			}
			step, path = path[:end+1], strings.TrimPrefix(path[end+1:], ".")
			a, ok := v.([]any)
			i, err := strconv.Atoi(step[1 : len(step)-1])
			if !ok || err != nil || i >= len(a) {
				return false
			}
			v = a[i]
			continue
		}
		end := strings.IndexAny(path, ".[")
		if end < 0 {
			end = len(path)
		}
		step, path = path[:end], strings.TrimPrefix(path[end:], ".")
		m, ok := v.(map[string]any)
		if !ok {
			return false
		}
		found := false
		for k, x := range m {
			if strings.EqualFold(k, step) {
				v, found = x, true
				if k == step {
					break
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}
