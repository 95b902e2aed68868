package risk

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"

	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/internal/paramfile"
	"github.com/openfupin/fupin/poverty"
)

// Measure is one assistance measure of the catalog, with a stable code
// and its provenance (embedded: m.Source, m.Status, m.Scope ...), which
// grounds the measure itself; which factors it addresses is the
// catalog's mapping ([Catalog.Mapping]). The zero Measure has no code
// and is invalid.
type Measure struct {
	Code string      `json:"code"`
	Name string      `json:"name"`
	Type MeasureType `json:"type"`
	// Factors are the risk factors the measure addresses (the library's
	// proposal mapping, status DEFAULT).
	Factors FactorSet `json:"factors"`
	// NoLabour: proposed to every household without labour capacity, as part
	// of comprehensive social security.
	NoLabour bool `json:"no_labour,omitempty"`
	// Fallback: proposed to a household able to work when no other
	// development-type measure addresses its factors.
	Fallback bool `json:"fallback,omitempty"`
	poverty.Provenance
}

// Catalog is an immutable list of assistance measures keyed by code, with
// the versions overlays replaced: development-type measures (industry
// support, transfer employment, micro-credit, skills training,
// public-welfare posts, work-for-relief) for households able to work, and
// safety-net measures (dibao, medical insurance and assistance, temporary
// assistance, pension, tekun support, education aid). Get the embedded one
// with [DefaultCatalog], read a caller's file with [LoadCatalog] and
// combine them with [Catalog.Overlay]. It is safe for concurrent use and
// returns only copies. The zero Catalog has no measures and proposes
// nothing.
type Catalog struct {
	set     param.Set[string, Measure]
	mapping poverty.Provenance
}

type catalogDoc struct {
	Schema   string             `json:"schema"`
	Mapping  poverty.Provenance `json:"mapping"`
	Measures []Measure          `json:"measures"`
}

func measureKey(m *Measure) string { return m.Code }

//go:embed data/measures.json
var measuresJSON []byte

var defaultCatalog = sync.OnceValue(func() *Catalog {
	c, err := LoadCatalog(bytes.NewReader(measuresJSON), "embedded")
	if err != nil {
		panic("risk: embedded measures.json: " + err.Error())
	}
	return c
})

// DefaultCatalog returns the embedded measure catalog
// (data/measures.json). It is shared and immutable: its methods return
// copies.
func DefaultCatalog() *Catalog { return defaultCatalog() }

// LoadCatalog reads a catalog in the schema of the embedded
// data/measures.json ("fupin.risk.measures/2"): a "mapping" object with the
// provenance of the factor-to-measure mapping ("source", "status", "scope",
// ...), and "measures", each with "code", "name", "type" ("development" or
// "safety_net"), "factors", optional "no_labour" and "fallback", and the
// provenance members "source", "status", "qualifier", "scope", "from", "to"
// and "note". Every status is accepted; an UNCONFIRMED measure is listed but
// never proposed. Decoding is strict; codes must be unique, types known,
// provenances complete ([poverty.Provenance.Validate]).
func LoadCatalog(r io.Reader, name string) (*Catalog, error) {
	c, err := loadCatalog(r, name)
	return c, withOp("risk.LoadCatalog", err)
}

func loadCatalog(r io.Reader, name string) (*Catalog, error) {
	var doc catalogDoc
	if err := paramfile.Read(r, name, maxParamsBytes, "fupin.risk.measures/2", &doc); err != nil {
		return nil, err
	}
	if err := doc.Mapping.Validate(name + " mapping"); err != nil {
		return nil, err
	}
	for i := range doc.Measures {
		m := &doc.Measures[i]
		rec := name + " measures[" + strconv.Itoa(i) + "]"
		switch {
		case m.Code == "":
			return nil, &poverty.FieldError{Record: rec, Field: "code", Err: poverty.ErrMissing}
		case m.Type != Development && m.Type != SafetyNet:
			return nil, &poverty.FieldError{Record: rec, Field: "type", Err: poverty.ErrMissing}
		case m.Fallback && m.Type != Development:
			return nil, &poverty.FieldError{Record: rec, Field: "fallback", Err: fmt.Errorf("%w: only a development-type measure is a fallback", poverty.ErrRange)}
		}
		if err := m.Provenance.Validate(rec); err != nil {
			return nil, err
		}
	}
	set, dup := param.NewSet(doc.Measures, measureKey)
	if dup >= 0 {
		return nil, &poverty.FieldError{Record: name + " measures[" + strconv.Itoa(dup) + "]", Field: "code", Value: doc.Measures[dup].Code, Err: poverty.ErrDuplicate}
	}
	return &Catalog{set: set, mapping: doc.Mapping}, nil
}

