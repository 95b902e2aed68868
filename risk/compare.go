package risk

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/openfupin/fupin/poverty"
)

// HouseholdResult is one household's result under one set of rules (a
// baseline or a reform of the lines or the tier scheme): its status,
// monitored category and colour tier, with the reasons the rules gave.
// [Compare] pairs two lists of them by Household.
//
// Household is the caller's key for the household, a household number:
// never a resident identity number, which would leave in clear in the
// comparison and its errors. Group is what changes are tallied by (a
// township, a village; "" for none) and People the household's resident
// members. The zero value is a result with no key, which Compare refuses.
type HouseholdResult struct {
	Household string         `json:"household"`
	Group     string         `json:"group,omitempty"`
	People    int            `json:"people"`
	Status    poverty.Status `json:"status,omitzero"`
	Category  Category       `json:"category"`
	Tier      Tier           `json:"tier,omitzero"` // TierUnknown: no scheme in force
	Reasons   []string       `json:"reasons,omitempty"`
}

// Dimension names what a [Shift] counts a change of.
type Dimension string

// The dimensions [Compare] tallies.
const (
	DimensionStatus   Dimension = "status"
	DimensionCategory Dimension = "category"
	DimensionTier     Dimension = "tier"
)

// Direction says whether a change leaves a household worse off in the
// monitoring's eyes (a worse tier, into monitoring, a status below a
// line), better off, or across (between two categories or statuses of
// the same rank).
type Direction string

// The directions of a change.
const (
	Worse  Direction = "worse"
	Better Direction = "better"
	Across Direction = "across"
)

// Shift counts the households, and their people, that moved from one
// value of a dimension to another between the baseline and the reform.
// From and To are the values' words (the String of the status, category
// or tier).
type Shift struct {
	Dimension  Dimension `json:"dimension"`
	From       string    `json:"from"`
	To         string    `json:"to"`
	Direction  Direction `json:"direction"`
	Households int       `json:"households"`
	People     int       `json:"people"`
}

// GroupShifts is the comparison of one group: the households and people
// paired in it and the shifts among them.
type GroupShifts struct {
	Group      string  `json:"group"`
	Households int     `json:"households"`
	People     int     `json:"people"`
	Shifts     []Shift `json:"shifts"`
}

// Count returns the households and people of the group that moved in
// direction dir along dimension d.
func (g *GroupShifts) Count(d Dimension, dir Direction) (households, people int) {
	return countShifts(g.Shifts, d, dir)
}

// Change is one household whose result differs, with both results and
// the dimensions that changed.
type Change struct {
	Base       HouseholdResult `json:"base"`
	Reform     HouseholdResult `json:"reform"`
	Dimensions []Dimension     `json:"dimensions"`
}

// Comparison is what [Compare] found: the households and people paired,
// those with any change, the shifts county-wide and by group (both sorted
// by dimension, from and to; groups by name), and a sample of the
// changed households in the baseline's order.
type Comparison struct {
	Households    int           `json:"households"`
	People        int           `json:"people"`
	Changed       int           `json:"changed_households"`
	ChangedPeople int           `json:"changed_people"`
	Shifts        []Shift       `json:"shifts"`
	ByGroup       []GroupShifts `json:"by_group"`
	Sample        []Change      `json:"sample,omitempty"`
}

// Count returns the households and people that moved in direction dir
// along dimension d.
func (c *Comparison) Count(d Dimension, dir Direction) (households, people int) {
	return countShifts(c.Shifts, d, dir)
}

func countShifts(ss []Shift, d Dimension, dir Direction) (households, people int) {
	for _, s := range ss {
		if s.Dimension == d && s.Direction == dir {
			households += s.Households
			people += s.People
		}
	}
	return households, people
}

