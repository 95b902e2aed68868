package measure

import (
	"math"
	"slices"
	"strconv"

	"github.com/openfupin/fupin/poverty"
)

// Inequality holds the inequality measures of a population (or of one group
// of it), from one pass over its observations. [Population.Inequality]
// returns it; the single measures are also methods of [Population].
//
// With y welfare, w weight, W = Σ w, μ the weighted mean and C the weight of
// the observations poorer than y:
//
//	Gini     = Σ w y (2C + w - W) / (W² μ)      mean absolute difference over 2μ
//	TheilT   = Σ w (y/μ) ln(y/μ) / W            Theil's T, GE(1)
//	TheilL   = Σ w ln(μ/y) / W                  mean log deviation, GE(0)
//	Atkinson = 1 - (Σ w (y/μ)^(1-ε) / W)^(1/(1-ε)), or 1 - exp(Σ w ln y / W)/μ for ε = 1
//
// The Gini uses the sorted (O(n log n)) form of the weighted mean absolute
// difference, in which a person is not compared with themself being
// distinct: n equal people with one holding everything give (n-1)/n, which
// tends to 1.
//
// # Zero and negative welfare
//
// Gini and the shares stay defined when some welfare is zero or negative,
// as long as the mean is positive: negative amounts are kept (no
// truncation at zero), and the Gini may then exceed 1, as the mean absolute
// difference can exceed twice a small mean. A mean of zero or below leaves
// every measure undefined (NaN). Zero welfare makes TheilL +Inf and
// Atkinson with ε >= 1 equal to 1 (their limits) and contributes 0 to
// TheilT; negative welfare leaves TheilT, TheilL and Atkinson undefined
// (NaN). Palma and S80S20 divide by the poorest shares: when those are
// zero or negative the ratios are infinite or negative and carry no
// meaning. NonPositive counts the observations concerned, so that a NaN is
// never unexplained. The methods ([Population.Gini], [Population.TheilL], ...)
// return [ErrNotPositive] instead of NaN.
//
// The zero value describes an empty population.
//
// In JSON a figure that is not a number (NaN, ±Inf) is null
// ([Inequality.MarshalJSON]).
type Inequality struct {
	Population  float64       // total weight
	Records     int           // observations
	Mean        poverty.Money // weighted mean, rounded to the nearest fen, half to even
	NonPositive int           // observations with welfare zero or below

	Gini   float64
	TheilT float64
	TheilL float64
	// Atkinson indices for inequality aversion ε = 0.5, 1 and 2.
	AtkinsonHalf, AtkinsonOne, AtkinsonTwo float64

	// Deciles are the shares of total welfare held by each tenth of the
	// population (by weight), poorest first; they sum to 1. An observation
	// that straddles a tenth is split in proportion to its weight.
	Deciles [10]float64
	// Palma is the share of the richest 10% over the share of the poorest 40%.
	Palma float64
	// S80S20 is the share of the richest 20% over that of the poorest 20%
	// (the income quintile share ratio).
	S80S20 float64
}

// ineqAcc accumulates the raw sums of one unit (the population or a group)
// in one pass over its observations in welfare order. total is the unit's
// weight, known in advance, so that the Lorenz points can be placed.
type ineqAcc struct {
	total     float64
	n         int
	c         float64 // Σ w so far
	y         float64 // Σ w y so far
	a         float64 // Σ w y (2C + w)
	ylny, lny float64 // Σ w y ln y, Σ w ln y over y > 0
	sqrt, inv float64 // Σ w √y, Σ w / y over y > 0
	zero, neg int
	next      int        // next decile point to place
	cum       [9]float64 // Σ w y below 10%, 20%, ... 90% of total
}

func (a *ineqAcc) add(o *obs) {
	w, y := o.w, float64(o.y)
	a.n++
	for a.next < 9 {
		t := float64(a.next+1) / 10 * a.total
		if t > a.c+w {
			break
		}
		a.cum[a.next] = a.y + (t-a.c)*y
		a.next++
	}
	a.a += w * y * (2*a.c + w)
	a.c += w
	a.y += w * y
	switch {
	case o.y > 0:
		l := math.Log(y)
		a.ylny += w * y * l
		a.lny += w * l
		a.sqrt += w * math.Sqrt(y)
		a.inv += w / y
	case o.y == 0:
		a.zero++
	default:
		a.neg++
	}
}

