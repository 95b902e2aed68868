package children

import (
	"slices"
	"strings"

	"github.com/openfupin/fupin/poverty"
)

// Causes is why a child's outcome under a scheme changed between two
// snapshots: a set of causes, as bit flags (a parent may come home in the
// same year the child turns 16). Each constant is a set of one cause; join
// them with |. The zero value is the empty set. Its text form is the cause
// words joined with "+", such as "parent_returned+aged_out" ("" for the
// empty set).
type Causes uint16

// Causes, each a set of one.
const (
	// ParentReturned: a parent who was away is at home in the later snapshot.
	ParentReturned Causes = 1 << iota
	// ParentLeft: a parent who was at home is away in the later snapshot.
	ParentLeft
	// AgedOut: the child reached the scheme's age limit (turned 16 for
	// left-behind, 18 for de facto unattended) between the two dates.
	AgedOut
	// SituationChanged: a parent's situation changed otherwise (a migrant
	// parent died, was detained, fell seriously ill; a parent recovered).
	SituationChanged
	// CapacityChanged: a parent's recorded guardianship capacity changed.
	CapacityChanged
	// DurationReached: the same situation now (or no longer) lasts the
	// minimum months of a six-month rule.
	DurationReached
	// HukouChanged: the child's hukou changed.
	HukouChanged
	// RuleChanged: the scheme or a listing came into force between the dates.
	RuleChanged
	// Added: the child is only in the later snapshot.
	Added
	// Removed: the child is only in the earlier snapshot.
	Removed
	// OtherChange: none of the above explains the change (for example a
	// school extension that started or ended).
	OtherChange
	numCauses = iota
)

// causeWords are the words of the causes, by bit.
var causeWords = [numCauses]string{"parent_returned", "parent_left", "aged_out", "situation_changed",
	"capacity_changed", "duration_reached", "hukou_changed", "rule_changed", "added", "removed", "other"}

// has reports whether every cause of c is in the set (false for an empty c).
func (cs Causes) has(c Causes) bool { return c != 0 && cs&c == c }

// String returns the cause words joined with "+", in the order of the
// constants, such as "parent_returned+aged_out"; "" for the empty set.
func (cs Causes) String() string {
	var b strings.Builder
	for i, w := range causeWords {
		if cs&(1<<i) != 0 {
			if b.Len() > 0 {
				b.WriteByte('+')
			}
			b.WriteString(w)
		}
	}
	if rest := cs &^ (1<<numCauses - 1); rest != 0 {
		if b.Len() > 0 {
			b.WriteByte('+')
		}
		b.WriteString("Causes(" + itoa(int(rest)) + ")")
	}
	return b.String()
}

