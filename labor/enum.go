package labor

import (
	"github.com/openfupin/fupin/internal/enum"
	"github.com/openfupin/fupin/poverty"
)

// parseErr is the error of an enumeration word that is not in its table.
func parseErr(what, input string) error {
	return &poverty.ParseError{Op: "labor", What: what, Input: poverty.MaskIDsIn(input), Err: poverty.ErrUnknownWord}
}

// Channel is how a job was found or provided: the assistance channel that
// counts it as supported transfer employment (转移就业).
//
// Every channel except [ChannelSelfFound] is an assistance channel: a job
// found through one counts as supported.
//
// The zero value is unset (the word "unknown"); the record decoders reject
// it.
type Channel uint8

// Channels.
const (
	// ChannelWorkshop: a poverty-alleviation workshop (扶贫车间, renamed
	// 就业帮扶车间 after 2021).
	ChannelWorkshop Channel = iota + 1
	// ChannelWorkstation: placed by a labour-export workstation (劳务工作站).
	ChannelWorkstation
	// ChannelJobFair: hired at a job fair.
	ChannelJobFair
	// ChannelPublicWelfarePost: a village or township public-welfare post (公益岗位).
	ChannelPublicWelfarePost
	// ChannelReturneeBusiness: a business started by a returnee.
	ChannelReturneeBusiness
	// ChannelSelfFound: found by the worker without an assistance channel (自主择业).
	ChannelSelfFound
)

var channelWords = enum.New[Channel](parseErr, "unknown", "workshop", "workstation", "job_fair", "public_welfare_post", "returnee_business", "self_found")