// result computes the measures from the sums. A unit of zero weight gets
// NaN throughout.
func (a *ineqAcc) result() Inequality {
	nan := math.NaN()
	r := Inequality{Population: a.total, Records: a.n, NonPositive: a.zero + a.neg}
	W, Y := a.c, a.y
	if W <= 0 || Y <= 0 {
		r.Gini, r.TheilT, r.TheilL, r.AtkinsonHalf, r.AtkinsonOne, r.AtkinsonTwo, r.Palma, r.S80S20 = nan, nan, nan, nan, nan, nan, nan, nan
		for i := range r.Deciles {
			r.Deciles[i] = nan
		}
		if W > 0 {
			r.Mean, _ = roundFen("mean", Y/W, poverty.RoundHalfEven)
		}
		return r
	}
	mu := Y / W
	r.Mean, _ = roundFen("mean", mu, poverty.RoundHalfEven)
	r.Gini = a.a/(W*Y) - 1
	for a.next < 9 { // rounding left a point unplaced: it is the top
		a.cum[a.next] = Y
		a.next++
	}
	prev := 0.0
	for i := 0; i < 9; i++ {
		r.Deciles[i] = (a.cum[i] - prev) / Y
		prev = a.cum[i]
	}
	r.Deciles[9] = (Y - prev) / Y
	r.Palma = (Y - a.cum[8]) / a.cum[3]
	r.S80S20 = (Y - a.cum[7]) / a.cum[1]
	lnmu := math.Log(mu)
	if a.neg > 0 {
		r.TheilT, r.TheilL, r.AtkinsonHalf, r.AtkinsonOne, r.AtkinsonTwo = nan, nan, nan, nan, nan
		return r
	}
	r.TheilT = a.ylny/Y - lnmu
	r.AtkinsonHalf = 1 - (a.sqrt/W)*(a.sqrt/W)/mu
	if a.zero > 0 {
		r.TheilL = math.Inf(1)
		r.AtkinsonOne, r.AtkinsonTwo = 1, 1
		return r
	}
	r.TheilL = lnmu - a.lny/W
	r.AtkinsonOne = 1 - math.Exp(a.lny/W-lnmu)
	r.AtkinsonTwo = 1 - 1/(a.inv/W)/mu
	return r
}

// Inequality returns the population's inequality measures from one pass.
// See [Inequality] for the definitions and for how zero and negative
// welfare are treated.
func (p *Population) Inequality() (Inequality, error) {
	if err := p.check("inequality"); err != nil {
		return Inequality{}, err
	}
	a := ineqAcc{total: p.total}
	for i := range p.obs {
		a.add(&p.obs[i])
	}
	return a.result(), nil
}

// notPositive returns the Error for a measure that needs positive
// welfare (when neg says so) or a positive mean.
func (p *Population) notPositive(measure string, needPositive bool) error {
	if p.meanFen() <= 0 {
		return &Error{Measure: measure, Input: "mean " + strconv.FormatFloat(p.meanFen()/100, 'f', 2, 64), Err: ErrNotPositive}
	}
	if needPositive && p.obs[0].y <= 0 {
		return &Error{Measure: measure, Input: "welfare " + p.obs[0].y.String(), Err: ErrNotPositive}
	}
	return nil
}

// Gini returns the weighted Gini coefficient, by the sorted formula of
// [Inequality] in one pass over the (already sorted) observations. Zero and
// negative welfare are kept; a mean of zero or below is [ErrNotPositive].
func (p *Population) Gini() (float64, error) {
	if err := p.check("gini"); err != nil {
		return 0, err
	}
	var c, y, a float64
	for i := range p.obs {
		o := &p.obs[i]
		wy := o.w * float64(o.y)
		a += wy * (2*c + o.w)
		c += o.w
		y += wy
	}
	if y <= 0 {
		return 0, p.notPositive("gini", false)
	}
	return a/(c*y) - 1, nil
}

// TheilT returns Theil's T index (GE(1)). Negative welfare, or a mean of
// zero or below, is [ErrNotPositive]; zero welfare contributes zero.
func (p *Population) TheilT() (float64, error) {
	r, err := p.inequalityFor("theil_t", false)
	return r.TheilT, err
}

// TheilL returns the mean log deviation (Theil's L, GE(0)). It needs every
// observation's welfare to be positive: otherwise [ErrNotPositive].
func (p *Population) TheilL() (float64, error) {
	r, err := p.inequalityFor("theil_l", true)
	return r.TheilL, err
}

func (p *Population) inequalityFor(measure string, needPositive bool) (Inequality, error) {
	r, err := p.Inequality()
	if err != nil {
		return r, err
	}
	if r.NonPositive > 0 || math.IsNaN(r.Gini) {
		if err := p.notPositive(measure, needPositive || p.obs[0].y < 0); err != nil {
			return r, err
		}
	}
	return r, nil
}

