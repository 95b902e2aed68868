package risk

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/openfupin/fupin/internal/enum"
	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/internal/paramfile"
	"github.com/openfupin/fupin/poverty"
)

// SchemeBasis says what a tier scheme's cut-offs are measured in. The zero
// value is unset and invalid (it marshals as "unknown").
type SchemeBasis uint8

// Scheme bases.
const (
	// Absolute: cut-offs are yuan per person per year ([Cut.Amount]).
	Absolute SchemeBasis = iota + 1
	// RelativeToLine: cut-offs are multiples of the monitoring line of the
	// household's province and year ([Cut.Multiple]), resolved to yuan
	// rounded half up to whole fen.
	RelativeToLine
)

var schemeBasisWords = enum.New[SchemeBasis](parseErr, "unknown", "absolute", "relative_to_monitoring_line")

// String returns "absolute" or "relative_to_monitoring_line".
func (b SchemeBasis) String() string { return schemeBasisWords.String(b, "SchemeBasis") }

// MarshalText implements [encoding.TextMarshaler].
func (b SchemeBasis) MarshalText() ([]byte, error) {
	return schemeBasisWords.Marshal(b, "scheme basis")
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (b *SchemeBasis) UnmarshalText(t []byte) error {
	i, err := schemeBasisWords.Parse(t, "scheme basis")
	*b = i
	return err
}

// Side says to which band an income exactly at a cut-off belongs. The
// sources rarely settle it, so every cut-off states it. The zero value is
// unset and invalid (it marshals as "unset").
type Side uint8

// Sides.
const (
	// Upper: an income equal to the cut-off belongs to the better band above.
	Upper Side = iota + 1
	// Lower: an income equal to the cut-off stays in the worse band below.
	Lower
)

var sideWords = enum.New[Side](parseErr, "unset", "upper", "lower")

// String returns "upper" or "lower".
func (s Side) String() string { return sideWords.String(s, "Side") }

// MarshalText implements [encoding.TextMarshaler].
func (s Side) MarshalText() ([]byte, error) { return sideWords.Marshal(s, "side") }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Side) UnmarshalText(b []byte) error {
	i, err := sideWords.Parse(b, "side")
	*s = i
	return err
}

// Cut is one cut-off between two bands of a [Scheme]: an amount (absolute
// schemes) or a multiple of the monitoring line (relative schemes), with the
// band an income exactly at it belongs to. The zero Cut has no side and
// fails [Scheme.Validate].
type Cut struct {
	Amount   poverty.Money `json:"amount,omitempty"`
	Multiple poverty.Rate  `json:"multiple,omitempty"`
	AtCut    Side          `json:"at_cut"`
	Note     string        `json:"note,omitempty"`
}

// Scheme is a colour-tier scheme: bands of per-capita annual income from
// worst to best, separated by cut-offs in ascending order, each with an
// explicit boundary side. With SevereGuaranteeRed, a household whose
// guarantee failed after a severe event is shown in the worst tier
// whatever its income (the Xinjiang rule). With a GuaranteeNotSecured
// rule, a household with a guarantee or drinking water not secured
// ([poverty.Guarantees]) is never in the best tier: it takes the rule's
// tier, or its income tier when that is worse.
//
// A scheme carries its provenance (embedded: s.Source, s.Status, s.Scope,
// s.From, s.To ...): its Scope is the region it is for and From/To the
// period it applies to. Schemes are data: [DefaultSchemes] holds the
// reference scheme (Xinjiang 2020); [LoadSchemes] reads a caller's own in
// the same schema. Because Tiers are ordered worst to best and a higher
// income passes at least the cut-offs a lower one passes, more income never
// gives a worse tier.
//
// The zero Scheme is invalid ([Scheme.Validate]).
type Scheme struct {
	ID                 string                `json:"id"`
	Name               string                `json:"name"`
	Basis              SchemeBasis           `json:"basis"`
	Concept            poverty.IncomeConcept `json:"concept"` // absolute schemes: the concept of the cut-offs
	Tiers              []Tier                `json:"tiers"`
	Cuts               []Cut                 `json:"cuts"`
	SevereGuaranteeRed bool                  `json:"severe_guarantee_red"`
	// GuaranteeNotSecured is the tier of a household with a guarantee not
	// secured and no severe event behind it; the zero rule: the scheme
	// states none, and guarantees do not change its tiers.
	GuaranteeNotSecured GuaranteeRule `json:"guarantee_not_secured,omitzero"`
	poverty.Provenance
	Origin string `json:"origin,omitempty"` // "embedded", or the name given to [LoadSchemes]
}

