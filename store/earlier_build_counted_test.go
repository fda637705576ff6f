package store

import (
	"path/filepath"
	"testing"
	"time"
)

// Stores written by earlier builds carry no count of their records: they
// open, check and summarise as before, with no word of damage; the first
// save counts every record they hold, and from then on they check and
// summarise sound, counted.
func TestAnEarlierBuildsStoreReadsAsBeforeAndIsCountedFromItsFirstSave(t *testing.T) {
	for _, name := range []string{"before-s2.db", "small.db"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name)
			write(t, path, readFile(t, filepath.Join("testdata", name)))
			s, err := Open(path, Options{Timeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			before := countsIn(t, s)
			if before.state != uncounted {
				t.Fatalf("the earlier build's store counts: %+v", before)
			}
			if rep, err := s.Check(); err != nil || !rep.OK() {
				t.Fatalf("check: %v\n%s", err, rep)
			}
			facts := 0
			if err := s.EachFactChunk(func(c FactChunk) error { facts += c.Len(); return nil }); err != nil {
				t.Fatalf("summary's read: %v", err)
			}
			r := assessed(t, nhsPatient)
			r.Synthetic = true
			if err := s.Save(&r); err != nil {
				r.Synthetic = false
				if err := s.Save(&r); err != nil {
					t.Fatal(err)
				}
			}
			after := countsIn(t, s)
			if after.state != counted || after.count != uint64(before.records+1) || after.records != before.records+1 {
				t.Errorf("after the first save: %+v, want %d records counted", after, before.records+1)
			}
			if rep, err := s.Check(); err != nil || !rep.OK() {
				t.Errorf("check after the first save: %v\n%s", err, rep)
			}
			n := 0
			if err := s.EachFactChunk(func(c FactChunk) error { n += c.Len(); return nil }); err != nil || n != facts+1 {
				t.Errorf("summary's read after the first save: %d facts (%v), want %d", n, err, facts+1)
			}
			if _, err := s.History(r.Patient); err != nil {
				t.Errorf("history after the first save: %v", err)
			}
		})
	}
}