// MarshalText implements [encoding.TextMarshaler] with [Causes.String]; a
// bit outside the constants (which only a conversion can make) is an error.
func (cs Causes) MarshalText() ([]byte, error) {
	if cs>>numCauses != 0 {
		return nil, parseErr("cause", cs.String())
	}
	return []byte(cs.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]: cause words joined
// by "+"; the empty text is the empty set, and an unknown or empty word is
// an error.
func (cs *Causes) UnmarshalText(b []byte) error {
	var out Causes
	if len(b) > 0 {
	words:
		for w := range strings.SplitSeq(string(b), "+") {
			for i, cw := range causeWords {
				if w == cw {
					out |= 1 << i
					continue words
				}
			}
			return parseErr("cause", w)
		}
	}
	*cs = out
	return nil
}

// Primary returns the one cause a single-cause tally uses, by precedence:
// Added, Removed, AgedOut, ParentReturned, ParentLeft, SituationChanged,
// CapacityChanged, DurationReached, HukouChanged, RuleChanged, OtherChange;
// the empty set for none. The child turning 16 comes before a parent
// coming home, so that a reunion is never claimed for a child who would
// have left the registry anyway.
func (cs Causes) Primary() Causes {
	for _, c := range [...]Causes{Added, Removed, AgedOut, ParentReturned, ParentLeft, SituationChanged,
		CapacityChanged, DurationReached, HukouChanged, RuleChanged, OtherChange} {
		if cs.has(c) {
			return c
		}
	}
	return 0
}

// Snapshot is a registry as of a date: every child in it, classified on
// that date. The zero Snapshot has no date, which the functions reject.
type Snapshot struct {
	On       poverty.Date
	Children []Child
}

// ParentChange is one parent's situation in the two snapshots. The zero
// value is a parent absent from both.
type ParentChange struct {
	Before Situation `json:"before,omitzero"`
	After  Situation `json:"after,omitzero"`
	// ID is the parent's identifier in the later snapshot (or the earlier,
	// when the child was removed), to link the parent to other records.
	ID string `json:"id,omitempty"`
}

// returned reports whether the parent was away (a migrant worker) and is
// at home: the cause ParentReturned.
func (p ParentChange) returned() bool { return p.Before.Migrant() && p.After == AtHome }

// left reports whether the parent was at home and is away: ParentLeft.
func (p ParentChange) left() bool { return p.Before == AtHome && p.After.Migrant() }

// Transition is a child whose outcome under a scheme differs between two
// snapshots: one who stopped or started being left-behind (or de facto
// unattended), and why. The zero Transition is no change.
type Transition struct {
	ChildID string `json:"child_id"`
	Scheme  string `json:"scheme"`
	// Before and After are the outcomes in the two snapshots; the zero
	// Outcome when the child is absent from that snapshot.
	Before  Outcome      `json:"before,omitzero"`
	After   Outcome      `json:"after,omitzero"`
	Causes  Causes       `json:"causes"`
	Father  ParentChange `json:"father"`
	Mother  ParentChange `json:"mother"`
	AgeFrom int          `json:"age_from"`
	AgeTo   int          `json:"age_to"`
	// Township, Village and County locate the child in the later snapshot
	// (the earlier one when removed).
	County   poverty.County `json:"county,omitzero"`
	Township string         `json:"township,omitempty"`
	Village  string         `json:"village,omitempty"`
}

// Stopped reports whether the child was covered and no longer is.
func (t *Transition) Stopped() bool { return t.Before == Yes && t.After != Yes }

// Started reports whether the child was not covered and now is.
func (t *Transition) Started() bool { return t.Before != Yes && t.After == Yes }

// reunited reports whether the child stopped being covered and a parent
// who was away came home, whatever else changed.
func (t *Transition) reunited() bool { return t.Stopped() && t.Causes&ParentReturned != 0 }

// Transitions compares two snapshots under the scheme and returns, in
// child-ID order, every child whose outcome changed, with the causes. The
// snapshots are validated (a child ID twice in one snapshot is
// [poverty.ErrDuplicate]); the later snapshot's date must not be before
// the earlier's.
func (s *Scheme) Transitions(before, after Snapshot) ([]Transition, error) {
	if s.def == nil {
		return nil, fieldErr("Transitions", s.ID, "scheme", "", ErrUnknownScheme)
	}
	if before.On.IsZero() || after.On.IsZero() {
		return nil, fieldErr("Transitions", "snapshot", "on", "", poverty.ErrMissing)
	}
	if after.On.Before(before.On) {
		return nil, fieldErr("Transitions", "snapshot", "on", after.On.String(), poverty.ErrRange)
	}
	b, err := index(before)
	if err != nil {
		return nil, err
	}
	a, err := index(after)
	if err != nil {
		return nil, err
	}
	var out []Transition
	i, j := 0, 0
	for i < len(b) || j < len(a) {
		var cb, ca *Child
		switch {
		case j >= len(a) || i < len(b) && b[i].ID < a[j].ID:
			cb = b[i]
			i++
		case i >= len(b) || a[j].ID < b[i].ID:
			ca = a[j]
			j++
		default:
			cb, ca = b[i], a[j]
			i++
			j++
		}
		t, changed, err := s.def.transition(cb, ca, before.On, after.On)
		if err != nil {
			return nil, err
		}
		if changed {
			out = append(out, t)
		}
	}
	return out, nil
}

// index validates a snapshot and returns its children sorted by ID.
func index(sn Snapshot) ([]*Child, error) {
	out := make([]*Child, len(sn.Children))
	for i := range sn.Children {
		c := &sn.Children[i]
		if err := c.Validate(); err != nil {
			return nil, withOp("Transitions", err)
		}
		if c.AgeOn(sn.On) < 0 {
			return nil, fieldErr("Transitions", c.ID, "birth_date", c.Born().String(), ErrNotBorn)
		}
		out[i] = c
	}
	slices.SortFunc(out, func(x, y *Child) int { return strings.Compare(x.ID, y.ID) })
	for i := 1; i < len(out); i++ {
		if out[i].ID == out[i-1].ID {
			return nil, fieldErr("Transitions", out[i].ID, "id", "", poverty.ErrDuplicate)
		}
	}
	return out, nil
}

// transition compares one child's two records (either may be nil).
func (s *Scheme) transition(cb, ca *Child, onB, onA poverty.Date) (Transition, bool, error) {
	var t Transition
	t.Scheme = s.ID
	var rb, ra Result
	if cb != nil {
		s.classify(&rb, cb, onB, cb.AgeOn(onB))
		t.Before, t.AgeFrom = rb.Outcome, cb.AgeOn(onB)
		t.ChildID = cb.ID
		t.Father.Before, t.Mother.Before = cb.Father.Situation, cb.Mother.Situation
		t.Father.ID, t.Mother.ID = cb.Father.ID, cb.Mother.ID
		t.County, t.Township, t.Village = cb.County, cb.Township, cb.Village
	}
	if ca != nil {
		s.classify(&ra, ca, onA, ca.AgeOn(onA))
		t.After, t.AgeTo = ra.Outcome, ca.AgeOn(onA)
		t.ChildID = ca.ID
		t.Father.After, t.Mother.After = ca.Father.Situation, ca.Mother.Situation
		if ca.Father.ID != "" {
			t.Father.ID = ca.Father.ID
		}
		if ca.Mother.ID != "" {
			t.Mother.ID = ca.Mother.ID
		}
		t.County, t.Township, t.Village = ca.County, ca.Township, ca.Village
	}
	if (t.Before == Yes) == (t.After == Yes) {
		return t, false, nil
	}
	switch {
	case cb == nil:
		t.Causes |= Added
		return t, true, nil
	case ca == nil:
		t.Causes |= Removed
		return t, true, nil
	}
	if t.AgeFrom < s.UnderAge && t.AgeTo >= s.UnderAge {
		t.Causes |= AgedOut
	}
	for _, pc := range [2]ParentChange{t.Father, t.Mother} {
		switch {
		case pc.returned():
			t.Causes |= ParentReturned
		case pc.left():
			t.Causes |= ParentLeft
		case pc.Before != pc.After:
			t.Causes |= SituationChanged
		}
	}
	if cb.Father.Capacity != ca.Father.Capacity || cb.Mother.Capacity != ca.Mother.Capacity {
		t.Causes |= CapacityChanged
	}
	if cb.Hukou != ca.Hukou {
		t.Causes |= HukouChanged
	}
	if r, ok := rb.reason(codeInForce); ok {
		if r2, ok2 := ra.reason(codeInForce); ok2 && r.Outcome != r2.Outcome {
			t.Causes |= RuleChanged
		}
	}
	if t.Causes == 0 {
		duration, rule := reasonShift(&rb, &ra)
		if duration {
			t.Causes |= DurationReached
		}
		if rule {
			t.Causes |= RuleChanged
		}
	}
	if t.Causes == 0 {
		t.Causes |= OtherChange
	}
	return t, true, nil
}

// reasonShift compares the parent tests of two results for the same
// situations: a test that counts months and changed outcome is a duration
// reached (or no longer reached); a listed situation that changed outcome
// without counting months came into force (民发〔2020〕125号's additions).
func reasonShift(rb, ra *Result) (duration, rule bool) {
	for _, x := range rb.Reasons() {
		if x.Code != codeParentAway && x.Code != codeParentListed {
			continue
		}
		for _, y := range ra.Reasons() {
			if y.Code != x.Code || y.Role != x.Role || y.Situation != x.Situation || y.Outcome == x.Outcome {
				continue
			}
			if x.Param > 0 && x.Value != y.Value {
				duration = true
			} else if x.Code == codeParentListed {
				rule = true
			}
		}
	}
	return duration, rule
}

// TransitionSummary tallies transitions: how many children stopped and
// started being covered, by primary cause ([Causes.Primary]), and how many
// stopped with a parent home (Stopped, and ParentReturned among the
// causes, whatever else changed). The zero value
// tallies nothing; its maps are nil.
type TransitionSummary struct {
	Stopped      int
	Started      int
	StoppedBy    map[Causes]int // by primary cause
	StartedBy    map[Causes]int
	Reunited     int
	ReunitedOnly int // stopped with ParentReturned as the primary cause
}

// SummarizeTransitions tallies transitions.
func SummarizeTransitions(ts []Transition) TransitionSummary {
	s := TransitionSummary{StoppedBy: map[Causes]int{}, StartedBy: map[Causes]int{}}
	for i := range ts {
		t := &ts[i]
		switch {
		case t.Stopped():
			s.Stopped++
			s.StoppedBy[t.Causes.Primary()]++
			if t.reunited() {
				s.Reunited++
				if t.Causes.Primary() == ParentReturned {
					s.ReunitedOnly++
				}
			}
		case t.Started():
			s.Started++
			s.StartedBy[t.Causes.Primary()]++
		}
	}
	return s
}
