package poverty

import (
	"cmp"
	"errors"
	"slices"
)

// Lookup returns the threshold of the kind (and series, for kinds that have
// series; "" otherwise) for year in region.
//
// The search falls back from the province to its zone (for zone-wide rules
// such as the western 3% incidence cut-off) and then to National. Kinds
// published year by year (the standard, monitoring lines) need a record for
// the year itself; rules are in force from their Year until their To.
//
// A record rated UNCONFIRMED is never returned: the error wraps
// [ErrUnconfirmed] and carries the record's note (for example the commonly
// quoted figure). A SECONDARY record wraps [ErrSecondary] unless
// opts.AcceptSecondary is set. A year past the last year with a value wraps
// [ErrUnknownYear], unless opts.Lenient is set, in which case the last
// value is returned with Stale set. Errors are *[LookupError].
//
// Lookup does not allocate when it succeeds.
func (t *Table) Lookup(kind Kind, series string, year int, region Region, opts LookupOptions) (Threshold, error) {
	if !region.IsValid() {
		return Threshold{}, &LookupError{Kind: kind, Year: year, Region: region, Err: ErrUnknownRegion}
	}
	type level struct {
		region Region
		zone   Zone
	}
	levels := [3]level{{region: region}, {zone: region.Zone()}, {region: National}}
	n := 3
	if region == National {
		levels[0], n = level{region: National}, 1
	}
	pastEnd, lastYear := false, 0
	span := t.span(kind, series)
	for _, lv := range levels[:n] {
		var last *Threshold // latest record with a value at this level
		any := false
		maxYear := 0
		for i := range span {
			r := &span[i]
			if r.Region != lv.region || r.Zone != lv.zone {
				continue
			}
			any = true
			maxYear = max(maxYear, r.Year)
			if kind.annual() {
				if r.Year == year {
					return t.accept(*r, year, region, opts)
				}
				if r.HasValue() && (last == nil || r.Year > last.Year) {
					last = r
				}
				continue
			}
			if r.Year <= year && (r.To == 0 || year <= r.To) {
				return t.accept(*r, year, region, opts)
			}
		}
		if any && kind.annual() && year > maxYear {
			if opts.Lenient && last != nil {
				th, err := t.accept(*last, year, region, opts)
				th.Stale = true
				return th, err
			}
			pastEnd, lastYear = true, max(lastYear, maxYear)
		}
	}
	e := &LookupError{Kind: kind, Year: year, Region: region, Err: ErrUnknownYear}
	if pastEnd {
		e.Note = "past the last year with a value, " + itoa(lastYear) + "; a lenient lookup carries a confirmed value forward"
	}
	return Threshold{}, e
}

// span returns the records of the kind and series: a contiguous run of the
// sorted records.
func (t *Table) span(kind Kind, series string) []Threshold {
	lo, _ := slices.BinarySearchFunc(t.recs, kindSeries{kind, series}, cmpKindSeries)
	// The first record after the run: treat equal keys as smaller.
	hi, _ := slices.BinarySearchFunc(t.recs[lo:], kindSeries{kind, series}, func(r Threshold, k kindSeries) int {
		if c := cmpKindSeries(r, k); c != 0 {
			return c
		}
		return -1
	})
	return t.recs[lo : lo+hi]
}

type kindSeries struct {
	kind   Kind
	series string
}

func cmpKindSeries(r Threshold, k kindSeries) int {
	if c := cmp.Compare(string(r.Kind), string(k.kind)); c != 0 {
		return c
	}
	return cmp.Compare(r.Series, k.series)
}

func (t *Table) accept(r Threshold, year int, region Region, opts LookupOptions) (Threshold, error) {
	switch {
	case r.Status == Unconfirmed:
		return Threshold{}, &LookupError{Kind: r.Kind, Year: year, Region: region, Err: ErrUnconfirmed, Note: r.Note}
	case r.Status == Secondary && !opts.AcceptSecondary:
		return Threshold{}, &LookupError{Kind: r.Kind, Year: year, Region: region, Err: ErrSecondary, Note: "source: " + r.Source}
	}
	return r, nil
}

// Standard returns the national rural poverty standard in force in year, at
// current prices, from the series in force that year (the 2010 standard from
// 2011). region is accepted for provincial overlays; the embedded data are
// national. Errors are as for [Table.Lookup].
func (t *Table) Standard(year int, region Region, opts LookupOptions) (Threshold, error) {
	s := t.SeriesInForce(KindStandard, year)
	if s == "" {
		return Threshold{}, &LookupError{Kind: KindStandard, Year: year, Region: region, Err: ErrUnknownYear, Note: "no standard in force"}
	}
	return t.Lookup(KindStandard, s, year, region, opts)
}

// MonitoringLine returns the monitoring line (监测线) for year in region: the
// province's own line where the data hold one, otherwise a national line.
// Where no line is published but a multiplier rule is in force (2020: about
// 1.5 times the standard, 国开发〔2020〕6号), the line is derived from the
// standard and returned with Derived set, the multiplier's income concept,
// and both sources. National lines for 2021-2025 are UNCONFIRMED and return
// [ErrUnconfirmed]; supply your own with [Table.Overlay].
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
	status := mult.Status
	if std.Status != Confirmed {
		status = std.Status // the weaker of the two
	}
	return Threshold{
		Kind: KindMonitoringLine, Region: mult.Region, Year: year, Amount: amt, Unit: UnitYuanPerPersonYear,
		Concept: mult.Concept, PriceBase: "current", Status: status,
		Approximate: mult.Approximate || std.Approximate, Derived: true, Stale: std.Stale, Origin: mult.Origin,
		Source: mult.Source + "; times the standard: " + std.Source,
		Note:   "derived: " + mult.Rate.String() + " times the poverty standard " + std.Amount.String(),
	}, nil
}
