package gen

import (
	"errors"
	"fmt"
	"iter"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/openfupin/fupin/poverty"
)

// Config sets the size and shape of a synthetic population. The zero Config
// is not usable: Households must be positive. [Config.Defaults] fills the
// other fields.
type Config struct {
	// Seed makes the population: the same Config gives the same households,
	// byte for byte, on every machine.
	Seed uint64
	// Households is the number of households, from a village (a few hundred)
	// to a province (tens of millions; they are streamed, never held).
	Households int
	// Year is the accounting year of the incomes; 0 means 2020.
	Year int
	// Province is the province the counties belong to; National means
	// Yunnan (53), the province of the Zhenxiong figures.
	Province poverty.Region
	// Concept is the income concept of the records; unknown means
	// disposable income from 2014 (the 2020 guidance's concept) and net
	// income before.
	Concept poverty.IncomeConcept
	// PerVillage, VillagesPerTownship and TownshipsPerCounty place household
	// i in village i/PerVillage and so on up; zeros mean 250, 12 and 28
	// (assumptions close to a Zhenxiong-sized county of about 84,000
	// households; see calibration.md). When PerVillage is zero and the
	// households would need more than 99 counties (a province of tens of
	// millions of people), villages are made larger (500, 1,000, ...
	// households) until they fit.
	PerVillage          int
	VillagesPerTownship int
	TownshipsPerCounty  int
	// IDNumbers gives every member a valid resident identity number
	// (GB 11643, fictitious sequence numbers). It costs time at scale.
	IDNumbers bool
	// NextMonths adds the first NextMonths months (0 to 12) of the year
	// after to the monthly incomes, each as the same month of the year
	// grown by 8% (assumption), for follow-up visits in the next year.
	NextMonths int
	// SafetyNet is the per-capita income below which most households are
	// topped up by the minimum living allowance and other support (an
	// assumption of the generator; see calibration.md). Zero means the
	// monitoring line of Year and Province in package poverty's embedded
	// data, looked up leniently, or the 2020 line (1.5 times the standard,
	// 6,000 yuan) where no line of that year is confirmed.
	SafetyNet poverty.Money
	// SafetyNetSource says where SafetyNet comes from, for reports: set by
	// Defaults when it fills SafetyNet in (the line's citation, or the
	// 2020 line carried forward, labelled EXAMPLE); "" for a caller's value.
	SafetyNetSource string
	// Couples, when set, redraws where the parents of a household with a
	// child under 18 work, jointly, from the shares of [CoupleMigration]
	// (for example [ACWF2010]) instead of the independent draw of each
	// member; nil keeps the independent draw (the default, unchanged).
	Couples *CoupleMigration
}

// CoupleMigration is the joint distribution of where the two parents of a
// household with a child under 18 work: Both away, FatherOnly away,
// MotherOnly away, and (the rest) neither. A parent drawn away who is able
// to work and 18-55 becomes a migrant worker with the generator's migrant
// pay and months; a parent drawn at home who was a migrant farms instead.
// The shares are of children, applied to households: an assumption.
type CoupleMigration struct {
	Both, FatherOnly, MotherOnly float64
	// Source says where the shares come from, for reports.
	Source string
}

// ACWF2010 is the parents' migration of rural children in the 2010 census
// sample (ACWF report, May 2013): 37.7% of rural children aged 0-17 had at
// least one parent away, 46.74% of those both parents (CONFIRMED, press:
// Xinhua and Jinghua Times, 2013-05-10; docs/POLICY.md 4.3). How the other
// 53.26% split between the father only and the mother only is not in the
// sources consulted: the split 36.39 : 16.87 often quoted from the same
// report is used as an assumption. So Both = 0.377 x 0.4674, FatherOnly =
// 0.377 x 0.3639, MotherOnly = 0.377 x 0.1687.
var ACWF2010 = CoupleMigration{Both: 0.377 * 0.4674, FatherOnly: 0.377 * 0.3639, MotherOnly: 0.377 * 0.1687,
	Source: "ACWF 2013 report on the 2010 census sample: 37.7% of rural children left behind, 46.74% of them by both parents (CONFIRMED, press); father-only 36.39% and mother-only 16.87% (assumption: commonly quoted, not found in the sources consulted)"}

