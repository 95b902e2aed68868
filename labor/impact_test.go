package labor

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/children"
	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/poverty"
)

type impactCase struct {
	Name     string          `json:"name"`
	About    string          `json:"about"`
	Records  json.RawMessage `json:"records"`
	Children *struct {
		On       poverty.Date     `json:"on"`
		Children []children.Child `json:"children"`
	} `json:"children"`
	Options struct {
		Year         int              `json:"year"`
		BaselineYear int              `json:"baseline_year"`
		Boundary     poverty.Boundary `json:"boundary"`
		// BeforeLine is a monitoring line for the baseline year supplied by
		// the case (none is published before 2020), labelled EXAMPLE: the
		// crossing of the monitoring line is assessed only with it.
		BeforeLine poverty.Money `json:"before_monitoring_line"`
	} `json:"options"`
	Want impactWant `json:"want"`
}

// impactWant is the part of an Impact the cases state; PerHousehold is
// compared only when given.
type impactWant struct {
	Jobs              int             `json:"jobs"`
	Workers           int             `json:"workers"`
	JobsRegistered    int             `json:"jobs_registered"`
	JobsMonitored     int             `json:"jobs_monitored"`
	JobsPoor          int             `json:"jobs_poor_or_monitored"`
	PoorShare         poverty.Rate    `json:"poor_share"`
	WageBill          poverty.Money   `json:"wage_bill"`
	Households        int             `json:"households"`
	CrossedStandard   int             `json:"crossed_standard"`
	CrossedLine       int             `json:"crossed_monitoring_line"`
	StandardAssessed  bool            `json:"standard_assessed"`
	LineAssessed      bool            `json:"monitoring_line_assessed"`
	FellBelowStandard int             `json:"fell_below_standard"`
	ReturnedMigrants  int             `json:"returned_migrants"`
	ReturnedParents   int             `json:"returned_parents"`
	ReturnedMothers   int             `json:"returned_mothers"`
	ChildrenReunited  int             `json:"children_reunited"`
	LeftBehindBefore  int             `json:"left_behind_before"`
	LeftBehindAfter   int             `json:"left_behind_after"`
	StartedLeftBehind int             `json:"started_left_behind"`
	PerHousehold      []householdWant `json:"per_household,omitempty"`
}

type householdWant struct {
	Household           string        `json:"household"`
	Before              poverty.Money `json:"before"`
	After               poverty.Money `json:"after"`
	Change              poverty.Money `json:"change"`
	Gain                poverty.Money `json:"gain"`
	WorkshopWages       poverty.Money `json:"workshop_wages"`
	WorkshopWagesBefore poverty.Money `json:"workshop_wages_before"`
	Share               poverty.Rate  `json:"share"`
	ShareDefined        bool          `json:"share_defined"`
	CrossedStandard     bool          `json:"crossed_standard"`
	CrossedLine         bool          `json:"crossed_line"`
}

