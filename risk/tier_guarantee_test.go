package risk_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// Tiers that read guarantees (issue 12, item 3). The Xinjiang scheme
// defines green as 两不愁三保障 secured and red as problems with 三保障 or
// drinking water from a major disaster or serious illness (docs/POLICY.md
// 3.1, CONFIRMED (press)); it names no colour for a guarantee lost without
// such a cause, so the scheme's guarantee_not_secured tier (yellow) is a
// DEFAULT whose note gives the reason.

// relativeWithRule is a scheme relative to the monitoring line with a
// guarantee rule of orange: red below 0.7 of the line, orange below the
// line, yellow to 1.2 of it, green above.
const relativeWithRule = `{"schema":"fupin.risk.tiers/2","schemes":[
 {"id":"rel-g","basis":"relative_to_monitoring_line","tiers":["red","orange","yellow","green"],
  "cuts":[{"value":"0.7","at_cut":"upper"},{"value":"1","at_cut":"upper"},{"value":"1.2","at_cut":"lower"}],
  "severe_guarantee_red":true,
  "guarantee_not_secured":{"tier":"orange","source":"test fixture","status":"EXAMPLE","scope":"national","note":"orange at best"},
  "source":"test fixture","status":"EXAMPLE","scope":"national","from":"2021"},
 {"id":"abs-none","basis":"absolute","concept":"net_income","tiers":["red","yellow","green"],
  "cuts":[{"value":"4000","at_cut":"upper"},{"value":"5000","at_cut":"lower"}],
  "source":"test fixture without a guarantee rule","status":"EXAMPLE","scope":"national","from":"2020"}]}`

