package measure_test

import "github.com/openfupin/fupin/poverty"

// mustRate parses a test rate, panicking on error.
func mustRate(s string) poverty.Rate {
	r, err := poverty.ParseRate(s)
	if err != nil {
		panic(err)
	}
	return r
}
