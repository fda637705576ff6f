package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/store"
)

// A copy named in the future (made while the computer's clock was wrong)
// stayed in a --keep folder without a word, sorted as the newest: it took
// a place of the N kept, pushing a real copy out, and the README's restore
// steps ("choose the newest copy") led to it, though it lacked the newest
// assessment. Every backup into the folder now names it in a warning,
// with --keep or without, and it is neither counted among the copies kept
// nor removed.
func TestABackupWarnsOfACopyNamedLaterThanNowAndKeepsTheRealCopies(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 2)
	dir := t.TempDir()
	oldBackups(t, path, dir, "20261101")
	// An older copy, named a year ahead, as a backup made with the
	// clock wrong names it.
	out, _, err := runStoreCmd(t, path, (*app).backupCmd, dir)
	if err != nil {
		t.Fatal(err)
	}
	ahead := filepath.Join(dir, "digicheck-"+time.Now().AddDate(1, 0, 0).UTC().Format("20060102")+"T000000Z.db")
	if err := os.Rename(madeBy(t, out), ahead); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil)) // the newest assessment, which the copy ahead lacks
	if err := st.Save(&r); err != nil {
		t.Fatal(err)
	}

	warned := func(run, errOut string) {
		t.Helper()
		said := strings.Join(strings.Fields(errOut), " ")
		for _, w := range []string{"WARNING: old backup " + ahead + " is named later than now", "lacks records the new copy holds", "not the newest copy"} {
			if !strings.Contains(said, w) {
				t.Errorf("%s: stderr does not say %q:\n%s", run, w, errOut)
			}
		}
	}
	for i, keep := range [][]string{{"--keep", "2"}, {"--keep", "2"}, nil} {
		out, errOut, err := runStoreCmd(t, path, (*app).backupCmd, append([]string{dir}, keep...)...)
		if err != nil {
			t.Fatalf("backup %d: %v\n%s%s", i+1, err, out, errOut)
		}
		warned(strings.Join(append([]string{"backup"}, keep...), " "), errOut)
		if i == 0 {
			// The copy of 1 November is one of the two real copies
			// kept: the copy ahead takes no place of them.
			if got := dirNames(t, dir); !slices.Contains(got, "digicheck-20261101T090000Z.db") || !slices.Contains(got, filepath.Base(ahead)) || len(got) != 3 {
				t.Errorf("--keep 2 left %v; want the copy ahead beside the two real copies", got)
			}
		}
	}
	if got := dirNames(t, dir); !slices.Contains(got, filepath.Base(ahead)) || len(got) != 4 {
		t.Errorf("left %v; want the copy ahead beside the two real copies kept by --keep 2 and the one made since", got)
	}
}
