// Package poverty holds the foundation of fupin: exact money, regions,
// China's poverty standards and monitoring lines as sourced and dated data,
// household income accounting, household status, the household exit test and
// village and county delisting.
//
// Every other package of the module (risk, children, labor) stands on it;
// it imports none of them.
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
// value carries its year, region, unit, income concept, price base, source
// (document name and number) and status, as docs/POLICY.md rates it:
//
//   - the national rural poverty standard by series: the 1986 standard (206
//     yuan at 1985 prices), the 2000 standards (625 and the low-income 865 at
//     2000 prices, with current values for 2005 and 2007), the 2008 standard
//     (1,067; 1,196 in 2009; 1,274 in 2010) and the 2010 standard (2,300 at
//     2010 prices; 2,536 to 2,952 for 2011-2016; about 4,000 in 2020);
//   - the monitoring range of 国开发〔2020〕6号 (about 1.5 times the standard)
//     and the provincial monitoring lines confirmed by government pages
//     (Fujian 2023 10,560; Yunnan 2023 8,050; Yunnan 2025 8,700);
//   - village and county delisting cut-offs (2%, 3% in the western region;
//     wrongful-exit and omission rates below 2%, approval at least 90%);
//   - the World Bank's international lines ([IntlLine]), converted only with
//     a PPP factor the caller supplies.
//
// [Table.Lookup], [Table.Standard] and [Table.MonitoringLine] search by year
// and region, falling back from a province to its [Zone] and to [National].
// A value rated UNCONFIRMED (the 2017 and 2018 standards; the national
// monitoring lines of 2021-2025) is never returned as fact: the lookup fails
// with [ErrUnconfirmed], and the error's note names the commonly quoted
// figure. SECONDARY values need [LookupOptions.AcceptSecondary]. A year past
// the last known value fails with [ErrUnknownYear], or, with
// [LookupOptions.Lenient], returns the last value flagged Stale.
// [DataVintage] dates the embedded data.
//
// Callers load their own values with [LoadTable] (rated SUPPLIED, or with
// the status their source earns) and combine them with
// [Table.Overlay]: the overlay's records replace those with the same key,
// and [Table.History] still returns every replaced version. Tables are
// immutable and safe for concurrent use.
//
// # Parameter file schema
//
// A parameter file is one JSON object (unknown fields are errors):
//
//	{
//	  "schema": "fupin.thresholds/1",
//	  "vintage": "2025-06-05",
//	  "series": [{"kind": "poverty_standard", "series": "2010", "from": 2011, "name": "..."}],
//	  "records": [{
//	    "kind": "monitoring_line",        // see Kind
//	    "series": "",                     // required for poverty_standard
//	    "region": "53",                   // "national" (default) or a province code
//	    "zone": "",                       // or "east" / "central" / "west" for zone-wide rules
//	    "year": 2025, "to": 0,            // year of the value, or years a rule is in force
//	    "value": "8700",                  // yuan as a decimal string, or a ratio ("1.5", "0.02")
//	    "unit": "yuan_per_person_year",   // or "ratio"
//	    "concept": "net_income",          // net_income, disposable_income, not_stated
//	    "price_base": "current",
//	    "comparison": "",                 // lt, le, ge, gt for cut-offs
//	    "source": "云农办通〔2025〕1号 ...",
//	    "status": "CONFIRMED",            // CONFIRMED, SECONDARY, SUPPLIED, UNCONFIRMED (no value then)
//	    "approximate": false,
//	    "note": ""
//	  }],
//	  "intl_lines": [{"id": "wb-3.00-2021", "usd": "3.00", "ppp_base": 2021, "from": 2025,
//	                  "status": "CONFIRMED", "source": "..."}]
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
// six months or more, or away with income brought home) and carries its
// [IncomeConcept]; comparing net income with a disposable-income line is
// [ErrConceptMismatch] unless the caller relabels explicitly with
// [Figure.As]. Monthly incomes ([MonthlyIncome]) feed the 12-month
// monitoring window ([TrailingWindow], [Household.PerCapitaOver]); a missing
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
// (registered poor, lifted out, marginal, poor but unregistered, not poor)
// from its registration history and income; it does not allocate and takes
// about 50 ns. [ExitTest] applies 厅字〔2016〕16号: income above the
// standard plus the two assurances and three guarantees and safe drinking
// water ([Guarantees]), reporting every [Criterion] with its reason code,
// input, parameter and source. [Table.VillageDelisting] and
// [Table.CountyDelisting] compute incidence and the 2017 assessment rates
// from counts and compare them exactly, without rounding.
//
// # Errors
//
// Errors are *[ParseError] (a value that does not parse), *[FieldError] (a
// record's field, naming the record, the field and the value) or
// *[LookupError] (a parameter that cannot be returned), each wrapping one of
// the exported sentinels such as [ErrUnconfirmed] or [ErrNoResidents].
//
// # Measures
//
// The measures read a [Population]: per-capita welfare with weights, built
// with [NewPopulation], [HouseholdPopulation] (households weighted by
// resident members) or a [PopulationBuilder]. [Population.Poverty] gives
// FGT0/1/2, Watts, Sen, the income-gap ratio and the exact money gap for
// several lines in one pass, and the boundary follows [Boundary].
// [Population.Inequality] gives Gini, Theil, Atkinson, deciles, Palma and
// S80/S20. [Population.ByGroup] reports every measure by group, with
// additive FGT contributions and Theil within/between.
// [Population.RelativeLine] and [Population.LineForShare] give relative
// lines and the inverse line. [PanelDynamics] (generic over the status
// type, so that risk's colour tiers fit too) and [PanelPoverty] cover
// dynamics, and [Attribute] the effect of one income source such as
// workshop wages. Measures are statistics (float64 inside), never
// eligibility decisions; negative welfare is kept and its treatment is
// documented on each type.
package poverty
