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
// The zero value is a history with no years.
type History[S comparable] struct {
	ID       string
	Weight   float64
	Statuses []S
}

// Rules say which statuses of S count as poor and which as lifted
// out, and list the statuses that the transition matrices report, in their
// order (every status in the histories must be among them).
//
// LiftedOut may be nil when S has no lifted-out status (colour tiers):
// every move into poverty is then a new entry. Poor must not be nil.
type Rules[S comparable] struct {
	States    []S
	Poor      func(S) bool
	LiftedOut func(S) bool
}

// StatusRules returns the rules for poverty [poverty.Status]: poor means
// [RegisteredPoor] or [PoorUnregistered], lifted out means [LiftedOut], and
// the matrices list every status from registered_poor to not_poor.
func StatusRules() Rules[poverty.Status] {
	return Rules[poverty.Status]{
		States:    []poverty.Status{poverty.RegisteredPoor, poverty.PoorUnregistered, poverty.LiftedOut, poverty.Marginal, poverty.NotPoor},
		Poor:      func(s poverty.Status) bool { return s == poverty.RegisteredPoor || s == poverty.PoorUnregistered },
		LiftedOut: func(s poverty.Status) bool { return s == poverty.LiftedOut },
	}
}

// Transitions is a transition matrix between the statuses of the same units
// in two years: Weight[i][j] is the weight of units in States[i] the first
// year and States[j] the second, Records[i][j] the number of units. Rows
// and columns with no unit are kept, so the matrix is always
// len(States) square.
//
// In JSON a figure that is not a number (NaN, ±Inf) is null
// ([Transitions.MarshalJSON]).
type Transitions[S comparable] struct {
	From, To int // year indexes in the panel (0 is the first year)
	States   []S
	Weight   [][]float64
	Records  [][]int
}

// Rate returns the share of the weight in state from the first year that is
// in state to the second year (a row-normalised entry), NaN when no unit
// started in from, and false when either state is not in the matrix.
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
// years). Completed counts spells observed from start to end, neither
// under way in the first year of the panel nor still under way in the last
// (the others are censored: their true length is unknown).
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
// unit may count in several years. Chronic units are poor in every year of
// the panel, transient ones in some years but not all, and the rest never
// poor: the "always / sometimes / never poor" classification of spells
// analysis.
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
	Chronic     Flow
	Transient   Flow
	NeverPoor   Flow
}

