package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// TestVersionsSetAsideWithOneServerAreNotSaidNeverSent (issue 13): the
// laptop sent its amendment to server B, then met the ward's amendment on
// server A and kept A's version. Settling said the laptop's versions were
// "kept here, never sent, never counted", and each push to A that they
// were "kept here and never sent", of a version B holds as current. What
// is said is true for each server: not sent to this one.
func TestVersionsSetAsideWithOneServerAreNotSaidNeverSent(t *testing.T) {
	t.Setenv("COLUMNS", "80")
	A, B := fhirserver.Start(t), fhirserver.Start(t)
	laptop, lst, first := agreedToEverything(t)
	pushWith(t, A.Base, lst)
	pushWith(t, B.Base, lst)
	mine := first
	mine.ID, mine.Amends, mine.AmendReason, mine.Clinician = record.ID{}, first.ID, "amended on the laptop", "Dr Lap"
	if err := lst.Amend(&mine); err != nil {
		t.Fatal(err)
	}
	pushWith(t, B.Base, lst)
	wardPath := filepath.Join(t.TempDir(), "ward.db")
	if _, stderr, err := runStoreCmd(t, wardPath, (*app).historyCmd, first.Patient.Value, "--server", A.Base); err != nil {
		t.Fatalf("history on the ward: %v\n%s", err, stderr)
	}
	wst, err := store.Open(wardPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ward := first
	ward.ID, ward.Amends, ward.AmendReason, ward.Clinician = record.ID{}, first.ID, "amended on the ward", "Sister Okafor"
	if err := wst.Amend(&ward); err != nil {
		t.Fatal(err)
	}
	pushWith(t, A.Base, wst)
	a := &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: A.Base}}}}
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's push to A met no conflict")
	}
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", mine.ID.String()[:13], "--keep-server")
	if err != nil {
		t.Fatalf("keep-server on A: %v\n%s%s", err, out, stderr)
	}
	said := map[string]string{"settling with A": out + stderr}
	out, stderr, err = execute(a, (*app).pushCmd, "")
	if err != nil {
		t.Fatalf("push to A: %v\n%s%s", err, out, stderr)
	}
	said["the next push to A"] = out + stderr
	for when, text := range said {
		flat := strings.Join(strings.Fields(text), " ")
		if strings.Contains(flat, "never sent") {
			t.Errorf("%s says the laptop's versions were never sent, and B holds its amendment %s:\n%s", when, mine.ID.String()[:13], text)
		}
		if !strings.Contains(flat, "not sent to this server") {
			t.Errorf("%s does not say the versions set aside are not sent to this server:\n%s", when, text)
		}
	}
}