// Defaults returns c with every zero field set to its documented default.
func (c Config) Defaults() Config {
	if c.Year == 0 {
		c.Year = 2020
	}
	if c.Province == poverty.National {
		c.Province = poverty.MustParseRegion("53")
	}
	if c.Concept == poverty.ConceptUnknown {
		c.Concept = poverty.DisposableIncome
		if c.Year < 2014 {
			c.Concept = poverty.NetIncome
		}
	}
	if c.SafetyNet == 0 {
		opts := poverty.LookupOptions{Lenient: true}
		line, err := poverty.Default().MonitoringLine(c.Year, c.Province, opts)
		if err == nil {
			c.SafetyNet = line.Amount
			c.SafetyNetSource = "safety net (generator assumption) at the monitoring line " + line.Cite()
		} else if line, lerr := poverty.Default().MonitoringLine(2020, c.Province, opts); lerr == nil {
			// The sources give no line for the year: the generator supplies
			// one, and says so.
			c.SafetyNet = line.Amount
			c.SafetyNetSource = fmt.Sprintf("safety net (generator assumption) at the 2020 monitoring line %s, carried forward because %v [EXAMPLE]", line, err)
		}
	}
	if c.VillagesPerTownship == 0 {
		c.VillagesPerTownship = 12
	}
	if c.TownshipsPerCounty == 0 {
		c.TownshipsPerCounty = 28
	}
	if c.PerVillage == 0 {
		c.PerVillage = 250
		for c.VillagesPerTownship > 0 && c.TownshipsPerCounty > 0 && c.PerVillage < 1<<30 &&
			(c.Households+c.PerVillage*c.VillagesPerTownship*c.TownshipsPerCounty-1)/(c.PerVillage*c.VillagesPerTownship*c.TownshipsPerCounty) > 99 {
			c.PerVillage *= 2
		}
	}
	return c
}

// ErrConfig is returned for a configuration that cannot generate.
var ErrConfig = errors.New("gen: invalid configuration")

// Validate reports a configuration that cannot generate, wrapping [ErrConfig].
func (c Config) Validate() error {
	d := c.Defaults()
	switch {
	case d.Households <= 0:
		return fmt.Errorf("%w: households %d", ErrConfig, c.Households)
	case d.Year < 1990 || d.Year > 2100:
		return fmt.Errorf("%w: year %d", ErrConfig, c.Year)
	case !d.Province.IsProvince():
		return fmt.Errorf("%w: province %s", ErrConfig, c.Province)
	case d.PerVillage < 1 || d.VillagesPerTownship < 1 || d.TownshipsPerCounty < 1:
		return fmt.Errorf("%w: layout %d/%d/%d", ErrConfig, d.PerVillage, d.VillagesPerTownship, d.TownshipsPerCounty)
	case d.NextMonths < 0 || d.NextMonths > 12:
		return fmt.Errorf("%w: next months %d", ErrConfig, c.NextMonths)
	case d.Couples != nil && (d.Couples.Both < 0 || d.Couples.FatherOnly < 0 || d.Couples.MotherOnly < 0 ||
		d.Couples.Both+d.Couples.FatherOnly+d.Couples.MotherOnly > 1):
		return fmt.Errorf("%w: couple migration shares %v, %v, %v", ErrConfig, d.Couples.Both, d.Couples.FatherOnly, d.Couples.MotherOnly)
	case d.Counties() > 99:
		return fmt.Errorf("%w: %d households need more than 99 counties", ErrConfig, c.Households)
	}
	return nil
}

// Counties returns the number of counties the households fill.
func (c Config) Counties() int {
	d := c.Defaults()
	per := d.PerVillage * d.VillagesPerTownship * d.TownshipsPerCounty
	return (d.Households + per - 1) / per
}

// County returns the code of the k-th county (k from 0): the province code,
// then 01 (a prefecture) and 20+k, e.g. 530120. The codes are fictitious
// apart from their province.
func (c Config) County(k int) poverty.County {
	p := c.Province
	if p == poverty.National {
		p = c.Defaults().Province
	}
	return poverty.County(int(p)*10000 + 100 + 20 + k)
}

// Role is a member's place in the household. RoleUnknown is the zero value.
type Role uint8

// Roles.
const (
	RoleUnknown Role = iota
	Head
	Spouse
	Child
	Parent // a parent of the head or spouse
)

var roleWords = [...]string{"unknown", "head", "spouse", "child", "parent"}

// String returns the role's word.
func (r Role) String() string {
	if int(r) < len(roleWords) {
		return roleWords[r]
	}
	return fmt.Sprintf("Role(%d)", r)
}

// Work is what a member does for a living. NoWork is the zero value.
type Work uint8

// Kinds of work.
const (
	NoWork Work = iota
	// Farming: the household's own land and livestock.
	Farming
	// LocalJob: a wage job in the home county.
	LocalJob
	// WorkshopJob: a job at a poverty-alleviation workshop near home (S5).
	WorkshopJob
	// WelfarePost: a village public-welfare post (公益性岗位).
	WelfarePost
	// MigrantInProvince: a job in the province, outside the county.
	MigrantInProvince
	// MigrantOutOfProvince: a job in another province (Zhejiang, Guangdong).
	MigrantOutOfProvince
)

