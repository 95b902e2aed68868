// Command county is fupin's reference model: it generates a synthetic
// county (internal/gen, deterministic from a seed, calibrated to public
// figures), runs every package over it one household at a time — income
// and status, exit tests, department warnings and monitored categories,
// colour tiers, proposed measures and cases, children's classification and
// care flags, employment and workshop jobs — and prints the county report:
// headline figures, a table by township, and the households to visit
// first with their reasons; or the same as one HTML page with charts.
//
//	go run ./examples/county
//	go run ./examples/county -format html > report.html
//	go run ./examples/county -reform my-line.json -format html > what-if.html
//	go run ./examples/county -size 200000 -seed 7 -format json
//	go run ./examples/county -province 65 -format csv
//
// The defaults come from county.json, embedded; -config reads another file
// of the same shape.
package main

import (
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/openfupin/fupin/poverty"
)

//go:embed county.json
var defaultConfig []byte

func main() {
	config := flag.String("config", "", "configuration file (default: the embedded county.json)")
	size := flag.Int("size", 0, "number of households (default from the configuration: 84,000, one county of 28 townships)")
	seed := flag.Uint64("seed", 0, "seed of the synthetic population (default from the configuration: 1)")
	year := flag.Int("year", 0, "accounting year (default 2020)")
	province := flag.String("province", "", "province code, e.g. 53 or 65 (default 53)")
	format := flag.String("format", "text", "output format: text, json, csv or html (one self-contained page with charts)")
	top := flag.Int("visit", -1, "number of households to visit first (default from the configuration)")
	thresholds := flag.String("thresholds", "", "a thresholds JSON file (package poverty schema) overlaid on the embedded table, e.g. your province's monitoring line for a year the embedded data leave unconfirmed")
	secondary := flag.Bool("accept-secondary", false, "accept thresholds from secondary sources")
	reform := flag.String("reform", "", "what-if: a thresholds file (package poverty schema) or a tier-scheme file (package risk schema) overlaid on the baseline; the same households run under both and the report says what changes (text, json or html)")
	flag.Parse()
	o := options{reform: *reform, secondary: *secondary, config: *config, size: *size, seed: *seed, year: *year, province: *province, format: *format, top: *top, thresholds: *thresholds}
	if err := run(o, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "county:", err)
		os.Exit(1)
	}
}

type options struct {
	config, province, format string
	thresholds, reform       string
	secondary                bool
	size, year, top          int
	seed                     uint64
}

func run(o options, stdout, stderr io.Writer) error {
	raw := defaultConfig
	if o.config != "" {
		var err error
		if raw, err = os.ReadFile(o.config); err != nil {
			return err
		}
	}
	cfg, err := decodeConfig(raw)
	if err != nil {
		return err
	}
	if o.size != 0 {
		cfg.Size = o.size
	}
	if o.seed != 0 {
		cfg.Seed = o.seed
	}
	if o.year != 0 {
		cfg.Year = o.year
	}
	if o.top >= 0 {
		cfg.VisitFirst = o.top
	}
	if o.province != "" {
		if cfg.Province, err = poverty.ParseRegion(o.province); err != nil {
			return err
		}
	}
	switch o.format {
	case "text", "json", "csv", "html":
	default:
		return fmt.Errorf("unknown format %q (want text, json, csv or html)", o.format)
	}
	table := poverty.Default()
	if o.thresholds != "" {
		f, err := os.Open(o.thresholds)
		if err != nil {
			return err
		}
		t, err := poverty.LoadTable(f, o.thresholds)
		f.Close()
		if err != nil {
			return err
		}
		table = table.Overlay(t)
	}
	if o.reform != "" {
		return runWhatIf(o, cfg, table, stdout)
	}
	m, err := newModel(cfg, table, poverty.LookupOptions{AcceptSecondary: o.secondary})
	if err != nil {
		return err
	}
	rep, err := m.run(func(done, total int) {
		fmt.Fprintf(stderr, "county: %d of %d households (%.0f%%)\n", done, total, 100*float64(done)/float64(total))
	})
	if err != nil {
		return err
	}
	switch o.format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	case "csv":
		return writeCSV(stdout, rep)
	case "html":
		return writeHTML(stdout, rep, nil)
	}
	return writeText(stdout, rep)
}

