package labor

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/openfupin/fupin/poverty"
)

// Workshop is a poverty-alleviation workshop (扶贫车间; 就业帮扶车间 after
// 2021): its type, where it stands, who owns it, and the facts the
// recognition rules read. Its workers are the [Job] records that name it.
//
// The zero Workshop is not valid: it has no ID.
type Workshop struct {
	ID       string         `json:"id"`
	Name     string         `json:"name"`
	Type     WorkshopType   `json:"type"`
	County   poverty.County `json:"county"`
	Township string         `json:"township,omitempty"`
	Village  string         `json:"village,omitempty"`
	Sites    []Site         `json:"sites,omitempty"`
	Owner    string         `json:"owner,omitempty"`
	// OwnerReturnee marks an owner who came home from migrant work to
	// start the workshop (返乡创业).
	OwnerReturnee bool         `json:"owner_returnee,omitempty"`
	Opened        poverty.Date `json:"opened"`
	// CountyRecognized records recognition by the county (Chongqing).
	CountyRecognized   bool `json:"county_recognised,omitempty"`
	RegisteredBusiness bool `json:"registered_business,omitempty"`
	FixedPremises      bool `json:"fixed_premises,omitempty"`
	// Cooperative and ProcessingStep describe a farming cooperative and
	// whether it processes its produce (Hunan excludes those that do not).
	Cooperative    bool `json:"cooperative,omitempty"`
	ProcessingStep bool `json:"processing_step,omitempty"`
	// InsurancePerMonth is the accident insurance bought per worker per month.
	InsurancePerMonth poverty.Money `json:"insurance_per_month,omitempty"`
	// Grade is the latest annual performance grade (Chongqing).
	Grade Grade `json:"grade,omitempty"`
}

// validate checks the workshop's fields; problems are *[poverty.FieldError]s.
func (w *Workshop) validate(op string) error {
	var errs []error
	add := func(field, value string, err error) {
		errs = append(errs, fieldErr(op, w.ID, field, value, err))
	}
	if w.ID == "" {
		add("id", "", poverty.ErrMissing)
	}
	if w.Type == 0 || w.Type > CulturalTourism {
		add("type", w.Type.String(), poverty.ErrMissing)
	}
	if w.County != 0 && !w.County.IsValid() {
		add("county", w.County.String(), poverty.ErrUnknownRegion)
	}
	for i, s := range w.Sites {
		if s == 0 || s > SiteIndustrialPark {
			add("sites["+strconv.Itoa(i)+"]", s.String(), poverty.ErrUnknownWord)
		}
	}
	if w.InsurancePerMonth < 0 {
		add("insurance_per_month", w.InsurancePerMonth.String(), poverty.ErrNegative)
	}
	if w.Grade > Pass {
		add("grade", w.Grade.String(), poverty.ErrUnknownWord)
	}
	return errors.Join(errs...)
}

// Post is one job at a workshop with its worker and the worker's household
// snapshot for the year a rule reads. Job and Worker are required;
// Household may be nil when no snapshot exists, and such a post counts only
// for [GroupAny].
//
// The zero Post is not usable: [Params.Recognize] rejects it.
type Post struct {
	Job       *Job
	Worker    *Worker
	Household *Household
}

// PostCheck is why one post counted toward a rule's head count or not:
// the reason codes of the worker criteria it failed.
//
// The zero PostCheck is a post not counted, with no reason recorded.
type PostCheck struct {
	Job     string   `json:"job"`
	Worker  string   `json:"worker"`
	Counted bool     `json:"counted"`
	Failed  []string `json:"failed,omitempty"`
}

// Award is what a recognised workshop receives under a rule. Total is the
// amount due for the assessment year: OneOff + PerWorker + Yearly + Table.
// Yearly recurs for Years years. ConstructionCap is the most a county may
// grant for construction; it is reported, not added.
//
// The zero Award is no award.
type Award struct {
	OneOff          poverty.Money `json:"one_off"`
	PerWorker       poverty.Money `json:"per_worker"`
	Capped          bool          `json:"capped"`
	Yearly          poverty.Money `json:"yearly"`
	Years           int           `json:"years"`
	Table           poverty.Money `json:"table"`
	TableHeadcount  int           `json:"table_headcount"`
	Total           poverty.Money `json:"total"`
	ConstructionCap poverty.Money `json:"construction_cap"`
	// Basis explains each part in words.
	Basis []string `json:"basis,omitempty"`
}

