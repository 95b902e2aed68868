package labor

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openfupin/fupin/poverty"
)

// fetched is everything the accessors of a parameter set return.
type fetched struct {
	All      []Version
	History  [][]Version
	ByID     []any
	ByRegion []any
}

func fetchAll(p *Params) fetched {
	var f fetched
	opts := poverty.LookupOptions{AcceptSecondary: true}
	f.All = p.All()
	for _, v := range p.All() {
		f.History = append(f.History, p.History(v.Kind, v.ID))
		var (
			r   any
			err error
		)
		switch v.Kind {
		case "age_limits":
			r, err = Lookup[AgeLimits](p, v.ID, 0, opts)
		case "minimum_wages":
			r, err = Lookup[MinimumWage](p, v.ID, 0, opts)
		case "stable_employment":
			r, err = Lookup[StableRule](p, v.ID, 0, opts)
		case "transferred_labour":
			r, err = Lookup[TransferRule](p, v.ID, 0, opts)
		case "recognition":
			r, err = Lookup[RecognitionRule](p, v.ID, 0, opts)
		case "award_tables":
			r, err = Lookup[AwardTable](p, v.ID, 0, opts)
		case "transport":
			r, err = Lookup[TransportRule](p, v.ID, 0, opts)
		case "return_windows":
			r, err = Lookup[ReturnWindow](p, v.ID, 0, opts)
		}
		if err == nil {
			f.ByID = append(f.ByID, r)
		}
	}
	for _, code := range []string{"14", "22", "23", "43", "50", "51", "62"} {
		region := poverty.MustParseRegion(code)
		f.ByRegion = append(f.ByRegion, LookupIn[RecognitionRule](p, region, 0, opts), LookupIn[TransportRule](p, region, 0, opts))
	}
	return f
}

// mutate changes every field reachable from v, every element of every
// slice and every value held in an interface: strings get a suffix,
// numbers grow by one, booleans flip.
func mutate(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			mutate(v.Elem())
		}
	case reflect.Interface:
		if !v.IsNil() {
			c := reflect.New(v.Elem().Type()).Elem()
			c.Set(v.Elem())
			mutate(c)
			v.Set(c)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				mutate(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			mutate(v.Index(i))
		}
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(v.Uint() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	}
}

// TestParamsImmutable changes everything the accessors of the shared
// default parameters returned and fetches it again: nothing a caller
// holds is shared with the set.
func TestParamsImmutable(t *testing.T) {
	fresh, err := LoadParams(bytes.NewReader(paramsJSON), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	want := fetchAll(fresh)
	got := fetchAll(DefaultParams())
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("default differs from a fresh decode before any change (-want +got):\n%s", diff)
	}
	mutate(reflect.ValueOf(&got))
	if cmp.Equal(want, got) {
		t.Fatal("mutate changed nothing")
	}
	if diff := cmp.Diff(want, fetchAll(DefaultParams())); diff != "" {
		t.Errorf("changing what the accessors returned changed the parameter set (-want +got):\n%s", diff)
	}
	// The same through an overlay, whose records are shared with both operands.
	own := DefaultParams().Overlay(fresh)
	got = fetchAll(own)
	mutate(reflect.ValueOf(&got))
	if diff := cmp.Diff(want, fetchAll(DefaultParams())); diff != "" {
		t.Errorf("changing what an overlay returned changed the default (-want +got):\n%s", diff)
	}
}
