package children

import (
	"errors"
	"strings"
	"testing"

	"github.com/openfupin/fupin/poverty"
)

func TestValidateErrors(t *testing.T) {
	ok := migrantChild("ok")
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		edit  func(c *Child)
		field string
		want  error
	}{
		{"no id", func(c *Child) { c.ID = "" }, "id", poverty.ErrMissing},
		{"no birth date", func(c *Child) { c.BirthDate = poverty.Date{} }, "birth_date", poverty.ErrMissing},
		{"birth date disagrees with identity number", func(c *Child) { c.IDNumber = mustIDNumber(testID) }, "birth_date", ErrConflict},
		{"sex disagrees with identity number", func(c *Child) {
			c.IDNumber, c.BirthDate, c.Sex = mustIDNumber(testID), poverty.Date{}, poverty.Male
		}, "sex", ErrConflict},
		{"no hukou", func(c *Child) { c.Hukou = Hukou(0) }, "hukou", poverty.ErrMissing},
		{"bad county", func(c *Child) { c.County = 990101 }, "county", poverty.ErrUnknownRegion},
		{"bad region", func(c *Child) { c.Region = 99 }, "region", poverty.ErrUnknownRegion},
		{"region disagrees with county", func(c *Child) { c.Region = 53 }, "region", ErrConflict},
		{"guardian kind out of range", func(c *Child) { c.Guardian.Kind = 40 }, "guardian.kind", poverty.ErrUnknownWord},
		{"guardian age", func(c *Child) { c.Guardian.Age = -1 }, "guardian.age", poverty.ErrRange},
		{"guardian capacity", func(c *Child) { c.Guardian.Capacity = 9 }, "guardian.capacity", poverty.ErrUnknownWord},
		{"living", func(c *Child) { c.Living = 99 }, "living", poverty.ErrUnknownWord},
		{"school", func(c *Child) { c.School = 99 }, "school", poverty.ErrUnknownWord},
		{"mother situation", func(c *Child) { c.Mother.Situation = Situation(0) }, "mother.situation", poverty.ErrMissing},
		{"father capacity", func(c *Child) { c.Father.Capacity = 7 }, "father.capacity", poverty.ErrUnknownWord},
		{"until before since", func(c *Child) { c.Father.Until = d("2010-01-01") }, "father.until", poverty.ErrRange},
		{"dead parent recorded capable", func(c *Child) { c.Mother = Parent{Situation: Deceased, Capacity: Capable} }, "mother.capacity", ErrConflict},
		{"household key is an identity number", func(c *Child) { c.Household = "h" + testID }, "household", ErrIdentityKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := ok
			tc.edit(&c)
			err := c.Validate()
			var re *poverty.FieldError
			if !errors.As(err, &re) || re.Field != tc.field || !errors.Is(err, tc.want) || re.Record != poverty.MaskIDsIn(c.ID) || re.Op != "children.Validate" {
				t.Errorf("err = %v; want record %q, field %s, %v", err, c.ID, tc.field, tc.want)
			}
			if leaksID(err.Error()) {
				t.Errorf("identity number leaks: %v", err)
			}
			// Every entry point rejects the record with the same error,
			// naming its own operation.
			want := strings.Replace(err.Error(), "children.Validate:", "children.Classify:", 1)
			if _, err2 := Default().Classify(&c, d("2024-01-01")); err2 == nil || err2.Error() != want {
				t.Errorf("Classify: %v", err2)
			}
			s := mustPrimary(t, Default(), Unattended)
			if _, err2 := s.Classify(&c, d("2024-01-01")); err2 == nil || err2.Error() != want {
				t.Errorf("Scheme.Classify: %v", err2)
			}
			if err2 := Default().NewTally(d("2024-01-01")).Add(&c); err2 == nil {
				t.Error("Tally.Add accepted an invalid child")
			}
		})
	}
	if _, err := Default().Classify(&ok, poverty.Date{}); !errors.Is(err, poverty.ErrMissing) {
		t.Errorf("no date: %v", err)
	}
	if _, err := mustPrimary(t, Default(), LeftBehind).Classify(&ok, poverty.Date{}); !errors.Is(err, poverty.ErrMissing) {
		t.Errorf("scheme, no date: %v", err)
	}
	if _, err := mustPrimary(t, Default(), LeftBehind).Classify(&ok, d("2001-01-01")); !errors.Is(err, ErrNotBorn) {
		t.Errorf("scheme, before birth: %v", err)
	}
	if _, err := Default().Summarize(Snapshot{}); !errors.Is(err, poverty.ErrMissing) {
		t.Errorf("figures without a date: %v", err)
	}
	if _, err := (&ServiceMap{}).Coverage(&Rules{}, Snapshot{On: d("2024-01-01")}); !errors.Is(err, ErrUnknownScheme) {
		t.Errorf("coverage without a left-behind scheme: %v", err)
	}
}

func TestResultAccessors(t *testing.T) {
	c := migrantChild("r")
	c.Living, c.Guardian = Alone, Guardian{Kind: NoGuardian}
	cl, f, err := classifyCheck(Default(), &c, d("2024-09-01"))
	if err != nil {
		t.Fatal(err)
	}
	if cl.LeftBehind.Outcome != Yes || cl.Unattended.Outcome == Yes {
		t.Error("outcomes")
	}
	if r, ok := cl.LeftBehind.reason(codeCombination); !ok || r.Outcome != Yes {
		t.Errorf("combination reason = %+v", r)
	}
	if _, ok := cl.LeftBehind.reason("no.such.code"); ok {
		t.Error("found a reason that does not exist")
	}
	if !f.Has("report.living_alone") || f.Has("report.suspected_abuse") || f.max() != Urgent {
		t.Errorf("flags = %s", f.Explain())
	}
	var none Flags
	if none.max() != Severity(0) || none.MustReport() {
		t.Error("zero Flags")
	}
	var zero Classification
	if zero.Status() != Status(0) {
		t.Errorf("zero classification status = %v", zero.Status())
	}
	s := mustPrimary(t, Default(), ACWF)
	if s.Cite() == "" || Default().Vintage() != DataVintage {
		t.Errorf("cite %q vintage %q", s.Cite(), Default().Vintage())
	}
}
