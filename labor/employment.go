package labor

import (
	"strconv"

	"github.com/openfupin/fupin/poverty"
)

// EmploymentRules are the parameters of the household employment tests:
// who is in the labour force, what counts as stable employment and as
// transferred labour. Fetch each with [Lookup] (the embedded
// stable-employment rule and rural age limits are the library's reading of
// local rules, DEFAULT; the transferred-labour definition is SECONDARY, so
// its lookup needs AcceptSecondary) or write your own. MinimumWage is the
// local minimum wage the stable rule's wage test reads; nil when unknown,
// in which case a decision that depends on it is [ErrNoParameter].
//
// The zero value is not usable: Year and the rules must be set.
type EmploymentRules struct {
	Year        int
	On          poverty.Date // the date ages are read on; zero means 31 December of Year
	Age         AgeLimits
	Stable      StableRule
	Transfer    TransferRule
	MinimumWage *MinimumWage
}

func (r *EmploymentRules) on() poverty.Date {
	if r.On.IsZero() {
		return poverty.MustDate(r.Year, 12, 31)
	}
	return r.On
}

// WorkerEmployment is what the employment tests found for one worker in a
// year: in the labour force (of working age under [EmploymentRules.Age]
// and able to work), employed, supported (a job from an assistance
// channel: every [Channel] but [ChannelSelfFound]), transferred (at least
// Transfer.MinMonths whole months at places [Place.Outside]
// Transfer.OutsideOf; months of overlapping jobs each count, capped at 12),
// and the stable-employment test with what each alternative read: Stable
// is true when any alternative passes. [WorkerEmployment.Criteria] explains
// the test.
//
// The zero WorkerEmployment is a worker outside the labour force with no
// job, not stable.
type WorkerEmployment struct {
	Worker       string `json:"worker"`
	InLaborForce bool   `json:"in_labour_force"`
	Employed     bool   `json:"employed"`  // held any job in the year
	Supported    bool   `json:"supported"` // held a job from an assistance channel in the year
	Transferred  bool   `json:"transferred"`

	Days            int           `json:"days"`             // days held in the year, overlaps counted once
	LongestContract int           `json:"longest_contract"` // longest contract, months, of jobs held in the year
	BestWage        poverty.Money `json:"best_monthly_wage"`
	ByDays          bool          `json:"by_days"`
	ByContract      bool          `json:"by_contract"`
	ByWage          bool          `json:"by_wage"`
	WageUnknown     bool          `json:"wage_unknown"` // the wage test was needed but no minimum wage was given
	Stable          bool          `json:"stable"`
	TransferMonths  int           `json:"transfer_months"`
}

// Criteria explains the stable-employment test under rules, one criterion
// per alternative, for a case worker: the full form of the decision.
func (s *WorkerEmployment) Criteria(r *EmploymentRules) []poverty.Criterion {
	out := []poverty.Criterion{
		crit("employment.stable_days", s.ByDays, strconv.Itoa(s.Days)+" days worked in "+strconv.Itoa(r.Year),
			"at least "+strconv.Itoa(r.Stable.MinDays)+" days", &r.Stable.Header),
		crit("employment.stable_contract", s.ByContract, "longest contract "+strconv.Itoa(s.LongestContract)+" months",
			"at least "+strconv.Itoa(r.Stable.MinContractMonths)+" months", &r.Stable.Header),
	}
	if r.Stable.MinimumWage {
		param := "local minimum wage not supplied"
		if r.MinimumWage != nil {
			param = "at least " + r.MinimumWage.Monthly.String() + " a month: " + r.MinimumWage.cite()
		}
		out = append(out, crit("employment.stable_wage", s.ByWage, "best monthly wage "+s.BestWage.String(), param, &r.Stable.Header))
	}
	return out
}

// stabilityOf runs the stable-employment test on a worker's jobs in the
// rules' year. When neither days nor contract make the worker stable and the
// wage test would decide, a missing minimum wage is [ErrNoParameter]: the
// answer is unknown, never a silent "no". It does not allocate.
func (r *EmploymentRules) stabilityOf(jobs []Job) (WorkerEmployment, error) {
	var s WorkerEmployment
	if r.Year < 1 || r.Year > 9999 {
		return s, fieldErr(opClassify, "employment rules", "year", itoa(r.Year), poverty.ErrRange)
	}
	var spans [16]Service
	n := 0
	overflow := false
	for i := range jobs {
		j := &jobs[i]
		sv := j.ServiceIn(r.Year)
		if sv.Days == 0 {
			continue
		}
		if n < len(spans) {
			spans[n] = sv
			n++
		} else {
			overflow = true
		}
		s.LongestContract = max(s.LongestContract, j.ContractMonths)
		s.BestWage = max(s.BestWage, j.MonthlyWage)
		if j.Place.Outside(r.Transfer.OutsideOf) {
			s.TransferMonths += sv.Months
		}
	}
	s.Days = r.daysHeld(jobs, spans[:n], overflow)
	s.TransferMonths = min(s.TransferMonths, 12)
	s.ByDays = r.Stable.MinDays > 0 && s.Days >= r.Stable.MinDays
	s.ByContract = r.Stable.MinContractMonths > 0 && s.LongestContract >= r.Stable.MinContractMonths
	if r.Stable.MinimumWage && s.Days > 0 {
		if r.MinimumWage == nil {
			s.WageUnknown = true
		} else {
			s.ByWage = s.BestWage >= r.MinimumWage.Monthly
		}
	}
	s.Stable = s.ByDays || s.ByContract || s.ByWage
	if !s.Stable && s.WageUnknown {
		return s, paramErr(opClassify, kindStable, r.Stable.ID, "minimum_wage", "", ErrNoParameter)
	}
	return s, nil
}

