package main

import (
	"bytes"
	"cmp"
	"container/heap"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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
	workers  int // goroutines; households are split between them
	lines    poverty.Lines
	concept  poverty.IncomeConcept // the concept the county's platform records incomes in
	scheme   *risk.Scheme          // nil when none is in force
	params   risk.Params
	catalog  *risk.Catalog
	kids     *children.Rules        // schemes and check parameters
	labor    *labor.EmploymentRules // nil when the rules are not in force for the year
	laborErr error
	collect  bool // keep every household's status, category and tier (for a what-if comparison)
}

// overlaySchemes puts a caller's tier schemes (a reform) over the
// embedded ones and the configuration's, and picks the scheme in force
// again.
func (m *model) overlaySchemes(extra risk.Schemes) error {
	schemes := risk.DefaultSchemes()
	if len(m.cfg.Tiers) > 0 {
		own, err := risk.LoadSchemes(bytes.NewReader(m.cfg.Tiers), "county.json tiers")
		if err != nil {
			return err
		}
		schemes = schemes.Overlay(own)
	}
	m.scheme = nil
	if s, ok := schemes.Overlay(extra).For(m.cfg.Province, m.cfg.Year); ok {
		m.scheme = &s
	}
	return nil
}

// newModel resolves the configuration against the thresholds table (nil:
// the embedded one) with the lookup options.
func newModel(cfg Config, table *poverty.Table, opts poverty.LookupOptions) (*model, error) {
	if table == nil {
		table = poverty.Default()
	}
	m := &model{cfg: cfg, on: poverty.MustDate(cfg.Year, time.December, 31),
		identify: poverty.MustDate(cfg.Year, time.December, 31), followUp: poverty.MustDate(cfg.Year+1, time.June, 15), params: risk.DefaultParams(),
		catalog: risk.DefaultCatalog(), kids: children.Default()}
	var err error
	if m.lines, err = table.LinesFor(cfg.Year, cfg.Province, cfg.Boundary, opts); err != nil {
		return nil, err
	}
	// The model county's platform records incomes in the concept of its
	// province's monitoring line where the line states one (net income for
	// the provincial lines from 2021, as the provinces' notices do), and
	// otherwise in the generator's default (disposable income, the 2020
	// guidance's concept). Households are never relabelled afterwards; a
	// line that does not accept the recorded concept refuses them, and the
	// report counts each refusal.
	m.concept = (gen.Config{Year: cfg.Year}).Defaults().Concept
	if c := m.lines.Monitoring.Concept; c != poverty.ConceptNotStated && c != poverty.ConceptUnknown {
		m.concept = c
	}
	schemes := risk.DefaultSchemes()
	if len(cfg.Tiers) > 0 {
		own, err := risk.LoadSchemes(bytes.NewReader(cfg.Tiers), "county.json tiers")
		if err != nil {
			return nil, err
		}
		schemes = schemes.Overlay(own)
	}
	if s, ok := schemes.For(cfg.Province, cfg.Year); ok {
		m.scheme = &s
	}
	m.labor, m.laborErr = laborRules(cfg)
	m.workers = runtime.GOMAXPROCS(0)
	// The follow-up is in the next year: its own line where the table has
	// one, otherwise this year's line carried forward, marked stale.
	if m.fuLine, err = table.MonitoringLine(cfg.Year+1, cfg.Province, opts); err != nil {
		// A value the sources do not give, supplied by this example: say so.
		m.fuLine = m.lines.Monitoring
		m.fuLine.Stale = true
		m.fuLine.Provenance = poverty.Provenance{
			Source: fmt.Sprintf("the %d line carried forward by the county example, because %v; was: %s",
				cfg.Year, err, m.lines.Monitoring.Provenance.Cite()),
			Status: poverty.Example, Scope: m.lines.Monitoring.Scope,
		}
	}
	return m, nil
}

func laborRules(cfg Config) (*labor.EmploymentRules, error) {
	p := labor.DefaultParams()
	opts := poverty.LookupOptions{AcceptSecondary: true}
	age, err := labor.Lookup[labor.AgeLimits](p, cfg.Labor.AgeLimits, cfg.Year, opts)
	if err != nil {
		return nil, err
	}
	st, err := labor.Lookup[labor.StableRule](p, cfg.Labor.Stable, cfg.Year, opts)
	if err != nil {
		return nil, err
	}
	tr, err := labor.Lookup[labor.TransferRule](p, cfg.Labor.Transfer, cfg.Year, opts)
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

	dist    distribution           // what the HTML page draws beyond the text report
	results []risk.HouseholdResult // every household's status, category and tier, when the model collects them
}

