package poverty_test

import (
	"testing"

	"github.com/openfupin/fupin/poverty"
)

func TestGuaranteesItemsNoAllocs(t *testing.T) {
	g := poverty.AllSecured()
	n := testing.AllocsPerRun(100, func() {
		if !g.Secured() {
			t.Fatal("not all secured")
		}
		k := 0
		for range g.Items() {
			k++
		}
		if k != 6 {
			t.Fatalf("%d items", k)
		}
	})
	if n != 0 {
		t.Errorf("Items allocates %v times", n)
	}
}
