package children

import (
	"github.com/openfupin/fupin/internal/enum"
	"github.com/openfupin/fupin/poverty"
)

// AgeBand is an age band of the registry figures: 0-5, 6-13 and 14-16 as
// the Ministry of Civil Affairs reports them for left-behind children, and
// 17 or over for the de facto unattended children the others leave out.
// Ages are whole years on the registry date; 16 belongs to 14-16.
type AgeBand uint8

// Age bands. The zero value is none ("unknown").
const (
	// Age0to5: 0 to 5 years (pre-school).
	Age0to5 AgeBand = iota + 1
	// Age6to13: 6 to 13 years.
	Age6to13
	// Age14to16: 14 to 16 years.
	Age14to16
	// Age17Plus: 17 years or over (de facto unattended children, and the
	// school extension).
	Age17Plus
	numAgeBands
)

var ageBandWords = enum.New[AgeBand](parseErr, "unknown", "0-5", "6-13", "14-16", "17+")

// String returns "0-5", "6-13", "14-16", "17+" or "unknown".
func (a AgeBand) String() string { return ageBandWords.String(a, "AgeBand") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is "unknown".
func (a AgeBand) MarshalText() ([]byte, error) { return ageBandWords.Marshal(a, "age band") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are
// the zero value.
func (a *AgeBand) UnmarshalText(b []byte) error {
	i, err := ageBandWords.ParseOrUnset(b, "age band")
	*a = i
	return err
}

// ageBandOf returns the band of an age in whole years; none for a negative
// age.
func ageBandOf(age int) AgeBand {
	switch {
	case age < 0:
		return 0
	case age <= 5:
		return Age0to5
	case age <= 13:
		return Age6to13
	case age <= 16:
		return Age14to16
	}
	return Age17Plus
}

// Breakdown counts one category of children by guardian, age band, sex and
// province (a child whose province is not recorded counts under
// [poverty.National]). Maps hold only non-zero counts. The zero Breakdown counts no
// child.
type Breakdown struct {
	Children   int                    `json:"children"`
	ByGuardian map[GuardianKind]int   `json:"by_guardian"`
	ByAgeBand  map[AgeBand]int        `json:"by_age_band"`
	BySex      map[poverty.Sex]int    `json:"by_sex"`
	ByRegion   map[poverty.Region]int `json:"by_region"`
	// GrandparentShare is the share cared for by grandparents, rounded half
	// up to a part per million; zero for an empty breakdown.
	GrandparentShare poverty.Rate `json:"grandparent_share"`
}

// share returns n as a share of the breakdown's children, rounded half up.
func (b *Breakdown) share(n int) poverty.Rate {
	r, err := poverty.Ratio(int64(n), int64(b.Children), poverty.RoundHalfUp)
	if err != nil {
		return 0
	}
	return r
}

// Figures are the counts of a registry on a date. ACWF counts children
// under the older definition and is never added to the registry statuses.
// The zero Figures are those of an empty registry.
type Figures struct {
	On       poverty.Date   `json:"on"`
	Children int            `json:"children"`
	ByStatus map[Status]int `json:"by_status"`
	// ACWF counts the children the older ACWF definition covers.
	ACWF       int       `json:"acwf"`
	LeftBehind Breakdown `json:"left_behind"`
	Unattended Breakdown `json:"de_facto_unattended"`
}

// breakdownTally is a Breakdown being counted, in arrays.
type breakdownTally struct {
	n        int
	guardian [NoGuardian + 1]int
	band     [numAgeBands]int
	sex      [3]int
	region   [256]int
}

func (b *breakdownTally) add(c *Child, age int) {
	b.n++
	b.guardian[min(c.Guardian.Kind, NoGuardian)]++
	b.band[ageBandOf(age)]++
	b.sex[min(c.SexOf(), poverty.Male)]++
	b.region[c.Province()]++
}

func (b *breakdownTally) merge(o *breakdownTally) {
	b.n += o.n
	for i := range b.guardian {
		b.guardian[i] += o.guardian[i]
	}
	for i := range b.band {
		b.band[i] += o.band[i]
	}
	for i := range b.sex {
		b.sex[i] += o.sex[i]
	}
	for i := range b.region {
		b.region[i] += o.region[i]
	}
}

func (b *breakdownTally) breakdown() Breakdown {
	out := Breakdown{Children: b.n, ByGuardian: map[GuardianKind]int{}, ByAgeBand: map[AgeBand]int{},
		BySex: map[poverty.Sex]int{}, ByRegion: map[poverty.Region]int{}}
	for i, n := range b.guardian {
		if n > 0 {
			out.ByGuardian[GuardianKind(i)] = n
		}
	}
	for i, n := range b.band {
		if n > 0 {
			out.ByAgeBand[AgeBand(i)] = n
		}
	}
	for i, n := range b.sex {
		if n > 0 {
			out.BySex[poverty.Sex(i)] = n
		}
	}
	for i, n := range b.region {
		if n > 0 {
			out.ByRegion[poverty.Region(i)] = n
		}
	}
	out.GrandparentShare = out.share(b.guardian[Grandparent])
	return out
}

// Tally accumulates registry figures one child at a time, without
// allocating: the streaming form of [Rules.Summarize] for registries that do
// not fit in memory, or are sharded across goroutines (one Tally per
// goroutine, combined with [Tally.Merge]). A Tally is not safe for
// concurrent use. The zero Tally is not usable: make one with
// [Rules.NewTally].
type Tally struct {
	rules    *Rules
	on       poverty.Date
	children int
	status   [numStatuses]int
	acwf     int
	lb, un   breakdownTally
	scratch  Classification
}

// NewTally returns an empty tally of children classified on the date.
func (r *Rules) NewTally(on poverty.Date) *Tally { return &Tally{rules: r, on: on} }

// Add classifies the child on the tally's date and counts it. A child that
// fails validation is not counted and its error is returned.
func (t *Tally) Add(c *Child) error {
	cl := &t.scratch
	if err := t.rules.ClassifyInto(cl, c, t.on); err != nil {
		return err
	}
	t.children++
	st := cl.Status()
	t.status[st]++
	switch st {
	case LeftBehind:
		t.lb.add(c, cl.Age)
	case Unattended:
		t.un.add(c, cl.Age)
	}
	if cl.ACWF.Outcome == Yes {
		t.acwf++
	}
	return nil
}

// Merge adds the counts of o, a tally of the same rules and date.
func (t *Tally) Merge(o *Tally) error {
	if o.on != t.on || o.rules != t.rules {
		return fieldErr("Tally.Merge", "tally", "on", o.on.String(), ErrConflict)
	}
	t.children += o.children
	for i := range t.status {
		t.status[i] += o.status[i]
	}
	t.acwf += o.acwf
	t.lb.merge(&o.lb)
	t.un.merge(&o.un)
	return nil
}

// Figures returns the counts so far.
func (t *Tally) Figures() Figures {
	f := Figures{On: t.on, Children: t.children, ByStatus: map[Status]int{}, ACWF: t.acwf,
		LeftBehind: t.lb.breakdown(), Unattended: t.un.breakdown()}
	for i, n := range t.status {
		if n > 0 {
			f.ByStatus[Status(i)] = n
		}
	}
	return f
}

// Summarize classifies every child of the registry on its date and counts
// them: by status, and for left-behind and de facto unattended children by
// guardian, age band, sex and province. It stops at the first invalid
// child. Child IDs are not checked for uniqueness here (see
// [Scheme.Transitions]).
func (r *Rules) Summarize(reg Snapshot) (Figures, error) {
	if reg.On.IsZero() {
		return Figures{}, fieldErr("Summarize", "snapshot", "on", "", poverty.ErrMissing)
	}
	t := r.NewTally(reg.On)
	for i := range reg.Children {
		if err := t.Add(&reg.Children[i]); err != nil {
			return Figures{}, withOp("Summarize", err)
		}
	}
	return t.Figures(), nil
}

// Change is the change of a count between two registries. The zero Change
// is no change between empty registries.
type Change struct {
	Before int `json:"before"`
	After  int `json:"after"`
	Diff   int `json:"diff"`
	// Rate is (After-Before)/Before, rounded once with the mode given to
	// [ChangeOf] to its step: -22.7% for 9.02 to 6.97 million at a step of
	// 0.1%.
	Rate poverty.Rate `json:"rate"`
}

// ChangeOf returns the change from before to after, with the relative
// change rounded once, with mode, to a multiple of step (poverty.Percent/10
// for one decimal of a percent; 1 for parts per million). step must divide
// [poverty.RateScale]. A zero before is [poverty.ErrRange]: a change from
// nothing has no rate.
func ChangeOf(before, after int, step poverty.Rate, mode poverty.Rounding) (Change, error) {
	c := Change{Before: before, After: after, Diff: after - before}
	if before <= 0 || after < 0 {
		return c, fieldErr("ChangeOf", "change", "before", itoa(before), poverty.ErrRange)
	}
	if step <= 0 || poverty.RateScale%int64(step) != 0 {
		return c, fieldErr("ChangeOf", "change", "step", step.String(), poverty.ErrRange)
	}
	// Ratio returns num*RateScale/den: with den = before*step that is the
	// relative change counted in steps, rounded once.
	q, err := poverty.Ratio(int64(c.Diff), int64(before)*int64(step), mode)
	if err != nil {
		return c, fieldErr("ChangeOf", "change", "rate", "", err)
	}
	c.Rate = q * step
	return c, nil
}
