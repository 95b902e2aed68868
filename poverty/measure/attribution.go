package measure

import (
	"math"
	"math/bits"
	"strconv"

	"github.com/openfupin/fupin/poverty"
)

// IncomeSource returns the amount of one income source in a household's income
// for its accounting year: the household's wages from a
// poverty-alleviation workshop (扶贫车间), its public-welfare post pay, or a
// field of its [poverty.Income] such as
//
//	func(h *poverty.Household) poverty.Money { return h.Income.Wage }
//
// The amount is part of the household's total income
// ([poverty.Income.Total]); it may be negative for a net source (net
// operating income after a loss).
type IncomeSource func(h *poverty.Household) poverty.Money

// Source is a named income source, one factor of [AttributeShapley].
type Source struct {
	Name   string // the source's name in the result, such as "wage"
	Amount IncomeSource
}

// IncomeComponents returns the four components of income that
// [poverty.Income.Total] adds up, in its order: "wage", "net_operating"
// ([poverty.Income.NetOperating], negative after an operating loss),
// "property" and "net_transfer" ([poverty.Income.NetTransfer]). They add
// up to the whole income, so that removing all four leaves every household
// with nothing: the total change of [AttributeShapley] over them is the
// poverty of a population without income (incidence 1) minus the poverty
// observed.
func IncomeComponents() []Source {
	return []Source{
		{Name: "wage", Amount: func(h *poverty.Household) poverty.Money { return h.Income.Wage }},
		{Name: "net_operating", Amount: func(h *poverty.Household) poverty.Money { return h.Income.NetOperating() }},
		{Name: "property", Amount: func(h *poverty.Household) poverty.Money { return h.Income.Property }},
		{Name: "net_transfer", Amount: func(h *poverty.Household) poverty.Money { return h.Income.NetTransfer() }},
	}
}

// AttributeOptions are the settings of [AttributeOneAtATime] and
// [AttributeShapley]. The zero value counts welfare below the line as poor
// ([poverty.BelowLine]) and gives every household survey weight 1.
type AttributeOptions struct {
	// Boundary says whether welfare equal to a line counts as poor.
	Boundary poverty.Boundary
	// SurveyWeight returns a household's sampling weight; nil gives every
	// household weight 1 (a census, or the registration system). A
	// household counts its resident members times its survey weight, so
	// that the measures count persons. The weight must be finite, not
	// negative and at most [MaxWeight].
	SurveyWeight func(h *poverty.Household) float64
}

// MaxShapleySources is the largest number of sources [AttributeShapley]
// takes: it evaluates every subset of the sources, 2^K of them.
const MaxShapleySources = 12

// Attribution is the one-at-a-time effect of one income source on
// poverty at one line ([AttributeOneAtATime]): the measures of the
// households as they are (the scenario) and without the source (the
// counterfactual: each household's total income minus the source, over the
// same resident members and weight), everything else held fixed.
//
// It is the static, first-round accounting effect of removing the source.
// It ignores behavioural responses (a worker without the workshop might
// have earned elsewhere, or not worked at all), so it is neither an upper
// nor a lower bound on the source's causal effect. For a source that is
// positive in every household the effect is never negative; for a source
// that can be negative (net operating income after a loss) removing it
// raises some incomes, and its effect can be negative. The effects of
// several sources removed one at a time do not add up to the effect of
// removing them all, and removing them one after another gives effects
// that depend on the order: [AttributeShapley] gives the decomposition that
// adds up.
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

	// Households not below the line, with and without the source, and the
	// households the source alone keeps above it (above with it and below
	// without it). These count households (records), not weight.
	Households   int
	AboveWith    int
	AboveWithout int
	Lifted       int

	// The source's effect: the counterfactual measure minus the scenario's
	// (positive when the source reduces poverty).
	DeltaIncidence, DeltaGap, DeltaSeverity float64
}

