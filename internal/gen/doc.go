// Package gen generates synthetic rural populations for fupin's examples,
// tests and benchmarks: households with members, ages, resident status,
// income by component and by month, registration history, labour capacity,
// jobs (migrant, local, workshop, public-welfare posts), children with
// their parents and guardians, guarantees and department events.
//
// # Determinism and streaming
//
// A population is a [Config]: a seed, a number of households and a few
// shape parameters. Household i depends only on the configuration and i
// (its random stream is a PCG from math/rand/v2 seeded from both), so
//
//   - the same Config gives the same households, byte for byte;
//   - [Config.All] streams them one at a time into one reused [Record],
//     so a province of tens of millions of people is never in memory;
//   - [Generator.Fill] makes any household directly, so work can be split
//     across goroutines, one [Generator] each.
//
// # Calibration
//
// Distributions are set so that the population reproduces the public
// figures that exist, and are otherwise documented assumptions. The
// figures, and every constant with its status, are in calibration.md next
// to this file; the tests check the calibrated ones on generated records.
// In short: the mean per-capita income of registered households is about
// 10,740 yuan in 2020 (SCIO, 2021-04-06: registered poor per-capita net
// income at the end of 2020), the county-wide mean is above 10,000 yuan
// (Zhenxiong, 2020, article 003), about one household in three was once
// registered (Zhenxiong), workshop pay is 2,000+ yuan a month plus a 300
// yuan subsidy (Anhui, article 001) and migrant pay around 4,000 yuan a
// month (Zhejiang, article 003).
//
// # Feeding the other packages
//
// [Record.RiskEvents] and [Record.Factors] give a household's department
// events and risk factors for package risk, [Record.Children] its minors
// as a village child registry for package children, and [Record.Labor]
// its members as workers with their jobs for package labor. The mappings
// are assumptions, listed in calibration.md. examples/county runs every
// package over a generated county this way.
//
// # Output
//
// [AppendCSV] and [WriteCSV] write the household CSV schema of
// examples/batch ([CSVHeader]); [WriteJSONL] writes full
// [poverty.Household] records as JSON Lines.
//
// The package is internal: its records are synthetic and its schema may
// change with the examples.
package gen
