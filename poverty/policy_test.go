package poverty_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

// policyCases mirrors testdata/policy_cases.json, the language-neutral
// reference cases from POLICY.md and SEEDS.md.
type policyCases struct {
	About     string         `json:"about"`
	Standards []lookupCase   `json:"standards"`
	Series    []lookupCase   `json:"series"`
	Lines     []lookupCase   `json:"monitoring_lines"`
	Exit      []exitCase     `json:"exit"`
	Classify  []classifyCase `json:"classify"`
	Delisting []delistCase   `json:"delisting"`
}

type lookupCase struct {
	Kind            poverty.Kind          `json:"kind"`
	Series          string                `json:"series"`
	Year            int                   `json:"year"`
	Region          poverty.Region        `json:"region"`
	Lenient         bool                  `json:"lenient"`
	AcceptSecondary bool                  `json:"accept_secondary"`
	Want            string                `json:"want"`
	Concept         poverty.IncomeConcept `json:"concept"`
	Stale           bool                  `json:"stale"`
	Derived         bool                  `json:"derived"`
	Approximate     bool                  `json:"approximate"`
	Label           string                `json:"label"`
	Error           string                `json:"error"`
}

type exitCase struct {
	Name          string             `json:"name"`
	Household     poverty.Household  `json:"household"`
	Guarantees    poverty.Guarantees `json:"guarantees"`
	Boundary      poverty.Boundary   `json:"boundary"`
	WantPass      bool               `json:"want_pass"`
	WantFailed    []string           `json:"want_failed"`
	WantPerCapita string             `json:"want_per_capita"`
	Error         string             `json:"error"`
}

type classifyCase struct {
	Name          string            `json:"name"`
	Household     poverty.Household `json:"household"`
	Boundary      poverty.Boundary  `json:"boundary"`
	Lenient       bool              `json:"lenient"`
	Want          poverty.Status    `json:"want"`
	BelowStandard bool              `json:"below_standard"`
	BelowLine     bool              `json:"below_line"`
	Error         string            `json:"error"`
}

type delistCase struct {
	Name            string               `json:"name"`
	Level           string               `json:"level"`
	Region          poverty.Region       `json:"region"`
	Year            int                  `json:"year"`
	AcceptSecondary bool                 `json:"accept_secondary"`
	Counts          poverty.CountyCounts `json:"counts"`
	WantPass        bool                 `json:"want_pass"`
	WantFailed      []string             `json:"want_failed"`
	WantIncidence   string               `json:"want_incidence"`
	Error           string               `json:"error"`
}

var sentinels = map[string]error{
	"unconfirmed":      poverty.ErrUnconfirmed,
	"secondary":        poverty.ErrSecondary,
	"unknown_year":     poverty.ErrUnknownYear,
	"not_in_force":     poverty.ErrNotInForce,
	"unknown_region":   poverty.ErrUnknownRegion,
	"concept_mismatch": poverty.ErrConceptMismatch,
	"no_residents":     poverty.ErrNoResidents,
}

