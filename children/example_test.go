package children_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/openfupin/fupin/children"
	"github.com/openfupin/fupin/poverty"
)

// left returns a rural child whose parents both work away from home.
func left(id, born string) children.Child {
	return children.Child{
		ID: id, BirthDate: poverty.MustParseDate(born), Hukou: children.Rural,
		County: poverty.MustParseCounty("510823"), Township: "t1", Village: "v1",
		Father:   children.Parent{ID: id + "-father", Situation: children.MigrantOutOfProvince, Since: poverty.MustParseDate("2019-02-20")},
		Mother:   children.Parent{ID: id + "-mother", Situation: children.MigrantInProvince, Since: poverty.MustParseDate("2021-03-01")},
		Guardian: children.Guardian{Kind: children.Grandparent, Age: 67, Capacity: children.Capable, Agreement: true},
		Living:   children.WithGrandparents, School: children.JuniorSecondary,
	}
}

// The common flow: classify each child of a registry under the embedded
// definitions, run the care checks, and count the registry.
func Example() {
	rules := children.Default()
	on := poverty.MustParseDate("2024-09-01")
	a, b := left("a", "2014-01-01"), left("b", "2012-03-01")
	b.Living, b.Guardian = children.Alone, children.Guardian{Kind: children.NoGuardian}
	reg := children.Snapshot{On: on, Children: []children.Child{a, b}}
	for i := range reg.Children {
		c := &reg.Children[i]
		cl, err := rules.Classify(c, on)
		if err != nil {
			fmt.Println(err)
			return
		}
		flags, err := rules.Check(c, &cl)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(c.ID, cl.Status(), "|", cl.LeftBehind.String(), "| flags:", flags.String())
	}
	f, err := rules.Summarize(reg)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("by status:", f.ByStatus, "by guardian:", f.LeftBehind.ByGuardian)
	// Output:
	// a left_behind | left_behind_2016: yes (parents.combination: yes) | flags: none
	// b left_behind | left_behind_2016: yes (parents.combination: yes) | flags: care.living_alone guardian.not_entrusted report.living_alone (urgent, report at once)
	// by status: map[left_behind:2] by guardian: map[grandparent:1 none:1]
}

