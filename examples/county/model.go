package main

import (
	"bytes"
	"container/heap"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/openfupin/fupin/children"
	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/labor"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// Config is the county model's configuration (county.json, embedded; a
// caller's file in the same shape with -config). Flags override size,
// seed, year and province.
type Config struct {
	About      string           `json:"about"`
	Name       string           `json:"name"`
	Province   poverty.Region   `json:"province"`
	Year       int              `json:"year"`
	Size       int              `json:"size"`
	Seed       uint64           `json:"seed"`
	Boundary   poverty.Boundary `json:"boundary"`
	VisitFirst int              `json:"visit_first"`
	Tiers      json.RawMessage  `json:"tiers"`
	Labor      LaborConfig      `json:"labor"`
}

// LaborConfig names the labour rules (IDs in package labor's parameters).
type LaborConfig struct {
	AgeLimits string `json:"age_limits"`
	Stable    string `json:"stable"`
	Transfer  string `json:"transfer"`
}

// decodeConfig reads a configuration strictly.
func decodeConfig(b []byte) (Config, error) {
	var c Config
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	if dec.More() {
		return Config{}, errors.New("config: more than one JSON value")
	}
	return c, nil
}

// model holds everything the run reads: the lines, the tier scheme, the
// measure catalogue, the warning parameters, the child rules and checks,
// the labour rules.
type model struct {
	cfg      Config
	on       poverty.Date // the date of the report: 31 December of the year
	identify poverty.Date // identification: 31 December of the year
	followUp poverty.Date // the follow-up visit and elimination test: 15 June of the next year
	fuLine   poverty.Threshold
	lines    poverty.Lines
	scheme   *risk.Scheme // nil when none is in force
	params   risk.Params
	catalog  *risk.Catalogue
	kids     *children.Rules
	checks   children.Checks
	labor    *labor.EmploymentRules // nil when the rules are not in force for the year
	laborErr error
}

// newModel resolves the configuration against the thresholds table (nil:
// the embedded one) with the lookup options.
func newModel(cfg Config, table *poverty.Table, opts poverty.LookupOptions) (*model, error) {
	if table == nil {
		table = poverty.Default()
	}
	m := &model{cfg: cfg, on: poverty.MustDate(cfg.Year, time.December, 31),
		identify: poverty.MustDate(cfg.Year, time.December, 31), followUp: poverty.MustDate(cfg.Year+1, time.June, 15), params: risk.DefaultParams(),
		catalog: risk.DefaultCatalogue(), kids: children.Default(), checks: children.DefaultChecks()}
	var err error
	if m.lines, err = table.LinesFor(cfg.Year, cfg.Province, cfg.Boundary, opts); err != nil {
		return nil, err
	}
	schemes := risk.DefaultSchemes()
	if len(cfg.Tiers) > 0 {
		own, err := risk.LoadSchemes(bytes.NewReader(cfg.Tiers), "county.json tiers")
		if err != nil {
			return nil, err
		}
		schemes = append(own, schemes...)
	}
	for i := range schemes {
		if schemes[i].Region == cfg.Province && schemes[i].InForce(cfg.Year) {
			m.scheme = &schemes[i]
			break
		}
	}
	m.labor, m.laborErr = laborRules(cfg)
	// The follow-up is in the next year: its own line where the table has
	// one, otherwise this year's line carried forward, marked stale.
	if m.fuLine, err = table.MonitoringLine(cfg.Year+1, cfg.Province, opts); err != nil {
		m.fuLine = m.lines.Monitoring
		m.fuLine.Stale = true
		m.fuLine.Note = fmt.Sprintf("carried forward from %d by the county model: %v", cfg.Year, err)
	}
	return m, nil
}

func laborRules(cfg Config) (*labor.EmploymentRules, error) {
	p := labor.DefaultParams()
	opts := poverty.LookupOptions{AcceptSecondary: true}
	age, err := p.AgeLimits(cfg.Labor.AgeLimits, cfg.Year, opts)
	if err != nil {
		return nil, err
	}
	st, err := p.StableRule(cfg.Labor.Stable, cfg.Year, opts)
	if err != nil {
		return nil, err
	}
	tr, err := p.TransferRule(cfg.Labor.Transfer, cfg.Year, opts)
	if err != nil {
		return nil, err
	}
	return &labor.EmploymentRules{Year: cfg.Year, Age: age, Stable: st, Transfer: tr}, nil
}

// Report is the county report.
type Report struct {
	Name      string         `json:"name"`
	Province  poverty.Region `json:"province"`
	Year      int            `json:"year"`
	Seed      uint64         `json:"seed"`
	Headline  Headline       `json:"headline"`
	Townships []Township     `json:"townships"`
	Visit     []Visit        `json:"visit_first"`
	Sources   []string       `json:"sources"`
	Notes     []string       `json:"notes,omitempty"`
}

// Headline holds the county-wide figures.
type Headline struct {
	Households       int               `json:"households"`
	Members          int               `json:"members"`
	Residents        int               `json:"residents"`
	MeanPerCapita    poverty.Money     `json:"mean_per_capita"`
	RegisteredMean   poverty.Money     `json:"registered_mean_per_capita"`
	Standard         poverty.Money     `json:"standard"`
	MonitoringLine   poverty.Money     `json:"monitoring_line"`
	ByStatus         []risk.Count      `json:"by_status"`
	ExitTested       int               `json:"exit_tested"` // households lifted out in the year, exit test re-run
	ExitFailed       int               `json:"exit_failed"`
	ExitFailedBy     []risk.Count      `json:"exit_failed_by"`
	Warnings         []risk.Count      `json:"warnings"` // households with each warning rule triggered
	WarnedHouseholds int               `json:"warned_households"`
	Monitored        risk.Report       `json:"monitored"`
	Cap              *risk.CapResult   `json:"cap,omitempty"`
	Tiers            []risk.Count      `json:"tiers,omitempty"`
	Scheme           string            `json:"tier_scheme,omitempty"`
	Children         int               `json:"children"`
	LeftBehind       int               `json:"left_behind"`
	Unattended       int               `json:"de_facto_unattended"`
	ChildFlags       []risk.Count      `json:"child_flags"`
	MustReport       int               `json:"children_to_report"`
	Labour           *labor.Tally      `json:"labour,omitempty"`
	TransferRate     poverty.Rate      `json:"transfer_rate,omitempty"`
	PoorShare        poverty.Rate      `json:"supported_poor_share,omitempty"`
	WorkshopJobs     int               `json:"workshop_jobs"`
	WorkshopPoor     int               `json:"workshop_jobs_registered"`
	Measures         []risk.Count      `json:"measures_proposed"`
	Identified       poverty.Date      `json:"identified_on"`
	FollowUp         poverty.Date      `json:"follow_up_on"`
	NotEliminatedBy  []risk.Count      `json:"not_eliminated_by"` // failed criteria of the elimination test
	ClassifyFailures map[string]int    `json:"classify_failures,omitempty"`
	Lines            map[string]string `json:"lines"`
}

// Township is one row of the table by township.
type Township struct {
	Township      string        `json:"township"`
	Households    int           `json:"households"`
	MeanPerCapita poverty.Money `json:"mean_per_capita"`
	BelowStandard int           `json:"below_standard"`
	BelowLine     int           `json:"below_monitoring_line"`
	Monitored     int           `json:"monitored"`
	Warned        int           `json:"warned"`
	Red           int           `json:"red"`
	Orange        int           `json:"orange"`
	LeftBehind    int           `json:"left_behind_children"`
	WorkshopJobs  int           `json:"workshop_jobs"`
	sum           poverty.Money
}

// Visit is a household to visit first, with its reasons.
type Visit struct {
	Household string   `json:"household"`
	Township  string   `json:"township"`
	Village   string   `json:"village"`
	Score     int      `json:"score"`
	Status    string   `json:"status"`
	PerCapita string   `json:"per_capita"`
	Reasons   []string `json:"reasons"`
	index     int
}

// visitHeap keeps the top visits: a min-heap by (score, -index), so the
// lowest-priority visit is dropped first and ties go to the earlier
// household.
type visitHeap []Visit

func (h visitHeap) Len() int { return len(h) }
func (h visitHeap) Less(i, j int) bool {
	if h[i].Score != h[j].Score {
		return h[i].Score < h[j].Score
	}
	return h[i].index > h[j].index
}
func (h visitHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *visitHeap) Push(x any)   { *h = append(*h, x.(Visit)) }
func (h *visitHeap) Pop() any {
	old := *h
	v := old[len(old)-1]
	*h = old[:len(old)-1]
	return v
}

// counter counts words in first-seen-independent, sorted output.
type counter map[string]int

func (c counter) list() []risk.Count {
	out := make([]risk.Count, 0, len(c))
	for k, v := range c {
		out = append(out, risk.Count{Key: k, Count: v})
	}
	slices.SortFunc(out, func(a, b risk.Count) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// openCase opens the monitored household's case through the channel that
// found it, records the tier, and adds the measures the catalogue
// proposes for its factors and workers, from the day after
// identification.
func (m *model) openCase(rec *gen.Record, id *risk.Identification, a *risk.Assessment, tier risk.Tier, measures counter) (*risk.Case, error) {
	h := &rec.Household
	channel := risk.CadreVisit
	if a.NumWarnings() > 0 {
		channel = risk.DepartmentWarning
	}
	// A case names its risk factors; a household identified on income
	// alone, with no factor recorded, gets "other" (99).
	cf := id.Factors
	if cf.Len() == 0 {
		cf = risk.FactorsOf(risk.OtherFactor)
	}
	c, err := risk.Open(risk.CaseInfo{ID: "case-" + h.ID, HouseholdID: h.ID, Region: m.cfg.Province, County: h.County,
		Category: id.Category, Factors: cf, Channel: channel, Members: h.Residents()}, m.identify, id.Code())
	if err != nil {
		return nil, err
	}
	if tier != risk.TierUnknown {
		if err := c.RecordTier(m.identify, tier, "tier at identification"); err != nil {
			return nil, err
		}
	}
	start := m.identify.AddDays(1)
	for k, p := range m.catalog.Propose(cf, h.Workers()) {
		measures[p.Measure.Code]++
		mr := risk.MeasureRecord{Code: p.Measure.Code, Type: p.Measure.Type, Start: start}
		if k == 0 {
			err = c.StartAssistance(start, mr, p.Reason.Code)
		} else {
			err = c.AddMeasure(start, mr, p.Reason.Code)
		}
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

// followUpTest runs the risk-elimination test at the follow-up visit in
// the next year on the household's own incomes (the model does not add the
// measures' effects to them), against the next year's line or, where none
// is confirmed, this year's carried forward and marked stale. The
// generated events all fall in the year, so there is no new risk from
// departments. The factors verified as resolved are the model's reading
// (an assumption): a serious illness (a severe claim) and unstable
// employment persist, disability and lack of labour never resolve, other
// factors (minor illness, a disaster's damage, income-only risks) are
// resolved after six months.
func (m *model) followUpTest(rec *gen.Record, c *risk.Case, events []risk.Event) (risk.EliminationResult, error) {
	severe := false
	for i := range events {
		severe = severe || (events[i].Kind == risk.MedicalClaim && events[i].Severe)
	}
	var resolved risk.FactorSet
	for _, f := range c.Info().Factors.List() {
		switch {
		case f == risk.Illness && severe, f == risk.UnstableEmployment, f == risk.Disability, f == risk.LackOfLabour:
		default:
			resolved = resolved.With(f)
		}
	}
	return risk.EliminationTest(risk.EliminationInput{Case: c, Household: &rec.Household, On: m.followUp, Line: &m.fuLine,
		Boundary: m.cfg.Boundary, Guarantees: rec.Guarantees, Resolved: resolved}, &m.params)
}

func failedCodes(cs []poverty.Criterion) string {
	codes := make([]string, len(cs))
	for i, c := range cs {
		codes[i] = c.Code
	}
	return strings.Join(codes, ", ")
}

// failureKey names a rejection by stage and cause, without the record,
// so that failures aggregate.
func failureKey(stage string, err error) string {
	var fe *poverty.FieldError
	if errors.As(err, &fe) {
		return stage + ": field " + fe.Field + ": " + fe.Err.Error()
	}
	return stage + ": " + err.Error()
}

// brief returns the part of a warning's explanation that says what it
// read: the second clause of [risk.Check.Explain].
func brief(c *risk.Check) string {
	parts := strings.Split(c.Explain(), "; ")
	if len(parts) > 1 {
		return parts[1]
	}
	return parts[0]
}

// run generates the county and runs every package over it, one household
// at a time; progress, when not nil, is called about once a second.
func (m *model) run(progress func(done, total int)) (*Report, error) {
	cfg := m.cfg
	gc := gen.Config{Seed: cfg.Seed, Households: cfg.Size, Year: cfg.Year, Province: cfg.Province, IDNumbers: true, NextMonths: 6}
	if err := gc.Validate(); err != nil {
		return nil, err
	}
	r := &Report{Name: cfg.Name, Province: cfg.Province, Year: cfg.Year, Seed: cfg.Seed}
	hd := &r.Headline
	hd.Standard, hd.MonitoringLine = m.lines.Standard.Amount, m.lines.Monitoring.Amount
	hd.Lines = map[string]string{"standard": m.lines.Standard.Cite(), "monitoring_line": m.lines.Monitoring.Cite()}
	status, exitFail, warnings, tiers, flags, measures, elimFail := counter{}, counter{}, counter{}, counter{}, counter{}, counter{}, counter{}
	failures := map[string]int{}
	townships := map[int]*Township{}
	var tally risk.Tally
	var lt *labor.Tally
	if m.labor != nil {
		lt = &labor.Tally{Rules: *m.labor, Poor: labor.GroupRegistered}
	} else {
		r.Notes = append(r.Notes, "labour figures left out: "+m.laborErr.Error())
	}
	if m.scheme != nil {
		hd.Scheme = m.scheme.ID + " (" + m.scheme.Status.String() + "): " + m.scheme.Source
	} else {
		r.Notes = append(r.Notes, fmt.Sprintf("no colour-tier scheme in force for province %s in %d: tiers left out", cfg.Province, cfg.Year))
	}
	visits := &visitHeap{}
	var events []risk.Event
	var kids []children.Child
	var workers []labor.Worker
	var jobs [][]labor.Job
	var registered int64
	var regSum, allSum poverty.Money
	var regN int
	last := time.Now()
	for rec := range gc.All() {
		h := &rec.Household
		if progress != nil && time.Since(last) >= time.Second {
			progress(rec.Index, cfg.Size)
			last = time.Now()
		}
		tk := rec.CountyNo*1000 + rec.Township
		ts := townships[tk]
		if ts == nil {
			ts = &Township{Township: townshipName(rec)}
			townships[tk] = ts
		}
		ts.Households++
		hd.Households++
		hd.Members += len(h.Members)
		res := h.Residents()
		hd.Residents += res
		var reasons []string
		score := 0

		// Income and status (poverty).
		cl, err := poverty.Classify(h, &m.lines)
		if err != nil {
			failures[failureKey("status", err)]++
			continue
		}
		status[cl.Status.String()]++
		allSum += cl.PerCapita.Amount
		ts.sum += cl.PerCapita.Amount
		if h.Registration.Registered != 0 {
			registered += int64(res)
			regSum += cl.PerCapita.Amount
			regN++
		}
		if cl.BelowStandard {
			ts.BelowStandard++
			score += 3
			reasons = append(reasons, cl.Code()+": per-capita income "+cl.PerCapita.Amount.String()+" below the standard "+m.lines.Standard.Amount.String())
		}
		if cl.BelowLine {
			ts.BelowLine++
		}

		// Exit test for households lifted out in the year, as run then.
		if h.Registration.Exited == cfg.Year {
			hd.ExitTested++
			before := *h
			before.Registration.Exited, before.Registration.Returned = 0, 0
			ex, err := poverty.ExitTest(&before, m.lines.Standard, rec.Guarantees, cfg.Boundary, nil)
			if err != nil {
				failures[failureKey("exit", err)]++
			} else if !ex.Pass {
				hd.ExitFailed++
				score += 4
				for _, c := range ex.Failed() {
					exitFail[c.Code]++
					reasons = append(reasons, c.Code+" failed: "+c.Input)
				}
			}
		}

		// Department warnings and the monitored category (risk), at the
		// end of the year: the events of the 12 months before, and the
		// income of the 12 months to November.
		events = rec.RiskEvents(events[:0])
		early := events[:0:0]
		for i := range events {
			if !events[i].Date.After(m.identify) {
				early = append(early, events[i])
			}
		}
		a, err := risk.Assess(h, early, m.identify, &m.params)
		if err != nil {
			failures[failureKey("assess", err)]++
			continue
		}
		if n := a.NumWarnings(); n > 0 {
			hd.WarnedHouseholds++
			ts.Warned++
			score += 2 * n
			for _, c := range a.Warnings() {
				warnings[c.Code()]++
				reasons = append(reasons, c.Code()+": "+brief(&c))
			}
		}
		id, err := risk.Identify(risk.IdentifyInput{Household: h, On: m.identify, Assessment: &a, Guarantees: rec.Guarantees,
			Factors: rec.Factors(m.identify), Boundary: cfg.Boundary, Line: &m.lines.Monitoring})
		if err != nil {
			failures[failureKey("identify", err)]++
			continue
		}

		// Colour tier (risk scheme) of the same 12 months.
		tier := risk.TierUnknown
		if m.scheme != nil {
			tr, err := m.scheme.Classify(risk.TierInput{PerCapita: a.PerCapita, Line: &m.lines.Monitoring,
				SevereGuaranteeFailure: a.SevereGuaranteeFailure()})
			if err != nil {
				failures[failureKey("tier", err)]++
			} else {
				tier = tr.Tier
				tiers[tier.String()]++
				switch tier {
				case risk.Red:
					ts.Red++
					score += 5
					reasons = append(reasons, tr.Code+" red: "+tr.Reason)
				case risk.Orange:
					ts.Orange++
					score += 3
					reasons = append(reasons, tr.Code+" orange: "+tr.Reason)
				}
			}
		}

		// Monitored households: a case with the proposed measures from the
		// day after identification, and the elimination test at the
		// follow-up visit (risk).
		if id.Category != risk.CategoryNone {
			ts.Monitored++
			score += 3
			reasons = append(reasons, id.Code()+": per-capita income "+id.PerCapita.Amount.String()+" over the 12 months to "+id.On.String()+
				", monitoring line "+id.Line.Amount.String())
			c, err := m.openCase(rec, &id, &a, tier, measures)
			if err != nil {
				failures[failureKey("case", err)]++
			} else {
				res, err := m.followUpTest(rec, c, events)
				switch {
				case err != nil:
					failures[failureKey("elimination", err)]++
				case res.Pass:
					if err := c.Eliminate(&res); err != nil {
						failures[failureKey("elimination", err)]++
					}
				default:
					for _, f := range res.Failed() {
						elimFail[f.Code]++
					}
					reasons = append(reasons, "case not eliminated at the follow-up on "+m.followUp.String()+": "+failedCodes(res.Failed()))
				}
				tally.Add(c)
			}
		}

		// Children (children).
		kids = rec.Children(kids[:0], m.on)
		for i := range kids {
			hd.Children++
			kc, fl, err := m.kids.Assess(&kids[i], m.on, &m.checks)
			if err != nil {
				failures[failureKey("children", err)]++
				continue
			}
			switch kc.Status() {
			case children.LeftBehind:
				hd.LeftBehind++
				ts.LeftBehind++
			case children.Unattended:
				hd.Unattended++
				score += 4
				reasons = append(reasons, "child "+kids[i].ID+": de facto unattended")
			}
			if fl.MustReport() {
				hd.MustReport++
			}
			for _, f := range fl.All() {
				flags[f.Code+" ("+f.Severity.String()+")"]++
				if f.Severity == children.Urgent {
					score += 5
					reasons = append(reasons, "child "+kids[i].ID+": "+f.String())
				}
			}
		}

		// Labour (labor).
		var lh labor.Household
		lh, workers, jobs = rec.Labor(workers, jobs)
		if lt != nil {
			if err := lt.Add(&lh, workers, jobs); err != nil {
				failures[failureKey("labour", err)]++
			}
		}
		for i := range jobs {
			for k := range jobs[i] {
				if jobs[i][k].Channel == labor.ChannelWorkshop {
					hd.WorkshopJobs++
					ts.WorkshopJobs++
					if h.Registration.Registered != 0 {
						hd.WorkshopPoor++
					}
				}
			}
		}

		if score > 0 {
			v := Visit{Household: h.ID, Township: ts.Township, Village: fmt.Sprintf("%s-V%02d", ts.Township, rec.Village+1),
				Score: score, Status: cl.Status.String(), PerCapita: cl.PerCapita.Amount.String(), Reasons: reasons, index: rec.Index}
			if visits.Len() < cfg.VisitFirst {
				heap.Push(visits, v)
			} else if cfg.VisitFirst > 0 && visitHeap([]Visit{(*visits)[0], v}).Less(0, 1) {
				(*visits)[0] = v
				heap.Fix(visits, 0)
			}
		}
	}
	if hd.Households > 0 {
		hd.MeanPerCapita = allSum / poverty.Money(hd.Households)
	}
	if regN > 0 {
		hd.RegisteredMean = regSum / poverty.Money(regN)
	}
	hd.ByStatus, hd.ExitFailedBy, hd.Warnings, hd.Tiers, hd.ChildFlags, hd.Measures, hd.NotEliminatedBy =
		status.list(), exitFail.list(), warnings.list(), tiers.list(), flags.list(), measures.list(), elimFail.list()
	hd.Identified, hd.FollowUp = m.identify, m.followUp
	if m.fuLine.Stale {
		r.Notes = append(r.Notes, "follow-up line: "+m.fuLine.Note)
	}
	if len(hd.Tiers) == 0 {
		hd.Tiers = nil
	}
	if len(failures) > 0 {
		hd.ClassifyFailures = failures
	}
	hd.Monitored = tally.Report()
	if registered > 0 {
		cr, err := hd.Monitored.CheckCap(registered, false, &m.params)
		if err == nil {
			hd.Cap = &cr
		}
	}
	if lt != nil {
		hd.Labour = lt
		hd.TransferRate, _ = lt.TransferRate()
		hd.PoorShare, _ = lt.PoorShare()
	}
	keys := make([]int, 0, len(townships))
	for k := range townships {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		t := townships[k]
		if t.Households > 0 {
			t.MeanPerCapita = t.sum / poverty.Money(t.Households)
		}
		r.Townships = append(r.Townships, *t)
	}
	r.Visit = []Visit(*visits)
	slices.SortFunc(r.Visit, func(a, b Visit) int {
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		return a.index - b.index
	})
	r.Sources = []string{
		"status: " + m.lines.Standard.Source,
		"monitoring line: " + m.lines.Monitoring.Source,
		"population: internal/gen, seed " + fmt.Sprint(cfg.Seed) + " (calibration in internal/gen/calibration.md)",
	}
	return r, nil
}

func townshipName(rec *gen.Record) string {
	if rec.CountyNo > 0 {
		return fmt.Sprintf("C%02d-T%02d", rec.CountyNo+1, rec.Township+1)
	}
	return fmt.Sprintf("T%02d", rec.Township+1)
}
