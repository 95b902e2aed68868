// Package paramfile reads the parameter files of packages risk, children
// and labor with the module's one reader ([param.ReadFile]) and reports
// file errors as *[poverty.FieldError] naming the file. (Package poverty,
// which this package imports, does the same for its own files.)
package paramfile

import (
	"errors"
	"io"

	"github.com/openfupin/fupin/internal/param"
	"github.com/openfupin/fupin/poverty"
)

// Read reads one parameter file of at most limit bytes with the schema
// named into v; name identifies the file in errors.
func Read(r io.Reader, name string, limit int, schema string, v any) error {
	if err := param.ReadFile(r, limit, schema, v); err != nil {
		var fe *param.FileError
		if errors.As(err, &fe) {
			return &poverty.FieldError{Record: name, Field: fe.Field, Value: fe.Value, Err: fe.Err}
		}
		return err
	}
	return nil
}
