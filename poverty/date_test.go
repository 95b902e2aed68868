package poverty_test

import (
	"errors"
	"testing"
	"time"

	"github.com/openfupin/fupin/poverty"
)

func TestAgeOn(t *testing.T) {
	d := poverty.MustParseDate
	tests := []struct {
		born, on string
		want     int
	}{
		{"2010-05-20", "2026-05-19", 15},
		{"2010-05-20", "2026-05-20", 16}, // turns 16 that day: no longer under 16
		{"2010-05-20", "2026-05-21", 16},
		{"2008-02-29", "2025-02-28", 16}, // leap-day birthday falls on 1 March in common years
		{"2008-02-29", "2025-03-01", 17},
		{"2008-02-29", "2024-02-29", 16},
		{"2020-01-01", "2019-12-31", -1},
	}
	for _, tt := range tests {
		if got := d(tt.born).AgeOn(d(tt.on)); got != tt.want {
			t.Errorf("%s.AgeOn(%s) = %d, want %d", tt.born, tt.on, got, tt.want)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	d := poverty.MustParseDate
	if got := d("2023-08-31").AddMonths(6); got != d("2024-02-29") {
		t.Errorf("AddMonths = %s", got)
	}
	if got := d("2023-01-31").AddMonths(-2); got != d("2022-11-30") {
		t.Errorf("AddMonths(-2) = %s", got)
	}
	if got := d("2020-02-28").AddDays(2); got != d("2020-03-01") {
		t.Errorf("AddDays = %s", got)
	}
	if got := (d("2021-01-01").DayNumber() - d("2020-01-01").DayNumber()); got != 366 {
		t.Errorf("days between = %d", got)
	}
	// Far apart: time.Duration would saturate at about 292 years.
	if got := (d("1970-01-01").DayNumber() - d("0001-01-01").DayNumber()); got != 719162 {
		t.Errorf("days between(0001..1970) = %d, want 719162", got)
	}
	if got := d("0001-01-01").DayNumber(); got != 0 {
		t.Errorf("DayNumber(0001-01-01) = %d", got)
	}
	// DayNumber agrees with the time package day by day across leap years and centuries.
	for day, t0 := d("1899-12-25"), d("1899-12-25").Time(); day.Before(d("2101-01-10")); day = day.AddDays(1) {
		if want := int(day.Time().Sub(t0).Hours() / 24); (day.DayNumber() - d("1899-12-25").DayNumber()) != want {
			t.Fatalf("days between(%s) = %d, want %d", day, (day.DayNumber() - d("1899-12-25").DayNumber()), want)
		}
	}
	if !d("2020-01-01").Before(d("2020-01-02")) || d("2020-01-01").Compare(d("2020-01-01")) != 0 {
		t.Error("ordering wrong")
	}
	w := poverty.TrailingWindow(d("2020-06-15"))
	if w.From.String() != "2019-06" || w.To.String() != "2020-05" || w.Months() != 12 {
		t.Errorf("TrailingWindow = %v..%v", w.From, w.To)
	}
}

func TestParseDate(t *testing.T) {
	for _, bad := range []string{"2023-02-29", "2023-13-01", "0000-01-01", "2023-1-01", "2023/01/01", "", "abcd-ef-gh"} {
		if _, err := poverty.ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	if _, err := poverty.DateOf(2024, time.February, 30); !errors.Is(err, poverty.ErrRange) {
		t.Errorf("DateOf(2024-02-30) = %v", err)
	}
	var z poverty.Date
	if !z.IsZero() || z.String() != "" {
		t.Error("zero Date not unset")
	}
	ym, err := poverty.ParseYearMonth("2020-03")
	if err != nil || ym.Year() != 2020 || ym.Month() != time.March || ym.Add(10).String() != "2021-01" {
		t.Errorf("YearMonth = %v, %v", ym, err)
	}
}
