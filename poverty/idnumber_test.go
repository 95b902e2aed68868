package poverty_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/openfupin/fupin/poverty"
)

// makeID returns a valid identity number for the first 17 characters,
// computing the GB 11643 check character independently of the package.
func makeID(first17 string) string {
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, c := range first17 {
		sum += int(c-'0') * w[i]
	}
	return first17 + string("10X98765432"[sum%11])
}

func TestIDNumber(t *testing.T) {
	raw := makeID("51343419890301002") // Yuexi county, born 1989-03-01, sequence 002 (even: female)
	id, err := poverty.ParseIDNumber(raw)
	if err != nil {
		t.Fatal(err)
	}
	if id.BirthDate() != poverty.MustParseDate("1989-03-01") || id.Sex() != poverty.Female || id.Province() != poverty.MustParseRegion("51") {
		t.Errorf("derived %s %s %s", id.BirthDate(), id.Sex(), id.Province())
	}
	masked := "513434********" + raw[14:]
	for name, got := range map[string]string{
		"String": id.String(), "Sprint": fmt.Sprint(id), "%v": fmt.Sprintf("%v", id), "%+v": fmt.Sprintf("%+v", struct{ ID poverty.IDNumber }{id}),
	} {
		if strings.Contains(got, raw) || !strings.Contains(got, masked) {
			t.Errorf("%s reveals or mangles the number: %q", name, got)
		}
	}
	if got := fmt.Sprintf("%#v", id); strings.Contains(got, raw[6:14]) {
		t.Errorf("%%#v reveals the birth date: %s", got)
	}
	b, _ := json.Marshal(struct{ ID poverty.IDNumber }{id})
	if strings.Contains(string(b), raw) {
		t.Errorf("JSON reveals the number: %s", b)
	}
	var sb strings.Builder
	slog.New(slog.NewTextHandler(&sb, nil)).Info("member", "id", id)
	if strings.Contains(sb.String(), raw) {
		t.Errorf("slog reveals the number: %s", sb.String())
	}
	if id.Unmasked() != raw {
		t.Errorf("Unmasked = %q", id.Unmasked())
	}
	lower := strings.ToLower(makeID("11010519491231002"))
	if strings.HasSuffix(lower, "x") {
		if _, err := poverty.ParseIDNumber(lower); err != nil {
			t.Errorf("lower-case x rejected: %v", err)
		}
	}
}

func TestIDNumberInvalid(t *testing.T) {
	good := makeID("51343419890301002")
	wrongCheck := good[:17] + map[bool]string{true: "1", false: "2"}[good[17] != '1']
	for name, in := range map[string]string{
		"check":      wrongCheck,
		"short":      good[:17],
		"letters":    "5134341989030100AB",
		"province":   makeID("99343419890301002"),
		"date":       makeID("51343419890230002"),
		"early year": makeID("51343418000101002"),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := poverty.ParseIDNumber(in)
			if !errors.Is(err, poverty.ErrInvalidID) {
				t.Fatalf("error = %v", err)
			}
			if len(in) >= 14 && strings.Contains(err.Error(), in[6:14]) {
				t.Errorf("error reveals the birth-date digits: %v", err)
			}
		})
	}
}

func TestMaskIDsIn(t *testing.T) {
	raw := makeID("51343419890301002")
	for in, want := range map[string]string{
		"member " + raw + " unknown": "member 513434********" + raw[14:] + " unknown",
		"born 19890301, code 513434": "born 19890301, code 513434",
		"":                           "",
	} {
		if got := poverty.MaskIDsIn(in); got != want {
			t.Errorf("MaskIDsIn(%q) = %q, want %q", in, got, want)
		}
	}
	var s poverty.Sex
	err := s.UnmarshalText([]byte(raw))
	if err == nil || strings.Contains(err.Error(), raw[6:14]) {
		t.Errorf("enum error reveals an identity number: %v", err)
	}
	fe := &poverty.FieldError{Record: "h", Field: "note", Value: "id " + raw, Err: poverty.ErrSyntax}
	if strings.Contains(fe.Error(), raw[6:14]) {
		t.Errorf("FieldError reveals an identity number: %v", fe)
	}
}
