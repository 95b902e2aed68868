package poverty

import (
	_ "embed"
	"strconv"
	"sync"

	"github.com/openfupin/fupin/internal/param"
)

// Region is the region a policy value applies to: the whole country, or one
// of the 31 mainland province-level divisions, identified by its two-digit
// GB/T 2260 division code (行政区划代码). The zero value is [National].
//
// Region marshals to text as "national" or the two-digit code ("53").
type Region uint8

// National is the country as a whole: national rules, and the fallback for
// every provincial lookup.
const National Region = 0

//go:embed data/regions.json
var regionsJSON []byte

type provinceInfo struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	NameZH      string `json:"name_zh"`
	Zone        Scope  `json:"zone"`
	ZoneFourWay Scope  `json:"zone_four_way"`
}

// provinces is the embedded province table, indexed by code. It is built
// once and never changed.
var provinces = sync.OnceValue(func() *[100]provinceInfo {
	var doc struct {
		Schema string `json:"schema"`
		Provenance
		Provinces []provinceInfo `json:"provinces"`
	}
	if err := param.Decode(regionsJSON, &doc); err != nil {
		panic("poverty: embedded regions.json: " + err.Error())
	}
	var t [100]provinceInfo
	for _, p := range doc.Provinces {
		c, err := strconv.Atoi(p.Code)
		if err != nil || c < 11 || c > 99 {
			panic("poverty: embedded regions.json: bad code " + p.Code)
		}
		t[c] = p
	}
	return &t
})

// Provinces returns the 31 province-level divisions in code order.
func Provinces() []Region {
	var out []Region
	for c, p := range provinces() {
		if p.Code != "" {
			out = append(out, Region(c))
		}
	}
	return out
}

// ParseRegion parses "national" or a two-digit province code ("53"). A code
// that is not one of the 31 provinces is [ErrUnknownRegion].
func ParseRegion(s string) (Region, error) {
	if s == "national" {
		return National, nil
	}
	if len(s) != 2 {
		return 0, &ParseError{What: "region", Input: s, Err: ErrSyntax}
	}
	c, ok := atoiFixed(s)
	if !ok {
		return 0, &ParseError{What: "region", Input: s, Err: ErrSyntax}
	}
	r := Region(c)
	if !r.IsProvince() {
		return 0, &ParseError{What: "region", Input: s, Err: ErrUnknownRegion}
	}
	return r, nil
}

// MustParseRegion is like [ParseRegion] but panics on error.
func MustParseRegion(s string) Region {
	r, err := ParseRegion(s)
	if err != nil {
		panic(err)
	}
	return r
}

// IsProvince reports whether r is one of the 31 known provinces.
func (r Region) IsProvince() bool { return r < 100 && provinces()[r].Code != "" }

// IsValid reports whether r is National or a known province.
func (r Region) IsValid() bool { return r == National || r.IsProvince() }

// Name returns the English name ("Yunnan"), "national", or "" if unknown.
func (r Region) Name() string {
	if r == National {
		return "national"
	}
	if r.IsProvince() {
		return provinces()[r].Name
	}
	return ""
}

// NameZH returns the Chinese name ("云南省"), "全国", or "" if unknown.
func (r Region) NameZH() string {
	if r == National {
		return "全国"
	}
	if r.IsProvince() {
		return provinces()[r].NameZH
	}
	return ""
}

// Zone returns the province's zone in the NBS east / central / west division
// that poverty policy uses (Liaoning east, Jilin and Heilongjiang central).
// It is "" for National and unknown codes.
func (r Region) Zone() Scope {
	if r.IsProvince() {
		return provinces()[r].Zone
	}
	return ""
}

// ZoneFourWay returns the zone in the NBS four-way breakdown, where
// Liaoning, Jilin and Heilongjiang form the northeast.
func (r Region) ZoneFourWay() Scope {
	if r.IsProvince() {
		return provinces()[r].ZoneFourWay
	}
	return ""
}

// twoDigits holds "00" to "99", for [Region.String].
const twoDigits = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

// String returns "national" or the two-digit code.
func (r Region) String() string {
	if r == National {
		return "national"
	}
	if r < 100 {
		return twoDigits[2*r : 2*r+2] // a substring of a constant: no allocation
	}
	return "Region(" + itoa(int(r)) + ")"
}

// MarshalText implements [encoding.TextMarshaler]; unknown codes are an error.
func (r Region) MarshalText() ([]byte, error) {
	if !r.IsValid() {
		return nil, &ParseError{What: "region", Input: r.String(), Err: ErrUnknownRegion}
	}
	return []byte(r.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseRegion].
func (r *Region) UnmarshalText(b []byte) error {
	v, err := ParseRegion(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// County is a six-digit GB/T 2260 county-level division code, such as
// 530627 (Zhenxiong county, Yunnan). Only its province prefix is checked
// against the embedded data; the library keeps no list of counties. The zero
// value is unset.
type County uint32

// ParseCounty parses a six-digit county code whose first two digits are a
// known province.
func ParseCounty(s string) (County, error) {
	if len(s) != 6 {
		return 0, &ParseError{What: "county", Input: s, Err: ErrSyntax}
	}
	n, ok := atoiFixed(s)
	if !ok {
		return 0, &ParseError{What: "county", Input: s, Err: ErrSyntax}
	}
	c := County(n)
	if !c.Province().IsProvince() {
		return 0, &ParseError{What: "county", Input: s, Err: ErrUnknownRegion}
	}
	return c, nil
}

// MustParseCounty is like [ParseCounty] but panics on error.
func MustParseCounty(s string) County {
	c, err := ParseCounty(s)
	if err != nil {
		panic(err)
	}
	return c
}

// Province returns the province the county belongs to.
func (c County) Province() Region {
	p := c / 10000
	if p >= 100 {
		return Region(255)
	}
	return Region(p)
}

// IsValid reports whether c is six digits with a known province prefix.
func (c County) IsValid() bool { return c >= 110000 && c <= 999999 && c.Province().IsProvince() }

// String returns the six-digit code, or "" for the zero value.
func (c County) String() string {
	if c == 0 {
		return ""
	}
	s := strconv.Itoa(int(c))
	for len(s) < 6 {
		s = "0" + s
	}
	return s
}

// MarshalText implements [encoding.TextMarshaler].
func (c County) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseCounty];
// empty text is the zero value.
func (c *County) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*c = 0
		return nil
	}
	v, err := ParseCounty(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