// Recognition is the result of [Params.Recognize]: whether the workshop
// meets the rule, how many posts counted, each criterion with its reason
// (the full explanation: the criteria with Pass false are those that
// failed), each post's check, and the award. [Recognition.String] is the
// one-line form.
//
// The zero Recognition is a workshop not recognised under no rule.
type Recognition struct {
	Rule       string              `json:"rule"`
	Workshop   string              `json:"workshop"`
	On         poverty.Date        `json:"on"`
	Recognized bool                `json:"recognised"`
	Counted    int                 `json:"counted"`
	Criteria   []poverty.Criterion `json:"criteria"`
	Posts      []PostCheck         `json:"posts"`
	Award      Award               `json:"award"`
}

// String returns the short form: the rule, the workshop, the head count
// and the award or the codes of the criteria that failed,
// "jilin-2018 workshop ws1 on 2019-06-30: recognised, 5 counted, award 5000.00"
// or "...: not recognised, 3 counted (recognition.min_workers)".
func (r Recognition) String() string {
	s := r.Rule + " workshop " + r.Workshop + " on " + r.On.String() + ": "
	if r.Recognized {
		return s + "recognised, " + itoa(r.Counted) + " counted, award " + r.Award.Total.String()
	}
	return s + "not recognised, " + itoa(r.Counted) + " counted" + failedCodes(r.Criteria)
}

// Options are the caller's inputs to [Params.Recognize] and
// [Params.TransportSubsidy] that the rules do not hold. The zero value
// serves no SECONDARY rule, knows no minimum wage and no fare.
type Options struct {
	Lookup poverty.LookupOptions
	// MinimumWage is the local monthly minimum wage, needed by recognition
	// rules that require pay at least the minimum wage (Jilin).
	MinimumWage *MinimumWage
	// Fare is the actual fare paid, needed by transport tiers that
	// reimburse it up to a cap; nil when unknown.
	Fare *poverty.Money
}

