package gen

import (
	"strconv"
	"time"

	"github.com/openfupin/fupin/children"
	"github.com/openfupin/fupin/labor"
	"github.com/openfupin/fupin/poverty"
	"github.com/openfupin/fupin/risk"
)

// This file turns a generated household into the records of the other
// packages: department events and risk factors (risk), the child registry
// (children), and workers with their jobs (labor). The mappings are
// assumptions of the generator, documented where they are made.

// reimbursed is the share of a medical bill the generator assumes medical
// insurance paid, so that a bill's total is its out-of-pocket part divided
// by 1 - reimbursed (assumption: about half).
const reimbursed = 50

// severeBill is the out-of-pocket amount from which a medical bill is
// recorded as a serious illness (assumption).
const severeBill = 20000 * poverty.Yuan

// RiskEvents appends the household's department events as [risk.Event]
// records to dst: medical bills as medical-insurance claims, disaster
// losses (recorded as floods, assumption), and lost jobs as employment
// events with the monthly wage lost.
func (r *Record) RiskEvents(dst []risk.Event) []risk.Event {
	for i := range r.Events {
		e := &r.Events[i]
		switch e.Kind {
		case MedicalBill:
			dst = append(dst, risk.Event{Kind: risk.MedicalClaim, Date: e.Date, Ref: r.ID + "-m" + strconv.Itoa(i),
				Total: e.Amount * 100 / (100 - reimbursed), OutOfPocket: e.Amount, Severe: e.Amount >= severeBill})
		case DisasterLoss:
			dst = append(dst, risk.Event{Kind: risk.DisasterEvent, Date: e.Date, Ref: r.ID + "-d" + strconv.Itoa(i),
				Hazard: risk.DisasterFlood, Loss: e.Amount})
		case JobLoss:
			var pay poverty.Money
			if e.Member >= 0 {
				pay = r.People[e.Member].Pay
			}
			dst = append(dst, risk.Event{Kind: risk.Employment, Date: e.Date, Ref: r.ID + "-j" + strconv.Itoa(i),
				Action: risk.JobLost, PreviousWage: pay})
		case SchoolCost:
			dst = append(dst, risk.Event{Kind: risk.EducationEvent, Date: e.Date, Ref: r.ID + "-s" + strconv.Itoa(i),
				Action: risk.SchoolCosts, Amount: e.Amount})
		}
	}
	return dst
}

// Factors returns the risk factors a village cadre would record for the
// household on the date until (zero: at the end of the year) from what the
// generator knows: illness for a chronically ill member, disability, lack
// of labour when no resident can work, unstable employment after a lost
// job, and flood after a disaster, events counting up to until.
func (r *Record) Factors(until poverty.Date) risk.FactorSet {
	var f risk.FactorSet
	for i := range r.People {
		p := &r.People[i]
		if p.Chronic {
			f |= risk.FactorsOf(risk.Illness)
		}
		if p.Disabled {
			f |= risk.FactorsOf(risk.Disability)
		}
	}
	if r.Workers() == 0 {
		f |= risk.FactorsOf(risk.LackOfLabor)
	}
	for i := range r.Events {
		if !until.IsZero() && r.Events[i].Date.After(until) {
			continue
		}
		switch r.Events[i].Kind {
		case JobLoss:
			f |= risk.FactorsOf(risk.UnstableEmployment)
		case DisasterLoss:
			f |= risk.FactorsOf(risk.DisasterFlood)
		}
	}
	return f
}

// situation is where a parent is, for the child registry.
func (r *Record) situation(k int) children.Situation {
	if k < 0 {
		return 0 // no such parent
	}
	p := &r.People[k]
	switch {
	case p.Work == MigrantOutOfProvince:
		return children.MigrantOutOfProvince
	case p.Work == MigrantInProvince:
		return children.MigrantInProvince
	case p.Disabled:
		return children.SeverelyDisabled
	}
	return children.AtHome
}

// since is the date a parent's situation began: the start of the year's
// job for migrants (assumption: they left that month), otherwise the start
// of the year.
func (r *Record) since(k int, year int) poverty.Date {
	if k >= 0 && r.People[k].Work.Migrant() {
		return poverty.MustDate(year, time.Month(1+r.People[k].FirstMonth), 1)
	}
	return poverty.MustDate(year, time.January, 1)
}

