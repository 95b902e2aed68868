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
package predict
