package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkWalkingEveryTreeToProveTheFreeList is what the first save of a
// process pays (or VerifyFreeList, earlier) on a store of 100,000 records
// filled by BenchmarkSaveOverBare (DIGICHECK_BENCH_FILLED): a read-only
// transaction with the walk of every tree and the free list, against the
// same transaction finding its seal.
func BenchmarkWalkingEveryTreeToProveTheFreeList(b *testing.B) {
	kept := os.Getenv(filledEnv)
	if kept == "" {
		b.Skip("DIGICHECK_BENCH_FILLED names no filled stores")
	}
	from := filepath.Join(kept, "100000", "digicheck.db")
	if _, err := os.Stat(from); err != nil {
		b.Skip(err)
	}
	path := filepath.Join(b.TempDir(), "digicheck.db")
	copyFile(b, from, path)
	s, err := Open(path, Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("walk", func(b *testing.B) {
		for b.Loop() {
			unsealFree(s.Path())
			if err := s.VerifyFreeList(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sealed", func(b *testing.B) {
		for b.Loop() {
			if err := s.VerifyFreeList(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
