package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/report"
	"digicheck/site"
)

// flipSecretBit flips one bit of the store's own secret (the meta
// bucket's source value, which pseudonymised exports fingerprint their
// records with), as a failing disk would.
func flipSecretBit(t *testing.T, path string) {
	t.Helper()
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		m := tx.Bucket([]byte("meta"))
		v := bytes.Clone(m.Get([]byte("source")))
		v[3] ^= 0x10
		return m.Put([]byte("source"), v)
	})
}

// Damaged stores: one bit flipped in the store's own secret left the
// first pseudonymised export of the store (csv, ndjson, fhir) saying only
// "Exported ...", its file unmarked and its fingerprints silently empty;
// only a second export warned and marked its file. The first now says on
// standard error, in plain words, that the records carry no fingerprints
// and why that matters, and marks its file as made from a damaged store.
// A summary of it beside an earlier export of the same store made with
// another key (which has fingerprints) counted every assessment twice,
// exit 0: it is now refused, saying why.
func TestTheFirstExportOfAStoreWhoseSecretIsDamagedSaysSoAndIsMarked(t *testing.T) {
	t.Parallel()
	for _, format := range []string{"csv", "ndjson", "fhir"} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			path, _ := storeWith(t, 3)
			dir := t.TempDir()
			before := filepath.Join(dir, "before."+format)
			settings := site.Settings{DB: path, Team: "Ward 7"}
			if _, stderr, err := runReportCmd(t, settings, (*app).exportCmd, "--format", format, "--key-file", siteKey(t), "-o", before); err != nil {
				t.Fatalf("export of the sound store: %v\n%s", err, stderr)
			}
			flipSecretBit(t, path)
			after := filepath.Join(dir, "after."+format)
			_, stderr, err := runReportCmd(t, settings, (*app).exportCmd, "--format", format, "--key-file", siteKey(t), "-o", after)
			if err != nil {
				t.Fatalf("export of the store with its secret damaged: %v\n%s", err, stderr)
			}
			said := strings.Join(strings.Fields(stderr), " ")
			for _, want := range []string{"warning:", "secret", "no fingerprints", "counted twice"} {
				if !strings.Contains(said, want) {
					t.Errorf("the first export of a store whose secret is damaged does not say %q:\n%s", want, stderr)
				}
			}
			b, rerr := os.ReadFile(after)
			if rerr != nil {
				t.Fatal(rerr)
			}
			mark := report.DamagedColumn
			if format == "fhir" {
				mark = `"damaged-store"`
			}
			if !strings.Contains(string(b), mark) {
				t.Errorf("the first %s export of a store whose secret is damaged carries no %s mark:\n%s", format, mark, b)
			}
			if format == "fhir" {
				return // summary reads csv and ndjson
			}
			_, stderr, err = runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--exact", "--format", "csv", before, after)
			said = strings.Join(strings.Fields(stderr+errText(err)), " ")
			if err == nil || !strings.Contains(said, "no fingerprints") || !strings.Contains(said, "counted twice") {
				t.Errorf("summary of an export with fingerprints and one without under another key: %v; want it refused, saying why:\n%s", err, said)
			}
		})
	}
}