// PanelDynamics analyses histories of the same units over two or more
// consecutive years. Every history must have the same number of years,
// statuses among rules.States, and a finite non-negative weight; errors are
// *[poverty.FieldError] naming the history's ID (or "history N") and the field.
func PanelDynamics[S comparable](histories []History[S], rules Rules[S]) (Dynamics[S], error) {
	if rules.Poor == nil || len(rules.States) == 0 {
		return Dynamics[S]{}, &poverty.FieldError{Op: "measure.PanelDynamics", Record: "rules", Field: "poor", Err: poverty.ErrMissing}
	}
	if len(histories) == 0 {
		return Dynamics[S]{}, &poverty.FieldError{Op: "measure.PanelDynamics", Record: "panel", Field: "histories", Err: ErrNoWeight}
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
	d := Dynamics[S]{Years: years, Units: len(histories), Transitions: make([]Transitions[S], years-1), Spells: make([]SpellCount, years)}
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
		if !validWeight(hs.Weight) {
			return Dynamics[S]{}, weightError(rec, "weight", hs.Weight)
		}
		for t, s := range hs.Statuses {
			i, ok := index[s]
			if !ok {
				return Dynamics[S]{}, &poverty.FieldError{Op: "measure.PanelDynamics", Record: rec, Field: "statuses[" + strconv.Itoa(t) + "]", Value: fmt.Sprint(s), Err: poverty.ErrUnknownWord}
			}
			idx[t] = i
		}
		w := hs.Weight
		poorYears, run, runStart := 0, 0, 0
		for t, s := range hs.Statuses {
			poor := rules.Poor(s)
			if t > 0 {
				d.Transitions[t-1].Weight[idx[t-1]][idx[t]] += w
				d.Transitions[t-1].Records[idx[t-1]][idx[t]]++
				prev := hs.Statuses[t-1]
				prevPoor := rules.Poor(prev)
				prevOut := rules.LiftedOut != nil && rules.LiftedOut(prev)
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
					runStart = t
				}
				run++
			}
			if run > 0 && (!poor || t == years-1) {
				sc := &d.Spells[run-1]
				sc.Spells++
				sc.Weight += w
				if runStart > 0 && !poor {
					sc.Completed++
				}
				run = 0
			}
		}
		switch poorYears {
		case years:
			d.Chronic.add(w)
		case 0:
			d.NeverPoor.add(w)
		default:
			d.Transient.add(w)
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
// panel, first year first, with its weight. The zero value has no years.
type IncomeHistory struct {
	ID      string
	Weight  float64
	Welfare []poverty.Money
}

// ChronicTransient is the Jalan-Ravallion split of poverty over a panel of
// incomes into a chronic part, the poverty that remains when each unit's
// welfare is smoothed to its mean over the years, and a transient part, the
// rest, due to fluctuations around that mean:
//
//	Total     = Σ w · (1/T) Σ_t g(y_t)^α / W    the FGT of order α averaged over the years
//	Chronic   = Σ w · g(ȳ)^α / W                the FGT of each unit's mean welfare ȳ
//	Transient = Total - Chronic
//
// with g(y) = (z - y)/z for welfare below the line and 0 otherwise. For
// alpha >= 1 the gap is convex and Transient is never negative; Jalan and
// Ravallion (1998) use alpha = 2. (It complements the status-based count
// of chronic and transient units in [Dynamics].)
//
// The zero value is an empty result.
//
// In JSON a figure that is not a number (NaN, ±Inf) is null
// ([ChronicTransient.MarshalJSON]).
type ChronicTransient struct {
	Line      poverty.Money
	Boundary  poverty.Boundary
	Alpha     float64
	Years     int
	Total     float64
	Chronic   float64
	Transient float64
	// ChronicUnits counts the units whose mean welfare is below the line.
	ChronicUnits Flow
}

// maxPanelYears bounds the years of an income panel, so that sums of
// amounts up to MaxAmount over the years fit in an int64.
const maxPanelYears = 1000

// PanelPoverty splits the FGT measure of order alpha at line z over a panel
// of incomes into its chronic and transient parts (see [ChronicTransient]).
// Whether a unit's mean welfare is below the line is decided exactly, in
// integers. Every history must have the same number of years (1 to 1000)
// and a finite non-negative weight; errors are *[poverty.FieldError] naming
// the history.
func PanelPoverty(histories []IncomeHistory, z poverty.Money, b poverty.Boundary, alpha float64) (ChronicTransient, error) {
	if _, _, err := prepareLines("panel_poverty", b, []poverty.Money{z}); err != nil {
		return ChronicTransient{}, err
	}
	if !(alpha >= 0) || math.IsInf(alpha, 1) {
		return ChronicTransient{}, &Error{Measure: "panel_poverty", Input: "alpha " + strconv.FormatFloat(alpha, 'g', -1, 64), Err: poverty.ErrRange}
	}
	if len(histories) == 0 {
		return ChronicTransient{}, &poverty.FieldError{Op: "measure.PanelPoverty", Record: "panel", Field: "histories", Err: ErrNoWeight}
	}
	years := len(histories[0].Welfare)
	if years > maxPanelYears {
		return ChronicTransient{}, &poverty.FieldError{Op: "measure.PanelPoverty", Record: recordName(histories[0].ID, 0), Field: "welfare", Value: strconv.Itoa(years) + " years", Err: poverty.ErrRange}
	}
	r := ChronicTransient{Line: z, Boundary: b, Alpha: alpha, Years: years}
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
	zt := int64(z) * int64(years)
	for h := range histories {
		hs := &histories[h]
		rec := recordName(hs.ID, h)
		if len(hs.Welfare) != years || years == 0 {
			return ChronicTransient{}, &poverty.FieldError{Op: "measure.PanelPoverty", Record: rec, Field: "welfare", Value: strconv.Itoa(len(hs.Welfare)) + " years, want " + strconv.Itoa(years), Err: poverty.ErrRange}
		}
		if !validWeight(hs.Weight) {
			return ChronicTransient{}, weightError(rec, "weight", hs.Weight)
		}
		var sum int64 // |y| <= MaxAmount over at most maxPanelYears: no overflow
		var total float64
		for t, y := range hs.Welfare {
			if y > poverty.MaxAmount || y < -poverty.MaxAmount {
				return ChronicTransient{}, &poverty.FieldError{Op: "measure.PanelPoverty", Record: rec, Field: "welfare[" + strconv.Itoa(t) + "]", Value: y.String(), Err: poverty.ErrRange}
			}
			sum += int64(y)
			if b.Below(y, z) {
				total += fgt(float64(z-y) / float64(z))
			}
		}
		w := hs.Weight
		W += w
		r.Total += w * total / float64(years)
		if sum < zt || (b == poverty.AtOrBelowLine && sum == zt) {
			r.Chronic += w * fgt(float64(zt-sum)/float64(zt))
			r.ChronicUnits.add(w)
		}
	}
	if W <= 0 {
		return ChronicTransient{}, &poverty.FieldError{Op: "measure.PanelPoverty", Record: "panel", Field: "weight", Err: ErrNoWeight}
	}
	r.Total /= W
	r.Chronic /= W
	r.Transient = r.Total - r.Chronic
	return r, nil
}
