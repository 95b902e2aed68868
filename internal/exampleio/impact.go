package exampleio

import (
	"errors"
	"strconv"

	"github.com/openfupin/fupin/labor"
	"github.com/openfupin/fupin/poverty"
)

// quotedStandards are the figures quoted for the standards the library's
// data hold as UNCONFIRMED (see each record's note, poverty.Table.Gaps): the
// examples supply them, labelled EXAMPLE, so that each year's income is
// compared with a line of its own year.
var quotedStandards = map[int]poverty.Money{2017: 2952 * poverty.Yuan, 2018: 2995 * poverty.Yuan}

// ImpactLines returns the lines of year in region for labor.Index.Impact
// and a sentence saying which they are: the library's lines of that year (a
// year without a monitoring line, before 2020, has its crossing not
// assessed), or, where the year's standard is UNCONFIRMED, the quoted
// figure, supplied here and labelled EXAMPLE with the data's own note.
func ImpactLines(year int, region poverty.Region) (poverty.Lines, string, error) {
	opts := poverty.LookupOptions{AcceptSecondary: true}
	l, err := labor.ImpactLines(poverty.Default(), year, region, poverty.BelowLine, opts)
	if err != nil {
		amount, ok := quotedStandards[year]
		if !ok || !errors.Is(err, poverty.ErrUnconfirmed) {
			return l, "", err
		}
		std, serr := poverty.Default().Standard(2020, region, opts)
		if serr != nil {
			return l, "", serr
		}
		note := ""
		for _, g := range poverty.Default().Gaps(poverty.KindStandard) {
			if g.Year == year {
				note = g.Note
			}
		}
		std.Year, std.Amount = year, amount
		std.Provenance = poverty.Provenance{Source: "figure supplied by this example for " + strconv.Itoa(year) +
			", UNCONFIRMED in the library's data (" + note + ")", Status: poverty.Example, Scope: poverty.ScopeNational}
		l = poverty.Lines{Standard: std, Boundary: poverty.BelowLine}
	}
	s := strconv.Itoa(year) + ": standard "
	if l.Standard.Kind == "" {
		s += "none"
	} else {
		s += l.Standard.Amount.String() + " [" + l.Standard.Label() + "]"
	}
	if l.Monitoring.Kind == "" {
		s += ", no monitoring line"
	} else {
		s += ", monitoring line " + l.Monitoring.Amount.String() + " [" + l.Monitoring.Label() + "]"
	}
	return l, s, nil
}
