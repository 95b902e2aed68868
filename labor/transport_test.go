package labor

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

func TestTransportSubsidy(t *testing.T) {
	p := DefaultParams()
	poorHH := func(year int) *Household {
		h, _ := caseHousehold("h", "lifted_out", year)
		return h
	}
	monHH := func(year int) *Household {
		h, _ := caseHousehold("m", "monitored", year)
		return h
	}
	genHH := func(year int) *Household {
		h, _ := caseHousehold("g", "general", year)
		return h
	}
	job := func(ch Channel, place Place, dest string, start, end string, wage string) *Job {
		j := &Job{ID: "j", Worker: "w", Channel: ch, Place: place, Start: d(start), MonthlyWage: poverty.MustParseMoney(wage)}
		if dest != "" {
			j.Destination = poverty.MustParseRegion(dest)
		}
		if end != "" {
			j.End = d(end)
		}
		return j
	}
	fare := func(s string) *poverty.Money { m := poverty.MustParseMoney(s); return &m }
	tests := []struct {
		name      string
		rule      string
		h         *Household
		job       *Job
		year      int
		opts      TransportOptions
		eligible  bool
		total     string
		failed    []string
		wantError error
	}{
		{"gansu: Shaanxi 400", "gansu-chongxin-2024", poorHH(2024), job(ChannelSelfFound, OtherProvince, "61", "2024-03-01", "", "4000"), 2024, TransportOptions{}, true, "400.00", nil, nil},
		{"gansu: Ningxia 400", "gansu-chongxin-2024", poorHH(2024), job(ChannelSelfFound, OtherProvince, "64", "2024-03-01", "", "4000"), 2024, TransportOptions{}, true, "400.00", nil, nil},
		{"gansu: Guangdong 600", "gansu-chongxin-2024", poorHH(2024), job(ChannelSelfFound, OtherProvince, "44", "2024-03-01", "", "4000"), 2024, TransportOptions{}, true, "600.00", nil, nil},
		{"gansu: another province not recorded 600", "gansu-chongxin-2024", poorHH(2024), job(ChannelSelfFound, OtherProvince, "", "2024-03-01", "", "4000"), 2024, TransportOptions{}, true, "600.00", nil, nil},
		{"gansu: in the province outside the city 300", "gansu-chongxin-2024", poorHH(2024), job(ChannelSelfFound, InProvince, "", "2024-03-01", "", "4000"), 2024, TransportOptions{}, true, "300.00", nil, nil},
		{"gansu: in the city outside the county 200", "gansu-chongxin-2024", poorHH(2024), job(ChannelSelfFound, InCity, "", "2024-03-01", "", "4000"), 2024, TransportOptions{}, true, "200.00", nil, nil},
		{"gansu: in the county no tier", "gansu-chongxin-2024", poorHH(2024), job(ChannelSelfFound, InCounty, "", "2024-03-01", "", "4000"), 2024, TransportOptions{}, false, "0.00", []string{"transport.destination"}, nil},
		{"gansu: placed by a job fair is not self-arranged", "gansu-chongxin-2024", poorHH(2024), job(ChannelJobFair, OtherProvince, "44", "2024-03-01", "", "4000"), 2024, TransportOptions{}, false, "0.00", []string{"transport.channel"}, nil},
		{"gansu: 2 whole months is not 3", "gansu-chongxin-2024", poorHH(2024), job(ChannelSelfFound, OtherProvince, "44", "2024-10-02", "", "4000"), 2024, TransportOptions{}, false, "0.00", []string{"transport.months"}, nil},
		{"gansu: 1 October to 31 December is 3 months", "gansu-chongxin-2024", poorHH(2024), job(ChannelSelfFound, OtherProvince, "44", "2024-10-01", "", "4000"), 2024, TransportOptions{}, true, "600.00", nil, nil},
		{"gansu: a general household is not served", "gansu-chongxin-2024", genHH(2024), job(ChannelSelfFound, OtherProvince, "44", "2024-03-01", "", "4000"), 2024, TransportOptions{}, false, "0.00", []string{"transport.group"}, nil},
		{"gansu: not in force in 2025", "gansu-chongxin-2024", poorHH(2025), job(ChannelSelfFound, OtherProvince, "44", "2024-03-01", "", "4000"), 2025, TransportOptions{}, false, "", nil, ErrNotInForce},
		{"heilongjiang: cross-province 800", "heilongjiang-2022", poorHH(2023), job(ChannelJobFair, OtherProvince, "44", "2023-01-01", "", "4000"), 2023, TransportOptions{}, true, "800.00", nil, nil},
		{"heilongjiang: a job that ended last year", "heilongjiang-2022", poorHH(2023), job(ChannelJobFair, OtherProvince, "44", "2022-01-01", "2022-12-31", "4000"), 2023, TransportOptions{}, false, "0.00", []string{"transport.months", "transport.destination"}, nil},
		{"shanxi 中阳: fare below the cap", "shanxi-zhongyang-2022", poorHH(2022), job(ChannelSelfFound, OtherProvince, "32", "2022-02-01", "", "4000"), 2022, TransportOptions{Fare: fare("650")}, true, "650.00", nil, nil},
		{"shanxi 中阳: fare above the cap", "shanxi-zhongyang-2022", poorHH(2022), job(ChannelSelfFound, OtherProvince, "32", "2022-02-01", "", "4000"), 2022, TransportOptions{Fare: fare("900")}, true, "800.00", nil, nil},
		{"shanxi 中阳: fare unknown", "shanxi-zhongyang-2022", poorHH(2022), job(ChannelSelfFound, OtherProvince, "32", "2022-02-01", "", "4000"), 2022, TransportOptions{}, false, "", nil, ErrNoParameter},
		{"shanxi 2020: monitored household working in the county", "shanxi-monitored-2020", monHH(2020), job(ChannelSelfFound, InCounty, "", "2020-05-01", "", "2500"), 2020, TransportOptions{Fare: fare("120")}, true, "120.00", nil, nil},
		{"shanxi 2020: a lifted-out household that is not monitored", "shanxi-monitored-2020", poorHH(2020), job(ChannelSelfFound, InCounty, "", "2020-05-01", "", "2500"), 2020, TransportOptions{Fare: fare("120")}, false, "0.00", []string{"transport.group"}, nil},
		{"township quote: SECONDARY refused without the flag", "township-forum-quote", poorHH(2020), job(ChannelSelfFound, OtherProvince, "44", "2020-01-01", "", "3000"), 2020, TransportOptions{}, false, "", nil, poverty.ErrSecondary},
		{"township quote: cross-province transport and labour", "township-forum-quote", poorHH(2020), job(ChannelSelfFound, OtherProvince, "44", "2020-10-01", "", "1666.67"), 2020, TransportOptions{Lookup: secondary}, true, "1600.00", nil, nil},
		{"township quote: income 4,999.98 in the year", "township-forum-quote", poorHH(2020), job(ChannelSelfFound, OtherProvince, "44", "2020-10-01", "", "1666.66"), 2020, TransportOptions{Lookup: secondary}, false, "0.00", []string{"transport.annual_wage"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.TransportSubsidy(tt.rule, tt.h, tt.job, tt.year, tt.opts)
			if tt.wantError != nil {
				if !errors.Is(err, tt.wantError) {
					t.Fatalf("error %v, want %v", err, tt.wantError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var failed []string
			for _, c := range got.Criteria {
				if !c.Pass {
					failed = append(failed, c.Code)
				}
				if c.Source == "" || c.Param == "" || c.Rule == "" {
					t.Errorf("criterion %s does not explain itself: %+v", c.Code, c)
				}
			}
			if got.Eligible != tt.eligible || got.Total != poverty.MustParseMoney(tt.total) {
				t.Errorf("eligible %v total %s, want %v %s", got.Eligible, got.Total, tt.eligible, tt.total)
			}
			if diff := cmp.Diff(tt.failed, failed); diff != "" {
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
			_, err := p.TransportSubsidy("gansu-chongxin-2024", nil, j, 2024, TransportOptions{})
			return err
		},
		"year zero": func() error {
			_, err := p.TransportSubsidy("gansu-chongxin-2024", h, j, 0, TransportOptions{})
			return err
		},
		"negative fare": func() error {
			f := -poverty.Yuan
			_, err := p.TransportSubsidy("shanxi-zhongyang-2022", h, &Job{ID: "j", Channel: ChannelSelfFound, Place: OtherProvince, Start: d("2022-01-01")}, 2022, TransportOptions{Fare: &f})
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
	got, err := SummariseExport(stations, fairs, jobs)
	if err != nil {
		t.Fatal(err)
	}
	want := ExportSummary{Workstations: 2, ReportedPlacements: 2863, RecordedPlacements: 20, DisputesSettled: 14, WageClaims: 9,
		WagesRecovered: 186_000 * poverty.Yuan, JobFairs: 1, Recruiters: 153, Vacancies: 50_000, Hires: 4_000, RecordedHires: 10,
		FillRate: poverty.MustParseRate("0.08")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
