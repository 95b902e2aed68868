package children

import (
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

// The generator below builds deterministic synthetic registries for the
// property tests, the figures tests and the benchmarks. It is a pure
// function of the child's index: no global state, no clock, no math/rand
// seed to share.

// mix is splitmix64's finaliser: a well-spread hash of x.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

var genCounties = []poverty.County{510823, 341522, 430524, 411723, 360731, 421126, 520324, 440106, 530627, 620523}

// genPools holds the strings the generator shares between children, so
// that building millions of children does not allocate a string each.
type genPools struct {
	ids       string // fixed-width child IDs, back to back
	villages  []string
	townships []string
	// Dates relative to on, computed once per date: birth dates by days
	// before on, and the first of the months before on.
	on     poverty.Date
	births []poverty.Date
	months [49]poverty.Date
}

const genDays = 19 * 365

func (p *genPools) dates(on poverty.Date) {
	if p.on == on {
		return
	}
	p.on = on
	p.births = make([]poverty.Date, genDays)
	for i := range p.births {
		p.births[i] = on.AddDays(-i)
	}
	for i := range p.months {
		p.months[i] = on.AddMonths(-i)
	}
}

const genIDWidth = 9

func newPools(n int) *genPools {
	var b strings.Builder
	b.Grow(n * genIDWidth)
	for i := range n {
		s := strconv.Itoa(i)
		b.WriteByte('c')
		for range genIDWidth - 1 - len(s) {
			b.WriteByte('0')
		}
		b.WriteString(s)
	}
	p := &genPools{ids: b.String()}
	for i := range 400 {
		p.townships = append(p.townships, "t"+strconv.Itoa(i))
	}
	for i := range 4000 {
		p.villages = append(p.villages, "v"+strconv.Itoa(i))
	}
	return p
}

// situation draws a parent's situation: mostly at home or migrant, with
// the rarer situations of the de facto unattended rules.
func situation(h uint64) Situation {
	switch r := h % 1000; {
	case r < 350:
		return AtHome
	case r < 550:
		return MigrantOutOfProvince
	case r < 750:
		return MigrantInProvince
	case r < 880:
		return MigrantInCounty
	default:
		return Deceased + Situation(r%uint64(numSituations-Deceased))
	}
}

// genChild fills c with child i of a registry dated on: ages 0 to 18,
// both hukou types, parents in every situation, every guardian kind.
func (p *genPools) genChild(c *Child, i int, on poverty.Date) {
	p.dates(on)
	h := mix(uint64(i))
	h2 := mix(h)
	*c = Child{}
	c.ID = p.ids[i*genIDWidth : (i+1)*genIDWidth]
	c.BirthDate = p.births[h%genDays]
	c.Sex = poverty.Female + poverty.Sex(h>>20&1)
	c.Hukou = Rural
	if h>>21%10 == 0 {
		c.Hukou = Urban
	}
	c.County = genCounties[h>>24%uint64(len(genCounties))]
	t := int(h >> 32 % uint64(len(p.townships)))
	c.Township = p.townships[t]
	c.Village = p.villages[t*10+int(h>>40%10)]
	c.Father = Parent{Situation: situation(h2), Since: p.months[h2>>10%48]}
	c.Mother = Parent{Situation: situation(h2 >> 20), Since: p.months[h2>>30%48]}
	if h2>>40%5 == 0 {
		c.Father.LastContact = p.months[h2>>44%12]
		c.Mother.LastContact = p.months[h2>>48%12]
	}
	if h2>>52%7 == 0 {
		c.Mother.Capacity = Incapable
	}
	c.Guardian = Guardian{Kind: GuardianParent + GuardianKind(h2>>56%6), Age: 20 + int(h>>48%60), Capacity: Capable, Agreement: h>>56&1 == 1}
	c.Living = WithParents + Living(h>>58%7)
	c.School = NotEnrolled + School(h>>60%8)
}

// genRegistry builds a registry of n children. The collector is paused
// while it fills the slice: the children are all live, so a collection
// during the build would only rescan them.
func genRegistry(n int, on poverty.Date) Snapshot {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	p := newPools(n)
	p.dates(on)
	s := Snapshot{On: on, Children: make([]Child, n)}
	// Fill in parallel shards: genChild only reads p once the dates are set.
	shards := runtime.GOMAXPROCS(0)
	per := (n + shards - 1) / shards
	var wg sync.WaitGroup
	for k := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := k * per; i < min((k+1)*per, n); i++ {
				p.genChild(&s.Children[i], i, on)
			}
		}()
	}
	wg.Wait()
	return s
}

// dateEq lets cmp compare poverty.Date and poverty.IDNumber, whose fields
// are unexported.
var dateEq = cmp.Options{
	cmp.Comparer(func(a, b poverty.Date) bool { return a == b }),
	cmp.Comparer(func(a, b poverty.IDNumber) bool { return a == b }),
}
