// Command children runs a village child registry (SEEDS.md S7) through
// package children: it reads registry.jsonl (one child a line, the records
// a village child director keeps) and services.json (the township's
// children's home, activity centres and child directors), classifies each
// child as left-behind or de facto unattended with the reasons, flags the
// care gaps to act on, and reports who is served and where services are
// missing.
//
//	go run ./examples/children
//	go run ./examples/children -registry my.jsonl -services my-services.json -format json
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
	"strings"

	"github.com/openfupin/fupin/children"
	"github.com/openfupin/fupin/internal/exampleio"
	"github.com/openfupin/fupin/poverty"
)

var (
	//go:embed registry.jsonl
	defaultRegistry []byte
	//go:embed services.json
	defaultServices []byte
)

// ServicesFile is the services data file.
type ServicesFile struct {
	About      string              `json:"about"`
	On         poverty.Date        `json:"on"`
	Villages   []children.Place    `json:"villages"`
	Facilities []children.Facility `json:"facilities"`
}

// ChildView is what the registry shows for one child.
type ChildView struct {
	ID       string   `json:"id"`
	Village  string   `json:"village"`
	Age      int      `json:"age"`
	Status   string   `json:"status"`
	Reasons  []string `json:"reasons"`
	Flags    []string `json:"flags,omitempty"`
	Report   bool     `json:"report_at_once"`
	Severity string   `json:"severity,omitempty"`
}

// Output is the program's result.
type Output struct {
	On       poverty.Date      `json:"on"`
	Children []ChildView       `json:"children"`
	Figures  children.Figures  `json:"figures"`
	Coverage children.Coverage `json:"coverage"`
}

func main() {
	registry := flag.String("registry", "", "registry JSON Lines file (default: the one shipped)")
	services := flag.String("services", "", "services JSON file (default: the one shipped)")
	format := flag.String("format", "text", "text or json")
	flag.Parse()
	if err := run(*registry, *services, *format, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "children:", err)
		os.Exit(1)
	}
}

func run(registryPath, servicesPath, format string, w io.Writer) error {
	reg, err := exampleio.Read(registryPath, defaultRegistry)
	if err != nil {
		return err
	}
	svc, err := exampleio.Read(servicesPath, defaultServices)
	if err != nil {
		return err
	}
	var sf ServicesFile
	if err := exampleio.DecodeJSON(svc, "services", &sf); err != nil {
		return err
	}
	if sf.On.IsZero() {
		return fmt.Errorf("services: field on: %w", poverty.ErrMissing)
	}
	var kids []children.Child
	dec := children.NewDecoder(bytes.NewReader(reg))
	for {
		var c children.Child
		err := dec.Next(&c)
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("registry: %w", err)
		}
		kids = append(kids, c)
	}
	rules := children.Default()
	out := Output{On: sf.On}
	for i := range kids {
		c := &kids[i]
		cl, err := rules.Classify(c, sf.On)
		if err != nil {
			return fmt.Errorf("registry: child %s: %w", c.ID, err)
		}
		flags, err := rules.Check(c, &cl)
		if err != nil {
			return fmt.Errorf("registry: child %s: %w", c.ID, err)
		}
		v := ChildView{ID: c.ID, Village: c.Village, Age: c.AgeOn(sf.On), Status: cl.Status().String(), Report: flags.MustReport()}
		// A covered child: the reasons of the scheme that covers it. A child
		// not covered: the first left-behind condition that failed.
		for _, k := range []*children.Result{&cl.LeftBehind, &cl.Unattended} {
			if k.Outcome == children.Yes {
				for _, r := range k.Reasons() {
					v.Reasons = append(v.Reasons, r.String())
				}
			}
		}
		if len(v.Reasons) == 0 {
			for _, k := range []*children.Result{&cl.LeftBehind, &cl.Unattended} {
				for _, r := range k.Reasons() {
					if r.Outcome != children.Yes {
						v.Reasons = append(v.Reasons, k.Scheme+": "+r.String())
						break
					}
				}
			}
		}
		var most children.Severity
		for _, f := range flags.All() {
			v.Flags = append(v.Flags, f.String())
			most = max(most, f.Severity)
		}
		if most != 0 {
			v.Severity = most.String()
		}
		out.Children = append(out.Children, v)
	}
	snap := children.Snapshot{On: sf.On, Children: kids}
	if out.Figures, err = rules.Summarize(snap); err != nil {
		return err
	}
	m, err := children.NewServiceMap(sf.Villages, sf.Facilities)
	if err != nil {
		return fmt.Errorf("services: %w", err)
	}
	if out.Coverage, err = m.Coverage(rules, snap); err != nil {
		return err
	}
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if format != "text" {
		return errors.New("unknown format " + format)
	}
	return writeText(w, &out)
}

func writeText(w io.Writer, o *Output) error {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("VILLAGE CHILD REGISTRY, %s\n", o.On)
	for _, c := range o.Children {
		p("\n%s (%s, age %d): %s\n", c.ID, c.Village, c.Age, c.Status)
		for _, r := range c.Reasons {
			p("    %s\n", r)
		}
		for _, f := range c.Flags {
			p("  CARE GAP %s\n", f)
		}
		if c.Report {
			p("  REPORT AT ONCE\n")
		}
	}
	f := &o.Figures
	p("\nFIGURES\n  children %d; left-behind %d (cared for by grandparents %s); de facto unattended %d; ACWF definition %d\n",
		f.Children, f.LeftBehind.Children, f.LeftBehind.GrandparentShare.Percent(), f.Unattended.Children, f.ACWF)
	c := &o.Coverage
	p("\nSERVICES for the %d left-behind children\n", c.LeftBehind)
	for _, s := range c.Served {
		p("  %s: %d served\n", s.Service, s.Children)
	}
	var places []string
	for _, v := range c.VillagesWithoutDirector {
		places = append(places, v.Township+"/"+v.Village)
	}
	p("  villages without a child director: %s (%d left-behind children there)\n", strings.Join(places, ", "), c.LeftBehindWithoutDirector)
	return nil
}
