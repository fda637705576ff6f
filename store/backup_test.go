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

// backupAt writes a backup of s into dir under the folder name of the time
// at, and gives the file a modification time of mtime, so that tests can
// tell ordering by name from ordering by file time.
func backupAt(t *testing.T, s *Store, dir string, at, mtime time.Time) string {
	t.Helper()
	got, _, err := s.Backup(dir, BackupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "digicheck-"+at.UTC().Format(backupNameLayout)+".db")
	if err := os.Rename(got, name); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(name, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	return name
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

func bases(paths []string) []string {
	var out []string
	for _, p := range paths {
		out = append(out, filepath.Base(p))
	}
	slices.Sort(out)
	return out
}

func TestPruneKeepsTheNewestCopiesByTheTimeInTheirNames(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	dir := t.TempDir()
	day := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	var old []string
	for i := range 4 {
		// The older the name, the newer the file's time: the names decide.
		old = append(old, backupAt(t, s, dir, day.AddDate(0, 0, i), day.AddDate(0, 0, 30-i)))
	}
	save(t, s, assessed(t, localPatient))
	newest, _, err := s.Backup(dir, BackupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pruned, err := PruneBackups(newest, 3)
	if err != nil || len(pruned.Failed) != 0 {
		t.Fatalf("PruneBackups: %v, %v", err, pruned.Failed)
	}
	if got, want := bases(pruned.Removed), bases(old[:2]); !slices.Equal(got, want) {
		t.Errorf("removed %v, want the two oldest by name %v", got, want)
	}
	if got, want := names(t, dir), bases([]string{old[2], old[3], newest}); !slices.Equal(got, want) {
		t.Errorf("left %v, want %v", got, want)
	}
	// Pruning again with the same number removes nothing more.
	if again, err := PruneBackups(newest, 3); err != nil || len(again.Removed) != 0 {
		t.Errorf("second PruneBackups removed %v, %v", again.Removed, err)
	}
}

func TestPruneToOneLeavesOnlyTheCopyJustMade(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	dir := t.TempDir()
	day := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	for i := range 3 {
		backupAt(t, s, dir, day.AddDate(0, 0, i), day)
	}
	newest, _, err := s.Backup(dir, BackupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pruned, err := PruneBackups(newest, 1)
	if err != nil || len(pruned.Removed) != 3 {
		t.Errorf("PruneBackups(1) removed %v, %v; want the 3 older copies", pruned.Removed, err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{filepath.Base(newest)}) {
		t.Errorf("left %v, want only %s", got, filepath.Base(newest))
	}
	if _, err := Open(newest, Options{}); err != nil {
		t.Errorf("the copy just made does not open: %v", err)
	}
}

// The copy just made is kept even when copies with later names (another
// machine's clock, or a backup running at the same time) fill the number.
func TestPruneNeverRemovesTheCopyJustMade(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	dir := t.TempDir()
	later := time.Now().Add(48 * time.Hour)
	ahead := backupAt(t, s, dir, later, later)
	newest, _, err := s.Backup(dir, BackupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pruned, err := PruneBackups(newest, 1)
	if err != nil || len(pruned.Removed) != 0 {
		t.Errorf("PruneBackups removed %v, %v; want nothing", pruned.Removed, err)
	}
	if got := names(t, dir); !slices.Equal(got, bases([]string{newest, ahead})) {
		t.Errorf("left %v", got)
	}
}

func TestPruneTouchesNothingButOldCopiesOfTheSameStore(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	dir := t.TempDir()
	day := time.Date(2026, 10, 1, 2, 0, 0, 0, time.UTC)
	mine := backupAt(t, s, dir, day, day)

	// Another store created in the same second holds other records: its
	// copies look like this store's by creation time alone.
	twin := openTemp(t)
	created, err := s.created()
	if err != nil {
		t.Fatal(err)
	}
	testkit.Tamper(t, twin.Path(), func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyCreated, []byte(created))
	})
	save(t, twin, assessed(t, localPatient))
	twinCopy := backupAt(t, twin, dir, day.Add(-time.Hour), day)
	// Another store created at another time, with no records at all.
	other := openTemp(t)
	testkit.Tamper(t, other.Path(), func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyCreated, []byte("2020-01-01T00:00:00Z"))
	})
	otherCopy := backupAt(t, other, dir, day.Add(-2*time.Hour), day)
	// A copy of this store that was opened as a store and written to
	// since: it holds a record the new copy lacks.
	used := backupAt(t, s, dir, day.Add(-3*time.Hour), day)
	usedStore, err := Open(used, Options{})
	if err != nil {
		t.Fatal(err)
	}
	save(t, usedStore, assessed(t, localPatient))

	// Files not made by backup, or not finished.
	keepers := map[string][]byte{
		"notes.txt":                          []byte("rota"),
		"ward7.db":                           nil, // a copy of this store under a name of its own
		"digicheck-20250101T000000Z.db.old":  []byte("x"),
		"digicheck-20250101T000000Z.db":      []byte("not a store at all"),
		"Digicheck-20250102T000000Z.db":      []byte("x"),
		"digicheck-20250103T000000Z-copy.db": []byte("x"),
		".digicheck-backup-1-00000000-1.tmp": []byte("a backup in progress elsewhere"),
	}
	for name, body := range keepers {
		if body == nil {
			got, _, err := s.Backup(filepath.Join(dir, name), BackupOptions{})
			if err != nil || got == "" {
				t.Fatal(err)
			}
			continue
		}
		write(t, filepath.Join(dir, name), body)
	}
	tmp, err := CreateTemp(dir, "backup") // this process's own backup in progress
	if err != nil {
		t.Fatal(err)
	}
	tmp.Close()

	before := map[string]string{}
	for _, n := range names(t, dir) {
		if n != filepath.Base(mine) {
			before[n] = fingerprint(t, filepath.Join(dir, n))
		}
	}
	newest, _, err := s.Backup(dir, BackupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pruned, err := PruneBackups(newest, 1)
	if err != nil || len(pruned.Failed) != 0 {
		t.Fatalf("PruneBackups: %v, %v", err, pruned.Failed)
	}
	if got := bases(pruned.Removed); !slices.Equal(got, []string{filepath.Base(mine)}) {
		t.Errorf("removed %v, want only this store's old copy %s", got, filepath.Base(mine))
	}
	for n, fp := range before {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			if n == filepath.Base(tmp.Name()) || strings.HasPrefix(n, ".digicheck-backup-1-") {
				// The sweep before a backup may clear a dead process's
				// temporary; pruning is what is under test here.
				continue
			}
			t.Errorf("%s was removed", n)
			continue
		}
		if fingerprint(t, filepath.Join(dir, n)) != fp {
			t.Errorf("%s was changed", n)
		}
	}
	for _, p := range []string{twinCopy, otherCopy, used, tmp.Name()} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
	// The copies of this store's creation left over the number because
	// they hold records the new copy lacks are reported, so that the user
	// knows why more are kept than asked for.
	if got, want := bases(pruned.Kept), bases([]string{twinCopy, used}); !slices.Equal(got, want) {
		t.Errorf("reported as kept for their records %v, want %v", got, want)
	}
}

func TestPruneReportsACopyItCannotRemoveAndGoesOn(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	dir := t.TempDir()
	day := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	stuck := backupAt(t, s, dir, day, day)
	gone := backupAt(t, s, dir, day.Add(time.Hour), day)
	newest, _, err := s.Backup(dir, BackupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer func(rm func(string) error) { removeBackup = rm }(removeBackup)
	removeBackup = func(p string) error {
		if p == stuck {
			return &os.PathError{Op: "remove", Path: p, Err: os.ErrPermission}
		}
		return os.Remove(p)
	}
	pruned, err := PruneBackups(newest, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(pruned.Removed, []string{gone}) {
		t.Errorf("removed %v, want %s", pruned.Removed, gone)
	}
	if len(pruned.Failed) != 1 || !strings.Contains(pruned.Failed[0].Error(), stuck) || !errors.Is(pruned.Failed[0], os.ErrPermission) {
		t.Errorf("failures %v, want one naming %s", pruned.Failed, stuck)
	}
}

func TestPruneKeepsEverythingUnlessANumberIsGivenAndOnlyBesideAFolderBackup(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	dir := t.TempDir()
	day := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	old := backupAt(t, s, dir, day, day)
	newest, _, err := s.Backup(dir, BackupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if pruned, err := PruneBackups(newest, 0); err != nil || len(pruned.Removed) != 0 {
		t.Errorf("PruneBackups(0) removed %v, %v", pruned.Removed, err)
	}
	named := filepath.Join(dir, "ward7.db")
	if _, _, err := s.Backup(named, BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := PruneBackups(named, 1); err == nil {
		t.Errorf("PruneBackups beside a backup with a name of its own succeeded")
	}
	if _, err := os.Stat(old); err != nil {
		t.Errorf("old copy removed: %v", err)
	}
}

// A one-bit flip in the newest meta page makes bbolt read the store as it
// was one save earlier, and a backup, written with fresh meta pages, would
// pass its check holding the store without its last save. So the backup is
// refused with check's explanation, and nothing is written at dest.
func TestBackupOfAStoreWithADamagedNewestMetaPageIsRefused(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	save(t, s, assessed(t, nhsPatient))
	testkit.FlipMetaBit(t, s.Path(), true)
	dir := t.TempDir()
	dest := filepath.Join(dir, "ward7.db")
	s2, err := Open(s.Path(), Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := s2.Backup(dest, BackupOptions{})
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("Backup of a store with a damaged newest meta page = %q, %v; want ErrDamaged", got, err)
	}
	for _, want := range []string{"not written", "meta page", "missing", "copy the file itself"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal does not say %q:\n%v", want, err)
		}
	}
	if _, serr := os.Stat(dest); !errors.Is(serr, os.ErrNotExist) {
		t.Errorf("a backup was written at %s: %v", dest, serr)
	}
	if l := leftovers(t, dir, filepath.Dir(s.Path())); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

// A flip in the older meta page loses nothing, and a backup, written with
// sound meta pages, is what check advises; it is written, and the damage to
// the store itself is in its report, not a plain success.
func TestBackupOfAStoreWithADamagedOlderMetaPageSaysSo(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	testkit.FlipMetaBit(t, s.Path(), false)
	dest := filepath.Join(t.TempDir(), "ward7.db")
	got, rep, err := s.Backup(dest, BackupOptions{})
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if got != dest || !rep.OK() {
		t.Errorf("Backup = %s, report\n%s; want a sound copy at %s", got, rep, dest)
	}
	if len(rep.StoreProblems) != 1 || !strings.Contains(rep.StoreProblems[0], "nothing saved is missing") {
		t.Errorf("the backup's report names the store's damage as %q; want the older meta page, nothing missing", rep.StoreProblems)
	}
	copied, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := copied.Check(); err != nil || !rep.OK() {
		t.Errorf("Check of the backup: %v\n%s", err, rep)
	}
}

// Two backups into one folder begun in the same second: the second was
// refused as "already exists; choose another name", though the user names
// only the folder. Each gets a name of its own, and pruning takes the
// later of the two as the newer.
func TestBackupsInTheSameSecondGetNamesOfTheirOwn(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	dir := t.TempDir()
	at := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	defer func(f func() time.Time) { backupNow = f }(backupNow)
	backupNow = func() time.Time { return at }
	var got []string
	for range 3 {
		p, _, err := s.Backup(dir, BackupOptions{})
		if err != nil {
			t.Fatalf("backup %d into a folder in the same second: %v", len(got)+1, err)
		}
		got = append(got, filepath.Base(p))
	}
	want := []string{"digicheck-20261101T020000Z.db", "digicheck-20261101T020000Z-2.db", "digicheck-20261101T020000Z-3.db"}
	if !slices.Equal(got, want) {
		t.Errorf("names %v, want %v", got, want)
	}
	pruned, err := PruneBackups(filepath.Join(dir, want[2]), 2)
	if err != nil || len(pruned.Removed) != 1 || filepath.Base(pruned.Removed[0]) != want[0] {
		t.Errorf("PruneBackups(2) removed %v, %v; want only the first of the second, %s", pruned.Removed, err, want[0])
	}
}

// Four or more backups begun in one second, each pruned to 3 copies as
// backup --keep 3 does: the fifth took the first's name, freed by the
// fourth's pruning, so the newest copy sorted as the oldest, a restore
// from the copy whose name looked newest undid what only the fifth held,
// and 4 copies were kept. A name is never used again: the count goes on
// past the highest in the folder for that second, and exactly 3 are kept,
// the newest by their names.
func TestBackupsInOneSecondNeverReuseAFreedNameAndKeepExactlyKeep(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	dir := t.TempDir()
	at := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	defer func(f func() time.Time) { backupNow = f }(backupNow)
	backupNow = func() time.Time { return at }
	var got []string
	for i := range 6 {
		if i == 4 {
			// The fifth copy holds a record the others lack.
			save(t, s, assessed(t, nhsPatient))
		}
		p, _, err := s.Backup(dir, BackupOptions{})
		if err != nil {
			t.Fatalf("backup %d into a folder in the same second: %v", i+1, err)
		}
		got = append(got, filepath.Base(p))
		if _, err := PruneBackups(p, 3); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"digicheck-20261101T020000Z.db", "digicheck-20261101T020000Z-2.db", "digicheck-20261101T020000Z-3.db",
		"digicheck-20261101T020000Z-4.db", "digicheck-20261101T020000Z-5.db", "digicheck-20261101T020000Z-6.db"}
	if !slices.Equal(got, want) {
		t.Errorf("names %v, want %v", got, want)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range ents {
		left = append(left, e.Name())
	}
	if !slices.Equal(left, want[3:]) {
		t.Errorf("left in the folder %v; want the 3 newest by their names, %v", left, want[3:])
	}
}

// Backups into one folder at the same moment (two stores, or the scheduled
// tasks of two machines, writing to one shared folder) each chose the
// same free name; all but one failed with "already exists; choose another
// name", though the user gave a folder and digicheck chose the name, and
// no copy was made for them. Each now takes the next free name.
func TestBackupsIntoOneFolderAtOnceEachGetACopy(t *testing.T) {
	stores := []*Store{openTemp(t), openTemp(t)}
	for _, s := range stores {
		save(t, s, assessed(t, nhsPatient))
	}
	dir := t.TempDir()
	at := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	defer func(f func() time.Time) { backupNow = f }(backupNow)
	backupNow = func() time.Time { return at }
	const n = 6
	paths := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { paths[i], _, errs[i] = stores[i%2].Backup(dir, BackupOptions{}) })
	}
	wg.Wait()
	seen := map[string]bool{}
	for i := range n {
		if errs[i] != nil {
			t.Errorf("backup %d of %d begun at once into one folder: %v", i+1, n, errs[i])
			continue
		}
		if seen[paths[i]] {
			t.Errorf("two backups say they wrote %s", paths[i])
		}
		seen[paths[i]] = true
		c, err := Open(paths[i], Options{})
		if err != nil {
			t.Errorf("%s does not open: %v", paths[i], err)
			continue
		}
		if rep, err := c.Check(); err != nil || !rep.OK() {
			t.Errorf("%s: %v %s", paths[i], err, rep)
		}
	}
	if got, _ := filepath.Glob(filepath.Join(dir, "digicheck-*.db")); len(got) != len(seen) {
		t.Errorf("%d copies in the folder, %d backups said written: %v", len(got), len(seen), got)
	}
}
