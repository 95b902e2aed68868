package main

import (
	"slices"

	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// tierTable answers a colour-tier scheme for one province and year without
// calling the scheme per record. It is built from the library's own
// decisions: risk.Scheme.Classify is asked once for the resolved cut-offs,
// then for the tier just below, at and just above each cut-off. Because a
// scheme's tier depends on income only through the cut-offs and never gets
// worse as income rises (package risk guarantees both), every income then
// falls in a band whose tier the library has already given. The test
// TestTierTableMatchesScheme checks this against Scheme.Classify on every
// generated household and at every cut-off.
//
// Records carry no guarantee or event data in the CSV schema, so the
// scheme's severe-guarantee rule never applies here.
type tierTable struct {
	scheme  *risk.Scheme
	line    *poverty.Threshold
	concept poverty.IncomeConcept // the concept the scheme was asked with
	cuts    []poverty.Money       // ascending
	below   []risk.Tier           // below[i]: incomes under cuts[i] (and above cuts[i-1]); below[len(cuts)]: above the last
	at      []risk.Tier           // at[i]: an income exactly cuts[i]
}

// newTierTable builds the table for s, resolving relative cut-offs against
// line.
func newTierTable(s *risk.Scheme, line *poverty.Threshold) (*tierTable, error) {
	concept := line.Concept
	ask := func(m poverty.Money) (risk.TierResult, error) {
		return s.Classify(risk.TierInput{PerCapita: poverty.Figure{Amount: m, Concept: concept}, Line: line})
	}
	r0, err := ask(0)
	if err != nil {
		return nil, err
	}
	t := &tierTable{scheme: s, line: line, concept: concept, cuts: slices.Clone(r0.Cuts)}
	for _, v := range t.cuts {
		lo, err := ask(v - poverty.Fen)
		if err != nil {
			return nil, err
		}
		at, err := ask(v)
		if err != nil {
			return nil, err
		}
		t.below, t.at = append(t.below, lo.Tier), append(t.at, at.Tier)
	}
	top := poverty.Money(0)
	if len(t.cuts) > 0 {
		top = t.cuts[len(t.cuts)-1] + poverty.Fen
	}
	hi, err := ask(top)
	if err != nil {
		return nil, err
	}
	t.below = append(t.below, hi.Tier)
	return t, nil
}

// tier returns the scheme's tier for a per-capita income; a figure whose
// concept cannot be compared with the scheme's is an error, as the scheme
// itself would say.
func (t *tierTable) tier(pc poverty.Figure) (risk.Tier, error) {
	if pc.Concept != t.concept {
		// Not the concept the table was built with: ask the scheme.
		r, err := t.scheme.Classify(risk.TierInput{PerCapita: pc, Line: t.line})
		return r.Tier, err
	}
	i, exact := slices.BinarySearch(t.cuts, pc.Amount)
	if exact {
		return t.at[i], nil
	}
	return t.below[i], nil
}
