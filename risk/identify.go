package risk

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/poverty"
)

// Document is a guidance document that defines the monitored categories,
// with its provenance (embedded: d.Source, d.Status, d.Scope ...). Its From
// is the date it came into force as far as the sources give it (国开发〔2020〕6号:
// "2020-03-20", the issue date stated in 中农组发〔2021〕7号; 中农组发〔2021〕7号:
// "2021", the year of its number, as no day is given); To is empty while no
// source dates its end. A later document replaces an earlier one from its
// own From ([CategoriesOn]). The zero Document defines no category.
type Document struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Categories []Category `json:"categories"`
	poverty.Provenance
}

func (d Document) clone() Document {
	d.Categories = slices.Clone(d.Categories)
	return d
}

//go:embed data/categories.json
var categoriesJSON []byte

var documents = sync.OnceValue(func() []Document {
	var doc struct {
		Schema    string     `json:"schema"`
		Documents []Document `json:"documents"`
	}
	if err := param.Decode(categoriesJSON, &doc); err != nil || doc.Schema != "fupin.risk.categories/2" {
		panic("risk: embedded categories.json: bad document")
	}
	for i := range doc.Documents {
		d := &doc.Documents[i]
		if err := d.Provenance.Validate("categories " + d.ID); err != nil || d.From == "" || len(d.Categories) == 0 {
			panic("risk: embedded categories.json: bad document " + d.ID)
		}
	}
	return doc.Documents
})

// Documents returns the guidance documents of data/categories.json in the
// order they came into force, each with its provenance. The result is a
// deep copy.
func Documents() []Document {
	ds := documents()
	out := make([]Document, len(ds))
	for i := range ds {
		out[i] = ds[i].clone()
	}
	return out
}

// CategoriesOn returns the document that defines the monitored categories
// on day on: the latest document of data/categories.json in force that day
// ([poverty.Provenance.InForce]): 国开发〔2020〕6号 from 2020-03-20 (two
// categories), 中农组发〔2021〕7号 from 2021 (three). Before the first
// document it is a *[poverty.FieldError] (field "on", the date) wrapping
// [poverty.ErrNotInForce] and naming the first document and the day it came
// into force. The Document is a deep copy.
func CategoriesOn(on poverty.Date) (Document, error) { return categoriesOn("risk.CategoriesOn", on) }

func categoriesOn(op string, on poverty.Date) (Document, error) {
	ds := documents()
	for i := len(ds) - 1; i >= 0; i-- {
		if ds[i].InForce(on) {
			return ds[i].clone(), nil
		}
	}
	return Document{}, &poverty.FieldError{Op: op, Record: "monitored categories", Field: "on", Value: on.String(),
		Err: fmt.Errorf("%w (relapse monitoring starts with %s, in force from %s)", poverty.ErrNotInForce, ds[0].Name, ds[0].From)}
}

// IdentifyInput is what [Identify] reads. Household and On are required.
// The zero values of the optional fields mean: per-capita income from the
// household's monthly records, the monitoring line from [poverty.Default],
// strict lookups, the [poverty.BelowLine] boundary, no out-of-pocket
// spending beyond the assessment's, nothing verified about the guarantees,
// no recorded factors and no department warnings.
type IdentifyInput struct {
	Household *poverty.Household
	// On is the date of identification; the income window is the months
	// before it ([poverty.TrailingWindow]), the document is the one in force
	// on it ([CategoriesOn]) and its year picks the monitoring line.
	On poverty.Date
	// PerCapita, when set, is the caller's per-capita income over the
	// window, used instead of the monthly records.
	PerCapita *poverty.Figure
	// Line, when set, is the monitoring line to use; otherwise it is
	// Table.MonitoringLine(On.Year(), province, Lookup).
	Line     *poverty.Threshold
	Table    *poverty.Table
	Lookup   poverty.LookupOptions
	Boundary poverty.Boundary
	// OutOfPocket is the household's compliant out-of-pocket spending
	// (合规自付支出) over the window. When zero and Assessment is set, the
	// assessment's medical out-of-pocket spending plus school costs is used.
	OutOfPocket poverty.Money
	// Guarantees as verified; items NotSecured are a risk.
	Guarantees poverty.Guarantees
	// Factors recorded for the household (致贫/返贫风险).
	Factors FactorSet
	// Assessment, when set, contributes its warnings, factors, lost
	// guarantee items and out-of-pocket spending.
	Assessment *Assessment
}

