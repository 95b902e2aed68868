package labor

import (
	"errors"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/poverty"
)

func TestStability(t *testing.T) {
	rules := fixtureRules(t, 2020) // min wage 1,350 (fixture)
	job := func(start, end string, wage string, contract int, place Place) Job {
		j := Job{ID: start, Worker: "w", Channel: ChannelSelfFound, Place: place, Start: d(start), MonthlyWage: poverty.MustParseMoney(wage), ContractMonths: contract}
		if end != "" {
			j.End = d(end)
		}
		return j
	}
	tests := []struct {
		name string
		jobs []Job
		want WorkerEmployment
	}{
		{"no job", nil, WorkerEmployment{}},
		{"180 days exactly", []Job{job("2020-01-01", "2020-06-28", "1000", 0, InVillage)},
			WorkerEmployment{Days: 180, BestWage: 1000 * poverty.Yuan, ByDays: true, Stable: true}},
		{"179 days, short contract, low pay", []Job{job("2020-01-01", "2020-06-27", "1000", 6, InVillage)},
			WorkerEmployment{Days: 179, LongestContract: 6, BestWage: 1000 * poverty.Yuan}},
		{"overlapping jobs count their days once", []Job{job("2020-01-01", "2020-03-31", "1000", 0, InVillage), job("2020-03-01", "2020-05-31", "1000", 0, InVillage)},
			WorkerEmployment{Days: 152, BestWage: 1000 * poverty.Yuan}},
		{"a 12-month contract", []Job{job("2020-11-01", "", "1000", 12, InVillage)},
			WorkerEmployment{Days: 61, LongestContract: 12, BestWage: 1000 * poverty.Yuan, ByContract: true, Stable: true}},
		{"pay at the minimum wage", []Job{job("2020-11-01", "", "1350", 0, InCity)},
			WorkerEmployment{Days: 61, BestWage: 1350 * poverty.Yuan, ByWage: true, Stable: true, TransferMonths: 2}},
		{"transfer months outside the township", []Job{job("2020-01-01", "2020-06-30", "1000", 0, InCounty), job("2020-07-01", "", "1000", 0, InTownship)},
			WorkerEmployment{Days: 366, BestWage: 1000 * poverty.Yuan, ByDays: true, Stable: true, TransferMonths: 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rules.stabilityOf(tt.jobs)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			crits := got.Criteria(&rules)
			if len(crits) != 3 || crits[2].Param == "" || crits[0].Source == "" {
				t.Errorf("criteria do not explain themselves: %+v", crits)
			}
		})
	}
	t.Run("transferred at six months", func(t *testing.T) {
		w := Worker{ID: "w", Household: "h", BirthDate: d("1980-01-01"), Sex: poverty.Male, Capacity: poverty.AbleToWork}
		s, err := rules.worker(&w, tests[len(tests)-1].jobs)
		if err != nil {
			t.Fatal(err)
		}
		if !s.Transferred {
			t.Error("six months in the county outside the township is transferred labour")
		}
	})
	t.Run("minimum wage unknown", func(t *testing.T) {
		r := rules
		r.MinimumWage = nil
		if _, err := r.stabilityOf([]Job{job("2020-11-01", "", "5000", 0, InVillage)}); !errors.Is(err, ErrNoParameter) {
			t.Errorf("error %v, want ErrNoParameter", err)
		}
		if s, err := r.stabilityOf([]Job{job("2020-01-01", "", "5000", 0, InVillage)}); err != nil || !s.Stable {
			t.Errorf("days decide without the minimum wage: %+v, %v", s, err)
		}
	})
}

func TestHouseholdEmployment(t *testing.T) {
	rules := fixtureRules(t, 2020)
	able := func(id, born string, sex poverty.Sex) Worker {
		return Worker{ID: id, Household: "h", BirthDate: d(born), Sex: sex, Capacity: poverty.AbleToWork}
	}
	short := []Job{{ID: "s", Worker: "a", Channel: ChannelJobFair, Place: OtherProvince, Start: d("2020-10-01"), MonthlyWage: 1000 * poverty.Yuan}}
	long := []Job{{ID: "l", Worker: "b", Channel: ChannelWorkshop, Workshop: "ws", Place: InVillage, Start: d("2020-01-01"), MonthlyWage: 1000 * poverty.Yuan}}
	tests := []struct {
		name    string
		workers []Worker
		jobs    [][]Job
		want    HouseholdEmployment
		code    string
	}{
		{"zero-employment: able members, none stable",
			[]Worker{able("a", "1980-01-01", poverty.Male), able("b", "1982-01-01", poverty.Female)}, [][]Job{short, nil},
			HouseholdEmployment{Household: "h", LaborForce: 2, Employed: 1, Supported: 1, ZeroEmployment: true}, "employment.zero_employment"},
		{"one stable member ends zero-employment",
			[]Worker{able("a", "1980-01-01", poverty.Male), able("b", "1982-01-01", poverty.Female)}, [][]Job{short, long},
			HouseholdEmployment{Household: "h", LaborForce: 2, Employed: 2, Stable: 1, Supported: 2}, "employment.has_stable_member"},
		{"a stable member past working age does not count",
			[]Worker{able("a", "1950-01-01", poverty.Male), able("b", "1982-01-01", poverty.Female)}, [][]Job{long, nil},
			HouseholdEmployment{Household: "h", LaborForce: 1, ZeroEmployment: true}, "employment.zero_employment"},
		{"no one able to work",
			[]Worker{{ID: "u", Household: "h", BirthDate: d("1980-01-01"), Sex: poverty.Male, Capacity: poverty.UnableToWork}}, [][]Job{nil},
			HouseholdEmployment{Household: "h"}, "employment.no_labour_force"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rules.Classify("h", tt.workers, tt.jobs, false)
			if err != nil {
				t.Fatal(err)
			}
			tt.want.Code = tt.code
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if _, ok := RuleFor(got.Code); !ok {
				t.Errorf("code %s has no rule", got.Code)
			}
		})
	}
	if _, err := rules.Classify("h", []Worker{able("a", "1980-01-01", poverty.SexUnknown)}, [][]Job{nil}, false); !errors.Is(err, ErrNoParameter) {
		t.Errorf("unknown sex: error %v, want ErrNoParameter", err)
	}
}

