package main

import (
	"strings"
	"testing"

	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// TestAVoidWithoutClinicianIsRefusedNeverPutDownToTheLogin: `void ID
// --reason ...` without --clinician was recorded as done by the site
// config's clinician, else by the computer's login name: on a shared ward
// workstation, whoever was logged in, never the person who marked it.
// As the assessment's clinician box is typed and never filled from the
// login, a void without --clinician is now refused as a usage error (exit
// status 2), saying how to name who is marking it (and the site config's
// clinician as the name to give, where it names one), and nothing is
// saved; with --clinician it is theirs.
func TestAVoidWithoutClinicianIsRefusedNeverPutDownToTheLogin(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	for _, config := range []string{"", "Nurse C Config"} {
		a := &app{settings: site.Settings{DB: path, Team: "Ward 7", Clinician: config}}
		out, stderr, err := execute(a, (*app).voidCmd, "", rs[0].ID.String(), "--reason", "wrong patient")
		if err == nil {
			t.Errorf("config clinician %q: a void without --clinician was taken:\n%s%s", config, out, stderr)
			continue
		}
		if got := exitStatus(err); got != 2 {
			t.Errorf("config clinician %q: exit status %d, want 2 (a usage error)", config, got)
		}
		if !strings.Contains(err.Error(), `--clinician "`) {
			t.Errorf("config clinician %q: %v; want it to say how to give the name", config, err)
		}
		if config != "" && !strings.Contains(err.Error(), `--clinician "`+config+`"`) {
			t.Errorf("config clinician %q: %v; want it to give the config's clinician as the name to type", config, err)
		}
		if login := currentUser(); login != "" && strings.Contains(err.Error(), login) && !strings.Contains(config, login) {
			t.Errorf("config clinician %q: %v; the login is offered", config, err)
		}
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cur, err := st.Current(rs[0].ID); err != nil || cur.ID != rs[0].ID {
		t.Fatalf("a refused void was saved: the current version is %s (%v)", cur.ID, err)
	}
	a := &app{settings: site.Settings{DB: path, Team: "Ward 7", Clinician: "Nurse C Config"}}
	if _, _, err := execute(a, (*app).voidCmd, "", rs[0].ID.String(), "--reason", "wrong patient", "--clinician", "Nurse C Config"); err != nil {
		t.Fatal(err)
	}
	st, _ = store.Open(path, store.Options{})
	if cur, _ := st.Current(rs[0].ID); cur.Status != record.EnteredInError || cur.Clinician != "Nurse C Config" {
		t.Errorf("void with --clinician: %s by %q", cur.Status, cur.Clinician)
	}
}
