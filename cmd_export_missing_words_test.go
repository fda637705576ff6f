package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An export of a store holding records that no readable page holds, and
// that no readable part of the patient index names, warned that "each
// record named lost is exported as an unreadable line or row in its
// place", where none was named and none had a line, and, with -o, that
// "the export holds only the records found", where nothing was written at
// all: the read ends short of the store's count, and a file is never put
// in place incomplete. What it says is now what happens.
func TestAnExportOfRecordsNoPageHoldsSaysWhatItWillDo(t *testing.T) {
	t.Parallel()
	p := storeMissingRecords(t, 300)
	for _, format := range []string{"csv", "ndjson"} {
		for _, toFile := range []bool{false, true} {
			os.Remove(p + ".damaged")
			args := []string{"--format", format, "--identifiable"}
			o := filepath.Join(t.TempDir(), "x."+format)
			if toFile {
				args = append(args, "-o", o)
			}
			out, stderr, err := runStoreCmd(t, p, (*app).exportCmd, args...)
			said := strings.Join(strings.Fields(stderr), " ")
			if err == nil {
				t.Fatalf("%s -o=%v: the export ended as if whole:\n%s", format, toFile, said)
			}
			if strings.Contains(said, "named lost is exported") || strings.Contains(said, "unreadable line or row in its place") {
				t.Errorf("%s -o=%v: says records named lost get an unreadable line, where none is named:\n%s", format, toFile, said)
			}
			if !strings.Contains(said, "no line or row in the export") {
				t.Errorf("%s -o=%v: does not say the records lost have no line or row:\n%s", format, toFile, said)
			}
			if toFile {
				if _, serr := os.Stat(o); serr == nil {
					t.Errorf("%s: the export was put in place", format)
				}
				if strings.Contains(said, "the export holds") || !strings.Contains(said, "nothing will be written to "+o) {
					t.Errorf("%s -o: does not say nothing will be written:\n%s", format, said)
				}
				continue
			}
			if recordID.FindString(out) == "" {
				t.Errorf("%s: no record written to standard output", format)
			}
			if !strings.Contains(said, "the export holds only the records found") || !strings.Contains(said, "will fail at the end") {
				t.Errorf("%s: does not say what the export holds and that it fails at the end:\n%s", format, said)
			}
		}
	}
}
