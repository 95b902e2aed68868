package main

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/openfupin/fupin/poverty"
)

// server holds the state every handler shares: the thresholds table and
// the logger (read-only), and the demonstration store of assessed
// households behind GET /report (store.go). Handlers are safe for
// concurrent use.
type server struct {
	table   *poverty.Table
	log     *slog.Logger
	maxBody int64
	results resultStore
}

// route is one endpoint: its method and handler. A handler returns the
// response value, or a *Problem.
type route struct {
	method string
	handle func(w http.ResponseWriter, r *http.Request) (any, *Problem)
}

// routes returns the service's handler: every endpoint, a JSON 404 for
// unknown paths and a JSON 405 (with Allow) for wrong methods, each
// request logged.
func (s *server) routes() http.Handler {
	table := map[string]route{
		"/healthz":   {http.MethodGet, s.health},
		"/v1/assess": {http.MethodPost, s.assess},
		"/v1/exit":   {http.MethodPost, s.exit},
		"/v1/tier":   {http.MethodPost, s.tier},
		"/report":    {http.MethodGet, s.report},
		// Children and workshops.
		"/v1/children/classify": {http.MethodPost, s.child},
		"/v1/workshops/impact":  {http.MethodPost, s.impact},
	}
	mux := http.NewServeMux()
	for path, rt := range table {
		mux.Handle(path, s.endpoint(rt))
	}
	mux.Handle("/", s.endpoint(route{handle: func(w http.ResponseWriter, r *http.Request) (any, *Problem) {
		return nil, newProblem(http.StatusNotFound, typeNotFound, "", "no endpoint at "+r.URL.Path)
	}}))
	return mux
}

// endpoint wraps a route: method check, panic guard, response encoding
// (writeJSON, the boundary that masks identity numbers) and the access log
// line, which records what was delivered: the status when the response
// went out, or status 0 with the status that could not be sent and why.
func (s *server) endpoint(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		var p *Problem
		defer func() {
			if v := recover(); v != nil {
				p = newProblem(http.StatusInternalServerError, typeInternal, "", "internal error")
				writeProblem(sw, p)
				s.log.Error("panic", "path", r.URL.Path, "panic", maskIDs(toString(v)))
			}
			status := sw.status
			attrs := []any{"method", r.Method, "path", r.URL.Path}
			if sw.err != nil {
				attrs = append(attrs, "status", 0, "unsent_status", status, "write_error", writeError(sw.err))
			} else {
				attrs = append(attrs, "status", status, "bytes", sw.bytes)
			}
			attrs = append(attrs, "duration", time.Since(start))
			if p != nil {
				attrs = append(attrs, "problem", p.Type, "field", p.Field, "detail", p.Detail)
			}
			s.log.LogAttrs(r.Context(), slog.LevelInfo, "request", argsToAttrs(attrs)...)
		}()
		if rt.method != "" && r.Method != rt.method {
			sw.Header().Set("Allow", rt.method)
			p = newProblem(http.StatusMethodNotAllowed, typeMethod, "", r.Method+" is not allowed here; use "+rt.method)
			writeProblem(sw, p)
			return
		}
		v, prob := rt.handle(sw, r)
		if prob != nil {
			p = prob
			writeProblem(sw, p)
			return
		}
		if page, ok := v.(htmlPage); ok {
			writeHTML(sw, page)
			return
		}
		writeJSON(sw, http.StatusOK, "application/json", v)
	})
}

func toString(v any) string {
	if e, ok := v.(error); ok {
		return e.Error()
	}
	if s, ok := v.(string); ok {
		return s
	}
	return "panic"
}

func argsToAttrs(args []any) []slog.Attr {
	out := make([]slog.Attr, 0, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		out = append(out, slog.Any(args[i].(string), args[i+1]))
	}
	return out
}

func (s *server) health(http.ResponseWriter, *http.Request) (any, *Problem) {
	return map[string]string{"status": "ok", "data_vintage": s.table.Vintage()}, nil
}

// PolicyOptions are the request's explicit policy choices.
type PolicyOptions struct {
	// Boundary decides an income exactly at a line: "below" (default:
	// strictly below counts as below) or "at_or_below".
	Boundary poverty.Boundary `json:"boundary"`
	// AcceptSecondary accepts thresholds from a secondary source.
	AcceptSecondary bool `json:"accept_secondary"`
	// Lenient carries the last confirmed line forward past its year.
	Lenient bool `json:"lenient"`
}

func (o PolicyOptions) lookup() poverty.LookupOptions {
	return poverty.LookupOptions{AcceptSecondary: o.AcceptSecondary, Lenient: o.Lenient}
}

