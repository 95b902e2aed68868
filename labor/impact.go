package labor

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/openfupin/fupin/children"
	"github.com/openfupin/fupin/poverty"
)

// ImpactOptions are the inputs of [Index.Impact] besides the records.
//
// Income is compared between two yearly snapshots of each worker's
// household: BaselineYear (before the workshop jobs) and Year. Each side's
// per-capita income is compared with the lines of its own income year:
// Before holds the lines of BaselineYear and After those of Year, so that
// a household "crossed the line" only when its income rose above the line
// of the year it was earned in, not because an older income was held
// against a later, higher line. Each line given must be of its side's
// year ([poverty.Threshold] Year, or Year to Until), else the error wraps
// [ErrLineYear]. A line left zero (Kind "") is one the year does not have
// (no monitoring line before 2020, no standard after 2020): the crossings
// of that line are then not assessed ([Impact] StandardAssessed,
// LineAssessed). A side with neither line is [ErrNoParameter] naming its
// year. [ImpactLines] looks up a year's lines; where the data hold the
// year's standard as UNCONFIRMED (2017, 2018) it returns that error, and
// the caller supplies its own value, labelled with its source.
//
// The zero value is not usable: Year, BaselineYear and the lines of both
// years are required.
type ImpactOptions struct {
	Year         int
	BaselineYear int
	// On is the date children are compared on and posts counted on; zero
	// means 31 December of Year.
	On            poverty.Date
	Before, After poverty.Lines
	// ReturnWindowDays is how many days may pass between the end of a
	// migrant job and the start of a workshop job for the worker to count
	// as come home for it; 0 reads the [ReturnWindow] record
	// "returned-home" of Params (the embedded one is the library's
	// reading, 183 days, DEFAULT).
	ReturnWindowDays int
	// Params holds the return window; nil uses [DefaultParams].
	Params *Params
	// Children is the child registry before the workshop jobs; nil leaves
	// the children part out.
	Children *children.Snapshot
	// ChildrenAfter is the registry after; nil projects it from Children,
	// changing only the returned workers' situations (a parent who is a
	// migrant worker in Children and came home for a workshop job is at
	// home from the job's start), so that every change counted is caused
	// by the workshop jobs.
	ChildrenAfter *children.Snapshot
	// Scheme is the left-behind definition; nil uses the primary
	// left-behind scheme of [children.Default].
	Scheme *children.Scheme
}

// HouseholdImpact is the income change of one household with a worker in a
// workshop: per-capita income before and after, its change, the total gain
// and the share of it that workshop wages explain, and where it stood
// against the poverty standard and the monitoring line of each year, each
// income against the lines of its own year (it crossed the standard when
// BelowStandardBefore and not BelowStandardAfter, and the line likewise; a
// Below field is false where its year has no such line, see
// [Impact].StandardAssessed and LineAssessed).
//
// The zero HouseholdImpact is a household with no income change.
type HouseholdImpact struct {
	Household string         `json:"household"`
	Before    poverty.Figure `json:"before"` // per capita, BaselineYear
	After     poverty.Figure `json:"after"`  // per capita, Year
	Change    poverty.Money  `json:"change"` // After - Before, per capita
	// Gain is the household's total income in Year minus in BaselineYear.
	Gain poverty.Money `json:"gain"`
	// WorkshopWages and WorkshopWagesBefore are the household's wages from
	// the workshops in Year and in BaselineYear.
	WorkshopWages       poverty.Money `json:"workshop_wages"`
	WorkshopWagesBefore poverty.Money `json:"workshop_wages_before"`
	// Share is (WorkshopWages - WorkshopWagesBefore) / Gain, rounded half
	// up, when Gain is positive (ShareDefined); it exceeds 1 when other
	// income fell.
	Share        poverty.Rate `json:"share"`
	ShareDefined bool         `json:"share_defined"`

	BelowStandardBefore bool `json:"below_standard_before"`
	BelowStandardAfter  bool `json:"below_standard_after"`
	BelowLineBefore     bool `json:"below_monitoring_line_before"`
	BelowLineAfter      bool `json:"below_monitoring_line_after"`
}