// Children appends the household's minors (members of role Child under
// 18 on the date) to dst as [children.Child] records for a village child
// registry, with their parents' situations, their guardian and living
// arrangement, and their schooling by age. Children whose parents are
// both away live with a grandparent when one is at home (Guardian), or
// else with another relative (assumption).
func (r *Record) Children(dst []children.Child, on poverty.Date) []children.Child {
	for i := range r.Members {
		p := &r.People[i]
		m := &r.Members[i]
		age := m.BirthDate.AgeOn(on)
		if p.Role != Child || age >= 18 {
			continue
		}
		c := children.Child{
			ID: r.ID + "-c" + strconv.Itoa(i), IDNumber: m.IDNumber, BirthDate: m.BirthDate, Sex: m.Sex,
			Hukou: children.Rural, County: r.County,
			Township: "T" + strconv.Itoa(r.Township+1), Village: "V" + strconv.Itoa(r.Township+1) + "-" + strconv.Itoa(r.Village+1),
			Household: r.ID,
		}
		year := on.Year()
		c.Father = children.Parent{ID: r.ID + "-p" + strconv.Itoa(p.Father), Situation: r.situation(p.Father), Since: r.since(p.Father, year)}
		c.Mother = children.Parent{ID: r.ID + "-p" + strconv.Itoa(p.Mother), Situation: r.situation(p.Mother), Since: r.since(p.Mother, year)}
		if p.Father < 0 {
			c.Father = children.Parent{Situation: children.Deceased}
		}
		if p.Mother < 0 {
			c.Mother = children.Parent{Situation: children.Deceased}
		}
		fa, ma := c.Father.Situation == children.AtHome, c.Mother.Situation == children.AtHome
		switch {
		case fa && ma:
			c.Living, c.Guardian = children.WithParents, children.Guardian{Kind: children.GuardianParent, Capacity: children.Capable}
		case fa || ma:
			c.Living, c.Guardian = children.WithOneParent, children.Guardian{Kind: children.GuardianParent, Capacity: children.Capable}
		case p.Guardian >= 0:
			g := &r.Members[p.Guardian]
			gage := g.BirthDate.AgeOn(on)
			capable := children.Capable
			if gage >= 80 {
				capable = children.Incapable
			}
			c.Living = children.WithGrandparents
			c.Guardian = children.Guardian{Kind: children.Grandparent, Age: gage, Capacity: capable, Agreement: r.Index%3 != 0}
		default:
			c.Living = children.WithRelatives
			c.Guardian = children.Guardian{Kind: children.OtherRelative, Capacity: children.Capable, Agreement: r.Index%2 == 0}
		}
		switch {
		case age < 3:
			c.School = children.NotEnrolled
		case age < 6:
			c.School = children.Preschool
		case age < 12:
			c.School = children.Primary
		case age < 15:
			c.School = children.JuniorSecondary
		default:
			c.School = children.SeniorSecondary
		}
		dst = append(dst, c)
	}
	return dst
}

// Labor returns the household as a [labor.Household] snapshot with its
// members as workers and their wage jobs of the year: migrants placed by a
// labour-export workstation (60%) or hired at a job fair (25%), the rest
// self-found (assumption, after Zhenxiong's five workstations and its job
// fairs, S6); workshop jobs through the workshop channel;
// welfare posts through the public-welfare-post channel; local jobs
// self-found in the county. Farming is not a job record. The household's
// wages are left in its income ([labor.AddWages] would count them twice).
func (r *Record) Labor(workers []labor.Worker, jobs [][]labor.Job) (labor.Household, []labor.Worker, [][]labor.Job) {
	h := labor.Household{Household: r.Household}
	workers, jobs = workers[:0], jobs[:0]
	year := r.Year
	for i := range r.Members {
		m, p := &r.Members[i], &r.People[i]
		if p.Role == Child && m.BirthDate.AgeOn(poverty.MustDate(year, time.December, 31)) < 16 {
			continue
		}
		id := r.ID + "-p" + strconv.Itoa(i)
		workers = append(workers, labor.Worker{ID: id, Household: r.ID, IDNumber: m.IDNumber, BirthDate: m.BirthDate, Sex: m.Sex, Capacity: m.Capacity})
		var js []labor.Job
		if k := len(workers) - 1; k < cap(jobs) {
			js = jobs[:k+1][k][:0]
		}
		if p.Work != NoWork && p.Work != Farming && p.WorkMonths > 0 {
			start := poverty.MustDate(year, time.Month(1+p.FirstMonth), 1)
			end := start.AddMonths(p.WorkMonths).AddDays(-1)
			j := labor.Job{ID: id + "-j", Worker: id, Employer: "employer", MonthlyWage: p.Pay, Start: start, End: end,
				Channel: labor.ChannelSelfFound, Place: labor.InCounty}
			switch p.Work {
			case MigrantOutOfProvince, MigrantInProvince:
				j.Place, j.Destination = labor.OtherProvince, poverty.MustParseRegion("44")
				if p.Work == MigrantInProvince {
					j.Place, j.Destination = labor.InProvince, r.Province()
				}
				switch u := (r.Index*7 + i*13) % 20; {
				case u < 12:
					j.Channel, j.Via = labor.ChannelWorkstation, "workstation-"+j.Destination.String()
				case u < 17:
					j.Channel, j.Via = labor.ChannelJobFair, "job-fair-"+strconv.Itoa(r.Year)
				}
			case WorkshopJob:
				j.Channel, j.Place, j.Workshop = labor.ChannelWorkshop, labor.InTownship, WorkshopID(r.County, p.Workshop)
				j.Employer = j.Workshop
			case WelfarePost:
				j.Channel, j.Place = labor.ChannelPublicWelfarePost, labor.InVillage
			}
			js = append(js, j)
		}
		jobs = append(jobs, js)
	}
	return h, workers, jobs
}

// WorkshopID names workshop n of a county: "W530120-007".
func WorkshopID(c poverty.County, n int) string {
	s := strconv.Itoa(n)
	for len(s) < 3 {
		s = "0" + s
	}
	return "W" + c.String() + "-" + s
}
