package labor

import (
	"errors"
	"strconv"

	"github.com/openfupin/fupin/poverty"
)

// Worker is a person who works or could work: a member of a household, with
// the facts the employment rules read. The worker's household is named by
// its ID; a worker belongs to the household in every yearly snapshot. When
// BirthDate or Sex is unset, the rules read it from IDNumber.
//
// The zero Worker is not valid: it has no ID and no birth date.
type Worker struct {
	ID        string `json:"id"`
	Household string `json:"household"`
	// IDNumber is the optional resident identity number, masked whenever
	// printed. When BirthDate or Sex is unset it supplies them.
	IDNumber  poverty.IDNumber `json:"id_number"`
	BirthDate poverty.Date     `json:"birth_date"`
	Sex       poverty.Sex      `json:"sex"`
	Capacity  poverty.Capacity `json:"capacity"`
}

// born returns the birth date: BirthDate, or the date read from the identity number.
func (w *Worker) born() poverty.Date {
	if !w.BirthDate.IsZero() {
		return w.BirthDate
	}
	return w.IDNumber.BirthDate()
}

// sex returns Sex, or the sex read from the identity number.
func (w *Worker) sex() poverty.Sex {
	if w.Sex != poverty.SexUnknown {
		return w.Sex
	}
	return w.IDNumber.Sex()
}

// validate checks the worker's fields; every problem is a
// *[poverty.FieldError] naming the worker and the field, joined.
func (w *Worker) validate(op string) error {
	var errs []error
	add := func(field, value string, err error) {
		errs = append(errs, fieldErr(op, w.ID, field, value, err))
	}
	if w.ID == "" {
		add("id", "", poverty.ErrMissing)
	}
	if w.Household == "" {
		add("household", "", poverty.ErrMissing)
	}
	if w.born().IsZero() {
		add("birth_date", "", poverty.ErrMissing)
	}
	if !w.IDNumber.IsZero() && !w.BirthDate.IsZero() && w.IDNumber.BirthDate() != w.BirthDate {
		add("birth_date", w.BirthDate.String(), errors.New("does not match the birth date of the identity number "+w.IDNumber.String()))
	}
	if !w.IDNumber.IsZero() && w.Sex != poverty.SexUnknown && w.IDNumber.Sex() != w.Sex {
		add("sex", w.Sex.String(), errors.New("does not match the sex digit of the identity number "+w.IDNumber.String()))
	}
	return errors.Join(errs...)
}

// maxMonthlyWage bounds the monthly wage the decoders accept: one million
// yuan, far above any rural wage, so that a year's wages of a whole county
// cannot overflow.
const maxMonthlyWage = 1_000_000 * poverty.Yuan

// Job is one job held by one worker: who employs them, through which
// channel, where, for what monthly wage, from when to when.
//
// The zero Job is not valid: it has no ID, worker, channel, place or start.
type Job struct {
	ID       string `json:"id"`
	Worker   string `json:"worker"`
	Employer string `json:"employer"`
	// Workshop is the ID of the workshop for a ChannelWorkshop job, and
	// empty for every other channel.
	Workshop string `json:"workshop,omitempty"`
	// Via is the optional ID of the labour-export workstation or job fair
	// that placed the worker.
	Via     string  `json:"via,omitempty"`
	Channel Channel `json:"channel"`
	Place   Place   `json:"place"`
	// Destination is the province of work when known; National means not
	// recorded. Transport subsidy tiers that name provinces read it.
	Destination poverty.Region `json:"destination"`
	// MonthlyWage is the gross monthly pay; the record decoders accept 0
	// to one million yuan.
	MonthlyWage poverty.Money `json:"monthly_wage"`
	// Start is the first day of work; End the last, or zero while the job
	// is held.
	Start poverty.Date `json:"start"`
	End   poverty.Date `json:"end"`
	// ContractMonths is the length of the written labour contract or
	// agreement in months; 0 when there is none.
	ContractMonths int `json:"contract_months"`
}

// validate checks the job's fields; every problem is a *[poverty.FieldError]
// naming the job and the field, joined.
func (j *Job) validate(op string) error {
	var errs []error
	add := func(field, value string, err error) {
		errs = append(errs, fieldErr(op, j.ID, field, value, err))
	}
	if j.ID == "" {
		add("id", "", poverty.ErrMissing)
	}
	if j.Worker == "" {
		add("worker", "", poverty.ErrMissing)
	}
	if j.Channel == 0 || j.Channel > ChannelSelfFound {
		add("channel", j.Channel.String(), poverty.ErrMissing)
	}
	if j.Place == 0 || j.Place > PlaceOther {
		add("place", j.Place.String(), poverty.ErrMissing)
	}
	if (j.Channel == ChannelWorkshop) != (j.Workshop != "") {
		add("workshop", j.Workshop, errors.New("a workshop job names its workshop, and only a workshop job does"))
	}
	if !j.Destination.IsValid() {
		add("destination", j.Destination.String(), poverty.ErrUnknownRegion)
	}
	if j.MonthlyWage < 0 {
		add("monthly_wage", j.MonthlyWage.String(), poverty.ErrNegative)
	} else if j.MonthlyWage > maxMonthlyWage {
		add("monthly_wage", j.MonthlyWage.String(), poverty.ErrRange)
	}
	if j.Start.IsZero() {
		add("start", "", poverty.ErrMissing)
	}
	if !j.End.IsZero() && j.End.Before(j.Start) {
		add("end", j.End.String(), poverty.ErrRange)
	}
	if j.ContractMonths < 0 || j.ContractMonths > 1200 {
		add("contract_months", strconv.Itoa(j.ContractMonths), poverty.ErrRange)
	}
	return errors.Join(errs...)
}

