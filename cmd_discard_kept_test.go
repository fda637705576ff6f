package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"

	"digicheck/record"
)

// Damaged stores, re-test fault 3: an assessment a damaged store refused
// had its answers kept in a file; the clinician then discarded it, twice
// told "all its answers will be lost", and was told at exit that "its
// answers were not kept", then that "the answers are kept in FILE", and to
// enter it again from that file. Discarded, its file goes with it: one
// true sentence, and nothing left to enter again.
func TestDiscardingARefusedAssessmentRemovesItsFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	id := record.ID(uuid.Must(uuid.NewV7()))
	other := record.ID(uuid.Must(uuid.NewV7()))
	mine := filepath.Join(dir, "digicheck-not-saved-"+id.String()+".txt")
	theirs := filepath.Join(dir, "digicheck-not-saved-"+other.String()+".txt")
	for _, p := range []string{mine, theirs} {
		if err := os.WriteFile(p, []byte("answers"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	kept := []string{theirs, mine}
	p := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	line := discardKept(stoppedOf{patient: p}, id, &kept)
	if _, err := os.Stat(mine); !os.IsNotExist(err) {
		t.Errorf("the discarded assessment's file is still there (%v); the clinician was told its answers were not kept", err)
	}
	if len(kept) != 1 || kept[0] != theirs {
		t.Errorf("kept = %q; want only the other assessment's file, still to be entered again", kept)
	}
	if _, err := os.Stat(theirs); err != nil {
		t.Errorf("another assessment's file was removed: %v", err)
	}
	if !strings.Contains(line, "Discarded") || !strings.Contains(line, "943 476 5919") || strings.Contains(line, "kept in") {
		t.Errorf("line = %q; want it discarded, named by patient, and no file left", line)
	}
}

// A file that cannot be removed is named, with what to do: the answers
// were not "not kept".
func TestADiscardedAssessmentsFileThatStaysIsNamed(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	id := record.ID(uuid.Must(uuid.NewV7()))
	mine := filepath.Join(dir, "digicheck-not-saved-"+id.String()+".txt")
	// A folder in its place: os.Remove of a folder that is not empty fails.
	if err := os.MkdirAll(filepath.Join(mine, "x"), 0o700); err != nil {
		t.Fatal(err)
	}
	kept := []string{mine}
	line := discardKept(stoppedOf{}, id, &kept)
	if strings.Contains(line, "not kept") || !strings.Contains(line, mine) || !strings.Contains(line, "delete") {
		t.Errorf("line = %q; want it to say the answers are still in %s, to delete", line, mine)
	}
	if len(kept) != 0 {
		t.Errorf("kept = %q; a discarded assessment is not one to enter again", kept)
	}
}
