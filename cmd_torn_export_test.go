package main

import (
	binenc "encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/report"
)

// Damaged stores, fault 6: a copy of a store cut short (a copy that
// stopped, a full disk) was refused whole: a file missing only part of a
// page it no longer used exported nothing, as did one cut anywhere. The
// export reads what the file still holds, as if the missing part were a
// damaged one: every record on the pages that are there is exported, the
// export is marked as made from a damaged store, and those lost are
// counted and named, as any lost page's are. (A file cut where the pages
// that lead to everything were is still refused: nothing can be found.)
func TestAnExportOfAStoreCutShortHoldsWhatIsLeft(t *testing.T) {
	t.Parallel()
	const n = 12
	path, _ := storeWith(t, n)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// How long the newer meta page says the file is: its pages (the
	// high-water mark) of its page size.
	le := binenc.LittleEndian
	ps := int(le.Uint32(b[24:]))
	used := 0
	if le.Uint64(b[ps+64:]) > le.Uint64(b[64:]) {
		used = int(le.Uint64(b[ps+56:])) * ps
	} else {
		used = int(le.Uint64(b[56:])) * ps
	}
	for _, c := range []struct {
		name string
		size int
	}{
		{"its last page cut", used - 100},
		{"its last two pages cut", used - ps - 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "torn.db")
			if err := os.WriteFile(p, b[:c.size], 0o600); err != nil {
				t.Fatal(err)
			}
			for _, format := range []string{"csv", "ndjson"} {
				os.Remove(p + ".damaged")
				out, stderr, err := runStoreCmd(t, p, (*app).exportCmd, "--format", format, "--identifiable")
				got := exportTally(t, p, format)
				if left, _ := filepath.Glob(filepath.Join(filepath.Dir(p), ".digicheck-*")); len(left) > 0 {
					t.Errorf("%s export left its padded copy behind: %v", format, left)
				}
				if got.read == 0 {
					t.Errorf("%s export of a store cut short holds no record: %v\n%s", format, err, stderr)
					continue
				}
				if len(got.twice) > 0 || got.read+got.lost > n {
					t.Errorf("%s export: %v, of %d records", format, got, n)
				}
				if !strings.Contains(strings.SplitN(out, "\n", 2)[0], report.DamagedColumn) {
					t.Errorf("%s export of a store cut short is not marked as made from a damaged store (%v):\n%s\n%s", format, err, strings.SplitN(out, "\n", 2)[0], stderr)
				}
				if !strings.Contains(stderr, "cut short") {
					t.Errorf("%s export does not say the store is cut short:\n%s", format, stderr)
				}
			}
			// check counts what the exports read.
			os.Remove(p + ".damaged")
			exp := exportTally(t, p, "ndjson")
			if got := checkTally(t, p); got.read != exp.read || got.failed == "" {
				t.Errorf("check of the store cut short: %v; want what the export read (%v), and a verdict of damage", got, exp)
			}
			if fi, err := os.Stat(p); err != nil || fi.Size() != int64(c.size) {
				t.Errorf("the store cut short was changed: %v", err)
			}
		})
	}
}
