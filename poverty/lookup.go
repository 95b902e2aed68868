package poverty

import (
	"errors"
	"fmt"
)

// Lookup returns the threshold of the kind (and series, for kinds that have
// series; "" otherwise) for year in region.
//
// The search goes from the province's own values (scope its province code)
// to its zone's (for zone-wide rules such as the western 3% incidence
// cut-off; the zone of the three-way and of the four-way division) and then
// to national ones. County values are never found by region. Kinds
// published year by year (the standard, monitoring lines) need a record for
// the year itself; rules apply from their Year until their Until.
//
// What is served follows [Provenance.Serve]: a record rated UNCONFIRMED is
// never returned (the error wraps [ErrUnconfirmed] and carries the record's
// note, for example the commonly quoted figure); a SECONDARY record wraps
// [ErrSecondary] unless opts.AcceptSecondary is set; LOCAL, DEFAULT,
// SUPPLIED and EXAMPLE records are served for the regions their scope
// covers. A year past the last year with a value wraps [ErrUnknownYear],
// unless opts.Lenient is set, in which case the last value is returned with
// its own year and status and Stale set; past the end of a series the
// sources close (the standard's 2010 series ends in 2020), the error wraps
// [ErrNotInForce] too and nothing is carried forward. Errors are
// *[LookupError].
//
// Lookup does not allocate when it succeeds.
func (t *Table) Lookup(kind Kind, series string, year int, region Region, opts LookupOptions) (Threshold, error) {
	if !region.IsValid() {
		return Threshold{}, &LookupError{Kind: kind, Year: year, Region: region, Err: ErrUnknownRegion}
	}
	var levels [4]Scope
	n := 0
	if region != National {
		levels[0], levels[1], levels[2] = ScopeOf(region), region.Zone(), region.ZoneFourWay()
		n = 3
		if levels[2] == levels[1] {
			n = 2
		}
	}
	levels[n] = ScopeNational
	n++
	pastEnd, lastYear := false, 0
	lo, hi := t.span(kind, series)
	annual := kind.annual()
	y := int32(year)
	for _, lv := range levels[:n] {
		last := -1 // latest record with a value at this level
		found := false
		var maxYear int32
		for i := lo; i < hi; i++ {
			k := &t.keys[i]
			if k.scope != lv {
				continue
			}
			found = true
			maxYear = max(maxYear, k.year)
			if annual {
				if k.year == y {
					return t.accept(&t.recs[i], year, region, opts)
				}
				if k.value && (last < 0 || k.year > t.keys[last].year) {
					last = i
				}
				continue
			}
			if k.year <= y && (k.until == 0 || y <= k.until) {
				return t.accept(&t.recs[i], year, region, opts)
			}
		}
		if found && annual && y > maxYear {
			if s := t.seriesOf(kind, series); s >= 0 && !t.syears[s].covers(year) {
				return Threshold{}, &LookupError{Kind: kind, Year: year, Region: region, Err: errNotInForceYear,
					Note: "the " + series + " series ends in " + t.series[s].To + "; a lenient lookup does not extend it"}
			}
			if opts.Lenient && last >= 0 {
				th, err := t.accept(&t.recs[last], year, region, opts)
				th.Stale = err == nil
				return th, err
			}
			pastEnd, lastYear = true, max(lastYear, int(maxYear))
		}
	}
	e := &LookupError{Kind: kind, Year: year, Region: region, Err: ErrUnknownYear}
	if pastEnd {
		e.Note = "past the last year with a value, " + itoa(lastYear) + "; a lenient lookup returns the last value, marked stale"
	}
	return Threshold{}, e
}

// errNotInForceYear is the error of a lookup past the end of a closed
// series: both [ErrNotInForce] and [ErrUnknownYear].
var errNotInForceYear = fmt.Errorf("%w: %w", ErrNotInForce, ErrUnknownYear)