// pct formats n/d as a percentage to one decimal, as the articles print
// shares.
func pct(n, d int) string {
	if d == 0 {
		return "-"
	}
	r, err := poverty.Ratio(int64(n), int64(d), poverty.RoundHalfUp)
	if err != nil {
		return "-"
	}
	return pctRate(r)
}

// pctRate rounds a rate half up to a tenth of a percent.
func pctRate(r poverty.Rate) string { return ((r + 500) / 1000 * 1000).Percent() }

func writeText(w io.Writer, r *Report) error {
	h := &r.Headline
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("%s\nprovince %s (%s), year %d, seed %d\n\n", r.Name, r.Province, r.Province.Name(), r.Year, r.Seed)
	p("HEADLINE\n")
	p("  households %d, members %d, resident members %d\n", h.Households, h.Members, h.Residents)
	p("  mean per-capita income %s; registered (lifted-out) households %s\n", h.MeanPerCapita, h.RegisteredMean)
	p("  standard %s, monitoring line %s\n", h.Shown[0], h.Shown[1])
	for _, k := range []string{"status and exit", "warnings, category and tier"} {
		p("  income for %s: %s\n", k, h.Windows[k])
	}
	p("  status:")
	for _, c := range h.ByStatus {
		p(" %s %d (%s)", c.Key, c.Count, pct(c.Count, h.Households))
	}
	p("\n  exit test re-run for the %d households lifted out in %d: %d fail", h.ExitTested, r.Year, h.ExitFailed)
	for _, c := range h.ExitFailedBy {
		p("; %s %d", c.Key, c.Count)
	}
	p("\n  department warnings: %d households", h.WarnedHouseholds)
	for _, c := range h.Warnings {
		p("; %s %d", c.Key, c.Count)
	}
	mon := &h.Monitored
	p("\n  monitored households %d (%d people)", mon.Households, mon.Population)
	for _, c := range mon.ByCategory {
		p("; %s %d", c.Key, c.Count)
	}
	if h.Cap != nil {
		p("\n  monitored share of the registered population %s, a finding of the model (not a target it is tuned to), against the 2020 guide's caps [%s]: about %s generally (within %t)",
			pctRate(h.Cap.Share), h.Cap.Cap.Label(), pctRate(h.Cap.Cap.Rate), h.Cap.Within)
		if d := h.CapDeep; d != nil {
			p(", at most %s in deep-poverty areas (within %t)", pctRate(d.Cap.Rate), d.Within)
		}
	}
	if len(h.ToRegister) > 0 {
		p("\n  below the standard, to be put (back) on the registered list, not monitored:")
		for _, c := range h.ToRegister {
			p(" %s %d", c.Key, c.Count)
		}
	}
	p("\n  measures proposed %d, %s a household:", mon.Measures, mon.MeasuresPerHousehold.Decimal().Round(2))
	for _, c := range h.Measures {
		p(" %s %d", c.Key, c.Count)
	}
	p("\n  cases opened %s; follow-up %s:", h.Identified, h.FollowUp)
	for _, c := range mon.ByStage {
		p(" %s %d", c.Key, c.Count)
	}
	p(" (%s eliminated)", pctRate(mon.EliminationRate))
	if len(h.NotEliminatedBy) > 0 {
		p("; not eliminated because of")
		for _, c := range h.NotEliminatedBy {
			p(" %s %d", c.Key, c.Count)
		}
	}
	if len(h.Tiers) > 0 {
		p("\n  tiers (%s):", h.Scheme)
		p("\n   ")
		for _, c := range h.Tiers {
			p(" %s %d (%s)", c.Key, c.Count, pct(c.Count, h.Households))
		}
	}
	p("\n  children %d: left-behind %d, de facto unattended %d, to report at once %d", h.Children, h.LeftBehind, h.Unattended, h.MustReport)
	p("\n  care flags:")
	for _, c := range h.ChildFlags {
		p(" %s %d;", c.Key, c.Count)
	}
	if h.Labour != nil {
		p("\n  labour force %d, employed %d, supported through employment transfer %d (%s of the labour force), from registered households %s",
			h.Labour.LaborForce, h.Labour.Employed, h.Labour.Supported, pctRate(h.TransferRate), pctRate(h.PoorShare))
		p("\n  %s", h.WorkingAges)
	}
	p("\n  workshop jobs %d, held by members of registered households %d (%s)\n", h.WorkshopJobs, h.WorkshopPoor, pct(h.WorkshopPoor, h.WorkshopJobs))
	if len(h.ClassifyFailures) > 0 {
		keys := make([]string, 0, len(h.ClassifyFailures))
		for k := range h.ClassifyFailures {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			p("  records the library rejected: %s: %d\n", k, h.ClassifyFailures[k])
		}
	}

	p("\nBY TOWNSHIP\n")
	p("  %-9s %6s %10s %6s %6s %6s %6s %5s %6s %6s %6s\n", "township", "hh", "mean", "<std", "<line", "monit", "warned", "red", "orange", "lb-ch", "wkshop")
	for _, t := range r.Townships {
		p("  %-9s %6d %10s %6d %6d %6d %6d %5d %6d %6d %6d\n", t.Township, t.Households, t.MeanPerCapita, t.BelowStandard, t.BelowLine,
			t.Monitored, t.Warned, t.Red, t.Orange, t.LeftBehind, t.WorkshopJobs)
	}
	p("\nHOUSEHOLDS TO VISIT FIRST\n")
	for i, v := range r.Visit {
		p("%2d. %s (%s, %s) score %d, %s, per capita %s\n", i+1, v.Household, v.Township, v.Village, v.Score, v.Status, v.PerCapita)
		for _, why := range v.Reasons {
			p("      - %s\n", why)
		}
	}
	p("\nSOURCES\n")
	for _, s := range r.Sources {
		p("  %s\n", s)
	}
	for _, n := range r.Notes {
		p("NOTE: %s\n", n)
	}
	return nil
}

