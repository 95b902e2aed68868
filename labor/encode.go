package labor

import (
	"bytes"
	"encoding/json"
)

func encodeJSON(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetIndent("", " ")
	return enc.Encode(v)
}