var workWords = [...]string{"none", "farming", "local_job", "workshop", "welfare_post", "migrant_in_province", "migrant_out_of_province"}

// String returns the kind of work as a stable word.
func (w Work) String() string {
	if int(w) < len(workWords) {
		return workWords[w]
	}
	return fmt.Sprintf("Work(%d)", w)
}

// Migrant reports whether the work is outside the county.
func (w Work) Migrant() bool { return w == MigrantInProvince || w == MigrantOutOfProvince }

// Person holds what the generator knows about a member beyond
// [poverty.Member]: role, work and pay, and health. People[i] describes
// Members[i].
type Person struct {
	Role Role
	Work Work
	// Pay is the gross monthly pay of a wage job; WorkMonths the months worked.
	Pay        poverty.Money
	WorkMonths int
	// Workshop is the workshop's number in the county (from 1), for WorkshopJob.
	Workshop int
	// Mother and Father are indexes in Members of a child's parents, -1 if
	// not in the household.
	Mother, Father int
	// Guardian is the index of the member who cares for a child whose
	// parents are both away, -1 otherwise.
	Guardian int
	Disabled bool
	Chronic  bool // a serious or chronic illness
	InSchool bool
	Returned bool // a migrant who came home to work (S5)
	// FirstMonth is the first month of the wage job in the year (0 for
	// January); the job runs WorkMonths months from it.
	FirstMonth int
}

// EventKind is a department's event about a household. EventUnknown is the
// zero value.
type EventKind uint8

// Kinds of department event (S3: medical insurance, civil affairs,
// emergency management; human resources for jobs).
const (
	EventUnknown EventKind = iota
	// MedicalBill: out-of-pocket medical spending after insurance (医保).
	MedicalBill
	// DisasterLoss: a loss from a natural disaster (应急管理).
	DisasterLoss
	// JobLoss: a member lost a wage job (人社).
	JobLoss
	// SchoolCost: a large schooling cost (教育).
	SchoolCost
)

var eventWords = [...]string{"unknown", "medical_bill", "disaster_loss", "job_loss", "school_cost"}

// String returns the event kind as a stable word.
func (k EventKind) String() string {
	if int(k) < len(eventWords) {
		return eventWords[k]
	}
	return fmt.Sprintf("EventKind(%d)", k)
}

// Event is one department record about a household: what, when, how much,
// and the member concerned (-1 for the whole household).
type Event struct {
	Kind   EventKind
	Date   poverty.Date
	Amount poverty.Money
	Member int
}

// Record is one generated household: a [poverty.Household] (members,
// income by component and by month — the 12 months of the year and the
// 12 before —, registration history) with where it
// lives, what its members do, its guarantees and its department events.
//
// Slices in a Record handed out by [Config.All] or [Generator.Fill] are
// reused for the next household: copy what must outlive the iteration.
type Record struct {
	poverty.Household
	Index      int // position in the population, from 0
	CountyNo   int // county number in the population, from 0
	Township   int // township number in the county, from 0
	Village    int // village number in the township, from 0
	People     []Person
	Guarantees poverty.Guarantees
	Events     []Event
}

// Generator makes households one at a time. It holds reusable state and is
// not safe for concurrent use; give each goroutine its own. The zero
// Generator is not usable: call [New].
type Generator struct {
	cfg Config
	pcg rand.PCG
	r   *rand.Rand
	ids [18]byte
}

// New returns a generator for the configuration.
func New(c Config) (*Generator, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	g := &Generator{cfg: c.Defaults()}
	g.r = rand.New(&g.pcg)
	return g, nil
}

// Config returns the generator's configuration with defaults applied.
func (g *Generator) Config() Config { return g.cfg }

// All returns the households in order. Each yielded *Record is reused for
// the next household. The same configuration yields the same sequence. An
// invalid configuration yields nothing: check it with [Config.Validate].
func (c Config) All() iter.Seq[*Record] {
	return func(yield func(*Record) bool) {
		g, err := New(c)
		if err != nil {
			return
		}
		var rec Record
		for i := range g.cfg.Households {
			g.Fill(&rec, i)
			if !yield(&rec) {
				return
			}
		}
	}
}

