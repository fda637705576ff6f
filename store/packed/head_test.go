package packed

import (
	"bytes"
	"os"
	"runtime"
	"testing"
)

// Head of an S2 record makes only the bytes it returns: the block is
// unpacked into room kept for the next, not into a record's length of
// memory made for each. Sealing a block of facts reads the head of each of
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
			t.Errorf("Head of 44 bytes of a %d-byte record made %d bytes; want about the 44 it returns (a collection may take the room kept now and then), under 1 kB", len(json), per)
		}
	}
}
