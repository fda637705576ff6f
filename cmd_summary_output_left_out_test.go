package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/store/packed"
)

// summary -o FILE wrote nothing where summary > FILE kept the summary: a
// store with a record that could not be read (its QI copy changed on
// disk) is summarised without it, the output saying RECORDS LEFT OUT, and
// the command fails so that the counts are never taken as complete; with
// -o the failure also threw the summary away ("nothing was written to
// FILE"). The file now holds what standard output would, in every format,
// and the command fails as it does without -o.
func TestSummaryToAFileKeepsASummaryThatLeftOutRecordsAsStandardOutputDoes(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 3)
	id := rs[1].ID.String()
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("records"))
		v := bytes.Clone(b.Get([]byte(id)))
		f, _, ok := packed.Facts(v)
		if !ok {
			return fmt.Errorf("record %s carries no facts", id)
		}
		v[bytes.Index(v, f)+2] ^= 1
		return b.Put([]byte(id), v)
	})
	_, fails := oneUnreadable("")
	for _, format := range []string{"table", "csv", "markdown", "json", "html"} {
		args := []string{"--exact", "--from", "2000-01-01", "--format", format}
		want, _, werr := runStoreCmd(t, path, (*app).summaryCmd, args...)
		if werr == nil || werr.Error() != fails || !strings.Contains(want, "RECORDS LEFT OUT") {
			t.Fatalf("--format %s to standard output: %v, want %q and the summary saying RECORDS LEFT OUT:\n%.600s", format, werr, fails, want)
		}
		dest := filepath.Join(t.TempDir(), "summary."+format)
		out, stderr, err := runStoreCmd(t, path, (*app).summaryCmd, append(args, "-o", dest)...)
		if err == nil || err.Error() != fails {
			t.Errorf("--format %s -o FILE: %v, want %q as without -o\n%s", format, err, fails, stderr)
		}
		if out != "" {
			t.Errorf("--format %s -o FILE wrote to standard output too:\n%.300s", format, out)
		}
		got, rerr := os.ReadFile(dest)
		if rerr != nil {
			t.Errorf("--format %s -o FILE wrote nothing: %v", format, rerr)
			continue
		}
		if format == "html" {
			// The page says when it was produced, to the minute.
			if !strings.Contains(string(got), "RECORDS LEFT OUT") {
				t.Errorf("the board report in the file does not say RECORDS LEFT OUT")
			}
			continue
		}
		if string(got) != want {
			t.Errorf("--format %s: the file differs from standard output:\n%.600s\nwant\n%.600s", format, got, want)
		}
		if ents, _ := os.ReadDir(filepath.Dir(dest)); len(ents) != 1 {
			t.Errorf("--format %s: %d files beside the summary, want it alone (no temporary left)", format, len(ents))
		}
	}
}
