package main

import (
	"os"
	"strings"
	"testing"
)

// Damaged stores, fault 8: one bit of a record's stored bytes flipped.
// CSV and summary said it "cannot be summarised: "the record that carries
// them does not match its checksum"", NDJSON and FHIR that "its stored
// bytes are not those it was saved with": two wordings of one finding,
// which a QI lead comparing the outputs took for two faults. Every output
// words it alike.
func TestEveryOutputWordsAChecksumMismatchAlike(t *testing.T) {
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
	const want = "its stored bytes are not those it was saved with"
	for _, c := range [][]string{{"export", "csv"}, {"export", "ndjson"}, {"export", "fhir"}, {"summary"}} {
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
		if !strings.Contains(line, want) || strings.Contains(line, "does not match its checksum") {
			t.Errorf("%v says of the record left out %q; want %q, as every output says it", c, line, want)
		}
	}
}