// GuaranteeRule is a scheme's rule for a household with an item of
// [poverty.Guarantees] (两不愁三保障 or safe drinking water) not secured
// when no severe event caused the loss (a severe event is
// [Scheme].SevereGuaranteeRed's): the household is never in the scheme's
// best tier, and is shown in Tier at best. Unverified items count as not
// secured (green means verified secured, as for [poverty.ExitTest]).
//
// The rule carries its own provenance (embedded: r.Source, r.Status,
// r.Scope ...), because a source may define the best tier by the
// guarantees without saying which tier a household without them takes: the
// embedded Xinjiang 2020 rule is then a DEFAULT whose note gives the
// reason. The zero GuaranteeRule is no rule.
type GuaranteeRule struct {
	Tier Tier `json:"tier"`
	poverty.Provenance
}

// IsZero reports whether the rule is absent: no tier and no provenance.
func (r GuaranteeRule) IsZero() bool { return r == GuaranteeRule{} }

func (s Scheme) clone() Scheme {
	s.Tiers, s.Cuts = slices.Clone(s.Tiers), slices.Clone(s.Cuts)
	return s
}

// Validate checks the scheme: an ID, a complete provenance
// ([poverty.Provenance.Validate]: source, status, scope, period), a basis,
// a concept for absolute schemes, at least two tiers in strictly improving
// order, one cut-off fewer than tiers, cut-offs strictly ascending and
// positive, each with a side. An UNCONFIRMED scheme records a gap: it has
// an ID and a provenance but no tiers or cut-offs, and classifies nothing.
//
// Errors are *[poverty.FieldError] with Op "risk.Scheme.Validate".
func (s *Scheme) Validate() error {
	const op = "risk.Scheme.Validate"
	if s.Status == poverty.Unconfirmed {
		if s.ID == "" {
			return &poverty.FieldError{Op: op, Record: "scheme", Field: "id", Err: poverty.ErrMissing}
		}
		if len(s.Tiers) != 0 || len(s.Cuts) != 0 {
			return &poverty.FieldError{Op: op, Record: "scheme " + s.ID, Field: "cuts", Err: fmt.Errorf("%w: an UNCONFIRMED scheme has no tiers or cut-offs", poverty.ErrUnconfirmed)}
		}
		if !s.GuaranteeNotSecured.IsZero() {
			return &poverty.FieldError{Op: op, Record: "scheme " + s.ID, Field: "guarantee_not_secured", Err: fmt.Errorf("%w: an UNCONFIRMED scheme has no guarantee rule", poverty.ErrUnconfirmed)}
		}
		return withOp(op, s.Provenance.Validate("scheme "+s.ID))
	}
	if err := s.validateShape(op); err != nil {
		return err
	}
	if err := withOp(op, s.Provenance.Validate("scheme "+s.ID)); err != nil {
		return err
	}
	if s.GuaranteeNotSecured.IsZero() {
		return nil
	}
	return withOp(op, s.GuaranteeNotSecured.Provenance.Validate("scheme "+s.ID+" guarantee_not_secured"))
}