// Compare pairs the baseline's results with the reform's by Household and
// tallies the changes of status, category and tier, county-wide and by the
// baseline's Group, counting each household's People from the baseline.
// It keeps up to sample changed households, with both sets of reasons.
//
// Both lists must hold the same households, each once: a key that is
// empty or missing from the other list is a *[poverty.FieldError] wrapping
// [poverty.ErrMissing], a key that repeats one wrapping
// [poverty.ErrDuplicate], each naming the list and position ("reform
// result 3"). Nothing is dropped silently.
func Compare(base, reform []HouseholdResult, sample int) (Comparison, error) {
	const op = "risk.Compare"
	fail := func(list string, i int, id string, err error) error {
		return &poverty.FieldError{Op: op, Record: fmt.Sprintf("%s result %d", list, i), Field: "household", Value: id, Err: err}
	}
	at := make(map[string]int, len(reform))
	for i := range reform {
		id := reform[i].Household
		if id == "" {
			return Comparison{}, fail("reform", i, id, poverty.ErrMissing)
		}
		if _, dup := at[id]; dup {
			return Comparison{}, fail("reform", i, id, poverty.ErrDuplicate)
		}
		at[id] = i
	}
	var c Comparison
	type key struct {
		group string
		dim   Dimension
		from  string
		to    string
	}
	shifts := map[key]*Shift{}
	groups := map[string]*GroupShifts{}
	seen := make(map[string]bool, len(base))
	for i := range base {
		b := &base[i]
		if b.Household == "" {
			return Comparison{}, fail("base", i, b.Household, poverty.ErrMissing)
		}
		if seen[b.Household] {
			return Comparison{}, fail("base", i, b.Household, poverty.ErrDuplicate)
		}
		seen[b.Household] = true
		j, ok := at[b.Household]
		if !ok {
			return Comparison{}, fail("base", i, b.Household, poverty.ErrMissing)
		}
		r := &reform[j]
		g := groups[b.Group]
		if g == nil {
			g = &GroupShifts{Group: b.Group}
			groups[b.Group] = g
		}
		g.Households++
		g.People += b.People
		c.Households++
		c.People += b.People
		var dims []Dimension
		add := func(d Dimension, from, to string, dir Direction) {
			dims = append(dims, d)
			for _, grp := range []string{"\x00all", b.Group} {
				k := key{grp, d, from, to}
				s := shifts[k]
				if s == nil {
					s = &Shift{Dimension: d, From: from, To: to, Direction: dir}
					shifts[k] = s
				}
				s.Households++
				s.People += b.People
			}
		}
		if b.Status != r.Status {
			add(DimensionStatus, b.Status.String(), r.Status.String(), direction(statusRank(b.Status), statusRank(r.Status)))
		}
		if b.Category != r.Category {
			add(DimensionCategory, b.Category.String(), r.Category.String(), direction(categoryRank(b.Category), categoryRank(r.Category)))
		}
		if b.Tier != r.Tier {
			// A greater tier is a better one.
			add(DimensionTier, b.Tier.String(), r.Tier.String(), direction(int(b.Tier), int(r.Tier)))
		}
		if len(dims) > 0 {
			c.Changed++
			c.ChangedPeople += b.People
			if len(c.Sample) < sample {
				c.Sample = append(c.Sample, Change{Base: *b, Reform: *r, Dimensions: dims})
			}
		}
	}
	if len(seen) != len(reform) {
		for j := range reform {
			if !seen[reform[j].Household] {
				return Comparison{}, fail("reform", j, reform[j].Household, poverty.ErrMissing)
			}
		}
	}
	for k, s := range shifts {
		if k.group == "\x00all" {
			c.Shifts = append(c.Shifts, *s)
		} else {
			groups[k.group].Shifts = append(groups[k.group].Shifts, *s)
		}
	}
	sortShifts(c.Shifts)
	for _, g := range groups {
		sortShifts(g.Shifts)
		c.ByGroup = append(c.ByGroup, *g)
	}
	slices.SortFunc(c.ByGroup, func(a, b GroupShifts) int { return cmp.Compare(a.Group, b.Group) })
	return c, nil
}

func sortShifts(ss []Shift) {
	slices.SortFunc(ss, func(a, b Shift) int {
		return cmp.Or(cmp.Compare(a.Dimension, b.Dimension), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
}

// direction compares two ranks, a higher rank being better off.
func direction(from, to int) Direction {
	switch {
	case to < from:
		return Worse
	case to > from:
		return Better
	}
	return Across
}

// statusRank ranks statuses by where the income sits against the lines:
// below the standard (registered poor, poor unregistered), below the
// monitoring line (marginal), above (lifted out, not poor).
func statusRank(s poverty.Status) int {
	switch s {
	case poverty.RegisteredPoor, poverty.PoorUnregistered:
		return 0
	case poverty.InMonitoringRange:
		return 1
	case poverty.LiftedOut, poverty.NotPoor:
		return 2
	}
	return -1
}

// categoryRank ranks an outcome that registers the household (returned to
// poverty, newly poor) below a monitored category, and a monitored category
// below no category: entering monitoring is worse, leaving it better,
// falling below the standard worse still; moving between monitored
// categories is across.
func categoryRank(c Category) int {
	switch {
	case c == CategoryNone:
		return 2
	case c.Monitored():
		return 1
	}
	return 0
}
