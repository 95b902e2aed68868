// Package risk runs relapse monitoring and assistance (防止返贫监测和帮扶):
// department early warnings, the identification of monitored households,
// risk factors, colour tiers, assistance measures, the case lifecycle from
// identification to risk elimination, and reports over many cases.
//
// The entry points, in the order of the common flow (see the package
// Example):
//
//   - [Assess]: a household's department events become warnings (an
//     [Assessment] of [WarningCheck]s);
//   - [Identify]: is the household a monitored household, and of which
//     [Category];
//   - [Scheme.Classify] (explained) or [Scheme.Tiering] (resolved once,
//     allocation-free): its colour [Tier], with the scheme from
//     [DefaultSchemes] ([Schemes.For] a region and year);
//   - [Catalog.Propose]: assistance measures for its risk factors;
//   - [Open] a [Case], record measures, and close it with
//     [EliminationTest] and [Case.Eliminate]; [Summarize] many cases.
//
// Verbs: Assess gives warnings, Identify the monitored category, Classify
// a tier, Propose measures, EliminationTest / FactorTest / CapTest
// pass/fail criteria, Summarize figures over many cases, Lookup a value by
// key; Load, Default, Overlay and History handle parameter data. Every
// result has a one-line String and, where it has reasons, a full Explain;
// every reason code is listed by [Rules] and [RuleFor]. Errors start with
// "risk." and the operation: *[poverty.FieldError] (Op "risk.Assess",
// "risk.LoadParams", "risk.Case.Eliminate", ...) or *[EventError] for an
// event of a batch, wrapping the sentinels of package poverty or of this
// package.
//
// It is the library side of the monitoring systems of docs/SEEDS.md S2-S4:
// Weixian's big-data warning on a medical bill, Hebei's network over medical
// insurance, civil affairs and emergency management, Xinjiang's four
// colours, and Anhui's marginal households and measures. It builds on
// package poverty for money, dates, households, monthly income windows,
// guarantees and the monitoring line ([poverty.Table.MonitoringLine]).
//
// # Department events and warnings
//
// An [Event] is one record from a department or a visit: a medical
// insurance claim (total and compliant out-of-pocket part), a civil-affairs
// decision, an emergency-management disaster with the household's loss, a
// human-resources job or wage change, an education record, a household
// application or a cadre visit. [DecodeEvents] reads them from JSON tagged
// by a "type" word, strictly: unknown fields, fields of another kind and
// unknown words are *[EventError] naming the event (its index) and the field.
//
// [Assess] turns a household (its monthly incomes over the monitoring
// window before the date, [poverty.TrailingWindow]: 12 months) and its
// events into an [Assessment]: one [WarningCheck] per [WarningRule], each with the
// figure it read, what it compared it with, the [Param] applied (value and
// provenance) and the outcome. The rules are
//
//   - rigid expenditure (medical out-of-pocket, school costs, disaster
//     losses) exceeding the previous year's income: the 2020 rule of
//     国开发〔2020〕6号, CONFIRMED;
//   - income falling sharply, with the share and the recent months as
//     parameters;
//   - compliant out-of-pocket medical spending at or above an amount, or at
//     or above a share of income;
//   - a guarantee item reported lost.
//
// No national or provincial document publishes a numeric trigger
// (docs/POLICY.md 3.2). The numbers are therefore explicit library defaults
// with status DEFAULT in data/params.json, never national policy; callers
// read their own with [LoadParams] (a partial file is allowed) and combine
// them with [Params.Overlay] (an overlay keeps every earlier version:
// [Params.History]). A parameter that is absent or UNCONFIRMED is refused
// with an error naming it. Assess is allocation-free: explanations are
// built lazily by [WarningCheck.Explain].
//
// Assess works as of its date: a feed replayed as of a day may hold later
// events, and those are left out, unread, and counted in
// [Assessment.EventsAfter] (named by [Assessment.String] when not zero), so
// callers need not filter their feed first. A caller that must refuse later
// events tests EventsAfter.
//
// A household with no monthly record at all is read from its annual income
// (Household.Income of Year, the date's year or the year before; rules
// warning.annual_income and elimination.annual_income, DEFAULT), as the
// income of that calendar year, never split into months, and every reason
// says so ("annual income of 2019, 12 months not recorded: calendar year
// 2019 (annual record)"; [Assessment].AnnualYear, [Assessment.IncomeLabel]).
// What needs months is not assessable: Assess's income drop is
// NotEvaluated, and [EliminationTest]'s stability criterion reports the
// annual figure but does not pass, since an unassessable necessary
// condition never passes. Some months without the whole window stay
// incomplete: a gap is never filled from the annual figure. An annual
// income of another year is a *[poverty.FieldError] on "year".
//
// The income drop compares the recent months with the same months a year
// earlier when the records hold them, so that a harvest or migrants home
// for the new year do not read as a fall ([WarningCheck].YearEarlier);
// otherwise it compares them with the earlier months of the window, and
// the reason says that a seasonal income can fire it.
//
// # Outcomes of identification
//
// [Identify] decides the outcome the document in force on the date names
// ([CategoriesOn], chosen by the documents' in-force dates in
// data/categories.json). One vocabulary serves this package and package
// poverty: "marginal" is only the monitored marginal household
// (边缘易致贫户, [MarginalAtRisk]); a household whose income alone sits in
// the monitoring range has the status [poverty.InMonitoringRange], a fact
// about income, until identification weighs its risks.
//
//	outcome (word)               condition                                           document
//	ReturnedPoor (returned_poor) lifted out; income below the poverty standard;      国开发〔2020〕6号, from 2020-03-20:
//	                             back on the registered list, not monitored          "纳入建档立卡" (Registers)
//	NewlyPoor (newly_poor)       never registered; income below the standard;        国开发〔2020〕6号 (Registers)
//	                             put on the registered list, not monitored
//	UnstableLiftedOut            lifted out; income below the monitoring line and    国开发〔2020〕6号; 中农组发〔2021〕7号
//	(unstable_lifted_out)        a risk present (2020: or a shock warning)
//	MarginalAtRisk (marginal)    never registered; the same conditions               国开发〔2020〕6号; 中农组发〔2021〕7号
//	SuddenDifficulty             income at or above the line; an expenditure or      中农组发〔2021〕7号, from 2021
//	(sudden_difficulty)          income warning leaves income net of compliant
//	                             out-of-pocket spending below it, or a guarantee
//	                             is lost; the household cannot cope on its own
//	CategoryNone (none)          still on the registered poor list, or none of the
//	                             above
//
// Under the 2020 guidance income below the standard decides first, so a
// household far below the line is a return to poverty or newly poor, never
// an unstable or marginal household; from 2021 no document registers
// households, and the three monitored types apply. [Category.Monitored]
// tells the monitored categories from the outcomes that register a
// household; only a monitored category opens a [Case]. Before the first
// document identification is an error wrapping [poverty.ErrNotInForce].
//
// Identify reads the per-capita income over the monitoring window before
// identification ([poverty.TrailingWindow]: a date is read at the close of
// the day, so identification on 31 December reads January to December),
// or, for a household without monthly records, its annual income of its
// accounting year, or the caller's figure; the result says which
// ([Identification].Basis and Window, [Identification.IncomeLabel]). It
// compares income with the monitoring line of the province and year (and
// the standard, in 2020) under each line's concept policy
// ([poverty.Threshold.Compare]), and reads compliant out-of-pocket
// spending, the guarantees, recorded factors, department warnings and the
// members able to work, reporting every criterion as a [poverty.Criterion]
// with its reason code and source.
//
// # Risk factors
//
// [Factor] codes follow the local code list of docs/POLICY.md 2.2 (01 illness,
// 0201-0299 disasters, 03 disability, 04 lack of labour, 05 accident, 06
// industry failure, 07 unstable employment, 09 schooling, 99 other). That
// list is SECONDARY (one local system, see [FactorCodeProvenance]). Factors
// marshal as words; [Factor.UnmarshalText] also reads the codes. [FactorTest]
// applies the consistency rules (unstable employment needs a member able to
// work and a job record, after Guizhou's data-quality rules, SECONDARY 52).
//
// # Colour tiers
//
// A [Scheme] is data, with its provenance (the scope is the region it is
// for, From/To the period): tiers from worst to best, cut-offs in yuan or as
// multiples of the monitoring line, and for each cut-off the band an income
// exactly at it belongs to ([Side]). The embedded reference scheme is
// Xinjiang 2020 (red below 4,000; orange 4,000-4,500; yellow 4,500-5,000;
// green above 5,000; red also when a guarantee fails after a severe event,
// a major natural disaster or serious illness; never green with a guarantee
// not secured: yellow at best, a DEFAULT, since the source defines green as
// 两不愁三保障 secured and names no colour for that case). [TierInput].Guarantees
// nil means not assessed: the tier reads income and the severe flag only and
// [TierResult.String] says "guarantees not assessed"; a scheme states the
// colour with its [GuaranteeRule] (Scheme.GuaranteeNotSecured), and
// [Tiering.TierWithGuarantees] is the allocation-free path with guarantees.
// The sources do not settle the equal cases; the choices are 4,000 orange
// (red is "< 4,000"), 4,500 orange (yellow is "> 4,500") and 5,000 yellow
// (green is "> 5,000"), each noted in data/tiers.json. More income never
// gives a worse tier. The embedded scheme is CONFIRMED 65 (press). Schemes
// come as a [Schemes] set ([DefaultSchemes], [LoadSchemes],
// [Schemes.Overlay], [Schemes.History], [Schemes.Lookup]); [Schemes.For]
// picks the one for a region and year, serving only what
// [poverty.Provenance.Serve] allows for the region. [Scheme.Classify]
// explains its answer; [Scheme.Tiering] resolves a scheme once for a line
// and an income concept, and its [Tiering.Tier] gives the same tier
// without validation, explanation or allocation, for batch work.
//
// # Assistance measures
//
// The [Catalog] ([DefaultCatalog]) lists development-type measures
// (industry support, transfer employment, poverty micro-credit, skills
// training, public-welfare posts, work-for-relief) and safety-net measures
// (dibao, medical insurance and assistance, temporary assistance, pension,
// tekun support, education aid). [Catalog.Propose] proposes measures for a
// household's factors and labour capacity, with reasons; households without
// labour capacity get safety-net measures only (国开发〔2020〕6号). Which
// factor a measure addresses is a library default, marked as such
// ([Catalog.Mapping]). [LoadCatalog] and [Catalog.Overlay] add a
// caller's measures; [Catalog.History] keeps every version.
//
// # Case lifecycle
//
// [Open] starts a [Case] at [Identified] through one of the three channels
// (household application, cadre visit, department warning).
// [Case.StartAssistance] and [Case.AddMeasure] record dated measures;
// [Case.Eliminate] closes it as [Eliminated] with a passed
// [EliminationTest]; [Case.ReturnToPoverty] closes it as
// [ReturnedToPoverty]. The history is append-only; invalid steps are
// errors wrapping [ErrInvalidTransition], [ErrTerminal], [ErrDateOrder] or
// [ErrNotEliminable]; a closed case stays closed and [Case.Reopen] starts a
// new one. Cases marshal to JSON with their history and unmarshal by
// replaying it through the same checks.
//
// A case exists only under a document in force: opening a case, and every
// later step, checks its [Category] against the documents of
// data/categories.json on the step's date. A monitored case dated before
// 国开发〔2020〕6号 came into force (2020-03-20), or a case of
// [SuddenDifficulty] dated before 中农组发〔2021〕7号 (2021-01-01, the
// year of its number), is refused with a *[poverty.FieldError] (field
// "date" when no document is in force, "category" when the document in
// force does not define the category) wrapping [poverty.ErrNotInForce],
// whose message names the category, the date and the document.
//
// The elimination test requires income stably above the monitoring line
// for [Params].StableMonths months (DEFAULT six, following the county rule
// of 枞阳县, Anhui, recorded as the LOCAL rule elimination.stable_half_year;
// a national six-month rule is UNCONFIRMED), the guarantees and
// drinking water secured, the original risk resolved and no new risk; a
// household without labour capacity on safety-net measures only is not
// marked eliminated (Hainan FAQ, 2021-12). These conditions are confirmed
// only by Hainan (provincial) and 长顺县 (county): applied in every province
// they are DEFAULT rules whose sources name those texts.
//
// # Reports
//
// A [Tally] counts cases one at a time into a [Report]: counts by category,
// factor, tier, stage, route and province, measures per household and the
// elimination rate ([Summarize] for a slice of cases). [Report.CapTest] compares the monitored population with
// the registered population against the 5% / 10% caps (CONFIRMED). The
// published Anhui figures (3.37 measures a household, 29.4% eliminated)
// are predicted, not rebuilt: docs/VALIDATION.md sets the library's own
// identification, proposals and elimination test beside them, with the
// error.
//
// # Data and limits
//
// Parameters (data/params.json), rules (data/rules.json), categories
// (data/categories.json), tier schemes (data/tiers.json) and measures
// (data/measures.json) are embedded JSON. Every record, and every nested
// object with a source, carries the provenance members of
// [poverty.Provenance]: "source", "status" (CONFIRMED, SECONDARY,
// UNCONFIRMED, LOCAL, DEFAULT, SUPPLIED or EXAMPLE), "qualifier" ("press",
// "county government", "public code"), "scope" ("national", a zone, a
// province or county code), "from" and "to" ("2020", "2020-03" or
// "2020-03-20", only where the sources date it) and "note". The schemas:
//
//   - fupin.risk.params/2: {"schema", "vintage", "params": [{"id", "unit"
//     ("yuan", "ratio", "months"), "value" (text; none when UNCONFIRMED),
//     provenance...}]}; read by [LoadParams].
//   - fupin.risk.rules/2: {"schema", "rules": [{"code", "rule",
//     provenance...}]}; listed by [Rules].
//   - fupin.risk.categories/2: {"schema", "documents": [{"id", "name",
//     "categories", provenance... ("from": in force from)}]}; listed by
//     [Documents].
//   - fupin.risk.tiers/2: {"schema", "schemes": [{"id", "name", "basis",
//     "concept", "tiers", "cuts": [{"value", "at_cut", "note"}],
//     "severe_guarantee_red", "guarantee_not_secured" (optional: {"tier",
//     provenance...}), provenance...}]}; read by [LoadSchemes].
//   - fupin.risk.measures/2: {"schema", "mapping": {provenance...},
//     "measures": [{"code", "name", "type", "factors", "no_labour",
//     "fallback", provenance...}]}; read by [LoadCatalog].
//
// Each loader reads a caller's file in the same schema, strictly, validates
// every provenance and accepts every status; lookups decide what to serve
// ([poverty.Provenance.Serve]). Nothing returned from the embedded data
// lets one caller change what another sees. Labels are claims: a rule the
// library applies in every province while only a province or county
// confirms it is DEFAULT, and its source names the local text it follows.
// UNCONFIRMED values are never encoded: national monitoring lines after
// 2020 are reported as unknown by package poverty, and a caller supplies
// its province's line (IdentifyInput.Line, EliminationInput.Line, or an
// overlay of the poverty table).
//
// Income concepts are never converted: comparisons of net and disposable
// income fail with [poverty.ErrConceptMismatch]. The "stably above" reading
// of the elimination test (monitoring windows ending in each of the stable
// months), the income-drop comparison (recent months against the earlier
// months of the window, adjusted by employment events not yet in the
// records) and the identification of households in sudden severe
// difficulty (income net of compliant out-of-pocket spending below the
// line) are the library's documented readings of qualitative texts.
//
// Everything is pure: no clock, no randomness, no global mutable state;
// dates are passed in, and the same input gives the same output.
package risk
