package packed

import (
	"bytes"
	"os"
	"runtime"
	"testing"
)

// Head of an S2 record makes only the bytes it returns: the block is
// walked, and only its head written (s2Head), not unpacked into a
// record's length of memory made for each. Sealing a block of facts reads the head of each of
// its 4,096 records, and made 30 MB of garbage in the save that sealed it.
func TestTheHeadOfAnS2RecordMakesOnlyItsBytes(t *testing.T) {
	if testing.CoverMode() != "" || raceOn {
		t.Skip("coverage and the race detector count allocations of their own")
	}
	json, err := os.ReadFile("testdata/assessed.json")
	if err != nil {
		t.Fatal(err)
	}
	json = bytes.TrimSpace(json)
	for _, v := range [][]byte{Pack(json), WithFacts(Pack(json), []byte("facts"))} {
		h, err := Head(v, 44)
		if err != nil || !bytes.Equal(h, json[:44]) {
			t.Fatalf("Head = %q, %v; want %q", h, err, json[:44])
		}
		var before, after runtime.MemStats
		runtime.GC()
		if _, err := Head(v, 44); err != nil { // the room kept, again after the collection
			t.Fatal(err)
		}
		runtime.ReadMemStats(&before)
		const n = 100
		for range n {
			if _, err := Head(v, 44); err != nil {
				t.Fatal(err)
			}
		}
		runtime.ReadMemStats(&after)
		if per := (after.TotalAlloc - before.TotalAlloc) / n; per > 1024 {
			t.Errorf("Head of 44 bytes of a %d-byte record made %d bytes; want about the 44 it returns under 1 kB", len(json), per)
		}
	}
}

// BenchmarkHead reads the first 192 bytes of the store's test record, as
// the patient index's check reads a record's patient, packed as S2 and
// as DEFLATE.
func BenchmarkHead(b *testing.B) {
	json, err := os.ReadFile("testdata/assessed.json")
	if err != nil {
		b.Fatal(err)
	}
	json = bytes.TrimSpace(json)
	for _, f := range []struct {
		name string
		v    []byte
	}{{"s2", Pack(json)}, {"deflate", PackAs(FormatSummed, json)}} {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Head(f.v, 192); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
