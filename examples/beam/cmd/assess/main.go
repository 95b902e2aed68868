// Command assess runs fupin's household assessment as an Apache Beam
// pipeline, so that a province's registered and monitored households and
// its department feeds can be assessed on the distributed engine of its
// data platform (Flink, Spark, Dataflow) with the same rules as one
// process: households (the batch example's CSV, or JSON Lines of
// poverty.Household) and department events (JSON Lines of keyed risk
// events) are read from files or globs, keyed by household and joined
// (CoGroupByKey); each household is assessed by the library (status
// against the lines of its year and province, department warnings, the
// monitored category, the colour tier); results, per-county aggregates and
// dead letters are written as JSON Lines. Parameter files (thresholds, tier
// schemes, warning parameters) are read once, as a side input, and overlaid
// on the embedded data in order.
//
//	go run ./cmd/generate -households 10000 -shards 4 -dir data/10k
//	go run ./cmd/assess -households 'data/10k/households-*' -events 'data/10k/events-*' -out out/10k/
//
// The runner is Beam's -runner flag (default prism, in process); README.md
// gives the flags for Flink, Spark and Dataflow. At the end the command
// prints read = accepted + rejected for households and for events, from the
// pipeline's counters, and fails if either does not add up.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/openfupin/fupin/examples/beam/pipeline"
)

// list is a flag that takes comma-separated values and may be repeated.
type list []string

func (l *list) String() string { return strings.Join(*l, ",") }

func (l *list) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

func main() {
	var in pipeline.Inputs
	var set pipeline.Settings
	var out string
	flag.Var((*list)(&in.Households), "households", "household files or globs (.csv, .jsonl, .ndjson; .gz too), comma-separated or repeated")
	flag.Var((*list)(&in.Events), "events", "department feeds (JSON Lines of {\"household\", \"event\"}), files or globs")
	flag.Var((*list)(&in.Thresholds), "thresholds", "thresholds files (poverty.LoadTable schema), overlaid in order on the embedded table")
	flag.Var((*list)(&in.Tiers), "tiers", "colour-tier scheme files (risk.LoadSchemes schema), overlaid in order")
	flag.Var((*list)(&in.Params), "params", "warning and cap parameter files (risk.LoadParams schema), overlaid in order")
	flag.StringVar(&out, "out", "out/", "output prefix: PREFIXresults.jsonl, PREFIXcounties.jsonl, PREFIXdeadletter.jsonl (a directory ends in /)")
	flag.BoolVar(&set.AtOrBelow, "at-or-below", false, "count an income equal to a line as below it (default: strictly below)")
	flag.BoolVar(&set.AcceptSecondary, "accept-secondary", false, "serve thresholds from secondary sources")
	flag.BoolVar(&set.Lenient, "lenient", false, "carry the last published line forward past its year, flagged stale")
	flag.Parse()
	beam.Init()
	if err := run(context.Background(), in, set, out); err != nil {
		fmt.Fprintln(os.Stderr, "assess:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, in pipeline.Inputs, set pipeline.Settings, out string) error {
	if len(in.Households) == 0 {
		return errors.New("no -households given")
	}
	// textio.Write writes no file for an empty collection: create the
	// three files first, so that an empty dead-letter file is there to
	// say so.
	for _, name := range []string{"results.jsonl", "counties.jsonl", "deadletter.jsonl"} {
		if err := createEmpty(ctx, out+name); err != nil {
			return err
		}
	}
	p, s := beam.NewPipelineWithRoot()
	pipeline.Write(s, out, pipeline.Build(s, in, set))
	start := time.Now()
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	if res == nil {
		fmt.Fprintln(os.Stderr, "assess: the runner returned no metrics: counts not reconciled here (see the runner's own counters)")
		return nil
	}
	c := pipeline.CountsOf(res.Metrics().AllMetrics())
	if c == (pipeline.Counts{}) {
		fmt.Fprintln(os.Stderr, "assess: the runner returned no fupin counters (or there were no records): counts not reconciled here; see the runner's own counters")
		return nil
	}
	fmt.Fprintf(os.Stderr, "assess: households read %d = accepted %d + rejected %d; events read %d = accepted %d + rejected %d; %.1fs (%.0f households/s, pipeline start to end)\n",
		c.HouseholdsRead, c.HouseholdsAccepted, c.HouseholdsRejected, c.EventsRead, c.EventsAccepted, c.EventsRejected,
		secs, float64(c.HouseholdsRead)/max(secs, 1e-9))
	return c.Check()
}

// createEmpty creates (or truncates) a file through Beam's filesystems.
func createEmpty(ctx context.Context, path string) error {
	if i := strings.LastIndexByte(path, '/'); i > 0 && !strings.Contains(path, "://") {
		if err := os.MkdirAll(path[:i], 0o755); err != nil {
			return err
		}
	}
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, path)
	if err != nil {
		return err
	}
	return w.Close()
}
