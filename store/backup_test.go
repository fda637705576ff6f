package store

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

func allRecords(t *testing.T, s *Store) []record.Record {
	t.Helper()
	var out []record.Record
	if err := s.Each(func(r record.Record) error { out = append(out, r); return nil }, nil); err != nil {
		t.Fatal(err)
	}
	return out
}

func leftovers(t *testing.T, dirs ...string) []string {
	t.Helper()
	var out []string
	for _, d := range dirs {
		m, _ := filepath.Glob(filepath.Join(d, ".digicheck-*"))
		out = append(out, m...)
	}
	return out
}

func TestBackupIsACompleteCheckedCopy(t *testing.T) {
	w := newWorld(t)
	dir := t.TempDir()
	dest := filepath.Join(dir, "ward7.db")
	got, rep, err := w.s.Backup(dest, BackupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got != dest || !rep.OK() || rep.Path != dest || rep.Records != 6 || rep.Drafts != 1 {
		t.Errorf("Backup = %s with report\n%s", got, rep)
	}
	if runtime.GOOS != "windows" {
		if fi, err := os.Stat(dest); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("backup mode %v, %v; want 0600", fi.Mode().Perm(), err)
		}
	}
	if l := leftovers(t, dir, filepath.Dir(w.s.Path())); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
	copied, err := Open(dest, Options{})
	if err != nil {
		t.Fatalf("the backup does not open as a store: %v", err)
	}
	if !reflect.DeepEqual(allRecords(t, copied), allRecords(t, w.s)) {
		t.Errorf("the backup's records differ from the store's")
	}
	if cur, err := copied.Current(w.a.ID); err != nil || cur.ID != w.a2.ID {
		t.Errorf("versions not kept in the backup: Current = %s, %v", cur.ID, err)
	}
	if ds, err := copied.Drafts(); err != nil || len(ds) != 1 || ds[0].ID != w.draft.ID {
		t.Errorf("drafts not kept in the backup: %v, %v", ds, err)
	}
	if rep, err := copied.Check(); err != nil || !rep.OK() {
		t.Errorf("Check of the backup: %v\n%s", err, rep)
	}
}

func TestBackupIntoAFolderNamesTheFileByTime(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	dir := t.TempDir()
	got, _, err := s.Backup(dir, BackupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(got)
	if filepath.Dir(got) != dir || !strings.HasPrefix(name, "digicheck-") || !strings.HasSuffix(name, "Z.db") {
		t.Errorf("backup written to %s, want digicheck-<time>Z.db in %s", got, dir)
	}
}

func TestBackupNeverReplacesUnlessAskedAndNeverTheStore(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	dest := filepath.Join(t.TempDir(), "backup.db")
	write(t, dest, []byte("yesterday's backup"))
	before := fingerprint(t, dest)
	if _, _, err := s.Backup(dest, BackupOptions{}); !errors.Is(err, ErrBackupExists) {
		t.Errorf("Backup over an existing file = %v, want ErrBackupExists", err)
	}
	if fingerprint(t, dest) != before {
		t.Errorf("the existing file was changed")
	}
	if _, _, err := s.Backup(dest, BackupOptions{Replace: true}); err != nil {
		t.Errorf("Backup with Replace: %v", err)
	}
	if _, err := Open(dest, Options{}); err != nil {
		t.Errorf("replaced backup does not open: %v", err)
	}

	storeBefore := fingerprint(t, s.Path())
	link := filepath.Join(t.TempDir(), "same.db")
	if err := os.Link(s.Path(), link); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{s.Path(), link} {
		if _, _, err := s.Backup(d, BackupOptions{Replace: true}); err == nil || !strings.Contains(err.Error(), "over the store itself") {
			t.Errorf("Backup onto the store (%s) = %v, want a refusal", d, err)
		}
	}
	if fingerprint(t, s.Path()) != storeBefore {
		t.Errorf("the store was changed")
	}
	if _, _, err := s.Backup(filepath.Join(t.TempDir(), "no", "such", "folder", "b.db"), BackupOptions{}); err == nil {
		t.Errorf("Backup into a missing folder succeeded")
	}
}

// A backup of a store that fails its check is not written: it would be a
// copy no one can trust.
func TestBackupOfAStoreWithProblemsIsNotWritten(t *testing.T) {
	w := newWorld(t)
	testkit.Tamper(t, w.s.Path(), func(tx *bolt.Tx) error { return tx.Bucket(bucketPatients).Delete(patientKey(w.c.Patient, w.c.ID)) })
	dir := t.TempDir()
	dest := filepath.Join(dir, "b.db")
	_, rep, err := w.s.Backup(dest, BackupOptions{})
	if !errors.Is(err, ErrDamaged) || rep.OK() {
		t.Errorf("Backup = %v, want ErrDamaged", err)
	}
	if _, err := os.Stat(dest); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a backup that failed its check was left at %s", dest)
	}
	if l := leftovers(t, dir, filepath.Dir(w.s.Path())); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

// A backup while assessments go on: every backup is consistent, holds
// every record whose save finished before it began, and nothing that was
// never saved.
func TestBackupWhileSavesGoOn(t *testing.T) {
	s := openTemp(t)
	s.timeout = 10 * time.Second
	writer, err := Open(s.Path(), Options{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu    sync.Mutex
		saved []string
		stop  atomic.Bool
		wg    sync.WaitGroup
	)
	wg.Go(func() {
		for !stop.Load() {
			r := assessed(t, nhsPatient)
			if err := writer.Save(&r); err != nil {
				t.Errorf("Save beside a backup: %v", err)
				return
			}
			mu.Lock()
			saved = append(saved, r.ID.String())
			mu.Unlock()
			time.Sleep(time.Millisecond) // a busy ward, not a benchmark
		}
	})
	dir := t.TempDir()
	for i := range 10 {
		mu.Lock()
		before := slices.Clone(saved)
		mu.Unlock()
		dest, rep, err := s.Backup(dir, BackupOptions{})
		if err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		if err := os.Rename(dest, filepath.Join(dir, "b"+string(rune('0'+i))+".db")); err != nil {
			t.Fatal(err)
		}
		copied, err := Open(filepath.Join(dir, "b"+string(rune('0'+i))+".db"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var in []string
		for _, r := range allRecords(t, copied) {
			in = append(in, r.ID.String())
		}
		for _, id := range before {
			if !slices.Contains(in, id) {
				t.Errorf("backup %d lacks %s, saved before it began", i, id)
			}
		}
		if !rep.OK() || rep.Records != len(in) {
			t.Errorf("backup %d: report\n%s", i, rep)
		}
		time.Sleep(5 * time.Millisecond)
	}
	stop.Store(true)
	wg.Wait()
	all := map[string]bool{}
	for _, r := range allRecords(t, s) {
		all[r.ID.String()] = true
	}
	mu.Lock()
	defer mu.Unlock()
	if len(saved) < 10 || len(all) != len(saved) {
		t.Errorf("%d saves reported, %d records in the store", len(saved), len(all))
	}
	t.Logf("%d records saved during 10 backups", len(saved))
}
