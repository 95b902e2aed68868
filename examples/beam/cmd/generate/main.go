// Command generate writes a synthetic province for the Beam pipeline:
// households from internal/gen's generator in sharded files (JSON Lines of
// poverty.Household, or the batch example's CSV) and the matching
// department feeds (JSON Lines of keyed risk events), so that the pipeline
// can be run at any size:
//
//	go run ./cmd/generate -households 10000 -shards 4 -dir data/10k
//	go run ./cmd/generate -households 1000000 -shards 16 -province 65 -dir data/1m
//	go run ./cmd/generate -households 10000000 -shards 64 -format csv -dir data/10m
//
// The records are synthetic (EXAMPLE data, internal/gen/calibration.md).
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/openfupin/fupin/examples/beam/internal/feed"
	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/poverty"
)

func main() {
	var (
		households, shards, year, csvShards int
		seed                                uint64
		province, dir, format               string
	)
	flag.IntVar(&households, "households", 10000, "number of households")
	flag.IntVar(&shards, "shards", 4, "number of household files and of event files")
	flag.IntVar(&year, "year", 2020, "accounting year of the incomes")
	flag.Uint64Var(&seed, "seed", 1, "seed of the population")
	flag.StringVar(&province, "province", "65", "province code (65, Xinjiang, has a colour-tier scheme for 2020)")
	flag.StringVar(&dir, "dir", "data", "output directory")
	flag.StringVar(&format, "format", "jsonl", "household format: jsonl (members and monthly incomes) or csv (counts and income only)")
	flag.IntVar(&csvShards, "csv-shards", 0, "with -format jsonl: write the first N household shards as CSV (a mixed input)")
	flag.Parse()
	region, err := poverty.ParseRegion(province)
	if err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(2)
	}
	start := time.Now()
	f, err := feed.Write(feed.Config{
		Gen:    gen.Config{Seed: seed, Households: households, Year: year, Province: region},
		Shards: shards, Dir: dir, Format: feed.Format(format), CSVShards: csvShards,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "generate: %d households in %d files, %d events in %d files, in %s (%s/households-*, %s/events-*)\n",
		f.HouseholdCount, len(f.Households), f.EventCount, len(f.Events), time.Since(start).Round(time.Millisecond), dir, dir)
}
