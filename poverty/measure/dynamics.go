package measure

import (
	"fmt"
	"math"
	"strconv"

	"github.com/openfupin/fupin/poverty"
)

// History is the status of one unit (a household) in consecutive years of
// a panel, first year first, with its weight (1 for a household count, its
// resident members for persons, or a survey weight). S is any comparable
// status type: [poverty.Status] for poverty statuses, or a caller's colour tiers.
//
// A year in which the unit was not observed (not surveyed, moved away,
// attrition) is marked in Missing, not given a status: its entry in
// Statuses is ignored and may be anything, the zero value included. What
// a missing year does to spells is the caller's rule ([Rules]).
//
// The zero value is a history with no years.
type History[S comparable] struct {
	ID       string
	Weight   float64
	Statuses []S
	// Missing marks the years in which the unit was not observed: nil when
	// it was observed every year, otherwise as long as Statuses.
	Missing []bool
}

// Rules say which statuses of S count as poor and which as lifted
// out, and list the statuses that the transition matrices report, in their
// order (every status observed in the histories must be among them); they
// also set the duration cutoff of chronic poverty and what a missing year
// does.
//
// LiftedOut may be nil when S has no lifted-out status (colour tiers):
// every move into poverty is then a new entry. Poor must not be nil.
//
// # Missing years and attrition
//
// By default a missing year ends neither a spell nor a history: the
// years observed on either side of it are compared (a unit lifted out,
// missing, then poor has relapsed), a spell poor, missing, poor is one
// spell whose length counts its two observed poor years (a lower bound),
// and the duration of poverty is a share of the observed years. A spell
// is completed only when the years just before and just after it are
// observed and not poor and no year inside it is missing; a spell next to
// or across a missing year is censored (its length is unknown).
// With GapEndsSpell a missing year ends the spell under way (censored) and
// links nothing across it. The transition matrices only count units
// observed in both years of a pair; the others are in Transitions.Missing.
//
// Attrition (a unit that leaves the panel: its last years missing) can be
// handled three ways: keep the unit with its observed years (the default:
// its last spell is right-censored and its duration is over the years it
// was seen); DropIncomplete, which keeps only units observed every year
// (a balanced panel; the others are counted in Dynamics.Dropped); or
// weights adjusted by the caller for the probability of staying in the
// panel (inverse-probability weights in History.Weight). The first two
// are unbiased only if leaving the panel is unrelated to poverty.
type Rules[S comparable] struct {
	States    []S
	Poor      func(S) bool
	LiftedOut func(S) bool
	// ChronicCutoff is the duration cutoff τ of Foster (2009): a unit is
	// chronically poor by duration when it is poor in at least this share
	// of its observed years. Zero means every observed year (τ = 1, the
	// "always poor" of spells analysis); poverty.One/2 means half of
	// them. It must be at most [poverty.One].
	ChronicCutoff poverty.Rate
	// GapEndsSpell makes a missing year end the spell under way and link
	// nothing across it (no move is counted from the year before the gap
	// to the year after).
	GapEndsSpell bool
	// DropIncomplete leaves out of every count the units with any missing
	// year (a balanced panel); they are counted in Dynamics.Dropped.
	DropIncomplete bool
}

// StatusRules returns the rules for poverty [poverty.Status]: poor means
// [RegisteredPoor] or [PoorUnregistered], lifted out means [LiftedOut], and
// the matrices list every status from registered_poor to not_poor.
func StatusRules() Rules[poverty.Status] {
	return Rules[poverty.Status]{
		States:    []poverty.Status{poverty.RegisteredPoor, poverty.PoorUnregistered, poverty.LiftedOut, poverty.InMonitoringRange, poverty.NotPoor},
		Poor:      func(s poverty.Status) bool { return s == poverty.RegisteredPoor || s == poverty.PoorUnregistered },
		LiftedOut: func(s poverty.Status) bool { return s == poverty.LiftedOut },
	}
}

// Transitions is a transition matrix between the statuses of the same units
// in two years: Weight[i][j] is the weight of units in States[i] the first
// year and States[j] the second, Records[i][j] the number of units. Rows
// and columns with no unit are kept, so the matrix is always
// len(States) square. Units missing in either year are not in the matrix:
// Missing counts them.
//
// In JSON a figure that is not a number (NaN, ±Inf) is null
// ([Transitions.MarshalJSON]).
type Transitions[S comparable] struct {
	From, To int // year indexes in the panel (0 is the first year)
	States   []S
	Weight   [][]float64
	Records  [][]int
	Missing  Flow // units counted in Dynamics.Units but not observed in one of the two years
}

