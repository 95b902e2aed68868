package risk

import (
	"errors"
	"io"

	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/poverty"
)

// readFile reads one parameter file with the module's one reader and names
// the file in its errors.
func readFile(r io.Reader, name string, limit int, schema string, v any) error {
	if err := param.ReadFile(r, limit, schema, v); err != nil {
		var fe *param.FileError
		if errors.As(err, &fe) {
			return &poverty.FieldError{Record: name, Field: fe.Field, Value: fe.Value, Err: fe.Err}
		}
		return err
	}
	return nil
}
