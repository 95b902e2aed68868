// Package children keeps the registries of left-behind children (留守儿童)
// and de facto unattended children (事实无人抚养儿童) that village child
// directors (儿童主任) and township child supervisors (儿童督导员) maintain:
// it classifies each child under the national definitions, each answer
// with its reasons; checks guardianship and care, including the situations
// that must be reported to the police at once; measures services coverage;
// counts a registry the way the Ministry of Civil Affairs reports it; and
// finds which children stopped (or started) being left-behind between two
// snapshots, and why. The policy facts are those of docs/POLICY.md section 4 and
// docs/SEEDS.md S7.
//
// # Entry points
//
//   - [Default] returns the embedded definitions ([Rules]): the schemes and
//     the parameters of the care checks.
//   - [Rules.Classify] classifies a child on a date under the primary
//     scheme of each kind: a [Classification] with the registry [Status]
//     and, for each scheme, the [Reason]s.
//   - [Rules.Check] runs the care checks on the child and its
//     classification: [Flags], with the mandatory reports to the police.
//   - [Rules.Summarize] counts a registry ([Snapshot]) as the Ministry of
//     Civil Affairs reports it: [Figures].
//   - [LoadRules] reads a caller's file of schemes or check parameters and
//     [Rules.Overlay] lays it over the defaults.
//
// The example of the package shows the common flow. [Rules.ClassifyInto]
// and [Rules.CheckInto] are the same for loops that reuse their results;
// [Tally] counts one child at a time; [Scheme.Transitions] finds who
// stopped being left-behind and why. Every decision has a one-line form
// ([Result.String], [Flags.String]) besides the full one with citations
// ([Result.Explain], [Flags.Explain]). Every reason and flag code is in the
// rule catalogue: [Codes], [RuleFor].
//
// # Verbs
//
// Classify gives a status or kind from records; Check runs the care
// checks; Summarize counts many records (registry figures, transitions);
// Load, Default, Overlay and History handle the definitions as data.
//
// # Errors
//
// A bad value in a record is a *[poverty.FieldError] whose Op names the
// operation ("children.Classify", "children.Check", "children.Decode",
// "children.LoadRules", ...), so that every message starts with
// "children"; test the cause with [errors.Is] against the sentinels
// ([ErrConflict], [ErrNotBorn], [ErrIdentityKey], [ErrUnknownScheme], and
// those of [poverty]). A word that is not in its list is a
// *[poverty.ParseError] of "children".
//
// # Records
//
// A [Child] is one registry entry: a registry key, the birth date (or the
// one read from the resident identity number, see [poverty.IDNumber]), sex,
// [Hukou], county, township and village; each [Parent]'s [Situation] (at
// home; a migrant worker within the county, elsewhere in the province or in
// another province; deceased; declared missing; lost contact; severely
// disabled; seriously ill; imprisoned or detained; in compulsory drug
// rehabilitation; another restriction of liberty; guardianship revoked;
// deported) since a date, guardianship [Capacity] and last contact; the
// [Guardian] with kind, age, capacity and entrustment agreement; the
// [Living] arrangement; [School] enrolment; and the safety [Concerns] a
// director has recorded.
//
// [NewDecoder] reads children from JSON Lines, strictly, reporting each bad
// line as a *[poverty.FieldError] of "children.Decode" naming the line,
// the child and the field. [Child.Validate] checks a record; every function
// validates the children it reads. The zero value of every enumeration is
// unset: it marshals as its unset word ("unknown", "none" or "unset") and
// reads back, and records that need a value say so when validated.
//
// Identity numbers are personal data: they are masked in every printed,
// logged or marshalled form (poverty does this), and every error this
// package returns masks any run of 14 or more identity-number characters,
// whichever field it came from. Record keys that look like identity
// numbers are rejected ([ErrIdentityKey]).
//
// # Definitions as data
//
// Each definition is a [Scheme]: its document, status and effective period
// (an embedded [poverty.Provenance]), the age limit, the situations that
// count as a parent away, as a parent without guardianship capacity, or as
// listed for de facto unattended children (each [Listing] with its period
// and its six-month rules by region), and provincial extensions. Every
// setting carries its own provenance, and every reason cites the one that
// decided with [poverty.Provenance.Cite] ("source [STATUS]"), so that a
// case worker sees a LOCAL or DEFAULT rule as such. [Default] holds the
// embedded schemes (data/schemes.json, [DataVintage]); [LoadRules] reads a
// caller's file in the same schema ("fupin.children/2"), and
// [Rules.Overlay] lays it over the defaults, keeping every replaced version
// in [Rules.History]. [Rules.Primary], [Rules.Scheme], [Rules.Schemes] and
// [Rules.History] return copies: what one caller changes, no other sees.
// [Scheme.Listing] says which listing, and which six-month rule, applies in
// a province.
//
// Statuses are those of [poverty.SourceStatus]: CONFIRMED (the cited
// official text says it; a qualifier such as "press" or "provincial
// implementation quoting the national text" says how far), SECONDARY (one
// non-official source), LOCAL (a provincial rule, applied in its scope
// only), DEFAULT (the library's reading where the policy is silent; its
// source says so and what it follows), SUPPLIED and EXAMPLE (a caller's).
// An UNCONFIRMED record loads without a value, to show a gap, and decides
// nothing. Where a scheme holds records of several scopes for the same
// thing, the narrowest scope covering the child's province (the county's
// province, or Child.Region) decides: a province's own rule before the
// national reading.
//
// The embedded schemes are:
//
//   - left_behind_2016 (primary left-behind scheme): 国发〔2016〕13号, in
//     force from 2016-02-04. Under 16, rural hukou, both parents migrant
//     workers, or one a migrant worker and the other without guardianship
//     capacity. A parent's recorded capacity decides; when it is not
//     recorded, a seriously ill or severely disabled parent is read as
//     without capacity (SECONDARY: the document-sharing page comparing
//     definitions), and a parent who is dead, missing, out of contact,
//     deprived of liberty or of guardianship, or deported likewise (DEFAULT).
//     The definition sets neither distance nor duration: a migrant worker
//     within the county counts as away from the first day (both DEFAULT).
//   - left_behind_education_statistics: the education-statistics variant
//     (SECONDARY), which needs six consecutive months away.
//   - de_facto_unattended_2019 (primary): 民发〔2019〕62号, CONFIRMED as the
//     provincial implementations quote the national text (粤民规字〔2019〕10号;
//     福建省民政厅, 2019-10-21). Under 18; both parents in the listed
//     situations, or one dead or missing and the other in them. The
//     national text as quoted gives no duration: the six-month rules are
//     provincial, LOCAL 44 (粤民规字〔2019〕10号: lost contact, imprisonment,
//     rehabilitation, other restrictions) and LOCAL 35 (闽民童〔2021〕31号:
//     lost contact). Elsewhere the library applies six months as a DEFAULT
//     that says it follows them; a caller's file can set its own. Lost
//     contact counts from the last contact to the date; a restriction over
//     its recorded term (Since to Until), or else the time served by the
//     date. Guardianship revoked and deported, added by 民发〔2020〕125号,
//     are known only as Fujian's 闽民童〔2021〕31号 quotes them: LOCAL 35
//     there, and a DEFAULT reading elsewhere, both from 2020. The sources
//     give the years of the two documents ("from": "2019", "2020") but not
//     the days they took effect: on a date in 2019 (or, for the two added
//     situations, in 2020) the answer is [Undetermined] unless a caller's
//     file supplies the day. Over 18 in full-time school (secondary,
//     vocational or higher, not postgraduate) stays covered in Guangdong
//     (44) only: that extension is LOCAL 44 (粤民规字〔2019〕10号); add your
//     province's rule in a file.
//   - acwf_2008 (primary ACWF scheme): the older All-China Women's
//     Federation definition (CONFIRMED, press), at least one parent away,
//     under 18, rural. It is behind the 58 million (2008) and 61 million
//     (2010 census) estimates, which are not comparable with the registry
//     counts of 9.02 million (2016) and 6.97 million (2018): it is always
//     reported apart.
//
// # Data files
//
// Three embedded files, each one JSON object with "schema" and "vintage";
// every record, and every nested object with a "source", carries the
// members of [poverty.Provenance]: "source", "status", "scope" (always
// explicit, "national" included), and "qualifier", "from", "to", "note"
// where they apply ("from" and "to" only where the source dates the rule:
// "2019", "2019-10" or "2019-10-21").
//
//   - data/schemes.json ("fupin.children/2"): "schemes", an array of
//     [Scheme] records: "id", "kind", "primary", "name", the provenance of
//     the document, "under_age", "rural_only" ({"value": bool, provenance}),
//     "away", "incapable", "incapable_also", "absent" ({"situations":
//     [words], provenance}), "min_away_months" ({"value": months,
//     provenance}), "rule", "listed" ([{"situation", provenance,
//     "min_months": [{"value", provenance}, ...]}]) and "school_extension"
//     ([{"levels", provenance}]). Read with [LoadRules]; overlay with
//     [Rules.Overlay].
//   - data/checks.json ("fupin.children.checks/2"): "params", an object of
//     [Param] records by name (the names are listed at [Param]): {"value",
//     provenance}, no value for the two rules the flags cite. A caller's
//     file may hold some of them: read with [LoadRules] (which reads either
//     schema), overlay with [Rules.Overlay], versions in
//     [Rules.ParamHistory].
//   - data/counts.json ("fupin.children.counts/2"): "counts", an array of
//     [Count] records: "id", "scheme", "as_of", "value", "approximate" and
//     the provenance (its scope is the region counted). Read with
//     [LoadCounts]; published figures, not parameters: nothing to overlay.
//
// # Classification
//
// [Rules.Classify] classifies a child on a date under the primary scheme of
// each kind ([Scheme.Kind]) and returns a [Classification]: one [Result]
// per scheme, each with an [Outcome] (yes, no, undetermined) and the
// [Reason]s it tested, in order, each with a stable code
// ("age.under_limit", "parent.away", ...; the list: [Codes]), the numbers
// it compared and the source of its parameter.
// [Classification.Status] is the registry [Status]: de facto unattended
// first (it carries a living subsidy), then left-behind, then none.
// [Scheme.Classify] applies one scheme, such as a variant.
//
// Age is exact: whole years by [poverty.Date.AgeOn], counting a birthday on
// the day itself, so a child is no longer under 16 on the sixteenth
// birthday (a child born on 29 February has the birthday on 1 March in
// common years).
//
// # Care checks
//
// [Rules.Check] returns [Flags]: each [Flag] with a stable code
// ("care.living_alone", "report.child_missing", ...; the list: [Codes]), a
// [Severity], the [Actor] who must act and the rule's source. The checks are a child under 16 living alone; a
// left-behind child without an entrusted guardian, with a guardian not
// recorded, or without a signed agreement; a guardian without capacity or
// under 18; no contact with any parent for six months (no_contact_months,
// a DEFAULT: no national document fixes it; it follows the 失联 rules of
// Guangdong and Fujian); a school-age child not enrolled (6 <= age < 16:
// the ages of the operational definition of 义务教育有保障, SECONDARY in
// docs/POLICY.md 1.5, the boundary the library's reading); and the
// mandatory reports to the police (国发〔2016〕13号): a left-behind child
// living alone, a missing child, a guardian who has lost capacity or does
// not perform duties, suspected abuse. The parameters, and the two rules
// the flags cite, are data (data/checks.json, read by [LoadRules]; see
// [Param]); each [Flag] cites its record with its status.
//
// # Services coverage
//
// A [ServiceMap] records children's homes, activity centres, child
// directors and supervisors by village or township ([Facility], [Place]).
// [ServiceMap.Coverage] counts how many left-behind children of a registry
// live where each service exists and lists the villages without a child
// director. No coverage target for children's homes is encoded: docs/POLICY.md
// records none as confirmed.
//
// # Registry figures
//
// [Rules.Summarize] counts a registry by status and, for left-behind and de
// facto unattended children, by guardian (with the share cared for by
// grandparents), age band (0-5, 6-13, 14-16, as the ministry reports), sex
// and province. [Tally] does the same one child at a time, without
// allocating, and merges across goroutines for registries of millions.
// [ChangeOf] is the change between two registries with a single rounding:
// 9.02 to 6.97 million is -22.7% (one CCTV report says -22.9%; the counts
// give -22.7%). [PublishedCounts] holds the national counts of docs/POLICY.md
// 4.3, each tied to its scheme; [CompareCounts] refuses to compare counts of
// different definitions ([ErrConflict], naming both schemes): the ACWF 61
// million and the registry's 6.97 million are not a fall of 89%.
//
// # Transitions
//
// [Scheme.Transitions] (take a kind's primary scheme with [Rules.Primary])
// compares two [Snapshot]s and returns each child whose outcome changed,
// with the [Causes]: a parent came home ([ParentReturned]), the child
// reached the age limit ([AgedOut]), a parent left, a parent's situation or
// capacity changed, a six-month rule was reached, a rule came into force,
// the child was added or removed. Each [Transition] names both parents'
// situations before and after, with the parents' IDs, so that a package
// counting jobs near home can link a returned parent to a job.
// [SummarizeTransitions] tallies them; [Causes.Primary] puts a child who turned 16
// before a parent's return, so that a reunion is never claimed for a child
// who would have left the registry anyway.
//
// # Limits
//
//   - Severe disability and serious illness are recorded as situations: the
//     grade thresholds are provincial rules the caller applies.
//   - The six-month rule reads Since, Until and LastContact as recorded;
//     "without performing duties" is the caller's finding.
//   - The living subsidy of de facto unattended children is UNCONFIRMED and
//     not encoded.
//   - All functions are pure: dates are passed in, nothing reads the clock,
//     output order is fixed, and every exported function is safe for
//     concurrent use ([Tally] excepted, which is one per goroutine).
package children
