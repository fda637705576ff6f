package packed

import (
	"bytes"
	"compress/flate"
	"io"
)

// Head returns the first n bytes of the JSON a stored value holds (fewer
// when the JSON is shorter), unpacking no more of it than that: enough to
// read a record's id, which json.Marshal writes first, for the cost of a
// few dozen bytes of DEFLATE rather than the whole record. An S2 block is
// walked whole, so that Head fails where Unpack fails, but only its first
// n bytes are written.
func Head(v []byte, n int) ([]byte, error) {
	v, kind, err := body(v)
	if err != nil {
		return nil, err
	}
	if kind == block {
		// Walked whole, as unblock walks it, but only its head written
		// (s2head.go).
		return s2Head(v, n)
	}
	if kind != deflate {
		return v[:min(n, len(v))], nil
	}
	r := readers.Get().(io.ReadCloser)
	defer readers.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(v), dict); err != nil {
		return nil, err
	}
	out := make([]byte, n)
	m, err := io.ReadFull(r, out)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return out[:m], err
}
