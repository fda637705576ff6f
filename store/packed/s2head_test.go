package packed

import (
	"bytes"
	"math/rand/v2"
	"os"
	"testing"
)

// s2Head gives the first bytes unblock gives, and fails where and as it
// fails: for blocks of records whole, and damaged by a flipped bit, a
// byte changed, cut short or run on.
func TestS2HeadIsUnblocksHead(t *testing.T) {
	json, err := os.ReadFile("testdata/assessed.json")
	if err != nil {
		t.Fatal(err)
	}
	json = bytes.TrimSpace(json)
	rng := rand.New(rand.NewPCG(2, 44))
	records := [][]byte{json, []byte(record), []byte("{}"), bytes.Repeat([]byte(record), 12), {}}
	for range 40 { // records with parts of others in them, and runs of one byte
		r := append([]byte(nil), json[:rng.IntN(len(json))]...)
		r = append(r, bytes.Repeat([]byte{'x'}, rng.IntN(300))...)
		r = append(r, []byte(record)[rng.IntN(len(record)):]...)
		records = append(records, r)
	}
	bad := 0
	for _, r := range records {
		v := Pack(r)
		block := v[1+SumSize:]
		sameHead(t, block)
		for range 200 {
			b := bytes.Clone(block)
			switch rng.IntN(4) {
			case 0:
				if len(b) > 0 {
					b[rng.IntN(len(b))] ^= 1 << rng.IntN(8)
				}
			case 1:
				if len(b) > 0 {
					b[rng.IntN(len(b))] = byte(rng.UintN(256))
				}
			case 2:
				b = b[:rng.IntN(len(b)+1)]
			case 3:
				b = append(b, byte(rng.UintN(256)))
			}
			if _, err := unblock(b); err != nil {
				bad++
			}
			sameHead(t, b)
		}
	}
	if bad < 1000 {
		t.Fatalf("only %d damaged blocks failed to unpack: the damage tried is too mild to say anything", bad)
	}
}

func FuzzS2Head(f *testing.F) {
	f.Add(Pack([]byte(record))[1+SumSize:])
	f.Add([]byte{0})
	f.Fuzz(func(t *testing.T, b []byte) { sameHead(t, b) })
}

func sameHead(t *testing.T, b []byte) {
	t.Helper()
	full, ferr := unblock(b)
	for _, n := range []int{0, 1, 44, 192, len(full), len(full) + 7} {
		h, herr := s2Head(b, n)
		if (ferr == nil) != (herr == nil) || (ferr != nil && ferr.Error() != herr.Error()) {
			t.Fatalf("block %x: s2Head(%d) fails with %v, unblock with %v", b, n, herr, ferr)
		}
		if ferr == nil && !bytes.Equal(h, full[:min(n, len(full))]) {
			t.Fatalf("s2Head(%d) = %q; want %q", n, h, full[:min(n, len(full))])
		}
	}
}