func TestImpactCases(t *testing.T) {
	data, err := os.ReadFile("testdata/impact.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		About string       `json:"about"`
		Cases []impactCase `json:"cases"`
	}
	if err := param.Decode(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, c := range doc.Cases {
		t.Run(c.Name, func(t *testing.T) {
			idx, err := DecodeRecords(bytes.NewReader(c.Records), c.Name)
			if err != nil {
				t.Fatal(err)
			}
			r62 := poverty.MustParseRegion("62")
			before, after := linesOf(t, c.Options.BaselineYear, r62), linesOf(t, c.Options.Year, r62)
			before.Boundary, after.Boundary = c.Options.Boundary, c.Options.Boundary
			if c.Options.BeforeLine != 0 {
				before.Monitoring = after.Monitoring
				before.Monitoring.Year, before.Monitoring.Amount, before.Monitoring.Derived = c.Options.BaselineYear, c.Options.BeforeLine, false
				before.Monitoring.Provenance = poverty.Provenance{Source: "supplied by the case", Status: poverty.Example, Scope: poverty.ScopeNational}
			}
			opts := ImpactOptions{Year: c.Options.Year, BaselineYear: c.Options.BaselineYear, Before: before, After: after}
			if c.Children != nil {
				opts.Children = &children.Snapshot{On: c.Children.On, Children: c.Children.Children}
			}
			imp, err := idx.Impact(nil, opts)
			if err != nil {
				t.Fatal(err)
			}
			got := impactWant{Jobs: imp.Jobs, Workers: imp.Workers, JobsRegistered: imp.JobsRegistered, JobsMonitored: imp.JobsMonitored,
				JobsPoor: imp.JobsPoor, PoorShare: imp.PoorShare, WageBill: imp.WageBill, Households: imp.Households,
				CrossedStandard: imp.CrossedStandard, CrossedLine: imp.CrossedLine, StandardAssessed: imp.StandardAssessed, LineAssessed: imp.LineAssessed, FellBelowStandard: imp.FellBelowStandard,
				ReturnedMigrants: imp.ReturnedMigrants, ReturnedParents: imp.ReturnedParents, ReturnedMothers: imp.ReturnedMothers,
				ChildrenReunited: imp.ChildrenReunited, LeftBehindBefore: imp.LeftBehindBefore, LeftBehindAfter: imp.LeftBehindAfter,
				StartedLeftBehind: imp.StartedLeftBehind}
			if c.Want.PerHousehold != nil {
				for _, h := range imp.PerHousehold {
					got.PerHousehold = append(got.PerHousehold, householdWant{Household: h.Household, Before: h.Before.Amount, After: h.After.Amount,
						Change: h.Change, Gain: h.Gain, WorkshopWages: h.WorkshopWages, WorkshopWagesBefore: h.WorkshopWagesBefore,
						Share: h.Share, ShareDefined: h.ShareDefined, CrossedStandard: h.crossedStandard(), CrossedLine: h.crossedLine()})
				}
			}
			if diff := cmp.Diff(c.Want, got); diff != "" {
				t.Errorf("impact (-want +got):\n%s", diff)
			}
		})
	}
}

func TestImpactErrors(t *testing.T) {
	sc, err := genWorkshops(3, workshopSpec{County: poverty.MustParseCounty("620523"), Workshops: 2, Workers: 20, Poor: 5,
		BaselineYear: 2019, Year: 2020, Opened: date(2019, 1, 1)})
	if err != nil {
		t.Fatal(err)
	}
	r62 := poverty.MustParseRegion("62")
	l19, l20 := linesOf(t, 2019, r62), linesOf(t, 2020, r62)
	ok := ImpactOptions{Year: 2020, BaselineYear: 2019, Before: l19, After: l20}
	tests := []struct {
		name string
		ids  []string
		opts ImpactOptions
		err  error
	}{
		{"unknown workshop", []string{"nope"}, ok, ErrUnknownReference},
		{"workshop twice", []string{"ws-000", "ws-000"}, ok, poverty.ErrDuplicate},
		{"no lines", nil, ImpactOptions{Year: 2020, BaselineYear: 2019}, ErrNoParameter},
		{"no line for the baseline year", nil, ImpactOptions{Year: 2020, BaselineYear: 2019, After: l20}, ErrNoParameter},
		{"no line for the year", nil, ImpactOptions{Year: 2020, BaselineYear: 2019, Before: l19}, ErrNoParameter},
		{"the 2020 lines for a 2019 income", nil, ImpactOptions{Year: 2020, BaselineYear: 2019, Before: l20, After: l20}, ErrLineYear},
		{"the 2019 lines for a 2020 income", nil, ImpactOptions{Year: 2020, BaselineYear: 2019, Before: l19, After: l19}, ErrLineYear},
		{"baseline after the year", nil, ImpactOptions{Year: 2019, BaselineYear: 2020, Before: l20, After: l19}, poverty.ErrRange},
		{"no snapshot for the baseline year", nil, ImpactOptions{Year: 2020, BaselineYear: 2018, Before: linesOf(t, 2018, r62), After: l20}, ErrUnknownReference},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := sc.idx.Impact(tt.ids, tt.opts); !errors.Is(err, tt.err) {
				t.Errorf("error %v, want %v", err, tt.err)
			}
		})
	}
	// Net-income households against a disposable-income monitoring line.
	rec := *sc.idx.Records()
	rec.Households = slices.Clone(rec.Households)
	for i := range rec.Households {
		rec.Households[i].Concept = poverty.NetIncome
	}
	idx, err := NewIndex(&rec)
	if err != nil {
		t.Fatal(err)
	}
	// The embedded 2020 line accepts net income (its DEFAULT concept
	// policy); a caller's line without that policy refuses it.
	if _, err := idx.Impact(nil, ok); err != nil {
		t.Errorf("net income against the embedded 2020 line: %v", err)
	}
	strict := ok
	strict.After.Monitoring.Accepts = poverty.ConceptMatch{}
	if _, err := idx.Impact(nil, strict); !errors.Is(err, poverty.ErrConceptMismatch) {
		t.Errorf("error %v, want ErrConceptMismatch", err)
	}
}

