package testkit

import (
	"crypto/sha256"

	"digicheck/store/packed"
)

// Repack packs json in the format of stored, another value, as a tool
// that rewrote a stored record would: JSON stays JSON, and a value that
// carries a checksum keeps stored's checksum, not one of json. It is for
// tests that change a store behind the program's back; the program never
// writes a value so.
func Repack(stored, json []byte) []byte {
	if len(stored) == 0 {
		return json
	}
	var v []byte
	if f, _, ok := packed.Facts(stored); ok {
		bare := byte(packed.FormatSummed)
		if stored[0] == packed.FormatS2Facts {
			bare = packed.FormatS2
		}
		v = packed.WithFacts(packed.PackAs(bare, json), f)
	} else {
		v = packed.PackAs(stored[0], json)
	}
	if packed.Summed(v) && len(stored) >= 1+packed.SumSize {
		copy(v[1:1+packed.SumSize], stored[1:1+packed.SumSize])
	}
	return v
}

// WithoutFacts returns v, a FormatFacts or FormatS2Facts value, as the
// FormatSummed or FormatS2 value it was made from (packed.WithFacts), or
// v itself for a value of another format: a record as a store written
// before facts were kept with it holds it.
func WithoutFacts(v []byte) []byte {
	_, stream, ok := packed.Facts(v)
	if !ok {
		return v
	}
	out := make([]byte, 1+packed.SumSize, 1+packed.SumSize+len(stream))
	out[0] = packed.FormatSummed
	if v[0] == packed.FormatS2Facts {
		out[0] = packed.FormatS2
	}
	out = append(out, stream...)
	sum := sha256.Sum256(out[1+packed.SumSize:])
	copy(out[1:], sum[:])
	return out
}