// Rate returns the share of the weight in state from the first year that is
// in state to the second year (a row-normalised entry), and false when
// either state is not in the matrix. The rate is NaN (undefined, 0/0) when
// the row's weight is zero: no unit started in from, or only units of
// weight zero did (Records tells which).
func (t *Transitions[S]) Rate(from, to S) (float64, bool) {
	i, j := -1, -1
	for k, s := range t.States {
		if s == from {
			i = k
		}
		if s == to {
			j = k
		}
	}
	if i < 0 || j < 0 {
		return 0, false
	}
	var row float64
	for _, w := range t.Weight[i] {
		row += w
	}
	if row == 0 {
		return math.NaN(), true
	}
	return t.Weight[i][j] / row, true
}

// Flow counts units and their weight.
//
// In JSON a figure that is not a number (NaN, ±Inf) is null
// ([Flow.MarshalJSON]).
type Flow struct {
	Records int
	Weight  float64
}

func (f *Flow) add(w float64) { f.Records++; f.Weight += w }

// SpellCount counts the spells of poverty of one length (consecutive poor
// years; with missing years, the observed poor years of the spell, see
// [Rules]). Completed counts spells observed from start to end: the years
// just before and just after the spell are observed and not poor and none
// inside it is missing, so it was neither under way in the first year of
// the panel nor still under way in the last nor next to or across a
// missing year (the others are censored: their true length is unknown).
//
// In JSON a figure that is not a number (NaN, ±Inf) is null
// ([SpellCount.MarshalJSON]).
type SpellCount struct {
	Length    int
	Spells    int
	Completed int
	Weight    float64
}

// Dynamics is the result of [PanelDynamics]: what happened to the same
// units over the years of a panel.
//
// Relapses are moves from a lifted-out status to a poor one (返贫); new
// entries are moves into poverty from a status neither poor nor lifted out
// (致贫); exits are moves from poor to not poor. Each counts moves, so one
// unit may count in several years.
//
// Chronic poverty here is the duration (spells) approach: a unit is
// ChronicByDuration when it is poor in at least the share
// Rules.ChronicCutoff of its observed years (every year by default: the
// "always poor"), TransientByDuration when it is poor in some observed
// years but fewer, and NeverPoor when it is poor in none: Foster's
// identification step, with the cutoff τ a parameter. It counts statuses
// and says nothing of how far below the line a unit is; the components
// approach of Jalan and Ravallion, on incomes, is [ChronicByComponents].
// Units observed in no year are in Unobserved, units left out by
// Rules.DropIncomplete in Dropped; Units counts the others.
//
// References: J. E. Foster (2009), "A class of chronic poverty measures",
// in T. Addison, D. Hulme and R. Kanbur (eds), Poverty Dynamics:
// Interdisciplinary Perspectives, Oxford: Oxford University Press;
// for spells, M. J. Bane and D. T. Ellwood (1986), "Slipping into and out
// of poverty: the dynamics of spells", Journal of Human Resources 21(1):
// 1-23.
//
// The zero value is an empty result.
//
// In JSON a figure that is not a number (NaN, ±Inf) is null
// ([Dynamics.MarshalJSON]).
type Dynamics[S comparable] struct {
	Years       int
	Units       int
	Transitions []Transitions[S] // one per consecutive pair of years
	Relapses    Flow
	NewEntries  Flow
	Exits       Flow
	Spells      []SpellCount // by length, 1 to Years
	// The duration classification of the units (see above).
	ChronicByDuration   Flow
	TransientByDuration Flow
	NeverPoor           Flow
	Unobserved          Flow // units with every year missing
	Dropped             Flow // units with a missing year, left out by Rules.DropIncomplete
}