func TestImpactDeterministic(t *testing.T) {
	run := func() []byte {
		sc, err := genWorkshops(11, workshopSpec{County: poverty.MustParseCounty("620523"), Workshops: 5, Workers: 300, Poor: 30, Monitored: 10,
			ReturnedMothers: 20, ReturnedOthers: 5, OtherChildren: 10, BaselineYear: 2017, Year: 2019, Opened: date(2018, 1, 1)})
		if err != nil {
			t.Fatal(err)
		}
		r62 := poverty.MustParseRegion("62")
		imp, err := sc.idx.Impact(nil, ImpactOptions{Year: 2019, BaselineYear: 2017, Before: linesOf(t, 2017, r62), After: linesOf(t, 2019, r62), Children: &sc.before})
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(imp)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if a, b := run(), run(); !bytes.Equal(a, b) {
		t.Error("the same records gave different impact output")
	}
}

// TestImpactReturnWindow reads the return window from the parameters (the
// embedded DEFAULT, a caller's overlay) or from the option, and says which.
func TestImpactReturnWindow(t *testing.T) {
	data, err := os.ReadFile("testdata/impact.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		About string       `json:"about"`
		Cases []impactCase `json:"cases"`
	}
	if err := param.Decode(data, &doc); err != nil {
		t.Fatal(err)
	}
	// E1's migrant job ended 183 days before the workshop job, E2's 184.
	idx, err := DecodeRecords(bytes.NewReader(doc.Cases[3].Records), "return window")
	if err != nil {
		t.Fatal(err)
	}
	own := func(status string, days int) *Params {
		t.Helper()
		o, err := LoadParams(strings.NewReader(fmt.Sprintf(`{"schema": "fupin.labor.params/2", "return_windows": [{"id": "returned-home",
		 "days": %d, "source": "county rule", "status": %q, "scope": "620523"}]}`, days, status)), "county.json")
		if err != nil {
			t.Fatal(err)
		}
		return DefaultParams().Overlay(o)
	}
	def := DefaultParams().History("return_windows", returnWindowID)[0]
	r62 := poverty.MustParseRegion("62")
	l19, l20 := linesOf(t, 2019, r62), linesOf(t, 2020, r62)
	tests := []struct {
		name     string
		days     int
		params   *Params
		returned int
		window   int
		source   string
		err      error
	}{
		{"embedded default", 0, nil, 1, 183, "returned-home: " + def.Cite(), nil},
		{"option", 184, nil, 2, 184, "ImpactOptions.ReturnWindowDays", nil},
		{"option over a caller's record", 184, own("SUPPLIED", 30), 2, 184, "ImpactOptions.ReturnWindowDays", nil},
		{"caller's record", 0, own("SUPPLIED", 182), 0, 182, "returned-home: county rule [SUPPLIED 620523]", nil},
		{"caller's record unconfirmed", 0, own("UNCONFIRMED", 0), 0, 0, "", poverty.ErrUnconfirmed},
		{"no record", 0, &Params{}, 0, 0, "", ErrUnknownRule},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := ImpactOptions{Year: 2020, BaselineYear: 2019, Before: l19, After: l20, ReturnWindowDays: tt.days, Params: tt.params}
			imp, err := idx.Impact(nil, opts)
			if tt.err != nil {
				var fe *poverty.FieldError
				if !errors.Is(err, tt.err) || !errors.As(err, &fe) || fe.Op != "labor.Impact" || fe.Record != "return_windows returned-home" {
					t.Fatalf("error %v, want a FieldError of labor.Impact on return_windows returned-home wrapping %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := []any{imp.ReturnedMigrants, imp.ReturnWindowDays, imp.ReturnWindowSource}
			if diff := cmp.Diff([]any{tt.returned, tt.window, tt.source}, got); diff != "" {
				t.Errorf("returned, window, source (-want +got):\n%s", diff)
			}
		})
	}
	if def.Status != poverty.LibraryDefault || def.Record.(ReturnWindow).Days != 183 {
		t.Errorf("embedded return window %s %+v", def.Label(), def.Record)
	}
}