// crossedStandard reports whether the household was below the standard and
// no longer is (false when a year has no standard).
func (h *HouseholdImpact) crossedStandard() bool {
	return h.BelowStandardBefore && !h.BelowStandardAfter
}

// crossedLine reports whether the household was below the monitoring line
// (in the monitoring range) and no longer is.
func (h *HouseholdImpact) crossedLine() bool { return h.BelowLineBefore && !h.BelowLineAfter }

// WorkshopImpact is the part of an [Impact] for one workshop.
//
// The zero WorkshopImpact is a workshop with no job in the year.
type WorkshopImpact struct {
	Workshop         string        `json:"workshop"`
	Jobs             int           `json:"jobs"`
	Workers          int           `json:"workers"`
	JobsRegistered   int           `json:"jobs_registered"`
	JobsMonitored    int           `json:"jobs_monitored"`
	JobsPoor         int           `json:"jobs_poor_or_monitored"`
	WageBill         poverty.Money `json:"wage_bill"`
	ReturnedMigrants int           `json:"returned_migrants"`
	ReturnedParents  int           `json:"returned_parents"`
	ReturnedMothers  int           `json:"returned_mothers"`
	ChildrenReunited int           `json:"children_reunited"`
}

// ErrLineYear reports a line compared with an income of another year:
// [Index.Impact] compares each side's income with the lines of its own
// year.
var ErrLineYear = errors.New("line not of the income's year")

// ImpactLines returns the lines of year in region for [ImpactOptions]
// Before or After: the poverty standard and the monitoring line in force
// that year, each left zero when the year has none (no monitoring line is
// published before 2020, 国开发〔2020〕6号; no standard is in force after
// 2020). Any other failure of a lookup (an UNCONFIRMED standard, as for
// 2017 and 2018, or a SECONDARY one without opts.AcceptSecondary) is
// returned, as is a year with neither line: a *[poverty.FieldError] with
// Op "labor.ImpactLines", Field "year" and the year as Value, wrapping the
// lookup's error, so that the caller can supply its own line, labelled.
func ImpactLines(t *poverty.Table, year int, region poverty.Region, b poverty.Boundary, opts poverty.LookupOptions) (poverty.Lines, error) {
	const op = "labor.ImpactLines"
	absent := func(err error) bool {
		return errors.Is(err, poverty.ErrNotInForce) || errors.Is(err, poverty.ErrUnknownYear)
	}
	std, err := t.Standard(year, region, opts)
	if err != nil && !absent(err) {
		return poverty.Lines{}, fieldErr(op, "lines", "year", itoa(year), err)
	}
	stdErr := err
	mon, err := t.MonitoringLine(year, region, opts)
	if err != nil && !absent(err) {
		return poverty.Lines{}, fieldErr(op, "lines", "year", itoa(year), err)
	}
	if err != nil && stdErr != nil {
		return poverty.Lines{}, fieldErr(op, "lines", "year", itoa(year), errors.Join(stdErr, err))
	}
	return poverty.Lines{Standard: std, Monitoring: mon, Boundary: b}, nil
}

// ofYear reports whether threshold th is the line of year.
func ofYear(th *poverty.Threshold, year int) bool {
	return th.Year == year || (th.Until != 0 && th.Year <= year && year <= th.Until)
}