// mix is SplitMix64's finaliser: it spreads household indexes over the
// PCG state so that neighbouring households get unrelated streams.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Fill generates household i (0 <= i < Households) into rec, reusing its
// slices. Household i depends only on the configuration and i, so a
// population can be generated in shards, in any order, in parallel (one
// Generator per goroutine).
func (g *Generator) Fill(rec *Record, i int) {
	c := &g.cfg
	g.pcg.Seed(mix(c.Seed), mix(uint64(i)^0x5851f42d4c957f2d))
	r := g.r

	village := i / c.PerVillage
	township := village / c.VillagesPerTownship
	county := township / c.TownshipsPerCounty
	*rec = Record{
		Household: poverty.Household{
			Members: rec.Members[:0],
			Monthly: rec.Monthly[:0],
		},
		People: rec.People[:0],
		Events: rec.Events[:0],
	}
	rec.Index, rec.CountyNo = i, county
	rec.Township, rec.Village = township%c.TownshipsPerCounty, village%c.VillagesPerTownship
	rec.County = c.County(county)
	rec.Region = c.Province
	rec.Year = c.Year
	rec.Concept = c.Concept
	rec.ID = householdID(rec.County, i)

	registered := r.Float64() < pRegistered
	g.members(rec, registered)
	g.registration(rec, registered)
	g.work(rec, registered)
	if rec.Residents() == 0 {
		// Everyone is away: the head still counts as the household's
		// economic centre (经济与本户连为一体), so the household has a
		// resident member, as every registered record must.
		rec.Members[0].IncomeBroughtHome = true
		rec.Members[0].Exclusion = poverty.NoExclusion
	}
	g.income(rec, registered)
	g.guarantees(rec, registered)
	g.events(rec)
	if c.IDNumbers {
		g.identities(rec)
	}
}

// identities gives every member a valid identity number: the county code,
// the birth date, a sequence number (odd for men, even for women) and the
// GB 11643 check character.
func (g *Generator) identities(rec *Record) {
	const weights = "\x07\x09\x0a\x05\x08\x04\x02\x01\x06\x03\x07\x09\x0a\x05\x08\x04\x02"
	b := &g.ids
	for i := range rec.Members {
		m := &rec.Members[i]
		strconv.AppendUint(b[:0], uint64(rec.County), 10)
		d := m.BirthDate
		put := func(at, n, v int) {
			for k := at + n - 1; k >= at; k-- {
				b[k] = byte('0' + v%10)
				v /= 10
			}
		}
		put(6, 4, d.Year())
		put(10, 2, int(d.Month()))
		put(12, 2, d.Day())
		seq := g.r.IntN(500) * 2
		if m.Sex == poverty.Male {
			seq++
		}
		put(14, 3, seq)
		sum := 0
		for k := 0; k < 17; k++ {
			sum += int(b[k]-'0') * int(weights[k])
		}
		b[17] = "10X98765432"[sum%11]
		id, err := poverty.ParseIDNumber(string(b[:]))
		if err == nil {
			m.IDNumber = id
		}
	}
}

// householdID returns "H530120-0000042": the county and the index.
func householdID(c poverty.County, i int) string {
	var b [24]byte
	s := append(b[:0], 'H')
	s = strconv.AppendUint(s, uint64(c), 10) // counties are six digits
	s = append(s, '-')
	var d [10]byte
	n := i
	for k := len(d) - 1; k >= 0; k-- {
		d[k] = byte('0' + n%10)
		n /= 10
	}
	k := 0
	for k < len(d)-7 && d[k] == '0' {
		k++
	}
	s = append(s, d[k:]...)
	return string(s)
}

// Calibration constants; calibration.md gives each its source or marks it
// an assumption.
const (
	// pRegistered: share of households ever registered poor. Zhenxiong was
	// "once about one in three poor" (S1, article 003).
	pRegistered = 0.31
	// pReturned: share of lifted-out households that returned to poverty
	// and were registered again (assumption).
	pReturned = 0.004
	// pMigrant: share of able members aged 18-50 who work outside the
	// county (assumption; consistent with the 86% transfer rate of S6 once
	// local and workshop jobs are added).
	pMigrant     = 0.56
	pMigrantPoor = 0.45
	// pWorkshop: share of able members at home with a workshop job
	// (assumption; Zhenxiong 5,741 workers, Gangu over 30,000).
	pWorkshop = 0.06
	// pOutOfProvince: share of migrants working in another province.
	pOutOfProvince = 0.7
	// pBroughtHome: share of migrants whose income is mainly brought home.
	pBroughtHome = 0.85
	// remitShare: share of a migrant's gross pay counted as household
	// income, net of rent and living costs away (POLICY.md 7, admin rules).
	remitShare = 0.5
)

func (g *Generator) norm(mean, sd float64) float64 { return mean + sd*g.r.NormFloat64() }

func (g *Generator) birth(age int) poverty.Date {
	y := g.cfg.Year - age
	m := time.Month(1 + g.r.IntN(12))
	d := 1 + g.r.IntN(28)
	return poverty.MustDate(y, m, d)
}

func (g *Generator) addMember(rec *Record, role Role, age int, sex poverty.Sex) int {
	rec.Members = append(rec.Members, poverty.Member{BirthDate: g.birth(age), Sex: sex})
	rec.People = append(rec.People, Person{Role: role, Mother: -1, Father: -1, Guardian: -1})
	return len(rec.Members) - 1
}

