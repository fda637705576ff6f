package packed

import (
	"encoding/binary"
	"fmt"

	"github.com/klauspost/compress/s2"
)

// s2MaxDictSrcOffset is s2's MaxDictSrcOffset: past this many bytes of
// output a block no longer refers into its dictionary.
const s2MaxDictSrcOffset = 65535

// s2Head returns the first n bytes (fewer when there are fewer) of the JSON
// the S2 block b holds against s2Dict, and fails exactly where unblock
// fails: it walks the whole block as s2's decoder does (klauspost/compress
// s2DecodeDict, v1.18.0), with each of its checks, but writes only the
// first n bytes. Reading a record's id or patient (Head) no longer
// unpacks all of it: 7 kB copied for 44 or 192 bytes wanted, twelve
// times in every save (the patient index read around the patient's own
// entries) and 4,096 times in the save that seals a block of facts.
// TestS2HeadIsUnblocksHead holds it to unblock for blocks whole, cut and
// damaged.
func s2Head(b []byte, n int) ([]byte, error) {
	v, hl := binary.Uvarint(b)
	if hl <= 0 || v > 0xffffffff {
		return nil, fmt.Errorf("a packed record that cannot be unpacked: %w", s2.ErrCorrupt)
	}
	if v > MaxJSON {
		return nil, fmt.Errorf("a packed record that unpacks to more than %d bytes", MaxJSON)
	}
	dLen := int(v)
	out := make([]byte, min(n, dLen))
	dct := dict
	src := b[hl:]
	corrupt := func() ([]byte, error) {
		return nil, fmt.Errorf("a packed record that cannot be unpacked: %w", s2.ErrCorrupt)
	}
	var d, s, length int
	offset := len(dct) - s2Repeat
	for s < len(src) {
		switch src[s] & 0x03 {
		case 0: // literal
			x := uint32(src[s] >> 2)
			switch {
			case x < 60:
				s++
			case x == 60:
				s += 2
				if uint(s) > uint(len(src)) {
					return corrupt()
				}
				x = uint32(src[s-1])
			case x == 61:
				s += 3
				if uint(s) > uint(len(src)) {
					return corrupt()
				}
				x = uint32(src[s-2]) | uint32(src[s-1])<<8
			case x == 62:
				s += 4
				if uint(s) > uint(len(src)) {
					return corrupt()
				}
				x = uint32(src[s-3]) | uint32(src[s-2])<<8 | uint32(src[s-1])<<16
			case x == 63:
				s += 5
				if uint(s) > uint(len(src)) {
					return corrupt()
				}
				x = uint32(src[s-4]) | uint32(src[s-3])<<8 | uint32(src[s-2])<<16 | uint32(src[s-1])<<24
			}
			length = int(x) + 1
			if length > dLen-d || length > len(src)-s || length <= 0 {
				return corrupt()
			}
			if d < len(out) {
				copy(out[d:], src[s:s+length])
			}
			d += length
			s += length
			continue
		case 1: // copy1, or a repeat of the last offset
			s += 2
			if uint(s) > uint(len(src)) {
				return corrupt()
			}
			length = int(src[s-2]) >> 2 & 0x7
			toffset := int(uint32(src[s-2])&0xe0<<3 | uint32(src[s-1]))
			if toffset == 0 {
				switch length {
				case 5:
					s++
					if uint(s) > uint(len(src)) {
						return corrupt()
					}
					length = int(uint32(src[s-1])) + 4
				case 6:
					s += 2
					if uint(s) > uint(len(src)) {
						return corrupt()
					}
					length = int(uint32(src[s-2])|(uint32(src[s-1])<<8)) + (1 << 8)
				case 7:
					s += 3
					if uint(s) > uint(len(src)) {
						return corrupt()
					}
					length = int(uint32(src[s-3])|(uint32(src[s-2])<<8)|(uint32(src[s-1])<<16)) + (1 << 16)
				}
			} else {
				offset = toffset
			}
			length += 4
		case 2: // copy2
			s += 3
			if uint(s) > uint(len(src)) {
				return corrupt()
			}
			length = 1 + int(src[s-3])>>2
			offset = int(uint32(src[s-2]) | uint32(src[s-1])<<8)
		case 3: // copy4
			s += 5
			if uint(s) > uint(len(src)) {
				return corrupt()
			}
			length = 1 + int(src[s-5])>>2
			offset = int(uint32(src[s-4]) | uint32(src[s-3])<<8 | uint32(src[s-2])<<16 | uint32(src[s-1])<<24)
		}
		if offset <= 0 || length > dLen-d {
			return corrupt()
		}
		if d < offset { // from the dictionary
			if d > s2MaxDictSrcOffset {
				return corrupt()
			}
			rOff := len(dct) - (offset - d)
			if rOff+length > len(dct) || rOff < 0 {
				return corrupt()
			}
			if d < len(out) {
				copy(out[d:], dct[rOff:rOff+length])
			}
			d += length
			continue
		}
		// From earlier output, forwards, byte by byte where it overlaps.
		for i := d; i < d+length && i < len(out); i++ {
			out[i] = out[i-offset]
		}
		d += length
	}
	if d != dLen {
		return corrupt()
	}
	return out, nil
}
