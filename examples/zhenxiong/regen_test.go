package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

var regen = flag.Bool("regen", false, "rewrite labour.csv and workshops.csv, the data the example ships")

// TestRegenerate rewrites the shipped data with -regen. labour.csv is a
// synthetic 1/500 sample of Zhenxiong's labour force in 2020 (SEEDS.md
// S6): 1,549 workers of working age able to work, 1,332 of them supported
// through employment transfer (workstations, the job fair, workshops,
// public-welfare posts), 529 of those from registered poor households;
// plus members outside the labour force. workshops.csv is the returnee's
// four garment workshops at full scale (S5): 537 workers, 235 from
// registered poor households. The example reads only the files.
func TestRegenerate(t *testing.T) {
	if !*regen {
		t.Skip("run with -regen to rewrite the data")
	}
	r := rand.New(rand.NewPCG(2020, 530627))
	var b strings.Builder
	b.WriteString("# Synthetic 1/500 sample of Zhenxiong's labour force, 2020 (SEEDS.md S6), made by regen_test.go.\n")
	b.WriteString(header + "\n")
	const force, supported, poorSupported = 1549, 1332, 529
	worker := 0
	line := func(hid string, reg, residents int, income, wid, born, sex, channel, place, via, workshop, start, end string, wage int) {
		// The household's other resident members: children and elders.
		var others []string
		for k := 1; k < residents; k++ {
			y := 2005 + r.IntN(14)
			if k%2 == 0 {
				y = 1945 + r.IntN(15)
			}
			others = append(others, fmt.Sprintf("%d-%02d-%02d", y, 1+r.IntN(12), 1+r.IntN(28)))
		}
		fmt.Fprintf(&b, "%s,%d,%s,%s,%s,%s,%s,able,%s,%s,%s,%s,%s,%s,%d\n", hid, reg, strings.Join(others, ";"), income, wid, born, sex, channel, place, via, workshop, start, end, wage)
	}
	for worker < force {
		// One sampled worker a household, with the household's
		// registration: 529 of the 1,332 supported workers come from
		// registered poor households, spread evenly.
		worker++
		hid := fmt.Sprintf("ZX-H%04d", worker)
		wid := hid + "-W1"
		sup := worker <= supported
		poorHH := worker%5 < 2
		if sup {
			poorHH = (worker-1)*poorSupported/supported != worker*poorSupported/supported
		}
		reg := 0
		if poorHH {
			reg = 2014 + r.IntN(3)
		}
		residents := 2 + r.IntN(4)
		income := fmt.Sprint(3000 + r.IntN(6000))
		sex := "male"
		if r.IntN(2) == 0 {
			sex = "female"
		}
		born := fmt.Sprintf("%d-%02d-%02d", 1972+r.IntN(26), 1+r.IntN(12), 1+r.IntN(28))
		switch {
		case !sup && worker%2 == 0:
			line(hid, reg, residents, income, wid, born, sex, "self_found", "in_county", "", "", "2020-03-01", "2020-10-31", 2200)
		case !sup:
			line(hid, reg, residents, income, wid, born, sex, "", "", "", "", "", "", 0)
		default:
			switch u := r.IntN(20); {
			case u < 11:
				ws := []string{"WS-DG", "WS-NB", "WS-SZ", "WS-HF", "WS-CQ"}[r.IntN(5)]
				line(hid, reg, residents, income, wid, born, sex, "workstation", "other_province", ws, "", "2020-03-01", "", 4000+r.IntN(2500))
			case u < 15:
				line(hid, reg, residents, income, wid, born, sex, "job_fair", "other_province", "JF-2020-02", "", "2020-03-15", "", 3800+r.IntN(1500))
			case u < 18:
				line(hid, reg, residents, income, wid, born, sex, "workshop", "in_township", "", fmt.Sprintf("ZX-W%02d", 1+r.IntN(20)), "2020-01-01", "", 2300)
			default:
				line(hid, reg, residents, income, wid, born, sex, "public_welfare_post", "in_village", "", "", "2020-01-01", "", 600)
			}
		}
	}
	// Members outside the labour force: over working age.
	for i := 0; i < 180; i++ {
		hid := fmt.Sprintf("ZX-E%04d", i+1)
		line(hid, 0, 1, "4000", hid+"-W1", fmt.Sprintf("%d-06-01", 1940+r.IntN(15)), "male", "", "", "", "", "", "", 0)
	}
	if err := os.WriteFile("labour.csv", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	b.Reset()
	b.WriteString("# The returnee's four garment workshops, Zhenxiong (SEEDS.md S5), made by regen_test.go: 537 workers, 235 from registered poor households.\n")
	b.WriteString(header + "\n")
	for i := 0; i < 537; i++ {
		hid := fmt.Sprintf("ZX-R%04d", i+1)
		reg := 0
		if i*235/537 != (i+1)*235/537 {
			reg = 2014 + r.IntN(3)
		}
		sex := "female"
		if r.IntN(4) == 0 {
			sex = "male"
		}
		born := fmt.Sprintf("%d-%02d-%02d", 1975+r.IntN(25), 1+r.IntN(12), 1+r.IntN(28))
		line(hid, reg, 3+r.IntN(3), fmt.Sprint(6000+r.IntN(8000)), hid+"-W1", born, sex, "workshop", "in_township", "",
			fmt.Sprintf("ZX-G%d", 1+i%4), "2019-10-01", "", 2300+r.IntN(400))
	}
	if err := os.WriteFile("workshops.csv", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
