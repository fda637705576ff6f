package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestKeepServerOverThisMachinesLoneVoidListsTheVoidNotKept: A voided an
// assessment offline (nothing amended before the void) while B amended
// it; B's push went first, and A settled --keep-server. The settle said
// only that A's versions were set aside: nothing said that Nurse Al's
// void was undone, or why it had been made, though the docs say a void
// set aside by --keep-server is listed, by whom and why, as a void undone
// by --keep-mine --undo-void is. It is now listed under "Not kept".
func TestKeepServerOverThisMachinesLoneVoidListsTheVoidNotKept(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	A, B, first := sentAndRead(t, srv)
	onB := amendOn(t, B.st, first, "amended on B", "Nurse Bea")
	B.pushes(t)
	void := voidOn(t, A.st, first.ID, "Nurse Al")
	a := A.app
	A.meetsConflict(t)
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", shortOf(A.st, void.ID), "--keep-server")
	if err != nil {
		t.Fatalf("--keep-server: %v\n%s%s", err, out, stderr)
	}
	if testing.Verbose() {
		t.Logf("--keep-server:\n%s%s", out, stderr)
	}
	said := flat(out + stderr)
	for _, want := range []string{"Not kept", "Void (undone by this settle)", "none: the assessment counts", shortOf(A.st, void.ID), "Nurse Al", "wrong patient"} {
		if !strings.Contains(said, want) {
			t.Errorf("the settle does not say %q:\n%s", want, out)
		}
	}
	if cur, err := A.st.Current(first.ID); err != nil || cur.AmendReason != onB.AmendReason {
		t.Errorf("A's current version is %s (%v), not B's", cur.ID, err)
	}
}
