package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

var regen = flag.Bool("regen", false, "rewrite returned.csv, the data the example ships")

// TestRegenerate rewrites returned.csv with -regen: the workers who came
// home from the cities to Gangu's 52 workshops (SEEDS.md S5), synthetic:
// 960 mothers (735 with two children under 16 in the village registry,
// 225 with one, whose fathers still work away) and 240 other returnees,
// each with the migrant job they left and the workshop job they took, and
// their households. The example reads only the file.
func TestRegenerate(t *testing.T) {
	if !*regen {
		t.Skip("run with -regen to rewrite the data")
	}
	r := rand.New(rand.NewPCG(2018, 620523))
	var b strings.Builder
	b.WriteString("# Workers who came home to Gangu's workshops (SEEDS.md S5), synthetic, made by regen_test.go.\n")
	b.WriteString(header + "\n")
	date := func(y0, span int) string {
		return fmt.Sprintf("%d-%02d-%02d", y0+r.IntN(span), 1+r.IntN(12), 1+r.IntN(28))
	}
	for i := range 1200 {
		hid := fmt.Sprintf("GG-H%04d", i+1)
		wid := hid + "-M"
		sex, kids := "female", 0
		switch {
		case i < 735:
			kids = 2
		case i < 960:
			kids = 1
		default:
			sex, wid = "male", hid+"-R"
		}
		reg := 0
		if i%4 == 0 {
			reg = 2014 + r.IntN(3)
		}
		var children, others []string
		for range kids {
			children = append(children, date(2005, 10)) // under 16 through 2019
		}
		others = append(others, date(1945, 15)) // a grandparent at home
		born := date(1978, 16)
		otherParent := ""
		if kids > 0 {
			otherParent = "migrant_out_of_province"
		}
		place := []string{"other_province", "other_province", "in_province"}[r.IntN(3)]
		mstart := date(2012, 4)
		mend := fmt.Sprintf("2017-%02d-%02d", 9+r.IntN(4), 1+r.IntN(28))
		ws := fmt.Sprintf("GG-W%02d", 1+i%52)
		wstart := fmt.Sprintf("2018-%02d-01", 1+r.IntN(3))
		fmt.Fprintf(&b, "%s,%d,%s,%d,%s,%s,%s,%s,%s,%s,%d,%s,%s,%d,%s,%s\n", hid, reg, strings.Join(others, ";"), 3000+r.IntN(5000),
			wid, born, sex, place, mstart, mend, 3500+r.IntN(2000), ws, wstart, 2000+r.IntN(600), strings.Join(children, ";"), otherParent)
	}
	if err := os.WriteFile("returned.csv", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