// checkLines checks that lines are the lines of year, the income year of
// side ("before" or "after").
func checkLines(lines *poverty.Lines, year int, side string) error {
	if lines.Standard.Kind == "" && lines.Monitoring.Kind == "" {
		return fieldErr(opImpact, "impact", "lines."+side, itoa(year), fmt.Errorf(
			"%w: no line of %d given: pass the lines of the income's year (labor.ImpactLines), or your own where the data hold that year's standard UNCONFIRMED (2017, 2018)",
			ErrNoParameter, year))
	}
	for _, l := range [2]struct {
		th   *poverty.Threshold
		name string
	}{{&lines.Standard, "standard"}, {&lines.Monitoring, "monitoring"}} {
		if l.th.Kind != "" && !ofYear(l.th, year) {
			return fieldErr(opImpact, "impact", "lines."+side+"."+l.name, itoa(l.th.Year),
				fmt.Errorf("%w: the %s of %d compared with the income of %d", ErrLineYear, l.th.Kind, l.th.Year, year))
		}
	}
	return nil
}

// Impact is what a set of workshops changed: jobs, jobs held by people from
// registered poor or monitored households, wage bill, households' income
// change and crossings, migrant parents who came home for the jobs, and
// children who stopped being left-behind because of it.
//
// The embedded WorkshopImpact holds the totals over all the workshops
// (Workers counts each worker once however many workshops employ them); its
// Workshop field names them, joined with commas, or "N workshops" for more
// than three.
//
// The fields are the full account; [Impact.String] is the one-line form.
//
// The zero Impact is the impact of no workshop.
type Impact struct {
	WorkshopImpact
	Workshops int `json:"workshops"`
	// BaselineYear and Year are the income years compared, each with the
	// lines of its own year. StandardAssessed reports that both years have
	// a standard (CrossedStandard and FellBelowStandard count only then),
	// LineAssessed that both have a monitoring line (CrossedLine counts
	// only then); the before/after lines are those of [ImpactOptions].
	BaselineYear     int  `json:"baseline_year"`
	Year             int  `json:"year"`
	StandardAssessed bool `json:"standard_assessed"`
	LineAssessed     bool `json:"monitoring_line_assessed"`
	// ReturnWindowDays is the return window the count of returned migrants
	// used, and ReturnWindowSource where it comes from: the record's
	// citation ("returned-home: library default ... [DEFAULT]") or
	// "ImpactOptions.ReturnWindowDays" when the caller set it.
	ReturnWindowDays   int    `json:"return_window_days"`
	ReturnWindowSource string `json:"return_window_source"`
	// PoorShare is JobsPoor / Jobs, rounded half up.
	PoorShare         poverty.Rate `json:"poor_share"`
	Households        int          `json:"households"`
	CrossedStandard   int          `json:"crossed_standard"`
	CrossedLine       int          `json:"crossed_monitoring_line"`
	FellBelowStandard int          `json:"fell_below_standard"`
	// LeftBehindBefore and LeftBehindAfter count left-behind children in
	// the two registries; StartedLeftBehind counts children who became
	// left-behind between them.
	LeftBehindBefore  int               `json:"left_behind_before"`
	LeftBehindAfter   int               `json:"left_behind_after"`
	StartedLeftBehind int               `json:"started_left_behind"`
	PerWorkshop       []WorkshopImpact  `json:"per_workshop"`
	PerHousehold      []HouseholdImpact `json:"per_household"`
}

// String returns the short form: the workshops and the deciding figures,
// each year's income against its own year's standard, "ws: 1 jobs (1 poor
// or monitored), wage bill 24000.00, 1 households crossed the standard (2019 to 2020), 1 returned migrants (window 183
// days), 1 children reunited"; "standard not assessed" when a year has no
// standard.
func (m Impact) String() string {
	crossed := itoa(m.CrossedStandard) + " households crossed the standard"
	if !m.StandardAssessed {
		crossed = "standard not assessed"
	}
	if m.Year != 0 {
		crossed += " (" + itoa(m.BaselineYear) + " to " + itoa(m.Year) + ")"
	}
	return m.Workshop + ": " + itoa(m.Jobs) + " jobs (" + itoa(m.JobsPoor) + " poor or monitored), wage bill " + m.WageBill.String() +
		", " + crossed + ", " + itoa(m.ReturnedMigrants) +
		" returned migrants (window " + itoa(m.ReturnWindowDays) + " days), " + itoa(m.ChildrenReunited) + " children reunited"
}