// daysHeld returns the days of the year held in any job, overlaps counted
// once: the sum of the spans when none overlap, else a day-by-day count.
func (r *EmploymentRules) daysHeld(jobs []Job, spans []Service, overflow bool) int {
	disjoint := !overflow
	total := 0
	for i := range spans {
		total += spans[i].Days
		for k := i + 1; k < len(spans) && disjoint; k++ {
			if !spans[i].To.Before(spans[k].From) && !spans[k].To.Before(spans[i].From) {
				disjoint = false
			}
		}
	}
	if disjoint {
		return total
	}
	var days [366]bool
	first := poverty.MustDate(r.Year, 1, 1)
	total = 0
	for i := range jobs {
		sv := jobs[i].ServiceIn(r.Year)
		off := sv.From.DayNumber() - first.DayNumber()
		for d := 0; d < sv.Days; d++ {
			if !days[off+d] {
				days[off+d] = true
				total++
			}
		}
	}
	return total
}

// opClassify is the operation of the employment tests in errors.
const opClassify = "labor.Classify"

// worker runs every employment test for one worker and their jobs.
func (r *EmploymentRules) worker(w *Worker, jobs []Job) (WorkerEmployment, error) {
	if r.Year < 1 || r.Year > 9999 {
		return WorkerEmployment{Worker: w.ID}, fieldErr(opClassify, "employment rules", "year", itoa(r.Year), poverty.ErrRange)
	}
	inAge, err := r.Age.workingAge(opClassify, w.born(), w.sex(), r.on())
	if isUnstatedLimit(err) {
		return WorkerEmployment{Worker: w.ID}, err
	}
	if err != nil {
		return WorkerEmployment{Worker: w.ID}, fieldErr(opClassify, w.ID, "birth_date", w.born().String(), err)
	}
	out, serr := r.stabilityOf(jobs)
	out.Worker = w.ID
	out.InLaborForce = inAge && w.Capacity.CanWork()
	for i := range jobs {
		if jobs[i].ServiceIn(r.Year).Days > 0 {
			out.Employed = true
			if jobs[i].Channel.assisted() {
				out.Supported = true
			}
		}
	}
	if serr != nil && out.InLaborForce {
		return out, fieldErr(opClassify, w.ID, "jobs", "", serr)
	}
	out.Transferred = r.Transfer.MinMonths > 0 && out.TransferMonths >= r.Transfer.MinMonths
	return out, nil
}

// HouseholdEmployment is the employment situation of one household in a
// year, as [EmploymentRules.Classify] finds it: its labour force, how many
// of them are employed, stably employed, supported by an assistance channel
// and transferred, and whether it is a zero-employment household. Code is
// the reason code of the status ("employment.zero_employment",
// "employment.has_stable_member" or "employment.no_labour_force"; see
// [RuleFor]); [HouseholdEmployment.String] is the one-line form, and each
// worker's [WorkerEmployment.Criteria] the full explanation.
//
// The zero HouseholdEmployment is no household.
type HouseholdEmployment struct {
	Household   string `json:"household"`
	Code        string `json:"code"`
	LaborForce  int    `json:"labour_force"`
	Employed    int    `json:"employed"`
	Stable      int    `json:"stable"`
	Supported   int    `json:"supported"`
	Transferred int    `json:"transferred"`
	// ZeroEmployment: members able to work and of working age, none in
	// stable employment (零就业家庭). It is the local rule of
	// [EmploymentRules.Stable]; the national "at least one member employed"
	// wording is UNCONFIRMED and not encoded.
	ZeroEmployment bool               `json:"zero_employment"`
	Workers        []WorkerEmployment `json:"workers,omitempty"`
}

// code returns the reason code of the household's employment status.
func (h *HouseholdEmployment) code() string {
	switch {
	case h.LaborForce == 0:
		return "employment.no_labour_force"
	case h.ZeroEmployment:
		return "employment.zero_employment"
	}
	return "employment.has_stable_member"
}

// String returns the short form: the household, its reason code and the
// deciding figures, "h1: employment.zero_employment (labour force 2,
// stable 0)".
func (h HouseholdEmployment) String() string {
	return h.Household + ": " + h.Code + " (labour force " + itoa(h.LaborForce) + ", stable " + itoa(h.Stable) + ")"
}

