package children

import (
	"errors"
	"strings"
	"testing"

	"github.com/openfupin/fupin/poverty"
)

// publishedCount returns the published count with the ID.
func publishedCount(id string) (Count, bool) {
	for _, c := range PublishedCounts() {
		if c.ID == id {
			return c, true
		}
	}
	return Count{}, false
}

func TestPublishedCounts(t *testing.T) {
	get := func(id string) Count {
		c, ok := publishedCount(id)
		if !ok {
			t.Fatalf("no count %s", id)
		}
		if _, ok := Default().Scheme(c.Scheme); !ok {
			t.Fatalf("count %s names unknown scheme %s", id, c.Scheme)
		}
		return c
	}
	ch, err := CompareCounts(get("mca_2016"), get("mca_2018_08"), poverty.Percent/10, poverty.RoundHalfUp)
	if err != nil {
		t.Fatal(err)
	}
	if ch.Rate.Percent() != "-22.7%" || ch.Diff != -2_050_000 {
		t.Errorf("2016 to 2018: %+v (%s)", ch, ch.Rate.Percent())
	}
	var fe *poverty.FieldError
	if _, err := CompareCounts(get("acwf_2010_census"), get("mca_2018_08"), 1, poverty.RoundHalfUp); !errors.Is(err, ErrConflict) ||
		!errors.As(err, &fe) || fe.Field != "scheme" || fe.Value != "acwf_2008 vs left_behind_2016" || fe.Op != "children.CompareCounts" {
		t.Errorf("ACWF vs registry: err = %v, want ErrConflict naming both schemes", err)
	}
	if _, err := CompareCounts(get("mca_2016"), get("mca_2018_08_sichuan"), 1, poverty.RoundHalfUp); !errors.Is(err, ErrConflict) {
		t.Errorf("national vs Sichuan: err = %v, want ErrConflict", err)
	}
	if len(PublishedCounts()) != 5 {
		t.Errorf("counts = %d", len(PublishedCounts()))
	}
	for _, bad := range []struct{ name, doc string }{
		{"unconfirmed with a value", strings.Replace(string(countsJSON), `"status": "CONFIRMED", "qualifier": "citation`, `"status": "UNCONFIRMED", "qualifier": "citation`, 1)},
		{"no scope", strings.Replace(string(countsJSON), `"qualifier": "citation in an abstract", "scope": "national"`, `"qualifier": "citation in an abstract"`, 1)},
		{"duplicate", strings.Replace(string(countsJSON), `"id": "mca_2016"`, `"id": "acwf_2008"`, 1)},
		{"no scheme", strings.Replace(string(countsJSON), `"scheme": "left_behind_2016", "as_of": "2016"`, `"scheme": "", "as_of": "2016"`, 1)},
	} {
		t.Run(bad.name, func(t *testing.T) {
			var re *poverty.FieldError
			if _, err := LoadCounts(strings.NewReader(bad.doc), "c.json"); !errors.As(err, &re) || re.Op != "children.LoadCounts" {
				t.Errorf("err = %v, want *poverty.FieldError of children.LoadCounts", err)
			}
		})
	}
	if _, err := LoadCounts(strings.NewReader(strings.Replace(string(countsJSON), `"as_of": "2016"`, `"asof": "2016"`, 1)), "c.json"); !errors.As(err, &fe) || fe.Record != "c.json" || !errors.Is(err, poverty.ErrSyntax) {
		t.Errorf("unknown field: err = %v, want a *poverty.FieldError naming the file", err)
	}
	// An UNCONFIRMED count without a value is kept, to show the gap.
	gap := `{"schema": "fupin.children.counts/2", "counts": [{"id": "subsidy", "scheme": "de_facto_unattended_2019", "as_of": "2019",
	  "value": 0, "source": "commonly described as the local orphan standard", "status": "UNCONFIRMED", "scope": "national"}]}`
	if cs, err := LoadCounts(strings.NewReader(gap), "gap.json"); err != nil || len(cs) != 1 || cs[0].Status != poverty.Unconfirmed {
		t.Errorf("unconfirmed count: %v %v", cs, err)
	}
}
