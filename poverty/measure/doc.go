// Package measure computes poverty and inequality measures over a
// population of per-capita welfare: the FGT family, Watts and Sen, Gini,
// Theil, Atkinson, Palma and shares, group decompositions, relative lines,
// poverty dynamics over panels and the attribution of poverty to income
// sources.
//
// The entry points:
//
//   - build a [Population] with [New] (amounts and weights),
//     [FromHouseholds] (households weighted by their resident members) or a
//     [Builder] (streamed records, groups, survey weights);
//   - [Population.Poverty] gives FGT0/1/2, Watts, Sen, the income-gap ratio
//     and the exact money gap at several lines in one pass ([Population.FGT]
//     one index at one line);
//   - [Population.Gini] and [Population.Inequality] give the inequality
//     measures, [Population.ByGroup] everything by group, with the FGT and
//     Theil decompositions;
//   - [PanelDynamics] follows statuses over years (transitions, spells,
//     relapses, chronic poverty by duration, missing years), and
//     [ChronicByComponents] splits poverty over a panel of incomes into
//     chronic and transient components;
//   - [AttributeShapley] decomposes poverty and the Gini by income source
//     (parts that add up), [AttributeOneAtATime] gives the effect of one
//     source removed alone.
//
// # Conventions for zero and negative welfare and for empty groups
//
// Welfare is kept as it is: operating losses make it negative, and no
// measure truncates it at zero. Where a measure is undefined the result
// says so with NaN (JSON null) or +Inf, never with a silent zero; the
// methods that return one measure ([Population.Gini], [Population.TheilL],
// ...) return [ErrNotPositive] instead. A population of total weight zero
// is [ErrNoWeight]; a group of weight zero inside a report is kept with
// NaN ratios.
//
//	measure                     zero welfare            negative welfare        group with no weight
//	FGT0/1/2 ([Poverty])        poor, gap 1             poor, gap above 1       NaN; contribution 0
//	income-gap ratio, Sen       defined                 defined                 NaN
//	Watts                       +Inf if poor            +Inf if poor            NaN
//	Cost (money gap)            z per person            z - y, above z          0
//	Gini, deciles               defined if mean > 0     kept; Gini may pass 1   NaN
//	Palma, S80S20               +Inf if shares are 0    meaningless if < 0      NaN
//	Theil T                     0·ln 0 = 0              NaN                     NaN; no part in T
//	Theil L, Atkinson ε >= 1    +Inf, 1                 NaN                     NaN; no part in L
//	Atkinson ε = 0.5            defined                 NaN                     NaN
//	Theil decomposition         all-zero group: no      NaN                     no part
//	                            part in T; L parts NaN
//	quantiles, relative lines   defined                 defined                 zero weights ignored
//	ChronicByComponents         gap 1                   gap above 1             unit with no year: Unobserved
//	AttributeShapley FGT        as FGT                  as FGT                  ErrNoWeight
//	AttributeShapley Gini       as Gini; all zero: 0    NaN if mean <= 0        ErrNoWeight
//	                                                    and unequal
//
// When nobody is poor the income-gap ratio, Sen and Watts are 0. Every
// mean, Gini and Theil is over the population's weights; "defined if mean
// > 0" means a mean of zero or below gives NaN. [Inequality],
// [TheilDecomposition], [Poverty], [ChronicComponents] and [Shapley]
// document each case in full.
//
// # Methods and references
//
// The attribution of poverty to income sources is the static
// decomposition of Shorrocks (2013) by the Shapley value
// ([AttributeShapley]); removing one source at a time
// ([AttributeOneAtATime]) gives effects that do not add up. Chronic
// poverty has two meanings, named by method: by duration (Foster 2009:
// poor in at least a share of the years, [Dynamics]) and by components
// (Jalan and Ravallion 1998: mean income below the line,
// [ChronicComponents]). The Theil indices and their decomposition follow
// Theil (1967) and Shorrocks (1980). The full references are on the types.
//
// # Statistics, not decisions
//
// Measures are statistics: they use float64 inside, as the module's rules
// allow for statistics, and never decide a household's eligibility (that is
// [poverty.Classify]). Money a measure reports (the cost of closing the
// gap, a relative line, a quantile) is [poverty.Money], exact where the
// arithmetic allows and otherwise rounded once with a named
// [poverty.Rounding] or as documented. The boundary at the line follows
// [poverty.Boundary]. Negative welfare (operating losses) is kept and its
// treatment documented on each result.
//
// # Building
//
// Building sorts the observations once (a comparison sort, or for large
// populations a radix sort on welfare offset by its minimum: two 16-bit
// passes for a range below 2^32 fen, negative welfare included); every
// measure afterwards is one pass or less and allocates nothing per
// observation. A Population is immutable and safe for concurrent use.
//
// # JSON
//
// Every result marshals to JSON as an object whose members are its field
// names in snake_case ("income_gap_ratio"), money as decimal strings and
// enumerations as their words. A figure that is not a number (NaN, or an
// infinity such as the Watts index of a population with welfare zero or
// below the line) is written as JSON null: encoding/json refuses NaN, and
// null says "undefined" in every JSON reader. Marshalling never fails.
//
// # Errors
//
// A measure that cannot be computed is an *[Error] naming the measure and
// the input, wrapping [ErrNoWeight], [ErrNotPositive] or one of poverty's
// sentinels ([poverty.ErrRange], [poverty.ErrOverflow],
// [poverty.ErrConceptMismatch]); bad observations are *[poverty.FieldError]
// with Op naming this package's operation.
package measure