// Recognize evaluates the workshop against the recognition rule with the ID
// on the date: each worker criterion for each post, then the workshop
// criteria, then the award ([Index.Workshop] returns a workshop with its
// posts). The rule is named by its ID, so a LOCAL rule is applied wherever
// the caller applies it; the reasons cite its label. A rule not in force
// that year, SECONDARY without opts.Lookup.AcceptSecondary, UNCONFIRMED, or
// needing a minimum wage the caller did not give is an error
// (*[poverty.FieldError] with Op "labor.Recognize"); a criterion that fails
// is not.
func (p *Params) Recognize(ruleID string, ws *Workshop, posts []Post, on poverty.Date, opts Options) (Recognition, error) {
	const op = "labor.Recognize"
	if on.IsZero() || ws == nil {
		return Recognition{}, fieldErr(op, ruleID, "on", "", poverty.ErrMissing)
	}
	rule, err := lookup[RecognitionRule](p, op, ruleID, on.Year(), opts.Lookup)
	if err != nil {
		return Recognition{}, err
	}
	var age *AgeLimits
	if rule.WorkingAge != "" {
		a, err := lookup[AgeLimits](p, op, rule.WorkingAge, 0, opts.Lookup)
		if err != nil {
			return Recognition{}, err
		}
		age = &a
	}
	if rule.MinimumWage && opts.MinimumWage == nil {
		return Recognition{}, paramErr(op, kindRecognition, rule.ID, "minimum_wage", "", ErrNoParameter)
	}
	var table *AwardTable
	if rule.Award.Table != "" {
		t, err := lookup[AwardTable](p, op, rule.Award.Table, on.Year(), opts.Lookup)
		if err != nil {
			return Recognition{}, err
		}
		table = &t
	}
	res := Recognition{Rule: rule.ID, Workshop: ws.ID, On: on}
	h := &rule.Header
	wageYear := on.Year()
	if rule.PreviousYear {
		wageYear--
	}
	for i, post := range posts {
		if post.Job == nil || post.Worker == nil {
			return Recognition{}, fieldErr(op, ws.ID, "posts["+strconv.Itoa(i)+"]", "", poverty.ErrMissing)
		}
		pc := PostCheck{Job: post.Job.ID, Worker: post.Worker.ID}
		fail := func(code string) { pc.Failed = append(pc.Failed, code) }
		if rule.PreviousYear {
			if post.Job.ServiceIn(wageYear).Days == 0 || post.Job.Start.After(on) {
				fail("post.in_post")
			}
		} else if !post.Job.heldOn(on) {
			fail("post.in_post")
		}
		if rule.Counts != GroupAny && (post.Household == nil || !post.Household.in(rule.Counts)) {
			fail("post.group")
		}
		if rule.MinContractMonths > 0 && post.Job.ContractMonths < rule.MinContractMonths {
			fail("post.contract")
		}
		if rule.MinimumWage && post.Job.MonthlyWage < opts.MinimumWage.Monthly {
			fail("post.minimum_wage")
		}
		if age != nil {
			ok, err := age.workingAge(op, post.Worker.born(), post.Worker.sex(), on)
			if isUnstatedLimit(err) {
				return Recognition{}, err
			}
			if err != nil {
				return Recognition{}, fieldErr(op, post.Worker.ID, "birth_date", post.Worker.born().String(), err)
			}
			if !ok {
				fail("post.working_age")
			}
		}
		if rule.MinMonthsWorked > 0 || rule.MinAnnualWage > 0 {
			sv := post.Job.ServiceIn(wageYear)
			if sv.Months < rule.MinMonthsWorked {
				fail("post.months_worked")
			}
			if rule.MinAnnualWage > 0 {
				w, err := post.Job.wage(sv)
				if err != nil {
					return Recognition{}, withOp(op, err)
				}
				if w < rule.MinAnnualWage {
					fail("post.annual_wage")
				}
			}
		}
		if rule.MinMonthsInPost > 0 && post.Job.monthsInPost(on) < rule.MinMonthsInPost {
			fail("post.months_in_post")
		}
		pc.Counted = len(pc.Failed) == 0
		if pc.Counted {
			res.Counted++
		}
		res.Posts = append(res.Posts, pc)
	}
	add := func(c poverty.Criterion) { res.Criteria = append(res.Criteria, c) }
	if rule.MinWorkers > 0 {
		add(crit("recognition.min_workers", res.Counted >= rule.MinWorkers,
			strconv.Itoa(res.Counted)+" of "+strconv.Itoa(len(posts))+" posts counted",
			"at least "+strconv.Itoa(rule.MinWorkers)+" "+rule.Counts.String()+" workers"+workerTerms(&rule, opts.MinimumWage, age), h))
	}
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	if rule.CountyRecognized {
		add(crit("recognition.county_recognised", ws.CountyRecognized, "county recognised: "+yes(ws.CountyRecognized), "required", h))
	}
	if rule.RegisteredBusiness {
		add(crit("recognition.registered_business", ws.RegisteredBusiness, "registered business: "+yes(ws.RegisteredBusiness), "required", h))
	}
	if rule.FixedPremises {
		add(crit("recognition.fixed_premises", ws.FixedPremises, "fixed premises: "+yes(ws.FixedPremises), "required", h))
	}
	if len(rule.Sites) > 0 {
		ok := slices.ContainsFunc(ws.Sites, func(s Site) bool { return slices.Contains(rule.Sites, s) })
		add(crit("recognition.site", ok, "sites "+siteList(ws.Sites), "one of "+siteList(rule.Sites), h))
	}
	if len(rule.ExcludedSites) > 0 {
		ok := !slices.ContainsFunc(ws.Sites, func(s Site) bool { return slices.Contains(rule.ExcludedSites, s) })
		add(crit("recognition.excluded_site", ok, "sites "+siteList(ws.Sites), "none of "+siteList(rule.ExcludedSites), h))
	}
	if rule.ExcludeCoopWithoutProcessing {
		ok := !ws.Cooperative || ws.ProcessingStep
		add(crit("recognition.processing", ok, "cooperative: "+yes(ws.Cooperative)+", processing step: "+yes(ws.ProcessingStep),
			"farming cooperatives without processing excluded", h))
	}
	if len(rule.Types) > 0 {
		var ts []string
		for _, t := range rule.Types {
			ts = append(ts, t.String())
		}
		add(crit("recognition.type", slices.Contains(rule.Types, ws.Type), "type "+ws.Type.String(), "one of "+strings.Join(ts, ", "), h))
	}
	if rule.MinInsurancePerMonth > 0 {
		add(crit("recognition.insurance", ws.InsurancePerMonth >= rule.MinInsurancePerMonth,
			ws.InsurancePerMonth.String()+" yuan per person per month", "at least "+rule.MinInsurancePerMonth.String(), h))
	}
	res.Recognized = true
	for _, c := range res.Criteria {
		res.Recognized = res.Recognized && c.Pass
	}
	if res.Recognized {
		var err error
		if res.Award, err = award(&rule, table, ws, posts, &res, on); err != nil {
			return Recognition{}, fieldErr(op, ws.ID, "award", "", err)
		}
	}
	return res, nil
}

