package store

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"digicheck/record"
)

// BenchmarkSyntheticBatches saves stores of 10,000 and 40,000 synthetic
// records in batches of 5,000, one transaction each, as `digicheck
// synthetic` does, a tenth of them follow-ups and a fiftieth amendments of
// assessments saved in earlier batches; and reports the time and the CPU
// each record took at each size, and their ratio, 40,000 to 10,000. A
// batch whose cost is proportional to its size keeps the ratio near 1;
// each follow-up and amendment walking the whole patient index (before
// walkIndex) made it grow with the store's size. walks/batch is how many
// times each batch read the whole index.
//
//	go test -run '^$' -bench SyntheticBatches -benchtime 2x ./store/
func BenchmarkSyntheticBatches(b *testing.B) {
	sizes := []int{10000, 40000}
	var wall, cpu [2]time.Duration
	var walks [2]int64
	var nbatches [2]int
	b.ResetTimer()
	for range b.N {
		// The sizes by turns, each on a store of its own.
		for i, n := range sizes {
			b.StopTimer()
			s, err := Open(filepath.Join(b.TempDir(), "s.db"), Options{})
			if err != nil {
				b.Fatal(err)
			}
			bs := syntheticBatchesOf(b, n, 5000)
			nbatches[i] += len(bs)
			b.StartTimer()
			u, w, start := readUsage(), indexScans.Load(), time.Now()
			for _, batch := range bs {
				if err := s.SaveSynthetic(batch); err != nil {
					b.Fatalf("%d records: %v", n, err)
				}
			}
			wall[i] += time.Since(start)
			cpu[i] += time.Duration(readUsage().sub(u).cpu)
			walks[i] += indexScans.Load() - w
		}
	}
	per := func(d time.Duration, n int) float64 { return float64(d.Nanoseconds()) / float64(b.N*n) }
	for i, n := range sizes {
		name := map[int]string{10000: "10k", 40000: "40k"}[n]
		b.ReportMetric(per(wall[i], n), "ns/record-"+name)
		b.ReportMetric(per(cpu[i], n), "cpu-ns/record-"+name)
		b.ReportMetric(float64(walks[i])/float64(nbatches[i]), "walks/batch-"+name)
	}
	b.ReportMetric(per(wall[1], sizes[1])/per(wall[0], sizes[0]), "ratio-40k/10k")
	b.ReportMetric(per(cpu[1], sizes[1])/per(cpu[0], sizes[0]), "cpu-ratio-40k/10k")
}

// syntheticBatchesOf makes n synthetic records in batches of size: new
// patients' assessments, and from the second batch on a tenth follow-ups
// and a fiftieth amendments of the current version of an assessment made
// in an earlier batch (so it is the patient's latest, and saved before).
func syntheticBatchesOf(tb testing.TB, n, size int) [][]record.Record {
	tb.Helper()
	tmpl := assessed(tb, nhsPatient)
	tmpl.Synthetic = true
	next := 999200001
	newPatient := func() string {
		for ; ; next++ {
			if v, ok := nhsNumberOf(next); ok {
				next++
				return v
			}
		}
	}
	var out [][]record.Record
	var pool []record.Record // current versions made in earlier batches
	for made := 0; made < n; {
		var batch []record.Record
		for len(batch) < size && made < n {
			r := tmpl
			var err error
			if r.ID, err = record.NewID(); err != nil {
				tb.Fatal(err)
			}
			switch {
			case len(pool) > 0 && made%10 == 5:
				base := pool[len(pool)-1]
				pool = pool[:len(pool)-1]
				r.Patient, r.FollowsUp = base.Patient, base.ID
			case len(pool) > 0 && made%50 == 7:
				base := pool[len(pool)-1]
				pool = pool[:len(pool)-1]
				r.Patient, r.Status, r.Amends, r.FollowsUp, r.AmendReason = base.Patient, record.Amended, base.ID, base.FollowsUp, "age was wrong"
			default:
				r.Patient.Value = newPatient()
			}
			batch = append(batch, r)
			made++
		}
		out = append(out, batch)
		pool = append(slices.Clone(batch), pool...)
	}
	return out
}
