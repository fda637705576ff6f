package main

import (
	"strings"
	"testing"

	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// TestAPatientsNumberInTheClinicianOfAVoidOrAnAmendmentIsRefused: the
// clinician box of the screens refuses a name holding a run of ten or more
// digits (O read as 0, I or l as 1), calling it an NHS number where the
// check digit passes, and never says the digits back; `void --clinician`
// and `amend --clinician` took "Ada Smith 401 023 2137" and kept the
// patient's number as who made the change. Both refuse it now, as a usage
// error (exit status 2), without the digits and with nothing saved; so is
// a site config's clinician that holds one. At the boundary, a name with
// nine digits in a row is taken.
func TestAPatientsNumberInTheClinicianOfAVoidOrAnAmendmentIsRefused(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	for _, c := range []struct {
		cmd, clinician, config, want string
	}{
		{"void", "Ada Smith 401 023 2137", "", "looks like an NHS number"},
		{"amend", "Ada Smith 401 023 2137", "", "looks like an NHS number"},
		{"void", "Ada Smith 4O1-O23-2l37", "", "looks like an NHS number"},
		{"amend", "Dr Ada 4010232137", "", "looks like an NHS number"},
		{"void", "Ada Smith 07700 900123", "", "10 or more digits in a row"},
		{"amend", "Ada Smith 07700 900123", "", "10 or more digits in a row"},
		{"void", "", "Nurse 401 023 2137", "site config's clinician"},
		{"amend", "", "Nurse 401 023 2137", "site config's clinician"},
	} {
		args := []string{rs[0].ID.String(), "--reason", "wrong patient"}
		if c.clinician != "" {
			args = append(args, "--clinician", c.clinician)
		}
		mk := (*app).voidCmd
		if c.cmd == "amend" {
			mk = (*app).amendCmd
		}
		a := &app{settings: site.Settings{DB: path, Team: "Ward 7", Clinician: c.config}}
		out, stderr, err := execute(a, mk, "", args...)
		what := c.cmd + " by " + c.clinician + c.config
		if err == nil {
			t.Errorf("%s was taken:\n%s%s", what, out, stderr)
			continue
		}
		if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "not a clinician's name") {
			t.Errorf("%s: %v; want it to say %q and that it is not a clinician's name", what, err, c.want)
		}
		if got := exitStatus(err); got != 2 {
			t.Errorf("%s: exit status %d, want 2 (a usage error)", what, got)
		}
		said := err.Error() + out + stderr
		for _, digits := range []string{"401", "023", "2137", "4O1", "2l37", "07700", "900123"} {
			if strings.Contains(said, digits) {
				t.Errorf("%s: the refusal says the digits %q back:\n%s", what, digits, said)
			}
		}
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cur, err := st.Current(rs[0].ID); err != nil || cur.ID != rs[0].ID {
		t.Errorf("a refused change was saved: the current version is %s (%v)", cur.ID, err)
	}
	if ds, err := st.ListDrafts(0); err != nil || len(ds) != 0 {
		t.Errorf("a refused amendment left %d draft(s) (%v)", len(ds), err)
	}

	out, stderr, err := runStoreCmd(t, path, (*app).voidCmd, rs[0].ID.String(), "--reason", "wrong patient", "--clinician", "Ada Smith bay 123456789")
	if err != nil {
		t.Fatalf("void by a name with nine digits in a row: %v\n%s%s", err, out, stderr)
	}
	st, err = store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cur, _ := st.Current(rs[0].ID); cur.Status != record.EnteredInError || cur.Clinician != "Ada Smith bay 123456789" {
		t.Errorf("void by a name with nine digits in a row: %s by %q", cur.Status, cur.Clinician)
	}
}

// TestARefusedReasonOrClinicianIsAUsageError: what the command line gives
// wrong is told apart from a failure by its exit status, 2, as for the
// clinician holding a number; a blank --clinician and a blank --reason
// are refused so too, and a failure after the flags (no such record) is
// not.
func TestARefusedReasonOrClinicianIsAUsageError(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	for _, c := range []struct {
		args   []string
		status int
	}{
		{[]string{rs[0].ID.String(), "--reason", " "}, 2},
		{[]string{rs[0].ID.String(), "--reason", "wrong patient", "--clinician", " "}, 2},
		{[]string{rs[0].ID.String(), "--reason", "wrong patient", "--clinician", "1"}, 2},
		{[]string{"ffffffff", "--reason", "wrong patient", "--clinician", "Ada Smith"}, 1},
	} {
		_, _, err := runStoreCmd(t, path, (*app).voidCmd, c.args...)
		if err == nil {
			t.Errorf("void %q was taken", c.args)
			continue
		}
		if got := exitStatus(err); got != c.status {
			t.Errorf("void %q: %v: exit status %d, want %d", c.args, err, got, c.status)
		}
	}
}