func other(s poverty.Sex) poverty.Sex {
	if s == poverty.Male {
		return poverty.Female
	}
	return poverty.Male
}

// members draws the household's composition (assumptions; rural household
// size about 3.3).
func (g *Generator) members(rec *Record, poor bool) {
	r := g.r
	u := r.Float64()
	headSex := poverty.Male
	if r.Float64() < 0.12 {
		headSex = poverty.Female
	}
	switch {
	case u < 0.10: // elderly alone or couple
		age := 62 + r.IntN(25)
		g.addMember(rec, Head, age, headSex)
		if r.Float64() < 0.55 {
			g.addMember(rec, Spouse, age-3+r.IntN(6), other(headSex))
		}
	case u < 0.16: // young couple without children
		age := 22 + r.IntN(10)
		g.addMember(rec, Head, age, headSex)
		g.addMember(rec, Spouse, age-2+r.IntN(4), other(headSex))
	default: // nuclear, or three generations
		age := 26 + r.IntN(26)
		h := g.addMember(rec, Head, age, headSex)
		s := -1
		if r.Float64() < 0.97 {
			s = g.addMember(rec, Spouse, age-4+r.IntN(7), other(headSex))
		}
		kids := 1 + r.IntN(2)
		if r.Float64() < 0.2 || poor && r.Float64() < 0.2 {
			kids++
		}
		mother, father := h, s
		if headSex == poverty.Female {
			mother, father = h, s
		} else {
			mother, father = s, h
		}
		for k := 0; k < kids; k++ {
			kage := age - 20 - r.IntN(8) - 2*k
			if kage < 0 {
				kage = r.IntN(3)
			}
			sex := poverty.Male
			if r.IntN(100) < 48 {
				sex = poverty.Female
			}
			c := g.addMember(rec, Child, kage, sex)
			rec.People[c].Mother, rec.People[c].Father = mother, father
		}
		if u > 0.72 { // three generations
			pa := age + 24 + r.IntN(8)
			if pa < 90 {
				g.addMember(rec, Parent, pa, poverty.Female)
				if r.Float64() < 0.6 {
					g.addMember(rec, Parent, pa+2, poverty.Male)
				}
			}
		}
	}
}

func (g *Generator) registration(rec *Record, poor bool) {
	if !poor {
		return
	}
	r := g.r
	y := c2020(g.cfg.Year)
	reg := 2014 + r.IntN(3) // 建档立卡 from 2014
	if reg > y {
		reg = y
	}
	rec.Registration.Registered = reg
	// Exit years: spread over 2016-2020, weighted to the later years as
	// the national counts fell (assumption).
	ex := 2016 + int(math.Sqrt(r.Float64()*25))
	if ex <= reg {
		ex = reg + 1
	}
	if ex <= g.cfg.Year {
		rec.Registration.Exited = ex
		if r.Float64() < pReturned && ex < g.cfg.Year {
			rec.Registration.Returned = g.cfg.Year
		}
	}
}

func c2020(y int) int { return min(y, 2020) }

