package store

import (
	"digicheck/record"

	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// The budget (DESIGN.md): a durable Save within 1.5x of a bare bbolt
// transaction writing the same bytes. BenchmarkBareBolt is that bare
// transaction on a database held open; BenchmarkBareBoltOpenClose adds the
// open and close per operation that Store does so it never holds the file.
//
//	go test -run x -bench . -benchtime 200x ./store/

func BenchmarkSave(b *testing.B) {
	s := openTemp(b)
	r := assessed(b, nhsPatient)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		r.ID = record.ID{}
		if err := s.Save(&r); err != nil {
			b.Fatal(err)
		}
	}
}

// bareWrites returns the bytes one Save writes: the encoded record and the
// index entry, under fresh ids so every transaction inserts, as Save does.
func bareWrites(b *testing.B) (val []byte, keys, pkeys [][]byte) {
	r := assessed(b, nhsPatient)
	r.ID = record.ID(uuid.Must(uuid.NewV7()))
	if err := prepare(&r); err != nil {
		b.Fatal(err)
	}
	val, err := encodeRecord(&r)
	if err != nil {
		b.Fatal(err)
	}
	for range b.N {
		id := record.ID(uuid.Must(uuid.NewV7()))
		keys = append(keys, recordKey(id))
		pkeys = append(pkeys, patientKey(r.Patient, id))
	}
	return val, keys, pkeys
}

func bareOpen(b *testing.B, path string) *bolt.DB {
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	return db
}

func bareUpdate(b *testing.B, db *bolt.DB, key, pkey, val []byte) {
	err := db.Update(func(tx *bolt.Tx) error {
		recs, err := tx.CreateBucketIfNotExists(bucketRecords)
		if err != nil {
			return err
		}
		if err := recs.Put(key, val); err != nil {
			return err
		}
		pats, err := tx.CreateBucketIfNotExists(bucketPatients)
		if err != nil {
			return err
		}
		return pats.Put(pkey, []byte{})
	})
	if err != nil {
		b.Fatal(err)
	}
}

func BenchmarkBareBolt(b *testing.B) {
	val, keys, pkeys := bareWrites(b)
	db := bareOpen(b, filepath.Join(b.TempDir(), "bare.db"))
	defer db.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		bareUpdate(b, db, keys[i], pkeys[i], val)
	}
}

