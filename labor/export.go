package labor

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/openfupin/fupin/poverty"
)

// Workstation is a labour-export workstation (劳务工作站) that a sending
// county runs in a receiving province: it collects recruitment information,
// places workers, settles labour disputes and helps recover unpaid wages
// (docs/SEEDS.md S6). The counts are the station's own reports; placements can
// also be counted from [Job] records whose Via names the station.
//
// The zero Workstation is not valid: it has no ID.
type Workstation struct {
	ID     string         `json:"id"`
	Name   string         `json:"name"`
	Home   poverty.County `json:"home_county"`
	Host   poverty.Region `json:"host_province"`
	Opened poverty.Date   `json:"opened"`
	// Reported figures for the period.
	Placements      int           `json:"placements"`
	DisputesSettled int           `json:"disputes_settled"`
	WageClaims      int           `json:"wage_claims"`
	WagesRecovered  poverty.Money `json:"wages_recovered"`
}

// validate checks the workstation's fields.
func (w *Workstation) validate(op string) error {
	var errs []error
	add := func(field, value string, err error) {
		errs = append(errs, fieldErr(op, w.ID, field, value, err))
	}
	if w.ID == "" {
		add("id", "", poverty.ErrMissing)
	}
	if w.Home != 0 && !w.Home.IsValid() {
		add("home_county", w.Home.String(), poverty.ErrUnknownRegion)
	}
	if !w.Host.IsValid() {
		add("host_province", w.Host.String(), poverty.ErrUnknownRegion)
	}
	for _, c := range [...]struct {
		f string
		n int
	}{{"placements", w.Placements}, {"disputes_settled", w.DisputesSettled}, {"wage_claims", w.WageClaims}} {
		if c.n < 0 {
			add(c.f, strconv.Itoa(c.n), poverty.ErrNegative)
		}
	}
	if w.WagesRecovered < 0 {
		add("wages_recovered", w.WagesRecovered.String(), poverty.ErrNegative)
	}
	return errors.Join(errs...)
}

// JobFair is a recruitment fair: who came, how many vacancies they brought,
// how many were filled (docs/SEEDS.md S6: 153 recruiters, about 50,000
// vacancies, at a relocation site).
//
// The zero JobFair is not valid: it has no ID.
type JobFair struct {
	ID   string       `json:"id"`
	Date poverty.Date `json:"date"`
	Site string       `json:"site"`
	// RecruiterProvinces are the provinces the recruiters came from.
	RecruiterProvinces []poverty.Region `json:"recruiter_provinces,omitempty"`
	Recruiters         int              `json:"recruiters"`
	Vacancies          int              `json:"vacancies"`
	Hires              int              `json:"hires"`
}

// validate checks the fair's fields.
func (f *JobFair) validate(op string) error {
	var errs []error
	add := func(field, value string, err error) {
		errs = append(errs, fieldErr(op, f.ID, field, value, err))
	}
	if f.ID == "" {
		add("id", "", poverty.ErrMissing)
	}
	if f.Date.IsZero() {
		add("date", "", poverty.ErrMissing)
	}
	for i, r := range f.RecruiterProvinces {
		if !r.IsProvince() {
			add("recruiter_provinces["+strconv.Itoa(i)+"]", r.String(), poverty.ErrUnknownRegion)
		}
	}
	for _, c := range [...]struct {
		f string
		n int
	}{{"recruiters", f.Recruiters}, {"vacancies", f.Vacancies}, {"hires", f.Hires}} {
		if c.n < 0 {
			add(c.f, strconv.Itoa(c.n), poverty.ErrNegative)
		}
	}
	if f.Hires > f.Vacancies {
		add("hires", strconv.Itoa(f.Hires), poverty.ErrRange)
	}
	return errors.Join(errs...)
}

// ExportSummary totals labour-export records: workstations' reported
// placements, disputes and wage claims; fairs' recruiters, vacancies and
// hires; and, from job records, the placements whose Via names a station or
// fair, so that reported and recorded figures can be compared.
//
// The zero ExportSummary is the summary of no records.
type ExportSummary struct {
	Workstations       int           `json:"workstations"`
	ReportedPlacements int           `json:"reported_placements"`
	RecordedPlacements int           `json:"recorded_placements"`
	DisputesSettled    int           `json:"disputes_settled"`
	WageClaims         int           `json:"wage_claims"`
	WagesRecovered     poverty.Money `json:"wages_recovered"`
	JobFairs           int           `json:"job_fairs"`
	Recruiters         int           `json:"recruiters"`
	Vacancies          int           `json:"vacancies"`
	Hires              int           `json:"hires"`
	RecordedHires      int           `json:"recorded_hires"`
	// FillRate is Hires / Vacancies, rounded half up; zero with no vacancies.
	FillRate poverty.Rate `json:"fill_rate"`
}

