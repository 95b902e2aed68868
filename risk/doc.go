// Package risk runs relapse monitoring and assistance (防止返贫监测和帮扶):
// department early warnings, the identification of monitored households,
// risk factors, colour tiers, assistance measures, the case lifecycle from
// identification to risk elimination, and reports over many cases.
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
// unknown words are *[EventError] naming the event and the field.
//
// [Assess] turns a household (its 12 monthly incomes before the date) and
// its events into an [Assessment]: one [Check] per [WarningRule], each
// with the figure it read, what it compared it with, the [Param] applied
// (value, status and source) and the outcome. The rules are
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
// (docs/POLICY.md 3.2). The numbers are therefore explicit library defaults with
// status DEFAULT in data/params.json, never national policy; callers
// replace them with [Params.Load] (an override keeps the replaced value in
// [Params.History]). Assess is allocation-free: explanations are built
// lazily by [Check.Explain].
//
// # Monitored categories
//
// [Identify] decides the [Category] under the document in force
// ([CategoriesIn]): in 2020 (国开发〔2020〕6号) unstable lifted-out households
// and marginal households; from 2021 (中农组发〔2021〕7号) also households in
// sudden severe difficulty. It reads the per-capita income over the 12
// months before identification ([poverty.TrailingWindow], or the caller's
// figure), the monitoring line of the province and year, compliant
// out-of-pocket spending, the guarantees, recorded factors, department
// warnings and the members able to work, and reports every criterion as a
// [poverty.Criterion] with its reason code and source.
//
// # Risk factors
//
// [Factor] codes follow the local code list of docs/POLICY.md 2.2 (01 illness,
// 0201-0299 disasters, 03 disability, 04 lack of labour, 05 accident, 06
// industry failure, 07 unstable employment, 09 schooling, 99 other). That
// list is SECONDARY (one local system, see [FactorCodeSource]). Factors
// marshal as words; [ParseFactor] also reads the codes. [CheckFactors]
// applies the consistency rules (unstable employment needs a member able to
// work and a job record, after Guizhou's data-quality rules, SECONDARY).
//
// # Colour tiers
//
// A [Scheme] is data: tiers from worst to best, cut-offs in yuan or as
// multiples of the monitoring line, and for each cut-off the band an income
// exactly at it belongs to ([Side]). The embedded reference scheme is
// Xinjiang 2020 (red below 4,000; orange 4,000-4,500; yellow 4,500-5,000;
// green above 5,000; red also when a guarantee fails after a severe event).
// The sources do not settle the equal cases; the choices are 4,000 orange
// (red is "< 4,000"), 4,500 orange (yellow is "> 4,500") and 5,000 yellow
// (green is "> 5,000"), each noted in data/tiers.json. More income never
// gives a worse tier. [Scheme.Classify] explains its answer; [Scheme.Tier]
// gives the same tier without the explanation and without allocating, for
// batch work.
//
// # Assistance measures
//
// The [Catalogue] ([DefaultCatalogue]) lists development-type measures
// (industry support, transfer employment, poverty micro-credit, skills
// training, public-welfare posts, work-for-relief) and safety-net measures
// (dibao, medical insurance and assistance, temporary assistance, pension,
// tekun support, education aid). [Catalogue.Propose] proposes measures for a
// household's factors and labour capacity, with reasons; households without
// labour capacity get safety-net measures only (国开发〔2020〕6号). Which
// factor a measure addresses is a library default, marked as such.
//
// # Case lifecycle
//
// [Open] starts a [Case] at [Identified] through one of the three channels
// (household application, cadre visit, department warning).
// [Case.StartAssistance] and [Case.AddMeasure] record dated measures;
// [Case.Eliminate] closes it as [RiskEliminated] with a passed
// [EliminationTest]; [Case.ReturnToPoverty] closes it as
// [ReturnedToPoverty]. The history is append-only; invalid steps are
// *[TransitionError]; a closed case stays closed and [Case.Reopen] starts a
// new one. Cases marshal to JSON with their history and unmarshal by
// replaying it through the same checks.
//
// The elimination test requires income stably above the monitoring line
// for [Params].StableMonths months (default six, a county rule of 枞阳县,
// Anhui; a national six-month rule is UNCONFIRMED), the guarantees and
// drinking water secured, the original risk resolved and no new risk; a
// household without labour capacity on safety-net measures only is not
// marked eliminated (Hainan FAQ, 2021-12).
//
// # Reports
//
// A [Tally] counts cases one at a time into a [Report]: counts by category,
// factor, tier, stage, route and province, measures per household and the
// elimination rate. [Report.CheckCap] compares the monitored population with
// the registered population against the 5% / 10% caps (CONFIRMED). The
// tests rebuild the Anhui figures (61,279 households, 206,600 measures,
// 18,029 eliminated: 3.37 measures per household, 29.4%) from generated
// case records.
//
// # Data and limits
//
// Parameters (data/params.json), rules (data/rules.json), categories
// (data/categories.json), tier schemes (data/tiers.json) and measures
// (data/measures.json) are embedded JSON with a source and status on every
// value; each loader reads a caller's file in the same schema, strictly.
// UNCONFIRMED values are never encoded: national monitoring lines after
// 2020 are reported as unknown by package poverty, and a caller supplies
// its province's line (IdentifyInput.Line, EliminationInput.Line, or an
// overlay of the poverty table).
//
// Income concepts are never converted: comparisons of net and disposable
// income fail with [poverty.ErrConceptMismatch]. The "stably above" reading
// of the elimination test (12-month windows ending in each of the stable
// months), the income-drop comparison (recent months against the earlier
// months of the window, adjusted by employment events not yet in the
// records) and the identification of households in sudden severe
// difficulty (income net of compliant out-of-pocket spending below the
// line) are the library's documented readings of qualitative texts.
//
// Everything is pure: no clock, no randomness, no global mutable state;
// dates are passed in, and the same input gives the same output.
package risk