// writeCSV writes the table by township, then the headline figures and
// the visit list as key-value rows, in one CSV stream with a section
// column.
func writeCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	itoa := strconv.Itoa
	cw.Write([]string{"section", "township", "households", "mean_per_capita", "below_standard", "below_monitoring_line", "monitored", "warned", "red", "orange", "left_behind_children", "workshop_jobs"})
	for _, t := range r.Townships {
		cw.Write([]string{"township", t.Township, itoa(t.Households), t.MeanPerCapita.String(), itoa(t.BelowStandard), itoa(t.BelowLine),
			itoa(t.Monitored), itoa(t.Warned), itoa(t.Red), itoa(t.Orange), itoa(t.LeftBehind), itoa(t.WorkshopJobs)})
	}
	h := &r.Headline
	kv := func(k, v string) { cw.Write([]string{"headline", k, v}) }
	kv("households", itoa(h.Households))
	kv("mean_per_capita", h.MeanPerCapita.String())
	for _, c := range h.ByStatus {
		kv("status."+c.Key, itoa(c.Count))
	}
	kv("exit_failed", itoa(h.ExitFailed))
	kv("warned_households", itoa(h.WarnedHouseholds))
	kv("monitored", itoa(h.Monitored.Households))
	kv("measures_per_household", h.Monitored.MeasuresPerHousehold.String())
	kv("eliminated_at_follow_up", itoa(h.Monitored.Eliminated))
	for _, c := range h.NotEliminatedBy {
		kv("not_eliminated."+c.Key, itoa(c.Count))
	}
	for _, c := range h.Tiers {
		kv("tier."+c.Key, itoa(c.Count))
	}
	kv("left_behind", itoa(h.LeftBehind))
	kv("de_facto_unattended", itoa(h.Unattended))
	if h.Labour != nil {
		kv("transfer_rate", h.TransferRate.String())
		kv("working_ages", h.WorkingAges)
	}
	kv("workshop_jobs", itoa(h.WorkshopJobs))
	for i, v := range r.Visit {
		cw.Write([]string{"visit", itoa(i + 1), v.Household, v.Township, itoa(v.Score), strings.Join(v.Reasons, " | ")})
	}
	cw.Flush()
	return cw.Error()
}

// runWhatIf writes the what-if report of o.reform: text or JSON, or the
// baseline's page with a what-if section.
func runWhatIf(o options, cfg Config, table *poverty.Table, stdout io.Writer) error {
	if o.format == "csv" {
		return fmt.Errorf("-reform writes text, json or html, not csv")
	}
	w, base, err := whatIf(cfg, table, poverty.LookupOptions{AcceptSecondary: o.secondary}, o.reform, cfg.VisitFirst)
	if err != nil {
		return err
	}
	switch o.format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(w)
	case "html":
		section, err := whatIfHTML(w)
		if err != nil {
			return err
		}
		return writeHTML(stdout, base, section)
	}
	return writeWhatIfText(stdout, w)
}