// Classify finds the employment status of a household in the rules' year:
// zero-employment (零就业家庭) or not, from its workers and their jobs
// (jobs[i] are the jobs of workers[i]; [Index.Household] returns them in
// this shape). With keep, the per-worker results are kept in the result;
// without, Classify does not allocate. Only members of the labour force
// count toward Stable and ZeroEmployment. Errors are *[poverty.FieldError]s
// with Op "labor.Classify"; a decision that needs the local minimum wage
// without it is [ErrNoParameter]. A maximum age the age rule does not state
// (the rural rule's women_max_age), needed for a worker of at least the
// minimum age, is an error that names the rule (Record "age_limits <id>")
// and the parameter (Field "women_max_age"), wraps both [ErrNoParameter]
// and [ErrNotStated] and says to supply the value in a parameter file
// ([LoadParams], [Params.Overlay]). [EmploymentRules.WorkingAges] names the
// age rule for a report, and says when it is borrowed from another
// province.
func (r *EmploymentRules) Classify(householdID string, workers []Worker, jobs [][]Job, keep bool) (HouseholdEmployment, error) {
	out := HouseholdEmployment{Household: householdID}
	if len(jobs) != len(workers) {
		return out, fieldErr(opClassify, householdID, "jobs", strconv.Itoa(len(jobs)), poverty.ErrRange)
	}
	for i := range workers {
		we, err := r.worker(&workers[i], jobs[i])
		if err != nil {
			return out, err
		}
		if keep {
			out.Workers = append(out.Workers, we)
		}
		if !we.InLaborForce {
			continue
		}
		out.LaborForce++
		if we.Employed {
			out.Employed++
		}
		if we.Stable {
			out.Stable++
		}
		if we.Supported {
			out.Supported++
		}
		if we.Transferred {
			out.Transferred++
		}
	}
	out.ZeroEmployment = out.LaborForce > 0 && out.Stable == 0
	out.Code = out.code()
	return out, nil
}

// Tally accumulates household employment over a county (or any area) one
// household at a time, so that a county of a million workers needs no more
// memory than one household: the transfer rate (workers supported through
// employment transfer as a share of the labour force, as Zhenxiong reports
// it) and the share of the supported who come from the Poor group.
//
// The zero Tally counts nothing useful: set Rules and Poor.
type Tally struct {
	Rules EmploymentRules
	// Poor is the group whose supported workers are reported separately
	// (GroupRegistered for "from registered poor households").
	Poor Group

	Households     int64 `json:"households"`
	LaborForce     int64 `json:"labour_force"`
	Employed       int64 `json:"employed"`
	Stable         int64 `json:"stable"`
	Supported      int64 `json:"supported"`
	SupportedPoor  int64 `json:"supported_poor"`
	Transferred    int64 `json:"transferred"`
	ZeroEmployment int64 `json:"zero_employment_households"`
}

// Add counts one household snapshot with its workers and their jobs
// (jobs[i] for workers[i]). It does not allocate.
func (t *Tally) Add(h *Household, workers []Worker, jobs [][]Job) error {
	he, err := t.Rules.Classify(h.ID, workers, jobs, false)
	if err != nil {
		return err
	}
	t.Households++
	t.LaborForce += int64(he.LaborForce)
	t.Employed += int64(he.Employed)
	t.Stable += int64(he.Stable)
	t.Supported += int64(he.Supported)
	t.Transferred += int64(he.Transferred)
	if he.ZeroEmployment {
		t.ZeroEmployment++
	}
	if h.in(t.Poor) {
		t.SupportedPoor += int64(he.Supported)
	}
	return nil
}

// Merge adds the counts of o, so that shards counted in parallel combine.
func (t *Tally) Merge(o *Tally) {
	t.Households += o.Households
	t.LaborForce += o.LaborForce
	t.Employed += o.Employed
	t.Stable += o.Stable
	t.Supported += o.Supported
	t.SupportedPoor += o.SupportedPoor
	t.Transferred += o.Transferred
	t.ZeroEmployment += o.ZeroEmployment
}

// TransferRate returns Supported / LaborForce rounded half up to a whole
// part per million (the transfer rate as Zhenxiong reports it); an empty
// labour force is [poverty.ErrRange].
func (t *Tally) TransferRate() (poverty.Rate, error) {
	return poverty.Ratio(t.Supported, t.LaborForce, poverty.RoundHalfUp)
}

// PoorShare returns SupportedPoor / Supported rounded half up.
func (t *Tally) PoorShare() (poverty.Rate, error) {
	return poverty.Ratio(t.SupportedPoor, t.Supported, poverty.RoundHalfUp)
}

// WorkingAges names the age rule the employment tests read and where it
// comes from, for a report on province: "working ages: jilin-2018, LOCAL
// 22". When the rule's scope does not cover province, the rule is borrowed
// from elsewhere and the text says so: "working ages: jilin-2018, LOCAL
// 22, borrowed for province 53". A province that is not a province (the
// zero Region, National) is not checked.
func (r *EmploymentRules) WorkingAges(province poverty.Region) string {
	s := "working ages: " + r.Age.ID + ", " + r.Age.Label()
	if province.IsProvince() && !r.Age.Scope.Covers(province) {
		s += ", borrowed for province " + province.String()
	}
	return s
}