// heldOn reports whether the job was held on day d.
func (j *Job) heldOn(d poverty.Date) bool {
	return !d.Before(j.Start) && (j.End.IsZero() || !d.After(j.End))
}

// Service is the part of a job that falls in one calendar year, as
// [Job.ServiceIn] measures it.
//
// Whole months are counted from the first day held in the year: from
// 15 March, one whole month ends on 14 April. The days left after the whole
// months are a part month; PartSpan is the length in days of the month-long
// span they fall in (from the day after the last whole month to the same day
// a month later), so that the part month is paid as PartDays/PartSpan of a
// month's wage. The zero Service is a job not held in the year.
type Service struct {
	Year     int          `json:"year"`
	From     poverty.Date `json:"from"` // first day held in the year
	To       poverty.Date `json:"to"`   // last day held in the year
	Days     int          `json:"days"`
	Months   int          `json:"months"`    // whole months
	PartDays int          `json:"part_days"` // days after the whole months
	PartSpan int          `json:"part_span"` // days in the span the part month falls in
}

// ServiceIn returns the part of the job held in year: its days, whole months
// and part month.
func (j *Job) ServiceIn(year int) Service {
	if j.Start.IsZero() || year < 1 || year > 9999 {
		return Service{}
	}
	first := poverty.MustDate(year, 1, 1)
	last := poverty.MustDate(year, 12, 31)
	from, to := j.Start, last
	if from.Before(first) {
		from = first
	}
	if !j.End.IsZero() && j.End.Before(to) {
		to = j.End
	}
	if to.Before(from) {
		return Service{}
	}
	s := Service{Year: year, From: from, To: to, Days: to.DayNumber() - from.DayNumber() + 1}
	s.Months = wholeMonths(from, to)
	mark := from.AddMonths(s.Months)
	if !mark.After(to) {
		s.PartDays = to.DayNumber() - mark.DayNumber() + 1
		s.PartSpan = mark.AddMonths(1).DayNumber() - mark.DayNumber()
	}
	return s
}

// wholeMonths returns the whole months from from to to, both days held:
// the largest n with from plus n months no later than the day after to.
func wholeMonths(from, to poverty.Date) int {
	dayAfter := to.DayNumber() + 1
	n := int(to.YearMonth()-from.YearMonth()) + 1
	for n > 0 && from.AddMonths(n).DayNumber() > dayAfter {
		n--
	}
	return max(n, 0)
}

// WageIn returns the job's wage income in year: the monthly wage for each
// whole month, plus the part month paid pro rata by days, rounded half up
// to whole fen. It is the amount that feeds a household's wage income
// (工资性收入) in [AddWages]. An amount that overflows is a
// *[poverty.FieldError] with Op "labor.WageIn". It does not allocate.
func (j *Job) WageIn(year int) (poverty.Money, error) {
	return j.wage(j.ServiceIn(year))
}

func (j *Job) wage(s Service) (poverty.Money, error) {
	full, err := j.MonthlyWage.Mul(int64(s.Months))
	if err != nil {
		return 0, fieldErr("labor.WageIn", j.ID, "monthly_wage", j.MonthlyWage.String(), err)
	}
	if s.PartDays == 0 {
		return full, nil
	}
	p, err := j.MonthlyWage.Mul(int64(s.PartDays))
	if err == nil {
		p, err = p.Div(int64(s.PartSpan), poverty.RoundHalfUp)
	}
	if err == nil {
		full, err = full.Add(p)
	}
	if err != nil {
		return 0, fieldErr("labor.WageIn", j.ID, "monthly_wage", j.MonthlyWage.String(), err)
	}
	return full, nil
}

// monthsInPost returns the whole months the job has been held on day on
// (counting to End if the job ended earlier); 0 before it starts.
func (j *Job) monthsInPost(on poverty.Date) int {
	to := on
	if !j.End.IsZero() && j.End.Before(to) {
		to = j.End
	}
	if to.Before(j.Start) {
		return 0
	}
	return wholeMonths(j.Start, to)
}

// Household is one yearly snapshot of a household, as package poverty
// records it, with the monitoring flag that package poverty does not hold.
//
// Income.Wage holds only wage income that is not recorded as a [Job]: the
// wages of recorded jobs are added by [AddWages] and by [Impact], so that
// they are never counted twice. The zero Household is not valid.
type Household struct {
	poverty.Household
	// Monitored marks a monitored household (监测对象) in the snapshot's year.
	Monitored bool `json:"monitored,omitempty"`
}

// in reports whether the household belongs to group g in its snapshot year.
func (h *Household) in(g Group) bool {
	return g.contains(h.Registration, h.Monitored, h.Year)
}

// AddWages returns a copy of the household snapshot with the wages of jobs
// in its year added to Income.Wage: the way annual wage income from recorded
// jobs feeds [poverty.Household.PerCapita]. jobs are the jobs of the
// household's workers; the caller selects them (see [Index.Household]).
func AddWages(h *Household, jobs []Job) (Household, error) {
	out := *h
	for i := range jobs {
		w, err := jobs[i].WageIn(h.Year)
		if err != nil {
			return Household{}, err
		}
		if out.Income.Wage, err = out.Income.Wage.Add(w); err != nil || out.Income.Wage > poverty.MaxAmount {
			return Household{}, fieldErr("labor.AddWages", h.ID, "income.wage", "", poverty.ErrOverflow)
		}
	}
	return out, nil
}
