package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// notSavedFor writes, as a run on the store at path with given (its --db
// and --config, " --db FILE") does, the file that keeps answers the store
// did not save: of an unfinished assessment (a draft), or of one whose
// save was refused. It returns the file's name.
func notSavedFor(t *testing.T, path, given string, draft bool) string {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil))
	if r.ID, err = record.NewID(); err != nil {
		t.Fatal(err)
	}
	var kept []string
	if draft {
		d := &store.Draft{}
		d.ID, d.Patient, d.Answers = r.ID, r.Patient, r.Answers
		if keepUnkept(st, d, questionnaire.National, &kept, given) == "" {
			t.Fatal("the draft was not kept in a file")
		}
	} else {
		_ = keepRefused(st, &r, &store.Error{Kind: store.ErrReadOnly, Msg: "the store cannot be written"}, &kept, given)
	}
	if len(kept) != 1 || filepath.Dir(kept[0]) != filepath.Dir(st.Path()) {
		t.Fatalf("the answers were not kept beside the store: %v", kept)
	}
	return filepath.Base(kept[0])
}

// A file of answers a store did not save is another store's, and no sign
// that this one (new and empty) was lost, only when the store it says it
// was not saved in is another file there: the store the head of a draft's
// file names, or the --db its commands give, as typed (a path relative to
// where digicheck was run is a store beside the file, where it is kept). A
// site config kept beside the store, named in every command of the file,
// made the file of the lost store "another store's", and the warning that
// the store was moved or deleted was not given.
func TestANotSavedFileIsAnotherStoresOnlyByTheStoreItNames(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		// this is the new store's name; make writes the folder's files
		// and returns the not-saved file's name.
		this  string
		make  func(t *testing.T, dir string) string
		trace bool
	}{
		{"a draft's file of another store there", "type ahead.db", func(t *testing.T, dir string) string {
			return notSavedFor(t, filepath.Join(dir, "store.db"), "", true)
		}, false},
		{"a refused save's file of another store there, its --db relative as typed", "type ahead.db", func(t *testing.T, dir string) string {
			siteBeside(t, dir)
			return notSavedFor(t, filepath.Join(dir, "store.db"), " --db store.db --config "+shellWord(filepath.Join(dir, "site.toml")), false)
		}, false},
		{"a refused save's file of another store there, its name quoted, with a quote in it", "type ahead.db", func(t *testing.T, dir string) string {
			return notSavedFor(t, filepath.Join(dir, "ward's store.db"), " --db "+shellWord(filepath.Join(dir, "ward's store.db")), false)
		}, false},
		{"a refused save's file of this store, its --db relative, the config beside named", "type ahead.db", func(t *testing.T, dir string) string {
			siteBeside(t, dir)
			return lostWith(t, dir, "type ahead.db", " --db 'type ahead.db' --config "+shellWord(filepath.Join(dir, "site.toml")), false)
		}, true},
		{"a draft's file of this store, the config beside named", "type ahead.db", func(t *testing.T, dir string) string {
			siteBeside(t, dir)
			return lostWith(t, dir, "type ahead.db", " --config "+shellWord(filepath.Join(dir, "site.toml")), true)
		}, true},
		{"a refused save's file naming no store, the config beside named", "type ahead.db", func(t *testing.T, dir string) string {
			siteBeside(t, dir)
			return notSavedFor(t, filepath.Join(dir, "store.db"), " --config "+shellWord(filepath.Join(dir, "site.toml")), false)
		}, true},
		{"a file of another store no longer there", "type ahead.db", func(t *testing.T, dir string) string {
			return lostWith(t, dir, "gone.db", " --db "+shellWord(filepath.Join(dir, "gone.db")), false)
		}, true},
		{"a file of a store whose name begins with this one's, there", "store", func(t *testing.T, dir string) string {
			return notSavedFor(t, filepath.Join(dir, "store.db"), " --db "+shellWord(filepath.Join(dir, "store.db")), true)
		}, false},
		{"a file of this store, whose name begins another's there", "store", func(t *testing.T, dir string) string {
			_ = notSavedFor(t, filepath.Join(dir, "store.db"), "", true)
			return lostWith(t, dir, "store", " --db "+shellWord(filepath.Join(dir, "store")), false)
		}, true},
	} {
		dir := t.TempDir()
		kept := c.make(t, dir)
		traces := storeTraces(filepath.Join(dir, c.this), time.Time{})
		if got := slices.Contains(traces, kept); got != c.trace {
			body, _ := os.ReadFile(filepath.Join(dir, kept))
			t.Errorf("%s: taken as a trace of the lost store %v, want %v (traces %q); the file says:\n%.600s", c.name, got, c.trace, traces, body)
		}
	}
}

// siteBeside writes a site config, site.toml, in dir.
func siteBeside(t *testing.T, dir string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte("team = \"Falls\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// lostWith writes a not-saved file of the store name in dir (notSavedFor),
// then removes the store: it was moved or deleted.
func lostWith(t *testing.T, dir, name, given string, draft bool) string {
	t.Helper()
	kept := notSavedFor(t, filepath.Join(dir, name), given, draft)
	if err := os.Remove(filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
	return kept
}
