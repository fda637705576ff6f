package store

import (
	"testing"
)

// The parts of a save worked out from the record alone, each in a loop of
// its own: checking it (record.Validate and Verify) and encoding it (its
// JSON packed as S2, with its SHA-256). In a save they run after the
// fsyncs of the transaction before, with colder caches, and take two to
// five times as long (docs/performance.md, runs H to J).
func BenchmarkSaveParts(b *testing.B) {
	s := openTemp(b)
	r := assessed(b, nhsPatient)
	if err := prepare(&r); err != nil {
		b.Fatal(err)
	}
	b.Run("check", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if err := s.valid(&r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encode", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := encodeRecord(&r); err != nil {
				b.Fatal(err)
			}
		}
	})
}