func (g *Generator) work(rec *Record, poor bool) {
	r := g.r
	pMig := pMigrant
	if poor {
		pMig = pMigrantPoor
	}
	for i := range rec.Members {
		m, p := &rec.Members[i], &rec.People[i]
		age := m.BirthDate.AgeOn(yearEnd(g.cfg.Year))
		disabled := 0.03
		chronic := 0.04 + float64(max(age-40, 0))*0.004
		if poor {
			disabled, chronic = 0.09, chronic*2
		}
		p.Disabled = r.Float64() < disabled
		p.Chronic = r.Float64() < chronic
		switch {
		case age < 16:
			m.Capacity = poverty.UnableToWork
			p.InSchool = age >= 6
		case age < 20 && r.Float64() < 0.55:
			m.Capacity = poverty.AbleToWork
			p.InSchool = true
			if age >= 16 && r.Float64() < 0.5 {
				m.Exclusion = poverty.BoardingStudent
				m.MonthsAway = 9
			}
		case p.Disabled:
			m.Capacity = poverty.UnableToWork
		case age < 60:
			m.Capacity = poverty.AbleToWork
			if p.Chronic {
				m.Capacity = poverty.PartlyAble
			}
		case age < 70:
			m.Capacity = poverty.PartlyAble
			if p.Chronic {
				m.Capacity = poverty.UnableToWork
			}
		default:
			m.Capacity = poverty.UnableToWork
			if r.Float64() < 0.2 {
				m.Capacity = poverty.PartlyAble
			}
		}
		if p.InSchool || !m.Capacity.CanWork() {
			continue
		}
		p.Work = Farming
		if m.Capacity == poverty.AbleToWork && age >= 18 && age <= 50 {
			switch u := r.Float64(); {
			case u < pMig:
				g.migrate(m, p)
			case u < pMig+pWorkshop:
				p.Work = WorkshopJob
				p.Pay = yuan(g.norm(2100, 200)) + 300*poverty.Yuan // 2,000+ plus a 300 subsidy (S1, Anhui)
				p.WorkMonths = 10 + r.IntN(3)
				p.Returned = r.Float64() < 0.25
			case u < pMig+pWorkshop+0.12:
				p.Work = LocalJob
				p.Pay = yuan(g.norm(2200, 400))
				p.WorkMonths = 6 + r.IntN(7)
			}
		} else if poor && m.Capacity.CanWork() && r.Float64() < 0.08 {
			p.Work = WelfarePost
			p.Pay = 400 * poverty.Yuan // village post, Guangyuan 2017 (POLICY.md 5.2)
			p.WorkMonths = 12
		}
	}
	if g.cfg.Couples != nil {
		g.couples(rec)
	}
	// Children whose parents are both away (or one away and the other
	// absent) are left behind with a guardian: a grandparent, or the
	// parent at home.
	for i := range rec.People {
		p := &rec.People[i]
		if p.Role != Child || rec.Members[i].BirthDate.AgeOn(yearEnd(g.cfg.Year)) >= 16 {
			continue
		}
		away := func(k int) bool { return k < 0 || rec.People[k].Work.Migrant() }
		if away(p.Mother) && away(p.Father) {
			for k := range rec.People {
				if rec.People[k].Role == Parent && !rec.People[k].Work.Migrant() {
					p.Guardian = k
					break
				}
			}
		}
	}
	// Workshop numbers: one workshop per about 1,500 households, within the
	// township (assumption; Zhenxiong had 97).
	for i := range rec.People {
		if rec.People[i].Work == WorkshopJob {
			perTown := max(1, g.cfg.PerVillage*g.cfg.VillagesPerTownship/1500)
			rec.People[i].Workshop = rec.Township*perTown + 1 + r.IntN(perTown)
		}
	}
}

// migrate makes the member a migrant worker: in or out of the province,
// with pay, months away and whether the income is brought home.
func (g *Generator) migrate(m *poverty.Member, p *Person) {
	r := g.r
	p.Work = MigrantInProvince
	p.Pay = yuan(g.norm(3300, 500))
	if r.Float64() < pOutOfProvince {
		p.Work = MigrantOutOfProvince
		p.Pay = yuan(g.norm(4300, 900)) // 4,000 in Zhejiang; up to 7,000 in Dongguan (S1)
	}
	p.WorkMonths = 9 + r.IntN(4)
	m.MonthsAway = p.WorkMonths
	m.IncomeBroughtHome = r.Float64() < pBroughtHome
}

// couples redraws where the parents of the household's children work from
// Config.Couples: the household's youngest parents (head and spouse) of a
// child under 18, jointly. Only able members aged 18-55 can be drawn away;
// a migrant drawn at home farms.
func (g *Generator) couples(rec *Record) {
	father, mother := -1, -1
	for i := range rec.People {
		p := &rec.People[i]
		if p.Role == Child && rec.Members[i].BirthDate.AgeOn(yearEnd(g.cfg.Year)) < 18 {
			father, mother = p.Father, p.Mother
			break
		}
	}
	if father < 0 && mother < 0 {
		return
	}
	c := g.cfg.Couples
	u := g.r.Float64()
	fa := u < c.Both+c.FatherOnly
	ma := u < c.Both || (u >= c.Both+c.FatherOnly && u < c.Both+c.FatherOnly+c.MotherOnly)
	set := func(k int, away bool) {
		if k < 0 {
			return
		}
		m, p := &rec.Members[k], &rec.People[k]
		age := m.BirthDate.AgeOn(yearEnd(g.cfg.Year))
		switch {
		case away && !p.Work.Migrant() && m.Capacity == poverty.AbleToWork && age >= 18 && age <= 55:
			*p = Person{Role: p.Role, Mother: p.Mother, Father: p.Father, Guardian: p.Guardian, Disabled: p.Disabled, Chronic: p.Chronic}
			g.migrate(m, p)
		case !away && p.Work.Migrant():
			*p = Person{Role: p.Role, Mother: p.Mother, Father: p.Father, Guardian: p.Guardian, Disabled: p.Disabled, Chronic: p.Chronic, Work: Farming}
			m.MonthsAway, m.IncomeBroughtHome = 0, false
		}
	}
	set(father, fa)
	set(mother, ma)
}

func yearEnd(y int) poverty.Date { return poverty.MustDate(y, time.December, 31) }

