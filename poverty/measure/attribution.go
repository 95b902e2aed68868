package measure

import (
	"fmt"
	"math"

	"github.com/openfupin/fupin/poverty"
)

// IncomeSource returns the amount of one income source in a household's income
// for its accounting year: the household's wages from a
// poverty-alleviation workshop (扶贫车间), its public-welfare post pay, or a
// field of its [Income] such as
//
//	func(h *poverty.Household) poverty.Money { return h.Income.Wage }
//
// The amount is part of the household's total income ([Income.Total]); it
// may be negative for a net source (net operating income).
type IncomeSource func(h *poverty.Household) poverty.Money

// Attribution is the effect of one income source on poverty at one line:
// the measures of the households as they are (the scenario), without the
// source (the counterfactual: each household's total income minus the
// source, over the same resident members), and, when a baseline is given,
// before. It answers "how much of the fall in poverty comes from workshop
// wages" as the difference the source makes, holding everything else fixed;
// it ignores behavioural responses (a worker without the workshop might
// have earned elsewhere), so it is an upper bound on the source's effect.
//
// The zero value is an empty attribution.
//
// In JSON a figure that is not a number (NaN, ±Inf) is null
// ([Attribution.MarshalJSON]).
type Attribution struct {
	Line     poverty.Money
	Boundary poverty.Boundary

	Scenario Poverty // households as they are, with the source
	Without  Poverty // the same households without the source
	// Baseline holds the measures of the baseline households; zero when
	// no baseline was given (HasBaseline false).
	Baseline    Poverty
	HasBaseline bool

	// Households not below the line, with and without the source, and the
	// households the source alone keeps above it (above with it and below
	// without it).
	Households   int
	AboveWith    int
	AboveWithout int
	Lifted       int

	// The source's effect: the counterfactual measure minus the scenario's
	// (positive when the source reduces poverty).
	DeltaIncidence, DeltaGap, DeltaSeverity float64
	// The effect as a share of the reduction from baseline to scenario
	// (Baseline minus Scenario). NaN without a baseline or when the
	// measure did not change.
	ShareIncidence, ShareGap, ShareSeverity float64
}

// Attribute measures how much one income source contributes to poverty
// reduction at each line: the households of scenario with and without the
// source (see [Attribution]), and the households of baseline (nil for none,
// for example the same households in an earlier year). Households are
// weighted by their resident members, so the measures count persons; the
// counts of households above the line count households. Errors are those
// of [Builder.AddHousehold], and *[poverty.FieldError] with [poverty.ErrRange]
// for a source amount beyond ±[poverty.MaxAmount].
func Attribute(baseline, scenario []poverty.Household, source IncomeSource, b poverty.Boundary, lines ...poverty.Money) ([]Attribution, error) {
	if source == nil {
		return nil, &poverty.FieldError{Op: "measure.Attribute", Record: "attribution", Field: "source", Err: poverty.ErrMissing}
	}
	if _, _, err := prepareLines("attribution", b, lines); err != nil {
		return nil, err
	}
	var with, without Builder
	with.obs = make([]obs, 0, len(scenario))
	without.obs = make([]obs, 0, len(scenario))
	out := make([]Attribution, len(lines))
	for k := range out {
		out[k] = Attribution{Line: lines[k], Boundary: b, Households: len(scenario)}
	}
	for i := range scenario {
		h := &scenario[i]
		if err := with.AddHousehold(h, 1, ""); err != nil {
			return nil, err
		}
		pc, _ := h.PerCapita() // checked by AddHousehold
		total, _ := h.Income.Total()
		s := source(h)
		if s > poverty.MaxAmount || s < -poverty.MaxAmount {
			return nil, &poverty.FieldError{Op: "measure.Attribute", Record: h.ID, Field: "source", Value: s.String(), Err: poverty.ErrRange}
		}
		n := int64(h.Residents())
		cf, err := (total - s).Div(n, poverty.PerCapitaRounding)
		if err != nil {
			return nil, &poverty.FieldError{Op: "measure.Attribute", Record: h.ID, Field: "source", Value: s.String(), Err: err}
		}
		if err := without.add(h.ID, -1, cf, float64(n), ""); err != nil {
			return nil, err
		}
		for k, z := range lines {
			a, c := !b.Below(pc.Amount, z), !b.Below(cf, z)
			if a {
				out[k].AboveWith++
			}
			if c {
				out[k].AboveWithout++
			}
			if a && !c {
				out[k].Lifted++
			}
		}
	}
	pw, err := with.Build()
	if err != nil {
		return nil, err
	}
	po, err := without.Build()
	if err != nil {
		return nil, err
	}
	mw, err := pw.Poverty(b, lines...)
	if err != nil {
		return nil, err
	}
	mo, err := po.Poverty(b, lines...)
	if err != nil {
		return nil, err
	}
	var mb []Poverty
	if baseline != nil {
		pb, err := FromHouseholds(baseline, nil)
		if err != nil {
			return nil, err
		}
		if pb.Concept() != pw.Concept() {
			return nil, &poverty.FieldError{Op: "measure.Attribute", Record: "baseline", Field: "concept", Value: pb.Concept().String(), Err: fmt.Errorf("%w: baseline %s, scenario %s", poverty.ErrConceptMismatch, pb.Concept(), pw.Concept())}
		}
		if mb, err = pb.Poverty(b, lines...); err != nil {
			return nil, err
		}
	}
	for k := range out {
		a := &out[k]
		a.Scenario, a.Without = mw[k], mo[k]
		a.DeltaIncidence = a.Without.Incidence - a.Scenario.Incidence
		a.DeltaGap = a.Without.Gap - a.Scenario.Gap
		a.DeltaSeverity = a.Without.Severity - a.Scenario.Severity
		a.ShareIncidence, a.ShareGap, a.ShareSeverity = math.NaN(), math.NaN(), math.NaN()
		if mb != nil {
			a.Baseline, a.HasBaseline = mb[k], true
			a.ShareIncidence = share(a.DeltaIncidence, a.Baseline.Incidence-a.Scenario.Incidence)
			a.ShareGap = share(a.DeltaGap, a.Baseline.Gap-a.Scenario.Gap)
			a.ShareSeverity = share(a.DeltaSeverity, a.Baseline.Severity-a.Scenario.Severity)
		}
	}
	return out, nil
}

// share returns part/whole, NaN when whole is zero.
func share(part, whole float64) float64 {
	if whole == 0 {
		return math.NaN()
	}
	return part / whole
}