func ownSchemes(t testing.TB) risk.Schemes {
	t.Helper()
	ss, err := risk.LoadSchemes(strings.NewReader(relativeWithRule), "own.json")
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

func lookup(t testing.TB, ss risk.Schemes, id string) risk.Scheme {
	t.Helper()
	s, ok := ss.Lookup(id)
	if !ok {
		t.Fatalf("no scheme %s", id)
	}
	return s
}

// with returns all-secured guarantees with the named item in state st.
func with(item string, st poverty.GuaranteeState) *poverty.Guarantees {
	g := poverty.AllSecured()
	switch item {
	case "food":
		g.Food = st
	case "clothing":
		g.Clothing = st
	case "education":
		g.Education = st
	case "medical":
		g.Medical = st
	case "housing":
		g.Housing = st
	case "drinking_water":
		g.DrinkingWater = st
	case "":
	default:
		panic(item)
	}
	return &g
}

var items = []string{"food", "clothing", "education", "medical", "housing", "drinking_water"}

// tierOutcome is what the table compares.
type tierOutcome struct {
	Tier, ByIncome risk.Tier
	Code           string
	Assessed       bool
}

func TestTierGuarantees(t *testing.T) {
	xj := xinjiang(t)
	own := ownSchemes(t)
	rel, none := lookup(t, own, "rel-g"), lookup(t, own, "abs-none")
	line := poverty.Threshold{Kind: poverty.KindMonitoringLine, Year: 2023, Amount: y(8050), Concept: poverty.NetIncome,
		Provenance: poverty.Provenance{Source: "元谋县", Status: poverty.Confirmed, Scope: "53"}}
	const (
		inc = "tier.income"
		gns = "tier.guarantee_not_secured"
		sev = "tier.severe_guarantee_failure"
	)
	type tc struct {
		name   string
		s      *risk.Scheme
		pc     string
		g      *poverty.Guarantees
		severe bool
		want   tierOutcome
		reason []string // substrings of the reason
	}
	var tests []tc
	// Every item, both states that are not secured, just above green's
	// cut-off: yellow at best, never green; the reason names the item and
	// its state and cites the DEFAULT parameter.
	for _, it := range items {
		for _, st := range []poverty.GuaranteeState{poverty.NotSecured, poverty.Unverified} {
			tests = append(tests, tc{it + " " + st.String() + " at 5000.01", &xj, "5000.01", with(it, st), false,
				tierOutcome{risk.Yellow, risk.Green, gns, true},
				[]string{"not secured: " + it + " (" + st.String() + ")", "never green", "yellow at best", "guarantee_not_secured = yellow", "[DEFAULT 65]: yellow is the best colour below green", ", so yellow"}})
		}
		tests = append(tests, tc{it + " not_secured after a severe event", &xj, "8000", with(it, poverty.NotSecured), true,
			tierOutcome{risk.Red, risk.Green, sev, true}, []string{"red whatever the income", "(not secured: " + it + " (not_secured))"}})
	}
	// The income boundaries of the scheme, with housing not secured: the
	// worse of the income tier and yellow.
	for _, b := range []struct {
		pc       string
		byIncome risk.Tier
	}{{"3999.99", risk.Red}, {"4000", risk.Orange}, {"4500", risk.Orange}, {"4500.01", risk.Yellow}, {"5000", risk.Yellow}, {"5000.01", risk.Green}, {"1000000", risk.Green}} {
		want := min(b.byIncome, risk.Yellow)
		reason := ", so yellow"
		if b.byIncome <= risk.Yellow {
			reason = "income's " + b.byIncome.String() + " is not better, so " + b.byIncome.String()
		}
		tests = append(tests,
			tc{"housing not secured at " + b.pc, &xj, b.pc, with("housing", poverty.NotSecured), false, tierOutcome{want, b.byIncome, gns, true}, []string{reason}},
			tc{"secured at " + b.pc, &xj, b.pc, with("", 0), false, tierOutcome{b.byIncome, b.byIncome, inc, true}, []string{"the guarantees and drinking water secured"}},
			tc{"not assessed at " + b.pc, &xj, b.pc, nil, false, tierOutcome{b.byIncome, b.byIncome, inc, false}, nil},
			tc{"severe, not assessed at " + b.pc, &xj, b.pc, nil, true, tierOutcome{risk.Red, b.byIncome, sev, false}, nil},
		)
	}
	zero := poverty.Guarantees{}
	tests = append(tests,
		tc{"nothing verified", &xj, "8000", &zero, false, tierOutcome{risk.Yellow, risk.Green, gns, true},
			[]string{"food (unverified), clothing (unverified), education (unverified), medical (unverified), housing (unverified), drinking_water (unverified)"}},
		tc{"severe with every guarantee secured again", &xj, "8000", with("", 0), true, tierOutcome{risk.Red, risk.Green, sev, true}, nil},
		// A relative scheme whose rule is orange.
		tc{"relative: green by income", &rel, "9660.01", with("drinking_water", poverty.NotSecured), false, tierOutcome{risk.Orange, risk.Green, gns, true}, []string{"never green", "orange at best", "guarantee_not_secured = orange [EXAMPLE]: orange at best"}},
		tc{"relative: yellow at the line", &rel, "8050", with("education", poverty.NotSecured), false, tierOutcome{risk.Orange, risk.Yellow, gns, true}, nil},
		tc{"relative: orange below the line", &rel, "8049.99", with("education", poverty.NotSecured), false, tierOutcome{risk.Orange, risk.Orange, gns, true}, []string{"income's orange is not better"}},
		tc{"relative: red below 0.7", &rel, "5634.99", with("medical", poverty.NotSecured), false, tierOutcome{risk.Red, risk.Red, gns, true}, nil},
		tc{"relative: secured", &rel, "9660.01", with("", 0), false, tierOutcome{risk.Green, risk.Green, inc, true}, nil},
		tc{"relative: not assessed", &rel, "9660.01", nil, false, tierOutcome{risk.Green, risk.Green, inc, false}, nil},
		tc{"relative: severe", &rel, "9660.01", with("housing", poverty.NotSecured), true, tierOutcome{risk.Red, risk.Green, sev, true}, nil},
		// A scheme that states no rule: guarantees are read and named but
		// do not change the tier.
		tc{"no rule: not secured", &none, "5000.01", with("housing", poverty.NotSecured), false, tierOutcome{risk.Green, risk.Green, inc, true},
			[]string{"not secured: housing (not_secured); the scheme states no tier for a guarantee not secured"}},
		tc{"no rule: severe flag without the severe rule", &none, "5000.01", with("housing", poverty.NotSecured), true, tierOutcome{risk.Green, risk.Green, inc, true}, nil},
	)
	for _, tc := range tests {
		t.Run(tc.s.ID+"/"+tc.name, func(t *testing.T) {
			in := risk.TierInput{PerCapita: poverty.Figure{Amount: poverty.MustParseMoney(tc.pc), Concept: poverty.NetIncome}, Line: &line,
				SevereGuaranteeFailure: tc.severe, Guarantees: tc.g}
			res, err := tc.s.Classify(in)
			if err != nil {
				t.Fatal(err)
			}
			got := tierOutcome{res.Tier, res.ByIncome, res.Code, res.Guarantees != nil}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s\nreason: %s", diff, res.Reason)
			}
			for _, sub := range tc.reason {
				if !strings.Contains(res.Reason, sub) {
					t.Errorf("reason %q lacks %q", res.Reason, sub)
				}
			}
			if tc.g != nil {
				if diff := cmp.Diff(tc.g, res.Guarantees); diff != "" {
					t.Errorf("guarantees read (-want +got):\n%s", diff)
				}
				if res.Guarantees == tc.g {
					t.Error("the result shares the caller's guarantees")
				}
			}
			// Not assessed is said, never taken for secured.
			if s := res.String(); strings.HasSuffix(s, "; guarantees not assessed") != (tc.g == nil) {
				t.Errorf("String %q (guarantees %v)", s, tc.g)
			}
			if rule, _ := risk.RuleFor(res.Code); rule.Code != res.Code {
				t.Errorf("code %s is not a rule", res.Code)
			}
			if res.Code == gns && !strings.Contains(res.Source, "; guarantee rule "+tc.s.GuaranteeNotSecured.Cite()) {
				t.Errorf("source %q does not cite the guarantee rule", res.Source)
			}
			// The fast path gives the same tier and code.
			tiering, err := tc.s.Tiering(&line, poverty.NetIncome)
			if err != nil {
				t.Fatal(err)
			}
			tier, code := tiering.TierWithGuarantees(in.PerCapita.Amount, tc.severe, tc.g)
			if tier != res.Tier || code != res.Code {
				t.Errorf("TierWithGuarantees = %s %s; Classify = %s %s", tier, code, res.Tier, res.Code)
			}
			if tc.g == nil && tiering.Tier(in.PerCapita.Amount, tc.severe) != tier {
				t.Errorf("Tier and TierWithGuarantees(nil) differ")
			}
		})
	}
}

