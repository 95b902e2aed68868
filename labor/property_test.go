package labor

import (
	"fmt"
	"slices"
	"testing"

	"github.com/openfupin/fupin/poverty"
)

// TestPropertyAddingAJob: adding a job to any worker never lowers the
// household's income in any year (AddWages), and adding a workshop job near
// home never lowers a workshop household's income after, never makes a
// child left-behind, and never undoes a reunion (Impact).
func TestPropertyAddingAJob(t *testing.T) {
	sc, err := genWorkshops(7, workshopSpec{County: poverty.MustParseCounty("620523"), Workshops: 6, Workers: 240, Poor: 40, Monitored: 10,
		ReturnedMothers: 40, ReturnedOthers: 10, OtherChildren: 5, BaselineYear: 2017, Year: 2019, Opened: date(2018, 1, 1)})
	if err != nil {
		t.Fatal(err)
	}
	r62 := poverty.MustParseRegion("62")
	opts := ImpactOptions{Year: 2019, BaselineYear: 2017, Before: linesOf(t, 2017, r62), After: linesOf(t, 2019, r62), Children: &sc.before}
	base, err := sc.idx.Impact(nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	baseAfter := map[string]poverty.Money{}
	for _, h := range base.PerHousehold {
		baseAfter[h.Household] = h.After.Amount
	}
	r := newRand(99)
	rec := sc.idx.Records()
	trials := 60
	if testing.Short() {
		trials = 15
	}
	for trial := range trials {
		w := rec.Workers[r.IntN(len(rec.Workers))]
		start := randDate(r, date(2016, 1, 1), 4*365)
		job := Job{ID: fmt.Sprintf("added-%d", trial), Worker: w.ID, Employer: "new", Channel: Channel(1 + r.IntN(6)),
			Place: Place(1 + r.IntN(7)), MonthlyWage: poverty.Money(r.Int64N(int64(8000 * poverty.Yuan))), Start: start}
		if r.IntN(2) == 0 {
			job.End = start.AddDays(r.IntN(900))
		}
		if trial%2 == 0 { // half the trials add a workshop job near home
			job.Channel, job.Place = ChannelWorkshop, Place(1+r.IntN(3))
		}
		if job.Channel == ChannelWorkshop {
			job.Workshop = rec.Workshops[r.IntN(len(rec.Workshops))].ID
		}
		t.Run(fmt.Sprintf("%s %s %s from %s", w.ID, job.Channel, job.Place, job.Start), func(t *testing.T) {
			// Any job: the household's income does not fall in any year.
			for _, year := range []int{2017, 2018, 2019, 2020} {
				h, _, jobs, ok := sc.idx.Household(w.Household, year)
				if !ok {
					continue
				}
				own := slices.Concat(jobs...)
				before, err := AddWages(&h, own)
				if err != nil {
					t.Fatal(err)
				}
				after, err := AddWages(&h, append(slices.Clone(own), job))
				if err != nil {
					t.Fatal(err)
				}
				pb, _ := before.PerCapita()
				pa, _ := after.PerCapita()
				if after.Income.Wage < before.Income.Wage || pa.Amount < pb.Amount {
					t.Errorf("%d: income fell from %s to %s per capita", year, pb, pa)
				}
			}
			if job.Channel != ChannelWorkshop || !job.Place.nearHome() {
				return
			}
			more := *rec
			more.Jobs = append(slices.Clone(rec.Jobs), job)
			idx, err := NewIndex(&more)
			if err != nil {
				t.Fatal(err)
			}
			got, err := idx.Impact(nil, opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range got.PerHousehold {
				if was, ok := baseAfter[h.Household]; ok && h.After.Amount < was {
					t.Errorf("household %s: income after fell from %s to %s", h.Household, was, h.After.Amount)
				}
			}
			if got.StartedLeftBehind != 0 || got.LeftBehindAfter > base.LeftBehindAfter || got.ChildrenReunited < base.ChildrenReunited {
				t.Errorf("left-behind after %d -> %d, started %d, reunited %d -> %d", base.LeftBehindAfter, got.LeftBehindAfter,
					got.StartedLeftBehind, base.ChildrenReunited, got.ChildrenReunited)
			}
		})
	}
}