// Wages returns member k's wages of the year as the household's income
// counts them (its Wage component is their sum over the members): the
// monthly pay for WorkMonths months, a migrant's at the share counted as
// household income (half the gross pay, in whole yuan: calibration.md).
// Zero for a member without a wage job.
func (r *Record) Wages(k int) poverty.Money {
	p := &r.People[k]
	return countedPay(p) * poverty.Money(p.WorkMonths)
}

// countedPay is the monthly pay of a wage job as household income.
func countedPay(p *Person) poverty.Money {
	if p.Work.Migrant() {
		return poverty.Money(float64(p.Pay)*remitShare) / poverty.Yuan * poverty.Yuan
	}
	return p.Pay
}

// yuan rounds a float amount of yuan to whole yuan, never below zero.
func yuan(v float64) poverty.Money {
	if v < 0 {
		v = 0
	}
	return poverty.Money(math.Round(v)) * poverty.Yuan
}

// income builds the household's monthly incomes from its members' work,
// its farm and its transfers, and the annual income as their sum.
func (g *Generator) income(rec *Record, poor bool) {
	r := g.r
	var month [12]poverty.Income
	for i := range rec.People {
		p := &rec.People[i]
		if p.Pay == 0 {
			continue
		}
		pay := countedPay(p)
		start := r.IntN(13 - p.WorkMonths)
		p.FirstMonth = start
		for k := start; k < start+p.WorkMonths; k++ {
			month[k].Wage += pay
		}
	}
	// The farm: gross sales after the harvest, costs in spring (assumption).
	workers := 0
	for i := range rec.People {
		if rec.People[i].Work == Farming {
			workers++
		}
	}
	mu := 2 + r.IntN(6)
	if workers > 0 || r.Float64() < 0.5 {
		perMu := g.norm(1900, 400)
		if poor {
			perMu *= 0.8
		}
		gross := yuan(perMu * float64(mu) * (1 + 0.4*float64(workers)))
		costs := gross * 35 / 100 / poverty.Yuan * poverty.Yuan
		month[8].OperatingIncome += gross * 3 / 10 / poverty.Yuan * poverty.Yuan
		month[9].OperatingIncome += gross * 4 / 10 / poverty.Yuan * poverty.Yuan
		month[10].OperatingIncome += gross - gross*3/10/poverty.Yuan*poverty.Yuan - gross*4/10/poverty.Yuan*poverty.Yuan
		month[2].OperatingCosts += costs / 2 / poverty.Yuan * poverty.Yuan
		month[3].OperatingCosts += costs - costs/2/poverty.Yuan*poverty.Yuan
		month[11].Depreciation += yuan(float64(mu) * 30)
	}
	// Land rent and dividends from village cooperatives (assumption).
	if r.Float64() < 0.3 {
		month[11].Property += yuan(g.norm(300, 100) * float64(mu))
	}
	// Transfers: rural basic pension from 60 (about 110 yuan a month,
	// assumption), minimum living allowance for some poor households,
	// ecological and farm subsidies once a year, pension contributions out.
	for i := range rec.Members {
		age := rec.Members[i].BirthDate.AgeOn(yearEnd(g.cfg.Year))
		if age >= 60 {
			for k := range month {
				// Pension, and support from children living elsewhere.
				month[k].TransferIncome += 110*poverty.Yuan + 200*poverty.Yuan
			}
		}
		if age >= 18 && age < 60 {
			month[5].TransferSpending += 100 * poverty.Yuan
		}
		if rec.People[i].Disabled {
			for k := range month {
				month[k].TransferIncome += 70 * poverty.Yuan // disability living allowance (assumption)
			}
		}
	}
	month[3].TransferIncome += yuan(g.norm(120, 30) * float64(mu))
	if poor {
		// Industry support paid to registered households (assumption).
		month[6].TransferIncome += yuan(g.norm(800, 300))
	}
	// Remittances from members settled elsewhere are ignored; the one-off
	// and earmarked receipts are recorded as excluded.
	if rec.Registration.Registered != 0 && r.Float64() < 0.1 {
		month[4].Excluded.EarmarkedSubsidy += 40000 * poverty.Yuan // housing subsidy (S1)
	}
	// The safety net: most households left below Config.SafetyNet a head
	// (by default the monitoring line: 6,000 yuan in 2020, 1.5 times the
	// standard) receive the minimum living allowance (低保) and other
	// support, topped up to a level drawn between the net and a third above
	// it (assumption; by 2020 "two assurances" were secured and the
	// monitored population was generally about 5% of the registered
	// population).
	var total poverty.Income
	for k := range month {
		total, _ = total.Add(month[k])
	}
	if n := rec.Residents(); n > 0 {
		t, _ := total.Total()
		pc := t / poverty.Money(n)
		if net := g.cfg.SafetyNet; pc < net && r.Float64() < 0.85 {
			lo := net.Yuan()
			top := (yuan(lo+lo/3*r.Float64()) - pc) * poverty.Money(n) / 12 / poverty.Yuan * poverty.Yuan
			for k := range month {
				month[k].TransferIncome += top
			}
		}
	}
	// The year before, so that every 12-month window ending in the year is
	// complete (identification at any date of the year, the "stably above"
	// windows of the elimination test): each month as the same month of
	// the year, deflated by rural income growth of about 8% a year
	// (assumption).
	for k := range month {
		rec.Monthly = append(rec.Monthly, poverty.MonthlyIncome{
			Month: poverty.YearMonthOf(g.cfg.Year-1, time.Month(k+1)), Income: deflate(&month[k])})
	}
	total = poverty.Income{}
	for k := range month {
		rec.Monthly = append(rec.Monthly, poverty.MonthlyIncome{
			Month: poverty.YearMonthOf(g.cfg.Year, time.Month(k+1)), Income: month[k]})
		total, _ = total.Add(month[k])
	}
	rec.Income = total
	for k := range g.cfg.NextMonths {
		rec.Monthly = append(rec.Monthly, poverty.MonthlyIncome{
			Month: poverty.YearMonthOf(g.cfg.Year+1, time.Month(k+1)), Income: grow(&month[k])})
	}
}