func workerTerms(r *RecognitionRule, mw *MinimumWage, age *AgeLimits) string {
	var s []string
	if r.MinContractMonths > 0 {
		s = append(s, "contract at least "+strconv.Itoa(r.MinContractMonths)+" months")
	}
	if r.MinimumWage && mw != nil {
		s = append(s, "paid at least the minimum wage "+mw.Monthly.String()+" ("+mw.cite()+")")
	}
	if age != nil {
		s = append(s, "of working age (women "+strconv.Itoa(age.Min)+"-"+strconv.Itoa(age.WomenMax)+", men "+strconv.Itoa(age.Min)+"-"+strconv.Itoa(age.MenMax)+")")
	}
	year := "the year"
	if r.PreviousYear {
		year = "the previous year"
	}
	if r.MinMonthsWorked > 0 {
		s = append(s, "at least "+strconv.Itoa(r.MinMonthsWorked)+" months worked in "+year)
	}
	if r.MinAnnualWage > 0 {
		s = append(s, "wage income at least "+r.MinAnnualWage.String()+" in "+year)
	}
	if r.MinMonthsInPost > 0 {
		s = append(s, "at least "+strconv.Itoa(r.MinMonthsInPost)+" months in post")
	}
	if len(s) == 0 {
		return ""
	}
	return ", " + strings.Join(s, ", ")
}

func siteList(ss []Site) string {
	if len(ss) == 0 {
		return "(none)"
	}
	var out []string
	for _, s := range ss {
		out = append(out, s.String())
	}
	return strings.Join(out, ", ")
}

func award(r *RecognitionRule, table *AwardTable, ws *Workshop, posts []Post, res *Recognition, on poverty.Date) (Award, error) {
	a := Award{OneOff: r.Award.OneOff, ConstructionCap: r.Award.ConstructionCap, Years: r.Award.Years}
	n := int64(res.Counted)
	var err error
	if a.OneOff > 0 {
		a.Basis = append(a.Basis, "one-off "+a.OneOff.String())
	}
	if r.Award.PerWorker > 0 {
		if a.PerWorker, err = r.Award.PerWorker.Mul(n); err != nil {
			return Award{}, err
		}
		if r.Award.PerWorkerCap > 0 && a.PerWorker > r.Award.PerWorkerCap {
			a.PerWorker, a.Capped = r.Award.PerWorkerCap, true
		}
		b := r.Award.PerWorker.String() + " x " + strconv.FormatInt(n, 10) + " counted workers = " + a.PerWorker.String()
		if a.Capped {
			b += " (capped at " + r.Award.PerWorkerCap.String() + ")"
		}
		a.Basis = append(a.Basis, b)
	}
	if r.Award.PerWorkerYearly > 0 {
		if a.Yearly, err = r.Award.PerWorkerYearly.Mul(n); err != nil {
			return Award{}, err
		}
		a.Basis = append(a.Basis, r.Award.PerWorkerYearly.String()+" x "+strconv.FormatInt(n, 10)+" counted workers = "+a.Yearly.String()+" a year for "+strconv.Itoa(r.Award.Years)+" years")
	}
	if table != nil {
		for i := range posts {
			if res.Posts[i].Counted && posts[i].Job.monthsInPost(on) >= table.MinMonthsInPost {
				a.TableHeadcount++
			}
		}
		var row *AwardRow
		for i := range table.Rows {
			rw := &table.Rows[i]
			if a.TableHeadcount >= rw.MinWorkers && (rw.MaxWorkers == 0 || a.TableHeadcount <= rw.MaxWorkers) {
				row = rw
			}
		}
		switch {
		case row == nil:
			a.Basis = append(a.Basis, strconv.Itoa(a.TableHeadcount)+" workers in post at least "+strconv.Itoa(table.MinMonthsInPost)+" months: below the first band of "+table.cite())
		case ws.Grade == 0:
			a.Basis = append(a.Basis, "not graded: no award from "+table.ID)
		default:
			a.Table = [...]poverty.Money{0, row.Excellent, row.Good, row.Pass}[ws.Grade]
			a.Basis = append(a.Basis, "grade "+ws.Grade.String()+", "+strconv.Itoa(a.TableHeadcount)+" workers in post at least "+
				strconv.Itoa(table.MinMonthsInPost)+" months: "+a.Table.String()+" from "+table.cite())
		}
	}
	if a.ConstructionCap > 0 {
		a.Basis = append(a.Basis, "construction subsidy set by the county, at most "+a.ConstructionCap.String())
	}
	if a.Total, err = poverty.Sum(a.OneOff, a.PerWorker, a.Yearly, a.Table); err != nil {
		return Award{}, err
	}
	return a, nil
}