// PanelDynamics analyses histories of the same units over two or more
// consecutive years. Every history must have the same number of years,
// statuses among rules.States in its observed years, Missing nil or as
// long as Statuses, and a finite non-negative weight; errors are
// *[poverty.FieldError] naming the history's ID (or "history N") and the
// field. Missing years follow rules (see [Rules]).
func PanelDynamics[S comparable](histories []History[S], rules Rules[S]) (Dynamics[S], error) {
	if rules.Poor == nil || len(rules.States) == 0 {
		return Dynamics[S]{}, &poverty.FieldError{Op: "measure.PanelDynamics", Record: "rules", Field: "poor", Err: poverty.ErrMissing}
	}
	if len(histories) == 0 {
		return Dynamics[S]{}, &poverty.FieldError{Op: "measure.PanelDynamics", Record: "panel", Field: "histories", Err: ErrNoWeight}
	}
	if rules.ChronicCutoff < 0 || rules.ChronicCutoff > poverty.One {
		return Dynamics[S]{}, &poverty.FieldError{Op: "measure.PanelDynamics", Record: "rules", Field: "chronic_cutoff", Value: rules.ChronicCutoff.String(), Err: poverty.ErrRange}
	}
	cutoff := int64(rules.ChronicCutoff)
	if cutoff == 0 {
		cutoff = int64(poverty.One)
	}
	index := make(map[S]int, len(rules.States))
	for i, s := range rules.States {
		if _, dup := index[s]; dup {
			return Dynamics[S]{}, &poverty.FieldError{Op: "measure.PanelDynamics", Record: "rules", Field: "states[" + strconv.Itoa(i) + "]", Value: fmt.Sprint(s), Err: poverty.ErrDuplicate}
		}
		index[s] = i
	}
	years := len(histories[0].Statuses)
	if years < 2 {
		return Dynamics[S]{}, &poverty.FieldError{Op: "measure.PanelDynamics", Record: recordName(histories[0].ID, 0), Field: "statuses", Value: strconv.Itoa(years) + " years", Err: poverty.ErrRange}
	}
	ns := len(rules.States)
	d := Dynamics[S]{Years: years, Transitions: make([]Transitions[S], years-1), Spells: make([]SpellCount, years)}
	for t := range d.Transitions {
		tr := Transitions[S]{From: t, To: t + 1, States: append([]S(nil), rules.States...),
			Weight: make([][]float64, ns), Records: make([][]int, ns)}
		for i := range ns {
			tr.Weight[i] = make([]float64, ns)
			tr.Records[i] = make([]int, ns)
		}
		d.Transitions[t] = tr
	}
	for i := range d.Spells {
		d.Spells[i].Length = i + 1
	}
	idx := make([]int, years)
	for h := range histories {
		hs := &histories[h]
		rec := recordName(hs.ID, h)
		if len(hs.Statuses) != years {
			return Dynamics[S]{}, &poverty.FieldError{Op: "measure.PanelDynamics", Record: rec, Field: "statuses", Value: strconv.Itoa(len(hs.Statuses)) + " years, want " + strconv.Itoa(years), Err: poverty.ErrRange}
		}
		if hs.Missing != nil && len(hs.Missing) != years {
			return Dynamics[S]{}, &poverty.FieldError{Op: "measure.PanelDynamics", Record: rec, Field: "missing", Value: strconv.Itoa(len(hs.Missing)) + " years, want " + strconv.Itoa(years), Err: poverty.ErrRange}
		}
		if !validWeight(hs.Weight) {
			fe := weightError(rec, "weight", hs.Weight).(*poverty.FieldError)
			fe.Op = "measure.PanelDynamics"
			return Dynamics[S]{}, fe
		}
		missing := func(t int) bool { return hs.Missing != nil && hs.Missing[t] }
		observed := 0
		for t, s := range hs.Statuses {
			if missing(t) {
				continue
			}
			observed++
			i, ok := index[s]
			if !ok {
				return Dynamics[S]{}, &poverty.FieldError{Op: "measure.PanelDynamics", Record: rec, Field: "statuses[" + strconv.Itoa(t) + "]", Value: fmt.Sprint(s), Err: poverty.ErrUnknownWord}
			}
			idx[t] = i
		}
		w := hs.Weight
		switch {
		case observed < years && rules.DropIncomplete:
			d.Dropped.add(w)
			continue
		case observed == 0:
			d.Unobserved.add(w)
			continue
		}
		d.Units++
		// prev is the last observed year (-1 before the first), run the
		// observed poor years of the spell under way and bounded whether
		// the year before it was observed and not poor.
		poorYears, run, prev := 0, 0, -1
		bounded, gapIn := false, false
		closeSpell := func(completed bool) {
			sc := &d.Spells[run-1]
			sc.Spells++
			sc.Weight += w
			if completed {
				sc.Completed++
			}
			run = 0
		}
		for t, s := range hs.Statuses {
			if missing(t) {
				if t > 0 {
					d.Transitions[t-1].Missing.add(w)
				}
				gapIn = gapIn || run > 0
				if rules.GapEndsSpell {
					if run > 0 {
						closeSpell(false)
					}
					prev = -1
				}
				continue
			}
			poor := rules.Poor(s)
			adjacent := prev >= 0 && prev == t-1
			if t > 0 {
				if adjacent {
					d.Transitions[t-1].Weight[idx[t-1]][idx[t]] += w
					d.Transitions[t-1].Records[idx[t-1]][idx[t]]++
				} else {
					d.Transitions[t-1].Missing.add(w) // year t-1 is missing
				}
			}
			if prev >= 0 {
				ps := hs.Statuses[prev]
				prevPoor := rules.Poor(ps)
				prevOut := rules.LiftedOut != nil && rules.LiftedOut(ps)
				switch {
				case poor && !prevPoor && prevOut:
					d.Relapses.add(w)
				case poor && !prevPoor:
					d.NewEntries.add(w)
				case !poor && prevPoor:
					d.Exits.add(w)
				}
			}
			if poor {
				poorYears++
				if run == 0 {
					bounded, gapIn = adjacent, false
				}
				run++
			} else if run > 0 {
				closeSpell(bounded && adjacent && !gapIn)
			}
			prev = t
		}
		if run > 0 {
			closeSpell(false)
		}
		switch {
		case poorYears == 0:
			d.NeverPoor.add(w)
		case int64(poorYears)*int64(poverty.RateScale) >= cutoff*int64(observed):
			d.ChronicByDuration.add(w)
		default:
			d.TransientByDuration.add(w)
		}
	}
	return d, nil
}

