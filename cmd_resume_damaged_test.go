package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/site"
	"digicheck/store"
)

// Damaged stores, fault 7: a sound draft on a store found damaged was
// offered but could not be resumed ("Not resumed: … is damaged"), and
// nothing said what to do instead: the patient was asked everything
// again, or the assessment dropped. It is resumed, read from the store,
// which is not written: its answers go to a file beside the store, as a
// new assessment's do.
func TestASoundDraftOnADamagedStoreIsResumedIntoAFile(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 0)
	if out, err := runNewPiped(t, path, strings.Join(append(pipedPatient, pipedAccess...), "\n")+"\n"); err == nil {
		t.Fatalf("half an assessment ended without an error:\n%s", out)
	}
	if err := os.WriteFile(store.DamageNote(path), []byte("the store failed its checks\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := append([]string{"2", "3"}, pipedRest...)
	lines = append(append(lines, declineShown(5)...), "1", "2") // save; no other
	outs, errs, err := execute(&app{settings: site.Settings{DB: path}}, newFromInput, strings.Join(lines, "\n")+"\n", "--drafts-from-input")
	out := outs + errs
	if err == nil {
		t.Errorf("an assessment the damaged store did not save ended without an error:\n%s", out)
	}
	if strings.Contains(out, "Not resumed") {
		t.Errorf("the sound draft was not resumed:\n%s", out)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Errorf("the damaged store was written to")
	}
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "digicheck-not-saved-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files keep the resumed assessment; want 1:\n%s", len(kept), out)
	}
	// The draft's answers (access, kept before) with those given now.
	b := fileBytes(t, kept[0])
	for _, want := range []string{"943 476 5919", "Access", "Skills", "discard that draft"} {
		if !strings.Contains(b, want) {
			t.Errorf("the kept file lacks %q:\n%s", want, b)
		}
	}
}
