package labor

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

// TestImpactLines: each year's lines as the data hold them, a line the
// year does not have left zero, and a year that cannot be compared an error
// naming it.
func TestImpactLines(t *testing.T) {
	r62 := poverty.MustParseRegion("62")
	type got struct {
		StdYear    int
		Std        poverty.Money
		LineYear   int
		Line       poverty.Money
		ErrorValue string
	}
	tests := []struct {
		name string
		year int
		opts poverty.LookupOptions
		want got
		err  error
	}{
		{"1984: neither line (no standard before 1985)", 1984, secondary, got{ErrorValue: "1984"}, poverty.ErrNotInForce},
		{"2017: standard UNCONFIRMED, the caller supplies it", 2017, secondary, got{ErrorValue: "2017"}, poverty.ErrUnconfirmed},
		{"2018: standard UNCONFIRMED", 2018, secondary, got{ErrorValue: "2018"}, poverty.ErrUnconfirmed},
		{"2019 strict: standard SECONDARY", 2019, poverty.LookupOptions{}, got{ErrorValue: "2019"}, poverty.ErrSecondary},
		{"2019: standard, no monitoring line before 2020", 2019, secondary, got{StdYear: 2019, Std: 3218 * poverty.Yuan}, nil},
		{"2020: both", 2020, poverty.LookupOptions{}, got{StdYear: 2020, Std: 4000 * poverty.Yuan, LineYear: 2020, Line: 6000 * poverty.Yuan}, nil},
		{"2021: no standard, national line UNCONFIRMED", 2021, secondary, got{ErrorValue: "2021"}, poverty.ErrUnconfirmed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ImpactLines(poverty.Default(), tt.year, r62, poverty.BelowLine, tt.opts)
			g := got{StdYear: l.Standard.Year, Std: l.Standard.Amount, LineYear: l.Monitoring.Year, Line: l.Monitoring.Amount}
			if tt.err != nil {
				var fe *poverty.FieldError
				if !errors.Is(err, tt.err) || !errors.As(err, &fe) || fe.Op != "labor.ImpactLines" || fe.Field != "year" {
					t.Fatalf("error %v, want a FieldError of labor.ImpactLines on the year wrapping %v", err, tt.err)
				}
				g.ErrorValue = fe.Value
			} else if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestImpactLineYears: a line is of an income's year when its year is that
// year or its span (Year to Until) holds it; the error names the side, the
// line and the line's year.
func TestImpactLineYears(t *testing.T) {
	th := func(year, until int) poverty.Threshold {
		return poverty.Threshold{Kind: poverty.KindMonitoringLine, Year: year, Until: until, Amount: 6000 * poverty.Yuan}
	}
	tests := []struct {
		name  string
		lines poverty.Lines
		year  int
		field string // "" when the lines are of the year
		value string
		err   error
	}{
		{"same year", poverty.Lines{Monitoring: th(2020, 0)}, 2020, "", "", nil},
		{"a year later", poverty.Lines{Monitoring: th(2020, 0)}, 2021, "lines.after.monitoring", "2020", ErrLineYear},
		{"a year earlier", poverty.Lines{Monitoring: th(2020, 0)}, 2019, "lines.after.monitoring", "2020", ErrLineYear},
		{"first year of a span", poverty.Lines{Monitoring: th(2021, 2023)}, 2021, "", "", nil},
		{"last year of a span", poverty.Lines{Monitoring: th(2021, 2023)}, 2023, "", "", nil},
		{"after a span", poverty.Lines{Monitoring: th(2021, 2023)}, 2024, "lines.after.monitoring", "2021", ErrLineYear},
		{"no line at all", poverty.Lines{}, 2018, "lines.after", "2018", ErrNoParameter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkLines(&tt.lines, tt.year, "after")
			if tt.err == nil {
				if err != nil {
					t.Fatalf("error %v, want none", err)
				}
				return
			}
			var fe *poverty.FieldError
			if !errors.Is(err, tt.err) || !errors.As(err, &fe) {
				t.Fatalf("error %v, want %v", err, tt.err)
			}
			if diff := cmp.Diff([]string{"labor.Impact", "impact", tt.field, tt.value}, []string{fe.Op, fe.Record, fe.Field, fe.Value}); diff != "" {
				t.Errorf("op, record, field, value (-want +got):\n%s", diff)
			}
		})
	}
}
