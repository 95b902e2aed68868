package main

import "github.com/openfupin/fupin/poverty"

// mustIDNumber parses a test identity number, panicking on error.
func mustIDNumber(s string) poverty.IDNumber {
	id, err := poverty.ParseIDNumber(s)
	if err != nil {
		panic(err)
	}
	return id
}
