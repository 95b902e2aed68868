// Command exit runs the household exit test (贫困户退出, 厅字〔2016〕16号) on a
// household read from a JSON file, and prints every criterion with its
// reason code, what it read, the parameter that decided it and its source.
//
// With no flags it reads the household it ships (household.json): the 2020
// household of SEEDS.md S1, with 30,000 yuan of wage income and 70,000 of
// operating income.
//
//	go run ./examples/exit
//	go run ./examples/exit -data my-household.json -format json
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/openfupin/fupin/internal/exampleio"
	"github.com/openfupin/fupin/poverty"
)

//go:embed household.json
var defaultData []byte

// input is the file format: one household, its verified guarantees and the
// boundary rule.
type input struct {
	About      string             `json:"about"`
	Household  poverty.Household  `json:"household"`
	Guarantees poverty.Guarantees `json:"guarantees"`
	Boundary   poverty.Boundary   `json:"boundary"`
	Lenient    bool               `json:"lenient"`
}

func main() {
	data := flag.String("data", "", "household JSON file (default: the S1 household shipped with the program)")
	format := flag.String("format", "text", "output format: text or json")
	flag.Parse()
	if err := run(*data, *format, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "exit:", err)
		os.Exit(1)
	}
}

func run(path, format string, w io.Writer) error {
	raw, err := exampleio.Read(path, defaultData)
	if err != nil {
		return err
	}
	var in input
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return fmt.Errorf("decode %s: %w", name(path), err)
	}
	h := &in.Household
	if err := h.Validate(); err != nil {
		return err
	}
	std, err := poverty.Default().Standard(h.Year, h.Province(), poverty.LookupOptions{Lenient: in.Lenient})
	if err != nil {
		return err
	}
	res, err := poverty.ExitTest(h, std, in.Guarantees, in.Boundary, nil)
	if err != nil {
		return err
	}
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	case "text":
		return printText(w, h, std, res)
	}
	return errors.New("unknown -format " + format + " (text or json)")
}

func name(path string) string {
	if path == "" {
		return "embedded household.json"
	}
	return path
}

func printText(w io.Writer, h *poverty.Household, std poverty.Threshold, res poverty.ExitResult) error {
	verdict := "may be lifted out of poverty (脱贫)"
	if !res.Pass {
		verdict = "may NOT be lifted out yet"
	}
	total, _ := h.Income.Total()
	fmt.Fprintf(w, "Household %s, county %s (%s), %d\n", h.ID, h.County, h.Province().Name(), h.Year)
	fmt.Fprintf(w, "Income %s (wage %s, net operating %s, net property %s, net transfer %s) over %d resident members\n",
		total, h.Income.Wage, h.Income.NetOperating(), h.Income.Property, h.Income.NetTransfer(), h.Residents())
	fmt.Fprintf(w, "Per-capita income %s against the standard %s (%s)\n", res.PerCapita, std.Amount, std.Source)
	fmt.Fprintf(w, "Verdict: %s\n\n", verdict)
	for _, c := range res.Criteria {
		mark := "pass"
		if !c.Pass {
			mark = "FAIL"
		}
		fmt.Fprintf(w, "[%s] %s: %s\n       read: %s\n", mark, c.Code, c.Rule, c.Input)
		if c.Param != "" {
			fmt.Fprintf(w, "       parameter: %s\n", c.Param)
		}
		fmt.Fprintf(w, "       source: %s\n", c.Source)
	}
	return nil
}