// AttributeOneAtATime measures, at each line, the difference one income
// source makes to poverty by removing it from every household, alone (see
// [Attribution] for what this shows and what it does not). Households
// count their resident members times their survey weight
// ([AttributeOptions]). Errors are those of [Builder.AddHousehold], and
// *[poverty.FieldError] with [poverty.ErrRange] for a source amount beyond
// ±[poverty.MaxAmount] or a survey weight out of range.
func AttributeOneAtATime(households []poverty.Household, source IncomeSource, opt AttributeOptions, lines ...poverty.Money) ([]Attribution, error) {
	const op = "measure.AttributeOneAtATime"
	if source == nil {
		return nil, &poverty.FieldError{Op: op, Record: "attribution", Field: "source", Err: poverty.ErrMissing}
	}
	b := opt.Boundary
	if _, _, err := prepareLines("attribution", b, lines); err != nil {
		return nil, err
	}
	d, err := prepareSources(op, households, []Source{{Name: "source", Amount: source}}, opt.SurveyWeight)
	if err != nil {
		return nil, err
	}
	out := make([]Attribution, len(lines))
	for k := range out {
		out[k] = Attribution{Line: lines[k], Boundary: b, Households: len(households)}
	}
	for i := range households {
		pc, _ := d.welfare(i, 0) // checked by prepareSources
		cf, _ := d.welfare(i, 1)
		for k, z := range lines {
			a, c := !b.Below(pc, z), !b.Below(cf, z)
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
	var buf []obs
	pw, err := d.population(op, 0, &buf)
	if err != nil {
		return nil, err
	}
	mw, err := pw.Poverty(b, lines...)
	if err != nil {
		return nil, err
	}
	buf = nil // pw keeps its observations
	po, err := d.population(op, 1, &buf)
	if err != nil {
		return nil, err
	}
	mo, err := po.Poverty(b, lines...)
	if err != nil {
		return nil, err
	}
	for k := range out {
		a := &out[k]
		a.Scenario, a.Without = mw[k], mo[k]
		a.DeltaIncidence = a.Without.Incidence - a.Scenario.Incidence
		a.DeltaGap = a.Without.Gap - a.Scenario.Gap
		a.DeltaSeverity = a.Without.Severity - a.Scenario.Severity
	}
	return out, nil
}

// SourceEffects decomposes the change of one measure when income sources
// are removed. With is the measure of the households as they are, Without
// the measure with every source removed, and Total = Without - With the
// change to decompose (positive when the sources reduce poverty or, for
// the Gini, when removing them raises inequality).
//
// Parts[k] is the Shapley value of source k: its marginal effect
// (the measure without it minus the measure with it) averaged over every
// order in which the sources can be removed. The parts add up to Total
// exactly (up to rounding, 1e-9 in the tests) and do not depend on the
// order of the sources. Shares[k] is Parts[k] / Total, NaN when Total is 0;
// the shares add up to 1 but one can be negative or above 1 (a negative
// source such as an operating loss, whose removal raises incomes).
// Removal[k] is the one-at-a-time effect of removing source k alone
// (as [AttributeOneAtATime]): it is reported for comparison and does not
// add up to Total.
//
// In JSON a figure that is not a number (NaN, ±Inf) is null
// ([SourceEffects.MarshalJSON]).
type SourceEffects struct {
	With, Without, Total float64
	Parts                []float64
	Shares               []float64
	Removal              []float64
}

// ShapleyLine holds the Shapley decomposition of the FGT measures at one
// line: Incidence (FGT0), Gap (FGT1) and Severity (FGT2).
//
// In JSON a figure that is not a number (NaN, ±Inf) is null
// ([ShapleyLine.MarshalJSON]).
type ShapleyLine struct {
	Line                     poverty.Money
	Incidence, Gap, Severity SourceEffects
}

// Shapley is the result of [AttributeShapley]: the Shapley decomposition,
// by income source, of the change in poverty (FGT0, FGT1 and FGT2 at each
// line) and in the Gini coefficient when the sources are removed from
// every household.
//
// Removing a source leaves each household its total income minus the
// source, over the same resident members and weight, everything else held
// fixed: the static decomposition of a measure into the contributions of
// income sources, with the same lack of behavioural response as
// [Attribution]. Removed sources are replaced by zero, not by their mean.
// When the sources cover the whole income ([IncomeComponents]), removing
// them all leaves every household with zero: FGT0 and FGT1 are then 1,
// FGT2 1, and the Gini of equal incomes 0.
//
// The Gini of a counterfactual population whose mean welfare is zero or
// below is 0 when every welfare is equal and undefined (NaN) otherwise;
// a NaN in any subset makes the Gini parts NaN. The FGT parts are always
// defined.
//
// References: A. F. Shorrocks (2013), "Decomposition procedures for
// distributional analysis: a unified framework based on the Shapley
// value", Journal of Economic Inequality 11(1): 99-126 (the Shapley
// decomposition and why sequential elimination depends on the order);
// M. Sastre and A. Trannoy (2002), "Shapley inequality decomposition by
// factor components: some methodological issues", Journal of Economics
// 77(Supplement 1): 51-89 (the zero versus mean replacement of a removed
// source, and its effect on inequality decompositions).
//
// The zero value is an empty result.
//
// In JSON a figure that is not a number (NaN, ±Inf) is null
// ([Shapley.MarshalJSON]).
type Shapley struct {
	Sources    []string // the sources' names, in the order given
	Boundary   poverty.Boundary
	Households int     // households (records)
	Population float64 // their total weight: persons
	Lines      []ShapleyLine
	Gini       SourceEffects
}

// AttributeShapley decomposes, by income source, the difference the
// sources make to poverty at each line and to the Gini coefficient (see
// [Shapley]). The parts of each measure add up to its total change.
//
// The decomposition is exact: it evaluates the measures for every subset
// of the sources, 2^K populations of the households for K sources (16 for
// the four [IncomeComponents]), so its cost is 2^K times that of building
// a population and measuring it, O(2^K · n) time for n households
// (radix-sorted) and O(K · n) memory. K is at most [MaxShapleySources].
//
// Households count their resident members times their survey weight
// ([AttributeOptions]). Errors are those of [Builder.AddHousehold];
// *[poverty.FieldError] with [poverty.ErrMissing] for no source or a source
// without an amount, [poverty.ErrDuplicate] for two sources of the same
// name, [poverty.ErrRange] for more than MaxShapleySources sources, a
// source amount beyond ±[poverty.MaxAmount], a counterfactual per-capita
// welfare beyond it or a survey weight out of range.
func AttributeShapley(households []poverty.Household, sources []Source, opt AttributeOptions, lines ...poverty.Money) (Shapley, error) {
	const op = "measure.AttributeShapley"
	b := opt.Boundary
	if _, _, err := prepareLines("attribution", b, lines); err != nil {
		return Shapley{}, err
	}
	if len(sources) > MaxShapleySources {
		return Shapley{}, &poverty.FieldError{Op: op, Record: "attribution", Field: "sources", Value: strconv.Itoa(len(sources)) + " sources, at most " + strconv.Itoa(MaxShapleySources), Err: poverty.ErrRange}
	}
	d, err := prepareSources(op, households, sources, opt.SurveyWeight)
	if err != nil {
		return Shapley{}, err
	}
	ls, order, _ := prepareLines("attribution", b, lines)
	K, nl := len(sources), len(lines)
	n := 1 << K
	// m[mask] holds, for the subset of sources removed, FGT0/1/2 at each
	// line and then the Gini: 3·nl + 1 values.
	stride := 3*nl + 1
	m := make([]float64, n*stride)
	acc := make([][3]float64, nl)
	var buf []obs
	var weight float64
	for mask := range n {
		p, err := d.population(op, uint(mask), &buf)
		if err != nil {
			return Shapley{}, err
		}
		p.fgtGini(ls, order, b, acc, m[mask*stride:(mask+1)*stride])
		weight = p.total
		buf = p.obs[:0] // p is no longer used: reuse its observations
	}
	// Shapley weights |S|! (K-|S|-1)! / K! for a subset S not holding k.
	w := make([]float64, K)
	for s := range K {
		w[s] = math.Exp(lgamma(s+1) + lgamma(K-s) - lgamma(K+1))
	}
	effects := func(j int) SourceEffects {
		e := SourceEffects{With: m[j], Without: m[(n-1)*stride+j],
			Parts: make([]float64, K), Shares: make([]float64, K), Removal: make([]float64, K)}
		e.Total = e.Without - e.With
		for k := range K {
			bit := 1 << k
			var phi float64
			for mask := range n {
				if mask&bit != 0 {
					continue
				}
				phi += w[bits.OnesCount(uint(mask))] * (m[(mask|bit)*stride+j] - m[mask*stride+j])
			}
			e.Parts[k] = phi
			e.Removal[k] = m[bit*stride+j] - m[j]
			e.Shares[k] = share(phi, e.Total)
		}
		return e
	}
	r := Shapley{Boundary: b, Households: len(households), Population: weight,
		Sources: make([]string, K), Lines: make([]ShapleyLine, nl), Gini: effects(3 * nl)}
	for k, s := range sources {
		r.Sources[k] = s.Name
	}
	for k, z := range lines {
		r.Lines[k] = ShapleyLine{Line: z, Incidence: effects(3 * k), Gap: effects(3*k + 1), Severity: effects(3*k + 2)}
	}
	return r, nil
}

// lgamma returns ln((n-1)!) = ln Γ(n).
func lgamma(n int) float64 {
	v, _ := math.Lgamma(float64(n))
	return v
}

// share returns part/whole, NaN when whole is zero.
func share(part, whole float64) float64 {
	if whole == 0 {
		return math.NaN()
	}
	return part / whole
}

// fgtGini writes into v FGT0, FGT1 and FGT2 at each line (prepared and
// sorted in ls, the caller's order in order), three values a line in the
// caller's order, then the Gini coefficient (see giniOrEqual), from one
// pass over the observations; acc holds len(ls) accumulators. It is
// [Population.Poverty] without Watts, Sen and the cost, and
// [Population.Gini], in the same order of summation.
func (p *Population) fgtGini(ls []line, order []int, b poverty.Boundary, acc [][3]float64, v []float64) {
	clear(acc)
	nl := len(ls)
	k0 := 0
	var c, y, a float64
	for i := range p.obs {
		o := &p.obs[i]
		wy := o.w * float64(o.y)
		a += wy * (2*c + o.w)
		c += o.w
		y += wy
		for k0 < nl && !b.Below(o.y, ls[k0].z) {
			k0++
		}
		for k := k0; k < nl; k++ {
			g := float64(ls[k].z-o.y) * ls[k].invz
			wg := o.w * g
			s := &acc[k]
			s[0] += o.w
			s[1] += wg
			s[2] += wg * g
		}
	}
	for k := range ls {
		j := 3 * order[k]
		v[j], v[j+1], v[j+2] = acc[k][0]/p.total, acc[k][1]/p.total, acc[k][2]/p.total
	}
	if y > 0 {
		v[3*nl] = a/(c*y) - 1
	} else {
		v[3*nl] = p.giniOrEqual()
	}
}

// giniOrEqual returns the Gini coefficient; when the mean is zero or
// below, 0 if every observation of positive weight has the same welfare
// and NaN otherwise.
func (p *Population) giniOrEqual() float64 {
	g, err := p.Gini()
	if err == nil {
		return g
	}
	first := true
	var y0 poverty.Money
	for i := range p.obs {
		o := &p.obs[i]
		if o.w == 0 {
			continue
		}
		if first {
			y0, first = o.y, false
		} else if o.y != y0 {
			return math.NaN()
		}
	}
	return 0
}

// sourceData holds what a decomposition needs of each household: its
// total income, resident members, weight and the amount of each source.
type sourceData struct {
	hh    []poverty.Household
	k     int
	total []poverty.Money
	res   []int64
	w     []float64
	amt   []poverty.Money // household i, source k at i*k+k
}

// prepareSources checks the households, the sources and the weights, and
// every counterfactual welfare, once.
func prepareSources(op string, hh []poverty.Household, sources []Source, weight func(*poverty.Household) float64) (*sourceData, error) {
	if len(sources) == 0 {
		return nil, &poverty.FieldError{Op: op, Record: "attribution", Field: "sources", Err: poverty.ErrMissing}
	}
	names := make(map[string]bool, len(sources))
	for k, s := range sources {
		f := "sources[" + strconv.Itoa(k) + "]"
		if s.Amount == nil {
			return nil, &poverty.FieldError{Op: op, Record: "attribution", Field: f, Value: s.Name, Err: poverty.ErrMissing}
		}
		if names[s.Name] {
			return nil, &poverty.FieldError{Op: op, Record: "attribution", Field: f, Value: s.Name, Err: poverty.ErrDuplicate}
		}
		names[s.Name] = true
	}
	K := len(sources)
	d := &sourceData{hh: hh, k: K, total: make([]poverty.Money, len(hh)), res: make([]int64, len(hh)),
		w: make([]float64, len(hh)), amt: make([]poverty.Money, len(hh)*K)}
	var concept poverty.IncomeConcept
	var total float64
	for i := range hh {
		h := &hh[i]
		pc, err := h.PerCapita() // resident members and a sane income
		if err != nil {
			return nil, err
		}
		if i == 0 {
			concept = pc.Concept
		} else if pc.Concept != concept {
			return nil, &poverty.FieldError{Op: op, Record: h.ID, Field: "concept", Value: pc.Concept.String(), Err: poverty.ErrConceptMismatch}
		}
		sw := 1.0
		if weight != nil {
			sw = weight(h)
		}
		if !validWeight(sw) {
			fe := weightError(h.ID, "survey_weight", sw).(*poverty.FieldError)
			fe.Op = op
			return nil, fe
		}
		d.total[i], _ = h.Income.Total()
		d.res[i] = int64(h.Residents())
		d.w[i] = sw * float64(d.res[i])
		total += d.w[i]
		for k, s := range sources {
			a := s.Amount(h)
			if a > poverty.MaxAmount || a < -poverty.MaxAmount {
				return nil, &poverty.FieldError{Op: op, Record: h.ID, Field: "sources[" + strconv.Itoa(k) + "]", Value: a.String(), Err: poverty.ErrRange}
			}
			d.amt[i*K+k] = a
		}
		// The extreme counterfactuals bound all others: removing every
		// positive source gives the lowest welfare, every negative one the
		// highest.
		var lo, hi poverty.Money
		for _, a := range d.amt[i*K : (i+1)*K] {
			if a > 0 {
				lo += a
			} else {
				hi -= a
			}
		}
		for _, x := range [2]poverty.Money{d.total[i] - lo, d.total[i] + hi} {
			pc, err := x.Div(d.res[i], poverty.PerCapitaRounding)
			if err != nil || pc > poverty.MaxAmount || pc < -poverty.MaxAmount {
				return nil, &poverty.FieldError{Op: op, Record: h.ID, Field: "sources", Value: x.String() + " without sources", Err: poverty.ErrRange}
			}
		}
		if total > MaxWeight {
			return nil, &poverty.FieldError{Op: op, Record: h.ID, Field: "survey_weight", Value: strconv.FormatFloat(sw, 'g', -1, 64), Err: poverty.ErrOverflow}
		}
	}
	if total <= 0 {
		return nil, &poverty.FieldError{Op: op, Record: "population", Field: "weight", Value: strconv.Itoa(len(hh)) + " households", Err: ErrNoWeight}
	}
	return d, nil
}

// welfare returns household i's per-capita welfare with the sources in
// mask removed.
func (d *sourceData) welfare(i int, mask uint) (poverty.Money, error) {
	x := d.total[i]
	for k, a := range d.amt[i*d.k : (i+1)*d.k] {
		if mask&(1<<k) != 0 {
			x -= a
		}
	}
	return x.Div(d.res[i], poverty.PerCapitaRounding)
}

// population builds the population of the households with the sources in
// mask removed, in *buf's storage (grown as needed).
func (d *sourceData) population(op string, mask uint, buf *[]obs) (*Population, error) {
	var b Builder
	if cap(*buf) < len(d.hh) {
		*buf = make([]obs, 0, len(d.hh))
	}
	b.obs = (*buf)[:0]
	for i := range d.hh {
		y, err := d.welfare(i, mask)
		if err == nil {
			err = b.add(d.hh[i].ID, -1, y, d.w[i], "")
		}
		if err != nil {
			return nil, reOp(op, err)
		}
	}
	p, err := b.Build()
	return p, reOp(op, err)
}