// Identification is the result of [Identify]: the category (or
// CategoryNone), the figures read and every criterion with its reason. The
// zero Identification is CategoryNone with no criteria.
type Identification struct {
	HouseholdID  string              `json:"household_id"`
	On           poverty.Date        `json:"on"`
	Document     Document            `json:"document"`
	Category     Category            `json:"category"`
	PerCapita    poverty.Figure      `json:"per_capita"`
	CallerIncome bool                `json:"caller_income"` // PerCapita was supplied by the caller
	OutOfPocket  poverty.Money       `json:"out_of_pocket"`
	NetOfOOP     poverty.Figure      `json:"net_of_oop"` // per-capita income less per-capita compliant out-of-pocket spending
	Line         poverty.Threshold   `json:"line"`
	Boundary     poverty.Boundary    `json:"boundary"`
	Workers      int                 `json:"workers"`
	Factors      FactorSet           `json:"factors"`
	NotSecured   GuaranteeSet        `json:"not_secured"`
	Criteria     []poverty.Criterion `json:"criteria"`
}

// Code returns the reason code of the decision: "category.marginal",
// "category.none", ...
func (id *Identification) Code() string { return "category." + id.Category.String() }

// String returns the decision in one line: the code, the household and the
// deciding figures, such as "category.unstable_lifted_out: household
// weixian-fu, per-capita income 5400.00 against monitoring line 6000.00".
func (id *Identification) String() string {
	return id.Code() + ": household " + id.HouseholdID + ", per-capita income " + id.PerCapita.Amount.String() +
		" against monitoring line " + id.Line.Amount.String()
}

// Explain returns the decision and every criterion, one per line.
func (id *Identification) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): household %s, per-capita income %s, net of compliant out-of-pocket spending %s, monitoring line %s",
		id.Code(), id.Document.Name, id.HouseholdID, id.PerCapita, id.NetOfOOP, id.Line.Cite())
	for _, c := range id.Criteria {
		fmt.Fprintf(&b, "\n  %s %t: %s; %s", c.Code, c.Pass, c.Input, c.Rule)
		if c.Param != "" {
			b.WriteString("; " + c.Param)
		}
	}
	return b.String()
}

