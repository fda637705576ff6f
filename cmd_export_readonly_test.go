package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"digicheck/report"
)

// Damaged stores, item 6: a pseudonymised export of a store made by an
// earlier build, which has no secret of its own for fingerprints, wrote
// one into the store, though reading commands never write: a store on
// read-only media, a backup being examined, or a damaged store being read
// for what can be saved must come out of an export as it went in. Each
// format, byte for byte.
func TestAPseudonymisedExportOfAnEarlierBuildsStoreWritesNothingToIt(t *testing.T) {
	t.Parallel()
	orig, err := os.ReadFile(filepath.Join("testdata", "compat", "real-v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(t.TempDir(), "site.key")
	if err := report.NewKeyFile(key); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"csv", "ndjson", "fhir"} {
		t.Run(format, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			if err := os.WriteFile(path, orig, 0o600); err != nil {
				t.Fatal(err)
			}
			out, stderr, err := runStoreCmd(t, path, (*app).exportCmd, "--format", format, "--key-file", key)
			if err != nil || out == "" {
				t.Fatalf("export: %v\n%s", err, stderr)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, orig) {
				t.Errorf("a pseudonymised %s export changed the store's bytes", format)
			}
			// Exported twice, the fingerprints are the same: the secret
			// worked out, not kept, is the same each time.
			again, _, err := runStoreCmd(t, path, (*app).exportCmd, "--format", format, "--key-file", key)
			if err != nil || withoutSpanTimes(again) != withoutSpanTimes(out) {
				t.Errorf("a second %s export of the store differs from the first (%v)", format, err)
			}
		})
	}
}
