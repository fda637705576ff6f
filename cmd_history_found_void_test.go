package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestHistoryThatFindsTheConflictNamesTheVoidInItsWarningAndListing: the
// same as TestHistoryWarningNamesTheVoidInConflict when history, not
// push, finds the conflict: its warning named the amendment as current
// here only and offered --resolve on it, while its listing named the
// void and offered --keep-mine without --void-server-version, which
// push --resolve asks for when a void is kept over another machine's
// version. One run, one story: the void, and the commands that settle a
// void's conflict, in both.
func TestHistoryThatFindsTheConflictNamesTheVoidInItsWarningAndListing(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	a, _, lst, first, onLaptop := offlineLaptopAt(t, laptop)
	void, err := lst.Void(onLaptop.ID, store.Voiding{Reason: "wrong patient", Clinician: "Nurse Bea"})
	if err != nil {
		t.Fatal(err)
	}
	out, stderr, err := execute(a, (*app).historyCmd, "", first.Patient.Value)
	if err != nil {
		t.Fatalf("history: %v\n%s%s", err, out, stderr)
	}
	amend, voidID := onLaptop.ID.String()[:13], void.ID.String()[:13]
	named := map[string]string{"warning": "void " + voidID, "listing": voidID + ", this machine's void"}
	for what, text := range map[string]string{"warning": stderr, "listing": out} {
		said := strings.Join(strings.Fields(text), " ")
		if strings.Contains(said, "amendment "+amend) || strings.Contains(said, "--resolve "+amend) {
			t.Errorf("history's %s names the amendment %s, not the void %s in conflict:\n%s", what, amend, voidID, text)
		}
		for _, want := range []string{named[what], "--resolve " + voidID, "--keep-mine --void-server-version", "--keep-server"} {
			if !strings.Contains(said, want) {
				t.Errorf("history's %s does not say %q:\n%s", what, want, text)
			}
		}
	}
}
