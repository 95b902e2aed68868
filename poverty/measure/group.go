package measure

import (
	"math"

	"github.com/openfupin/fupin/poverty"
)

// GroupReport is the result of [Population.ByGroup]: poverty and
// inequality measures for the whole population and for every group, with
// the additive decomposition of FGT and the between/within decomposition
// of Theil's indices.
//
// The zero value is an empty report.
//
// In JSON a figure that is not a number (NaN, ±Inf) is null
// ([GroupReport.MarshalJSON]).
type GroupReport struct {
	Lines    []poverty.Money  // the lines, in the order given
	Boundary poverty.Boundary // the boundary used
	// Total holds the measures of the whole population (Key "").
	Total Group
	// Groups holds one entry per group key, in key order, including
	// declared groups with no observation (Records 0).
	Groups []Group
	Theil  TheilDecomposition
}

// Group are the measures of one group.
//
// A group with no observation or no weight is reported with Records 0 or
// Population 0, NaN ratios (undefined, not zero) and zero contributions.
//
// In JSON a figure that is not a number (NaN, ±Inf) is null
// ([Group.MarshalJSON]).
type Group struct {
	Key             string
	Records         int
	Population      float64 // total weight of the group
	PopulationShare float64 // the group's weight over the population's
	// Poverty holds the group's measures at each line, in the order of
	// GroupReport.Lines.
	Poverty []Poverty
	// Contributions holds, for each line, the group's additive part of the
	// population's FGT measures.
	Contributions []Contribution
	Inequality    Inequality
}

// Contribution is one group's additive part of a population's FGT
// measures at one line: the group's population share times its measure
// (FGT is additively decomposable), and that part as a share of the
// population's measure. Over all groups the parts sum to the population's
// measure and the shares to 1 (NaN shares when the population's measure is
// zero).
//
// In JSON a figure that is not a number (NaN, ±Inf) is null
// ([Contribution.MarshalJSON]).
type Contribution struct {
	Incidence, Gap, Severity                float64
	IncidenceShare, GapShare, SeverityShare float64
}

// TheilDecomposition splits Theil's T and L into inequality within groups
// and between their means:
//
//	T = Σ s_g T_g + Σ s_g ln(μ_g/μ)   (s_g: the group's share of total welfare)
//	L = Σ v_g L_g + Σ v_g ln(μ/μ_g)   (v_g: the group's share of the population)
//
// Within + Between equals the population's index. Groups with no
// observation or no weight take no part. A group of positive weight whose
// welfare is all zero has a zero share of welfare, s_g = 0, and takes no
// part in T under the convention 0·ln 0 = 0 (Theil 1967; Shorrocks 1980):
// its own index T_g is undefined (Group.Inequality.TheilT is NaN) but is
// weighted by zero. Such a group makes the population's L infinite, so the
// L parts are then NaN, as they are whenever the population's index is
// undefined or infinite (negative welfare; see [Inequality]).
//
// References: H. Theil (1967), Economics and Information Theory,
// Amsterdam: North-Holland; A. F. Shorrocks (1980), "The class of
// additively decomposable inequality measures", Econometrica 48(3):
// 613-625.
//
// In JSON a figure that is not a number (NaN, ±Inf) is null
// ([TheilDecomposition.MarshalJSON]).
type TheilDecomposition struct {
	TWithin, TBetween float64
	LWithin, LBetween float64
}