// validateShape is Validate without the period bounds, which cost
// allocations: the check of [Scheme.Classify] and [Scheme.Tiering].
func (s *Scheme) validateShape(op string) error {
	fail := func(field, value string, err error) error {
		return &poverty.FieldError{Op: op, Record: "scheme " + s.ID, Field: field, Value: value, Err: err}
	}
	switch {
	case s.ID == "":
		return fail("id", "", poverty.ErrMissing)
	case s.Source == "":
		return fail("source", "", poverty.ErrMissing)
	case s.Status == poverty.SourceUnset || s.Status > poverty.Example:
		return fail("status", "", poverty.ErrMissing)
	case s.Status == poverty.Unconfirmed:
		return fail("status", s.Status.String(), poverty.ErrUnconfirmed)
	case s.Basis != Absolute && s.Basis != RelativeToLine:
		return fail("basis", s.Basis.String(), poverty.ErrMissing)
	case s.Basis == Absolute && s.Concept == poverty.ConceptUnknown:
		return fail("concept", "", poverty.ErrMissing)
	case len(s.Tiers) < 2 || len(s.Cuts) != len(s.Tiers)-1:
		return fail("cuts", strconv.Itoa(len(s.Cuts)), fmt.Errorf("%w: %d tiers need %d cut-offs", poverty.ErrRange, len(s.Tiers), max(len(s.Tiers)-1, 1)))
	}
	for i, t := range s.Tiers {
		if t == TierUnknown || t >= numTiers || (i > 0 && t <= s.Tiers[i-1]) {
			return fail("tiers["+strconv.Itoa(i)+"]", t.String(), fmt.Errorf("%w: tiers go from worst to best, each once", poverty.ErrRange))
		}
	}
	for i, c := range s.Cuts {
		f := "cuts[" + strconv.Itoa(i) + "]"
		v, prev := c.Amount, poverty.Money(0)
		if s.Basis == RelativeToLine {
			v, prev = poverty.Money(c.Multiple), 0
			if c.Amount != 0 {
				return fail(f+".amount", c.Amount.String(), poverty.ErrSyntax)
			}
		} else if c.Multiple != 0 {
			return fail(f+".multiple", c.Multiple.String(), poverty.ErrSyntax)
		}
		if i > 0 {
			prev = s.Cuts[i-1].Amount
			if s.Basis == RelativeToLine {
				prev = poverty.Money(s.Cuts[i-1].Multiple)
			}
		}
		if v <= 0 || v <= prev || v > poverty.MaxAmount {
			return fail(f+".value", strconv.FormatInt(int64(v), 10), fmt.Errorf("%w: cut-offs are positive and strictly ascending", poverty.ErrRange))
		}
		if c.AtCut != Upper && c.AtCut != Lower {
			return fail(f+".at_cut", c.AtCut.String(), poverty.ErrMissing)
		}
	}
	if g := &s.GuaranteeNotSecured; !g.IsZero() {
		switch {
		case g.Tier == TierUnknown:
			return fail("guarantee_not_secured.tier", "", poverty.ErrMissing)
		case !slices.Contains(s.Tiers[:len(s.Tiers)-1], g.Tier):
			return fail("guarantee_not_secured.tier", g.Tier.String(), fmt.Errorf("%w: one of the scheme's tiers other than its best (%s)", poverty.ErrRange, s.Tiers[len(s.Tiers)-1]))
		case g.Source == "":
			return fail("guarantee_not_secured.source", "", poverty.ErrMissing)
		case g.Status == poverty.SourceUnset || g.Status > poverty.Example:
			return fail("guarantee_not_secured.status", "", poverty.ErrMissing)
		case g.Status == poverty.Unconfirmed:
			return fail("guarantee_not_secured.status", g.Status.String(), poverty.ErrUnconfirmed)
		}
	}
	return nil
}

// TierInput is what [Scheme.Classify] reads. Line is required for schemes
// relative to the monitoring line and ignored otherwise. The zero TierInput
// is an income of zero in an unknown concept, which no scheme accepts.
type TierInput struct {
	PerCapita poverty.Figure
	Line      *poverty.Threshold
	// SevereGuaranteeFailure: a guarantee failed after a severe event; see
	// [Assessment].SevereGuaranteeFailure.
	SevereGuaranteeFailure bool
	// Guarantees are the household's two assurances and three guarantees
	// and drinking water as verified. Nil means not assessed: the tier then
	// reads income (and SevereGuaranteeFailure) only, and the result says
	// so ([TierResult].Guarantees is nil); it never counts as secured.
	Guarantees *poverty.Guarantees
}

