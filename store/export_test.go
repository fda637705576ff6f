package store

import (
	"context"
	"sync/atomic"
)

// probeCounts is every probe's count in this process, kept while the
// tests run: a test reads one before and after the call it measures.
var probeCounts [probes]atomic.Int64

func init() { probed = func(p probe, n int64) { probeCounts[p].Add(n) } }

// Load is how many units of p's work this process has done.
func (p probe) Load() int64 { return probeCounts[p].Load() }

// Check is CheckContext, never cancelled, copying the store: the check
// most tests make.
func (s *Store) Check() (Report, error) { return s.CheckContext(context.Background(), false) }

// Drafts is every draft in the store as it is stored, oldest first (by
// when it was started), whoever started it and whoever holds it: ListDrafts
// without its marks of the moment.
func (s *Store) Drafts() ([]Draft, error) {
	ls, err := s.ListDrafts(0)
	out := make([]Draft, len(ls))
	for i := range ls {
		out[i] = ls[i].Draft
		out[i].HeldElsewhere = false // ListDrafts' mark, not stored
	}
	return out, err
}
