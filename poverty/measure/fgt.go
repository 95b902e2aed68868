package measure

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"github.com/openfupin/fupin/poverty"
)

// Poverty is the poverty measures of a population at one line: the
// Foster-Greer-Thorbecke family, Watts and Sen, and the money needed to
// close the gap. [Population.Poverty] computes them for several lines in one
// pass.
//
// Write y for per-capita welfare, w for weight, z for the line, W for the
// total weight and g = (z - y)/z for the normalised gap of a poor
// observation (zero for the non-poor). Then
//
//	Incidence      = Σ w / W over the poor            (FGT0, headcount ratio, 贫困发生率)
//	Gap            = Σ w g / W                        (FGT1, poverty gap index)
//	Severity       = Σ w g² / W                       (FGT2, squared poverty gap)
//	IncomeGapRatio = Σ w g / Σ w, over the poor       (so Gap = Incidence × IncomeGapRatio)
//	Watts          = Σ w ln(z/y) / W, over the poor
//	Sen            = Incidence × (I + (1 - I) × Gini of the poor), I = IncomeGapRatio
//
// Sen is computed in the equivalent form Σ w g (2Wp - 2C - w) / (W Wp),
// where Wp is the weight of the poor and C the weight of the poor poorer than
// the observation; that form stays defined when the poor have zero or
// negative mean income, where the Gini of the poor is not.
//
// Negative welfare is kept as it is: its gap g exceeds 1, so Gap and
// Severity count how far below zero it lies, and Cost includes it. Watts
// is +Inf when any poor observation has welfare zero or below (the
// logarithm diverges). When nobody is poor, IncomeGapRatio, Sen and Watts
// are 0.
//
// The zero value describes an empty population.
//
// In JSON a figure that is not a number (NaN, ±Inf) is null
// ([Poverty.MarshalJSON]).
type Poverty struct {
	Line     poverty.Money    // the line z
	Boundary poverty.Boundary // whether welfare equal to the line counts as poor

	Population  float64 // total weight W: persons when weights are persons
	Poor        float64 // weight of the poor: the number of poor persons
	PoorRecords int     // observations (households, for a household population) below the line

	Incidence      float64 // FGT0
	Gap            float64 // FGT1
	Severity       float64 // FGT2
	IncomeGapRatio float64
	Watts          float64
	Sen            float64

	// Cost is the total poverty gap in money, Σ w (z - y) over the poor:
	// what it would cost, with perfect targeting, to lift every poor person
	// to the line. When the population is integral ([Population.Integral])
	// it is exact (128-bit integer arithmetic) and CostExact is true;
	// otherwise it is the float64 sum rounded to the nearest fen, half to
	// even.
	Cost      poverty.Money
	CostExact bool
}

// lineAcc accumulates the poor of one line (in one group or in total).
type lineAcc struct {
	n        int
	w        float64 // Σ w
	s1, s2   float64 // Σ w g, Σ w g²
	sen      float64 // Σ w g (2C + w)
	watts    float64 // Σ w ln(z/y), over y > 0
	wattsInf bool    // some poor y <= 0
	costF    float64 // Σ w (z - y)
	cost     i128    // Σ w (z - y), integral weights only
}

// line is one line prepared for the pass.
type line struct {
	z    poverty.Money
	invz float64
	lnz  float64
}

// add accumulates observation o, poor for line l; c is the weight before o
// among the poor of the same unit, lny is ln y when y > 0.
func (a *lineAcc) add(o *obs, l *line, c, lny float64, integral bool) {
	d := l.z - o.y // exact: both within ±MaxAmount
	g := float64(d) * l.invz
	wg := o.w * g
	a.n++
	a.w += o.w
	a.s1 += wg
	a.s2 += wg * g
	a.sen += wg * (2*c + o.w)
	if o.y > 0 {
		a.watts += o.w * (l.lnz - lny)
	} else {
		a.wattsInf = true
	}
	a.costF += o.w * float64(d)
	if integral {
		a.cost = a.cost.add(mul64(int64(o.w), int64(d)))
	}
}

// measures turns the accumulator into a Poverty for a unit of total weight
// total. An empty unit (total 0) gets NaN ratios: they are undefined, not
// zero.
func (a *lineAcc) measures(l *line, b poverty.Boundary, total float64, integral bool) (Poverty, error) {
	m := Poverty{Line: l.z, Boundary: b, Population: total, Poor: a.w, PoorRecords: a.n}
	if total <= 0 {
		nan := math.NaN()
		m.Incidence, m.Gap, m.Severity, m.IncomeGapRatio, m.Watts, m.Sen = nan, nan, nan, nan, nan, nan
		m.CostExact = integral
		return m, nil
	}
	m.Incidence = a.w / total
	m.Gap = a.s1 / total
	m.Severity = a.s2 / total
	if a.w > 0 {
		m.IncomeGapRatio = a.s1 / a.w
		m.Sen = (2*a.w*a.s1 - a.sen) / (total * a.w)
		m.Watts = a.watts / total
		if a.wattsInf {
			m.Watts = math.Inf(1)
		}
	}
	if integral {
		c, ok := a.cost.int64()
		if !ok || poverty.Money(c) > poverty.MaxAmount {
			return m, &Error{Measure: "poverty", Input: "cost at line " + l.z.String(), Err: poverty.ErrOverflow}
		}
		m.Cost, m.CostExact = poverty.Money(c), true
	} else {
		c, err := roundFen("poverty", a.costF, poverty.RoundHalfEven)
		if err != nil {
			return m, err
		}
		m.Cost = c
	}
	return m, nil
}