func loadPolicyCases(t *testing.T) policyCases {
	t.Helper()
	b, err := os.ReadFile("testdata/policy_cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var pc policyCases
	dec := json.NewDecoder(bytesReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&pc); err != nil {
		t.Fatalf("decode policy_cases.json: %v", err)
	}
	return pc
}

// checkErr reports whether err matches the named sentinel ("" = no error).
func checkErr(t *testing.T, name string, err error) bool {
	t.Helper()
	if name == "" {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return false
	}
	want, ok := sentinels[name]
	if !ok {
		t.Fatalf("test case names unknown error %q", name)
	}
	if !errors.Is(err, want) {
		t.Fatalf("error = %v, want %v", err, want)
	}
	return true
}

type lookupGot struct {
	Amount                      string
	Concept                     poverty.IncomeConcept
	Stale, Derived, Approximate bool
	Label                       string
}

func runLookupCases(t *testing.T, cases []lookupCase, look func(c lookupCase, o poverty.LookupOptions) (poverty.Threshold, error)) {
	for _, c := range cases {
		name := string(c.Kind) + c.Series + "/" + c.Region.String() + "/" + itoa(c.Year)
		t.Run(name, func(t *testing.T) {
			th, err := look(c, poverty.LookupOptions{Lenient: c.Lenient, AcceptSecondary: c.AcceptSecondary})
			if checkErr(t, c.Error, err) {
				return
			}
			if th.Source == "" {
				t.Errorf("threshold has no source")
			}
			want := lookupGot{c.Want, c.Concept, c.Stale, c.Derived, c.Approximate, c.Label}
			got := lookupGot{th.Amount.String(), th.Concept, th.Stale, th.Derived, th.Approximate, ""}
			if c.Label != "" {
				got.Label = th.Label()
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("(-want +got)\n%s", d)
			}
		})
	}
}

func TestPolicyStandards(t *testing.T) {
	pc := loadPolicyCases(t)
	tab := poverty.Default()
	runLookupCases(t, pc.Standards, func(c lookupCase, o poverty.LookupOptions) (poverty.Threshold, error) {
		return tab.Standard(c.Year, c.Region, o)
	})
	runLookupCases(t, pc.Series, func(c lookupCase, o poverty.LookupOptions) (poverty.Threshold, error) {
		return tab.Lookup(c.Kind, c.Series, c.Year, c.Region, o)
	})
}

func TestPolicyMonitoringLines(t *testing.T) {
	pc := loadPolicyCases(t)
	tab := poverty.Default()
	runLookupCases(t, pc.Lines, func(c lookupCase, o poverty.LookupOptions) (poverty.Threshold, error) {
		return tab.MonitoringLine(c.Year, c.Region, o)
	})
}

func TestPolicyExit(t *testing.T) {
	pc := loadPolicyCases(t)
	tab := poverty.Default()
	for _, c := range pc.Exit {
		t.Run(c.Name, func(t *testing.T) {
			h := c.Household
			std, err := tab.Standard(h.Year, h.Province(), poverty.LookupOptions{})
			if err != nil {
				t.Fatal(err)
			}
			r, err := poverty.ExitTest(&h, std, c.Guarantees, c.Boundary, nil)
			if checkErr(t, c.Error, err) {
				return
			}
			var failed []string
			for _, f := range r.Failed() {
				failed = append(failed, f.Code)
			}
			type out struct {
				Pass      bool
				Failed    []string
				PerCapita string
				Criteria  int
			}
			want := out{c.WantPass, c.WantFailed, c.WantPerCapita, 8}
			got := out{r.Pass, failed, r.PerCapita.Amount.String(), len(r.Criteria)}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("(-want +got)\n%s", d)
			}
			for _, cr := range r.Criteria {
				if cr.Rule == "" || cr.Source == "" || cr.Input == "" {
					t.Errorf("criterion %s lacks rule, source or input: %+v", cr.Code, cr)
				}
			}
		})
	}
}

func TestPolicyClassify(t *testing.T) {
	pc := loadPolicyCases(t)
	tab := poverty.Default()
	for _, c := range pc.Classify {
		t.Run(c.Name, func(t *testing.T) {
			h := c.Household
			lines, err := tab.LinesFor(h.Year, h.Province(), c.Boundary, poverty.LookupOptions{Lenient: c.Lenient})
			if err != nil {
				t.Fatal(err)
			}
			got, err := poverty.Classify(&h, &lines)
			if checkErr(t, c.Error, err) {
				return
			}
			type out struct {
				Status                   poverty.Status
				BelowStandard, BelowLine bool
			}
			if d := cmp.Diff(out{c.Want, c.BelowStandard, c.BelowLine}, out{got.Status, got.BelowStandard, got.BelowLine}); d != "" {
				t.Errorf("(-want +got)\n%s", d)
			}
			if got.Explain() == "" {
				t.Error("empty explanation")
			}
		})
	}
}

func TestPolicyDelisting(t *testing.T) {
	pc := loadPolicyCases(t)
	tab := poverty.Default()
	for _, c := range pc.Delisting {
		t.Run(c.Name, func(t *testing.T) {
			var r poverty.DelistingResult
			var err error
			opts := poverty.LookupOptions{AcceptSecondary: c.AcceptSecondary}
			if c.Level == "village" {
				r, err = tab.VillageDelisting(c.Year, c.Region, poverty.VillageCounts{Name: c.Counts.Name, Population: c.Counts.Population, Poor: c.Counts.Poor}, opts)
			} else {
				r, err = tab.CountyDelisting(c.Year, c.Region, c.Counts, opts)
			}
			if checkErr(t, c.Error, err) {
				return
			}
			for _, cr := range r.Criteria {
				if c.Level == "village" && !strings.Contains(cr.Param, "[SECONDARY") {
					t.Errorf("village criterion does not say SECONDARY: %s", cr.Param)
				}
			}
			var failed []string
			for _, cr := range r.Criteria {
				if !cr.Pass {
					failed = append(failed, cr.Code)
				}
			}
			type out struct {
				Pass      bool
				Failed    []string
				Incidence poverty.Rate
			}
			want := out{c.WantPass, c.WantFailed, mustRate(c.WantIncidence)}
			if d := cmp.Diff(want, out{r.Pass, failed, r.Incidence}); d != "" {
				t.Errorf("(-want +got)\n%s", d)
			}
		})
	}
}