// growthPct is the assumed growth of rural incomes from the year before,
// in percent.
const growthPct = 8

// deflate returns the month's income of the year before: every component
// divided by 1 + growthPct/100, in whole yuan.
func deflate(in *poverty.Income) poverty.Income {
	d := func(m poverty.Money) poverty.Money { return m * 100 / (100 + growthPct) / poverty.Yuan * poverty.Yuan }
	return poverty.Income{Wage: d(in.Wage), OperatingIncome: d(in.OperatingIncome), OperatingCosts: d(in.OperatingCosts),
		Depreciation: d(in.Depreciation), ProductionTaxes: d(in.ProductionTaxes), Property: d(in.Property),
		TransferIncome: d(in.TransferIncome), TransferSpending: d(in.TransferSpending)}
}

// grow returns the month's income of the year after: every component
// times 1 + growthPct/100, in whole yuan.
func grow(in *poverty.Income) poverty.Income {
	d := func(m poverty.Money) poverty.Money { return m * (100 + growthPct) / 100 / poverty.Yuan * poverty.Yuan }
	return poverty.Income{Wage: d(in.Wage), OperatingIncome: d(in.OperatingIncome), OperatingCosts: d(in.OperatingCosts),
		Depreciation: d(in.Depreciation), ProductionTaxes: d(in.ProductionTaxes), Property: d(in.Property),
		TransferIncome: d(in.TransferIncome), TransferSpending: d(in.TransferSpending)}
}

func (g *Generator) guarantees(rec *Record, poor bool) {
	rec.Guarantees = poverty.AllSecured()
	if !poor {
		return
	}
	// A few lifted-out households still have a gap (assumption, 1% each).
	r := g.r
	if r.Float64() < 0.01 {
		rec.Guarantees.Housing = poverty.NotSecured
	}
	if r.Float64() < 0.01 {
		rec.Guarantees.DrinkingWater = poverty.NotSecured
	}
}

// events draws department events in the year: medical bills for the
// chronically ill, disaster losses, job losses and boarding students'
// school costs (assumptions; S3).
func (g *Generator) events(rec *Record) {
	r := g.r
	y := g.cfg.Year
	day := func() poverty.Date { return poverty.MustDate(y, time.Month(1+r.IntN(12)), 1+r.IntN(28)) }
	for i := range rec.People {
		p := &rec.People[i]
		if p.Chronic && r.Float64() < 0.35 {
			amt := yuan(math.Exp(g.norm(8.3, 0.9))) // median about 4,000; a tail above 10,000
			rec.Events = append(rec.Events, Event{Kind: MedicalBill, Date: day(), Amount: amt, Member: i})
		}
		if p.Work.Migrant() && r.Float64() < 0.03 {
			rec.Events = append(rec.Events, Event{Kind: JobLoss, Date: day(), Member: i})
		}
		if rec.Members[i].Exclusion == poverty.BoardingStudent && r.Float64() < 0.3 {
			rec.Events = append(rec.Events, Event{Kind: SchoolCost, Date: day(), Amount: yuan(g.norm(4000, 1000)), Member: i})
		}
	}
	if r.Float64() < 0.01 {
		rec.Events = append(rec.Events, Event{Kind: DisasterLoss, Date: day(), Amount: yuan(math.Exp(g.norm(8.5, 0.8))), Member: -1})
	}
}