// ByGroup returns poverty measures at each line and inequality measures for
// the population and each of its groups, from one pass over the
// observations. An ungrouped population is one group with key "". Groups
// with no observation are reported explicitly (see [Group]).
func (p *Population) ByGroup(b poverty.Boundary, lines ...poverty.Money) (GroupReport, error) {
	if err := p.check("by_group"); err != nil {
		return GroupReport{}, err
	}
	ls, order, err := prepareLines("by_group", b, lines)
	if err != nil {
		return GroupReport{}, err
	}
	keys, gw, grec := p.keys, p.gWeight, p.gRecords
	if keys == nil {
		keys, gw, grec = []string{""}, []float64{p.total}, []int{len(p.obs)}
	}
	ng, nl := len(keys), len(ls)
	tot := make([]lineAcc, nl)
	gacc := make([]lineAcc, ng*nl)
	gc := make([]float64, ng)
	tIneq := ineqAcc{total: p.total}
	gIneq := make([]ineqAcc, ng)
	for g := range gIneq {
		gIneq[g].total = gw[g]
	}

	k0 := 0
	c := 0.0
	for i := range p.obs {
		o := &p.obs[i]
		g := int(o.g)
		tIneq.add(o)
		gIneq[g].add(o)
		for k0 < nl && !b.Below(o.y, ls[k0].z) {
			k0++
		}
		if k0 == nl {
			continue
		}
		var lny float64
		if o.y > 0 {
			lny = math.Log(float64(o.y))
		}
		ga := gacc[g*nl : (g+1)*nl]
		for k := k0; k < nl; k++ {
			tot[k].add(o, &ls[k], c, lny, p.integral)
			ga[k].add(o, &ls[k], gc[g], lny, p.integral)
		}
		c += o.w
		gc[g] += o.w
	}

	r := GroupReport{Lines: append([]poverty.Money(nil), lines...), Boundary: b, Groups: make([]Group, ng)}
	r.Total = Group{Records: len(p.obs), Population: p.total, PopulationShare: 1,
		Poverty: make([]Poverty, nl), Contributions: make([]Contribution, nl), Inequality: tIneq.result()}
	for k := range ls {
		if r.Total.Poverty[order[k]], err = tot[k].measures(&ls[k], b, p.total, p.integral); err != nil {
			return GroupReport{}, err
		}
	}
	for g := range keys {
		gm := Group{Key: keys[g], Records: grec[g], Population: gw[g], PopulationShare: gw[g] / p.total,
			Poverty: make([]Poverty, nl), Contributions: make([]Contribution, nl), Inequality: gIneq[g].result()}
		for k := range ls {
			m, err := gacc[g*nl+k].measures(&ls[k], b, gw[g], p.integral)
			if err != nil {
				return GroupReport{}, err
			}
			gm.Poverty[order[k]] = m
			if gw[g] > 0 {
				t := &r.Total.Poverty[order[k]]
				v := gm.PopulationShare
				gm.Contributions[order[k]] = Contribution{
					Incidence: v * m.Incidence, Gap: v * m.Gap, Severity: v * m.Severity,
					IncidenceShare: v * m.Incidence / t.Incidence, GapShare: v * m.Gap / t.Gap, SeverityShare: v * m.Severity / t.Severity,
				}
			}
		}
		r.Groups[g] = gm
	}
	for i := range r.Total.Contributions {
		r.Total.Contributions[i] = Contribution{
			Incidence: r.Total.Poverty[i].Incidence, Gap: r.Total.Poverty[i].Gap, Severity: r.Total.Poverty[i].Severity,
			IncidenceShare: 1, GapShare: 1, SeverityShare: 1,
		}
	}
	r.Theil = theilDecomposition(&tIneq, gIneq, &r)
	return r, nil
}

func theilDecomposition(t *ineqAcc, gs []ineqAcc, r *GroupReport) TheilDecomposition {
	var d TheilDecomposition
	W, Y := t.c, t.y
	mu := Y / W
	for g := range gs {
		a := &gs[g]
		if a.c <= 0 {
			continue
		}
		in := &r.Groups[g].Inequality
		s, v := a.y/Y, a.c/W
		mug := a.y / a.c
		if a.y != 0 {
			// A group whose welfare is all zero has income share s = 0:
			// under 0·ln 0 = 0 it takes no part in T (its own T_g, 0/0,
			// is undefined but weighted by 0).
			d.TWithin += s * in.TheilT
			d.TBetween += s * math.Log(mug/mu)
		}
		d.LWithin += v * in.TheilL
		d.LBetween += v * math.Log(mu/mug)
	}
	if math.IsNaN(r.Total.Inequality.TheilT) {
		d.TWithin, d.TBetween = math.NaN(), math.NaN()
	}
	if math.IsNaN(r.Total.Inequality.TheilL) || math.IsInf(r.Total.Inequality.TheilL, 0) {
		d.LWithin, d.LBetween = math.NaN(), math.NaN()
	}
	return d
}
