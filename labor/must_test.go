package labor

import "github.com/openfupin/fupin/poverty"

// mustIDNumber parses a test identity number, panicking on error.
func mustIDNumber(s string) poverty.IDNumber {
	id, err := poverty.ParseIDNumber(s)
	if err != nil {
		panic(err)
	}
	return id
}

// mustRate parses a test rate, panicking on error.
func mustRate(s string) poverty.Rate {
	r, err := poverty.ParseRate(s)
	if err != nil {
		panic(err)
	}
	return r
}
