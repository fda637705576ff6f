package main

import (
	"os"
	"strings"
	"testing"
)

// Damaged stores, re-test fault 7: the CSV export and summary cut the
// reason for a record left out mid-word, as a damaged key is cut, with a
// byte count after it: "(checksum diffe"… (67 bytes)". A reason is said
// whole, in words, as NDJSON and FHIR say it.
func TestAReasonForARecordLeftOutIsNeverCutMidWord(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 3)
	rb := readRecordBytes(t, path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	v := rb.vals[1]
	b[v[0]+v[1]/2] ^= 1 // inside the record, past its head
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range [][]string{{"export", "csv"}, {"summary"}} {
		os.Remove(path + ".damaged")
		var stderr string
		if c[0] == "summary" {
			_, stderr, _ = runStoreCmd(t, path, (*app).summaryCmd, "--from", "2000-01-01", "--exact")
		} else {
			_, stderr, _ = runStoreCmd(t, path, (*app).exportCmd, "--format", c[1], "--identifiable")
		}
		said := strings.Join(strings.Fields(stderr), " ")
		named, _ := oneUnreadable(c[len(c)-1])
		_, line, ok := strings.Cut(said, named+rs[1].ID.String()+": ")
		if !ok {
			t.Errorf("%v does not name the record left out:\n%s", c, stderr)
			continue
		}
		if !strings.Contains(line, "its stored bytes are not those it was saved with (checksum differs)") || strings.Contains(line, "…") || strings.Contains(line, "bytes)") {
			t.Errorf("%v says of the record left out %q; want the reason whole, in words", c, line)
		}
	}
}