// SummarizeExport totals workstations, fairs and the jobs they placed (the
// jobs whose Via names a station or fair). A sum that overflows is a
// *[poverty.FieldError] with Op "labor.SummarizeExport".
func SummarizeExport(stations []Workstation, fairs []JobFair, jobs []Job) (ExportSummary, error) {
	var s ExportSummary
	ids := map[string]int{} // 1 station, 2 fair
	for i := range stations {
		w := &stations[i]
		s.Workstations++
		s.ReportedPlacements += w.Placements
		s.DisputesSettled += w.DisputesSettled
		s.WageClaims += w.WageClaims
		var err error
		if s.WagesRecovered, err = s.WagesRecovered.Add(w.WagesRecovered); err != nil {
			return ExportSummary{}, fieldErr("labor.SummarizeExport", w.ID, "wages_recovered", w.WagesRecovered.String(), err)
		}
		ids[w.ID] = 1
	}
	for i := range fairs {
		f := &fairs[i]
		s.JobFairs++
		s.Recruiters += f.Recruiters
		s.Vacancies += f.Vacancies
		s.Hires += f.Hires
		ids[f.ID] = 2
	}
	for i := range jobs {
		switch ids[jobs[i].Via] {
		case 1:
			s.RecordedPlacements++
		case 2:
			s.RecordedHires++
		}
	}
	if s.Vacancies > 0 {
		r, err := poverty.Ratio(int64(s.Hires), int64(s.Vacancies), poverty.RoundHalfUp)
		if err != nil {
			return ExportSummary{}, fieldErr("labor.SummarizeExport", "job fairs", "hires", itoa(s.Hires), err)
		}
		s.FillRate = r
	}
	return s, nil
}

// TransportResult is a transport subsidy decision for one job: eligible or
// not, the amount, the tier that set it, and each criterion with its reason
// (the full explanation); [TransportResult.String] is the one-line form.
//
// The zero TransportResult is not eligible.
type TransportResult struct {
	Rule     string              `json:"rule"`
	Job      string              `json:"job"`
	Eligible bool                `json:"eligible"`
	Tier     int                 `json:"tier"` // index of the matching tier; -1 for none
	Amount   poverty.Money       `json:"amount"`
	Labor    poverty.Money       `json:"labour"`
	Total    poverty.Money       `json:"total"`
	Criteria []poverty.Criterion `json:"criteria"`
}

// String returns the short form: the rule, the job, and the amount or the
// codes of the criteria that failed, "gansu-chongxin-2024 job j: eligible,
// 400.00" or "... job j: not eligible (transport.months)".
func (r TransportResult) String() string {
	s := r.Rule + " job " + r.Job + ": "
	if r.Eligible {
		return s + "eligible, " + r.Total.String()
	}
	return s + "not eligible" + failedCodes(r.Criteria)
}

// failedCodes lists the codes of the criteria that failed, " (a, b)".
func failedCodes(cs []poverty.Criterion) string {
	var codes []string
	for _, c := range cs {
		if !c.Pass {
			codes = append(codes, c.Code)
		}
	}
	if len(codes) == 0 {
		return ""
	}
	return " (" + strings.Join(codes, ", ") + ")"
}

