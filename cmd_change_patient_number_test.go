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

// TestAVoidOrAmendmentByThePatientsOwnNumberOrGivingANumberInItsReasonIsRefused:
// `void --clinician RX12345` of the patient whose local number is RX12345
// was taken, and the record said it was voided "by RX12345"; a reason
// holding an NHS number ("wrong patient, meant 943 476 5919") was kept in
// the record's free text. Both are refused as usage errors (exit status
// 2), never saying the digits back, with nothing saved; a name and a
// reason without a number are taken.
func TestAVoidOrAmendmentByThePatientsOwnNumberOrGivingANumberInItsReasonIsRefused(t *testing.T) {
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
	for _, c := range []struct {
		cmd, clinician, reason, want string
	}{
		{"void", "RX12345", "wrong patient", "the patient's own number"},
		{"amend", "rx-12345", "carer corrected", "the patient's own number"},
		{"void", "Dr Ada Test", "wrong patient, meant 943 476 5919", "no patient's number is kept in the reason"},
		{"amend", "Dr Ada Test", "carer rang from 07700 900123", "no patient's number is kept in the reason"},
	} {
		mk := (*app).voidCmd
		if c.cmd == "amend" {
			mk = (*app).amendCmd
		}
		a := &app{settings: site.Settings{DB: path, Team: "Ward 7"}}
		out, stderr, err := execute(a, mk, "", r.ID.String(), "--reason", c.reason, "--clinician", c.clinician)
		what := c.cmd + " by " + c.clinician + " because " + c.reason
		if err == nil {
			t.Errorf("%s was taken:\n%s%s", what, out, stderr)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v; want it to say %q", what, err, c.want)
		}
		if got := exitStatus(err); got != 2 {
			t.Errorf("%s: exit status %d, want 2 (a usage error)", what, got)
		}
		for _, digits := range []string{"476", "5919", "07700"} {
			if strings.Contains(err.Error()+out+stderr, digits) {
				t.Errorf("%s: the refusal says the digits %q back", what, digits)
			}
		}
	}
	st, err = store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cur, err := st.Current(r.ID); err != nil || cur.ID != r.ID {
		t.Errorf("a refused change was saved: the current version is %s (%v)", cur.ID, err)
	}
	out, stderr, err := runStoreCmd(t, path, (*app).voidCmd, r.ID.String(), "--reason", "wrong patient", "--clinician", "Dr Ada Test")
	if err != nil {
		t.Fatalf("void by a name: %v\n%s%s", err, out, stderr)
	}
	if cur, _ := st.Current(r.ID); cur.Status != record.EnteredInError || cur.Clinician != "Dr Ada Test" {
		t.Errorf("void by a name: %s by %q", cur.Status, cur.Clinician)
	}
}