// Impact measures the workshops with the IDs (nil: every workshop in the
// records, in record order) over opts.Year:
//
//   - Jobs: workshop jobs held at any time in Year; Workers: distinct
//     workers holding them.
//   - JobsRegistered, JobsMonitored, JobsPoor: those held by members of
//     households ever registered (建档立卡, lifted out or not), of monitored
//     households not registered, and of either ([GroupRegisteredOrMonitored]),
//     read from the household's snapshot for Year.
//   - WageBill: the jobs' wages in Year ([Job.WageIn]).
//   - Per household of a worker: per-capita income in BaselineYear and Year
//     (each snapshot's own income plus the wages of all its workers' jobs in
//     that year; see [Household]), the gain, the share of it from workshop
//     wages, and crossings of the lines.
//   - ReturnedMigrants: workers whose workshop job is near home (in the
//     county) and who held a job outside the county
//     ([Place.Outside] InCounty) that ended at most the return window (days)
//     before the workshop job started; ReturnedParents those who are a
//     parent (Parent.ID equal to the worker's ID) of a child in the
//     registry, ReturnedMothers those who are a mother.
//   - ChildrenReunited: children who stop being left-behind between the
//     registries with a parent come home as the primary cause
//     ([children.Causes.Primary]: a child who turned 16 is never claimed),
//     that parent being one of the returned workers.
//
// A workshop, or a worker's household snapshot for either year, that is
// missing is an error naming it, as is a return window that the parameters
// do not serve for Year; every error is a *[poverty.FieldError] with Op
// "labor.Impact". Output is in a stable order: workshops as given,
// households by ID.
func (x *Index) Impact(workshopIDs []string, opts ImpactOptions) (Impact, error) {
	out, err := x.impact(workshopIDs, opts)
	return out, withOp(opImpact, err)
}

// opImpact is the operation of [Index.Impact] in errors.
const opImpact = "labor.Impact"

