package poverty

import (
	"errors"
	"strconv"

	"github.com/openfupin/fupin/internal/enum"
)

// Capacity is a person's labour capacity (劳动能力), which decides between
// development-type and safety-net assistance.
type Capacity uint8

// Labor capacities. The zero value is unset ("unknown"; "" in JSON reads
// as it).
const (
	// AbleToWork: full labor capacity (有劳动能力).
	AbleToWork Capacity = iota + 1
	// PartlyAble: weak or partial labour capacity (弱劳动力 / 半劳动力).
	PartlyAble
	// UnableToWork: no labour capacity (无劳动能力).
	UnableToWork
)

var capacityWords = enum.New[Capacity](parseErr, "unknown", "able", "partly_able", "unable")

// String returns "able", "partly_able", "unable" or "unknown".
func (c Capacity) String() string { return capacityWords.String(c, "Capacity") }

// MarshalText implements [encoding.TextMarshaler]; the unset capacity is
// "unknown". A value out of range (only a conversion makes one) is an
// error, so that what marshals parses back.
func (c Capacity) MarshalText() ([]byte, error) { return capacityWords.Marshal(c, "capacity") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are the unset capacity.
func (c *Capacity) UnmarshalText(b []byte) error {
	i, err := capacityWords.ParseOrUnset(b, "capacity")
	*c = Capacity(i)
	return err
}

// CanWork reports whether the person can do some work (able or partly able).
func (c Capacity) CanWork() bool { return c == AbleToWork || c == PartlyAble }

// NonResident is a reason the NBS rule excludes a person from a household's
// resident members whatever the time spent at home.
type NonResident uint8

// Reasons for exclusion. NoExclusion is the zero value.
const (
	NoExclusion NonResident = iota
	// ActiveSoldier: serving in the armed forces.
	ActiveSoldier
	// BoardingStudent: a student at secondary-specialised level or above,
	// other than a day student.
	BoardingStudent
	// SettledElsewhere: a long-term migrant with a stable job and residence
	// elsewhere.
	SettledElsewhere
)

var nonResidentWords = enum.New[NonResident](parseErr, "", "active_soldier", "boarding_student", "settled_elsewhere")

// String returns the stable word, or "" for NoExclusion.
func (n NonResident) String() string { return nonResidentWords.String(n, "NonResident") }

// MarshalText implements [encoding.TextMarshaler]; a value out of range
// (only a conversion makes one) is an error, so that what marshals parses
// back.
func (n NonResident) MarshalText() ([]byte, error) {
	return nonResidentWords.Marshal(n, "non-resident reason")
}

// UnmarshalText implements [encoding.TextUnmarshaler]; "" is NoExclusion.
func (n *NonResident) UnmarshalText(b []byte) error {
	i, err := nonResidentWords.ParseOrUnset(b, "non-resident reason")
	*n = NonResident(i)
	return err
}

// Member is one person registered in a household.
//
// The zero Member is a resident of unknown age and sex who spent the whole
// year at home.
type Member struct {
	// IDNumber is the optional resident identity number; it is masked
	// whenever printed.
	IDNumber IDNumber `json:"id_number"`
	// BirthDate is required when IDNumber is zero; when both are set they
	// must agree.
	BirthDate Date `json:"birth_date"`
	Sex       Sex  `json:"sex"`
	// MonthsAway is how many months of the accounting year the member spent
	// away from home (0 to 12).
	MonthsAway int `json:"months_away"`
	// IncomeBroughtHome records that a member away six months or more still
	// brings most of their income home (经济与本户连为一体), and so stays a
	// resident member.
	IncomeBroughtHome bool        `json:"income_brought_home"`
	Exclusion         NonResident `json:"exclusion"`
	Capacity          Capacity    `json:"capacity"`
}

// Resident reports whether the member counts among the household's resident
// members (常住人口) under the embedded rule "household.resident" (the NBS
// definition as restated by secondary sources, SECONDARY; see [RuleFor]):
// at home six months or more of the year, or away longer but with income
// mainly brought home; soldiers, boarding students and members settled
// elsewhere never count. [Household.MinMonthsHome] applies another number
// of months.
func (m *Member) Resident() bool { return m.residentUnder(residentMonths()) }

// residentUnder reports whether the member is resident under a rule that
// asks for minMonthsHome months at home in the year (the embedded rule asks
// for six), or income mainly brought home; exclusions apply as for
// [Member.Resident].
func (m *Member) residentUnder(minMonthsHome int) bool {
	if m.Exclusion != NoExclusion {
		return false
	}
	return 12-m.MonthsAway >= minMonthsHome || m.IncomeBroughtHome
}

// Born returns the member's birth date: BirthDate, or the date read from the
// identity number.
func (m *Member) Born() Date {
	if !m.BirthDate.IsZero() {
		return m.BirthDate
	}
	return m.IDNumber.BirthDate()
}

// Registration is a household's history in the registration system
// (建档立卡): the year it was registered as poor, the year it was lifted
// out, and the year it was registered again after returning to poverty.
// Zero years mean "never". The zero value is a household never registered.
type Registration struct {
	Registered int `json:"registered,omitempty"`
	Exited     int `json:"exited,omitempty"`
	Returned   int `json:"returned,omitempty"`
}

// InPoorListOn reports whether the household was on the registered poor list
// in year (registered, and not lifted out or lifted out and registered again).
func (r Registration) InPoorListOn(year int) bool {
	if r.Registered == 0 || r.Registered > year {
		return false
	}
	if r.Exited == 0 || r.Exited > year {
		return true
	}
	return r.Returned != 0 && r.Returned >= r.Exited && r.Returned <= year
}

// LiftedOutBy reports whether the household had been lifted out by year and
// was not back on the list.
func (r Registration) LiftedOutBy(year int) bool {
	return r.Registered != 0 && r.Exited != 0 && r.Exited <= year && !r.InPoorListOn(year)
}

// Household is the unit of every rule (以家庭为单位): its members, its income
// for an accounting year in a stated concept, optional monthly incomes, and
// its registration history.
//
// The zero Household has no members and is not valid: [Household.PerCapita]
// returns [ErrNoResidents].
type Household struct {
	ID      string        `json:"id"`
	County  County        `json:"county,omitempty"`
	Region  Region        `json:"region,omitempty"` // used when County is zero
	Year    int           `json:"year"`             // the accounting year of Income
	Concept IncomeConcept `json:"concept"`
	Members []Member      `json:"members"`
	Income  Income        `json:"income"`
	// Monthly holds monthly incomes, for the 12-month monitoring window.
	Monthly      []MonthlyIncome `json:"monthly,omitempty"`
	Registration Registration    `json:"registration"`
	// MinMonthsHome is the months at home in the year that make a member
	// resident, for a caller whose rule differs from the embedded one; 0
	// applies the embedded rule "household.resident" (six months).
	MinMonthsHome int `json:"min_months_home,omitempty"`
}

// minMonthsHome returns the household's resident rule, in months at home.
func (h *Household) minMonthsHome() int {
	if h.MinMonthsHome > 0 {
		return h.MinMonthsHome
	}
	return residentMonths()
}

// Province returns the household's province: from County when set,
// otherwise Region.
func (h *Household) Province() Region {
	if h.County != 0 {
		return h.County.Province()
	}
	return h.Region
}

// Residents returns the number of resident members, under the household's
// rule (MinMonthsHome, or the embedded rule).
func (h *Household) Residents() int {
	n, home := 0, h.minMonthsHome()
	for i := range h.Members {
		if h.Members[i].residentUnder(home) {
			n++
		}
	}
	return n
}

// Workers returns the number of resident members able or partly able to work.
func (h *Household) Workers() int {
	n, home := 0, h.minMonthsHome()
	for i := range h.Members {
		if h.Members[i].residentUnder(home) && h.Members[i].Capacity.CanWork() {
			n++
		}
	}
	return n
}

// PerCapitaRounding is the rounding mode [Household.PerCapita] uses when a
// household's income does not divide evenly by its resident members:
// half up (四舍五入), to whole fen.
const PerCapitaRounding = RoundHalfUp

// PerCapita returns the household's annual income per resident member, in
// the household's income concept. A household with no resident member is
// [ErrNoResidents] (wrapped in a *[FieldError]), never a division by zero.
// It does not allocate unless it fails.
func (h *Household) PerCapita() (Figure, error) {
	return h.perCapitaOf(&h.Income)
}

// PerCapitaOver returns the per-capita income over the window, from the
// household's monthly incomes; every month must be present.
func (h *Household) PerCapitaOver(w Window) (Figure, error) {
	in, err := SumWindow(h.Monthly, w)
	if err != nil {
		return Figure{}, &FieldError{Op: "poverty.PerCapitaOver", Record: h.ID, Field: "monthly", Value: w.From.String() + ".." + w.To.String(), Err: err}
	}
	return h.perCapitaOf(&in)
}

func (h *Household) perCapitaOf(in *Income) (Figure, error) {
	return perCapita("poverty.PerCapita", h.ID, h.Residents(), in, h.Concept)
}

// perCapita is the one per-capita rule: income over n resident members,
// rounded with [PerCapitaRounding]. op and rec name the operation and the
// record in errors.
func perCapita(op, rec string, n int, in *Income, concept IncomeConcept) (Figure, error) {
	if n <= 0 {
		return Figure{}, &FieldError{Op: op, Record: rec, Field: "members", Err: ErrNoResidents}
	}
	total, err := in.Total()
	if err != nil {
		return Figure{}, &FieldError{Op: op, Record: rec, Field: "income", Err: err}
	}
	pc, err := total.Div(int64(n), PerCapitaRounding)
	if err != nil {
		return Figure{}, &FieldError{Op: op, Record: rec, Field: "income", Err: err}
	}
	return Figure{Amount: pc, Concept: concept}, nil
}

// Validate checks the household's fields and returns every problem found,
// joined, each a *[FieldError] naming the household and the field: a missing
// ID or concept, unknown regions, members with no birth date, a birth date
// that contradicts the identity number, months away outside 0-12, negative
// costs, depreciation, taxes or transfer spending, amounts beyond
// [MaxAmount], and no resident member.
func (h *Household) Validate() error {
	var errs []error
	add := func(field, value string, err error) {
		errs = append(errs, &FieldError{Op: "poverty.Validate", Record: h.ID, Field: field, Value: value, Err: err})
	}
	if h.ID == "" {
		add("id", "", ErrMissing)
	}
	if h.Concept != NetIncome && h.Concept != DisposableIncome {
		add("concept", h.Concept.String(), ErrMissing)
	}
	if h.County != 0 && !h.County.IsValid() {
		add("county", h.County.String(), ErrUnknownRegion)
	}
	if !h.Region.IsValid() {
		add("region", h.Region.String(), ErrUnknownRegion)
	}
	for i := range h.Members {
		m := &h.Members[i]
		f := "members[" + strconv.Itoa(i) + "]"
		if m.Born().IsZero() {
			add(f+".birth_date", "", ErrMissing)
		}
		if !m.IDNumber.IsZero() && !m.BirthDate.IsZero() && m.IDNumber.BirthDate() != m.BirthDate {
			add(f+".birth_date", m.BirthDate.String(), errors.New("does not match the identity number "+m.IDNumber.String()))
		}
		if !m.IDNumber.IsZero() && m.Sex != SexUnknown && m.IDNumber.Sex() != m.Sex {
			add(f+".sex", m.Sex.String(), errors.New("does not match the identity number "+m.IDNumber.String()))
		}
		if m.MonthsAway < 0 || m.MonthsAway > 12 {
			add(f+".months_away", strconv.Itoa(m.MonthsAway), ErrRange)
		}
	}
	if h.MinMonthsHome < 0 || h.MinMonthsHome > 12 {
		add("min_months_home", strconv.Itoa(h.MinMonthsHome), ErrRange)
	}
	in := &h.Income
	for _, c := range []struct {
		name string
		v    Money
	}{{"income.operating_costs", in.OperatingCosts}, {"income.depreciation", in.Depreciation},
		{"income.production_taxes", in.ProductionTaxes}, {"income.transfer_spending", in.TransferSpending},
		{"income.wage", in.Wage}, {"income.transfer_income", in.TransferIncome}, {"income.operating_income", in.OperatingIncome}} {
		if c.v < 0 {
			add(c.name, c.v.String(), ErrNegative)
		}
	}
	if !in.sane() {
		add("income", "", ErrRange)
	}
	if len(h.Members) > 0 && h.Residents() == 0 {
		add("members", "", ErrNoResidents)
	} else if len(h.Members) == 0 {
		add("members", "", ErrNoResidents)
	}
	return errors.Join(errs...)
}