// recordName names a record by its ID, or by its position when it has none.
func recordName(id string, i int) string {
	if id != "" {
		return id
	}
	return "history " + strconv.Itoa(i)
}

// TransitionMatrix returns the transition matrix between two years of the
// same units: from[i] and to[i] are unit i's statuses, weights[i] its weight
// (nil weights count units). It is [PanelDynamics] for a two-year panel,
// without the other results.
func TransitionMatrix[S comparable](states []S, from, to []S, weights []float64) (Transitions[S], error) {
	if len(to) != len(from) || (weights != nil && len(weights) != len(from)) {
		return Transitions[S]{}, &poverty.FieldError{Op: "measure.TransitionMatrix", Record: "panel", Field: "to", Value: strconv.Itoa(len(to)) + " statuses for " + strconv.Itoa(len(from)), Err: poverty.ErrRange}
	}
	hs := make([]History[S], len(from))
	for i := range from {
		w := 1.0
		if weights != nil {
			w = weights[i]
		}
		hs[i] = History[S]{Weight: w, Statuses: []S{from[i], to[i]}}
	}
	d, err := PanelDynamics(hs, Rules[S]{States: states, Poor: func(S) bool { return false }})
	if err != nil {
		return Transitions[S]{}, err
	}
	return d.Transitions[0], nil
}

// IncomeHistory is one unit's per-capita welfare in consecutive years of a
// panel, first year first, with its weight. Missing marks the years in
// which the unit was not observed (nil: every year observed; otherwise as
// long as Welfare); the welfare of a missing year is ignored. The zero
// value has no years.
type IncomeHistory struct {
	ID      string
	Weight  float64
	Welfare []poverty.Money
	Missing []bool
}

// ChronicComponents is the components approach to chronic poverty of
// Jalan and Ravallion: the FGT measure of order α over a panel of incomes,
// split into a chronic part, the poverty that remains when each unit's
// welfare is smoothed to its mean over the years, and a transient part,
// the rest, due to fluctuations around that mean:
//
//	Total     = Σ w · (1/T) Σ_t g(y_t)^α / W    the FGT of order α averaged over the years
//	Chronic   = Σ w · g(ȳ)^α / W                the FGT of each unit's mean welfare ȳ
//	Transient = Total - Chronic
//
// with g(y) = (z - y)/z for welfare below the line and 0 otherwise, T the
// unit's observed years and ȳ the mean over them. A unit is chronically
// poor here when its mean welfare is below the line, however many years
// it spent above it; the duration approach ([Dynamics], Foster 2009)
// counts poor years instead.
//
// For α >= 1 the function g^α is convex and Transient is never negative
// (Jensen's inequality); Jalan and Ravallion use α = 2. For α < 1, the
// headcount α = 0 in particular, Transient can be negative: a unit whose
// mean is below the line but who was above it in some years counts fully
// in Chronic and partly in Total. Do not read a negative Transient as
// "negative transient poverty"; use α >= 1 for the split.
//
// Zero and negative welfare are kept: a gap above 1 counts how far below
// zero the welfare lies, as in [Poverty].
//
// Reference: J. Jalan and M. Ravallion (1998), "Transient poverty in
// postreform rural China", Journal of Comparative Economics 26(2):
// 338-357.
//
// The zero value is an empty result.
//
// In JSON a figure that is not a number (NaN, ±Inf) is null
// ([ChronicComponents.MarshalJSON]).
type ChronicComponents struct {
	Line      poverty.Money
	Boundary  poverty.Boundary
	Alpha     float64
	Years     int
	Total     float64
	Chronic   float64
	Transient float64
	// ChronicUnits counts the units whose mean welfare is below the line.
	ChronicUnits Flow
	// Unobserved counts the units with every year missing, which take no
	// part.
	Unobserved Flow
}