func (x *Index) impact(workshopIDs []string, opts ImpactOptions) (Impact, error) {
	if opts.BaselineYear < 1 || opts.Year > 9999 || opts.BaselineYear > opts.Year {
		return Impact{}, fieldErr(opImpact, "impact", "year", itoa(opts.BaselineYear)+"-"+itoa(opts.Year), poverty.ErrRange)
	}
	if err := checkLines(&opts.Before, opts.BaselineYear, "before"); err != nil {
		return Impact{}, err
	}
	if err := checkLines(&opts.After, opts.Year, "after"); err != nil {
		return Impact{}, err
	}
	on := opts.On
	if on.IsZero() {
		on = poverty.MustDate(opts.Year, 12, 31)
	}
	window, windowSource := opts.ReturnWindowDays, "ImpactOptions.ReturnWindowDays"
	if window <= 0 {
		params := opts.Params
		if params == nil {
			params = DefaultParams()
		}
		rw, err := lookup[ReturnWindow](params, opImpact, returnWindowID, opts.Year, poverty.LookupOptions{})
		if err != nil {
			return Impact{}, err
		}
		window, windowSource = rw.Days, rw.cite()
	}
	if workshopIDs == nil {
		for i := range x.r.Workshops {
			workshopIDs = append(workshopIDs, x.r.Workshops[i].ID)
		}
	}
	var out Impact
	selected := make(map[string]bool, len(workshopIDs))
	for _, id := range workshopIDs {
		if _, ok := x.workshops[id]; !ok {
			return Impact{}, fieldErr(opImpact, id, "workshop", id, ErrUnknownReference)
		}
		if selected[id] {
			return Impact{}, fieldErr(opImpact, id, "workshop", id, poverty.ErrDuplicate)
		}
		selected[id] = true
	}
	// Parents in the registry, by worker ID: bit 1 parent, bit 2 mother.
	parents := map[string]uint8{}
	if opts.Children != nil {
		for i := range opts.Children.Children {
			c := &opts.Children.Children[i]
			if c.Father.ID != "" {
				parents[c.Father.ID] |= 1
			}
			if c.Mother.ID != "" {
				parents[c.Mother.ID] |= 3
			}
		}
	}
	n := 0
	for _, id := range workshopIDs {
		n += len(x.jobsAt[id])
	}
	returnedAt := map[string]int{}      // worker ID -> index in out.PerWorkshop
	home := map[string]poverty.Date{}   // returned worker ID -> workshop job start
	hhSeen := make(map[string]bool, n)  // households with a workshop job in Year
	lastSeen := make(map[string]int, n) // worker ID -> 1 + index of the last workshop counting them
	hhOrder := make([]string, 0, n)
	for _, id := range workshopIDs {
		wi := WorkshopImpact{Workshop: id}
		k := len(out.PerWorkshop) + 1
		for _, j := range x.jobsAt[id] {
			job := &x.r.Jobs[j]
			sv := job.ServiceIn(opts.Year)
			if sv.Days == 0 {
				continue
			}
			wage, err := job.wage(sv)
			if err != nil {
				return Impact{}, err
			}
			widx := x.workers[job.Worker]
			w := &x.r.Workers[widx]
			h, ok := x.household(w.Household, opts.Year)
			if !ok {
				return Impact{}, fieldErr(opImpact, w.Household, "year", itoa(opts.Year), ErrUnknownReference)
			}
			wi.Jobs++
			if wi.WageBill, err = wi.WageBill.Add(wage); err != nil {
				return Impact{}, fieldErr(opImpact, id, "wage_bill", "", err)
			}
			reg := h.in(GroupRegistered)
			if reg {
				wi.JobsRegistered++
			} else if h.Monitored {
				wi.JobsMonitored++
			}
			if h.in(GroupRegisteredOrMonitored) {
				wi.JobsPoor++
			}
			if last, ok := lastSeen[w.ID]; !ok || last != k {
				if !ok {
					out.Workers++
				}
				lastSeen[w.ID] = k
				wi.Workers++
			}
			if !hhSeen[w.Household] {
				hhSeen[w.Household] = true
				hhOrder = append(hhOrder, w.Household)
			}
			if _, done := returnedAt[w.ID]; !done && x.cameHome(widx, j, window) {
				returnedAt[w.ID] = len(out.PerWorkshop)
				home[w.ID] = job.Start
				wi.ReturnedMigrants++
				if p := parents[w.ID]; p != 0 {
					wi.ReturnedParents++
					if p&2 != 0 {
						wi.ReturnedMothers++
					}
				}
			}
		}
		out.PerWorkshop = append(out.PerWorkshop, wi)
	}
	if opts.Children != nil {
		if err := x.reunited(&out, opts, on, home, returnedAt); err != nil {
			return Impact{}, err
		}
	}
	slices.Sort(hhOrder)
	out.PerHousehold = make([]HouseholdImpact, 0, len(hhOrder))
	for _, hid := range hhOrder {
		hi, err := x.householdImpact(hid, selected, &opts)
		if err != nil {
			return Impact{}, err
		}
		if hi.crossedStandard() {
			out.CrossedStandard++
		}
		if hi.crossedLine() {
			out.CrossedLine++
		}
		if !hi.BelowStandardBefore && hi.BelowStandardAfter {
			out.FellBelowStandard++
		}
		out.PerHousehold = append(out.PerHousehold, hi)
	}
	out.Households = len(out.PerHousehold)
	out.BaselineYear, out.Year = opts.BaselineYear, opts.Year
	out.StandardAssessed = opts.Before.Standard.Kind != "" && opts.After.Standard.Kind != ""
	out.LineAssessed = opts.Before.Monitoring.Kind != "" && opts.After.Monitoring.Kind != ""
	out.Workshops = len(workshopIDs)
	out.ReturnWindowDays, out.ReturnWindowSource = window, windowSource
	out.Workshop = strings.Join(workshopIDs, ",")
	if len(workshopIDs) > 3 {
		out.Workshop = itoa(len(workshopIDs)) + " workshops"
	}
	for i := range out.PerWorkshop {
		p := &out.PerWorkshop[i]
		out.Jobs += p.Jobs
		out.JobsRegistered += p.JobsRegistered
		out.JobsMonitored += p.JobsMonitored
		out.JobsPoor += p.JobsPoor
		out.ReturnedMigrants += p.ReturnedMigrants
		out.ReturnedParents += p.ReturnedParents
		out.ReturnedMothers += p.ReturnedMothers
		out.ChildrenReunited += p.ChildrenReunited
		var err error
		if out.WageBill, err = out.WageBill.Add(p.WageBill); err != nil {
			return Impact{}, fieldErr(opImpact, "impact", "wage_bill", "", err)
		}
	}
	if out.Jobs > 0 {
		var err error
		if out.PoorShare, err = poverty.Ratio(int64(out.JobsPoor), int64(out.Jobs), poverty.RoundHalfUp); err != nil {
			return Impact{}, err
		}
	}
	return out, nil
}

