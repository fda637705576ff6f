package store

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// refused opens path, expects the named error, and checks the file and its
// directory are exactly as they were, but for the damage note beside a
// file refused as damaged (damage.go), which says why.
func refused(t *testing.T, path string, want error) error {
	t.Helper()
	before := fingerprint(t, path)
	dirBefore := listDir(t, filepath.Dir(path))
	if errors.Is(want, ErrDamaged) {
		dirBefore = append(dirBefore, filepath.Base(DamageNote(path)))
		slices.Sort(dirBefore)
	}
	s, err := Open(path, Options{Timeout: 200 * time.Millisecond})
	if !errors.Is(err, want) {
		t.Fatalf("Open = %v, %v; want %v", s, err, want)
	}
	t.Log(err)
	if after := fingerprint(t, path); after != before {
		t.Errorf("refused file changed\nbefore %s\nafter  %s", before, after)
	}
	if dirAfter := listDir(t, filepath.Dir(path)); !slices.Equal(dirAfter, dirBefore) {
		t.Errorf("directory changed: want %v, have %v", dirBefore, dirAfter)
	}
	if errors.Is(want, ErrDamaged) {
		if b, _ := os.ReadFile(DamageNote(path)); !strings.Contains(string(b), path) {
			t.Errorf("the note beside a file refused as damaged does not say why: %q", b)
		}
	}
	return err
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestRefusesFilesThatAreNotStores(t *testing.T) {
	random := make([]byte, 64<<10)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	for name, mk := range map[string]func(t *testing.T, path string){
		"text file": func(t *testing.T, path string) {
			write(t, path, []byte("Digital inclusion check (digicheck, instrument v1)\nDate: 2025-01-01\n"))
		},
		"random bytes": func(t *testing.T, path string) { write(t, path, random) },
		// digicheck builds a store under a temporary name and links it
		// into place only when complete, so it never leaves an empty
		// file at a store's path: an empty file there belongs to
		// something else, and bbolt would initialise it in place.
		"empty file":       func(t *testing.T, path string) { write(t, path, nil) },
		"foreign bbolt db": func(t *testing.T, path string) { foreignBolt(t, path) },
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "digicheck.db")
			mk(t, path)
			err := refused(t, path, ErrNotStore)
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "not a digicheck store") {
				t.Errorf("message %q should name the file and say it is not a digicheck store", err)
			}
			// A QI lead or nurse is told what to do, in words they know
			// ("bbolt" is the store's library, named to nobody).
			if msg := strings.ReplaceAll(err.Error(), path, "PATH"); !strings.Contains(msg, "--db") || strings.Contains(msg, "bbolt") {
				t.Errorf("message %q should say to give --db the store meant, without naming the library", msg)
			}
			// At the store's own path (the default, with no --db), a
			// file a failing disk turned to junk: what a nurse does.
			if msg := err.Error(); !strings.Contains(msg, "keep the file as it is and ask IT to restore the store from a backup") {
				t.Errorf("message %q does not say what to do when this was the store: keep the file and ask IT to restore it from a backup", msg)
			}
		})
	}
}

func TestRefusesADirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "digicheck.db")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrNotStore) {
		t.Errorf("Open(directory) = %v, want ErrNotStore", err)
	}
}

// damagedStore makes a store with some records and returns its path and
// page size.
func damagedStore(t *testing.T) (string, int) {
	t.Helper()
	s := openTemp(t)
	// Twenty records, and more while the bytes in use are a power of two:
	// pointPastTheEnd needs a map that reaches past the file's end, and
	// the size of a record follows the referral directory.
	for n := 0; n < 20 || inUse(t, s.Path())&(inUse(t, s.Path())-1) == 0; n++ {
		save(t, s, assessed(t, nhsPatient))
	}
	return s.Path(), os.Getpagesize()
}

// inUse is the size of the store's pages in use.
func inUse(t *testing.T, path string) int64 {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var used int64
	_ = db.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil })
	return used
}

func TestRefusesDamagedStore(t *testing.T) {
	for name, damage := range map[string]func(t *testing.T, path string, page int){
		"both meta checksums wrong": func(t *testing.T, path string, page int) {
			// Flip a byte of each meta page's txid: magic and version
			// still say bbolt, the checksums no longer match.
			for _, off := range []int{0, page} {
				flip(t, path, int64(off+16+48))
			}
		},
		"both meta pages wiped": func(t *testing.T, path string, page int) {
			overwrite(t, path, 0, make([]byte, 2*page))
		},
		"cut short": func(t *testing.T, path string, page int) {
			fi, _ := os.Stat(path)
			if err := os.Truncate(path, fi.Size()/2/int64(page)*int64(page)); err != nil {
				t.Fatal(err)
			}
		},
		"unreadable schema": func(t *testing.T, path string, page int) { setMeta(t, path, "schema", "one") },
	} {
		t.Run(name, func(t *testing.T) {
			path, page := damagedStore(t)
			damage(t, path, page)
			err := refused(t, path, ErrDamaged)
			if !strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), path) {
				t.Errorf("message %q should name the file and say it is damaged", err)
			}
		})
	}
}

