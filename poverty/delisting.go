package poverty

import "fmt"

// VillageCounts are the counts a village delisting (贫困村出列) reads: the
// rural population and the registered poor still on the list.
type VillageCounts struct {
	Name       string `json:"name"`
	Population int64  `json:"population"`
	Poor       int64  `json:"poor"`
}

// CountyCounts are the counts a county delisting (贫困县摘帽) reads. The three
// rates of the 2017 assessment (三率一度) are computed from them by the
// formulas of docs/POLICY.md 1.7:
//
//	wrongful-exit rate = WronglyExited / SampledExited
//	omission rate      = Omitted / SampledNonRegistered
//	approval rate      = Approving / Surveyed
//
// With Comprehensive set the incidence is the "comprehensive" one some
// sources use, (Poor + Omitted + WronglyExited) / Population; otherwise it is
// the registered incidence Poor / Population.
type CountyCounts struct {
	Name                 string `json:"name"`
	Population           int64  `json:"population"`
	Poor                 int64  `json:"poor"`
	SampledExited        int64  `json:"sampled_exited"`
	WronglyExited        int64  `json:"wrongly_exited"`
	SampledNonRegistered int64  `json:"sampled_non_registered"`
	Omitted              int64  `json:"omitted"`
	Surveyed             int64  `json:"surveyed"`
	Approving            int64  `json:"approving"`
	Comprehensive        bool   `json:"comprehensive"`
}

// DelistingResult is the outcome of a village or county delisting test,
// with every criterion explained.
type DelistingResult struct {
	Name      string      `json:"name"`
	Year      int         `json:"year"`
	Region    Region      `json:"region"`
	Pass      bool        `json:"pass"`
	Incidence Rate        `json:"incidence"`
	Criteria  []Criterion `json:"criteria"`
}

// String returns the short form, one line: the name, the year, pass or the
// codes of the failed criteria, and the incidence ("a county 2019: fail
// delisting.county_approval; incidence 2.5%").
func (r DelistingResult) String() string {
	return outcome(r.Name, r.Year, r.Pass, r.Criteria) + "; incidence " + r.Incidence.Percent()
}

func (r *DelistingResult) add(c Criterion) {
	r.Criteria = append(r.Criteria, c)
	r.Pass = r.Pass && c.Pass
}

// VillageDelisting tests a village of region against the incidence cut-off
// in force in year (at most 2%, 3% in the western region). The embedded
// cut-offs are SECONDARY (docs/POLICY.md 1.7: "CONFIRMED by inference and
// SECONDARY"): without opts.AcceptSecondary the error wraps [ErrSecondary],
// and with it the criterion's parameter says "[SECONDARY]". Counts must be
// non-negative with Poor <= Population and Population > 0.
func (t *Table) VillageDelisting(year int, region Region, c VillageCounts, opts LookupOptions) (DelistingResult, error) {
	if err := checkCounts(c.Name, c.Population, []part{{"poor", c.Poor, c.Population}}); err != nil {
		return DelistingResult{}, withOp("poverty.VillageDelisting", err)
	}
	res := DelistingResult{Name: c.Name, Year: year, Region: region, Pass: true}
	err := t.rateCriterion(&res, "delisting.village_incidence", KindVillageIncidenceMax, year, region, c.Poor, c.Population,
		"poor", "population", opts)
	return res, err
}

// CountyDelisting tests a county of region against the incidence cut-off
// and, from 2017, the wrongful-exit, omission and approval rates in force in
// year. A county fails if any criterion fails.
func (t *Table) CountyDelisting(year int, region Region, c CountyCounts, opts LookupOptions) (DelistingResult, error) {
	if err := checkCounts(c.Name, c.Population, []part{
		{"poor", c.Poor, c.Population}, {"wrongly_exited", c.WronglyExited, c.SampledExited},
		{"omitted", c.Omitted, c.SampledNonRegistered}, {"approving", c.Approving, c.Surveyed},
	}); err != nil {
		return DelistingResult{}, withOp("poverty.CountyDelisting", err)
	}
	res := DelistingResult{Name: c.Name, Year: year, Region: region, Pass: true}
	poor, label := c.Poor, "poor"
	if c.Comprehensive {
		poor, label = c.Poor+c.Omitted+c.WronglyExited, "poor+omitted+wrongly_exited"
	}
	if err := t.rateCriterion(&res, "delisting.county_incidence", KindCountyIncidenceMax, year, region, poor, c.Population, label, "population", opts); err != nil {
		return res, err
	}
	for _, r := range []struct {
		code     string
		kind     Kind
		num, den int64
		nn, dn   string
	}{
		{"delisting.county_wrongful_exit", KindCountyWrongfulExitMax, c.WronglyExited, c.SampledExited, "wrongly_exited", "sampled_exited"},
		{"delisting.county_omission", KindCountyOmissionMax, c.Omitted, c.SampledNonRegistered, "omitted", "sampled_non_registered"},
		{"delisting.county_approval", KindCountyApprovalMin, c.Approving, c.Surveyed, "approving", "surveyed"},
	} {
		if _, err := t.Lookup(r.kind, "", year, region, opts); err != nil {
			continue // not in force that year (before 2017)
		}
		if err := t.rateCriterion(&res, r.code, r.kind, year, region, r.num, r.den, r.nn, r.dn, opts); err != nil {
			return res, err
		}
	}
	return res, nil
}

func (t *Table) rateCriterion(res *DelistingResult, code string, kind Kind, year int, region Region, num, den int64, nn, dn string, opts LookupOptions) error {
	th, err := t.Lookup(kind, "", year, region, opts)
	if err != nil {
		return err
	}
	if den <= 0 {
		res.add(criterion(code, false, fmt.Sprintf("%s %d / %s %d: no one counted", nn, num, dn, den), th.Cite()))
		return nil
	}
	rate, err := Ratio(num, den, RoundHalfUp)
	if err != nil {
		return err
	}
	if kind == KindVillageIncidenceMax || kind == KindCountyIncidenceMax {
		res.Incidence = rate
	}
	pass := th.Comparison.Holds(CompareRatio(num, den, th.Rate))
	res.add(criterion(code, pass, fmt.Sprintf("%s %d / %s %d = %s (%s %s)", nn, num, dn, den, rate.Percent(), th.Comparison, th.Rate.Percent()), th.Cite()))
	return nil
}

type part struct {
	field    string
	num, den int64
}

func checkCounts(name string, population int64, parts []part) error {
	if population <= 0 {
		return &FieldError{Record: name, Field: "population", Value: fmt.Sprint(population), Err: ErrRange}
	}
	for _, p := range parts {
		if p.num < 0 || p.den < 0 {
			return &FieldError{Record: name, Field: p.field, Value: fmt.Sprint(p.num), Err: ErrNegative}
		}
		if p.num > p.den {
			return &FieldError{Record: name, Field: p.field, Value: fmt.Sprint(p.num), Err: fmt.Errorf("%w: more than the %d counted", ErrRange, p.den)}
		}
	}
	return nil
}