// cameHome reports whether workshop job j is near home (in the county)
// and the worker held a migrant job (outside the county) that ended before
// j started and at most window days before. Other jobs in between do not
// matter, so that recording one more job never undoes a return.
func (x *Index) cameHome(widx, j, window int) bool {
	job := &x.r.Jobs[j]
	if !job.Place.nearHome() {
		return false
	}
	for _, k := range x.jobsOf[widx] {
		o := &x.r.Jobs[k]
		if k != j && o.Place.Outside(InCounty) && !o.End.IsZero() && o.End.Before(job.Start) && job.Start.DayNumber()-o.End.DayNumber() <= window {
			return true
		}
	}
	return false
}

// reunited counts the children who stop being left-behind because a
// returned worker came home.
func (x *Index) reunited(out *Impact, opts ImpactOptions, on poverty.Date, home map[string]poverty.Date, returnedAt map[string]int) error {
	scheme := opts.Scheme
	if scheme == nil {
		s, ok := children.Default().Primary(children.LeftBehind)
		if !ok {
			return fieldErr(opImpact, "children", "scheme", "left_behind", ErrUnknownRule)
		}
		scheme = &s
	}
	before := *opts.Children
	var after children.Snapshot
	if opts.ChildrenAfter != nil {
		after = *opts.ChildrenAfter
	} else {
		after = projectHome(before, home, on)
	}
	ts, err := scheme.Transitions(before, after)
	if err != nil {
		return err
	}
	for i := range ts {
		t := &ts[i]
		if t.Started() {
			out.StartedLeftBehind++
		}
		if !t.Stopped() || t.Causes.Primary() != children.ParentReturned {
			continue
		}
		for _, pc := range [2]children.ParentChange{t.Mother, t.Father} {
			if k, ok := returnedAt[pc.ID]; ok && pc.Before.Migrant() && pc.After == children.AtHome {
				out.PerWorkshop[k].ChildrenReunited++
				break
			}
		}
	}
	for _, sn := range [2]*children.Snapshot{&before, &after} {
		n := 0
		for i := range sn.Children {
			r, err := scheme.Classify(&sn.Children[i], sn.On)
			if err != nil {
				return err
			}
			if r.Outcome == children.Yes {
				n++
			}
		}
		if sn == &before {
			out.LeftBehindBefore = n
		} else {
			out.LeftBehindAfter = n
		}
	}
	return nil
}

