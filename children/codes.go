package children

import (
	"slices"
	"strings"

	"github.com/openfupin/fupin/poverty"
)

// The provenance of the rule catalogue. A classification code is the
// library's test of a scheme's setting: the rule is DEFAULT, and every
// [Reason] cites the setting that decided, with its own status. A flag code
// cites the document of the check; the parameter each flag compares (an
// age, months) is cited by the [Flag] itself.
var (
	provSchemeTest = poverty.Provenance{Source: "library test of the scheme's setting; each reason cites the setting that decided, with its status (data/schemes.json)",
		Status: poverty.LibraryDefault, Scope: poverty.ScopeNational}
	provLivingAlone = poverty.Provenance{Source: "国发〔2016〕13号: 不得让不满十六周岁的未成年人脱离监护单独居住生活 (Luoyang Evening News, 2016-02-16; Fuzhou Daily, 2016-11-09)",
		Status: poverty.Confirmed, Scope: poverty.ScopeNational}
	provEntrusted = poverty.Provenance{Source: "国发〔2016〕13号: parents who both migrate entrust guardianship to a relative or other adult with guardianship capacity (委托监护) (Luoyang Evening News, 2016-02-16)",
		Status: poverty.Confirmed, Scope: poverty.ScopeNational}
	provEntrustedReading = poverty.Provenance{Source: "library reading of the entrusted-guardianship rule of 国发〔2016〕13号 (委托监护): the check and its severity are the library's",
		Status: poverty.LibraryDefault, Scope: poverty.ScopeNational}
	provNoContact = poverty.Provenance{Source: "library default: no national document fixes a no-contact period for this check; six months as the 失联 rule of Guangdong (粤民规字〔2019〕10号) and Fujian (闽民童〔2021〕31号)",
		Status: poverty.LibraryDefault, Scope: poverty.ScopeNational}
	provSchool = poverty.Provenance{Source: "operational definition of 义务教育有保障: children aged 6-16 in lifted-out or monitored families must not drop out (Spanish-language page translating the operational definitions)",
		Status: poverty.Secondary, Scope: poverty.ScopeNational, Note: "read as 6 <= age < 16: the boundary is the library's reading"}
	provReporting = poverty.Provenance{Source: "国发〔2016〕13号: schools, village committees, medical and welfare institutions and their staff report at once to the police (强制报告) (Luoyang Evening News, 2016-02-16; Fuzhou Daily, 2016-11-09)",
		Status: poverty.Confirmed, Scope: poverty.ScopeNational}
)

// catalog is the rule catalogue, sorted by code.
var catalog = func() []poverty.Rule {
	rs := []poverty.Rule{
		{Code: codeInForce, Rule: "the scheme (its document's period) is in force on the date; a bound known only to the year or month leaves the dates within it undetermined", Provenance: provSchemeTest},
		{Code: codeUnderAge, Rule: "the child is younger than the scheme's age limit on the date, in whole years (a birthday counts on the day itself)", Provenance: provSchemeTest},
		{Code: codeSchoolExtension, Rule: "a child over the age limit stays covered in full-time school at a level of a school extension whose scope covers the child's province", Provenance: provSchemeTest},
		{Code: codeRural, Rule: "the child has rural hukou, where the scheme covers rural children only", Provenance: provSchemeTest},
		{Code: codeParentAway, Rule: "the parent is in a situation the scheme counts as away (a migrant worker), for at least the scheme's minimum months where it sets one", Provenance: provSchemeTest},
		{Code: codeParentIncapable, Rule: "the parent has no guardianship capacity: the recorded capacity, or else a situation the scheme reads as without capacity", Provenance: provSchemeTest},
		{Code: codeParentListed, Rule: "the parent is in a listed situation of the de facto unattended scheme, the listing in force on the date and, where a six-month rule covers the child's province, lasting its minimum months", Provenance: provSchemeTest},
		{Code: codeParentAbsent, Rule: "the parent is dead or missing, as the scheme reads it", Provenance: provSchemeTest},
		{Code: codeCombination, Rule: "the scheme's rule combining the two parents held (both away, or one away and the other without capacity; both listed, or one dead or missing and the other listed; at least one away)", Provenance: provSchemeTest},
		{Code: "care.living_alone", Rule: "a child under the age of living_alone_under_age lives alone (urgent: the parents must arrange care)", Provenance: provLivingAlone},
		{Code: "guardian.not_entrusted", Rule: "a left-behind child has no entrusted guardian: nobody, or a parent recorded as the guardian (urgent)", Provenance: provEntrusted},
		{Code: "guardian.no_agreement", Rule: "the relative or adult caring for a left-behind child has no signed entrusted-guardianship agreement (委托监护责任确认书) (warning)", Provenance: provEntrustedReading},
		{Code: "guardian.not_recorded", Rule: "the guardian of a left-behind child is not recorded: a gap to fill at the next visit (notice)", Provenance: provEntrustedReading},
		{Code: "guardian.incapable", Rule: "the guardian has no guardianship capacity (urgent)", Provenance: provEntrusted},
		{Code: "guardian.minor", Rule: "the guardian, a person, is younger than guardian_min_age (warning)", Provenance: provEntrusted},
		{Code: "contact.none", Rule: "no contact with any living parent who is away for no_contact_months or more (warning)", Provenance: provNoContact},
		{Code: "school.not_enrolled", Rule: "a child of school age (school_age_from <= age < school_age_under) is not enrolled (warning, for the school)", Provenance: provSchool},
		{Code: "report.living_alone", Rule: "mandatory report to the police: a left-behind child living alone", Provenance: provReporting},
		{Code: "report.child_missing", Rule: "mandatory report to the police: the child is missing", Provenance: provReporting},
		{Code: "report.guardian_not_performing", Rule: "mandatory report to the police: the guardian has lost guardianship capacity or does not perform guardianship duties", Provenance: provReporting},
		{Code: "report.suspected_abuse", Rule: "mandatory report to the police: suspected domestic violence, abuse or unlawful harm", Provenance: provReporting},
	}
	slices.SortFunc(rs, func(a, b poverty.Rule) int { return strings.Compare(a.Code, b.Code) })
	return rs
}()

// Codes returns the rule catalogue of the package, sorted by code: every
// reason code of a classification ([Reason]) and every flag code of the
// care checks ([Flag]), each with what it tests and its provenance. The
// slice is a fresh copy. (The list is not named Rules: [Rules] is the set
// of definitions.)
func Codes() []poverty.Rule { return slices.Clone(catalog) }

// RuleFor returns the rule with the reason or flag code, and whether it
// exists.
func RuleFor(code string) (poverty.Rule, bool) {
	i, ok := slices.BinarySearchFunc(catalog, code, func(r poverty.Rule, c string) int { return strings.Compare(r.Code, c) })
	if !ok {
		return poverty.Rule{}, false
	}
	return catalog[i], true
}
