package packed

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
)

// Head returns the first n bytes of the JSON a stored value holds (fewer
// when the JSON is shorter), unpacking no more of it than that: enough to
// read a record's id, which json.Marshal writes first, for the cost of a
// few dozen bytes of DEFLATE rather than the whole record.
func Head(v []byte, n int) ([]byte, error) {
	if len(v) == 0 {
		return nil, ErrFormat
	}
	switch v[0] {
	case '{':
		return v[:min(n, len(v))], nil
	case FormatDeflate:
		v = v[1:]
	case FormatSummed:
		if len(v) < 1+SumSize {
			return nil, fmt.Errorf("a packed record cut short: %d bytes", len(v))
		}
		v = v[1+SumSize:]
	case FormatFacts:
		_, stream, ok := Facts(v)
		if !ok {
			return nil, fmt.Errorf("a packed record whose facts run past its end: %d bytes", len(v))
		}
		v = stream
	default:
		return nil, fmt.Errorf("%w (it begins with byte %#x)", ErrFormat, v[0])
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