// TierResult is the tier a scheme gives, with what decided it:
// [TierResult.String] in one line, Reason in full. The zero TierResult is
// TierUnknown.
type TierResult struct {
	Scheme    string         `json:"scheme"`
	Tier      Tier           `json:"tier"`
	ByIncome  Tier           `json:"by_income"` // the tier income alone gives
	PerCapita poverty.Figure `json:"per_capita"`
	// Cuts are the cut-offs in yuan as applied (resolved from the line for
	// relative schemes).
	Cuts []poverty.Money `json:"cuts"`
	// Code is "tier.income", "tier.guarantee_not_secured" (an item of
	// Guarantees not secured, under the scheme's [GuaranteeRule]) or
	// "tier.severe_guarantee_failure".
	Code   string `json:"code"`
	Reason string `json:"reason"`
	Source string `json:"source"`
	// Guarantees are the guarantees the tier read ([TierInput].Guarantees);
	// nil ("guarantees": null) when they were not assessed.
	Guarantees *poverty.Guarantees `json:"guarantees"`
}

// String returns the result in one line: the code, the tier and the income
// with the cut-offs it was compared with, such as "tier.income orange:
// 4000.00 net_income against 4000.00, 4500.00, 5000.00 (xinjiang-2020)",
// followed by "; guarantees not assessed" when Guarantees is nil.
func (r TierResult) String() string {
	s := r.Code + " " + r.Tier.String() + ": " + r.PerCapita.String() + " against "
	for i, c := range r.Cuts {
		if i > 0 {
			s += ", "
		}
		s += c.String()
	}
	s += " (" + r.Scheme + ")"
	if r.Guarantees == nil {
		s += "; guarantees not assessed"
	}
	return s
}

// Reason codes of the tier rules.
const (
	codeTierIncome     = "tier.income"
	codeTierGuarantee  = "tier.guarantee_not_secured"
	codeTierSevereLost = "tier.severe_guarantee_failure"
)

// allSecured is the guarantees with every item verified secured.
var allSecured = poverty.AllSecured()

