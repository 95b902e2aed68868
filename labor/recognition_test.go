package labor

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/poverty"
)

// recognitionCase is one case of testdata/recognition.json.
type recognitionCase struct {
	Name            string         `json:"name"`
	Rule            string         `json:"rule"`
	On              poverty.Date   `json:"on"`
	MinimumWage     *poverty.Money `json:"minimum_wage"`
	AcceptSecondary bool           `json:"accept_secondary"`
	Workshop        Workshop       `json:"workshop"`
	Posts           []casePost     `json:"posts"`
	Want            struct {
		Error          string              `json:"error"`
		Recognized     bool                `json:"recognised"`
		Counted        int                 `json:"counted"`
		Failed         []string            `json:"failed"`
		PostFailures   map[string][]string `json:"post_failures"`
		AwardTotal     *poverty.Money      `json:"award_total"`
		Capped         bool                `json:"capped"`
		Yearly         *poverty.Money      `json:"yearly"`
		Years          int                 `json:"years"`
		TableHeadcount *int                `json:"table_headcount"`
		Source         string              `json:"source"`
	} `json:"want"`
}

type casePost struct {
	ID             string        `json:"id"`
	Group          string        `json:"group"`
	Sex            poverty.Sex   `json:"sex"`
	Born           poverty.Date  `json:"born"`
	Start          poverty.Date  `json:"start"`
	End            poverty.Date  `json:"end"`
	ContractMonths int           `json:"contract_months"`
	MonthlyWage    poverty.Money `json:"monthly_wage"`
	Count          int           `json:"count"`
}

// caseHousehold builds a one-member household snapshot for year whose
// registration puts it in the named group.
func caseHousehold(id, group string, year int) (*Household, error) {
	h := &Household{Household: poverty.Household{ID: id, Year: year, Concept: poverty.DisposableIncome,
		Members: []poverty.Member{{BirthDate: poverty.MustParseDate("1980-01-01")}}}}
	switch group {
	case "registered_poor":
		h.Registration = poverty.Registration{Registered: 2016}
	case "lifted_out":
		h.Registration = poverty.Registration{Registered: 2015, Exited: 2019}
	case "monitored":
		h.Monitored = true
	case "general":
	default:
		return nil, fmt.Errorf("unknown group %q", group)
	}
	return h, nil
}

func (c *recognitionCase) posts(ws string, year int) ([]Post, error) {
	var out []Post
	for _, p := range c.Posts {
		n := max(p.Count, 1)
		for i := range n {
			id := p.ID
			if p.Count > 0 {
				id = fmt.Sprintf("%s%d", p.ID, i)
			}
			h, err := caseHousehold("h-"+id, p.Group, year)
			if err != nil {
				return nil, err
			}
			w := &Worker{ID: id, Household: h.ID, Sex: p.Sex, BirthDate: p.Born, Capacity: poverty.AbleToWork}
			j := &Job{ID: id, Worker: id, Employer: ws, Workshop: ws, Channel: ChannelWorkshop, Place: InVillage,
				MonthlyWage: p.MonthlyWage, Start: p.Start, End: p.End, ContractMonths: p.ContractMonths}
			for _, err := range []error{w.validate("test"), j.validate("test")} {
				if err != nil {
					return nil, err
				}
			}
			out = append(out, Post{Job: j, Worker: w, Household: h})
		}
	}
	return out, nil
}

// dateCmp compares poverty.Date values, whose fields are unexported, with ==.
var dateCmp = cmp.Comparer(func(a, b poverty.Date) bool { return a == b })

var errorWords = map[string]error{
	"no_parameter": ErrNoParameter, "not_in_force": poverty.ErrNotInForce, "secondary": poverty.ErrSecondary,
	"unconfirmed": poverty.ErrUnconfirmed, "unknown_rule": ErrUnknownRule,
}

