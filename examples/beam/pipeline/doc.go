// Package pipeline is fupin's household assessment as an Apache Beam
// pipeline (Go SDK), for the provincial data platforms that run a
// distributed engine (Flink, Spark, Dataflow; prism locally and in tests).
//
// [Build] reads households (the batch example's CSV schema, or JSON Lines
// of poverty.Household) and department events (JSON Lines of
// {"household": key, "event": risk event}) from files or globs, keys both
// by household and joins them with CoGroupByKey. Each household is then
// assessed by the library's own functions, in one function of assess.go:
// its status against the lines of its year and province
// (poverty.Classify, poverty.ClassifyIncome for a CSV record), its
// department warnings (risk.Assess), its monitored category
// (risk.Identify) and its colour tier where a scheme is in force
// (risk.Scheme.Classify), as of 31 December of its accounting year.
//
// The outputs ([Write]) are JSON Lines: one [Result] a household (its key
// masked as poverty.MaskIDsIn masks; keys that look like identity numbers
// are refused), one [CountyReport] a county and year (households by
// status, category and tier; the monitored share against the caps of the
// 2020 guidance, risk.Report.CapTest), and one [DeadLetter] a rejected
// record (input, file, line, field, reason). Parameter files are read
// once, validated, and handed to the workers as a side input; each kind is
// overlaid in order on the embedded data (poverty.Table.Overlay,
// risk.Schemes.Overlay, risk.Params.Overlay). The counters of
// [CounterNamespace] account for every record: read = accepted + rejected,
// for households and for events ([Counts.Check]).
package pipeline