func TestTallyMerge(t *testing.T) {
	spec := countySpec{Year: 2020, County: poverty.MustParseCounty("530627"), LaborForce: 2000, PoorLabour: 800, Supported: 1700, SupportedPoor: 700, OutOfForce: 50}
	whole := Tally{Rules: fixtureRules(t, 2020), Poor: GroupRegistered}
	a, b := whole, whole
	n := 0
	err := genCounty(1, spec, func(h *Household, w []Worker, j [][]Job) error {
		n++
		if err := whole.Add(h, w, j); err != nil {
			return err
		}
		if n%2 == 0 {
			return a.Add(h, w, j)
		}
		return b.Add(h, w, j)
	})
	if err != nil {
		t.Fatal(err)
	}
	a.Merge(&b)
	a.Rules, whole.Rules = EmploymentRules{}, EmploymentRules{}
	if diff := cmp.Diff(whole, a, dateCmp); diff != "" {
		t.Errorf("merged shards differ (-whole +merged):\n%s", diff)
	}
}

func TestTallyNoAllocs(t *testing.T) {
	rules := fixtureRules(t, 2020)
	tally := Tally{Rules: rules, Poor: GroupRegistered}
	h := &Household{Household: poverty.Household{ID: "h", Year: 2020, Registration: poverty.Registration{Registered: 2016}}}
	workers := []Worker{{ID: "a", Household: "h", BirthDate: d("1980-01-01"), Sex: poverty.Female, Capacity: poverty.AbleToWork}}
	jobs := [][]Job{{{ID: "j", Worker: "a", Channel: ChannelWorkshop, Workshop: "ws", Place: InVillage, Start: d("2019-03-01"), MonthlyWage: 2000 * poverty.Yuan}}}
	allocs := testing.AllocsPerRun(100, func() {
		if err := tally.Add(h, workers, jobs); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("Tally.Add allocates %v times per household", allocs)
	}
}

func TestEmploymentCases(t *testing.T) {
	data, err := os.ReadFile("testdata/employment.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		About string `json:"about"`
		Cases []struct {
			Name    string `json:"name"`
			Members []struct {
				Worker Worker `json:"worker"`
				Jobs   []Job  `json:"jobs"`
			} `json:"members"`
			NoMinimumWage bool `json:"no_minimum_wage"`
			Want          struct {
				Error       string              `json:"error"`
				Code        string              `json:"code"`
				LaborForce  int                 `json:"labour_force"`
				Stable      int                 `json:"stable"`
				Transferred int                 `json:"transferred"`
				Workers     map[string][]string `json:"workers"`
			} `json:"want"`
		} `json:"cases"`
	}
	if err := param.Decode(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, c := range doc.Cases {
		t.Run(c.Name, func(t *testing.T) {
			rules := fixtureRules(t, 2020)
			if c.NoMinimumWage {
				rules.MinimumWage = nil
			}
			var workers []Worker
			var jobs [][]Job
			for _, m := range c.Members {
				workers = append(workers, m.Worker)
				js := m.Jobs
				for i := range js {
					js[i].Worker = m.Worker.ID
				}
				jobs = append(jobs, js)
			}
			got, err := rules.Classify("h", workers, jobs, true)
			if c.Want.Error != "" {
				if !errors.Is(err, errorWords[c.Want.Error]) {
					t.Fatalf("error %v, want %s", err, c.Want.Error)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Code != c.Want.Code || got.LaborForce != c.Want.LaborForce || got.Stable != c.Want.Stable || got.Transferred != c.Want.Transferred {
				t.Errorf("%s labour force %d stable %d transferred %d; want %s %d %d %d", got.Code, got.LaborForce, got.Stable, got.Transferred,
					c.Want.Code, c.Want.LaborForce, c.Want.Stable, c.Want.Transferred)
			}
			passing := map[string][]string{}
			for _, we := range got.Workers {
				passing[we.Worker] = []string{}
				for _, cr := range we.Criteria(&rules) {
					if cr.Pass {
						passing[we.Worker] = append(passing[we.Worker], cr.Code)
					}
				}
			}
			if diff := cmp.Diff(c.Want.Workers, passing); diff != "" {
				t.Errorf("passing alternatives (-want +got):\n%s", diff)
			}
		})
	}
}