// maxPanelYears bounds the years of an income panel, so that sums of
// amounts up to MaxAmount over the years fit in an int64.
const maxPanelYears = 1000

// ChronicByComponents splits the FGT measure of order alpha at line z
// over a panel of incomes into its chronic and transient parts, the
// components approach of Jalan and Ravallion (see [ChronicComponents]).
// Whether a unit's mean welfare is below the line is decided exactly, in
// integers. A unit with missing years is averaged over its observed years
// (attrition: see [Rules] for the options; to keep a balanced panel, leave
// such units out). Every history must have the same number of years (1 to
// 1000), Missing nil or as long as Welfare, and a finite non-negative
// weight; errors are *[poverty.FieldError] naming the history.
func ChronicByComponents(histories []IncomeHistory, z poverty.Money, b poverty.Boundary, alpha float64) (ChronicComponents, error) {
	const op = "measure.ChronicByComponents"
	if _, _, err := prepareLines("chronic_components", b, []poverty.Money{z}); err != nil {
		return ChronicComponents{}, err
	}
	if !(alpha >= 0) || math.IsInf(alpha, 1) {
		return ChronicComponents{}, &Error{Measure: "chronic_components", Input: "alpha " + strconv.FormatFloat(alpha, 'g', -1, 64), Err: poverty.ErrRange}
	}
	if len(histories) == 0 {
		return ChronicComponents{}, &poverty.FieldError{Op: op, Record: "panel", Field: "histories", Err: ErrNoWeight}
	}
	years := len(histories[0].Welfare)
	if years > maxPanelYears {
		return ChronicComponents{}, &poverty.FieldError{Op: op, Record: recordName(histories[0].ID, 0), Field: "welfare", Value: strconv.Itoa(years) + " years", Err: poverty.ErrRange}
	}
	r := ChronicComponents{Line: z, Boundary: b, Alpha: alpha, Years: years}
	fgt := func(gap float64) float64 {
		switch alpha {
		case 0:
			return 1
		case 1:
			return gap
		case 2:
			return gap * gap
		}
		return math.Pow(gap, alpha)
	}
	var W float64
	for h := range histories {
		hs := &histories[h]
		rec := recordName(hs.ID, h)
		if len(hs.Welfare) != years || years == 0 {
			return ChronicComponents{}, &poverty.FieldError{Op: op, Record: rec, Field: "welfare", Value: strconv.Itoa(len(hs.Welfare)) + " years, want " + strconv.Itoa(years), Err: poverty.ErrRange}
		}
		if hs.Missing != nil && len(hs.Missing) != years {
			return ChronicComponents{}, &poverty.FieldError{Op: op, Record: rec, Field: "missing", Value: strconv.Itoa(len(hs.Missing)) + " years, want " + strconv.Itoa(years), Err: poverty.ErrRange}
		}
		if !validWeight(hs.Weight) {
			fe := weightError(rec, "weight", hs.Weight).(*poverty.FieldError)
			fe.Op = op
			return ChronicComponents{}, fe
		}
		var sum int64 // |y| <= MaxAmount over at most maxPanelYears: no overflow
		var total float64
		observed := 0
		for t, y := range hs.Welfare {
			if hs.Missing != nil && hs.Missing[t] {
				continue
			}
			if y > poverty.MaxAmount || y < -poverty.MaxAmount {
				return ChronicComponents{}, &poverty.FieldError{Op: op, Record: rec, Field: "welfare[" + strconv.Itoa(t) + "]", Value: y.String(), Err: poverty.ErrRange}
			}
			observed++
			sum += int64(y)
			if b.Below(y, z) {
				total += fgt(float64(z-y) / float64(z))
			}
		}
		w := hs.Weight
		if observed == 0 {
			r.Unobserved.add(w)
			continue
		}
		W += w
		r.Total += w * total / float64(observed)
		zt := int64(z) * int64(observed)
		if sum < zt || (b == poverty.AtOrBelowLine && sum == zt) {
			r.Chronic += w * fgt(float64(zt-sum)/float64(zt))
			r.ChronicUnits.add(w)
		}
	}
	if W <= 0 {
		return ChronicComponents{}, &poverty.FieldError{Op: op, Record: "panel", Field: "weight", Err: ErrNoWeight}
	}
	r.Total /= W
	r.Chronic /= W
	r.Transient = r.Total - r.Chronic
	return r, nil
}
