package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestHistoryWarningNamesTheVoidInConflict: the laptop amended an
// assessment offline, then voided its amendment, while the ward's
// amendment reached the server first. history listed the void as this
// machine's version in conflict, yet its warning named the amendment as
// current here only, and offered --resolve on the amendment: one history
// run told two things. The warning names the void, and the commands that
// settle a void's conflict.
func TestHistoryWarningNamesTheVoidInConflict(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	a, srv, lst, first, onLaptop := offlineLaptopAt(t, laptop)
	void, err := lst.Void(onLaptop.ID, store.Voiding{Reason: "wrong patient", Clinician: "Nurse Bea"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("push: the void over the ward's amendment met no conflict")
	}
	out, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base)
	if err != nil {
		t.Fatalf("history: %v\n%s%s", err, out, stderr)
	}
	amend, voidID := onLaptop.ID.String()[:13], void.ID.String()[:13]
	warn := strings.Join(strings.Fields(stderr), " ")
	if strings.Contains(warn, "amendment "+amend) || strings.Contains(warn, "--resolve "+onLaptop.ID.String()) {
		t.Errorf("history's warning names the amendment %s, not the void %s in conflict:\n%s", amend, voidID, stderr)
	}
	for _, want := range []string{"void " + voidID, "--resolve " + voidID, "--keep-mine --void-server-version", "--keep-server"} {
		if !strings.Contains(warn, want) {
			t.Errorf("history's warning does not say %q:\n%s", want, stderr)
		}
	}
	// Run again, the listing and the warning still agree on the void.
	out, stderr, err = runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base)
	if err != nil {
		t.Fatalf("history again: %v\n%s%s", err, out, stderr)
	}
	all := strings.Join(strings.Fields(out+stderr), " ")
	if strings.Contains(all, "amendment "+amend+" is current here only") || strings.Contains(all, "IN CONFLICT: "+amend) {
		t.Errorf("history run again names the amendment as the version in conflict:\n%s%s", out, stderr)
	}
}