// String returns the stable word ("workshop", "job_fair", ...).
func (c Channel) String() string { return channelWords.String(c, "Channel") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is "unknown".
func (c Channel) MarshalText() ([]byte, error) { return channelWords.Marshal(c, "channel") }

// UnmarshalText implements [encoding.TextUnmarshaler]; a word not in the
// table is a *[poverty.ParseError] wrapping [poverty.ErrUnknownWord], and
// "unknown" is the zero value.
func (c *Channel) UnmarshalText(b []byte) error {
	i, err := channelWords.Parse(b, "channel")
	*c = Channel(i)
	return err
}

// assisted reports whether the channel is an assistance channel: every known
// channel except [ChannelSelfFound].
func (c Channel) assisted() bool { return c > 0 && c < ChannelSelfFound }

// Place is where a rural worker works, in the categories of the NBS
// agricultural census (table 2-3-1-6, rural labour by place of work; docs/POLICY.md
// 5.3): each category is "outside" the ones before it.
//
// The zero value is unset (the word "unknown"); the record decoders reject
// it.
type Place uint8

// Places of work, each outside the ones before it.
const (
	// InVillage: in the home village (本村内).
	InVillage Place = iota + 1
	// InTownship: outside the village, in the home township (村外乡内).
	InTownship
	// InCounty: outside the township, in the home county (乡外县内).
	InCounty
	// InCity: outside the county, in the home prefecture-level city (县外市内).
	InCity
	// InProvince: outside the city, in the home province (市外省内).
	InProvince
	// OtherProvince: in another province (外省).
	OtherProvince
	// PlaceOther: the census's residual category (其他), such as abroad.
	PlaceOther
)

var placeWords = enum.New[Place](parseErr, "unknown", "in_village", "in_township", "in_county", "in_city", "in_province", "other_province", "other")

// String returns the stable word ("in_village", "other_province", ...).
func (p Place) String() string { return placeWords.String(p, "Place") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is "unknown".
func (p Place) MarshalText() ([]byte, error) { return placeWords.Marshal(p, "place") }

// UnmarshalText implements [encoding.TextUnmarshaler], strictly (see
// [Channel.UnmarshalText]).
func (p *Place) UnmarshalText(b []byte) error {
	i, err := placeWords.Parse(b, "place")
	*p = Place(i)
	return err
}

// Outside reports whether the place is outside the area of of: a place
// further from home in the census order. InCounty.Outside(InTownship) (the
// township is left behind) and OtherProvince.Outside(InCounty) (a migrant
// worker, as [Index.Impact] counts them) are true; a place is near home
// when it is set and not Outside(InCounty). The zero value is outside
// nothing.
func (p Place) Outside(of Place) bool { return p > of && p <= PlaceOther && p > 0 }

// nearHome reports whether the place is in the home county.
func (p Place) nearHome() bool { return p >= InVillage && p <= InCounty }

// WorkshopType is one of the five types of workshop that Guangxi 柳江区
// recognises (docs/POLICY.md 5.1); the other localities use the same words.
//
// The zero value is unset (the word "unknown"); a workshop record must have
// a type.
type WorkshopType uint8

// Workshop types.
const (
	// Factory: a workshop in a factory building (厂房式).
	Factory WorkshopType = iota + 1
	// HomeBased: work given out to homes (居家式).
	HomeBased
	// Farming: planting or breeding (种养式).
	Farming
	// Trade: trade and distribution (贸易流通式).
	Trade
	// CulturalTourism: cultural tourism (文化旅游式).
	CulturalTourism
)

var typeWords = enum.New[WorkshopType](parseErr, "unknown", "factory", "home_based", "farming", "trade", "cultural_tourism")

// String returns the stable word ("factory", "home_based", ...).
func (t WorkshopType) String() string { return typeWords.String(t, "WorkshopType") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is "unknown".
func (t WorkshopType) MarshalText() ([]byte, error) {
	return typeWords.Marshal(t, "workshop type")
}

// UnmarshalText implements [encoding.TextUnmarshaler], strictly.
func (t *WorkshopType) UnmarshalText(b []byte) error {
	i, err := typeWords.Parse(b, "workshop type")
	*t = WorkshopType(i)
	return err
}

// Site is a kind of place a workshop stands in, as the recognition rules name
// them. A workshop may be at several at once (a workshop in a lifted-out
// village is also in a village).
//
// The zero value is unset (the word "unknown"); a workshop's sites must be
// set.
type Site uint8

// Sites.
const (
	// SiteVillage: in a village.
	SiteVillage Site = iota + 1
	// SiteTownship: in a township seat.
	SiteTownship
	// SiteLiftedOutVillage: in a village lifted out of poverty (脱贫村).
	SiteLiftedOutVillage
	// SiteKeyVillage: in a key village for assistance (重点帮扶村).
	SiteKeyVillage
	// SiteRelocation: at a poverty-relief relocation site (易地扶贫搬迁安置点).
	SiteRelocation
	// SiteLaborDenseTownship: in a township with many workers (劳动力密集乡镇).
	SiteLaborDenseTownship
	// SiteIndustrialPark: in an industrial park (工业园区).
	SiteIndustrialPark
)

var siteWords = enum.New[Site](parseErr, "unknown", "village", "township", "lifted_out_village", "key_village", "relocation_site", "labour_dense_township", "industrial_park")

// String returns the stable word ("village", "relocation_site", ...).
func (s Site) String() string { return siteWords.String(s, "Site") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is "unknown".
func (s Site) MarshalText() ([]byte, error) { return siteWords.Marshal(s, "site") }

// UnmarshalText implements [encoding.TextUnmarshaler], strictly.
func (s *Site) UnmarshalText(b []byte) error {
	i, err := siteWords.Parse(b, "site")
	*s = Site(i)
	return err
}

// Grade is a workshop's annual performance grade in Chongqing's assessment
// (优秀 / 良好 / 合格), which sets its employment award.
//
// The zero value is not graded, or failed (the word "unknown"): no award
// from a grade table.
type Grade uint8

// Grades.
const (
	// Excellent: 优秀.
	Excellent Grade = iota + 1
	// Good: 良好.
	Good
	// Pass: 合格.
	Pass
)

var gradeWords = enum.New[Grade](parseErr, "unknown", "excellent", "good", "pass")

// String returns "excellent", "good", "pass" or "unknown".
func (g Grade) String() string { return gradeWords.String(g, "Grade") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is "unknown".
func (g Grade) MarshalText() ([]byte, error) { return gradeWords.Marshal(g, "grade") }

// UnmarshalText implements [encoding.TextUnmarshaler]; "" and "unknown" are
// the zero value, other words not in the table are errors.
func (g *Grade) UnmarshalText(b []byte) error {
	i, err := gradeWords.ParseOrUnset(b, "grade")
	*g = Grade(i)
	return err
}

// Group is the set of households whose members a rule counts: "poor workers"
// in Jilin's rule, "people lifted out of poverty, including monitored
// households" in Guangxi's.
//
// The zero value is unset (the word "unknown"); a rule must name its group.
type Group uint8

// Groups.
const (
	// GroupAny: every worker.
	GroupAny Group = iota + 1
	// GroupRegisteredPoor: households on the registered poor list in the
	// year (建档立卡贫困户, not yet lifted out).
	GroupRegisteredPoor
	// GroupRegistered: households ever registered by the year, whether
	// still poor or lifted out (the whole 建档立卡 population).
	GroupRegistered
	// GroupLiftedOut: households registered and lifted out by the year
	// (脱贫户).
	GroupLiftedOut
	// GroupLiftedOutOrMonitored: lifted-out households and monitored
	// households (脱贫人口 including 监测对象).
	GroupLiftedOutOrMonitored
	// GroupRegisteredOrMonitored: households ever registered, and monitored
	// households: the "poor or monitored" count of [Impact].
	GroupRegisteredOrMonitored
	// GroupMonitored: monitored households only (监测对象).
	GroupMonitored
)

var groupWords = enum.New[Group](parseErr, "unknown", "any", "registered_poor", "registered", "lifted_out", "lifted_out_or_monitored", "registered_or_monitored", "monitored")

// String returns the stable word ("registered_poor", ...).
func (g Group) String() string { return groupWords.String(g, "Group") }

// MarshalText implements [encoding.TextMarshaler]; the zero value is "unknown".
func (g Group) MarshalText() ([]byte, error) { return groupWords.Marshal(g, "group") }

// UnmarshalText implements [encoding.TextUnmarshaler], strictly.
func (g *Group) UnmarshalText(b []byte) error {
	i, err := groupWords.Parse(b, "group")
	*g = Group(i)
	return err
}

// contains reports whether a household with registration r, monitored or
// not, belongs to the group in year. The zero Group contains no household.
// It does not allocate.
func (g Group) contains(r poverty.Registration, monitored bool, year int) bool {
	registered := r.Registered != 0 && r.Registered <= year
	switch g {
	case GroupAny:
		return true
	case GroupRegisteredPoor:
		return r.InPoorListOn(year)
	case GroupRegistered:
		return registered
	case GroupLiftedOut:
		return r.LiftedOutBy(year)
	case GroupLiftedOutOrMonitored:
		return r.LiftedOutBy(year) || monitored
	case GroupRegisteredOrMonitored:
		return registered || monitored
	case GroupMonitored:
		return monitored
	}
	return false
}
