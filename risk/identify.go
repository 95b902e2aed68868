package risk

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/openfupin/fupin/internal/enum"
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
	// Registers are the outcomes of the document that put a household on
	// the registered list instead of monitoring it: [ReturnedPoor] and
	// [NewlyPoor] under the 2020 guidance (a household below the poverty
	// standard); none under 中农组发〔2021〕7号.
	Registers []Category `json:"registers,omitempty"`
	poverty.Provenance
}

func (d Document) clone() Document {
	d.Categories = slices.Clone(d.Categories)
	d.Registers = slices.Clone(d.Registers)
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
		for _, c := range d.Categories {
			if !c.Monitored() {
				panic("risk: embedded categories.json: " + d.ID + " lists an outcome that is not a monitored category")
			}
		}
		for _, c := range d.Registers {
			if c != ReturnedPoor && c != NewlyPoor {
				panic("risk: embedded categories.json: " + d.ID + " registers a monitored category")
			}
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
// household's monthly records (or, when it has none, its annual income),
// the monitoring line and poverty standard from [poverty.Default], strict
// lookups, the [poverty.BelowLine] boundary, no out-of-pocket spending
// beyond the assessment's, nothing verified about the guarantees, no
// recorded factors and no department warnings.
type IdentifyInput struct {
	Household *poverty.Household
	// On is the date of identification; the income window is the months
	// before it ([poverty.TrailingWindow]: on a month's last day, the
	// window ends with that month), the document is the one in force on it
	// ([CategoriesOn]) and its year picks the monitoring line.
	On poverty.Date
	// PerCapita, when set, is the caller's per-capita income over the
	// window, used instead of the household's records.
	PerCapita *poverty.Figure
	// Line, when set, is the monitoring line to use; otherwise it is
	// Table.MonitoringLine(On.Year(), province, Lookup).
	Line *poverty.Threshold
	// Standard, when set, is the poverty standard to use under a document
	// with Registers outcomes (the 2020 guidance); otherwise it is
	// Table.Standard(On.Year(), province, Lookup).
	Standard *poverty.Threshold
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

// IncomeBasis says which figure an identification read: the monthly
// records of the window, the annual income of the household's accounting
// year (when it has no monthly records), or the caller's figure.
type IncomeBasis uint8

// Income bases.
const (
	// MonthlyRecords: the sum of the monthly records of the window.
	MonthlyRecords IncomeBasis = iota
	// AnnualRecord: the household's annual income of its accounting year,
	// read because it has no monthly records; its window is that calendar
	// year, which is not the trailing window unless identification is on
	// 31 December of that year.
	AnnualRecord
	// CallerFigure: [IdentifyInput].PerCapita, over a window the caller
	// measured.
	CallerFigure
)

var incomeBasisWords = enum.New[IncomeBasis](parseErr, "monthly_records", "annual_record", "caller_figure")

// String returns the stable word: "monthly_records", "annual_record" or
// "caller_figure".
func (b IncomeBasis) String() string { return incomeBasisWords.String(b, "IncomeBasis") }

// MarshalText implements [encoding.TextMarshaler].
func (b IncomeBasis) MarshalText() ([]byte, error) {
	return incomeBasisWords.Marshal(b, "income basis")
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (b *IncomeBasis) UnmarshalText(t []byte) error {
	i, err := incomeBasisWords.Parse(t, "income basis")
	*b = i
	return err
}

// Identification is the result of [Identify]: the outcome (a monitored
// category, an outcome that registers the household, or CategoryNone),
// the figures read with their concept and window, and every criterion
// with its reason. The zero Identification is CategoryNone with no
// criteria.
type Identification struct {
	HouseholdID string         `json:"household_id"`
	On          poverty.Date   `json:"on"`
	Document    Document       `json:"document"`
	Category    Category       `json:"category"`
	PerCapita   poverty.Figure `json:"per_capita"`
	// Basis and Window say what PerCapita is: the records it came from and
	// the months it covers (zero for a caller's figure).
	Basis       IncomeBasis       `json:"basis"`
	Window      poverty.Window    `json:"window,omitzero"`
	OutOfPocket poverty.Money     `json:"out_of_pocket"`
	NetOfOOP    poverty.Figure    `json:"net_of_oop"` // per-capita income less per-capita compliant out-of-pocket spending
	Line        poverty.Threshold `json:"line"`
	// Standard is the poverty standard read under a document with
	// Registers outcomes (2020); the zero Threshold otherwise.
	Standard   poverty.Threshold   `json:"standard,omitzero"`
	Boundary   poverty.Boundary    `json:"boundary"`
	Workers    int                 `json:"workers"`
	Factors    FactorSet           `json:"factors"`
	NotSecured GuaranteeSet        `json:"not_secured"`
	Criteria   []poverty.Criterion `json:"criteria"`
}

// Code returns the reason code of the decision: "category.marginal",
// "category.returned_poor", "category.none", ...
func (id *Identification) Code() string { return "category." + id.Category.String() }

// IncomeLabel says what the per-capita income is, for a reader: its
// concept and window, such as "5400.00 net_income over 2019-07..2020-06
// (monthly records)" or "5400.00 net_income over 2020-01..2020-12 (annual
// record of 2020)".
func (id *Identification) IncomeLabel() string {
	s := id.PerCapita.String()
	switch id.Basis {
	case CallerFigure:
		return s + " (caller's figure)"
	case AnnualRecord:
		return s + " over " + id.Window.From.String() + ".." + id.Window.To.String() + " (annual record of " + strconv.Itoa(id.Window.From.Year()) + ")"
	}
	return s + " over " + id.Window.From.String() + ".." + id.Window.To.String() + " (monthly records)"
}

// String returns the decision in one line: the code, the household and the
// deciding figures, such as "category.unstable_lifted_out: household
// weixian-fu, per-capita income 5400.00 net_income over 2019-07..2020-06
// (monthly records) against monitoring line 6000.00".
func (id *Identification) String() string {
	return id.Code() + ": household " + id.HouseholdID + ", per-capita income " + id.IncomeLabel() +
		" against monitoring line " + id.Line.Amount.String()
}

// Explain returns the decision and every criterion, one per line.
func (id *Identification) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): household %s, per-capita income %s, net of compliant out-of-pocket spending %s, monitoring line %s",
		id.Code(), id.Document.Name, id.HouseholdID, id.IncomeLabel(), id.NetOfOOP, id.Line.Cite())
	if id.Standard.Kind != "" {
		fmt.Fprintf(&b, ", poverty standard %s", id.Standard.Cite())
	}
	for _, c := range id.Criteria {
		fmt.Fprintf(&b, "\n  %s %t: %s; %s", c.Code, c.Pass, c.Input, c.Rule)
		if c.Param != "" {
			b.WriteString("; " + c.Param)
		}
	}
	return b.String()
}

// Identify decides the outcome for a household under the document in
// force on in.On: a monitored category, an outcome that puts it on the
// registered list, or none. The outcomes, by document:
//
//	outcome              condition                                          document
//	returned_poor        lifted out; income below the poverty standard       国开发〔2020〕6号 (registers)
//	newly_poor           never registered; income below the standard         国开发〔2020〕6号 (registers)
//	unstable_lifted_out  lifted out; income below the monitoring line and    国开发〔2020〕6号; 中农组发〔2021〕7号
//	                     a risk present (2020: or a shock warning)
//	marginal             never registered; the same conditions               国开发〔2020〕6号; 中农组发〔2021〕7号
//	sudden_difficulty    income at or above the line; an expenditure or      中农组发〔2021〕7号
//	                     income warning leaves income net of compliant
//	                     out-of-pocket spending below it, or a guarantee
//	                     is lost; cannot cope on its own
//	none                 still on the registered poor list, or none of the above
//
// The document in force and its outcomes are data (data/categories.json,
// [Document].Categories and Registers): under a document with Registers,
// income below the standard decides first, so a household far below the
// line is a return to poverty or newly poor, never an unstable or marginal
// household.
//
// It reads the per-capita income over the monitoring window before
// identification ([poverty.TrailingWindow]); a household without monthly
// records is read from its annual income of its accounting year, which
// must be On's year or the year before, and the result says so (Basis,
// Window, [Identification.IncomeLabel]), and one with neither is
// [poverty.ErrMissing] (never zero income); a caller's figure is used as
// given. It compares income with the monitoring line of the household's
// province and year (and the standard, under a document with Registers)
// under each threshold's concept policy ([poverty.Threshold.Compare]).
// Every criterion evaluated is in the result with its inputs and sources.
// Errors: a missing household or date, a date before the first document
// (wrapping [poverty.ErrNotInForce]), a line or standard that cannot be
// looked up (for example [poverty.ErrUnconfirmed] for a national line after
// 2020: supply the province's line), incomplete monthly records, an annual
// income of another year, and concepts the policy does not allow
// ([poverty.ErrConceptMismatch]).
func Identify(in IdentifyInput) (Identification, error) {
	h := in.Household
	if h == nil {
		return Identification{}, &poverty.FieldError{Op: "risk.Identify", Field: "household", Err: poverty.ErrMissing}
	}
	fail := func(field, value string, err error) (Identification, error) {
		return Identification{}, &poverty.FieldError{Op: "risk.Identify", Record: h.ID, Field: field, Value: value, Err: err}
	}
	if in.On.IsZero() {
		return fail("on", "", poverty.ErrMissing)
	}
	year := in.On.Year()
	doc, err := categoriesOn("risk.Identify", in.On)
	if err != nil {
		return Identification{}, err
	}
	id := Identification{HouseholdID: h.ID, On: in.On, Document: doc, Boundary: in.Boundary, Workers: h.Workers()}
	residents := h.Residents()
	if residents == 0 {
		return fail("members", "", poverty.ErrNoResidents)
	}
	switch {
	case in.PerCapita != nil:
		id.PerCapita, id.Basis = *in.PerCapita, CallerFigure
	case len(h.Monthly) == 0:
		if h.Year != year && h.Year != year-1 {
			return fail("year", strconv.Itoa(h.Year), fmt.Errorf("%w: no monthly records, and the annual income of %d is not of the year of identification %s or the year before", poverty.ErrRange, h.Year, in.On))
		}
		if h.Income == (poverty.Income{}) {
			// Neither monthly records nor an annual income: missing, not zero.
			return fail("income", "", fmt.Errorf("%w: no monthly records and no annual income", poverty.ErrMissing))
		}
		if id.PerCapita, err = h.PerCapita(); err != nil {
			return fail("income", "", err)
		}
		id.Basis = AnnualRecord
		id.Window = poverty.Window{From: poverty.YearMonthOf(h.Year, time.January), To: poverty.YearMonthOf(h.Year, time.December)}
	default:
		id.Window = poverty.TrailingWindow(in.On)
		if id.PerCapita, err = h.PerCapitaOver(id.Window); err != nil {
			return fail("monthly", "", err)
		}
	}
	t := in.Table
	if t == nil {
		t = poverty.Default()
	}
	if in.Line != nil {
		id.Line = *in.Line
	} else if id.Line, err = t.MonitoringLine(year, h.Province(), in.Lookup); err != nil {
		return fail("line", "", err)
	}
	if _, err := id.Line.Compare(id.PerCapita); err != nil {
		return fail("concept", id.PerCapita.Concept.String()+" vs "+id.Line.Concept.String(), err)
	}
	if len(doc.Registers) > 0 {
		if in.Standard != nil {
			id.Standard = *in.Standard
		} else if id.Standard, err = t.Standard(year, h.Province(), in.Lookup); err != nil {
			return fail("standard", "", err)
		}
		if _, err := id.Standard.Compare(id.PerCapita); err != nil {
			return fail("concept", id.PerCapita.Concept.String()+" vs "+id.Standard.Concept.String(), err)
		}
	}
	id.OutOfPocket = in.OutOfPocket
	a := in.Assessment
	if id.OutOfPocket == 0 && a != nil {
		if id.OutOfPocket, err = a.MedicalOOP.Add(a.SchoolCosts); err != nil {
			return fail("assessment", "", err)
		}
	}
	if id.OutOfPocket < 0 {
		return fail("out_of_pocket", id.OutOfPocket.String(), poverty.ErrNegative)
	}
	oopPer, err := id.OutOfPocket.Div(int64(residents), poverty.PerCapitaRounding)
	if err != nil {
		return fail("out_of_pocket", "", err)
	}
	net, err := id.PerCapita.Amount.Sub(oopPer)
	if err != nil {
		return fail("out_of_pocket", "", err)
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
	cite := func(t *poverty.Threshold) string {
		c := t.Cite()
		if n := t.ConceptNote(id.PerCapita.Concept); n != "" {
			c += " (" + n + ")"
		}
		return c
	}
	docText := fmt.Sprintf("%s: %s (in force from %s) defines %s", in.On, doc.Name, doc.From, catList(doc.Categories))
	if len(doc.Registers) > 0 {
		docText += "; registers " + catList(doc.Registers)
	}
	add("identify.document", true, docText, doc.Cite())
	reg := h.Registration
	if reg.InPoorListOn(year) {
		add("identify.registered_poor", true, fmt.Sprintf("registered %d, exited %d, returned %d; year %d", reg.Registered, reg.Exited, reg.Returned, year), "")
		return id, nil
	}
	liftedOut := reg.LiftedOutBy(year)
	income := fmt.Sprintf("per-capita income %s, %d resident members; boundary %s", id.IncomeLabel(), residents, in.Boundary)
	if len(doc.Registers) > 0 {
		below := in.Boundary.Below(id.PerCapita.Amount, id.Standard.Amount)
		add("identify.below_standard", below, income, cite(&id.Standard))
		if below {
			id.Category = NewlyPoor
			if liftedOut {
				id.Category = ReturnedPoor
			}
			if slices.Contains(doc.Registers, id.Category) {
				return id, nil
			}
			id.Category = CategoryNone
		}
	}
	inRange := in.Boundary.Below(id.PerCapita.Amount, id.Line.Amount)
	inRangeNet := in.Boundary.Below(id.NetOfOOP.Amount, id.Line.Amount)
	add("identify.income_in_range", inRange, income, cite(&id.Line))
	add("identify.income_net_of_oop", inRangeNet, fmt.Sprintf("per-capita income %s less compliant out-of-pocket %s / %d = %s", id.PerCapita.Amount, id.OutOfPocket, residents, id.NetOfOOP.Amount), cite(&id.Line))
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
