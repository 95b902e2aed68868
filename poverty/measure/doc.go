// Package measure computes poverty and inequality measures over a
// population of per-capita welfare: the FGT family, Watts and Sen, Gini,
// Theil, Atkinson, Palma and shares, group decompositions, relative lines,
// poverty dynamics over panels and the attribution of poverty reduction to
// one income source.
//
// The entry points:
//
//   - build a [Population] with [New] (amounts and weights),
//     [FromHouseholds] (households weighted by their resident members) or a
//     [Builder] (streamed records, groups);
//   - [Population.Poverty] gives FGT0/1/2, Watts, Sen, the income-gap ratio
//     and the exact money gap at several lines in one pass ([Population.FGT]
//     one index at one line);
//   - [Population.Gini] and [Population.Inequality] give the inequality
//     measures, [Population.ByGroup] everything by group;
//   - [PanelDynamics] and [PanelPoverty] follow households over years.
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
