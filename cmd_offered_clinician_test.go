package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/site"
)

// TestASiteConfigsClinicianHoldingAPatientsNumberIsNeverOffered: the site
// config's clinician is offered on the first screen of a new assessment
// and a follow-up, read out whole ("type your name, or = for ..."); one
// holding a patient's number would be said back on every assessment and
// could be taken as who assessed. It is refused before anything is asked,
// as a usage error (exit status 2) that never says the digits back.
func TestASiteConfigsClinicianHoldingAPatientsNumberIsNeverOffered(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "d.db")
	input := "1\n9434765919\nAda Lee\n\n"
	a := &app{settings: site.Settings{DB: path, Clinician: "Nurse 401 023 2137"}}
	out, errs, err := execute(a, (*app).newCmd, input)
	if err == nil {
		t.Fatalf("a new assessment began with the config's clinician holding an NHS number offered:\n%s%s", out, errs)
	}
	if got := exitStatus(err); got != 2 {
		t.Errorf("exit status %d, want 2 (a usage error): %v", got, err)
	}
	if !strings.Contains(err.Error(), "site config's clinician") {
		t.Errorf("the refusal does not say it is the site config's clinician: %v", err)
	}
	// The store's path, made of random digits, is no digit the clinician typed.
	said := strings.ReplaceAll(err.Error()+out+errs, dir, "DIR")
	for _, digits := range []string{"401", "023", "2137"} {
		if strings.Contains(said, digits) {
			t.Errorf("the refusal says the digits %q back:\n%s", digits, said)
		}
	}

	ok := &app{settings: site.Settings{DB: path, Clinician: "Nurse Ada Lee"}}
	out, errs, _ = execute(ok, (*app).newCmd, input)
	if strings.Contains(out+errs, "site config's clinician") {
		t.Errorf("a config clinician with a plain name was refused:\n%s%s", out, errs)
	}
}
