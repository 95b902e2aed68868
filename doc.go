// Package fupin is the front page of a Go SDK for China's targeted poverty
// alleviation (精准扶贫) and its successor, the monitoring and assistance
// mechanism that keeps households from returning to poverty (防止返贫监测和帮扶).
//
// It turns the policy into importable domain types and pure functions:
// poverty standards and monitoring lines as sourced, dated data; household
// income accounting; exit and delisting tests; relapse-risk monitoring with
// department early warnings, colour tiers, assistance measures and case
// lifecycles; left-behind and de facto unattended children; and employment
// transfer with poverty-alleviation workshops. Every decision explains
// itself with a reason code, the inputs it read and the parameter (with its
// official source) that decided it.
//
// # Packages
//
//   - [github.com/openfupin/fupin/poverty]: money (an exact count of fen),
//     regions, poverty standards and monitoring lines by year and province,
//     household income and status, the household exit test, village and
//     county delisting.
//   - [github.com/openfupin/fupin/poverty/measure]: poverty and inequality
//     measures (FGT, Watts, Sen, Gini, Theil, Atkinson, Palma), groups and
//     decompositions, relative lines, dynamics over panels, attribution.
//   - [github.com/openfupin/fupin/risk]: monitored categories, risk factors,
//     department events and early warnings, colour tiers, assistance
//     measures, the case lifecycle to risk elimination, and reports.
//   - [github.com/openfupin/fupin/children]: left-behind and de facto
//     unattended children, guardianship and care checks, services coverage
//     and registry figures.
//   - [github.com/openfupin/fupin/labor]: workers and jobs, labour transfer,
//     poverty-alleviation workshops and their recognition, labour export,
//     and what a workshop changes for incomes and for left-behind children.
//
// Imports point down: poverty imports none of the others; risk, children
// and labor import poverty; labor also imports children.
//
// # Policy sources
//
// The embedded data cite their documents: 厅字〔2016〕16号 (exit mechanism),
// 国开发〔2020〕6号 and 中农组发〔2021〕7号 (relapse monitoring), 国发〔2016〕13号
// and 民发〔2019〕62号 (children), provincial and county notices for
// monitoring lines and workshop awards, NBS yearbooks for the standard's
// yearly values, and the World Bank for international lines. Values without
// a source are never encoded as fact: lookups report them as unconfirmed and
// let the caller supply their own parameter file.
//
// # Embedding
//
// A monitoring platform classifies a household against the lines of its
// province and year, supplying from its own parameter file any line the
// embedded data leave unconfirmed (the package example shows the whole flow,
// compiled and checked):
//
//	tab := poverty.Default() // embedded, sourced policy data
//	own, err := poverty.LoadTable(file, "guizhou-2023.json")
//	if err != nil {
//		return err // a *poverty.FieldError naming the file, record and field
//	}
//	tab = tab.Overlay(own) // the embedded history is kept
//	lines, err := tab.LinesFor(2023, poverty.MustParseRegion("52"), poverty.BelowLine, poverty.LookupOptions{})
//	if err != nil {
//		return err // e.g. ErrUnconfirmed: a line no source confirms
//	}
//	c, err := poverty.Classify(&household, &lines)
//	if err != nil {
//		return err
//	}
//	fmt.Println(c.Status, c.Explain())
//
// # One verb per idea
//
// The same verb means the same thing in every package:
//
//	verb              meaning                                         for example
//	Classify          a status, category or tier from records         poverty.Classify, children.Rules.Classify, risk.Scheme.Classify, labor.EmploymentRules.Classify
//	Assess            department early warnings for a household       risk.Assess
//	Identify          the monitored category of a household           risk.Identify
//	Check             care checks of a child                          children.Rules.Check
//	...Test           pass/fail criteria, each with its reason        poverty.ExitTest, risk.EliminationTest, risk.Report.CapTest
//	Propose           assistance measures for risk factors            risk.Catalog.Propose
//	Recognize         a workshop against a recognition rule           labor.Params.Recognize
//	Summarize         figures over many records                       risk.Summarize, children.Rules.Summarize, labor.SummarizeExport
//	Lookup            one value from a table by key                   poverty.Table.Lookup, risk.Schemes.Lookup, labor.Lookup
//	Load, Default     a caller's parameter file; the embedded data    poverty.LoadTable, risk.LoadParams, children.LoadRules, labor.LoadParams
//	Overlay, History  combine parameter sets (nothing is erased); every version of one record
//
// Every decision explains itself twice: String gives one line (the reason
// code and the deciding figure), Explain the full reason with the rule, the
// inputs read and the parameter with its source and status.
//
// # Provenance
//
// Every parameter carries a [poverty.Provenance]: its source, a status from
// one vocabulary (CONFIRMED, SECONDARY, UNCONFIRMED, LOCAL, DEFAULT,
// SUPPLIED, EXAMPLE), the region it applies to and the period it is in
// force. docs/PARAMETERS.md lists every embedded value.
//
// The programs under examples/ show each real system the library models,
// a reference county run end to end, a streaming batch job and an HTTP
// service.
package fupin
