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
// unpacked whole: a few microseconds.
func Head(v []byte, n int) ([]byte, error) {
	v, kind, err := body(v)
	if err != nil {
		return nil, err
	}
	if kind == block {
		// Unpacked whole into room kept for the next (S2 cannot stop
		// part way), and only the head copied out: sealing a block of
		// facts reads the heads of 4,096 records.
		sp := blocks.Get().(*[]byte)
		defer blocks.Put(sp)
		if *sp, err = unblockInto((*sp)[:0], v); err != nil {
			return nil, err
		}
		return bytes.Clone((*sp)[:min(n, len(*sp))]), nil
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
