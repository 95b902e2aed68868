package risk

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"

	"github.com/openfupin/fupin/poverty"
)

// Measure is one assistance measure of the catalogue, with a stable code.
// The zero Measure has no code and is invalid.
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
	Fallback bool   `json:"fallback,omitempty"`
	Source   string `json:"source"`
	Status   Basis  `json:"status"`
}

// Catalogue is an immutable list of assistance measures: development-type
// measures (industry support, transfer employment, micro-credit, skills
// training, public-welfare posts, work-for-relief) for households able to
// work, and safety-net measures (dibao, medical insurance and assistance,
// temporary assistance, pension, tekun support, education aid). It is safe
// for concurrent use. The zero Catalogue has no measures and proposes
// nothing; use [DefaultCatalogue] or [LoadCatalogue].
type Catalogue struct {
	measures      []Measure
	mappingStatus Basis
	mappingSource string
}

type catalogueDoc struct {
	Schema        string    `json:"schema"`
	MappingStatus Basis     `json:"mapping_status"`
	MappingSource string    `json:"mapping_source"`
	Measures      []Measure `json:"measures"`
}

//go:embed data/measures.json
var measuresJSON []byte

var defaultCatalogue = sync.OnceValue(func() *Catalogue {
	c, err := LoadCatalogue(bytes.NewReader(measuresJSON), "embedded")
	if err != nil {
		panic("risk: embedded measures.json: " + err.Error())
	}
	return c
})

// DefaultCatalogue returns the embedded measure catalogue.
func DefaultCatalogue() *Catalogue { return defaultCatalogue() }

// LoadCatalogue reads a catalogue in the schema of the embedded
// data/measures.json ("fupin.risk.measures/1"). Decoding is strict; codes
// must be unique, types known, sources and statuses present.
func LoadCatalogue(r io.Reader, name string) (*Catalogue, error) {
	var doc catalogueDoc
	if err := readFile(r, name, MaxParamsBytes, "fupin.risk.measures/1", &doc); err != nil {
		return nil, err
	}
	if doc.MappingStatus == BasisUnset || doc.MappingSource == "" {
		return nil, &poverty.FieldError{Record: name, Field: "mapping_status", Err: poverty.ErrMissing}
	}
	c := &Catalogue{mappingStatus: doc.MappingStatus, mappingSource: doc.MappingSource}
	for i, m := range doc.Measures {
		rec := name + " measures[" + strconv.Itoa(i) + "]"
		switch {
		case m.Code == "":
			return nil, &poverty.FieldError{Record: rec, Field: "code", Err: poverty.ErrMissing}
		case m.Type != Development && m.Type != SafetyNet:
			return nil, &poverty.FieldError{Record: rec, Field: "type", Err: poverty.ErrMissing}
		case m.Source == "" || m.Status == BasisUnset:
			return nil, &poverty.FieldError{Record: rec, Field: "source", Err: poverty.ErrMissing}
		case m.Fallback && m.Type != Development:
			return nil, &poverty.FieldError{Record: rec, Field: "fallback", Err: fmt.Errorf("%w: only a development-type measure is a fallback", poverty.ErrRange)}
		}
		if _, dup := c.Lookup(m.Code); dup {
			return nil, &poverty.FieldError{Record: rec, Field: "code", Value: m.Code, Err: poverty.ErrDuplicate}
		}
		c.measures = append(c.measures, m)
	}
	return c, nil
}

// Measures returns the catalogue's measures in order.
func (c *Catalogue) Measures() []Measure { return slices.Clone(c.measures) }

// Lookup returns the measure with the code.
func (c *Catalogue) Lookup(code string) (Measure, bool) {
	for _, m := range c.measures {
		if m.Code == code {
			return m, true
		}
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
// ([poverty.Household.Workers]), in catalogue order:
//
//   - development-type measures addressing a factor, only when a member can
//     work (propose.development); if none addresses the factors, the
//     catalogue's fallback measure (transfer employment);
//   - safety-net measures addressing a factor (propose.safety_net);
//   - for a household with no member able to work, every measure marked for
//     households without labour capacity (propose.no_labour): dibao,
//     medical insurance and assistance, pension.
//
// Each reason cites the principle (国开发〔2020〕6号, CONFIRMED) and the
// mapping of factors to measures (a library default, status DEFAULT).
func (c *Catalogue) Propose(factors FactorSet, workers int) []Proposal {
	var out []Proposal
	able := workers > 0
	mapping := "factor mapping: " + c.mappingSource + " [" + c.mappingStatus.String() + "]"
	dev := false
	for _, m := range c.measures {
		matched := m.Factors & factors
		switch {
		case m.Type == Development && able && matched != 0:
			dev = true
			out = append(out, Proposal{Measure: m, Factors: matched, Reason: criterion("propose.development", true,
				fmt.Sprintf("%s addresses %s; %d members able to work", m.Code, matched, workers), mapping+"; measure: "+m.Source)})
		case m.Type == SafetyNet && !able && m.NoLabour:
			out = append(out, Proposal{Measure: m, Factors: matched, Reason: criterion("propose.no_labour", true,
				fmt.Sprintf("%s: no member able to work; factors %s", m.Code, factors), "measure: "+m.Source)})
		case m.Type == SafetyNet && matched != 0:
			out = append(out, Proposal{Measure: m, Factors: matched, Reason: criterion("propose.safety_net", true,
				fmt.Sprintf("%s addresses %s", m.Code, matched), mapping+"; measure: "+m.Source)})
		}
	}
	if able && !dev {
		for _, m := range c.measures {
			if m.Fallback {
				p := Proposal{Measure: m, Reason: criterion("propose.development", true,
					fmt.Sprintf("%s: no development-type measure addresses %s; %d members able to work get development-type assistance", m.Code, factors, workers),
					mapping+"; measure: "+m.Source)}
				out = append([]Proposal{p}, out...)
				break
			}
		}
	}
	return out
}