// span returns the bounds of the records of the kind and series in recs:
// a contiguous run of the sorted records, empty when there is none.
func (t *Table) span(kind Kind, series string) (lo, hi int) {
	for i := range t.spans {
		if sp := &t.spans[i]; sp.kind == kind && sp.series == series {
			return int(sp.lo), int(sp.hi)
		}
	}
	return 0, 0
}

func (t *Table) accept(r *Threshold, year int, region Region, opts LookupOptions) (Threshold, error) {
	switch err := r.Provenance.serve(region, false, opts); {
	case err == nil:
		return *r, nil
	case errors.Is(err, ErrUnconfirmed):
		return Threshold{}, &LookupError{Kind: r.Kind, Year: year, Region: region, Err: err, Note: r.Note}
	default:
		return Threshold{}, &LookupError{Kind: r.Kind, Year: year, Region: region, Err: err, Note: "source: " + r.Provenance.Cite()}
	}
}

// Standard returns the national rural poverty standard in force in year, at
// current prices, from the series in force that year (the 2010 standard
// from 2011 to 2020). No series is in force before 1985 or after 2020 (from
// 2021 the provinces' monitoring lines take over): the error then wraps
// [ErrNotInForce] and [ErrUnknownYear], lenient or not. region is accepted
// for provincial overlays; the embedded data are national. Errors are as
// for [Table.Lookup].
func (t *Table) Standard(year int, region Region, opts LookupOptions) (Threshold, error) {
	s := t.seriesInForce(KindStandard, year)
	if s == "" {
		return Threshold{}, &LookupError{Kind: KindStandard, Year: year, Region: region, Err: errNotInForceYear, Note: "no standard series in force"}
	}
	return t.Lookup(KindStandard, s, year, region, opts)
}

// MonitoringLine returns the monitoring line (监测线) for year in region: the
// province's own line where the data hold one (Fujian 2023 and Yunnan 2023
// and 2025, LOCAL to their province), otherwise a national line. Where no
// line is published but a multiplier rule is in force (2020: about 1.5
// times the standard, 国开发〔2020〕6号), the line is derived from the
// standard and returned with Derived set, Factor and Base holding the
// multiplier and the standard, the multiplier's income concept and scope,
// the weaker of the two statuses and both sources; [Threshold.String]
// prints it as "≈ 6000.00 (derived: ≈ 1.5 × standard ≈ 4000.00)". National
// lines for 2021-2025 are UNCONFIRMED and return [ErrUnconfirmed]; supply
// your own with [Table.Overlay].
func (t *Table) MonitoringLine(year int, region Region, opts LookupOptions) (Threshold, error) {
	line, err := t.Lookup(KindMonitoringLine, "", year, region, opts)
	if err == nil || !errors.Is(err, ErrUnknownYear) {
		return line, err
	}
	mult, merr := t.Lookup(KindMonitoringMultiplier, "", year, region, opts)
	if merr != nil {
		return Threshold{}, err
	}
	std, serr := t.Standard(year, region, opts)
	if serr != nil {
		return Threshold{}, serr
	}
	amt, aerr := std.Amount.MulRate(mult.Rate, RoundHalfUp)
	if aerr != nil {
		return Threshold{}, &LookupError{Kind: KindMonitoringLine, Year: year, Region: region, Err: aerr}
	}
	p := mult.Provenance
	if std.Status != Confirmed {
		p.Status, p.Qualifier = std.Status, std.Qualifier // the weaker of the two
	}
	p.Source = mult.Source + "; times the standard: " + std.Source
	p.Note = "derived: " + mult.Rate.String() + " times the poverty standard " + std.Amount.String()
	return Threshold{
		Kind: KindMonitoringLine, Year: year, Amount: amt, Unit: UnitYuanPerPersonYear,
		Concept: mult.Concept, Accepts: mult.Accepts, PriceBase: "current", Provenance: p,
		Approximate: mult.Approximate || std.Approximate, Derived: true, Stale: std.Stale, Origin: mult.Origin,
		Factor: mult.Rate, Base: std.Amount, FactorApproximate: mult.Approximate, BaseApproximate: std.Approximate,
	}, nil
}
