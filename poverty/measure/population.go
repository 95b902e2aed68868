package measure

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/exp/stats"

	"github.com/openfupin/fupin/internal/enum"
	"github.com/openfupin/fupin/poverty"
)

// Errors of the measures, in addition to the package's other sentinels
// ([poverty.ErrRange], [poverty.ErrNegative], [poverty.ErrOverflow], [poverty.ErrConceptMismatch]).
var (
	// ErrNoWeight reports a population, or a group asked for on its own,
	// whose total weight is zero: no measure is defined for it.
	ErrNoWeight = errors.New("total weight is zero")
	// ErrNotPositive reports a measure that needs positive welfare (the
	// logarithm in Theil L or Atkinson with epsilon >= 1) or a positive mean
	// (Gini, Theil T, shares), given a population that has none.
	ErrNotPositive = errors.New("measure needs positive welfare")
)

// Error reports a measure that cannot be computed for a population:
// which measure, the input that prevents it, and the cause ([ErrNoWeight],
// [ErrNotPositive], [poverty.ErrRange], [poverty.ErrOverflow]).
type Error struct {
	Measure string // "gini", "theil_l", "quantile", "poverty", ...
	Input   string // the offending input as text, such as "welfare -3.00" or "q 1.5"
	Err     error
}

// Error returns the message naming the measure, the input and the cause.
func (e *Error) Error() string {
	s := "measure: " + e.Measure
	if e.Input != "" {
		s += " (" + e.Input + ")"
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// MaxWeight is the largest weight of one observation, and of a whole
// population, that the measures accept: 10^15 persons, far above any real
// population, and small enough that weighted sums of amounts up to
// [poverty.MaxAmount] stay finite in float64.
const MaxWeight = 1e15

// maxIntegralWeight is the largest total of whole-number weights that
// float64 adds exactly (2^53). Populations whose weights are whole numbers
// and stay below it are "integral" and get exact money totals.
const maxIntegralWeight = 1 << 53

// obs is one observation: welfare in fen, weight, and group index.
type obs struct {
	y poverty.Money
	w float64
	g int32
}

// Population is a set of observations of per-capita welfare (income or
// consumption per resident member, in [poverty.Money]) with non-negative weights,
// optionally assigned to named groups. It is what every measure in this
// package reads: [Population.Poverty], [Population.Inequality],
// [Population.ByGroup], [Population.Quantile], [Population.RelativeLine].
//
// Weights are float64, as survey weights are; a weight is how many people
// the observation stands for. A household entered with
// [Builder.AddHousehold] is weighted by its resident members
// (times its survey weight), so that measures count persons, as poverty
// incidence does. When every weight is a whole number the population is
// integral ([Population.Integral]) and money totals such as [Poverty.Cost]
// are exact. No weight, and no total, may exceed [MaxWeight].
//
// A Population is built once ([New], [FromHouseholds],
// [Builder]) and is then immutable and safe for concurrent use.
// Building sorts the observations by welfare (a comparison sort, or a
// radix sort for large populations); every measure afterwards is one pass
// or less, and allocates nothing per observation. The zero Population is
// empty: every measure on it fails with [ErrNoWeight].
type Population struct {
	obs      []obs    // sorted by welfare, then weight, then group
	keys     []string // group keys, sorted; nil when ungrouped
	gWeight  []float64
	gRecords []int
	total    float64
	integral bool
	uniform  bool // all weights equal
	concept  poverty.IncomeConcept
}

// Len returns the number of observations (records), including those of
// zero weight.
func (p *Population) Len() int { return len(p.obs) }

// Weight returns the total weight: the number of persons the population
// stands for.
func (p *Population) Weight() float64 { return p.total }

// Integral reports whether every weight is a whole number, so that
// weighted money totals are exact.
func (p *Population) Integral() bool { return p.integral }

// Concept returns the income concept of the households the population was
// built from, or [poverty.ConceptUnknown] for plain amounts. Lines compared with the
// population should be in the same concept; see [poverty.Figure.Compare].
func (p *Population) Concept() poverty.IncomeConcept { return p.concept }

// Groups returns the group keys in sorted order, including declared groups
// with no observation; nil for an ungrouped population.
func (p *Population) Groups() []string { return slices.Clone(p.keys) }

// Min returns the lowest welfare, and false for an empty population.
func (p *Population) Min() (poverty.Money, bool) {
	if len(p.obs) == 0 {
		return 0, false
	}
	return p.obs[0].y, true
}

// Max returns the highest welfare, and false for an empty population.
func (p *Population) Max() (poverty.Money, bool) {
	if len(p.obs) == 0 {
		return 0, false
	}
	return p.obs[len(p.obs)-1].y, true
}

// New builds an ungrouped population from per-capita welfare
// amounts and their weights. A nil weights slice weights every observation
// 1; otherwise it must have the same length as welfare. Errors are
// *[poverty.FieldError] naming the observation ("observation 3") and the field:
// weights that are NaN, infinite or above [MaxWeight] ([poverty.ErrRange]) or
// negative ([poverty.ErrNegative]), welfare beyond ±[poverty.MaxAmount] ([poverty.ErrRange]), a
// total weight above MaxWeight ([poverty.ErrOverflow]) or of zero ([ErrNoWeight]).
func New(welfare []poverty.Money, weights []float64) (*Population, error) {
	if weights != nil && len(weights) != len(welfare) {
		return nil, &poverty.FieldError{Op: "measure.New", Record: "population", Field: "weights",
			Value: strconv.Itoa(len(weights)) + " weights for " + strconv.Itoa(len(welfare)) + " amounts", Err: poverty.ErrRange}
	}
	b := Builder{obs: make([]obs, 0, len(welfare))}
	for i, y := range welfare {
		w := 1.0
		if weights != nil {
			w = weights[i]
		}
		if err := b.Add(y, w, ""); err != nil {
			return nil, reOp("measure.New", err)
		}
	}
	p, err := b.Build()
	return p, reOp("measure.New", err)
}

// reOp names op, the caller's operation, in an error of this package's
// builder.
func reOp(op string, err error) error {
	if fe, ok := err.(*poverty.FieldError); ok && strings.HasPrefix(fe.Op, "measure.") {
		fe.Op = op
	}
	return err
}

// FromHouseholds builds a population of persons from households: each
// household contributes its per-capita income ([poverty.Household.PerCapita])
// weighted by its resident members ([poverty.Household.Residents]). When group is
// not nil, it names each household's group (for example its county's code,
// h.County.String(), or a village name); the result is then grouped as for
// [Builder.Add]. Declared lists groups to report even when no
// household falls in them. Errors are those of
// [Builder.AddHousehold].
func FromHouseholds(households []poverty.Household, group func(*poverty.Household) string, declared ...string) (*Population, error) {
	b := Builder{obs: make([]obs, 0, len(households))}
	b.Declare(declared...)
	for i := range households {
		h := &households[i]
		key := ""
		if group != nil {
			key = group(h)
		}
		if err := b.AddHousehold(h, 1, key); err != nil {
			return nil, reOp("measure.FromHouseholds", err)
		}
	}
	p, err := b.Build()
	return p, reOp("measure.FromHouseholds", err)
}

// Builder collects observations one by one, for callers that
// stream records or group them. The zero value is an empty builder ready to
// use. A builder is not safe for concurrent use; the [Population] it builds
// is.
type Builder struct {
	obs      []obs
	index    map[string]int32
	keys     []string
	grouped  bool
	notInt   bool // some weight is fractional, or the total passed 2^53
	total    float64
	concept  poverty.IncomeConcept
	conceptS bool
}

// Declare names groups to report even if no observation falls in them (the
// villages of a county with no household below the line still get a row).
// Declaring a group twice, or a group that observations also name, is
// harmless.
func (b *Builder) Declare(groups ...string) {
	for _, g := range groups {
		b.group(g)
	}
}

func (b *Builder) group(key string) int32 {
	if b.index == nil {
		b.index = make(map[string]int32)
	}
	if !b.grouped && len(b.obs) > 0 {
		// Observations added before the first group belong to group "",
		// which has index 0 as their g field already says.
		b.grouped = true
		b.group("")
	}
	i, ok := b.index[key]
	if !ok {
		i = int32(len(b.keys))
		b.index[key] = i
		b.keys = append(b.keys, key)
	}
	b.grouped = true
	return i
}

// Add adds one observation: per-capita welfare, the weight (persons it
// stands for) and its group key. An empty group key in a builder where no
// observation names a group and no group is declared leaves the population
// ungrouped; once any group is used, "" is a group like any other. Errors
// are *[poverty.FieldError] naming "observation N" (N counts from 0 in order of
// addition).
func (b *Builder) Add(welfare poverty.Money, weight float64, group string) error {
	return b.add("", len(b.obs), welfare, weight, group)
}

// AddHousehold adds a household: its per-capita income weighted by its
// resident members times surveyWeight (1 for a census or the registration
// system; the household's sampling weight for a survey). The first
// household fixes the population's income concept; a household in another
// concept is [poverty.ErrConceptMismatch]. Errors are *[poverty.FieldError] naming the
// household's ID.
func (b *Builder) AddHousehold(h *poverty.Household, surveyWeight float64, group string) error {
	pc, err := h.PerCapita()
	if err != nil {
		return err
	}
	if !b.conceptS {
		b.concept, b.conceptS = pc.Concept, true
	} else if pc.Concept != b.concept {
		return &poverty.FieldError{Op: "measure.Builder.AddHousehold", Record: h.ID, Field: "concept", Value: pc.Concept.String(), Err: fmt.Errorf("%w: household %s, population %s", poverty.ErrConceptMismatch, pc.Concept, b.concept)}
	}
	if !validWeight(surveyWeight) {
		return weightError(h.ID, "survey_weight", surveyWeight)
	}
	return b.add(h.ID, -1, pc.Amount, surveyWeight*float64(h.Residents()), group)
}

func validWeight(w float64) bool { return w >= 0 && w <= MaxWeight }

func weightError(record, field string, w float64) error {
	err := poverty.ErrRange
	if w < 0 && !math.IsInf(w, -1) {
		err = poverty.ErrNegative
	}
	return &poverty.FieldError{Op: "measure.Builder.Add", Record: record, Field: field, Value: strconv.FormatFloat(w, 'g', -1, 64), Err: err}
}

// add appends one observation; when pos >= 0 the record is named
// "observation pos" (built only on error: adding allocates nothing).
func (b *Builder) add(record string, pos int, y poverty.Money, w float64, group string) error {
	name := func() string {
		if pos >= 0 {
			return "observation " + strconv.Itoa(pos)
		}
		return record
	}
	if !validWeight(w) {
		return weightError(name(), "weight", w)
	}
	if y > poverty.MaxAmount || y < -poverty.MaxAmount {
		return &poverty.FieldError{Op: "measure.Builder.Add", Record: name(), Field: "welfare", Value: y.String(), Err: poverty.ErrRange}
	}
	t := b.total + w
	if t > MaxWeight {
		return &poverty.FieldError{Op: "measure.Builder.Add", Record: name(), Field: "weight", Value: strconv.FormatFloat(w, 'g', -1, 64), Err: poverty.ErrOverflow}
	}
	b.total = t
	if w != math.Trunc(w) || t > maxIntegralWeight {
		b.notInt = true
	}
	var g int32
	if group != "" || b.grouped {
		g = b.group(group)
	}
	b.obs = append(b.obs, obs{y: y, w: w, g: g})
	return nil
}

// Build sorts the observations and returns the population. A total weight
// of zero is [ErrNoWeight]. The builder is emptied and may be reused.
func (b *Builder) Build() (*Population, error) {
	if b.total <= 0 {
		return nil, &poverty.FieldError{Op: "measure.Builder.Build", Record: "population", Field: "weight", Value: strconv.Itoa(len(b.obs)) + " observations", Err: ErrNoWeight}
	}
	p := &Population{obs: b.obs, total: b.total, integral: !b.notInt, concept: b.concept}
	if b.grouped {
		// Renumber groups in key order so that output order never depends
		// on the order of addition.
		order := make([]int32, len(b.keys))
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(x, y int32) int { return cmp.Compare(b.keys[x], b.keys[y]) })
		rank := make([]int32, len(order))
		p.keys = make([]string, len(order))
		for r, i := range order {
			rank[i] = int32(r)
			p.keys[r] = b.keys[i]
		}
		for i := range p.obs {
			p.obs[i].g = rank[p.obs[i].g]
		}
		p.gWeight = make([]float64, len(p.keys))
		p.gRecords = make([]int, len(p.keys))
	}
	if !slices.IsSortedFunc(p.obs, compareObs) {
		sortObs(p.obs, compareObs)
	}
	// Recompute the total in sorted order, so that the same observations
	// give the same figures byte for byte whatever order they came in.
	p.total = 0
	p.uniform = true
	for i := range p.obs {
		o := &p.obs[i]
		p.total += o.w
		if o.w != p.obs[0].w {
			p.uniform = false
		}
		if p.keys != nil {
			p.gWeight[o.g] += o.w
			p.gRecords[o.g]++
		}
	}
	*b = Builder{}
	return p, nil
}

// radixMin is the number of observations from which sortObs uses a radix
// sort on welfare instead of a comparison sort.
const radixMin = 1 << 16

// sortObs sorts os by less (welfare, then weight, then group). Large
// inputs are sorted by welfare with a least-significant-digit radix sort
// (16-bit digits of welfare minus the minimum, skipping digits that all
// observations share: two passes for a range below 2^32 fen, negative
// welfare included), then each run of equal welfare by
// less; the result is the same order as a comparison sort's.
func sortObs(os []obs, less func(a, c obs) int) {
	if len(os) < radixMin {
		slices.SortFunc(os, less)
		return
	}
	// Keys are welfare offset by the minimum: non-negative and below 2^51
	// (welfare is within ±MaxAmount), and as small as the range allows, so
	// that negative welfare takes the same passes as positive (two for a
	// range below 2^32 fen) instead of all four of a sign-flipped key.
	lo := os[0].y
	for i := range os {
		lo = min(lo, os[i].y)
	}
	key := func(o *obs) uint64 { return uint64(o.y - lo) } // order-preserving
	src, dst := os, make([]obs, len(os))
	const bits = 16
	const mask = 1<<bits - 1
	var count [1 << bits]int
	for shift := uint(0); shift < 64; shift += bits {
		clear(count[:])
		for i := range src {
			count[key(&src[i])>>shift&mask]++
		}
		if count[key(&src[0])>>shift&mask] == len(src) {
			continue // every observation has this digit: nothing to do
		}
		pos := 0
		for d, c := range count {
			count[d] = pos
			pos += c
		}
		for i := range src {
			d := key(&src[i]) >> shift & mask
			dst[count[d]] = src[i]
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &os[0] {
		copy(os, src)
	}
	for i := 0; i < len(os); {
		j := i + 1
		for j < len(os) && os[j].y == os[i].y {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(os[i:j], less)
		}
		i = j
	}
}

// check returns ErrNoWeight wrapped for measure when p is empty.
func (p *Population) check(measure string) error {
	if p == nil || p.total <= 0 {
		return &Error{Measure: measure, Err: ErrNoWeight}
	}
	return nil
}

// meanFen returns the weighted mean welfare in fen.
func (p *Population) meanFen() float64 {
	var s float64
	for i := range p.obs {
		s += p.obs[i].w * float64(p.obs[i].y)
	}
	return s / p.total
}

// Mean returns the weighted mean welfare, rounded to whole fen with mode.
func (p *Population) Mean(mode poverty.Rounding) (poverty.Money, error) {
	if err := p.check("mean"); err != nil {
		return 0, err
	}
	return roundFen("mean", p.meanFen(), mode)
}

// roundFen rounds a statistic in fen to Money with mode.
func roundFen(measure string, v float64, mode poverty.Rounding) (poverty.Money, error) {
	if mode < poverty.RoundHalfUp || mode > poverty.RoundCeiling {
		return 0, &Error{Measure: measure, Input: "rounding " + mode.String(), Err: poverty.ErrRounding}
	}
	if math.IsNaN(v) || math.Abs(v) > float64(poverty.MaxAmount) {
		return 0, &Error{Measure: measure, Input: strconv.FormatFloat(v, 'g', -1, 64) + " fen", Err: poverty.ErrRange}
	}
	var r float64
	switch mode {
	case poverty.RoundHalfUp:
		r = math.Round(v)
	case poverty.RoundHalfEven:
		r = math.RoundToEven(v)
	case poverty.RoundDown:
		r = math.Trunc(v)
	case poverty.RoundUp:
		r = math.Trunc(v)
		if r != v {
			r += math.Copysign(1, v)
		}
	case poverty.RoundFloor:
		r = math.Floor(v)
	case poverty.RoundCeiling:
		r = math.Ceil(v)
	}
	return poverty.Money(r), nil
}

// Quantile returns the welfare at quantile q (0 <= q <= 1) of the weighted
// distribution, rounded to whole fen with mode. Median is Quantile(0.5).
//
// The definition is Hyndman and Fan's type 7, the default of R and of
// [stats.Quantiles]: with equal weights the result is exactly what
// stats.Quantiles returns (the population then calls it), and with unequal
// weights each observation is placed at the centre of its share of the
// weight, the lowest at q = 0 and the highest at q = 1, with linear
// interpolation between neighbours (see weightedQuantile in measure.go).
// Weights are relative: multiplying every weight by the same factor changes
// nothing. Observations of zero weight are ignored. With household-size
// weights the result can differ from type 7 over the persons listed one by
// one (a household of 4 as four equal incomes) by less than the distance
// between two neighbouring observations, a difference that vanishes in
// populations of any size. For the line below
// which a given share of the population falls, without interpolation, see
// [Population.LineForShare].
func (p *Population) Quantile(q float64, mode poverty.Rounding) (poverty.Money, error) {
	var out [1]poverty.Money
	err := p.quantilesInto(out[:], []float64{q}, mode)
	return out[0], err
}

// Quantiles returns the welfare at each quantile of qs, as [Population.Quantile].
func (p *Population) Quantiles(mode poverty.Rounding, qs ...float64) ([]poverty.Money, error) {
	out := make([]poverty.Money, len(qs))
	if err := p.quantilesInto(out, qs, mode); err != nil {
		return nil, err
	}
	return out, nil
}

// Median returns the weighted median welfare, rounded with mode.
func (p *Population) Median(mode poverty.Rounding) (poverty.Money, error) {
	return p.Quantile(0.5, mode)
}

func (p *Population) quantilesInto(out []poverty.Money, qs []float64, mode poverty.Rounding) error {
	if err := p.check("quantile"); err != nil {
		return err
	}
	for _, q := range qs {
		if !(q >= 0 && q <= 1) {
			return &Error{Measure: "quantile", Input: "q " + strconv.FormatFloat(q, 'g', -1, 64), Err: poverty.ErrRange}
		}
	}
	v := p.quantilesFen(qs)
	for i := range v {
		var err error
		if out[i], err = roundFen("quantile", v[i], mode); err != nil {
			return err
		}
	}
	return nil
}

// quantilesFen returns the type-7 quantiles in fen. Equal weights go to
// golang.org/x/exp/stats; other weights to weightedQuantile.
func (p *Population) quantilesFen(qs []float64) []float64 {
	if p.uniform {
		ys := make([]float64, len(p.obs))
		for i := range p.obs {
			ys[i] = float64(p.obs[i].y)
		}
		return stats.Quantiles(ys, qs...)
	}
	out := make([]float64, len(qs))
	for i, q := range qs {
		out[i] = weightedQuantile(p.obs, q)
	}
	return out
}

// weightedQuantile is Hyndman-Fan type 7 generalised to weights. Type 7
// places the k-th of n sorted values at probability (k-1)/(n-1): the first
// at 0, the last at 1, evenly between. With weights, observation i sits at
// the centre of its weight, u(i) = C(i-1) + w(i)/2 (C(i-1) the weight before
// it), rescaled so that the first observation is at 0 and the last at 1:
// p(i) = (u(i) - u(first)) / (u(last) - u(first)). With equal weights these
// positions are exactly (k-1)/(n-1); a heavy observation spreads over a
// wider range of q. Between two positions the quantile is interpolated
// linearly. Observations of zero weight are skipped. os must be sorted and
// have positive total weight.
func weightedQuantile(os []obs, q float64) float64 {
	first, last := 0, len(os)-1
	for os[first].w == 0 {
		first++
	}
	for os[last].w == 0 {
		last--
	}
	if first == last {
		return float64(os[first].y)
	}
	var c float64
	for i := first; i < last; i++ {
		c += os[i].w
	}
	u0 := os[first].w / 2
	un := c + os[last].w/2
	t := u0 + q*(un-u0)
	c = 0
	for i := first; i < last; i++ {
		w := os[i].w
		if w == 0 {
			continue
		}
		ui := c + w/2
		j := i + 1
		for os[j].w == 0 {
			j++
		}
		uj := c + w + os[j].w/2
		if t <= uj {
			f := (t - ui) / (uj - ui)
			if f < 0 {
				f = 0
			}
			yi, yj := float64(os[i].y), float64(os[j].y)
			return yi + f*(yj-yi)
		}
		c += w
	}
	return float64(os[last].y)
}

// RelativeBase is the statistic a relative line is a share of.
type RelativeBase uint8

// Bases of a relative line. The zero value is unset ("unknown") and is
// rejected.
const (
	// OfMedian: a share of the weighted median (the EU at-risk-of-poverty
	// convention of 60%, and the 40% or 50% of the median discussed for
	// China's relative poverty line after 2020).
	OfMedian RelativeBase = iota + 1
	// OfMean: a share of the weighted mean.
	OfMean
)

var relativeBaseWords = enum.New[RelativeBase](parseErr, "unknown", "median", "mean")

// String returns "median", "mean" or "unknown".
func (b RelativeBase) String() string { return relativeBaseWords.String(b, "RelativeBase") }

// MarshalText implements [encoding.TextMarshaler]; the unset base is "unknown".
func (b RelativeBase) MarshalText() ([]byte, error) { return relativeBaseWords.Marshal(b, "base") }

// UnmarshalText implements [encoding.TextUnmarshaler]; unknown words are
// [poverty.ErrUnknownWord].
func (b *RelativeBase) UnmarshalText(t []byte) error {
	i, err := relativeBaseWords.Parse(t, "base")
	*b = RelativeBase(i)
	return err
}

// RelativeLine returns a relative poverty line: share of the population's
// weighted median or mean welfare (share 40% of the median is
// 40 * poverty.Percent and OfMedian), computed in float64 and rounded once to
// whole fen with mode. No national document fixes a relative line for
// China; the share and base are the caller's choice.
func (p *Population) RelativeLine(share poverty.Rate, base RelativeBase, mode poverty.Rounding) (poverty.Money, error) {
	if err := p.check("relative_line"); err != nil {
		return 0, err
	}
	if share <= 0 {
		return 0, &Error{Measure: "relative_line", Input: "share " + share.String(), Err: poverty.ErrRange}
	}
	var b float64
	switch base {
	case OfMedian:
		b = p.quantilesFen([]float64{0.5})[0]
	case OfMean:
		b = p.meanFen()
	default:
		return 0, &Error{Measure: "relative_line", Input: "base " + base.String(), Err: poverty.ErrRange}
	}
	return roundFen("relative_line", b*share.Float64(), mode)
}

// LineForShare is the inverse of a headcount: the lowest line, in whole
// fen, that puts at least share of the population (by weight) below it
// under boundary b. With [poverty.BelowLine] that is one fen above the welfare of
// the observation where the cumulative share first reaches share; with
// [poverty.AtOrBelowLine] it is that welfare itself. So [Poverty.Incidence] at the
// returned line is at least share, and one fen lower it is less. share must
// be in (0, 1]; with integral weights the comparison is exact.
func (p *Population) LineForShare(share poverty.Rate, b poverty.Boundary) (poverty.Money, error) {
	if err := p.check("line_for_share"); err != nil {
		return 0, err
	}
	if share <= 0 || share > poverty.One {
		return 0, &Error{Measure: "line_for_share", Input: "share " + share.String(), Err: poverty.ErrRange}
	}
	var c float64
	totalInt := int64(p.total)
	for i := range p.obs {
		o := &p.obs[i]
		c += o.w
		if i+1 < len(p.obs) && p.obs[i+1].y == o.y {
			continue // ties: the whole tie moves below together
		}
		var reached bool
		if p.integral {
			// c * RateScale >= share * total, exactly in 128 bits.
			reached = cmp128(mul64(int64(c), poverty.RateScale), mul64(int64(share), totalInt)) >= 0
		} else {
			reached = c*poverty.RateScale >= float64(share)*p.total
		}
		if reached {
			if b == poverty.AtOrBelowLine {
				return o.y, nil
			}
			return o.y + poverty.Fen, nil
		}
	}
	last := p.obs[len(p.obs)-1].y // share == One with rounding in c
	if b == poverty.AtOrBelowLine {
		return last, nil
	}
	return last + poverty.Fen, nil
}

// parseErr is the error of a word that is not in an enumeration's table.
func parseErr(what, input string) error {
	return &poverty.ParseError{Op: "measure", What: what, Input: poverty.MaskIDsIn(input), Err: poverty.ErrUnknownWord}
}

func absU(a int64) uint64 {
	if a < 0 {
		return -uint64(a)
	}
	return uint64(a)
}

// i128 is a signed 128-bit integer, for exact money totals over millions of
// weighted observations.
type i128 struct {
	hi int64
	lo uint64
}

func mul64(a, b int64) i128 {
	hi, lo := bits.Mul64(absU(a), absU(b))
	r := i128{hi: int64(hi), lo: lo}
	if (a < 0) != (b < 0) {
		r = r.neg()
	}
	return r
}

func (x i128) neg() i128 {
	lo, c := bits.Add64(^x.lo, 1, 0)
	return i128{hi: ^x.hi + int64(c), lo: lo}
}

func (x i128) add(y i128) i128 {
	lo, c := bits.Add64(x.lo, y.lo, 0)
	return i128{hi: x.hi + y.hi + int64(c), lo: lo}
}

// int64 returns x and whether it fits in an int64.
func (x i128) int64() (int64, bool) {
	if (x.hi == 0 && x.lo <= math.MaxInt64) || (x.hi == -1 && x.lo > math.MaxInt64) {
		return int64(x.lo), true
	}
	return 0, false
}

func cmp128(x, y i128) int {
	if x.hi != y.hi {
		return cmp.Compare(x.hi, y.hi)
	}
	return cmp.Compare(x.lo, y.lo)
}

// compareObs orders observations by welfare, then weight, then group.
// Weights are never NaN here, so plain comparisons order them.
func compareObs(a, c obs) int {
	switch {
	case a.y < c.y:
		return -1
	case a.y > c.y:
		return 1
	case a.w < c.w:
		return -1
	case a.w > c.w:
		return 1
	}
	return int(a.g - c.g)
}
