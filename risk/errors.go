package risk

import "github.com/openfupin/fupin/poverty"

// withOp sets op on every *[poverty.FieldError] in err's chain that names
// no operation (those built by package poverty
// for this package, such as a provenance check, or by the file reader), so
// that every error of this package says "risk" and the operation. It
// returns err.
func withOp(op string, err error) error {
	for e := err; e != nil; {
		switch x := e.(type) {
		case *poverty.FieldError:
			if x.Op == "" {
				x.Op = op
			}
		case interface{ Unwrap() []error }:
			for _, u := range x.Unwrap() {
				withOp(op, u)
			}
			return err
		}
		u, ok := e.(interface{ Unwrap() error })
		if !ok {
			break
		}
		e = u.Unwrap()
	}
	return err
}