// TestGuaranteeRuleLabels pins the labels of the data and why: the colour of
// a guarantee lost without a severe cause is not in the source (DEFAULT,
// with the reason in its note); green as secured and red after a major
// disaster or serious illness are the source's (CONFIRMED (press), 65).
func TestGuaranteeRuleLabels(t *testing.T) {
	r := xinjiang(t).GuaranteeNotSecured
	if r.Tier != risk.Yellow || r.Label() != "DEFAULT 65" || r.From != "2020" || r.To != "2020" ||
		!strings.Contains(r.Source, "POLICY.md 3.1") || !strings.Contains(r.Note, "yellow is the best colour below green") {
		t.Errorf("xinjiang-2020 guarantee_not_secured: %+v", r)
	}
	if err := r.Validate("guarantee_not_secured"); err != nil {
		t.Error(err)
	}
	got := map[string]string{}
	for _, code := range []string{"tier.income", "tier.guarantee_not_secured", "tier.severe_guarantee_failure"} {
		rule, _ := risk.RuleFor(code)
		got[code] = rule.Label()
	}
	want := map[string]string{"tier.income": "DEFAULT", "tier.guarantee_not_secured": "CONFIRMED 65 (press)", "tier.severe_guarantee_failure": "CONFIRMED 65 (press)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rule labels (-want +got):\n%s", diff)
	}
}