// A damaged page found after Open is an error to show, not a crash in the
// middle of a clinic: bbolt panics on a page that is not a page.
func TestDamagedPageIsAnErrorNotACrash(t *testing.T) {
	path, page := damagedStore(t)
	s, err := Open(path, Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	root := rootOf(t, path, "records")
	overwrite(t, path, int64(root)*int64(page), bytes.Repeat([]byte{0xff}, page))
	before := fingerprint(t, path)

	err = s.Each(func(r record.Record) error { return nil }, nil)
	t.Log(err)
	if !errors.Is(err, ErrDamaged) {
		t.Errorf("Each over a damaged page = %v, want ErrDamaged", err)
	}
	r := assessed(t, nhsPatient)
	if err := s.Save(&r); !errors.Is(err, ErrDamaged) {
		t.Errorf("Save into a damaged page = %v, want ErrDamaged", err)
	}
	if after := fingerprint(t, path); after != before {
		t.Errorf("damaged store was written to\nbefore %s\nafter  %s", before, after)
	}
	// The file was closed and unlocked despite the panic.
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 200 * time.Millisecond, ReadOnly: true})
	if err != nil {
		t.Fatalf("store still locked after a recovered panic: %v", err)
	}
	db.Close()
}

// bbolt reads pages straight from its memory map, so a page number past the
// end of the file faults (SIGBUS) instead of panicking. That too must come
// back as ErrDamaged, not kill the program.
func TestPagePastTheEndIsAnErrorNotACrash(t *testing.T) {
	path, page := damagedStore(t)
	s := pointPastTheEnd(t, path, page, 0)
	before := fingerprint(t, path)

	err := s.Each(func(record.Record) error { return nil }, nil)
	t.Log(err)
	if !errors.Is(err, ErrDamaged) {
		t.Errorf("Each = %v, want ErrDamaged", err)
	}
	if after := fingerprint(t, path); after != before {
		t.Errorf("damaged store was written to")
	}
}

// pointPastTheEnd makes a store whose records bucket leads past the end
// of its file. bbolt grows a small file to the size of its map; this cuts
// it back to the pages in use, which is still a sound store, and opens it,
// so the map (a power of two) reaches past the end of the file. Then the
// first child of the records bucket's root (a branch page) is pointed at
// the page that many pages beyond the end of the file.
func pointPastTheEnd(t *testing.T, path string, page int, beyond uint64) *Store {
	t.Helper()
	root := rootOf(t, path, "records")
	var used int64
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	_ = db.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil })
	db.Close()
	if used&(used-1) == 0 {
		t.Fatalf("%d bytes in use is a power of two: the map would end with the file", used)
	}
	if err := os.Truncate(path, used); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("the cut-back store should still open: %v", err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p := b[int(root)*page:]
	if flags := uint16(p[8]) | uint16(p[9])<<8; flags&0x01 == 0 {
		t.Fatalf("records root page %d is not a branch page (flags %#x); the test needs more records", root, flags)
	}
	past := uint64(used)/uint64(page) + beyond
	var pgid [8]byte
	for i := range pgid {
		pgid[i] = byte(past >> (8 * i))
	}
	overwrite(t, path, int64(int(root)*page+16+8), pgid[:])
	return s
}

func TestRefusesNewerSchema(t *testing.T) {
	path, _ := damagedStore(t)
	setMeta(t, path, "schema", strconv.Itoa(schemaVersion+1))
	err := refused(t, path, ErrNewerSchema)
	if !strings.Contains(err.Error(), "newer version of digicheck") || !strings.Contains(err.Error(), "update digicheck") {
		t.Errorf("message %q should say to update digicheck", err)
	}
}

// Another window may run a newer digicheck that upgrades the store while
// this one is open: the next save must not write into a layout it does not
// know.
func TestSaveRefusesStoreUpgradedSinceOpen(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	setMeta(t, s.Path(), "schema", strconv.Itoa(schemaVersion+1))
	before := fingerprint(t, s.Path())
	r := assessed(t, nhsPatient)
	if err := s.Save(&r); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("Save = %v, want ErrNewerSchema", err)
	}
	if _, err := s.Get(r.ID); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("Get = %v, want ErrNewerSchema", err)
	}
	if after := fingerprint(t, s.Path()); after != before {
		t.Errorf("upgraded store was written to")
	}
}

// A store replaced since Open (a restore gone wrong, a mistaken copy) is
// checked again before anything is written to it.
func TestSaveRefusesFileSwappedSinceOpen(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	other := filepath.Join(t.TempDir(), "other.db")
	foreignBolt(t, other)
	if err := os.Rename(other, s.Path()); err != nil {
		t.Fatal(err)
	}
	before := fingerprint(t, s.Path())
	r := assessed(t, nhsPatient)
	if err := s.Save(&r); !errors.Is(err, ErrNotStore) {
		t.Errorf("Save = %v, want ErrNotStore", err)
	}
	if err := s.Each(func(record.Record) error { return nil }, nil); !errors.Is(err, ErrNotStore) {
		t.Errorf("Each = %v, want ErrNotStore", err)
	}
	if after := fingerprint(t, s.Path()); after != before {
		t.Errorf("foreign file was written to\nbefore %s\nafter  %s", before, after)
	}
}

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func overwrite(t *testing.T, path string, off int64, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func flip(t *testing.T, path string, off int64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	overwrite(t, path, off, []byte{b[off] ^ 0xff})
}

func setMeta(t *testing.T, path, key, val string) {
	t.Helper()
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte(key), []byte(val))
	})
}

func rootOf(t *testing.T, path, bucket string) uint64 {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var root uint64
	_ = db.View(func(tx *bolt.Tx) error {
		root = uint64(tx.Bucket([]byte(bucket)).Root())
		return nil
	})
	if root == 0 {
		t.Fatalf("bucket %s is inline; the test needs it on its own page", bucket)
	}
	return root
}
