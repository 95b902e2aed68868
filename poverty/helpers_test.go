package poverty_test

import (
	"bytes"
	"io"
	"strconv"
)

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

func itoa(n int) string { return strconv.Itoa(n) }