func BenchmarkBareBoltOpenClose(b *testing.B) {
	val, keys, pkeys := bareWrites(b)
	path := filepath.Join(b.TempDir(), "bare.db")
	bareOpen(b, path).Close()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		db := bareOpen(b, path)
		bareUpdate(b, db, keys[i], pkeys[i], val)
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveOverBare measures the budget directly. The disk's fsync time
// swings widely from one second to the next (and with other work on the
// machine), so the separate benchmarks above can be far apart for no reason
// of ours. Here a Save, a bare transaction with its own open and close, and
// a bare transaction on an open database take turns, on three files in one
// directory, so all meet the same disk at the same moment. save/bare is the
// ratio the budget is about; save/openclose is what Save adds to the open
// and close per operation that the design asks for (encoding the record,
// mostly).
func BenchmarkSaveOverBare(b *testing.B) {
	b.Run("empty", func(b *testing.B) { saveOverBare(b, 0) })
	// The budget is for a store of a busy ward's few years: the store and
	// the bare database each hold 100,000 records first.
	b.Run("100k", func(b *testing.B) { saveOverBare(b, 100_000) })
}

// filledEnv names a directory where saveOverBare keeps its three files as
// they are once filled, and copies them from on every later run, in this
// process or another: filling 100,000 records takes minutes, the rounds of
// 200 seconds. Unset, every run fills its own. Files filled by a build
// before the patient index's entries carried their check (patindex.go)
// hold entries a save reads against their records, as a store of that
// build does: a build's own figures want files it filled itself.
const filledEnv = "DIGICHECK_BENCH_FILLED"

func saveOverBare(b *testing.B, fill int) {
	r := assessed(b, nhsPatient)
	val, keys, pkeys := bareWrites(b)
	_, okeys, opkeys := bareWrites(b)
	dir := b.TempDir()
	kept := os.Getenv(filledEnv)
	if kept != "" && fill > 0 {
		kept = filepath.Join(kept, strconv.Itoa(fill))
		if _, err := os.Stat(filepath.Join(kept, "done")); err != nil {
			if err := os.MkdirAll(kept, 0o700); err != nil {
				b.Fatal(err)
			}
			fillFiles(b, kept, r, val, fill)
			if err := os.WriteFile(filepath.Join(kept, "done"), nil, 0o600); err != nil {
				b.Fatal(err)
			}
		}
		for _, name := range []string{"digicheck.db", "bare.db", "openclose.db"} {
			copyFile(b, filepath.Join(kept, name), filepath.Join(dir, name))
		}
	} else {
		fillFiles(b, dir, r, val, fill)
	}
	s, err := Open(filepath.Join(dir, "digicheck.db"), Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		b.Fatal(err)
	}
	db := bareOpen(b, filepath.Join(dir, "bare.db"))
	defer db.Close()
	ocPath := filepath.Join(dir, "openclose.db")
	r.Synthetic = fill > 0
	timeSaves(b, s, db, ocPath, r, val, keys, pkeys, okeys, opkeys)
}

func copyFile(b *testing.B, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	// On disk before the timing starts: a copy left in the page cache
	// made each file's first fsyncs write it out, and a bare transaction
	// that took 0.4 ms on a file bbolt had filled took 0.8-0.9 ms on a
	// copy, which flattered save/bare (1.3-1.4 against 2.0).
	if err := out.Sync(); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

// fillFiles makes in dir the store and the two bare databases
// saveOverBare times, each holding fill records first.
func fillFiles(b *testing.B, dir string, r record.Record, val []byte, fill int) {
	s, err := Open(filepath.Join(dir, "digicheck.db"), Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		b.Fatal(err)
	}
	db := bareOpen(b, filepath.Join(dir, "bare.db"))
	defer db.Close()
	ocPath := filepath.Join(dir, "openclose.db")
	bareOpen(b, ocPath).Close()
	if fill > 0 {
		// Synthetic records, as `digicheck synthetic` saves them, and
		// the same number of record-sized values in both bare files.
		r.Synthetic = true
		const batch = 5000
		for done := 0; done < fill; done += batch {
			rs := make([]record.Record, batch)
			for i := range rs {
				rs[i] = r
				rs[i].ID = record.ID(uuid.Must(uuid.NewV7()))
			}
			if err := s.SaveSynthetic(rs); err != nil {
				b.Fatal(err)
			}
			for _, path := range []string{"", ocPath} {
				d := db
				if path != "" {
					d = bareOpen(b, path)
				}
				err := d.Update(func(tx *bolt.Tx) error {
					recs, err := tx.CreateBucketIfNotExists(bucketRecords)
					if err != nil {
						return err
					}
					pats, err := tx.CreateBucketIfNotExists(bucketPatients)
					if err != nil {
						return err
					}
					for range batch {
						id := record.ID(uuid.Must(uuid.NewV7()))
						if err := recs.Put(recordKey(id), val); err != nil {
							return err
						}
						if err := pats.Put(patientKey(r.Patient, id), []byte{}); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				if path != "" {
					d.Close()
				}
			}
		}
	}
}

func timeSaves(b *testing.B, s *Store, db *bolt.DB, ocPath string, r record.Record, val []byte, keys, pkeys, okeys, opkeys [][]byte) {
	// Pages written: Save's counted by its transactions, the bare
	// database's by its own statistics.
	var savePages int64
	writeStats = func(st bolt.TxStats) { savePages += st.GetWrite() }
	defer func() { writeStats = nil }()
	bareWritten := func() int64 { st := db.Stats(); return st.TxStats.GetWrite() }
	bareBefore := bareWritten()
	savePages = 0
	var save, openclose, bare time.Duration
	// The CPU time the process uses during the save and during the bare
	// transaction with its own open and close (Linux): what a save adds,
	// told apart from waits for the disk and for a CPU, which swing with
	// the machine's load. With it, from the same system call, the page
	// faults and context switches of each (readUsage): a save reads
	// pages of the store a bare transaction does not, each first met
	// through a fresh map of the file, since every operation opens it.
	var saveUse, ocUse usage
	var gc0, gc1 runtime.MemStats
	runtime.ReadMemStats(&gc0)
	b.ResetTimer()
	for i := range b.N {
		u0 := readUsage()
		t0 := time.Now()
		r.ID = record.ID{}
		if err := s.Save(&r); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		u1 := readUsage()
		oc := bareOpen(b, ocPath)
		bareUpdate(b, oc, okeys[i], opkeys[i], val)
		if err := oc.Close(); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		u2 := readUsage()
		bareUpdate(b, db, keys[i], pkeys[i], val)
		bare += time.Since(t2)
		openclose += t2.Sub(t1)
		save += t1.Sub(t0)
		saveUse = saveUse.add(u1.sub(u0))
		ocUse = ocUse.add(u2.sub(u1))
	}
	b.StopTimer()
	runtime.ReadMemStats(&gc1)
	perOp := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / float64(b.N) }
	b.ReportMetric(perOp(save), "save-ns/op")
	b.ReportMetric(perOp(openclose), "openclose-ns/op")
	b.ReportMetric(perOp(bare), "bare-ns/op")
	b.ReportMetric(float64(saveUse.cpu)/float64(b.N), "used-cpu-save-ns/op")
	b.ReportMetric(float64(ocUse.cpu)/float64(b.N), "used-cpu-openclose-ns/op")
	b.ReportMetric(float64(save)/float64(bare), "save/bare")
	b.ReportMetric(float64(save)/float64(openclose), "save/openclose")
	b.ReportMetric(float64(savePages)/float64(b.N), "save-pages/op")
	b.ReportMetric(float64(bareWritten()-bareBefore)/float64(b.N), "bare-pages/op")
	// Named to sort after the figures above, which /tmp/ab.sh reads by
	// their place in the line: faults of a fresh map, the collector's
	// cycles (all three operations together) and context switches.
	n := float64(b.N)
	b.ReportMetric(float64(saveUse.minflt)/n, "used-faults-save/op")
	b.ReportMetric(float64(ocUse.minflt)/n, "used-faults-openclose/op")
	b.ReportMetric(float64(saveUse.majflt+ocUse.majflt)/n, "used-faults-from-disk/op")
	b.ReportMetric(float64(gc1.NumGC-gc0.NumGC)/n, "used-gc/op")
	b.ReportMetric(float64(saveUse.vcsw)/n, "used-switches-save/op")
	b.ReportMetric(float64(ocUse.vcsw)/n, "used-switches-openclose/op")
	b.ReportMetric(float64(saveUse.ivcsw)/n, "used-preempted-save/op")
	b.ReportMetric(float64(ocUse.ivcsw)/n, "used-preempted-openclose/op")
}