// distribution holds what the HTML page draws and the text forms leave
// out: every household's per-capita income and resident members (the
// weights of the measures), the status flows of the year and the
// monitored categories' outcome at the follow-up.
type distribution struct {
	perCapita  []poverty.Money
	residents  []float64
	statusFlow counter // "from>to": status on 1 January (registration as at the end of the year before) and at the end of the year
	caseFlow   counter // "category>stage": category at identification, stage after the follow-up test
	standard   *poverty.Threshold
	line       poverty.Threshold
	cap        *risk.Param
	boundary   poverty.Boundary
}

// Headline holds the county-wide figures.
type Headline struct {
	Households       int            `json:"households"`
	Members          int            `json:"members"`
	Residents        int            `json:"residents"`
	MeanPerCapita    poverty.Money  `json:"mean_per_capita"`
	RegisteredMean   poverty.Money  `json:"registered_mean_per_capita"`
	Standard         *poverty.Money `json:"standard"` // null: no standard in force (from 2021)
	MonitoringLine   poverty.Money  `json:"monitoring_line"`
	Shown            [2]string      `json:"-"` // the standard and line as a person reads them: approximate, derived, status
	ByStatus         []risk.Count   `json:"by_status"`
	ExitTested       int            `json:"exit_tested"` // households lifted out in the year, exit test re-run
	ExitFailed       int            `json:"exit_failed"`
	ExitFailedBy     []risk.Count   `json:"exit_failed_by"`
	Warnings         []risk.Count   `json:"warnings"` // households with each warning rule triggered
	WarnedHouseholds int            `json:"warned_households"`
	Monitored        risk.Report    `json:"monitored"`
	// ToRegister counts the households the 2020 guidance puts (back) on
	// the registered list (returned_poor, newly_poor): below the standard,
	// not monitored, no case opened.
	ToRegister []risk.Count `json:"to_register,omitempty"`
	// Windows says which income each decision read: its concept and months.
	Windows map[string]string `json:"income_windows"`
	// CapDeep is the same share against the deep-poverty cap (at most
	// 10%); Cap is against the general cap (about 5%). Both are the 2020
	// guide's; the share is a finding of the model, not a target it is
	// tuned to.
	CapDeep *risk.CapResult `json:"cap_deep,omitempty"`
	// Concept is the income concept the county's platform records.
	Concept          poverty.IncomeConcept `json:"income_concept"`
	Cap              *risk.CapResult       `json:"cap,omitempty"`
	Tiers            []risk.Count          `json:"tiers,omitempty"`
	Scheme           string                `json:"tier_scheme,omitempty"`
	Children         int                   `json:"children"`
	LeftBehind       int                   `json:"left_behind"`
	Unattended       int                   `json:"de_facto_unattended"`
	ChildFlags       []risk.Count          `json:"child_flags"`
	MustReport       int                   `json:"children_to_report"`
	Labour           *labor.Tally          `json:"labour,omitempty"`
	WorkingAges      string                `json:"working_ages,omitempty"` // the age rule of the labour figures, and the province it is borrowed for
	TransferRate     poverty.Rate          `json:"transfer_rate,omitempty"`
	PoorShare        poverty.Rate          `json:"supported_poor_share,omitempty"`
	WorkshopJobs     int                   `json:"workshop_jobs"`
	WorkshopPoor     int                   `json:"workshop_jobs_registered"`
	Measures         []risk.Count          `json:"measures_proposed"`
	Identified       poverty.Date          `json:"identified_on"`
	FollowUp         poverty.Date          `json:"follow_up_on"`
	NotEliminatedBy  []risk.Count          `json:"not_eliminated_by"` // failed criteria of the elimination test
	ClassifyFailures map[string]int        `json:"classify_failures,omitempty"`
	Lines            map[string]string     `json:"lines"`
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
	yellow, green int // the other tiers, for the page's stacked bars
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
	if cf == 0 {
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
		case f == risk.Illness && severe, f == risk.UnstableEmployment, f == risk.Disability, f == risk.LackOfLabor:
		default:
			resolved |= risk.FactorsOf(f)
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

// shard holds the totals of one goroutine's share of the households, and
// its reusable buffers. Shards are merged in order at the end; every total
// is a sum, and the visit list keeps the best by score then position, so
// the report does not depend on the number of shards.
type shard struct {
	hd                                                           Headline // the counts only
	status, exitFail, warnings, tiers, flags, measures, elimFail counter
	register                                                     counter
	failures                                                     map[string]int
	townships                                                    map[int]*Township
	tally                                                        risk.Tally
	lt                                                           *labor.Tally
	visits                                                       visitHeap
	registered                                                   int64
	regSum, allSum                                               poverty.Money
	regN                                                         int

	events  []risk.Event
	kids    []children.Child
	workers []labor.Worker
	jobs    [][]labor.Job

	dist    distribution
	results []risk.HouseholdResult
}

func (m *model) newShard() *shard {
	sh := &shard{status: counter{}, exitFail: counter{}, warnings: counter{}, tiers: counter{}, flags: counter{}, register: counter{},
		measures: counter{}, elimFail: counter{}, failures: map[string]int{}, townships: map[int]*Township{},
		dist: distribution{statusFlow: counter{}, caseFlow: counter{}}}
	if m.labor != nil {
		sh.lt = &labor.Tally{Rules: *m.labor, Poor: labor.GroupRegistered}
	}
	return sh
}

// merge adds o's totals to sh.
func (sh *shard) merge(o *shard) {
	a, b := &sh.hd, &o.hd
	for _, p := range [][2]*int{{&a.Households, &b.Households}, {&a.Members, &b.Members}, {&a.Residents, &b.Residents},
		{&a.ExitTested, &b.ExitTested}, {&a.ExitFailed, &b.ExitFailed}, {&a.WarnedHouseholds, &b.WarnedHouseholds},
		{&a.Children, &b.Children}, {&a.LeftBehind, &b.LeftBehind}, {&a.Unattended, &b.Unattended},
		{&a.MustReport, &b.MustReport}, {&a.WorkshopJobs, &b.WorkshopJobs}, {&a.WorkshopPoor, &b.WorkshopPoor}} {
		*p[0] += *p[1]
	}
	for _, c := range [][2]counter{{sh.status, o.status}, {sh.exitFail, o.exitFail}, {sh.warnings, o.warnings}, {sh.tiers, o.tiers},
		{sh.flags, o.flags}, {sh.measures, o.measures}, {sh.elimFail, o.elimFail}, {sh.failures, o.failures}, {sh.register, o.register},
		{sh.dist.statusFlow, o.dist.statusFlow}, {sh.dist.caseFlow, o.dist.caseFlow}} {
		for k, v := range c[1] {
			c[0][k] += v
		}
	}
	for k, t := range o.townships {
		u := sh.townships[k]
		if u == nil {
			sh.townships[k] = t
			continue
		}
		u.Households += t.Households
		u.BelowStandard += t.BelowStandard
		u.BelowLine += t.BelowLine
		u.Monitored += t.Monitored
		u.Warned += t.Warned
		u.Red += t.Red
		u.Orange += t.Orange
		u.LeftBehind += t.LeftBehind
		u.WorkshopJobs += t.WorkshopJobs
		u.sum += t.sum
		u.yellow += t.yellow
		u.green += t.green
	}
	sh.results = append(sh.results, o.results...)
	sh.dist.perCapita = append(sh.dist.perCapita, o.dist.perCapita...)
	sh.dist.residents = append(sh.dist.residents, o.dist.residents...)
	sh.tally.Merge(&o.tally)
	if sh.lt != nil && o.lt != nil {
		sh.lt.Merge(o.lt)
	}
	for _, v := range o.visits {
		sh.visits.offer(v, len(sh.visits)+len(o.visits))
	}
	sh.registered += o.registered
	sh.regSum += o.regSum
	sh.allSum += o.allSum
	sh.regN += o.regN
}

// offer keeps v if it is among the best limit visits.
func (h *visitHeap) offer(v Visit, limit int) {
	if h.Len() < limit {
		heap.Push(h, v)
	} else if limit > 0 && visitHeap([]Visit{(*h)[0], v}).Less(0, 1) {
		(*h)[0] = v
		heap.Fix(h, 0)
	}
}

// household runs every package over one generated household and adds
// what it found to the shard's totals.
func (m *model) household(sh *shard, rec *gen.Record) {
	h := &rec.Household
	tk := rec.CountyNo*1000 + rec.Township
	ts := sh.townships[tk]
	if ts == nil {
		ts = &Township{Township: townshipName(rec)}
		sh.townships[tk] = ts
	}
	ts.Households++
	sh.hd.Households++
	sh.hd.Members += len(h.Members)
	res := h.Residents()
	sh.hd.Residents += res
	var reasons []string
	score := 0

	// Income and sh.status (poverty).
	cl, err := poverty.Classify(h, &m.lines)
	if err != nil {
		sh.failures[failureKey("status", err)]++
		return
	}
	sh.status[cl.Status.String()]++
	var out *risk.HouseholdResult
	if m.collect {
		line := "no line"
		if m.lines.Monitoring.Amount != 0 {
			line = "the monitoring line " + m.lines.Monitoring.Amount.String()
		}
		sh.results = append(sh.results, risk.HouseholdResult{Household: h.ID, Group: ts.Township, People: res, Status: cl.Status,
			Reasons: []string{cl.Status.Code() + ": per-capita income " + cl.PerCapita.Amount.String() + " against " + line}})
		out = &sh.results[len(sh.results)-1]
	}
	sh.dist.perCapita = append(sh.dist.perCapita, cl.PerCapita.Amount)
	sh.dist.residents = append(sh.dist.residents, float64(cl.Residents))
	{
		// The status on 1 January: the registration as it stood at the end
		// of the year before, the same incomes.
		start := *h
		r := &start.Registration
		if r.Returned == m.cfg.Year {
			r.Returned = 0
		}
		if r.Exited == m.cfg.Year {
			r.Exited = 0
		}
		if r.Registered == m.cfg.Year {
			*r = poverty.Registration{}
		}
		if c0, err := poverty.Classify(&start, &m.lines); err == nil {
			sh.dist.statusFlow[c0.Status.String()+">"+cl.Status.String()]++
		}
	}
	sh.allSum += cl.PerCapita.Amount
	ts.sum += cl.PerCapita.Amount
	if h.Registration.Registered != 0 {
		sh.registered += int64(res)
		sh.regSum += cl.PerCapita.Amount
		sh.regN++
	}
	if cl.BelowStandard {
		ts.BelowStandard++
		score += 3
		reasons = append(reasons, cl.Status.Code()+": per-capita income "+cl.PerCapita.String()+" of "+strconv.Itoa(h.Year)+" (annual accounts) below the standard "+m.lines.Standard.Amount.String())
	}
	if cl.BelowLine {
		ts.BelowLine++
	}

	// Exit test for households lifted out in the year, as run then.
	if h.Registration.Exited == m.cfg.Year {
		sh.hd.ExitTested++
		before := *h
		before.Registration.Exited, before.Registration.Returned = 0, 0
		ex, err := poverty.ExitTest(&before, m.lines.Standard, rec.Guarantees, m.cfg.Boundary, nil)
		if err != nil {
			sh.failures[failureKey("exit", err)]++
		} else if !ex.Pass {
			sh.hd.ExitFailed++
			score += 4
			for _, c := range ex.Failed() {
				sh.exitFail[c.Code]++
				reasons = append(reasons, c.Code+" failed: "+c.Input)
			}
		}
	}

	// Department sh.warnings and the monitored category (risk), at the
	// end of the year: the sh.events of the 12 months before, and the
	// income of the 12 months to December (a date is read at the close of
	// the day, so identification on 31 December reads the calendar year,
	// the window of status and exit). Assess works as of the date: later
	// events are left out and counted (a.EventsAfter), so the feed needs no
	// filtering here.
	sh.events = rec.RiskEvents(sh.events[:0])
	a, err := risk.Assess(h, sh.events, m.identify, &m.params)
	if err != nil {
		sh.failures[failureKey("assess", err)]++
		return
	}
	if n := a.NumWarnings(); n > 0 {
		sh.hd.WarnedHouseholds++
		ts.Warned++
		score += 2 * n
		for _, c := range a.Warnings() {
			sh.warnings[c.Code()]++
			reasons = append(reasons, c.Code()+": "+brief(&c))
		}
	}
	id, err := risk.Identify(risk.IdentifyInput{Household: h, On: m.identify, Assessment: &a, Guarantees: rec.Guarantees,
		Factors: rec.Factors(m.identify), Boundary: m.cfg.Boundary, Line: &m.lines.Monitoring, Standard: m.standard()})
	if err != nil {
		sh.failures[failureKey("identify", err)]++
		return
	}

	// Colour tier (risk scheme) of the same 12 months.
	tier := risk.TierUnknown
	if m.scheme != nil {
		tr, err := m.scheme.Classify(risk.TierInput{PerCapita: a.PerCapita, Line: &m.lines.Monitoring,
			SevereGuaranteeFailure: a.SevereGuaranteeFailure, Guarantees: &rec.Guarantees})
		if err != nil {
			sh.failures[failureKey("tier", err)]++
		} else {
			tier = tr.Tier
			sh.tiers[tier.String()]++
			if out != nil {
				out.Tier = tier
				out.Reasons = append(out.Reasons, tr.Code+" "+tier.String()+": "+tr.Reason)
			}
			switch tier {
			case risk.Yellow:
				ts.yellow++
			case risk.Green:
				ts.green++
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

	// Monitored households: a case with the proposed sh.measures from the
	// day after identification, and the elimination test at the
	// follow-up visit (risk).
	idReason := id.Code() + ": per-capita income " + id.IncomeLabel() + ", monitoring line " + id.Line.Amount.String()
	if id.Standard.Kind != "" {
		idReason += ", standard " + id.Standard.Amount.String()
	}
	if out != nil {
		out.Category = id.Category
		if id.Category != risk.CategoryNone {
			out.Reasons = append(out.Reasons, idReason)
		}
	}
	if id.Category != risk.CategoryNone && !id.Category.Monitored() {
		// Below the standard under the 2020 guidance: the household goes
		// (back) on the registered list; it is not monitored, no case.
		sh.register[id.Category.String()]++
		score += 3
		reasons = append(reasons, idReason+": to be put (back) on the registered list ("+id.Document.Name+")")
	}
	if id.Category.Monitored() {
		ts.Monitored++
		score += 3
		reasons = append(reasons, idReason)
		c, err := m.openCase(rec, &id, &a, tier, sh.measures)
		if err != nil {
			sh.failures[failureKey("case", err)]++
		} else {
			res, err := m.followUpTest(rec, c, sh.events)
			switch {
			case err != nil:
				sh.failures[failureKey("elimination", err)]++
			case res.Pass:
				if err := c.Eliminate(&res); err != nil {
					sh.failures[failureKey("elimination", err)]++
				}
			default:
				for _, f := range res.Failed() {
					sh.elimFail[f.Code]++
				}
				reasons = append(reasons, "case not eliminated at the follow-up on "+m.followUp.String()+": "+failedCodes(res.Failed()))
			}
			sh.tally.Add(c)
			sh.dist.caseFlow[id.Category.String()+">"+c.Stage().String()]++
		}
	}

	// Children (children).
	sh.kids = rec.Children(sh.kids[:0], m.on)
	for i := range sh.kids {
		sh.hd.Children++
		kc, err := m.kids.Classify(&sh.kids[i], m.on)
		if err != nil {
			sh.failures[failureKey("children", err)]++
			return
		}
		fl, err := m.kids.Check(&sh.kids[i], &kc)
		if err != nil {
			sh.failures[failureKey("children", err)]++
			return
		}
		switch kc.Status() {
		case children.LeftBehind:
			sh.hd.LeftBehind++
			ts.LeftBehind++
		case children.Unattended:
			sh.hd.Unattended++
			score += 4
			reasons = append(reasons, "child "+sh.kids[i].ID+": de facto unattended")
		}
		if fl.MustReport() {
			sh.hd.MustReport++
		}
		for _, f := range fl.All() {
			sh.flags[f.Code+" ("+f.Severity.String()+")"]++
			if f.Severity == children.Urgent {
				score += 5
				reasons = append(reasons, "child "+sh.kids[i].ID+": "+f.String())
			}
		}
	}

	// Labour (labor).
	var lh labor.Household
	lh, sh.workers, sh.jobs = rec.Labor(sh.workers, sh.jobs)
	if sh.lt != nil {
		if err := sh.lt.Add(&lh, sh.workers, sh.jobs); err != nil {
			sh.failures[failureKey("labour", err)]++
		}
	}
	for i := range sh.jobs {
		for k := range sh.jobs[i] {
			if sh.jobs[i][k].Channel == labor.ChannelWorkshop {
				sh.hd.WorkshopJobs++
				ts.WorkshopJobs++
				if h.Registration.Registered != 0 {
					sh.hd.WorkshopPoor++
				}
			}
		}
	}

	if score > 0 {
		v := Visit{Household: h.ID, Township: ts.Township, Village: fmt.Sprintf("%s-V%02d", ts.Township, rec.Village+1),
			Score: score, Status: cl.Status.String(), PerCapita: cl.PerCapita.Amount.String(), Reasons: reasons, index: rec.Index}
		sh.visits.offer(v, m.cfg.VisitFirst)
	}
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
// read: the second clause of [risk.WarningCheck.Explain].
func brief(c *risk.WarningCheck) string {
	parts := strings.Split(c.Explain(), "; ")
	if len(parts) > 1 {
		return parts[1]
	}
	return parts[0]
}

// standard is the poverty standard of the county's lines for Identify, so
// that it is not looked up again for every household; nil from 2021, when
// none is in force (no document then reads one).
func (m *model) standard() *poverty.Threshold {
	if m.lines.Standard.Kind == "" {
		return nil
	}
	return &m.lines.Standard
}

// rangeOf writes a window as "2020-01..2020-12".
func rangeOf(w poverty.Window) string { return w.From.String() + ".." + w.To.String() }

// run generates the county and runs every package over it, one household
// at a time; progress, when not nil, is called about once a second.
func (m *model) run(progress func(done, total int)) (*Report, error) {
	cfg := m.cfg
	gc := gen.Config{Seed: cfg.Seed, Households: cfg.Size, Year: cfg.Year, Province: cfg.Province, IDNumbers: true, NextMonths: 6,
		Concept: m.concept}
	if err := gc.Validate(); err != nil {
		return nil, err
	}
	r := &Report{Name: cfg.Name, Province: cfg.Province, Year: cfg.Year, Seed: cfg.Seed}
	hd := &r.Headline
	hd.MonitoringLine = m.lines.Monitoring.Amount
	hd.Concept = m.concept
	conceptNote := ""
	if n := m.lines.Monitoring.ConceptNote(m.concept); n != "" {
		conceptNote = "; against the line: " + n
	}
	hd.Windows = map[string]string{
		"status and exit": fmt.Sprintf("per-capita %s of the calendar year %d (annual accounts)%s", m.concept, cfg.Year, conceptNote),
		"warnings, category and tier": fmt.Sprintf("per-capita %s of %s (the 12 months before identification on %s, monthly records: the same calendar year)%s",
			m.concept, rangeOf(poverty.TrailingWindow(m.identify)), m.identify, conceptNote),
	}
	hd.Lines = map[string]string{"monitoring_line": m.lines.Monitoring.Cite()}
	hd.Shown = [2]string{"none in force in " + fmt.Sprint(cfg.Year), m.lines.Monitoring.String() + " [" + m.lines.Monitoring.Label() + "]"}
	if std := m.lines.Standard; std != (poverty.Threshold{}) {
		hd.Standard = &std.Amount
		hd.Lines["standard"] = std.Cite()
		hd.Shown[0] = std.String() + " [" + std.Label() + "]"
	}
	if m.labor == nil {
		r.Notes = append(r.Notes, "labour figures left out: "+m.laborErr.Error())
	}
	if m.scheme != nil {
		hd.Scheme = m.scheme.ID + " (" + m.scheme.Status.String() + "): " + m.scheme.Source
	} else {
		r.Notes = append(r.Notes, fmt.Sprintf("no colour-tier scheme in force for province %s in %d: tiers left out", cfg.Province, cfg.Year))
	}
	shards := make([]*shard, max(1, min(m.workers, cfg.Size/1000+1)))
	var done atomic.Int64
	var wg sync.WaitGroup
	for k := range shards {
		sh := m.newShard()
		shards[k] = sh
		lo, hi := k*cfg.Size/len(shards), (k+1)*cfg.Size/len(shards)
		wg.Add(1)
		go func() {
			defer wg.Done()
			g, _ := gen.New(gc)
			var rec gen.Record
			for i := lo; i < hi; i++ {
				g.Fill(&rec, i)
				m.household(sh, &rec)
				if i&1023 == 1023 {
					done.Add(1024)
				}
			}
		}()
	}
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	tick := time.NewTicker(time.Second)
wait:
	for {
		select {
		case <-finished:
			break wait
		case <-tick.C:
			if progress != nil {
				progress(int(done.Load()), cfg.Size)
			}
		}
	}
	tick.Stop()
	sh := shards[0]
	for _, o := range shards[1:] {
		sh.merge(o)
	}
	status, exitFail, warnings, tiers, flags, measures, elimFail := sh.status, sh.exitFail, sh.warnings, sh.tiers, sh.flags, sh.measures, sh.elimFail
	failures, townships, tally, lt, visits := sh.failures, sh.townships, &sh.tally, sh.lt, &sh.visits
	registered, regSum, allSum, regN := sh.registered, sh.regSum, sh.allSum, sh.regN
	hd.Households, hd.Members, hd.Residents, hd.ExitTested, hd.ExitFailed, hd.WarnedHouseholds = sh.hd.Households,
		sh.hd.Members, sh.hd.Residents, sh.hd.ExitTested, sh.hd.ExitFailed, sh.hd.WarnedHouseholds
	hd.Children, hd.LeftBehind, hd.Unattended, hd.MustReport, hd.WorkshopJobs, hd.WorkshopPoor = sh.hd.Children,
		sh.hd.LeftBehind, sh.hd.Unattended, sh.hd.MustReport, sh.hd.WorkshopJobs, sh.hd.WorkshopPoor
	if hd.Households > 0 {
		hd.MeanPerCapita = allSum / poverty.Money(hd.Households)
	}
	if regN > 0 {
		hd.RegisteredMean = regSum / poverty.Money(regN)
	}
	hd.ByStatus, hd.ExitFailedBy, hd.Warnings, hd.Tiers, hd.ChildFlags, hd.Measures, hd.NotEliminatedBy =
		status.list(), exitFail.list(), warnings.list(), tiers.list(), flags.list(), measures.list(), elimFail.list()
	hd.ToRegister = sh.register.list()
	if len(hd.ToRegister) == 0 {
		hd.ToRegister = nil
	}
	hd.Identified, hd.FollowUp = m.identify, m.followUp
	if m.fuLine.Status == poverty.Example {
		r.Notes = append(r.Notes, "follow-up line: "+m.fuLine.Cite())
	}
	if len(hd.Tiers) == 0 {
		hd.Tiers = nil
	}
	if len(failures) > 0 {
		hd.ClassifyFailures = failures
	}
	hd.Monitored = tally.Report()
	if registered > 0 {
		cr, err := hd.Monitored.CapTest(registered, false, &m.params)
		if err == nil {
			hd.Cap = &cr
		}
		if cd, err := hd.Monitored.CapTest(registered, true, &m.params); err == nil {
			hd.CapDeep = &cd
		}
	}
	if lt != nil {
		hd.Labour = lt
		hd.WorkingAges = lt.Rules.WorkingAges(m.cfg.Province)
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
	r.dist = sh.dist
	r.results = sh.results
	r.dist.line, r.dist.boundary = m.lines.Monitoring, m.cfg.Boundary
	if std := m.lines.Standard; std != (poverty.Threshold{}) {
		r.dist.standard = &std
	}
	if hd.Cap != nil {
		r.dist.cap = &hd.Cap.Cap
	}
	r.Visit = slices.Clone([]Visit(*visits))
	slices.SortFunc(r.Visit, func(a, b Visit) int {
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		return a.index - b.index
	})
	r.Visit = r.Visit[:min(len(r.Visit), cfg.VisitFirst)]
	r.Sources = []string{
		"standard: " + cmp.Or(hd.Lines["standard"], hd.Shown[0]),
		"monitoring line: " + hd.Lines["monitoring_line"],
		"population: internal/gen, seed " + fmt.Sprint(cfg.Seed) + " (calibration in internal/gen/calibration.md); " + gc.Defaults().SafetyNetSource,
	}
	return r, nil
}

func townshipName(rec *gen.Record) string {
	if rec.CountyNo > 0 {
		return fmt.Sprintf("C%02d-T%02d", rec.CountyNo+1, rec.Township+1)
	}
	return fmt.Sprintf("T%02d", rec.Township+1)
}
