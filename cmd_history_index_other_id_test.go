package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"digicheck/record"
)

// flipIndexEntryID flips one bit of the last character of the record id
// in r's entry of the patient index, wherever the file at path holds it:
// the entry stays the patient's, in its place, and names a record the
// store does not hold. It returns the id the entry names now.
func flipIndexEntryID(t *testing.T, path string, r record.Record) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	key := []byte(r.Patient.Kind + "\x00" + r.Patient.Value + "\x00" + r.ID.String())
	n := 0
	for at := 0; ; {
		i := bytes.Index(b[at:], key)
		if i < 0 {
			break
		}
		b[at+i+len(key)-1] ^= 1
		at += i + 1
		n++
	}
	if n == 0 {
		t.Fatal("the patient's index entry is not in the file")
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	id := []byte(r.ID.String())
	id[len(id)-1] ^= 1
	return string(id)
}

// Damaged stores (H27), fault 3 of the last round: one bit flipped in the
// id of the patient's newest entry of the patient index. history said "2
// more version(s) … cannot be shown" where one entry was damaged (the
// store-wide message was counted as a version), and left out the
// patient's newest assessment, which is in the store and reads soundly,
// so the nurse saw an older one as the latest. Every readable record of
// the patient is shown, the newest last; the damaged entry is said, and
// counted once; no version is said not to be shown, and the readable
// record is not called missing.
func TestHistoryShowsTheNewestAssessmentWhoseIndexEntryNamesAnotherID(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 4)
	newest := rs[len(rs)-1]
	named := flipIndexEntryID(t, path, newest)
	out, errs, err := runStoreCmd(t, path, (*app).historyCmd, "9434765919")
	if err != nil {
		t.Fatalf("history refused the patient: %v\n%s%s", err, out, errs)
	}
	// The DAMAGED block first, then the versions.
	block, list, ok := strings.Cut(out, "Oldest first")
	if !ok || !strings.Contains(block, "DAMAGED") {
		t.Fatalf("history does not say the damage:\n%s%s", out, errs)
	}
	for _, r := range rs {
		if !shownIn(list, r.ID) {
			t.Errorf("the readable assessment %s is not shown:\n%s", r.ID, out)
		}
	}
	for _, r := range rs[:len(rs)-1] {
		if at := strings.Index(list, r.ID.String()[:13]); at > strings.Index(list, newest.ID.String()[:13]) {
			t.Errorf("the newest assessment %s is not the last in the history:\n%s", newest.ID, list)
		}
	}
	said := strings.Join(strings.Fields(block+errs), " ")
	if strings.Contains(said, "more version") {
		t.Errorf("every version is shown, yet history says more cannot be:\n%s%s", out, errs)
	}
	if !strings.Contains(said, "1 entry") || !strings.Contains(said, named) {
		t.Errorf("the damaged entry (naming %s) is not said, counted once:\n%s%s", named, out, errs)
	}
	for _, line := range strings.Split(block+errs, "\n") {
		if strings.Contains(line, newest.ID.String()) && strings.Contains(line, "missing") {
			t.Errorf("the readable record %s is called missing: %q", newest.ID, line)
		}
	}
}

// shownIn reports whether text holds id as history shows it: its first
// 13 characters or more.
func shownIn(text string, id record.ID) bool {
	return strings.Contains(text, id.String()[:13])
}
