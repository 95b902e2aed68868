package labor

import (
	"errors"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/poverty"
)

type transportCase struct {
	Name            string         `json:"name"`
	Rule            string         `json:"rule"`
	Group           string         `json:"group"`
	Year            int            `json:"year"`
	HouseholdYear   int            `json:"household_year"`
	Job             Job            `json:"job"`
	Fare            *poverty.Money `json:"fare"`
	AcceptSecondary bool           `json:"accept_secondary"`
	Want            struct {
		Error    string        `json:"error"`
		Eligible bool          `json:"eligible"`
		Total    poverty.Money `json:"total"`
		Failed   []string      `json:"failed"`
		Source   string        `json:"source"`
	} `json:"want"`
}

func TestTransportSubsidy(t *testing.T) {
	data, err := os.ReadFile("testdata/transport.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		About string          `json:"about"`
		Cases []transportCase `json:"cases"`
	}
	if err := param.Decode(data, &doc); err != nil {
		t.Fatal(err)
	}
	p := fixtureParams(t) // the embedded rules and the township quote of the fixture
	for _, c := range doc.Cases {
		t.Run(c.Name, func(t *testing.T) {
			hy := c.Year
			if c.HouseholdYear != 0 {
				hy = c.HouseholdYear
			}
			h, err := caseHousehold("h", c.Group, hy)
			if err != nil {
				t.Fatal(err)
			}
			job := c.Job
			job.ID, job.Worker = "j", "w"
			if err := job.validate(opTest); err != nil {
				t.Fatal(err)
			}
			got, err := p.TransportSubsidy(c.Rule, h, &job, c.Year, Options{Lookup: poverty.LookupOptions{AcceptSecondary: c.AcceptSecondary}, Fare: c.Fare})
			if c.Want.Error != "" {
				if !errors.Is(err, errorWords[c.Want.Error]) {
					t.Fatalf("error %v, want %s", err, c.Want.Error)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var failed []string
			for _, cr := range got.Criteria {
				if !cr.Pass {
					failed = append(failed, cr.Code)
				}
				if cr.Source == "" || cr.Param == "" || cr.Rule == "" {
					t.Errorf("criterion %s does not explain itself: %+v", cr.Code, cr)
				}
				if c.Want.Source != "" && cr.Source != c.Want.Source {
					t.Errorf("criterion %s source %q, want %q", cr.Code, cr.Source, c.Want.Source)
				}
			}
			if got.Eligible != c.Want.Eligible || got.Total != c.Want.Total {
				t.Errorf("eligible %v total %s, want %v %s", got.Eligible, got.Total, c.Want.Eligible, c.Want.Total)
			}
			if diff := cmp.Diff(c.Want.Failed, failed); diff != "" {
				t.Errorf("failed criteria (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTransportSubsidyBadInput(t *testing.T) {
	p := DefaultParams()
	h, _ := caseHousehold("h", "lifted_out", 2024)
	j := &Job{ID: "j", Worker: "w", Channel: ChannelSelfFound, Place: OtherProvince, Start: d("2024-01-01")}
	for name, call := range map[string]func() error{
		"no household": func() error {
			_, err := p.TransportSubsidy("gansu-chongxin-2024", nil, j, 2024, Options{})
			return err
		},
		"year zero": func() error {
			_, err := p.TransportSubsidy("gansu-chongxin-2024", h, j, 0, Options{})
			return err
		},
		"negative fare": func() error {
			f := -poverty.Yuan
			_, err := p.TransportSubsidy("shanxi-zhongyang-2022", h, &Job{ID: "j", Channel: ChannelSelfFound, Place: OtherProvince, Start: d("2022-01-01")}, 2022, Options{Fare: &f})
			return err
		},
	} {
		var fe *poverty.FieldError
		if err := call(); !errors.As(err, &fe) {
			t.Errorf("%s: error %v, want a FieldError", name, err)
		}
	}
}

func TestSummariseExport(t *testing.T) {
	stations := []Workstation{
		{ID: "dg", Name: "Dongguan station", Host: poverty.MustParseRegion("44"), Home: poverty.MustParseCounty("530627"), Placements: 2013, DisputesSettled: 14, WageClaims: 9, WagesRecovered: 186_000 * poverty.Yuan},
		{ID: "nb", Name: "Ningbo station", Host: poverty.MustParseRegion("33"), Placements: 850},
	}
	fairs := []JobFair{{ID: "fair", Date: d("2020-02-20"), Site: "relocation site", Recruiters: 153, Vacancies: 50_000, Hires: 4_000,
		RecruiterProvinces: []poverty.Region{44, 33, 34, 31, 50}}}
	var jobs []Job
	for i := range 30 {
		via := "dg"
		if i%3 == 0 {
			via = "fair"
		}
		jobs = append(jobs, Job{ID: itoa(i), Via: via})
	}
	got, err := SummarizeExport(stations, fairs, jobs)
	if err != nil {
		t.Fatal(err)
	}
	want := ExportSummary{Workstations: 2, ReportedPlacements: 2863, RecordedPlacements: 20, DisputesSettled: 14, WageClaims: 9,
		WagesRecovered: 186_000 * poverty.Yuan, JobFairs: 1, Recruiters: 153, Vacancies: 50_000, Hires: 4_000, RecordedHires: 10,
		FillRate: mustRate("0.08")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
