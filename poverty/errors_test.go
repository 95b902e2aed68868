package poverty_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/openfupin/fupin/poverty"
)

// withCheck completes 17 digits with their GB 11643 check character.
func withCheck(s17 string) string {
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 17 {
		sum += int(s17[i]-'0') * w[i]
	}
	return s17 + string("10X98765432"[sum%11])
}

// TestErrorMessages checks that errors say the package and operation,
// name both sides of a concept mismatch, say which part of an identity
// number failed (masked), and read a long non-numeric amount as a syntax
// error.
func TestErrorMessages(t *testing.T) {
	valid := withCheck("53062719900101123")
	wrongCheck := valid[:17] + map[bool]string{true: "1", false: "0"}[valid[17] == '0']
	lines := poverty.Lines{
		Monitoring: poverty.Threshold{Kind: poverty.KindMonitoringLine, Amount: poverty.YuanAmount(6000), Concept: poverty.DisposableIncome},
	}
	hh := &poverty.Household{ID: "h1", Year: 2022, Concept: poverty.NetIncome, Members: make([]poverty.Member, 2),
		Income: poverty.Income{Wage: poverty.YuanAmount(9000)}}
	classifyErr := func() error { _, err := poverty.Classify(hh, &lines); return err }
	classifyIncomeErr := func() error {
		_, err := poverty.ClassifyIncome(2022, poverty.Registration{}, 0, poverty.Income{}, poverty.NetIncome, &lines)
		return err
	}
	parseID := func(s string) func() error {
		return func() error { _, err := poverty.ParseIDNumber(s); return err }
	}
	parseMoney := func(s string) func() error {
		return func() error { _, err := poverty.ParseMoney(s); return err }
	}
	loadErr := func() error {
		_, err := poverty.LoadTable(strings.NewReader(`{"schema":"fupin.thresholds/2","records":[{"id":"x","kind":"nope"}]}`), "f.json")
		return err
	}
	for _, tc := range []struct {
		name   string
		err    func() error
		is     error
		want   string // the message
		absent string // text that must not appear (an unmasked birth date)
	}{
		{"concept mismatch names both concepts", classifyErr, poverty.ErrConceptMismatch,
			`poverty.Classify: record "h1": field concept = "net_income": income concepts differ: figure net_income, monitoring line disposable_income (allow it with an "accepts" entry, with its source, on the monitoring line's record of a threshold file)`, ""},
		{"batch classification says its operation", classifyIncomeErr, poverty.ErrNoResidents,
			`poverty.ClassifyIncome: record "": field members: household has no resident member`, ""},
		{"identity number check character", parseID(wrongCheck), poverty.ErrInvalidID,
			`poverty: parse identity number "530627********` + wrongCheck[14:] + `": invalid resident identity number: check character`, "19900101"},
		{"identity number birth date", parseID(withCheck("53062719901301123")), poverty.ErrInvalidID,
			`poverty: parse identity number "530627********` + withCheck("53062719901301123")[14:] + `": invalid resident identity number: birth date`, "19901301"},
		{"identity number region code", parseID(withCheck("00062719900101123")), poverty.ErrInvalidID,
			`poverty: parse identity number "000627********` + withCheck("00062719900101123")[14:] + `": invalid resident identity number: region code`, "19900101"},
		{"identity number length", parseID("5306271990"), poverty.ErrInvalidID,
			`poverty: parse identity number "**********": invalid resident identity number: not 18 characters`, "1990"},
		{"long non-numeric amount", parseMoney("abcdefghijklmnopqrstuvwxyz"), poverty.ErrSyntax,
			`poverty: parse money "abcdefghijklmnopqrstuvwxyz": invalid syntax`, ""},
		{"long digits then letters", parseMoney("123456789012345678901234567890abc"), poverty.ErrSyntax, "", ""},
		{"long amount", parseMoney("99999999999999999999"), poverty.ErrRange, "", ""},
		{"load names its operation", loadErr, poverty.ErrUnknownWord, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.err()
			if !errors.Is(err, tc.is) {
				t.Fatalf("error %v, want one wrapping %v", err, tc.is)
			}
			if tc.want != "" {
				if diff := cmp.Diff(tc.want, err.Error()); diff != "" {
					t.Errorf("message (-want +got):\n%s", diff)
				}
			}
			if tc.absent != "" && strings.Contains(err.Error(), tc.absent) {
				t.Errorf("message %q shows %q", err, tc.absent)
			}
			var fe *poverty.FieldError
			if errors.As(err, &fe) && !strings.HasPrefix(fe.Op, "poverty.") {
				t.Errorf("FieldError.Op = %q, want the operation", fe.Op)
			}
		})
	}
}