// AssessRequest is the body of POST /v1/assess.
type AssessRequest struct {
	Household poverty.Household `json:"household"`
	PolicyOptions
}

// Reason is one decision's reason: the stable code, the rule's text, its
// source and the explanation in words.
type Reason struct {
	Code    string `json:"code"`
	Rule    string `json:"rule"`
	Source  string `json:"source"`
	Explain string `json:"explain"`
}

// AssessResponse is the result of POST /v1/assess.
type AssessResponse struct {
	HouseholdID    string                 `json:"household_id"`
	Year           int                    `json:"year"`
	Region         poverty.Region         `json:"region"`
	Classification poverty.Classification `json:"classification"`
	Reason         Reason                 `json:"reason"`
	Standard       poverty.Threshold      `json:"standard,omitzero"`
	MonitoringLine poverty.Threshold      `json:"monitoring_line"`
}

func (s *server) assess(w http.ResponseWriter, r *http.Request) (any, *Problem) {
	var req AssessRequest
	if p := decodeJSON(w, r, s.maxBody, &req); p != nil {
		return nil, p
	}
	h := &req.Household
	if isIdentityKey(h.ID) {
		return nil, identityKeyProblem("household.id")
	}
	if err := h.Validate(); err != nil {
		return nil, validationProblem("household", err)
	}
	lines, err := s.table.LinesFor(h.Year, h.Province(), req.Boundary, req.lookup())
	if err != nil {
		return nil, lookupProblem("household.year", err)
	}
	cl, err := poverty.Classify(h, &lines)
	if err != nil {
		return nil, validationProblem("household", err)
	}
	rule, _ := poverty.RuleFor(cl.Status.Code())
	stored := storedResult{id: h.ID, year: h.Year, region: h.Province(), perCapita: cl.PerCapita.Amount, residents: cl.Residents,
		status: cl.Status, code: cl.Status.Code(), boundary: lines.Boundary, line: lines.Monitoring}
	if lines.Standard.Kind != "" {
		std := lines.Standard
		stored.standard = &std
	}
	s.results.add(stored)
	return AssessResponse{
		HouseholdID: h.ID, Year: h.Year, Region: h.Province(), Classification: cl,
		Reason:   Reason{Code: cl.Status.Code(), Rule: rule.Rule, Source: rule.Source, Explain: cl.Explain()},
		Standard: lines.Standard, MonitoringLine: lines.Monitoring,
	}, nil
}

// ExitRequest is the body of POST /v1/exit.
type ExitRequest struct {
	Household  poverty.Household  `json:"household"`
	Guarantees poverty.Guarantees `json:"guarantees"`
	PolicyOptions
}

func (s *server) exit(w http.ResponseWriter, r *http.Request) (any, *Problem) {
	var req ExitRequest
	if p := decodeJSON(w, r, s.maxBody, &req); p != nil {
		return nil, p
	}
	h := &req.Household
	if isIdentityKey(h.ID) {
		return nil, identityKeyProblem("household.id")
	}
	if err := h.Validate(); err != nil {
		return nil, validationProblem("household", err)
	}
	std, err := s.table.Standard(h.Year, h.Province(), req.lookup())
	if err != nil {
		return nil, lookupProblem("household.year", err)
	}
	res, err := poverty.ExitTest(h, std, req.Guarantees, req.Boundary, nil)
	if err != nil {
		return nil, validationProblem("household", err)
	}
	return res, nil
}

// maskingHandler is a slog.Handler that masks identity-number-like text in
// the message and in every string attribute before passing the record on,
// so that no log line carries one in clear whatever a handler logs.
type maskingHandler struct{ next slog.Handler }

func (h maskingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

func (h maskingHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, maskIDs(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(maskAttr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func maskAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, maskIDs(v.String()))
	case slog.KindGroup:
		g := v.Group()
		m := make([]slog.Attr, len(g))
		for i := range g {
			m[i] = maskAttr(g[i])
		}
		return slog.Attr{Key: a.Key, Value: slog.GroupValue(m...)}
	case slog.KindAny:
		return slog.String(a.Key, maskIDs(strings.TrimSpace(v.String())))
	}
	return slog.Attr{Key: a.Key, Value: v}
}

func (h maskingHandler) WithAttrs(as []slog.Attr) slog.Handler {
	m := make([]slog.Attr, len(as))
	for i := range as {
		m[i] = maskAttr(as[i])
	}
	return maskingHandler{h.next.WithAttrs(m)}
}

func (h maskingHandler) WithGroup(name string) slog.Handler {
	return maskingHandler{h.next.WithGroup(name)}
}