// Overlay returns a catalog in which o's measures replace those of c with
// the same code and o's new measures follow c's; the mapping is o's. Neither
// operand changes; the replaced versions stay in [Catalog.History].
func (c *Catalog) Overlay(o *Catalog) *Catalog {
	return &Catalog{set: c.set.Overlay(o.set), mapping: o.mapping}
}

// History returns every version of the measure code, oldest first and the
// current one last.
func (c *Catalog) History(code string) []Measure { return c.set.History(code, nil) }

// Mapping returns the provenance of the catalog's mapping of factors to
// measures (DEFAULT in the embedded catalog: the library's proposal).
func (c *Catalog) Mapping() poverty.Provenance { return c.mapping }

// Measures returns the catalog's measures in order, as copies.
func (c *Catalog) Measures() []Measure { return slices.Clone(c.set.All()) }

// Lookup returns the measure with the code.
func (c *Catalog) Lookup(code string) (Measure, bool) {
	if m := c.set.Get(code); m != nil {
		return *m, true
	}
	return Measure{}, false
}

// Proposal is one measure proposed for a household, with the factors it
// addresses and the reason. The zero Proposal proposes nothing.
type Proposal struct {
	Measure Measure           `json:"measure"`
	Factors FactorSet         `json:"factors"`
	Reason  poverty.Criterion `json:"reason"`
}

// Propose proposes measures for a household with the risk factors and the
// number of resident members able or partly able to work
// ([poverty.Household.Workers]), in catalog order:
//
//   - development-type measures addressing a factor, only when a member can
//     work (propose.development); if none addresses the factors, the
//     catalog's fallback measure (transfer employment);
//   - safety-net measures addressing a factor (propose.safety_net);
//   - for a household with no member able to work, every measure marked for
//     households without labour capacity (propose.no_labour): dibao,
//     medical insurance and assistance, pension.
//
// Each reason cites the principle (国开发〔2020〕6号, CONFIRMED), the
// mapping of factors to measures (a library default, status DEFAULT) and
// the measure, each with [poverty.Provenance.Cite]. UNCONFIRMED measures
// are never proposed.
func (c *Catalog) Propose(factors FactorSet, workers int) []Proposal {
	var out []Proposal
	able := workers > 0
	mapping := "factor mapping: " + c.mapping.Cite()
	dev := false
	measures := c.set.All()
	for _, m := range measures {
		if m.Status == poverty.Unconfirmed {
			continue
		}
		matched := m.Factors & factors
		switch {
		case m.Type == Development && able && matched != 0:
			dev = true
			out = append(out, Proposal{Measure: m, Factors: matched, Reason: criterion("propose.development", true,
				fmt.Sprintf("%s addresses %s; %d members able to work", m.Code, matched, workers), mapping+"; measure: "+m.Cite())})
		case m.Type == SafetyNet && !able && m.NoLabour:
			out = append(out, Proposal{Measure: m, Factors: matched, Reason: criterion("propose.no_labour", true,
				fmt.Sprintf("%s: no member able to work; factors %s", m.Code, factors), "measure: "+m.Cite())})
		case m.Type == SafetyNet && matched != 0:
			out = append(out, Proposal{Measure: m, Factors: matched, Reason: criterion("propose.safety_net", true,
				fmt.Sprintf("%s addresses %s", m.Code, matched), mapping+"; measure: "+m.Cite())})
		}
	}
	if able && !dev {
		for _, m := range measures {
			if m.Fallback && m.Status != poverty.Unconfirmed {
				p := Proposal{Measure: m, Reason: criterion("propose.development", true,
					fmt.Sprintf("%s: no development-type measure addresses %s; %d members able to work get development-type assistance", m.Code, factors, workers),
					mapping+"; measure: "+m.Cite())}
				out = append([]Proposal{p}, out...)
				break
			}
		}
	}
	return out
}
