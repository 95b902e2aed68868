package children

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/openfupin/fupin/internal/paramfile"
	"github.com/openfupin/fupin/poverty"
)

// Count is a published count of children under one scheme: the figures
// of docs/POLICY.md 4.3, each tied to the definition it was made under, so
// that figures of different definitions are never compared. Its provenance
// says where the figure was published; its Scope is the region counted
// ("national", or a province such as "51"). The zero Count is no count.
type Count struct {
	ID     string `json:"id"`
	Scheme string `json:"scheme"` // the scheme ID of the definition
	AsOf   string `json:"as_of"`  // "2016", "2018-08": the period as published
	Value  int    `json:"value"`
	// Approximate: the source gives a rounded figure ("about 58 million").
	Approximate bool `json:"approximate,omitzero"`
	poverty.Provenance
}

//go:embed data/counts.json
var countsJSON []byte

var publishedCounts = sync.OnceValue(func() []Count {
	c, err := LoadCounts(bytes.NewReader(countsJSON), "embedded")
	if err != nil {
		panic("children: embedded counts.json: " + err.Error())
	}
	return c
})

// PublishedCounts returns the embedded published counts, in file order.
func PublishedCounts() []Count { return slices.Clone(publishedCounts()) }

// LoadCounts decodes a file of published counts ("fupin.children.counts/2",
// the schema of the embedded data). Every count needs an ID, a scheme, a
// period and a complete provenance (source, status, scope: the region
// counted); every status is accepted, and an UNCONFIRMED count, kept to
// show a gap, has no value. It is a loader of published figures, not a
// parameter set: there is nothing to overlay.
func LoadCounts(r io.Reader, name string) ([]Count, error) {
	var doc struct {
		Schema  string  `json:"schema"`
		Vintage string  `json:"vintage"`
		Counts  []Count `json:"counts"`
	}
	if err := paramfile.Read(r, name, maxFileBytes, "fupin.children.counts/2", &doc); err != nil {
		return nil, withOp("LoadCounts", err)
	}
	seen := map[string]bool{}
	for i, c := range doc.Counts {
		rec := fmt.Sprintf("%s counts[%d]", name, i)
		switch {
		case c.ID == "":
			return nil, fieldErr("LoadCounts", rec, "id", "", poverty.ErrMissing)
		case seen[c.ID]:
			return nil, fieldErr("LoadCounts", rec, "id", c.ID, poverty.ErrDuplicate)
		case c.Scheme == "":
			return nil, fieldErr("LoadCounts", rec, "scheme", "", poverty.ErrMissing)
		case c.AsOf == "":
			return nil, fieldErr("LoadCounts", rec, "as_of", "", poverty.ErrMissing)
		case c.Value < 0:
			return nil, fieldErr("LoadCounts", rec, "value", "", poverty.ErrNegative)
		}
		if err := checkProv("LoadCounts", c.Provenance, rec, "", c.Value != 0); err != nil {
			return nil, err
		}
		seen[c.ID] = true
	}
	return doc.Counts, nil
}

// CompareCounts returns the change from a to b, like [ChangeOf], after
// checking that both were made under the same scheme and for the same
// region (scope): comparing the ACWF estimate with a registry count is
// [ErrConflict], naming both schemes; counts of different scopes likewise.
func CompareCounts(a, b Count, step poverty.Rate, mode poverty.Rounding) (Change, error) {
	if a.Scheme != b.Scheme {
		return Change{}, fieldErr("CompareCounts", a.ID+" vs "+b.ID, "scheme", a.Scheme+" vs "+b.Scheme, ErrConflict)
	}
	if a.Scope != b.Scope {
		return Change{}, fieldErr("CompareCounts", a.ID+" vs "+b.ID, "scope", string(a.Scope)+" vs "+string(b.Scope), ErrConflict)
	}
	return ChangeOf(a.Value, b.Value, step, mode)
}
