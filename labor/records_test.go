package labor

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

func d(s string) poverty.Date { return poverty.MustParseDate(s) }

func TestJobServiceAndWage(t *testing.T) {
	tests := []struct {
		name       string
		start, end string
		wage       string
		year       int
		want       Service
		wantWage   string
	}{
		{"whole year", "2019-06-01", "", "2000", 2020,
			Service{Year: 2020, From: d("2020-01-01"), To: d("2020-12-31"), Days: 366, Months: 12}, "24000.00"},
		{"not yet started", "2021-01-01", "", "2000", 2020, Service{}, "0.00"},
		{"ended the year before", "2018-01-01", "2019-12-31", "2000", 2020, Service{}, "0.00"},
		{"1 July to 31 December is six whole months", "2020-07-01", "2020-12-31", "1000", 2020,
			Service{Year: 2020, From: d("2020-07-01"), To: d("2020-12-31"), Days: 184, Months: 6}, "6000.00"},
		{"part month paid by days of its span", "2020-03-15", "2020-06-20", "3100", 2020,
			Service{Year: 2020, From: d("2020-03-15"), To: d("2020-06-20"), Days: 98, Months: 3, PartDays: 6, PartSpan: 30}, "9920.00"},
		{"31 January plus a month ends 28 February in a common year", "2021-01-31", "2021-02-27", "2800", 2021,
			Service{Year: 2021, From: d("2021-01-31"), To: d("2021-02-27"), Days: 28, Months: 1}, "2800.00"},
		{"one day", "2020-12-31", "2020-12-31", "3100", 2020,
			Service{Year: 2020, From: d("2020-12-31"), To: d("2020-12-31"), Days: 1, PartDays: 1, PartSpan: 31}, "100.00"},
		{"rounding half up to the fen", "2020-12-31", "2020-12-31", "2000", 2020,
			Service{Year: 2020, From: d("2020-12-31"), To: d("2020-12-31"), Days: 1, PartDays: 1, PartSpan: 31}, "64.52"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := Job{ID: "j", Start: d(tt.start), MonthlyWage: poverty.MustParseMoney(tt.wage)}
			if tt.end != "" {
				j.End = d(tt.end)
			}
			if diff := cmp.Diff(tt.want, j.ServiceIn(tt.year), dateCmp); diff != "" {
				t.Errorf("ServiceIn (-want +got):\n%s", diff)
			}
			w, err := j.WageIn(tt.year)
			if err != nil {
				t.Fatal(err)
			}
			if w != poverty.MustParseMoney(tt.wantWage) {
				t.Errorf("WageIn %s, want %s", w, tt.wantWage)
			}
		})
	}
}

func TestMonthsInPost(t *testing.T) {
	j := Job{Start: d("2022-10-01"), End: d("2023-03-15")}
	for _, tt := range []struct {
		on   string
		want int
	}{{"2022-09-30", 0}, {"2022-10-01", 0}, {"2022-10-31", 1}, {"2022-12-30", 2}, {"2022-12-31", 3}, {"2024-01-01", 5}} {
		if got := j.monthsInPost(d(tt.on)); got != tt.want {
			t.Errorf("MonthsInPost(%s) = %d, want %d", tt.on, got, tt.want)
		}
	}
}

// opTest is the operation the validators are called for in these tests.
const opTest = "labor.test"

func TestValidateNamesRecordAndField(t *testing.T) {
	id := mustIDNumber("11010519491231002X")
	tests := []struct {
		name   string
		err    error
		field  string
		sent   error
		hideID bool
	}{
		{"job without worker", (&Job{ID: "j1", Channel: ChannelSelfFound, Place: InVillage, Start: d("2020-01-01")}).validate(opTest), "worker", poverty.ErrMissing, false},
		{"job with negative wage", (&Job{ID: "j2", Worker: "w", Channel: ChannelSelfFound, Place: InVillage, Start: d("2020-01-01"), MonthlyWage: -1}).validate(opTest), "monthly_wage", poverty.ErrNegative, false},
		{"job ending before it starts", (&Job{ID: "j3", Worker: "w", Channel: ChannelSelfFound, Place: InVillage, Start: d("2020-01-01"), End: d("2019-01-01")}).validate(opTest), "end", poverty.ErrRange, false},
		{"workshop job without workshop", (&Job{ID: "j4", Worker: "w", Channel: ChannelWorkshop, Place: InVillage, Start: d("2020-01-01")}).validate(opTest), "workshop", nil, false},
		{"worker birth date contradicts identity number", (&Worker{ID: "w1", Household: "h", IDNumber: id, BirthDate: d("1950-01-01")}).validate(opTest), "birth_date", nil, true},
		{"workshop without type", (&Workshop{ID: "s"}).validate(opTest), "type", poverty.ErrMissing, false},
		{"fair hiring more than its vacancies", (&JobFair{ID: "f", Date: d("2020-03-01"), Vacancies: 1, Hires: 2}).validate(opTest), "hires", poverty.ErrRange, false},
		{"station in an unknown province", (&Workstation{ID: "s", Host: 99}).validate(opTest), "host_province", poverty.ErrUnknownRegion, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fe *poverty.FieldError
			if !errors.As(tt.err, &fe) || fe.Field != tt.field || fe.Op != opTest {
				t.Fatalf("error %v: want a FieldError of %s on %q", tt.err, opTest, tt.field)
			}
			if tt.sent != nil && !errors.Is(tt.err, tt.sent) {
				t.Errorf("error %v does not wrap %v", tt.err, tt.sent)
			}
			if tt.hideID && strings.Contains(tt.err.Error(), id.Unmasked()) {
				t.Errorf("error shows the identity number: %v", tt.err)
			}
		})
	}
}