// Atkinson returns the Atkinson index for inequality aversion epsilon >= 0:
// 1 minus the equally distributed equivalent welfare over the mean. Epsilon
// 0 gives 0. Negative welfare, zero welfare with epsilon >= 1, and a mean of
// zero or below are [ErrNotPositive].
func (p *Population) Atkinson(epsilon float64) (float64, error) {
	if err := p.check("atkinson"); err != nil {
		return 0, err
	}
	if !(epsilon >= 0) || math.IsInf(epsilon, 1) {
		return 0, &Error{Measure: "atkinson", Input: "epsilon " + strconv.FormatFloat(epsilon, 'g', -1, 64), Err: poverty.ErrRange}
	}
	if err := p.notPositive("atkinson", epsilon >= 1 || p.obs[0].y < 0); err != nil {
		return 0, err
	}
	mu := p.meanFen()
	var s float64
	for i := range p.obs {
		o := &p.obs[i]
		r := float64(o.y) / mu
		if epsilon == 1 {
			s += o.w * math.Log(r)
		} else {
			s += o.w * math.Pow(r, 1-epsilon)
		}
	}
	s /= p.total
	if epsilon == 1 {
		return 1 - math.Exp(s), nil
	}
	return 1 - math.Pow(s, 1/(1-epsilon)), nil
}

// LorenzPoint is one point of the Lorenz curve: the share of total welfare
// held by the poorest share P of the population.
//
// In JSON a figure that is not a number (NaN, ±Inf) is null
// ([LorenzPoint.MarshalJSON]).
type LorenzPoint struct {
	P     float64 // population share, 0 to 1
	Share float64 // welfare share, 0 to 1 when all welfare is positive
}

// Lorenz returns the Lorenz curve at the population shares ps (each in
// [0, 1], any order), in the order given. An observation that straddles a
// point is split in proportion to its weight, so the curve is exact for the
// weighted distribution. A mean of zero or below is [ErrNotPositive].
func (p *Population) Lorenz(ps ...float64) ([]LorenzPoint, error) {
	if err := p.check("lorenz"); err != nil {
		return nil, err
	}
	order := make([]int, len(ps))
	for i, x := range ps {
		if !(x >= 0 && x <= 1) {
			return nil, &Error{Measure: "lorenz", Input: "p " + strconv.FormatFloat(x, 'g', -1, 64), Err: poverty.ErrRange}
		}
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		switch {
		case ps[i] < ps[j]:
			return -1
		case ps[i] > ps[j]:
			return 1
		}
		return 0
	})
	out := make([]LorenzPoint, len(ps))
	var c, y float64
	k := 0
	for i := range p.obs {
		o := &p.obs[i]
		for k < len(order) && ps[order[k]]*p.total <= c+o.w {
			t := ps[order[k]] * p.total
			out[order[k]] = LorenzPoint{P: ps[order[k]], Share: y + (t-c)*float64(o.y)}
			k++
		}
		c += o.w
		y += o.w * float64(o.y)
	}
	for ; k < len(order); k++ {
		out[order[k]] = LorenzPoint{P: ps[order[k]], Share: y}
	}
	if y <= 0 {
		return nil, p.notPositive("lorenz", false)
	}
	for i := range out {
		out[i].Share /= y
	}
	return out, nil
}

// Shares returns the shares of total welfare held by n equal parts of the
// population by weight, poorest first: n = 10 gives decile shares, 5
// quintile shares. They sum to 1. n must be at least 1.
func (p *Population) Shares(n int) ([]float64, error) {
	if n < 1 {
		return nil, &Error{Measure: "shares", Input: "n " + strconv.Itoa(n), Err: poverty.ErrRange}
	}
	ps := make([]float64, n+1)
	for i := range ps {
		ps[i] = float64(i) / float64(n)
	}
	pts, err := p.Lorenz(ps...)
	if err != nil {
		return nil, err
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = pts[i+1].Share - pts[i].Share
	}
	return out, nil
}

// Palma returns the Palma ratio: the welfare share of the richest 10% over
// that of the poorest 40% (+Inf when the poorest 40% hold nothing).
func (p *Population) Palma() (float64, error) {
	pts, err := p.Lorenz(0.4, 0.9)
	if err != nil {
		return 0, err
	}
	return (1 - pts[1].Share) / pts[0].Share, nil
}

// S80S20 returns the income quintile share ratio: the welfare share of the
// richest 20% over that of the poorest 20%.
func (p *Population) S80S20() (float64, error) {
	pts, err := p.Lorenz(0.2, 0.8)
	if err != nil {
		return 0, err
	}
	return (1 - pts[1].Share) / pts[0].Share, nil
}
