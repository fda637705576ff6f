package remote_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
	"digicheck/remote"
	"digicheck/report"
	"digicheck/store"
)

// BenchmarkSync reads a server holding 1,000 synthetic assessments
// (amendments, voids and follow-ups among them) into an empty cache, then
// again with nothing changed: what summary --server costs the first time
// and every time after.
//
//	go test ./remote -run '^$' -bench Sync -benchtime 1x
func BenchmarkSync(b *testing.B) {
	srv := fhirserver.Start(b)
	c := client(b, srv)
	src, err := store.Open(filepath.Join(b.TempDir(), "src.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := report.Synthesise(src, report.SyntheticOptions{Count: 1000, Seed: 7,
		From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)}); err != nil {
		b.Fatal(err)
	}
	fhirserver.SendStore(b, c.Base(), src)
	b.ResetTimer()
	for range b.N {
		cache, err := store.Open(filepath.Join(b.TempDir(), "cache.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		rep, err := remote.Sync(context.Background(), c, cache, 200)
		if err != nil || len(rep.Skipped) > 0 {
			b.Fatalf("sync: %v %v", err, rep.Skipped)
		}
		first := time.Since(start)
		start = time.Now()
		again, err := remote.Sync(context.Background(), c, cache, 200)
		if err != nil || again.Saved != 0 {
			b.Fatalf("second sync: %v, saved %d", err, again.Saved)
		}
		b.ReportMetric(float64(rep.Saved)/first.Seconds(), "versions/s")
		b.ReportMetric(first.Seconds(), "s-first")
		b.ReportMetric(time.Since(start).Seconds(), "s-again")
	}
}