// projectHome returns the registry as it stands on on if nothing changed but
// the parents in home coming back: a parent whose ID is in home and who is a
// migrant worker in s is at home from the date home gives. The children of
// s are copied; s is not changed. It is how [Index.Impact] isolates the
// effect of workshop jobs from everything else that happens to children.
func projectHome(s children.Snapshot, home map[string]poverty.Date, on poverty.Date) children.Snapshot {
	out := children.Snapshot{On: on, Children: slices.Clone(s.Children)}
	for i := range out.Children {
		c := &out.Children[i]
		for _, p := range [2]*children.Parent{&c.Father, &c.Mother} {
			if d, ok := home[p.ID]; ok && p.ID != "" && p.Situation.Migrant() && !d.After(on) {
				p.Situation, p.Since, p.Until = children.AtHome, d, poverty.Date{}
			}
		}
	}
	return out
}

// householdImpact computes one household's income change.
func (x *Index) householdImpact(hid string, selected map[string]bool, opts *ImpactOptions) (HouseholdImpact, error) {
	hi := HouseholdImpact{Household: hid}
	var totals [2]poverty.Money
	var pcs [2]poverty.Figure
	var ws [2]poverty.Money
	for k, year := range [2]int{opts.BaselineYear, opts.Year} {
		h, ok := x.household(hid, year)
		if !ok {
			return hi, fieldErr(opImpact, hid, "year", itoa(year), ErrUnknownReference)
		}
		snap := *h
		for _, wi := range x.workersOf[hid] {
			for _, j := range x.jobsOf[wi] {
				job := &x.r.Jobs[j]
				w, err := job.WageIn(year)
				if err != nil {
					return hi, err
				}
				if snap.Income.Wage, err = snap.Income.Wage.Add(w); err != nil {
					return hi, fieldErr(opImpact, hid, "income.wage", "", err)
				}
				if job.Workshop != "" && selected[job.Workshop] {
					if ws[k], err = ws[k].Add(w); err != nil {
						return hi, fieldErr(opImpact, hid, "workshop_wages", "", err)
					}
				}
			}
		}
		t, err := snap.Income.Total()
		if err != nil {
			return hi, fieldErr(opImpact, hid, "income", "", err)
		}
		totals[k] = t
		if pcs[k], err = snap.PerCapita(); err != nil {
			return hi, err
		}
	}
	hi.Before, hi.After = pcs[0], pcs[1]
	hi.Change = pcs[1].Amount - pcs[0].Amount
	hi.Gain = totals[1] - totals[0]
	hi.WorkshopWagesBefore, hi.WorkshopWages = ws[0], ws[1]
	if hi.Gain > 0 {
		r, err := poverty.MoneyRatio(ws[1]-ws[0], hi.Gain, poverty.RoundHalfUp)
		if err != nil {
			return hi, fieldErr(opImpact, hid, "income", "", err)
		}
		hi.Share, hi.ShareDefined = r, true
	}
	for _, c := range [4]struct {
		dst  *bool
		f    poverty.Figure
		line *poverty.Threshold
		b    poverty.Boundary
	}{
		{&hi.BelowStandardBefore, pcs[0], &opts.Before.Standard, opts.Before.Boundary},
		{&hi.BelowStandardAfter, pcs[1], &opts.After.Standard, opts.After.Boundary},
		{&hi.BelowLineBefore, pcs[0], &opts.Before.Monitoring, opts.Before.Boundary},
		{&hi.BelowLineAfter, pcs[1], &opts.After.Monitoring, opts.After.Boundary},
	} {
		if c.line.Kind == "" {
			continue // the year has no such line: not assessed
		}
		var err error
		if *c.dst, err = below(c.f, *c.line, c.b); err != nil {
			return hi, fieldErr(opImpact, hid, "concept", c.f.Concept.String(), err)
		}
	}
	return hi, nil
}

// below compares a per-capita figure with a line under the boundary rule
// and the line's concept policy ([poverty.Threshold.Compare]); a pairing
// of concepts the policy does not allow is [poverty.ErrConceptMismatch].
func below(f poverty.Figure, line poverty.Threshold, b poverty.Boundary) (bool, error) {
	sign, err := line.Compare(f)
	if err != nil {
		return false, err
	}
	return sign < 0 || (sign == 0 && b == poverty.AtOrBelowLine), nil
}
