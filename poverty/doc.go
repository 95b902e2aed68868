// Package poverty holds the foundation of fupin: exact money, regions,
// China's poverty standards and monitoring lines as sourced and dated data,
// household income accounting, household status, the household exit test and
// village and county delisting.
//
// The entry points:
//
//   - [Default] returns the embedded policy data, and [Table.LinesFor] the
//     standard and monitoring line of a year and region;
//   - [Classify] gives a [Household]'s [Status] against those lines
//     ([ClassifyIncome] from counts and income components, for batch
//     programs);
//   - [ExitTest] applies the household exit test, criterion by criterion;
//   - [LoadTable] and [Table.Overlay] bring in a caller's own values;
//   - [Money] is the exact amount every rule computes in.
//
// Every other package of the module (risk, children, labor) stands on it;
// it imports none of them. The poverty and inequality measures (FGT, Gini,
// ...) are in the sub-package poverty/measure.
//
// # Money
//
// [Money] is an int64 count of fen shaped like [time.Duration]: constants
// [Fen], [Jiao] and [Yuan], [Money.String] ("1234.56"), [ParseMoney] (which
// rejects a third decimal, '+', separators and absurd magnitudes), JSON as a
// string, checked [Money.Add], [Sum] and [Money.Mul] where sums can overflow.
// Ratios and multipliers are a [Rate] in parts per million. Anything that
// rounds takes a named [Rounding] mode; the zero mode is rejected, so nothing
// rounds silently. [decimal.Decimal] appears only at the edges:
// [MoneyFromDecimal], [Money.Decimal], [RateFromDecimal].
//
// # Policy data
//
// Thresholds are data, not code. [Default] returns the [Table] decoded from
// the JSON embedded in the package (data/thresholds.json), in which every
// value carries its year, unit, income concept, price base and a
// [Provenance]: source (document name and number), status, qualifier,
// scope (the region it applies to) and, where the sources date it, its
// effective period. Statuses are as docs/POLICY.md rates them:
//
//   - the national rural poverty standard by series, CONFIRMED: the 1986
//     standard (206 yuan at 1985 prices), the 2000 standards (625 and the
//     low-income 865 at 2000 prices; 785 and 1,067 in 2007, "press"), the
//     2008 standard (1,067; 1,196 in 2009; 1,274 in 2010, "press") and the
//     2010 standard (2,300 at 2010 prices; 2,536 to 2,952 for 2011-2016;
//     about 4,000 in 2020, approximate); 2005 and 2019 are SECONDARY, 2017
//     and 2018 UNCONFIRMED. Each series carries the years it was in force;
//     the 2010 series ends in 2020, and no standard is in force after it;
//   - the monitoring range of 国开发〔2020〕6号 (about 1.5 times the
//     standard, CONFIRMED) and the provincial monitoring lines, LOCAL to
//     their province: Fujian 2023 10,560 ("provincial, reprint"), Yunnan
//     2023 8,050 (a county page, 元谋县, applied to the province), Yunnan
//     2025 8,700; the national lines of 2021-2025 are UNCONFIRMED;
//   - delisting cut-offs: village incidence at most 2%, 3% in the western
//     region (SECONDARY: POLICY.md 1.7 rates it "CONFIRMED by inference and
//     SECONDARY", so village delisting needs
//     [LookupOptions.AcceptSecondary]); county incidence below 2%, 3% in the
//     west; wrongful-exit and omission rates below 2%, approval at least
//     90% (CONFIRMED, from October 2017);
//   - the World Bank's international lines ([IntlLine]), converted only with
//     a PPP factor the caller supplies.
//
// The rule catalogue (data/rules.json; [Rules], [RuleFor]) holds the text
// and provenance of every reason code, and two numbers the household rules
// read: "household.resident" (six months at home, SECONDARY: restatements
// of the NBS definition) and "income.trailing_window" (12 months, DEFAULT:
// the library's national reading of an Anhui and a 定南县 rule).
// "status.poor_unregistered" is DEFAULT too (our reading of the omission
// rate). Each package's data are the library's own: no value in them is
// SUPPLIED or EXAMPLE.
//
// [Table.Lookup], [Table.Standard] and [Table.MonitoringLine] search by year
// and region, from the province's own values to its zone's ([Region.Zone]) and to
// national ones, and serve what [Provenance.Serve] allows: a value rated
// UNCONFIRMED is never returned as fact (the lookup fails with
// [ErrUnconfirmed], and the error's note names the commonly quoted figure);
// SECONDARY values need [LookupOptions.AcceptSecondary]; LOCAL values serve
// the region of their scope. A year past the last known value fails with
// [ErrUnknownYear], or, with [LookupOptions.Lenient], returns the last
// value with its own year and status, flagged Stale; a series the sources
// close is never extended ([ErrNotInForce]). From 2021 [Table.LinesFor]
// returns lines without a standard, and [Classify] reads the monitoring
// line only. [Threshold.String] prints approximate and derived values as
// such ("≈ 6000.00 (derived: ≈ 1.5 × standard ≈ 4000.00)"), and
// [Threshold.Cite], used by every reason, adds the source and its status
// label. [DataVintage] dates the embedded data.
//
// [Table.Records] lists the values, [Table.Gaps] the UNCONFIRMED records
// (no value, kept to show the gap), [Table.SeriesList] and
// [Table.IntlLines] the rest; nothing they return shares memory with the
// table. Callers load their own values with [LoadTable] (any status:
// SUPPLIED for their own file, or the status their source earns) and
// combine them with [Table.Overlay]: the overlay's records replace those
// with the same kind, series, scope and year, and [Table.History] still
// returns every replaced version, oldest first. Tables are immutable and
// safe for concurrent use.
//
// # Parameter file schema
//
// A parameter file is one JSON object (unknown fields are errors). Every
// record, series and line has a provenance: "source", "status" (CONFIRMED,
// SECONDARY, UNCONFIRMED, LOCAL, DEFAULT, SUPPLIED or EXAMPLE), an optional
// "qualifier" ("press", "provincial"), "scope" ("national", a zone word
// "east", "central", "west" or "northeast", a province code "53", or a
// county code "340722"; county values are never found by region), "from"
// and "to" ("2020", "2020-03" or "2020-03-20", only as far as the sources
// date the value) and "note":
//
//	{
//	  "schema": "fupin.thresholds/2",
//	  "vintage": "2025-06-05",
//	  "series": [{"kind": "poverty_standard", "series": "2010", "name": "...",
//	              "source": "...", "status": "CONFIRMED", "scope": "national",
//	              "from": "2011", "to": "2020"}],   // years in force; "reference": true if never in force
//	  "records": [{
//	    "kind": "monitoring_line",        // see Kind
//	    "series": "",                     // required for poverty_standard
//	    "year": 2025, "until": 0,         // year of the value, or years a rule applies
//	    "value": "8700",                  // yuan as a decimal string, or a ratio ("1.5", "0.02")
//	    "unit": "yuan_per_person_year",   // or "ratio"
//	    "concept": "net_income",          // net_income, disposable_income, not_stated
//	    "price_base": "current",
//	    "comparison": "",                 // lt, le, ge, gt for cut-offs
//	    "approximate": false,
//	    "source": "云农办通〔2025〕1号 ...",
//	    "status": "LOCAL",                // UNCONFIRMED records carry no value
//	    "qualifier": "provincial, via township notice",
//	    "scope": "53",
//	    "from": "2025", "to": "",
//	    "note": ""
//	  }],
//	  "intl_lines": [{"id": "wb-3.00-2021", "usd": "3.00", "ppp_base": 2021,
//	                  "source": "...", "status": "CONFIRMED", "scope": "national", "from": "2025-06"}]
//	}
//
// # Households and income
//
// A [Household] is the unit of every rule. Its [Income] follows the four
// NBS components (wage; net operating = operating income - costs -
// depreciation - production taxes; net property; net transfer = transfer
// income - transfer spending), with one-off relief, earmarked subsidies and
// borrowing recorded in [Excluded] and never counted. Per-capita income
// divides by the resident members of the NBS rule ([Member.Resident]: home
// six months or more, or away with income brought home; the months come
// from the rule catalogue, and [Household.MinMonthsHome] sets another) and
// carries its
// [IncomeConcept]; comparing net income with a disposable-income line is
// [ErrConceptMismatch] unless the caller relabels explicitly with
// [Figure.As]. Monthly incomes ([MonthlyIncome]) feed the 12-month
// monitoring window ([TrailingWindow], from the rule catalogue, or
// [TrailingWindowOf] for another length; [Household.PerCapitaOver]); a missing
// month is an error, never zero. A household with no resident member is
// [ErrNoResidents], never a division by zero.
//
// Resident identity numbers ([IDNumber], GB 11643) are validated with their
// check character, yield birth date and sex, and are masked whenever they are
// printed, logged, marshalled or put in an error.
//
// # Status, exit and delisting
//
// Where the sources say "below the line" without settling the equal case,
// a [Boundary] decides; the default [BelowLine] counts an income equal to
// the line as not below it. [Classify] gives a household's [Status]
// (registered poor, lifted out, poor but unregistered, in the monitoring
// range, not poor) from its registration history and income; it does not
// allocate and takes about 50 ns. A status describes income and
// registration only; the outcomes the monitoring documents name (return to
// poverty, newly poor, the monitored categories) are decided by the risk
// package's identification, whose overview has the table.
//
// # Income concepts
//
// Each threshold carries its income concept (net income 纯收入, disposable
// income 可支配收入, or not stated by its source) and its concept policy:
// the one other concept it may be compared with, as data with provenance
// ([Threshold].Accepts, a [ConceptMatch]). [Threshold.Compare] applies the
// policy, and so do [Classify], [ExitTest] and the risk package's rules:
// the same concept, or a side whose concept is not stated, or the concept
// the threshold accepts; anything else is [ErrConceptMismatch]. The
// embedded 2020 monitoring line, stated in disposable income, accepts the
// registration system's net income, labelled DEFAULT; every reason that
// uses it says so ([Threshold.ConceptNote]). Figures are never converted
// from one concept to the other. [ExitTest] applies 厅字〔2016〕16号: income above the
// standard plus the two assurances and three guarantees and safe drinking
// water ([Guarantees]), reporting every [Criterion] with its reason code,
// input, parameter and source. [Table.VillageDelisting] and
// [Table.CountyDelisting] compute incidence and the 2017 assessment rates
// from counts and compare them exactly, without rounding. Every criterion
// cites its parameter with [Threshold.Cite] and its rule's source with its
// status label.
//
// # Errors
//
// Errors are *[ParseError] (a value that does not parse), *[FieldError] (a
// record's field, naming the operation, the record, the field and the
// value: "poverty.Classify: record "h1": field concept = "net_income":
// income concepts differ: figure net_income, monitoring line
// disposable_income") or *[LookupError] (a parameter that cannot be
// returned), each wrapping one of the exported sentinels such as
// [ErrUnconfirmed] or [ErrNoResidents]. Identity numbers are masked in
// every message.
package poverty
