package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/store"
)

// cutShortReadable cuts the store file at path short by whole pages, as a
// copy that stopped or a full disk cuts the end of a file, by as little as
// makes it shorter than its header gives, so that what is left is still
// read (from a copy made whole with blank pages) as a store.
func cutShortReadable(t *testing.T, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const ps = 4096
	for cut := int64(len(raw)) - ps; cut > 2*ps; cut -= ps {
		if err := os.WriteFile(path, raw[:cut], 0o600); err != nil {
			t.Fatal(err)
		}
		if _, torn, ok, _ := store.OpenCutShort(path); ok {
			torn.Close()
			return
		}
	}
	t.Fatal("no length cut short leaves the store readable")
}

// A summary of a store file cut short said so only on standard error: the
// output itself, redirected to a file and published, carried counts with
// no word of damage (a store with 3 of 5 assessments lost read
// "Assessments counted 2"), though one read from a store check had found
// damaged carries DAMAGED STORE. The caveat follows what the summary
// itself found, in every format, with no note beside the store.
func TestASummaryOfAStoreCutShortCarriesItsCaveatInTheOutputItself(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 30)
	cutShortReadable(t, path)
	for _, c := range []struct {
		format string
		exact  bool
	}{{"table", true}, {"table", false}, {"markdown", true}, {"csv", true}, {"csv", false}, {"json", true}, {"json", false}} {
		args := []string{"--format", c.format}
		if c.exact {
			args = append(args, "--exact", "--from", "2000-01-01")
		}
		_ = os.Remove(store.DamageNote(path)) // only what the summary finds
		out, _, _ := runStoreCmd(t, path, (*app).summaryCmd, args...)
		if _, err := os.Stat(store.DamageNote(path)); err == nil {
			t.Fatalf("summary %v left a note beside the store: the test needs none", args)
		}
		if !strings.Contains(strings.ToUpper(out), "DAMAGED STORE") {
			t.Errorf("summary %v of a store cut short carries no DAMAGED STORE caveat in its output:\n%.800s", args, out)
		}
		switch c.format {
		case "csv":
			// On every row, as the other banners.
			for _, l := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
				if !strings.Contains(strings.ToUpper(l), "DAMAGED STORE") {
					t.Errorf("summary %v: a row lacks the caveat: %s", args, l)
					break
				}
			}
		case "json":
			var js struct{ Caveats []string }
			if err := json.Unmarshal([]byte(out), &js); err != nil {
				t.Fatalf("summary %v: %v", args, err)
			}
			if !strings.Contains(strings.Join(js.Caveats, "\n"), "DAMAGED STORE") {
				t.Errorf("summary %v: caveats %q", args, js.Caveats)
			}
		}
		// With disclosure control the store is described, not named
		// by its path (which may name a patient); --exact names it.
		if named := strings.Contains(out, filepath.Dir(path)); named != c.exact {
			t.Errorf("summary %v names the store by its path: %v\n%.800s", args, named, out)
		}
	}
}