func TestRecognitionCases(t *testing.T) {
	data, err := os.ReadFile("testdata/recognition.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		About string            `json:"about"`
		Cases []recognitionCase `json:"cases"`
	}
	if err := param.Decode(data, &doc); err != nil {
		t.Fatal(err)
	}
	p := fixtureParams(t) // the embedded rules and the unnamed-locality rule of the fixture
	for _, c := range doc.Cases {
		t.Run(c.Name, func(t *testing.T) {
			if err := c.Workshop.validate("test"); err != nil {
				t.Fatal(err)
			}
			posts, err := c.posts(c.Workshop.ID, c.On.Year())
			if err != nil {
				t.Fatal(err)
			}
			opts := Options{Lookup: poverty.LookupOptions{AcceptSecondary: c.AcceptSecondary}}
			if c.MinimumWage != nil {
				opts.MinimumWage = &MinimumWage{Header: Header{ID: "case", Provenance: poverty.Provenance{Source: "test case", Status: poverty.Example, Scope: poverty.ScopeNational}}, Monthly: *c.MinimumWage}
			}
			got, err := p.Recognize(c.Rule, &c.Workshop, posts, c.On, opts)
			if c.Want.Error != "" {
				if !errors.Is(err, errorWords[c.Want.Error]) {
					t.Fatalf("error %v, want %s", err, c.Want.Error)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Recognized != c.Want.Recognized || got.Counted != c.Want.Counted {
				t.Errorf("recognised %v counted %d, want %v %d", got.Recognized, got.Counted, c.Want.Recognized, c.Want.Counted)
			}
			var failed []string
			for _, f := range got.Criteria {
				if f.Pass {
					continue
				}
				failed = append(failed, f.Code)
				if f.Rule == "" || f.Source == "" || f.Input == "" {
					t.Errorf("criterion %s does not explain itself: %+v", f.Code, f)
				}
			}
			if diff := cmp.Diff(c.Want.Failed, failed); diff != "" {
				t.Errorf("failed criteria (-want +got):\n%s", diff)
			}
			for _, cr := range got.Criteria {
				if c.Want.Source != "" && cr.Source != c.Want.Source {
					t.Errorf("criterion %s source %q, want %q", cr.Code, cr.Source, c.Want.Source)
				}
			}
			pf := map[string][]string{}
			for _, pc := range got.Posts {
				if len(pc.Failed) > 0 {
					pf[pc.Job] = pc.Failed
				}
			}
			want := c.Want.PostFailures
			if want == nil {
				want = map[string][]string{}
			}
			if diff := cmp.Diff(want, pf); diff != "" {
				t.Errorf("post failures (-want +got):\n%s", diff)
			}
			if c.Want.AwardTotal != nil && got.Award.Total != *c.Want.AwardTotal {
				t.Errorf("award total %s, want %s (%v)", got.Award.Total, *c.Want.AwardTotal, got.Award.Basis)
			}
			if got.Award.Capped != c.Want.Capped {
				t.Errorf("capped %v, want %v", got.Award.Capped, c.Want.Capped)
			}
			if c.Want.Yearly != nil && (got.Award.Yearly != *c.Want.Yearly || got.Award.Years != c.Want.Years) {
				t.Errorf("yearly %s for %d years, want %s for %d", got.Award.Yearly, got.Award.Years, *c.Want.Yearly, c.Want.Years)
			}
			if c.Want.TableHeadcount != nil && got.Award.TableHeadcount != *c.Want.TableHeadcount {
				t.Errorf("table head count %d, want %d", got.Award.TableHeadcount, *c.Want.TableHeadcount)
			}
			if !got.Recognized && got.Award.Total != 0 {
				t.Errorf("award %s for a workshop not recognised", got.Award.Total)
			}
		})
	}
}

func TestRecogniseBadInput(t *testing.T) {
	p := DefaultParams()
	ws := &Workshop{ID: "s", Type: Factory}
	if _, err := p.Recognize("sichuan-guangyuan-2017", ws, nil, poverty.Date{}, Options{}); !errors.Is(err, poverty.ErrMissing) {
		t.Errorf("zero date: %v", err)
	}
	if _, err := p.Recognize("sichuan-guangyuan-2017", ws, []Post{{}}, d("2017-06-01"), Options{}); !errors.Is(err, poverty.ErrMissing) {
		t.Errorf("empty post: %v", err)
	}
}

func TestRecognitionJSON(t *testing.T) {
	// A recognition result is plain data a caller can store and show.
	p := DefaultParams()
	ws := Workshop{ID: "s", Type: Factory}
	h, _ := caseHousehold("h", "registered_poor", 2017)
	var posts []Post
	for i := range 10 {
		id := fmt.Sprint("w", i)
		posts = append(posts, Post{Job: &Job{ID: id, Worker: id, Workshop: "s", Channel: ChannelWorkshop, Place: InVillage,
			MonthlyWage: 1500 * poverty.Yuan, Start: poverty.MustParseDate("2017-01-01")},
			Worker: &Worker{ID: id, Household: "h", BirthDate: poverty.MustParseDate("1980-01-01")}, Household: h})
	}
	r, err := p.Recognize("sichuan-guangyuan-2017", &ws, posts, poverty.MustParseDate("2017-12-31"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back Recognition
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r, back, dateCmp); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}