func ExampleResult_String() {
	c := left("c1", "2010-05-20")
	cl, err := children.Default().Classify(&c, poverty.MustParseDate("2026-05-20"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cl.LeftBehind.String())
	fmt.Println(cl.Unattended.String())
	// Output:
	// left_behind_2016: no (age.under_limit: no (age 16, limit 16))
	// de_facto_unattended_2019: no (parent.listed: no (father, migrant_out_of_province); parent.listed: no (mother, migrant_in_province))
}

func ExampleRules_Classify() {
	c := left("c1", "2010-05-20")
	for _, on := range []string{"2026-05-19", "2026-05-20"} {
		cl, err := children.Default().Classify(&c, poverty.MustParseDate(on))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(on, cl.Status(), "| ACWF:", cl.ACWF.Outcome)
		for _, r := range cl.LeftBehind.Reasons() {
			if r.Code == "age.under_limit" {
				fmt.Println(" ", r)
			}
		}
	}
	// Output:
	// 2026-05-19 left_behind | ACWF: yes
	//   age.under_limit: yes (age 15, limit 16) | 国发〔2016〕13号 《国务院关于加强农村留守儿童关爱保护工作的意见》 [CONFIRMED]
	// 2026-05-20 none | ACWF: yes
	//   age.under_limit: no (age 16, limit 16) | 国发〔2016〕13号 《国务院关于加强农村留守儿童关爱保护工作的意见》 [CONFIRMED]
}

func ExampleScheme_Classify() {
	// Both parents away, the mother only within the county and only for
	// three months: left-behind under 国发〔2016〕13号, which sets no
	// duration, but not under the education-statistics variant (six months).
	c := left("c2", "2014-01-01")
	c.Mother = children.Parent{Situation: children.MigrantInCounty, Since: poverty.MustParseDate("2024-06-01")}
	on := poverty.MustParseDate("2024-09-01")
	for _, id := range []string{"left_behind_2016", "left_behind_education_statistics"} {
		s, _ := children.Default().Scheme(id)
		r, err := s.Classify(&c, on)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(r.Explain())
	}
	// Output:
	// left_behind_2016: yes
	//   scheme.in_force: yes | 国发〔2016〕13号 《国务院关于加强农村留守儿童关爱保护工作的意见》 [CONFIRMED]
	//   age.under_limit: yes (age 10, limit 16) | 国发〔2016〕13号 《国务院关于加强农村留守儿童关爱保护工作的意见》 [CONFIRMED]
	//   hukou.rural: yes | 国发〔2016〕13号 (rural left-behind children); 2016 survey scope: rural-hukou minors (Caixin, 2016-03-30) [CONFIRMED]
	//   parent.away: yes (father, migrant_out_of_province) | library reading of 外出务工 (国发〔2016〕13号): a parent recorded as a migrant worker living away from home, at any distance [DEFAULT]
	//   parent.away: yes (mother, migrant_in_county) | library reading of 外出务工 (国发〔2016〕13号): a parent recorded as a migrant worker living away from home, at any distance [DEFAULT]
	//   parents.combination: yes | both_away_or_one_away_other_incapable
	// left_behind_education_statistics: no
	//   scheme.in_force: yes | education-statistics definition (document-sharing page comparing civil-affairs and education-statistics definitions) [SECONDARY]
	//   age.under_limit: yes (age 10, limit 16) | education-statistics definition (document-sharing page comparing civil-affairs and education-statistics definitions) [SECONDARY]
	//   parent.away: yes (father, migrant_out_of_province, 66 months, minimum 6) | education-statistics variant: both parents away for 6 or more consecutive months [SECONDARY]
	//   parent.away: no (mother, migrant_in_county, 3 months, minimum 6) | education-statistics variant: both parents away for 6 or more consecutive months [SECONDARY]
	//   parent.incapable: no (mother, migrant_in_county) | capacity not recorded; situation not read as without capacity
	//   parents.combination: no | both_away_or_one_away_other_incapable
}

func ExampleScheme_Transitions() {
	before := children.Snapshot{On: poverty.MustParseDate("2025-06-30"), Children: []children.Child{
		left("a", "2015-01-01"), left("b", "2010-05-20"), left("c", "2014-01-01"),
	}}
	after := children.Snapshot{On: poverty.MustParseDate("2026-06-30")}
	for _, c := range before.Children {
		if c.ID == "a" { // the father took a job in a workshop near home
			c.Father = children.Parent{ID: c.Father.ID, Situation: children.AtHome, Since: poverty.MustParseDate("2026-03-01")}
		}
		after.Children = append(after.Children, c)
	}
	s, _ := children.Default().Primary(children.LeftBehind)
	ts, err := s.Transitions(before, after)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range ts {
		fmt.Printf("%s stopped=%v causes=%s reunited=%v father %s->%s (%s)\n",
			t.ChildID, t.Stopped(), t.Causes, t.Stopped() && t.Causes&children.ParentReturned != 0, t.Father.Before, t.Father.After, t.Father.ID)
	}
	sum := children.SummarizeTransitions(ts)
	fmt.Println("stopped:", sum.Stopped, "reunited:", sum.Reunited, "aged out:", sum.StoppedBy[children.AgedOut])
	// Output:
	// a stopped=true causes=parent_returned reunited=true father migrant_out_of_province->at_home (a-father)
	// b stopped=true causes=aged_out reunited=false father migrant_out_of_province->migrant_out_of_province (b-father)
	// stopped: 2 reunited: 1 aged out: 1
}

func ExampleRules_Check() {
	c := left("c3", "2013-04-01")
	c.Living = children.Alone
	c.Guardian = children.Guardian{Kind: children.NoGuardian}
	c.Father.LastContact = poverty.MustParseDate("2024-01-10")
	c.Mother.LastContact = poverty.MustParseDate("2024-02-01")
	rules := children.Default()
	cl, err := rules.Classify(&c, poverty.MustParseDate("2024-09-01"))
	if err != nil {
		fmt.Println(err)
		return
	}
	flags, err := rules.Check(&c, &cl)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cl.Status(), "must report:", flags.MustReport())
	fmt.Println(flags.Explain())
	// Output:
	// left_behind must report: true
	// care.living_alone: urgent, parents (11 of 16)
	// guardian.not_entrusted: urgent, parents
	// contact.none: warning, child_director (7 of 6)
	// report.living_alone: urgent, police, report at once
}

