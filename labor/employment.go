package labor

import (
	"strconv"

	"github.com/openfupin/fupin/poverty"
)

// EmploymentRules are the parameters of the household employment tests:
// who is in the labour force, what counts as stable employment and as
// transferred labour. Fetch each from [Params] (the embedded
// stable-employment rule and rural age limits are the library's reading of
// local rules, DEFAULT; the transferred-labour definition is SECONDARY, so
// its lookup needs AcceptSecondary) or write your own. MinimumWage is the local minimum wage the stable rule's wage
// test reads; nil when unknown, in which case a decision that depends on it
// is [ErrNoParameter].
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
// year.
//
// The zero WorkerEmployment is a worker outside the labour force with no job.
type WorkerEmployment struct {
	Worker        string    `json:"worker"`
	InLabourForce bool      `json:"in_labour_force"`
	Employed      bool      `json:"employed"`  // held any job in the year
	Supported     bool      `json:"supported"` // held a job from an assistance channel in the year
	Transferred   bool      `json:"transferred"`
	Stability     Stability `json:"stability"`
}

// Stability is the stable-employment test for one worker in a year, with
// what each alternative read. Stable is true when any alternative passes.
// The zero value is a worker with no job, not stable.
type Stability struct {
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

// Criteria explains the stability test under rules, one criterion per
// alternative, for a case worker.
func (s *Stability) Criteria(r *EmploymentRules) []poverty.Criterion {
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

// StabilityOf runs the stable-employment test on a worker's jobs in the
// rules' year. When neither days nor contract make the worker stable and the
// wage test would decide, a missing minimum wage is [ErrNoParameter]: the
// answer is unknown, never a silent "no". It does not allocate.
func (r *EmploymentRules) StabilityOf(jobs []Job) (Stability, error) {
	var s Stability
	if r.Year < 1 || r.Year > 9999 {
		return s, &ParamError{Kind: "employment", ID: "year", Field: "year", Year: r.Year, Err: poverty.ErrRange}
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
		if j.Place > r.Transfer.OutsideOf && j.Place <= PlaceOther {
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
		return s, &ParamError{Kind: kindStable, ID: r.Stable.ID, Field: "minimum_wage", Year: r.Year, Err: ErrNoParameter}
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

// Transferred reports whether the worker is transferred labour under the
// rules: at least Transfer.MinMonths whole months of work in the year at
// places beyond Transfer.OutsideOf (months of overlapping jobs each count,
// capped at 12).
func (r *EmploymentRules) Transferred(s *Stability) bool {
	return r.Transfer.MinMonths > 0 && s.TransferMonths >= r.Transfer.MinMonths
}

// WorkerEmployment runs every employment test for one worker and their jobs.
func (r *EmploymentRules) WorkerEmployment(w *Worker, jobs []Job) (WorkerEmployment, error) {
	out := WorkerEmployment{Worker: w.ID}
	if r.Year < 1 || r.Year > 9999 {
		return out, &ParamError{Kind: "employment", ID: "year", Field: "year", Year: r.Year, Err: poverty.ErrRange}
	}
	inAge, err := r.Age.WorkingAge(w.Born(), w.SexOf(), r.on())
	if err != nil {
		return out, &poverty.FieldError{Record: w.ID, Field: "birth_date", Value: w.Born().String(), Err: err}
	}
	out.InLabourForce = inAge && w.Capacity.CanWork()
	for i := range jobs {
		if jobs[i].ServiceIn(r.Year).Days > 0 {
			out.Employed = true
			if jobs[i].Channel.Assisted() {
				out.Supported = true
			}
		}
	}
	out.Stability, err = r.StabilityOf(jobs)
	if err != nil && out.InLabourForce {
		return out, &poverty.FieldError{Record: w.ID, Field: "jobs", Err: err}
	}
	out.Transferred = r.Transferred(&out.Stability)
	return out, nil
}

// HouseholdEmployment is the employment situation of one household in a
// year: its labour force, how many of them are employed, stably employed,
// supported by an assistance channel and transferred, and whether it is a
// zero-employment household.
type HouseholdEmployment struct {
	Household   string `json:"household"`
	LabourForce int    `json:"labour_force"`
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

// Code returns the reason code of the household's employment status:
// "employment.zero_employment", "employment.has_stable_member" or
// "employment.no_labour_force".
func (h *HouseholdEmployment) Code() string {
	switch {
	case h.LabourForce == 0:
		return "employment.no_labour_force"
	case h.ZeroEmployment:
		return "employment.zero_employment"
	}
	return "employment.has_stable_member"
}

// HouseholdEmployment runs the tests for a household's workers; jobs[i]
// are the jobs of workers[i]. With keep, the per-worker results are kept in
// the result. Only members of the labour force count toward Stable and
// ZeroEmployment.
func (r *EmploymentRules) HouseholdEmployment(householdID string, workers []Worker, jobs [][]Job, keep bool) (HouseholdEmployment, error) {
	out := HouseholdEmployment{Household: householdID}
	if len(jobs) != len(workers) {
		return out, &poverty.FieldError{Record: householdID, Field: "jobs", Value: strconv.Itoa(len(jobs)), Err: poverty.ErrRange}
	}
	for i := range workers {
		we, err := r.WorkerEmployment(&workers[i], jobs[i])
		if err != nil {
			return out, err
		}
		if keep {
			out.Workers = append(out.Workers, we)
		}
		if !we.InLabourForce {
			continue
		}
		out.LabourForce++
		if we.Employed {
			out.Employed++
		}
		if we.Stability.Stable {
			out.Stable++
		}
		if we.Supported {
			out.Supported++
		}
		if we.Transferred {
			out.Transferred++
		}
	}
	out.ZeroEmployment = out.LabourForce > 0 && out.Stable == 0
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
	LabourForce    int64 `json:"labour_force"`
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
	he, err := t.Rules.HouseholdEmployment(h.ID, workers, jobs, false)
	if err != nil {
		return err
	}
	t.Households++
	t.LabourForce += int64(he.LabourForce)
	t.Employed += int64(he.Employed)
	t.Stable += int64(he.Stable)
	t.Supported += int64(he.Supported)
	t.Transferred += int64(he.Transferred)
	if he.ZeroEmployment {
		t.ZeroEmployment++
	}
	if h.In(t.Poor) {
		t.SupportedPoor += int64(he.Supported)
	}
	return nil
}

// Merge adds the counts of o, so that shards counted in parallel combine.
func (t *Tally) Merge(o *Tally) {
	t.Households += o.Households
	t.LabourForce += o.LabourForce
	t.Employed += o.Employed
	t.Stable += o.Stable
	t.Supported += o.Supported
	t.SupportedPoor += o.SupportedPoor
	t.Transferred += o.Transferred
	t.ZeroEmployment += o.ZeroEmployment
}

// TransferRate returns Supported / LabourForce rounded half up to a whole
// part per million; an empty labour force is [poverty.ErrRange].
func (t *Tally) TransferRate() (poverty.Rate, error) {
	return poverty.Ratio(t.Supported, t.LabourForce, poverty.RoundHalfUp)
}

// PoorShare returns SupportedPoor / Supported rounded half up.
func (t *Tally) PoorShare() (poverty.Rate, error) {
	return poverty.Ratio(t.SupportedPoor, t.Supported, poverty.RoundHalfUp)
}