func TestLoadSchemesGuaranteeRule(t *testing.T) {
	ok := `{"schema":"fupin.risk.tiers/2","schemes":[{"id":"s","scope":"65","from":"2020","basis":"absolute","concept":"net_income","tiers":["red","yellow","green"],"cuts":[{"value":"4000","at_cut":"upper"},{"value":"5000","at_cut":"lower"}],` +
		`"guarantee_not_secured":{"tier":"yellow","source":"r","status":"DEFAULT","scope":"65","from":"2020"},"status":"LOCAL","source":"test"}]}`
	ss, err := risk.LoadSchemes(strings.NewReader(ok), "ok")
	if err != nil {
		t.Fatalf("valid scheme rejected: %v", err)
	}
	s := lookup(t, ss, "s")
	if s.GuaranteeNotSecured.Tier != risk.Yellow || s.GuaranteeNotSecured.Label() != "DEFAULT 65" {
		t.Errorf("rule %+v", s.GuaranteeNotSecured)
	}
	// A rule without a note is cited by its label alone.
	res, err := s.Classify(risk.TierInput{PerCapita: poverty.Figure{Amount: y(6000), Concept: poverty.NetIncome}, Guarantees: with("food", poverty.NotSecured)})
	if err != nil || res.Tier != risk.Yellow || !strings.HasSuffix(res.Reason, "(parameter guarantee_not_secured = yellow [DEFAULT 65]), so yellow") {
		t.Errorf("%v %s: %s", err, res.Tier, res.Reason)
	}
	for _, st := range []string{"CONFIRMED", "SECONDARY", "LOCAL", "SUPPLIED", "EXAMPLE"} {
		if _, err := risk.LoadSchemes(strings.NewReader(strings.Replace(ok, `"DEFAULT"`, `"`+st+`"`, 1)), "ok"); err != nil {
			t.Errorf("rule status %s rejected: %v", st, err)
		}
	}
	tests := []struct{ name, old, new, field string }{
		{"best tier", `"tier":"yellow"`, `"tier":"green"`, "guarantee_not_secured.tier"},
		{"not a tier of the scheme", `"tier":"yellow"`, `"tier":"orange"`, "guarantee_not_secured.tier"},
		{"no tier", `"tier":"yellow",`, ``, "guarantee_not_secured.tier"},
		{"unknown tier", `"tier":"yellow"`, `"tier":"unknown"`, "guarantee_not_secured.tier"},
		{"empty rule", `{"tier":"yellow","source":"r","status":"DEFAULT","scope":"65","from":"2020"}`, `{}`, "guarantee_not_secured.tier"},
		{"no source", `"source":"r",`, ``, "guarantee_not_secured.source"},
		{"no status", `"status":"DEFAULT",`, ``, "guarantee_not_secured.status"},
		{"unconfirmed", `"DEFAULT"`, `"UNCONFIRMED"`, "guarantee_not_secured.status"},
		{"no scope", `"scope":"65","from":"2020"},`, `"from":"2020"},`, "scope"},
		{"period reversed", `"from":"2020"},`, `"from":"2020","to":"2019"},`, "to"},
		{"unknown member", `"tier":"yellow"`, `"tier":"yellow","colour":"x"`, "file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := strings.Replace(ok, tc.old, tc.new, 1)
			if in == ok {
				t.Fatal("fixture unchanged")
			}
			_, err := risk.LoadSchemes(strings.NewReader(in), "bad")
			var fe *poverty.FieldError
			if !errors.As(err, &fe) || fe.Op != "risk.LoadSchemes" {
				t.Fatalf("error %v, want *poverty.FieldError of risk.LoadSchemes", err)
			}
			if tc.field != "file" && !strings.Contains(err.Error(), "field "+tc.field) {
				t.Errorf("error %v does not name field %s", err, tc.field)
			}
		})
	}
	gap := `{"schema":"fupin.risk.tiers/2","schemes":[{"id":"gap","scope":"65","status":"UNCONFIRMED","source":"s","guarantee_not_secured":{"tier":"yellow","source":"r","status":"DEFAULT","scope":"65"}}]}`
	if _, err := risk.LoadSchemes(strings.NewReader(gap), "gap"); !errors.Is(err, poverty.ErrUnconfirmed) {
		t.Errorf("a gap scheme with a guarantee rule: %v", err)
	}
	// A scheme without the rule, or with "null", has none.
	for _, doc := range []string{strings.Replace(ok, `"guarantee_not_secured":{"tier":"yellow","source":"r","status":"DEFAULT","scope":"65","from":"2020"},`, ``, 1),
		strings.Replace(ok, `{"tier":"yellow","source":"r","status":"DEFAULT","scope":"65","from":"2020"}`, `null`, 1)} {
		ss, err := risk.LoadSchemes(strings.NewReader(doc), "none")
		if err != nil {
			t.Fatal(err)
		}
		if s := lookup(t, ss, "s"); !s.GuaranteeNotSecured.IsZero() {
			t.Errorf("rule %+v from %s", s.GuaranteeNotSecured, doc)
		}
	}
}

