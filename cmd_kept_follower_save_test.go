package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestADraftKeptWhileASaveRunsDoesNotBringBackTheFileTheSaveRemoved: after
// a refused save, each draft kept writes the file of the answers again. A
// draft kept while the next save ran (a referral's answer changed and s
// pressed at once: two commands, each on its own) wrote the file again
// after the save that succeeded had removed it, so an assessment saved in
// the store had a file beside it saying it was not saved, to be entered
// again. A draft kept during a save now waits for it, and finds the file
// no longer followed.
func TestADraftKeptWhileASaveRunsDoesNotBringBackTheFileTheSaveRemoved(t *testing.T) {
	t.Parallel()
	id, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "digicheck-not-saved-"+id.String()+".txt")
	body := []byte("the answers as the refused save kept them\n")
	if err := os.WriteFile(path, body, 0o600); err != nil {
		t.Fatal(err)
	}
	d := assess.Draft{Patient: record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}, Clinician: "Dr A"}
	refusedAs.Store(id, d)
	t.Cleanup(func() { refusedAs.Delete(id) })

	f := &keptFollower{}
	refused := keptError{path: path, err: errors.New("the store is in use by another program")}
	if err := f.saving(id, func() error { return refused }); !errors.Is(err, refused.err) {
		t.Fatalf("the refused save's error was not returned: %v", err)
	}

	kept := make(chan struct{})
	err = f.saving(id, func() error {
		// The save succeeds: the store removes the file, and a draft
		// is kept before the save returns.
		if err := os.Remove(path); err != nil {
			t.Error(err)
		}
		go func() {
			f.draft(nil, id, &store.Draft{Draft: d}, questionnaire.Directory{})
			close(kept)
		}()
		select {
		case <-kept:
		case <-time.After(300 * time.Millisecond):
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	<-kept
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the file of an assessment saved in the store is back beside it after a draft kept during the save (stat: %v)", err)
	}
}