// prepareLines checks the lines and returns them prepared and sorted, with
// order[k] the caller's index of sorted line k.
func prepareLines(measure string, b poverty.Boundary, lines []poverty.Money) ([]line, []int, error) {
	if b > poverty.AtOrBelowLine {
		return nil, nil, &Error{Measure: measure, Input: "boundary " + b.String(), Err: poverty.ErrRange}
	}
	if len(lines) == 0 {
		return nil, nil, &Error{Measure: measure, Input: "no line", Err: poverty.ErrRange}
	}
	order := make([]int, len(lines))
	for i, z := range lines {
		if z <= 0 || z > poverty.MaxAmount {
			return nil, nil, &Error{Measure: measure, Input: "lines[" + strconv.Itoa(i) + "] " + z.String(), Err: poverty.ErrRange}
		}
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmp.Compare(lines[i], lines[j]) })
	ls := make([]line, len(lines))
	for k, i := range order {
		z := lines[i]
		ls[k] = line{z: z, invz: 1 / float64(z), lnz: math.Log(float64(z))}
	}
	return ls, order, nil
}

// povertyPass walks the observations in welfare order up to the highest
// line, once, and accumulates each line's poor into total[k] and, when
// groups is not nil, into groups[g*len(ls)+k] (gc holds each group's
// running weight of the poor).
func (p *Population) povertyPass(ls []line, b poverty.Boundary, total, groups []lineAcc, gc []float64) {
	nl := len(ls)
	k0 := 0
	c := 0.0
	for i := range p.obs {
		o := &p.obs[i]
		for k0 < nl && !b.Below(o.y, ls[k0].z) {
			k0++
		}
		if k0 == nl {
			break
		}
		var lny float64
		if o.y > 0 {
			lny = math.Log(float64(o.y))
		}
		for k := k0; k < nl; k++ {
			total[k].add(o, &ls[k], c, lny, p.integral)
		}
		c += o.w
		if groups != nil {
			g := int(o.g)
			ga := groups[g*nl : (g+1)*nl]
			for k := k0; k < nl; k++ {
				ga[k].add(o, &ls[k], gc[g], lny, p.integral)
			}
			gc[g] += o.w
		}
	}
}

// Poverty returns the poverty measures ([Poverty]) of the population at each line, in
// the order given, from one pass over the observations; b says whether
// welfare equal to a line counts as poor ([poverty.BelowLine], the default, or
// [poverty.AtOrBelowLine]). Lines must be positive and at most [poverty.MaxAmount]. The pass
// reads only the observations below the highest line and allocates nothing
// per observation.
func (p *Population) Poverty(b poverty.Boundary, lines ...poverty.Money) ([]Poverty, error) {
	if err := p.check("poverty"); err != nil {
		return nil, err
	}
	ls, order, err := prepareLines("poverty", b, lines)
	if err != nil {
		return nil, err
	}
	acc := make([]lineAcc, len(ls))
	p.povertyPass(ls, b, acc, nil, nil)
	out := make([]Poverty, len(ls))
	for k := range ls {
		if out[order[k]], err = acc[k].measures(&ls[k], b, p.total, p.integral); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// FGT returns the Foster-Greer-Thorbecke measure of order alpha >= 0 at one
// line: Σ w g^alpha / W over the poor, with g = (z - y)/z. Alpha 0, 1 and 2
// are [Poverty.Incidence], Gap and Severity; other orders, such as 3 or
// 0.5, weigh the poorest more or less. A poor observation exactly at the
// line (possible with [poverty.AtOrBelowLine]) has g = 0 and counts 1 in FGT0 and 0
// in every positive order.
func (p *Population) FGT(line poverty.Money, b poverty.Boundary, alpha float64) (float64, error) {
	if err := p.check("fgt"); err != nil {
		return 0, err
	}
	if !(alpha >= 0) || math.IsInf(alpha, 1) {
		return 0, &Error{Measure: "fgt", Input: "alpha " + strconv.FormatFloat(alpha, 'g', -1, 64), Err: poverty.ErrRange}
	}
	ls, _, err := prepareLines("fgt", b, []poverty.Money{line})
	if err != nil {
		return 0, err
	}
	invz := ls[0].invz
	var s float64
	for i := range p.obs {
		o := &p.obs[i]
		if !b.Below(o.y, line) {
			break
		}
		g := float64(line-o.y) * invz
		switch alpha {
		case 0:
			s += o.w
		case 1:
			s += o.w * g
		case 2:
			s += o.w * g * g
		default:
			s += o.w * math.Pow(g, alpha)
		}
	}
	return s / p.total, nil
}