func ExampleServiceMap_Coverage() {
	county := poverty.MustParseCounty("510823")
	v1 := children.Place{County: county, Township: "t1", Village: "v1"}
	v2 := children.Place{County: county, Township: "t1", Village: "v2"}
	m, err := children.NewServiceMap([]children.Place{v1, v2}, []children.Facility{
		{Service: children.ChildrensHome, Place: v1},
		{Service: children.DirectorPost, Place: v1},
		{Service: children.SupervisorPost, Place: children.Place{County: county, Township: "t1"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	a, b, c := left("a", "2014-01-01"), left("b", "2015-01-01"), left("c", "2016-01-01")
	c.Village = "v2"
	cov, err := m.Coverage(children.Default(), children.Snapshot{On: poverty.MustParseDate("2024-09-01"), Children: []children.Child{a, b, c}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range cov.Served {
		fmt.Printf("%-16s %d of %d (%s)\n", s.Service, s.Children, cov.LeftBehind, s.Share.Percent())
	}
	fmt.Println("without a child director:", cov.VillagesWithoutDirector, cov.LeftBehindWithoutDirector, "children")
	// Output:
	// children_home    2 of 3 (66.6667%)
	// activity_centre  0 of 3 (0%)
	// child_director   2 of 3 (66.6667%)
	// child_supervisor 3 of 3 (100%)
	// without a child director: [{510823 t1 v2}] 1 children
}

func ExampleRules_Summarize() {
	reg := children.Snapshot{On: poverty.MustParseDate("2018-08-31")}
	for i, born := range []string{"2015-01-01", "2009-06-01", "2001-01-01", "2000-02-01"} {
		c := left(fmt.Sprint("k", i), born)
		if i == 1 {
			c.Guardian.Kind = children.OtherRelative
		}
		reg.Children = append(reg.Children, c)
	}
	f, err := children.Default().Summarize(reg)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("by status:", f.ByStatus)
	fmt.Println("left-behind by age band:", f.LeftBehind.ByAgeBand)
	fmt.Println("cared for by grandparents:", f.LeftBehind.GrandparentShare.Percent())
	fmt.Println("ACWF (older definition, reported apart):", f.ACWF)
	// Output:
	// by status: map[none:2 left_behind:2]
	// left-behind by age band: map[0-5:1 6-13:1]
	// cared for by grandparents: 50%
	// ACWF (older definition, reported apart): 3
}

func ExampleChangeOf() {
	// 9.02 million left-behind children in 2016, 6.97 million in August 2018.
	c, err := children.ChangeOf(9_020_000, 6_970_000, poverty.Percent/10, poverty.RoundHalfUp)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Diff, c.Rate.Percent())
	// Output:
	// -2050000 -22.7%
}

func ExampleNewDecoder() {
	in := `{"id":"a","id_number":"440106200803150021","county":"440106","hukou":"rural","father":{"situation":"deceased"},"mother":{"situation":"seriously_ill"},"school":"senior_secondary"}
{"id":"b","id_number":"440106200803150022","hukou":"rural","father":{"situation":"at_home"},"mother":{"situation":"at_home"}}
`
	dec := children.NewDecoder(strings.NewReader(in))
	for {
		var c children.Child
		err := dec.Next(&c)
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			continue
		}
		cl, _ := children.Default().Classify(&c, poverty.MustParseDate("2026-09-01"))
		fmt.Println(c.ID, c.IDNumber, c.Born(), cl.Age, cl.Status())
	}
	// Output:
	// a 440106********0021 2008-03-15 18 de_facto_unattended
	// children.Decode: record "line 2 b": field id_number: poverty: parse identity number "440106********0022": invalid resident identity number: check character
}

func ExampleLoadRules() {
	// A caller who knows the day 民发〔2019〕62号 took effect supplies it in
	// a file of the same schema; the embedded scheme stays in History.
	c := children.Child{ID: "x", BirthDate: poverty.MustParseDate("2012-01-01"), Hukou: children.Rural,
		Father: children.Parent{Situation: children.SeverelyDisabled}, Mother: children.Parent{Situation: children.SeriouslyIll}}
	on := poverty.MustParseDate("2019-09-01")
	cl, _ := children.Default().Classify(&c, on)
	fmt.Println("embedded:", cl.Unattended.Outcome)

	own := `{"schema": "fupin.children/2", "vintage": "2026-11-30", "schemes": [{
	  "id": "de_facto_unattended_2019", "kind": "de_facto_unattended", "primary": true,
	  "source": "民发〔2019〕62号 as our county reads it", "status": "SUPPLIED", "scope": "national",
	  "from": "2019-06-18", "under_age": 18,
	  "rural_only": {"value": false, "source": "民发〔2019〕62号", "status": "SUPPLIED", "scope": "national"},
	  "rule": "both_listed_or_one_absent_other_listed",
	  "absent": {"situations": ["deceased", "missing"], "source": "民发〔2019〕62号", "status": "SUPPLIED", "scope": "national"},
	  "listed": [{"situation": "severely_disabled", "source": "民发〔2019〕62号", "status": "SUPPLIED", "scope": "national"},
	             {"situation": "seriously_ill", "source": "民发〔2019〕62号", "status": "SUPPLIED", "scope": "national"}]}]}`
	o, err := children.LoadRules(strings.NewReader(own), "county.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	rules := children.Default().Overlay(o)
	cl, _ = rules.Classify(&c, on)
	fmt.Println("with county.json:", cl.Unattended.Outcome, cl.Unattended.Reasons()[0].Source)
	for _, s := range rules.History("de_facto_unattended_2019") {
		fmt.Println("version:", s.Origin, s.From, s.Label())
	}
	// Output:
	// embedded: undetermined
	// with county.json: yes 民发〔2019〕62号 as our county reads it [SUPPLIED]
	// version: embedded 2019 CONFIRMED (provincial implementation quoting the national text)
	// version: county.json 2019-06-18 SUPPLIED
}

func ExampleScheme_Listing() {
	// The six-month rule for lost contact is a provincial rule of Guangdong
	// and Fujian; elsewhere the library applies a DEFAULT that follows them.
	s, _ := children.Default().Primary(children.Unattended)
	for _, r := range []poverty.Region{44, 35, 43} {
		l, _ := s.Listing(children.LostContact, r)
		m := l.MinMonths[0] // the one minimum that applies in r
		fmt.Println(r, m.Value, m.Label())
	}
	// Output:
	// 44 6 LOCAL 44 (provincial)
	// 35 6 LOCAL 35 (provincial)
	// 43 6 DEFAULT
}

func ExampleTally() {
	rules := children.Default()
	t := rules.NewTally(poverty.MustParseDate("2024-09-01"))
	for i := range 10 {
		c := left(fmt.Sprint("k", i), fmt.Sprintf("20%02d-01-01", 6+i))
		if err := t.Add(&c); err != nil {
			fmt.Println(err)
			return
		}
	}
	f := t.Figures()
	fmt.Println(f.Children, f.ByStatus[children.LeftBehind], f.LeftBehind.ByAgeBand)
	// Output:
	// 10 7 map[6-13:5 14-16:2]
}

func ExampleCompareCounts() {
	counts := map[string]children.Count{}
	for _, c := range children.PublishedCounts() {
		counts[c.ID] = c
	}
	c2016, c2018, acwf := counts["mca_2016"], counts["mca_2018_08"], counts["acwf_2010_census"]
	ch, err := children.CompareCounts(c2016, c2018, poverty.Percent/10, poverty.RoundHalfUp)
	fmt.Println(ch.Before, ch.After, ch.Rate.Percent(), err)
	_, err = children.CompareCounts(acwf, c2018, poverty.Percent/10, poverty.RoundHalfUp)
	fmt.Println(err)
	// Output:
	// 9020000 6970000 -22.7% <nil>
	// children.CompareCounts: record "acwf_2010_census vs mca_2018_08": field scheme = "acwf_2008 vs left_behind_2016": fields disagree
}

func ExampleRules_Check_ownThreshold() {
	// A county that follows up after three months without contact sets its
	// own threshold, with its own provenance, in a partial file laid over
	// the defaults.
	c := left("c4", "2014-01-01")
	c.Father.LastContact = poverty.MustParseDate("2024-05-20")
	c.Mother.LastContact = poverty.MustParseDate("2024-05-01")
	on := poverty.MustParseDate("2024-09-01")
	cl, err := children.Default().Classify(&c, on)
	if err != nil {
		fmt.Println(err)
		return
	}
	own, err := children.LoadRules(strings.NewReader(`{"schema": "fupin.children.checks/2", "params": {
	  "no_contact_months": {"value": 3, "source": "county rule (example)", "status": "EXAMPLE", "scope": "national"}}}`), "county.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, rules := range []*children.Rules{children.Default(), children.Default().Overlay(own)} {
		flags, err := rules.Check(&c, &cl)
		if err != nil {
			fmt.Println(err)
			return
		}
		p, _ := rules.Param("no_contact_months")
		fmt.Printf("threshold %d months (%s): %d flag(s)\n", p.Value, p.Label(), len(flags.All()))
		for _, f := range flags.All() {
			fmt.Println(" ", f, "|", f.Source)
		}
	}
	// Output:
	// threshold 6 months (DEFAULT): 0 flag(s)
	// threshold 3 months (EXAMPLE): 1 flag(s)
	//   contact.none: warning, child_director (3 of 3) | county rule (example) [EXAMPLE]
}

func ExampleRules_ParamHistory() {
	own, _ := children.LoadRules(strings.NewReader(`{"schema": "fupin.children.checks/2", "params": {
	  "school_age_under": {"value": 17, "source": "county rule (example)", "status": "EXAMPLE", "scope": "national"}}}`), "county.json")
	rules := children.Default().Overlay(own)
	for _, p := range rules.ParamHistory("school_age_under") {
		fmt.Println(p.Value, p.Label(), p.Origin)
	}
	// Output:
	// 16 SECONDARY embedded
	// 17 EXAMPLE county.json
}

func ExampleRuleFor() {
	r, _ := children.RuleFor("report.child_missing")
	fmt.Println(r.Rule, "|", r.Label())
	fmt.Println(len(children.Codes()), "codes")
	// Output:
	// mandatory report to the police: the child is missing | CONFIRMED
	// 21 codes
}