// notSecured lists the items of g not secured with their state, such as
// "housing (not_secured), drinking_water (unverified)".
func notSecured(g *poverty.Guarantees) string {
	var b strings.Builder
	for _, it := range g.Items() {
		if it.State == poverty.Secured {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(it.Name + " (" + it.State.String() + ")")
	}
	return b.String()
}

// Classify returns the household's tier with its reasons. Income of a
// concept different from the scheme's (or the line's) is
// [poverty.ErrConceptMismatch]; a relative scheme without a line is
// [poverty.ErrMissing]; errors are *[poverty.FieldError] with Op
// "risk.Scheme.Classify". To classify many incomes against one line
// without allocating, resolve the scheme once with [Scheme.Tiering].
func (s *Scheme) Classify(in TierInput) (TierResult, error) {
	var cuts [maxCuts]poverty.Money
	idx, n, err := s.decide("risk.Scheme.Classify", in, &cuts)
	if err != nil {
		return TierResult{}, err
	}
	res := TierResult{Scheme: s.ID, PerCapita: in.PerCapita, Source: s.Cite(),
		Cuts: append([]poverty.Money(nil), cuts[:n]...)}
	if s.Basis == RelativeToLine {
		res.Source += "; line " + in.Line.Cite()
	}
	var why []string
	for i, v := range res.Cuts {
		if in.PerCapita.Amount == v {
			c := s.Cuts[i]
			why = append(why, fmt.Sprintf("exactly at cut-off %s: %s band (%s)", v, c.AtCut, c.Note))
		}
	}
	res.ByIncome = s.Tiers[idx]
	res.Tier, res.Code = res.ByIncome, codeTierIncome
	words := make([]string, len(res.Cuts))
	for i, v := range res.Cuts {
		words[i] = v.String()
	}
	res.Reason = fmt.Sprintf("per-capita income %s against cut-offs %s gives %s", in.PerCapita, strings.Join(words, ", "), res.ByIncome)
	if len(why) > 0 {
		res.Reason += "; " + strings.Join(why, "; ")
	}
	var lost string // the items not secured, when guarantees were assessed
	if in.Guarantees != nil {
		g := *in.Guarantees
		res.Guarantees = &g
		if g != allSecured {
			lost = notSecured(&g)
		}
	}
	rule := &s.GuaranteeNotSecured
	switch {
	case s.SevereGuaranteeRed && in.SevereGuaranteeFailure:
		res.Tier, res.Code = s.Tiers[0], codeTierSevereLost
		res.Reason += fmt.Sprintf("; a guarantee failed after a severe event (special causes such as a major natural disaster or serious illness): %s whatever the income", res.Tier)
		if lost != "" {
			res.Reason += " (not secured: " + lost + ")"
		}
	case lost != "" && !rule.IsZero():
		res.Code = codeTierGuarantee
		best := s.Tiers[len(s.Tiers)-1]
		param := "parameter guarantee_not_secured = " + rule.Tier.String() + " [" + rule.Label() + "]"
		if rule.Note != "" {
			param += ": " + rule.Note
		}
		res.Reason += fmt.Sprintf("; not secured: %s: never %s with a guarantee not secured; with no severe event behind it, %s at best (%s)",
			lost, best, rule.Tier, param)
		if rule.Tier < res.ByIncome {
			res.Tier = rule.Tier
			res.Reason += ", so " + res.Tier.String()
		} else {
			res.Reason += "; income's " + res.ByIncome.String() + " is not better, so " + res.ByIncome.String()
		}
		res.Source += "; guarantee rule " + rule.Cite()
	case lost != "":
		res.Reason += "; not secured: " + lost + "; the scheme states no tier for a guarantee not secured, so the tier is by income"
	case in.Guarantees != nil:
		res.Reason += "; the guarantees and drinking water secured"
	}
	return res, nil
}

// maxCuts bounds the cut-offs of a scheme: one fewer than the tiers.
const maxCuts = int(numTiers)

// decide validates the scheme and the input, resolves the cut-offs into
// cuts (n of them) and returns the index of the tier the income falls in.
func (s *Scheme) decide(op string, in TierInput, cuts *[maxCuts]poverty.Money) (idx, n int, err error) {
	if err := s.resolve(op, in.Line, in.PerCapita.Concept, cuts); err != nil {
		return 0, 0, err
	}
	pc := in.PerCapita.Amount
	for i, c := range s.Cuts {
		if idx == i && (pc > cuts[i] || (pc == cuts[i] && c.AtCut == Upper)) {
			idx = i + 1
		}
	}
	return idx, len(s.Cuts), nil
}

// resolve validates the scheme, the line (relative schemes) and the income
// concept against the scheme's or the line's, and resolves the cut-offs in
// yuan into cuts.
func (s *Scheme) resolve(op string, line *poverty.Threshold, concept poverty.IncomeConcept, cuts *[maxCuts]poverty.Money) error {
	if err := s.validateShape(op); err != nil {
		return err
	}
	// The income is compared with the scheme's cut-offs in the scheme's
	// concept, or, for a relative scheme, with the line under the line's
	// concept policy ([poverty.Threshold.Compare]).
	var err error
	ref := s.Concept
	if s.Basis == RelativeToLine {
		if line == nil {
			return &poverty.FieldError{Op: op, Record: "scheme " + s.ID, Field: "line", Err: poverty.ErrMissing}
		}
		ref = line.Concept
		_, err = line.Compare(poverty.Figure{Concept: concept})
	} else {
		_, err = (poverty.Figure{Concept: concept}).Compare(poverty.Figure{Concept: s.Concept})
	}
	if err != nil {
		return &poverty.FieldError{Op: op, Record: "scheme " + s.ID, Field: "concept",
			Value: concept.String() + " vs " + ref.String(), Err: err}
	}
	for i, c := range s.Cuts {
		v := c.Amount
		if s.Basis == RelativeToLine {
			var err error
			if v, err = line.Amount.MulRate(c.Multiple, poverty.RoundHalfUp); err != nil {
				return &poverty.FieldError{Op: op, Record: "scheme " + s.ID, Field: "line", Err: err}
			}
		}
		cuts[i] = v
	}
	return nil
}

// Tiering is a [Scheme] resolved once for a monitoring line and an income
// concept ([Scheme.Tiering]): its cut-offs in yuan, ready to tier many
// incomes without validation or allocation, the fast path of batch
// programs. It is a small value that holds no pointer to the scheme.
//
// The zero Tiering has no tiers: it gives TierUnknown for every income.
type Tiering struct {
	cuts      [maxCuts]poverty.Money
	upper     [maxCuts]bool // an income at cuts[i] belongs to the band above
	tiers     [maxCuts + 1]Tier
	n         int // number of cut-offs
	severeRed bool
	gTier     Tier // the GuaranteeNotSecured tier; TierUnknown: no rule
}

// Tiering validates the scheme, the line and the income concept once and
// returns the scheme resolved for them, whose [Tiering.Tier] gives exactly
// the tier [Scheme.Classify] gives for an income of that concept. The line
// is required for schemes relative to the monitoring line and ignored
// otherwise; concept is the concept of the incomes to tier, which must be
// comparable with the scheme's (absolute schemes) or the line's
// ([poverty.ErrConceptMismatch] otherwise). Errors are *[poverty.FieldError]
// with Op "risk.Scheme.Tiering", as Classify reports them.
func (s *Scheme) Tiering(line *poverty.Threshold, concept poverty.IncomeConcept) (Tiering, error) {
	var t Tiering
	if err := s.resolve("risk.Scheme.Tiering", line, concept, &t.cuts); err != nil {
		return Tiering{}, err
	}
	t.n = len(s.Cuts)
	for i, c := range s.Cuts {
		t.upper[i] = c.AtCut == Upper
	}
	copy(t.tiers[:], s.Tiers)
	t.severeRed = s.SevereGuaranteeRed
	t.gTier = s.GuaranteeNotSecured.Tier
	return t, nil
}

// Tier returns the tier of a per-capita income (in the concept the Tiering
// was resolved for), and the worst tier when severeGuaranteeFailure is set
// and the scheme has the severe-guarantee rule: the Tier of the
// [TierResult] that [Scheme.Classify] returns for guarantees not assessed
// (a nil [TierInput].Guarantees). With the household's guarantees, use
// [Tiering.TierWithGuarantees]. It does not allocate.
func (t *Tiering) Tier(perCapita poverty.Money, severeGuaranteeFailure bool) Tier {
	if severeGuaranteeFailure && t.severeRed {
		return t.tiers[0]
	}
	i := 0
	for i < t.n && (perCapita > t.cuts[i] || (perCapita == t.cuts[i] && t.upper[i])) {
		i++
	}
	return t.tiers[i]
}

// TierWithGuarantees returns what [Scheme.Classify] returns as Tier and
// Code for the income, the severe-guarantee flag and the household's
// guarantees g: under the scheme's [GuaranteeRule], a household with an
// item of g not secured is never in the best tier ("tier.guarantee_not_secured");
// a nil g means not assessed and gives what [Tiering.Tier] gives. The code
// is "tier.income", "tier.guarantee_not_secured" or
// "tier.severe_guarantee_failure" ("" from the zero Tiering). It does not
// allocate.
func (t *Tiering) TierWithGuarantees(perCapita poverty.Money, severeGuaranteeFailure bool, g *poverty.Guarantees) (Tier, string) {
	if severeGuaranteeFailure && t.severeRed {
		return t.tiers[0], codeTierSevereLost
	}
	tier := t.Tier(perCapita, false)
	if tier == TierUnknown {
		return TierUnknown, ""
	}
	if g != nil && t.gTier != TierUnknown && *g != allSecured {
		return min(tier, t.gTier), codeTierGuarantee
	}
	return tier, codeTierIncome
}

type schemesDoc struct {
	Schema  string   `json:"schema"`
	Schemes []scheme `json:"schemes"`
}

type scheme struct {
	ID                  string                `json:"id"`
	Name                string                `json:"name"`
	Basis               SchemeBasis           `json:"basis"`
	Concept             poverty.IncomeConcept `json:"concept"`
	Tiers               []Tier                `json:"tiers"`
	Cuts                []cutFile             `json:"cuts"`
	SevereGuaranteeRed  bool                  `json:"severe_guarantee_red"`
	GuaranteeNotSecured *GuaranteeRule        `json:"guarantee_not_secured"`
	poverty.Provenance
}

type cutFile struct {
	Value string `json:"value"`
	AtCut Side   `json:"at_cut"`
	Note  string `json:"note"`
}

// Schemes is an immutable set of tier schemes keyed by ID, with the
// versions overlays replaced. Get the embedded set with [DefaultSchemes],
// read a caller's file with [LoadSchemes], combine them with
// [Schemes.Overlay] and pick one with [Schemes.For] (by region and year) or
// [Schemes.Lookup] (by ID). Every
// accessor returns deep copies: nothing returned changes what another
// caller sees. The zero Schemes is empty.
type Schemes struct {
	set param.Set[string, Scheme]
}

func schemeKey(s *Scheme) string { return s.ID }

//go:embed data/tiers.json
var tiersJSON []byte

var defaultSchemes = sync.OnceValue(func() Schemes {
	s, err := LoadSchemes(bytes.NewReader(tiersJSON), "embedded")
	if err != nil {
		panic("risk: embedded tiers.json: " + err.Error())
	}
	return s
})

// DefaultSchemes returns the embedded tier schemes (data/tiers.json): the
// Xinjiang 2020 reference scheme ("xinjiang-2020", CONFIRMED (press),
// scope 65).
func DefaultSchemes() Schemes { return defaultSchemes() }

// Overlay returns the set in which o's schemes replace those of s with the
// same ID and o's new schemes are added after s's. Neither operand changes;
// the replaced versions stay in [Schemes.History].
func (s Schemes) Overlay(o Schemes) Schemes { return Schemes{set: s.set.Overlay(o.set)} }

// History returns every version of the scheme id, oldest first and the
// current one last, as deep copies.
func (s Schemes) History(id string) []Scheme { return s.set.History(id, Scheme.clone) }

// All returns the current schemes in order (an overlay's new schemes
// last), as deep copies.
func (s Schemes) All() []Scheme {
	all := s.set.All()
	out := make([]Scheme, len(all))
	for i := range all {
		out[i] = all[i].clone()
	}
	return out
}

// Lookup returns a deep copy of the scheme with the ID, whatever its scope
// and status (asking by ID is naming it), and whether it exists.
func (s Schemes) Lookup(id string) (Scheme, bool) {
	if p := s.set.Get(id); p != nil {
		return p.clone(), true
	}
	return Scheme{}, false
}

// For returns a deep copy of the scheme for region in year: the
// schemes whose period overlaps year ([poverty.Provenance.InForceIn]) and
// that [poverty.Provenance.Serve] allows for region with strict options
// (not UNCONFIRMED, not SECONDARY, a scope that covers the region), the
// most specific scope first (the province, then its zone, then national)
// and, within a scope, the one added last: an overlaid file's scheme takes
// precedence over an embedded one. Otherwise false; ask by ID with
// [Schemes.Lookup] to use a scheme outside its scope or a SECONDARY one.
func (s Schemes) For(region poverty.Region, year int) (Scheme, bool) {
	all := s.set.All()
	for pass := 0; pass < 3; pass++ {
		for i := len(all) - 1; i >= 0; i-- {
			sc := &all[i]
			if !sc.InForceIn(year) || sc.Serve(region, false, poverty.LookupOptions{}) != nil {
				continue
			}
			var match bool
			switch pass {
			case 0:
				match = region != poverty.National && sc.Scope == poverty.ScopeOf(region)
			case 1:
				match = sc.Scope != poverty.ScopeNational && sc.Scope != poverty.ScopeOf(region)
			case 2:
				match = sc.Scope == poverty.ScopeNational
			}
			if match {
				return sc.clone(), true
			}
		}
	}
	return Scheme{}, false
}

// LoadSchemes reads tier schemes in the schema of the embedded
// data/tiers.json ("fupin.risk.tiers/2"): per scheme an id, name, basis
// ("absolute" or "relative_to_monitoring_line"), concept, tiers from worst
// to best, cut-offs ("value": yuan or a multiple of the line, and "at_cut":
// "upper" or "lower"), the severe-guarantee rule
// ("severe_guarantee_red"), optionally the rule for a guarantee not
// secured ("guarantee_not_secured": {"tier", provenance...}, see
// [GuaranteeRule]), and the provenance members "source", "status",
// "qualifier", "scope" (the region the scheme is for), "from", "to" (the
// period, "2020" or "2020-09-22") and "note".
// Every status is accepted: CONFIRMED, SECONDARY, LOCAL, DEFAULT, SUPPLIED,
// EXAMPLE, and UNCONFIRMED for a scheme kept only to show a gap (no tiers,
// no cut-offs; never served or applied). Decoding is strict; every scheme
// is validated; duplicate IDs are errors. Errors are *[poverty.FieldError]
// with Op "risk.LoadSchemes". The file is at most 1 MiB.
func LoadSchemes(r io.Reader, name string) (Schemes, error) {
	s, err := loadSchemes(r, name)
	return s, withOp("risk.LoadSchemes", err)
}

func loadSchemes(r io.Reader, name string) (Schemes, error) {
	var doc schemesDoc
	if err := paramfile.Read(r, name, maxParamsBytes, "fupin.risk.tiers/2", &doc); err != nil {
		return Schemes{}, err
	}
	out := make([]Scheme, 0, len(doc.Schemes))
	for i, f := range doc.Schemes {
		s := Scheme{ID: f.ID, Name: f.Name, Basis: f.Basis, Concept: f.Concept, Tiers: f.Tiers,
			SevereGuaranteeRed: f.SevereGuaranteeRed, Provenance: f.Provenance, Origin: name}
		if g := f.GuaranteeNotSecured; g != nil {
			if g.IsZero() {
				return Schemes{}, &poverty.FieldError{Record: name + " " + f.ID, Field: "guarantee_not_secured.tier", Err: poverty.ErrMissing}
			}
			s.GuaranteeNotSecured = *g
		}
		for j, c := range f.Cuts {
			cut := Cut{AtCut: c.AtCut, Note: c.Note}
			var err error
			if f.Basis == RelativeToLine {
				cut.Multiple, err = poverty.ParseRate(c.Value)
			} else {
				cut.Amount, err = poverty.ParseMoney(c.Value)
			}
			if err != nil {
				return Schemes{}, &poverty.FieldError{Record: name + " " + f.ID, Field: "cuts[" + strconv.Itoa(j) + "].value", Value: c.Value, Err: err}
			}
			s.Cuts = append(s.Cuts, cut)
		}
		if err := s.Validate(); err != nil {
			return Schemes{}, &poverty.FieldError{Record: name + " schemes[" + strconv.Itoa(i) + "]", Field: "scheme", Err: err}
		}
		out = append(out, s)
	}
	set, dup := param.NewSet(out, schemeKey)
	if dup >= 0 {
		return Schemes{}, &poverty.FieldError{Record: name + " " + out[dup].ID, Field: "id", Value: out[dup].ID, Err: poverty.ErrDuplicate}
	}
	return Schemes{set: set}, nil
}
