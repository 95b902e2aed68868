// Package predict runs package gen's synthetic populations through the
// library and returns the figures docs/SEEDS.md publishes, as predictions:
// the generator draws households from documented distributions
// (internal/gen/calibration.md) and never receives a published figure; the
// library decides (risk.Identify, Catalog.Propose, EliminationTest month by
// month, labor's employment rules, children's classification before and
// after). Where a parameter is fitted to one published figure, the fit is
// a named input ([GanguInput.ReturnShare]) whose value and the figure it
// was fitted to are in docs/VALIDATION.md, and the figure predicted is
// another one.
//
// Every function is deterministic for its seed. [Spread] summarises a
// figure over several seeds. docs/VALIDATION.md is the table of published
// against predicted values; `go run ./internal/gen/predict/table` prints it.
// [RunParts] runs some of the table's rows on chosen seeds, and
// [Results.Comparisons] gives each row on one seed with the published
// value and its source: examples/anhui, examples/zhenxiong and
// examples/gangu print them with [WriteComparisons].
package predict
