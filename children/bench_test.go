package children

import (
	"runtime"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/openfupin/fupin/poverty"
)

// classifyCheck classifies the child on the date and runs the care checks:
// the whole per-child hot path.
func classifyCheck(r *Rules, c *Child, on poverty.Date) (Classification, Flags, error) {
	var cl Classification
	var f Flags
	err := classifyCheckInto(r, &cl, &f, c, on)
	return cl, f, err
}

// classifyCheckInto is classifyCheck writing into cl and f.
func classifyCheckInto(r *Rules, cl *Classification, f *Flags, c *Child, on poverty.Date) error {
	if err := r.ClassifyInto(cl, c, on); err != nil {
		f.n = 0
		return err
	}
	return r.CheckInto(f, c, cl)
}

// TestClassifyCheckNoAllocs enforces the allocation budget of the
// per-child hot path: classifying a child under every primary scheme and
// running every care check allocates nothing, through the value-returning
// API (Classify, Check) and the reusing one (ClassifyInto, CheckInto).
func TestClassifyCheckNoAllocs(t *testing.T) {
	reg := genRegistry(500, d("2024-09-01"))
	rules := Default()
	i := 0
	n := testing.AllocsPerRun(2000, func() {
		c := &reg.Children[i%len(reg.Children)]
		i++
		cl, err := rules.Classify(c, reg.On)
		if err != nil || cl.Status() == Status(0) {
			panic(err)
		}
		f, err := rules.Check(c, &cl)
		if err != nil || len(f.All()) > maxFlags {
			panic(err)
		}
	})
	if n != 0 {
		t.Errorf("Classify and Check allocate %v times per child, want 0", n)
	}
	var cl Classification
	var f Flags
	n = testing.AllocsPerRun(2000, func() {
		if err := classifyCheckInto(rules, &cl, &f, &reg.Children[i%len(reg.Children)], reg.On); err != nil {
			panic(err)
		}
		i++
	})
	if n != 0 {
		t.Errorf("ClassifyInto and CheckInto allocate %v times per child, want 0", n)
	}
	tl := rules.NewTally(reg.On)
	n = testing.AllocsPerRun(2000, func() {
		if err := tl.Add(&reg.Children[i%len(reg.Children)]); err != nil {
			panic(err)
		}
		i++
	})
	if n != 0 {
		t.Errorf("Tally.Add allocates %v times per child, want 0", n)
	}
}

var sinkFlags Flags
var sinkClass Classification

// BenchmarkClassifyCheckInto is the per-child hot path of a registry loop:
// classify under the three primary schemes and run every care check,
// reusing one Classification and one Flags (ClassifyInto, CheckInto).
func BenchmarkClassifyCheckInto(b *testing.B) {
	reg := genRegistry(1024, d("2024-09-01"))
	rules := Default()
	var cl Classification
	var f Flags
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := classifyCheckInto(rules, &cl, &f, &reg.Children[i&1023], reg.On); err != nil {
			b.Fatal(err)
		}
		i++
	}
	sinkClass, sinkFlags = cl, f
}

// BenchmarkClassifyCheck is the same through the value-returning API
// (Classify, Check).
func BenchmarkClassifyCheck(b *testing.B) {
	reg := genRegistry(1024, d("2024-09-01"))
	rules := Default()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c := &reg.Children[i&1023]
		cl, err := rules.Classify(c, reg.On)
		if err != nil {
			b.Fatal(err)
		}
		f, err := rules.Check(c, &cl)
		if err != nil {
			b.Fatal(err)
		}
		sinkClass, sinkFlags = cl, f
		i++
	}
}

func BenchmarkClassifyLeftBehind(b *testing.B) {
	c := migrantChild("b")
	s := mustPrimary(b, Default(), LeftBehind)
	on := d("2024-09-01")
	b.ReportAllocs()
	for b.Loop() {
		r, err := s.Classify(&c, on)
		if err != nil || r.Outcome != Yes {
			b.Fatal(err)
		}
	}
}

// registrySize is the national order of size of the 2018 registry (6.97
// million left-behind children among the children the directors follow):
// the registry benchmark classifies this many generated children. The
// input is built once, outside the timed loop; building it takes a few
// seconds and about unsafe.Sizeof(Child{}) bytes per child.
const registrySize = 7_000_000

var bigRegistry = sync.OnceValue(func() Snapshot { return genRegistry(registrySize, d("2018-08-31")) })

// BenchmarkRegistry7M classifies a generated 7-million-child registry and
// counts its figures, sharded over GOMAXPROCS goroutines with one Tally
// each. It reports children per second and the heap the classification
// adds beyond the input (the tallies are fixed-size, so memory is the
// input's).
func BenchmarkRegistry7M(b *testing.B) {
	reg := bigRegistry()
	rules := Default()
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ReportAllocs()
	start := time.Now()
	runs := 0
	for b.Loop() {
		shards := runtime.GOMAXPROCS(0)
		tallies := make([]*Tally, shards)
		var wg sync.WaitGroup
		per := (len(reg.Children) + shards - 1) / shards
		for s := range shards {
			tallies[s] = rules.NewTally(reg.On)
			wg.Add(1)
			go func() {
				defer wg.Done()
				lo, hi := s*per, min((s+1)*per, len(reg.Children))
				for i := lo; i < hi; i++ {
					if err := tallies[s].Add(&reg.Children[i]); err != nil {
						panic(err)
					}
				}
			}()
		}
		wg.Wait()
		for _, t := range tallies[1:] {
			if err := tallies[0].Merge(t); err != nil {
				b.Fatal(err)
			}
		}
		f := tallies[0].Figures()
		if f.Children != registrySize || f.LeftBehind.Children == 0 {
			b.Fatalf("figures: %+v", f.ByStatus)
		}
		runs++
	}
	elapsed := time.Since(start)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(registrySize)*float64(runs)/elapsed.Seconds(), "children/s")
	b.ReportMetric(elapsed.Seconds()/float64(runs), "s/registry")
	b.ReportMetric(float64(uintptr(registrySize)*unsafe.Sizeof(Child{}))/(1<<20), "input-MiB")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(runs)/(1<<10), "added-KiB/registry")
}
