package main

import (
	binenc "encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"digicheck/record"
	"digicheck/store"
)

// cutInLastPage is a copy of the store at path cut 100 bytes short of the
// length its header gives: only its last page is cut.
func cutInLastPage(t *testing.T, path string) (string, int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	le := binenc.LittleEndian
	ps := int(le.Uint32(b[24:]))
	used := int(le.Uint64(b[56:])) * ps
	if le.Uint64(b[ps+64:]) > le.Uint64(b[64:]) {
		used = int(le.Uint64(b[ps+56:])) * ps
	}
	p := filepath.Join(t.TempDir(), "torn.db")
	if err := os.WriteFile(p, b[:used-100], 0o600); err != nil {
		t.Fatal(err)
	}
	return p, used - 100
}

// Damaged stores, re-test fault 2: a store file cut short in a page no
// record is on: summary, history, show and every export read all of it,
// but due refused it at once, with "cut short: 100000 bytes of 106496" as
// the reason. due reads it as summary does, saying it is cut short.
func TestDueReadsAStoreCutShortInItsLastPage(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 12)
	p, size := cutInLastPage(t, path)
	out, stderr, err := runStoreCmd(t, p, (*app).dueCmd, "--within", "3660")
	// What can be read is listed, marked, and due ends with the
	// damage (exit status 1), as it does for a record it could not read.
	if !errors.Is(err, store.ErrDamaged) || !strings.Contains(out, "REVIEW BY") || !strings.HasPrefix(out, "DAMAGED STORE") {
		t.Errorf("due of a store cut short in its last page = %v; want what can be read listed, marked, ending with the damage:\n%s\n%s", err, out, stderr)
	}
	if !strings.Contains(strings.Join(strings.Fields(stderr), " "), "cut short") {
		t.Errorf("due does not say the store is cut short:\n%s", stderr)
	}
	if strings.Contains(out+stderr, ".digicheck-") {
		t.Errorf("due names the padded copy, not the store:\n%s\n%s", out, stderr)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(p), ".digicheck-*")); len(left) > 0 {
		t.Errorf("a padded copy was left behind: %v", left)
	}
	if fi, err := os.Stat(p); err != nil || fi.Size() != int64(size) {
		t.Errorf("the store cut short was changed: %v", err)
	}
}

// And where a store cut short is refused, the byte counts are for IT, not
// the reason given mid-sentence: "damaged: cut short: 100000 bytes of
// 106496. Nothing was written to it".
func TestACutShortStoresRefusalKeepsTheByteCountsForIT(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 12)
	p, _ := cutInLastPage(t, path)
	st, err := store.Open(p, store.Options{})
	if err == nil {
		err = st.Each(func(record.Record) error { return nil }, nil)
	}
	if err == nil {
		t.Fatal("a store cut short is read through bbolt as if whole")
	}
	msg := err.Error()
	if m := regexp.MustCompile(`\(for IT:[^)]*\)`).ReplaceAllString(msg, ""); regexp.MustCompile(`\d+ bytes of \d+`).MatchString(m) {
		t.Errorf("the refusal gives byte counts outside what is for IT:\n%s", msg)
	}
	if !strings.Contains(msg, "cut short") {
		t.Errorf("the refusal does not say the file was cut short:\n%s", msg)
	}
}