func TestNewIndexReferences(t *testing.T) {
	rec := &Records{
		Households: []Household{{Household: poverty.Household{ID: "h", Year: 2020, Concept: poverty.NetIncome, Members: []poverty.Member{{BirthDate: d("1980-01-01")}}}}},
		Workers:    []Worker{{ID: "w", Household: "h", BirthDate: d("1980-01-01")}, {ID: "w", Household: "h", BirthDate: d("1980-01-01")}, {ID: "x", Household: "nowhere", BirthDate: d("1980-01-01")}},
		Jobs: []Job{{ID: "j", Worker: "ghost", Channel: ChannelSelfFound, Place: InVillage, Start: d("2020-01-01")},
			{ID: "k", Worker: "w", Channel: ChannelWorkshop, Workshop: "nows", Place: InVillage, Start: d("2020-01-01")},
			{ID: "l", Worker: "w", Channel: ChannelJobFair, Via: "nofair", Place: InVillage, Start: d("2020-01-01")}},
	}
	_, err := NewIndex(rec)
	if !errors.Is(err, poverty.ErrDuplicate) || !errors.Is(err, ErrUnknownReference) {
		t.Fatalf("error %v", err)
	}
	for _, want := range []string{`"w"`, `"x": field household`, `"j": field worker`, `"k": field workshop`, `"l": field via`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not name %s: %v", want, err)
		}
	}
}

func TestEnumWords(t *testing.T) {
	type enum interface {
		MarshalText() ([]byte, error)
	}
	tests := []struct {
		v     enum
		word  string
		parse func([]byte) error
	}{
		{ChannelJobFair, "job_fair", func(b []byte) error { var c Channel; return c.UnmarshalText(b) }},
		{OtherProvince, "other_province", func(b []byte) error { var p Place; return p.UnmarshalText(b) }},
		{HomeBased, "home_based", func(b []byte) error { var x WorkshopType; return x.UnmarshalText(b) }},
		{SiteRelocation, "relocation_site", func(b []byte) error { var x Site; return x.UnmarshalText(b) }},
		{Excellent, "excellent", func(b []byte) error { var x Grade; return x.UnmarshalText(b) }},
		{GroupLiftedOutOrMonitored, "lifted_out_or_monitored", func(b []byte) error { var x Group; return x.UnmarshalText(b) }},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			b, err := tt.v.MarshalText()
			if err != nil || string(b) != tt.word {
				t.Fatalf("MarshalText = %q, %v", b, err)
			}
			if err := tt.parse(b); err != nil {
				t.Errorf("UnmarshalText(%q): %v", b, err)
			}
			if err := tt.parse([]byte(tt.word + "x")); !errors.Is(err, poverty.ErrUnknownWord) {
				t.Errorf("UnmarshalText(%q) = %v, want ErrUnknownWord", tt.word+"x", err)
			}
		})
	}
	// Marshalling never fails on the zero value: the unset word reads back.
	if b, err := Channel(0).MarshalText(); err != nil || string(b) != "unknown" {
		t.Errorf("unknown channel marshals to %q, %v", b, err)
	} else if c := ChannelWorkshop; c.UnmarshalText(b) != nil || c != Channel(0) {
		t.Errorf("%q reads back as %v", b, c)
	}
	if _, err := Channel(99).MarshalText(); !errors.Is(err, poverty.ErrUnknownWord) {
		t.Errorf("an out-of-range channel marshals: %v", err)
	}
	if s := Place(42).String(); s != "Place(42)" {
		t.Errorf("out of range Place = %q", s)
	}
}

func TestPlaceCategories(t *testing.T) {
	type row struct{ township, county, near bool }
	want := map[Place]row{InVillage: {false, false, true}, InTownship: {false, false, true}, InCounty: {true, false, true},
		InCity: {true, true, false}, InProvince: {true, true, false}, OtherProvince: {true, true, false}, PlaceOther: {true, true, false}, Place(0): {}}
	for p, w := range want {
		if got := (row{p.Outside(InTownship), p.Outside(InCounty), p.nearHome()}); got != w {
			t.Errorf("%s: %+v, want %+v", p, got, w)
		}
	}
	// Outside follows the census order for every pair of set places, and
	// the zero value is outside nothing.
	for p := InVillage; p <= PlaceOther; p++ {
		for q := InVillage; q <= PlaceOther; q++ {
			if got := p.Outside(q); got != (p > q) {
				t.Errorf("%s.Outside(%s) = %v", p, q, got)
			}
		}
		if Place(0).Outside(p) {
			t.Errorf("the zero Place is outside %s", p)
		}
	}
}

func TestGroupContains(t *testing.T) {
	poor := poverty.Registration{Registered: 2016}
	out := poverty.Registration{Registered: 2015, Exited: 2019}
	tests := []struct {
		g         Group
		r         poverty.Registration
		monitored bool
		want      bool
	}{
		{GroupRegisteredPoor, poor, false, true}, {GroupRegisteredPoor, out, false, false},
		{GroupRegistered, out, false, true}, {GroupRegistered, poverty.Registration{Registered: 2021}, false, false},
		{GroupLiftedOut, out, false, true}, {GroupLiftedOut, poor, false, false},
		{GroupLiftedOutOrMonitored, poverty.Registration{}, true, true}, {GroupRegisteredOrMonitored, poverty.Registration{}, false, false},
		{GroupMonitored, out, false, false}, {GroupAny, poverty.Registration{}, false, true}, {Group(0), poor, true, false},
	}
	for _, tt := range tests {
		if got := tt.g.contains(tt.r, tt.monitored, 2020); got != tt.want {
			t.Errorf("%s.contains(%+v, %v) = %v", tt.g, tt.r, tt.monitored, got)
		}
	}
}