// TransportSubsidy evaluates the transport subsidy rule with the ID for one
// job of a worker whose household snapshot is h, in year; opts.Fare is the
// actual fare, needed by tiers that reimburse it up to a cap. A rule not in
// force, SECONDARY without opts.Lookup.AcceptSecondary, or a capped-fare
// tier with no fare given is an error (*[poverty.FieldError] with Op
// "labor.TransportSubsidy"); an ineligible job is a result with reasons.
func (p *Params) TransportSubsidy(ruleID string, h *Household, job *Job, year int, opts Options) (TransportResult, error) {
	const op = "labor.TransportSubsidy"
	if h == nil || job == nil {
		return TransportResult{}, fieldErr(op, ruleID, "household", "", poverty.ErrMissing)
	}
	if year < 1 || year > 9999 {
		return TransportResult{}, fieldErr(op, ruleID, "year", itoa(year), poverty.ErrRange)
	}
	rule, err := lookup[TransportRule](p, op, ruleID, year, opts.Lookup)
	if err != nil {
		return TransportResult{}, err
	}
	hd := &rule.Header
	res := TransportResult{Rule: rule.ID, Job: job.ID, Tier: -1}
	add := func(c poverty.Criterion) { res.Criteria = append(res.Criteria, c) }
	in := h.in(rule.Counts)
	add(crit("transport.group", in, "household "+h.ID+": "+householdGroups(h), rule.Counts.String(), hd))
	if len(rule.Channels) > 0 {
		var cs []string
		for _, c := range rule.Channels {
			cs = append(cs, c.String())
		}
		add(crit("transport.channel", slices.Contains(rule.Channels, job.Channel), "channel "+job.Channel.String(), "one of "+strings.Join(cs, ", "), hd))
	}
	sv := job.ServiceIn(year)
	if rule.MinMonths > 0 {
		add(crit("transport.months", sv.Months >= rule.MinMonths, strconv.Itoa(sv.Months)+" whole months in "+strconv.Itoa(year),
			"at least "+strconv.Itoa(rule.MinMonths), hd))
	}
	if rule.MinAnnualWage > 0 {
		w, err := job.wage(sv)
		if err != nil {
			return TransportResult{}, withOp(op, err)
		}
		add(crit("transport.annual_wage", w >= rule.MinAnnualWage, "wage "+w.String()+" in "+strconv.Itoa(year), "at least "+rule.MinAnnualWage.String(), hd))
	}
	for i, t := range rule.Tiers {
		if slices.Contains(t.Places, job.Place) && (len(t.Provinces) == 0 || slices.Contains(t.Provinces, job.Destination)) {
			res.Tier = i
			break
		}
	}
	dest := "place " + job.Place.String()
	if job.Destination != poverty.National {
		dest += ", province " + job.Destination.String()
	}
	add(crit("transport.destination", res.Tier >= 0, dest, tierList(rule.Tiers), hd))
	if sv.Days == 0 {
		res.Criteria[len(res.Criteria)-1].Pass = false
		res.Criteria[len(res.Criteria)-1].Input += "; job not held in " + strconv.Itoa(year)
	}
	res.Eligible = true
	for _, c := range res.Criteria {
		res.Eligible = res.Eligible && c.Pass
	}
	if !res.Eligible {
		res.Tier = -1
		return res, nil
	}
	t := rule.Tiers[res.Tier]
	res.Amount, res.Labor = t.Amount, t.Labor
	if t.Cap > 0 {
		if opts.Fare == nil {
			return TransportResult{}, paramErr(op, kindTransport, rule.ID, "fare", "", ErrNoParameter)
		}
		if *opts.Fare < 0 {
			return TransportResult{}, fieldErr(op, job.ID, "fare", opts.Fare.String(), poverty.ErrNegative)
		}
		res.Amount = min(*opts.Fare, t.Cap)
	}
	res.Total = res.Amount + res.Labor
	return res, nil
}

func tierList(ts []TransportTier) string {
	var out []string
	for _, t := range ts {
		var ps []string
		for _, p := range t.Places {
			ps = append(ps, p.String())
		}
		s := strings.Join(ps, "/")
		if len(t.Provinces) > 0 {
			var rs []string
			for _, r := range t.Provinces {
				rs = append(rs, r.String())
			}
			s += " in " + strings.Join(rs, "/")
		}
		if t.Cap > 0 {
			s += ": fare up to " + t.Cap.String()
		} else {
			s += ": " + t.Amount.String()
		}
		if t.Labor > 0 {
			s += " + labour " + t.Labor.String()
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

// householdGroups describes a household's registration and monitoring in
// its year, for reason texts.
func householdGroups(h *Household) string {
	var s []string
	switch {
	case h.Registration.InPoorListOn(h.Year):
		s = append(s, "registered poor")
	case h.Registration.LiftedOutBy(h.Year):
		s = append(s, "lifted out")
	default:
		s = append(s, "not registered")
	}
	if h.Monitored {
		s = append(s, "monitored")
	}
	return strings.Join(s, ", ") + " in " + strconv.Itoa(h.Year)
}