// Identify decides whether a household is a monitored household, and of
// which category, under the document in force in the year of in.On.
//
// It reads the per-capita income over the monitoring window before
// identification ([poverty.TrailingWindow], or the caller's figure), the monitoring line of the household's province
// and year, compliant out-of-pocket spending, the guarantees, recorded risk
// factors, department warnings, and the members able to work. The rules:
//
//   - A household still on the registered poor list is not a monitored
//     household (identify.registered_poor).
//   - 2020 (国开发〔2020〕6号, from 2020-03-20): monitored if income is within the range and a
//     risk is present, or if rigid expenditure or an income drop fired
//     (identify.shock_2020); a lifted-out household is an unstable
//     lifted-out household, any other a marginal household.
//   - 2021 on (中农组发〔2021〕7号): within the range and at risk, a
//     lifted-out household is unstable, a never-registered one marginal;
//     above the range, a household whose expenditure or income warning
//     leaves its income net of compliant out-of-pocket spending below the
//     line, or with a guarantee not secured, and which cannot cope on its
//     own, is in sudden severe difficulty.
//
// The document is the one in force on in.On ([CategoriesOn]); the rules of
// the 2020 guidance apply under a document without the third category.
// Every criterion evaluated is in the result with its inputs and sources.
// Errors: a missing household or date, a date before the first document
// (wrapping [poverty.ErrNotInForce]), a monitoring line that cannot be looked up (for
// example [poverty.ErrUnconfirmed] for a national line after 2020: supply
// the province's line), an incomplete income window, and income concepts
// that differ ([poverty.ErrConceptMismatch]).
func Identify(in IdentifyInput) (Identification, error) {
	h := in.Household
	if h == nil {
		return Identification{}, &poverty.FieldError{Op: "risk.Identify", Field: "household", Err: poverty.ErrMissing}
	}
	if in.On.IsZero() {
		return Identification{}, &poverty.FieldError{Op: "risk.Identify", Record: h.ID, Field: "on", Err: poverty.ErrMissing}
	}
	year := in.On.Year()
	doc, err := categoriesOn("risk.Identify", in.On)
	if err != nil {
		return Identification{}, err
	}
	id := Identification{HouseholdID: h.ID, On: in.On, Document: doc, Boundary: in.Boundary, Workers: h.Workers()}
	residents := h.Residents()
	if residents == 0 {
		return Identification{}, &poverty.FieldError{Op: "risk.Identify", Record: h.ID, Field: "members", Err: poverty.ErrNoResidents}
	}
	if in.PerCapita != nil {
		id.PerCapita, id.CallerIncome = *in.PerCapita, true
	} else if id.PerCapita, err = h.PerCapitaOver(poverty.TrailingWindow(in.On)); err != nil {
		return Identification{}, &poverty.FieldError{Op: "risk.Identify", Record: h.ID, Field: "monthly", Err: err}
	}
	if in.Line != nil {
		id.Line = *in.Line
	} else {
		t := in.Table
		if t == nil {
			t = poverty.Default()
		}
		if id.Line, err = t.MonitoringLine(year, h.Province(), in.Lookup); err != nil {
			return Identification{}, &poverty.FieldError{Op: "risk.Identify", Record: h.ID, Field: "line", Err: err}
		}
	}
	if _, err := id.PerCapita.Compare(id.Line.Figure()); err != nil {
		return Identification{}, &poverty.FieldError{Op: "risk.Identify", Record: h.ID, Field: "concept",
			Value: id.PerCapita.Concept.String() + " vs " + id.Line.Concept.String(), Err: err}
	}
	id.OutOfPocket = in.OutOfPocket
	a := in.Assessment
	if id.OutOfPocket == 0 && a != nil {
		if id.OutOfPocket, err = a.MedicalOOP.Add(a.SchoolCosts); err != nil {
			return Identification{}, &poverty.FieldError{Op: "risk.Identify", Record: h.ID, Field: "assessment", Err: err}
		}
	}
	if id.OutOfPocket < 0 {
		return Identification{}, &poverty.FieldError{Op: "risk.Identify", Record: h.ID, Field: "out_of_pocket", Value: id.OutOfPocket.String(), Err: poverty.ErrNegative}
	}
	oopPer, err := id.OutOfPocket.Div(int64(residents), poverty.PerCapitaRounding)
	if err != nil {
		return Identification{}, &poverty.FieldError{Op: "risk.Identify", Record: h.ID, Field: "out_of_pocket", Err: err}
	}
	net, err := id.PerCapita.Amount.Sub(oopPer)
	if err != nil {
		return Identification{}, &poverty.FieldError{Op: "risk.Identify", Record: h.ID, Field: "out_of_pocket", Err: err}
	}
	id.NetOfOOP = poverty.Figure{Amount: net, Concept: id.PerCapita.Concept}
	id.Factors = in.Factors
	id.NotSecured = Unsecured(in.Guarantees)
	warnings, shock, expense := 0, false, false
	if a != nil {
		id.Factors |= a.Factors
		id.NotSecured |= a.Lost
		warnings = a.NumWarnings()
		shock = a.triggered(RigidExpenditure) || a.triggered(IncomeDrop)
		expense = shock || a.triggered(MedicalOOPAmount) || a.triggered(MedicalOOPShare)
	}

	add := func(code string, pass bool, input, param string) {
		id.Criteria = append(id.Criteria, criterion(code, pass, input, param))
	}
	add("identify.document", true, fmt.Sprintf("%s: %s (in force from %s) defines %s", in.On, doc.Name, doc.From, catList(doc.Categories)), doc.Cite())
	reg := h.Registration
	if reg.InPoorListOn(year) {
		add("identify.registered_poor", true, fmt.Sprintf("registered %d, exited %d, returned %d; year %d", reg.Registered, reg.Exited, reg.Returned, year), "")
		return id, nil
	}
	liftedOut := reg.LiftedOutBy(year)
	inRange := in.Boundary.Below(id.PerCapita.Amount, id.Line.Amount)
	inRangeNet := in.Boundary.Below(id.NetOfOOP.Amount, id.Line.Amount)
	w := poverty.TrailingWindow(in.On)
	src := "monthly records of " + w.From.String() + ".." + w.To.String()
	if id.CallerIncome {
		src = "caller-supplied figure"
	}
	add("identify.income_in_range", inRange, fmt.Sprintf("per-capita income %s (%s, %d resident members); boundary %s", id.PerCapita, src, residents, in.Boundary), id.Line.Cite())
	add("identify.income_net_of_oop", inRangeNet, fmt.Sprintf("per-capita income %s less compliant out-of-pocket %s / %d = %s", id.PerCapita.Amount, id.OutOfPocket, residents, id.NetOfOOP.Amount), id.Line.Cite())
	risky := id.Factors != 0 || warnings > 0 || id.NotSecured != 0
	add("identify.risk_present", risky, fmt.Sprintf("factors %s; department warnings %d; guarantees not secured %s", id.Factors, warnings, id.NotSecured), "")
	cope := id.Workers > 0 && !inRangeNet && id.NotSecured == 0
	add("identify.coping_capacity", cope, fmt.Sprintf("%d resident members able to work; net income below line %t; guarantees not secured %s", id.Workers, inRangeNet, id.NotSecured), "")

	if !slices.Contains(doc.Categories, SuddenDifficulty) {
		// The 2020 guidance: no third category; the shock range counts.
		add("identify.shock_2020", shock, fmt.Sprintf("rigid expenditure warning %t; income drop warning %t", a != nil && a.triggered(RigidExpenditure), a != nil && a.triggered(IncomeDrop)), "")
		if (inRange && risky) || shock {
			id.Category = MarginalAtRisk
			if liftedOut {
				id.Category = UnstableLiftedOut
			}
		}
		return id, nil
	}
	switch {
	case inRange && risky && liftedOut:
		id.Category = UnstableLiftedOut
	case inRange && risky && reg.Registered == 0:
		id.Category = MarginalAtRisk
	case !inRange:
		severe := expense && (inRangeNet || id.NotSecured != 0) && !cope
		add("identify.severe_difficulty", severe, fmt.Sprintf("expenditure or income warning %t; net income below line %t; guarantees not secured %s; can cope %t", expense, inRangeNet, id.NotSecured, cope), "")
		if severe {
			id.Category = SuddenDifficulty
		}
	}
	return id, nil
}

