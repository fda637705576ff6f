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
