package main

import (
	binenc "encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Damaged stores, fault 5: a store file cut short in its last page only
// (a copy that stopped just before its end): check and every export read
// all its records, from a copy padded to its full length, but summary,
// history and show refused it outright ("cut short: 100000 bytes of
// 106496"). They read it as check and the exports do, saying it is
// damaged, and leave the file and its folder as they were.
func TestReadersReadAStoreCutShortInItsLastPage(t *testing.T) {
	t.Parallel()
	const n = 12
	path, rs := storeWith(t, n)
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
	exp := exportTally(t, p, "ndjson")
	if exp.read == 0 {
		t.Fatalf("the export reads nothing of the store cut short: %v", exp)
	}
	os.Remove(p + ".damaged")
	if got := summaryTally(t, p); got.read != exp.read {
		t.Errorf("summary of the store cut short: %v; want the %d records the export read", got, exp.read)
	}
	os.Remove(p + ".damaged")
	if out, stderr, _ := runStoreCmd(t, p, (*app).summaryCmd, "--from", "2000-01-01", "--exact"); strings.Contains(out+stderr, ".digicheck-") || !strings.Contains(strings.Join(strings.Fields(stderr), " "), "cut short") {
		t.Errorf("summary names the padded copy, or does not say the store is cut short:\n%s\n%s", out, stderr)
	}
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"history", []string{rs[0].Patient.Value}, rs[0].ID.String()[:8]},
		{"show", []string{rs[0].ID.String()}, rs[0].Clinician},
	} {
		os.Remove(p + ".damaged")
		mk := (*app).historyCmd
		if c.name == "show" {
			mk = (*app).showCmd
		}
		out, stderr, err := runStoreCmd(t, p, mk, c.args...)
		if err != nil || !strings.Contains(out, c.want) {
			t.Errorf("%s of the store cut short = %v; want its records shown:\n%s\n%s", c.name, err, out, stderr)
		}
		if !strings.Contains(strings.Join(strings.Fields(stderr), " "), "cut short") || !strings.Contains(out, "DAMAGED STORE") {
			t.Errorf("%s does not say the store is cut short, on its output and on standard error:\n%s\n%s", c.name, out, stderr)
		}
		if strings.Contains(out+stderr, ".digicheck-") {
			t.Errorf("%s names the padded copy, not the store:\n%s\n%s", c.name, out, stderr)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(p), ".digicheck-*")); len(left) > 0 {
		t.Errorf("a padded copy was left behind: %v", left)
	}
	if fi, err := os.Stat(p); err != nil || fi.Size() != int64(used-100) {
		t.Errorf("the store cut short was changed: %v", err)
	}
}
