package poverty

import (
	"cmp"
	"time"
)

// Date is a civil calendar date, with no time of day and no time zone: a
// birth date, the day a parent left, the day a case was opened. Dates compare
// with ==, < via [Date.Compare], and are map keys.
//
// The zero Date is unset; [Date.IsZero] reports it and the decoders treat it
// as a missing value. Years 1 to 9999 are valid.
type Date struct {
	year  int16
	month uint8
	day   uint8
}

// DateOf returns the date y-m-d, or [ErrRange] if it does not exist on the
// calendar (2023-02-29, month 13, year 0).
func DateOf(y int, m time.Month, d int) (Date, error) {
	if y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return Date{}, ErrRange
	}
	return Date{int16(y), uint8(m), uint8(d)}, nil
}

// MustDate is like [DateOf] but panics on error; for tests and tables.
func MustDate(y int, m time.Month, d int) Date {
	t, err := DateOf(y, m, d)
	if err != nil {
		panic(err)
	}
	return t
}

// ParseDate parses "2006-01-02".
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, &ParseError{What: "date", Input: s, Err: ErrSyntax}
	}
	y, ok1 := atoiFixed(s[0:4])
	m, ok2 := atoiFixed(s[5:7])
	d, ok3 := atoiFixed(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, &ParseError{What: "date", Input: s, Err: ErrSyntax}
	}
	t, err := DateOf(y, time.Month(m), d)
	if err != nil {
		return Date{}, &ParseError{What: "date", Input: s, Err: err}
	}
	return t, nil
}

// MustParseDate is like [ParseDate] but panics on error.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func atoiFixed(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// Year returns the year.
func (d Date) Year() int { return int(d.year) }

// Month returns the month.
func (d Date) Month() time.Month { return time.Month(d.month) }

// Day returns the day of the month.
func (d Date) Day() int { return int(d.day) }

// IsZero reports whether d is the zero (unset) Date.
func (d Date) IsZero() bool { return d == Date{} }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int { return cmp.Compare(d.key(), e.key()) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.key() < e.key() }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.key() > e.key() }

func (d Date) key() int32 { return int32(d.year)<<9 | int32(d.month)<<5 | int32(d.day) }

// AgeOn returns the age in whole years that a person born on d has on the
// date on: the number of birthdays passed, counting a birthday on the day
// itself. A person born on 29 February has a birthday on 1 March in common
// years. A negative result means on is before d.
func (d Date) AgeOn(on Date) int {
	age := int(on.year) - int(d.year)
	bm, bd := d.month, d.day
	if bm == 2 && bd == 29 && daysIn(int(on.year), time.February) == 28 {
		bm, bd = 3, 1
	}
	if on.month < bm || (on.month == bm && on.day < bd) {
		age--
	}
	return age
}

// AddMonths returns the date n calendar months after d (before, for negative
// n). When the target month is shorter, the day is clamped to its last day:
// 31 August plus six months is 28 or 29 February.
func (d Date) AddMonths(n int) Date {
	ym := YearMonthOf(d.Year(), d.Month()).Add(n)
	day := d.Day()
	if last := daysIn(ym.Year(), ym.Month()); day > last {
		day = last
	}
	return Date{int16(ym.Year()), uint8(ym.Month()), uint8(day)}
}

// AddDays returns the date n days after d.
func (d Date) AddDays(n int) Date {
	y, m, day := d.Time().AddDate(0, 0, n).Date()
	return Date{int16(y), uint8(m), uint8(day)}
}

// DayNumber returns the number of days from 0001-01-01 (day 0) to d in the
// proleptic Gregorian calendar: a serial day that subtracts exactly.
func (d Date) DayNumber() int {
	y, m := int(d.year), int(d.month)
	if m <= 2 { // count the year from March, so that the leap day is last
		y--
		m += 12
	}
	// Days before the year (from March of year 0), before the month, and the day.
	days := 365*y + y/4 - y/100 + y/400 + (153*(m-3)+2)/5 + int(d.day) - 1
	return days - 306 // day 0 is 0001-01-01
}

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time {
	return time.Date(int(d.year), time.Month(d.month), int(d.day), 0, 0, 0, 0, time.UTC)
}

// YearMonth returns the month d falls in.
func (d Date) YearMonth() YearMonth { return YearMonthOf(d.Year(), d.Month()) }

// String returns "2006-01-02", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	var b [10]byte
	return string(d.appendTo(b[:0]))
}

func (d Date) appendTo(b []byte) []byte {
	y := int(d.year)
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+d.month/10), byte('0'+d.month%10), '-', byte('0'+d.day/10), byte('0'+d.day%10))
	return b
}

// MarshalText implements [encoding.TextMarshaler]; the zero Date is "".
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return d.appendTo(make([]byte, 0, 10)), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]; "" is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// YearMonth is a calendar month, such as March 2020: the unit of monthly
// income records and of the 12-month monitoring window. It is an integer
// count of months since January of year 0, so it orders, subtracts and keys
// maps like a number. The zero value is unset (January of year 0 is not a
// valid month here).
type YearMonth int32

// YearMonthOf returns the month m of year y.
func YearMonthOf(y int, m time.Month) YearMonth { return YearMonth(y*12 + int(m) - 1) }

// Year returns the year.
func (ym YearMonth) Year() int { return int(ym) / 12 }

// Month returns the month of the year.
func (ym YearMonth) Month() time.Month { return time.Month(int(ym)%12 + 1) }

// Add returns the month n months later.
func (ym YearMonth) Add(n int) YearMonth { return ym + YearMonth(n) }

// String returns "2006-01".
func (ym YearMonth) String() string {
	d := Date{int16(ym.Year()), uint8(ym.Month()), 1}
	return d.String()[:7]
}

// ParseYearMonth parses "2006-01".
func ParseYearMonth(s string) (YearMonth, error) {
	d, err := ParseDate(s + "-01")
	if err != nil || len(s) != 7 {
		return 0, &ParseError{What: "month", Input: s, Err: ErrSyntax}
	}
	return d.YearMonth(), nil
}

// MarshalText implements [encoding.TextMarshaler]; the zero (unset)
// YearMonth is "", as the zero Date is, so that it reads back.
func (ym YearMonth) MarshalText() ([]byte, error) {
	if ym == 0 {
		return []byte{}, nil
	}
	return []byte(ym.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseYearMonth];
// "" is the zero YearMonth.
func (ym *YearMonth) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*ym = 0
		return nil
	}
	v, err := ParseYearMonth(string(b))
	if err != nil {
		return err
	}
	*ym = v
	return nil
}