// TestGuaranteeRuleOverlay: a caller's scheme file replaces the embedded
// rule through the overlay (a province that settles the colour), and the
// embedded version stays in the history.
func TestGuaranteeRuleOverlay(t *testing.T) {
	raw := mustRead(t, "data/tiers.json")
	own := bytes.Replace(raw, []byte(`"tier": "yellow"`), []byte(`"tier": "orange"`), 1)
	own = bytes.Replace(own, []byte(`"status": "DEFAULT"`), []byte(`"status": "SUPPLIED"`), 1)
	if bytes.Equal(own, raw) {
		t.Fatal("fixture unchanged")
	}
	o, err := risk.LoadSchemes(bytes.NewReader(own), "province.json")
	if err != nil {
		t.Fatal(err)
	}
	ss := risk.DefaultSchemes().Overlay(o)
	s, _ := ss.For(poverty.MustParseRegion("65"), 2020)
	if s.GuaranteeNotSecured.Tier != risk.Orange || s.GuaranteeNotSecured.Label() != "SUPPLIED 65" || s.Origin != "province.json" {
		t.Fatalf("overlaid rule %+v from %s", s.GuaranteeNotSecured, s.Origin)
	}
	res, err := s.Classify(risk.TierInput{PerCapita: poverty.Figure{Amount: y(6000), Concept: poverty.NetIncome}, Guarantees: with("housing", poverty.NotSecured)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Tier != risk.Orange || !strings.Contains(res.Reason, "[SUPPLIED 65]") {
		t.Errorf("%s: %s", res.Tier, res.Reason)
	}
	h := ss.History("xinjiang-2020")
	if len(h) != 2 || h[0].GuaranteeNotSecured.Tier != risk.Yellow || h[1].GuaranteeNotSecured.Tier != risk.Orange {
		t.Errorf("history %+v", h)
	}
}

// TestTierGuaranteesMonotonic: with the same guarantees and events, more
// income never gives a worse tier, and a household with a guarantee not
// secured is never in a better tier than the same household secured, nor
// ever green.
func TestTierGuaranteesMonotonic(t *testing.T) {
	line := poverty.Threshold{Amount: y(8050), Concept: poverty.NetIncome}
	rng := rand.New(rand.NewPCG(12, 3))
	xj := xinjiang(t)
	rel := lookup(t, ownSchemes(t), "rel-g")
	for _, s := range []*risk.Scheme{&xj, &rel} {
		tiering, err := s.Tiering(&line, poverty.NetIncome)
		if err != nil {
			t.Fatal(err)
		}
		for range 5000 {
			g := randomGuarantees(rng)
			severe := rng.IntN(4) == 0
			a := poverty.Money(rng.Int64N(int64(y(20000))))
			b := a + poverty.Money(rng.Int64N(int64(y(3000))))
			ta, _ := tiering.TierWithGuarantees(a, severe, &g)
			tb, _ := tiering.TierWithGuarantees(b, severe, &g)
			if tb < ta {
				t.Fatalf("%s: %s gives %s, more income %s gives %s (%+v, severe %t)", s.ID, a, ta, b, tb, g, severe)
			}
			secured, _ := tiering.TierWithGuarantees(a, severe, with("", 0))
			if ta > secured {
				t.Fatalf("%s: %s with %+v gives %s, better than secured %s", s.ID, a, g, ta, secured)
			}
			if g != poverty.AllSecured() && ta == risk.Green {
				t.Fatalf("%s: %s with %+v is green", s.ID, a, g)
			}
		}
	}
}

func randomGuarantees(rng *rand.Rand) poverty.Guarantees {
	st := func() poverty.GuaranteeState {
		if rng.IntN(3) > 0 {
			return poverty.Secured
		}
		return poverty.GuaranteeState(rng.IntN(3))
	}
	return poverty.Guarantees{Food: st(), Clothing: st(), Education: st(), Medical: st(), Housing: st(), DrinkingWater: st()}
}

// TestTierResultJSON: a result marshals and unmarshals to the same value,
// guarantees read or not ("guarantees": null).
func TestTierResultJSON(t *testing.T) {
	xj := xinjiang(t)
	for _, g := range []*poverty.Guarantees{nil, with("", 0), with("housing", poverty.NotSecured), {}} {
		res, err := xj.Classify(risk.TierInput{PerCapita: poverty.Figure{Amount: y(8000), Concept: poverty.NetIncome}, Guarantees: g})
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		if (g == nil) != bytes.Contains(b, []byte(`"guarantees":null`)) {
			t.Errorf("not assessed is not null: %s", b)
		}
		var back risk.TierResult
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(res, back); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
	}
}

// TestTieringWithGuaranteesNoAllocs: the fast path stays allocation-free
// with guarantees.
func TestTieringWithGuaranteesNoAllocs(t *testing.T) {
	s := xinjiang(t)
	tiering, err := s.Tiering(nil, poverty.NetIncome)
	if err != nil {
		t.Fatal(err)
	}
	g := with("housing", poverty.NotSecured)
	if n := testing.AllocsPerRun(200, func() { sinkTier, _ = tiering.TierWithGuarantees(y(6000), false, g) }); n != 0 {
		t.Errorf("TierWithGuarantees allocates %v times", n)
	}
	var zero risk.Tiering
	if tier, code := zero.TierWithGuarantees(y(6000), true, g); tier != risk.TierUnknown || code != "" {
		t.Errorf("the zero Tiering gives %s %q", tier, code)
	}
}

// BenchmarkTieringTierWithGuarantees tiers one income with guarantees, one
// of them not secured, with a Tiering resolved once.
func BenchmarkTieringTierWithGuarantees(b *testing.B) {
	s, _ := risk.DefaultSchemes().Lookup("xinjiang-2020")
	t, err := s.Tiering(nil, s.Concept)
	if err != nil {
		b.Fatal(err)
	}
	g := with("housing", poverty.NotSecured)
	b.ReportAllocs()
	for b.Loop() {
		sinkTier, _ = t.TierWithGuarantees(poverty.YuanAmount(6000), false, g)
	}
}

// FuzzTierGuarantees: for the embedded scheme and the test schemes, any
// income, guarantees and severe flag, Classify and the fast path agree on
// tier and code, a guarantee not secured under a rule is never the best
// tier, guarantees not assessed are said, and the result survives a JSON
// round trip. (FuzzLoadSchemes fuzzes the loader, a guarantee rule
// included.)
func FuzzTierGuarantees(f *testing.F) {
	f.Add(uint8(1), int64(966001), uint16(0b01_00_00_00_00_00), false, true)
	f.Add(uint8(0), int64(500001), uint16(0b01_01_01_01_10_01), false, true)
	f.Add(uint8(0), int64(800000), uint16(0), true, false)
	line := poverty.Threshold{Amount: y(8050), Concept: poverty.NetIncome}
	schemes := append(risk.DefaultSchemes().All(), ownSchemes(f).All()...)
	f.Fuzz(func(t *testing.T, which uint8, pc int64, states uint16, severe, assessed bool) {
		s := &schemes[int(which)%len(schemes)]
		var g *poverty.Guarantees
		if assessed {
			st := func(i int) poverty.GuaranteeState { return poverty.GuaranteeState((states >> (2 * i)) % 3) }
			g = &poverty.Guarantees{Food: st(5), Clothing: st(4), Education: st(3), Medical: st(2), Housing: st(1), DrinkingWater: st(0)}
		}
		in := risk.TierInput{PerCapita: poverty.Figure{Amount: poverty.Money(pc), Concept: poverty.NetIncome}, Line: &line, SevereGuaranteeFailure: severe, Guarantees: g}
		res, err := s.Classify(in)
		if err != nil {
			return // an income beyond the range of money
		}
		tiering, err := s.Tiering(&line, poverty.NetIncome)
		if err != nil {
			t.Fatalf("%s: Classify accepts, Tiering refuses: %v", s.ID, err)
		}
		if tier, code := tiering.TierWithGuarantees(in.PerCapita.Amount, severe, g); tier != res.Tier || code != res.Code {
			t.Fatalf("%s: TierWithGuarantees %s %s; Classify %s %s", s.ID, tier, code, res.Tier, res.Code)
		}
		if g != nil && *g != poverty.AllSecured() && !s.GuaranteeNotSecured.IsZero() && res.Tier == s.Tiers[len(s.Tiers)-1] {
			t.Fatalf("%s: %+v not secured gives the best tier %s", s.ID, *g, res.Tier)
		}
		if (res.Guarantees == nil) != (g == nil) || strings.HasSuffix(res.String(), "; guarantees not assessed") != (g == nil) {
			t.Fatalf("%s: guarantees read %v, given %v: %s", s.ID, res.Guarantees, g, res)
		}
		b, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		var back risk.TierResult
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(res, back); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}
