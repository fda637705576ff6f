package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// TestAVoidOrAmendmentWhoseReasonHoldsThePatientsOwnLocalNumberIsRefused:
// `void --reason "RX12345 entered twice"` of the patient whose local
// number is RX12345 was kept, as a reason holding an NHS number no longer
// is. A reason holding the patient's own number, in any case or spacing,
// is refused as a usage error (exit status 2), never saying it back, and
// nothing is saved; a reason naming another number is taken.
func TestAVoidOrAmendmentWhoseReasonHoldsThePatientsOwnLocalNumberIsRefused(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil))
	r.Patient = record.PatientID{Kind: record.LocalID, Value: "RX12345"}
	if err := st.Save(&r); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ cmd, reason string }{
		{"void", "RX12345 entered twice"},
		{"void", "wrong patient, not rx 12345"},
		{"amend", "carer says Rx-12345 is hers"},
	} {
		mk := (*app).voidCmd
		if c.cmd == "amend" {
			mk = (*app).amendCmd
		}
		a := &app{settings: site.Settings{DB: path, Team: "Ward 7"}}
		out, stderr, err := execute(a, mk, "", r.ID.String(), "--reason", c.reason, "--clinician", "Dr Ada Test")
		what := c.cmd + " because " + c.reason
		if err == nil {
			t.Errorf("%s was taken:\n%s%s", what, out, stderr)
			continue
		}
		if !strings.Contains(err.Error(), "the patient's own number") || !strings.Contains(err.Error(), "--reason") {
			t.Errorf("%s: %v; want it to say the reason holds the patient's own number", what, err)
		}
		if got := exitStatus(err); got != 2 {
			t.Errorf("%s: exit status %d, want 2 (a usage error)", what, got)
		}
		if strings.Contains(err.Error()+out+stderr, "12345") {
			t.Errorf("%s: the refusal says the number back", what)
		}
	}
	if cur, err := st.Current(r.ID); err != nil || cur.ID != r.ID {
		t.Errorf("a refused change was saved: the current version is %s (%v)", cur.ID, err)
	}
	out, stderr, err := runStoreCmd(t, path, (*app).voidCmd, r.ID.String(), "--reason", "meant RX54321", "--clinician", "Dr Ada Test")
	if err != nil {
		t.Fatalf("void naming another number: %v\n%s%s", err, out, stderr)
	}
	if cur, _ := st.Current(r.ID); cur.Status != record.EnteredInError || cur.VoidReason != "meant RX54321" {
		t.Errorf("void naming another number: %s because %q", cur.Status, cur.VoidReason)
	}
}
