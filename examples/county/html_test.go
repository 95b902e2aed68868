package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// pageFacts is what TestHTML reads back from a page: its charts, the
// element ids, and every attribute and text that could fetch something.
type pageFacts struct {
	charts   []string // data-chart attributes of the <svg> elements, in order
	ids      map[string]bool
	fetching []string // src, href, url(...) or @import that would reach out
	text     string   // all character data
}

// parsePage parses a page as strict XML (the page is written to be
// well-formed) and collects its facts.
func parsePage(t *testing.T, page []byte) pageFacts {
	t.Helper()
	f := pageFacts{ids: map[string]bool{}}
	d := xml.NewDecoder(bytes.NewReader(page))
	d.Strict = true
	var text strings.Builder
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the page is not well-formed: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if x.Name.Local == "script" || x.Name.Local == "link" || x.Name.Local == "img" || x.Name.Local == "iframe" {
				f.fetching = append(f.fetching, "<"+x.Name.Local+">")
			}
			for _, a := range x.Attr {
				switch a.Name.Local {
				case "data-chart":
					if x.Name.Local == "svg" {
						f.charts = append(f.charts, a.Value)
					}
				case "id":
					f.ids[a.Value] = true
				case "src", "href":
					f.fetching = append(f.fetching, a.Name.Local+"="+a.Value)
				}
			}
		case xml.CharData:
			text.Write(x)
		}
	}
	f.text = text.String()
	f.fetching = append(f.fetching, regexp.MustCompile(`url\(|@import|@font-face`).FindAllString(f.text, -1)...)
	return f
}

// TestHTML renders the default county (84,000 households) as a page and
// checks that it is well-formed, light, self-contained and complete: every
// chart, the headline figures with their provenance, the measures, the
// flows and the households to visit with masked numbers.
func TestHTML(t *testing.T) {
	var out, errb bytes.Buffer
	if err := run(options{format: "html", top: -1}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	page := out.Bytes()
	if len(page) >= 1<<20 {
		t.Errorf("the page weighs %d bytes, want under 1 MB", len(page))
	}
	f := parsePage(t, page)
	if diff := cmp.Diff(chartIDs, f.charts); diff != "" {
		t.Errorf("charts (-want +got):\n%s", diff)
	}
	for _, id := range []string{"headline", "fgt", "townships", "visit", "chart-tiers", "chart-income", "chart-lorenz", "chart-fgt", "chart-flows"} {
		if !f.ids[id] {
			t.Errorf("no element with id %q", id)
		}
	}
	if len(f.fetching) > 0 {
		t.Errorf("the page would fetch: %q", f.fetching)
	}
	// Every http(s) URL in the page is an XML namespace name, never fetched.
	for _, u := range regexp.MustCompile(`https?://[^"' <]*`).FindAllString(string(page), -1) {
		if u != "http://www.w3.org/1999/xhtml" && u != "http://www.w3.org/2000/svg" {
			t.Errorf("URL in the page: %s", u)
		}
	}
	for _, want := range []string{
		"84000", "Monitoring line 监测线", "6000.00", "Standard 扶贫标准", "4000.00", "Gini 基尼系数 0.", "FGT0", "monitoring line 监测线",
		"Status 1 January", "Monitored category", "Households to visit first", "H530120-****", "Noto Sans CJK SC",
	} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the page does not contain %q", want)
		}
	}
	// Provenance labels carry the citation in their title.
	if !regexp.MustCompile(`<span class="prov" title="[^"]{20,}">[^<]*CONFIRMED</span>`).Match(page) {
		t.Error("no provenance label with a citation in its title")
	}
	// Household numbers never appear in clear.
	if m := regexp.MustCompile(`H\d{6}-\d{7}`).Find(page); m != nil {
		t.Errorf("household number in clear: %s", m)
	}
	// Identity numbers (18 characters) neither.
	if m := regexp.MustCompile(`\d{17}[\dX]`).Find(page); m != nil {
		t.Errorf("identity number in the page: %s", m)
	}
}

// TestHTMLNoStandard renders a 2021 county: no standard is in force, and
// the page says so rather than drawing one.
func TestHTMLNoStandard(t *testing.T) {
	var out, errb bytes.Buffer
	o := options{format: "html", size: 3000, top: 5, year: 2021, thresholds: "testdata/overlay-2021.json", secondary: true}
	if err := run(o, &out, &errb); err != nil {
		t.Fatal(err)
	}
	f := parsePage(t, out.Bytes())
	if diff := cmp.Diff(chartIDs, f.charts); diff != "" {
		t.Errorf("charts (-want +got):\n%s", diff)
	}
	if !strings.Contains(f.text, "none in force") {
		t.Error("the page does not say that no standard is in force")
	}
	if strings.Contains(f.text, "standard 扶贫标准") {
		t.Error("the page measures poverty against a standard that is not in force")
	}
}

func TestMaskID(t *testing.T) {
	for in, want := range map[string]string{"H530120-0000019": "H530120-****019", "abc": "***", "abcdef": "***def", "H-12": "*-12", "": ""} {
		if got := maskID(in); got != want {
			t.Errorf("maskID(%q) = %q, want %q", in, got, want)
		}
	}
}