func catList(cs []Category) string {
	var s []string
	for _, c := range cs {
		s = append(s, c.String())
	}
	return strings.Join(s, ", ")
}

// FactorTest applies the consistency rules to a household's recorded risk
// factors and its events, and returns one criterion per rule that applies
// (Pass false marks an inconsistency to verify):
//
//   - unstable employment needs a resident member able to work
//     (factor.unstable_employment_needs_worker, SECONDARY: Guizhou
//     data-quality rules);
//   - unstable employment needs registered job information, an employment
//     event (factor.unstable_employment_needs_job_record, SECONDARY);
//   - lack of labour is doubtful with a member fully able to work
//     (factor.lack_of_labour_with_able_member, DEFAULT);
//   - a disaster factor without a disaster event of that hazard
//     (factor.disaster_without_event, DEFAULT).
func FactorTest(h *poverty.Household, factors FactorSet, events []Event) []poverty.Criterion {
	var out []poverty.Criterion
	if factors.Has(UnstableEmployment) {
		w := h.Workers()
		out = append(out, criterion("factor.unstable_employment_needs_worker", w > 0,
			fmt.Sprintf("factor %s (%s); %d resident members able to work", UnstableEmployment, UnstableEmployment.Code(), w), ""))
		jobs := 0
		for i := range events {
			if events[i].Kind == Employment {
				jobs++
			}
		}
		out = append(out, criterion("factor.unstable_employment_needs_job_record", jobs > 0,
			fmt.Sprintf("factor %s; %d employment events", UnstableEmployment, jobs), ""))
	}
	if factors.Has(LackOfLabor) {
		able := 0
		for i := range h.Members {
			if h.Members[i].Resident() && h.Members[i].Capacity == poverty.AbleToWork {
				able++
			}
		}
		out = append(out, criterion("factor.lack_of_labour_with_able_member", able == 0,
			fmt.Sprintf("factor %s (%s); %d resident members fully able to work", LackOfLabor, LackOfLabor.Code(), able), ""))
	}
	for f := DisasterFlood; f <= DisasterOther; f++ {
		if !factors.Has(f) {
			continue
		}
		found := false
		for i := range events {
			if events[i].Kind == DisasterEvent && events[i].Hazard == f {
				found = true
			}
		}
		out = append(out, criterion("factor.disaster_without_event", found,
			fmt.Sprintf("factor %s (%s); disaster event of that hazard %t", f, f.Code(), found), ""))
	}
	return out
}
