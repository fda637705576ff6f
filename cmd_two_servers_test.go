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

// twoServersSetAside is the laptop of TestASecondServerHoldingAVersionSetAsideEndsOnTheFirstServersLine:
// it made an assessment and pushed it to servers A and B; it amended it
// offline while the ward amended it on A; the laptop's amendment went to B,
// then met the ward's on A as a conflict, settled there by keeping A's.
func twoServersSetAside(t *testing.T) (a *app, srvA, srvB string, first, mine, ward record.Record) {
	t.Helper()
	A, B := fhirserver.Start(t), fhirserver.Start(t)
	laptop, lst, first := agreedToEverything(t)
	pushWith(t, A.Base, lst)
	pushWith(t, B.Base, lst)
	wardPath := filepath.Join(t.TempDir(), "ward.db")
	wst, err := store.Open(wardPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runStoreCmd(t, wardPath, (*app).historyCmd, first.Patient.Value, "--server", A.Base); err != nil {
		t.Fatalf("history on the ward: %v\n%s", err, stderr)
	}
	if wst, err = store.Open(wardPath, store.Options{}); err != nil {
		t.Fatal(err)
	}
	ward = first
	ward.ID, ward.Amends, ward.AmendReason, ward.Clinician = record.ID{}, first.ID, "amended on the ward", "Sister Okafor"
	if err := wst.Amend(&ward); err != nil {
		t.Fatal(err)
	}
	pushWith(t, A.Base, wst)
	mine = first
	mine.ID, mine.Amends, mine.AmendReason, mine.Clinician = record.ID{}, first.ID, "amended on the laptop", "Dr Lap"
	if err := lst.Amend(&mine); err != nil {
		t.Fatal(err)
	}
	a = &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: A.Base}}}}
	if out, errs, err := execute(a, (*app).pushCmd, "", "--server", B.Base); err != nil {
		t.Fatalf("push to B: %v\n%s%s", err, out, errs)
	}
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's push to A met no conflict")
	}
	if out, errs, err := execute(a, (*app).pushCmd, "", "--resolve", mine.ID.String(), "--keep-server"); err != nil {
		t.Fatalf("keep-server on A: %v\n%s%s", err, out, errs)
	}
	return a, A.Base, B.Base, first, mine, ward
}

// TestASecondServerHoldingAVersionSetAsideEndsOnTheFirstServersLine: B
// holds as current the laptop's amendment that the clinician set aside
// when settling with A. --keep-server on B said "Settled" and changed
// nothing: the next push to B met the same conflict, endlessly, and A and
// B kept different current versions. A store keeps one line of versions
// per assessment, the one settled first: keeping B's version (the one set
// aside) is refused, saying why and what to run, and that command gives
// B the line A holds, so the next push is clean and both servers agree.
func TestASecondServerHoldingAVersionSetAsideEndsOnTheFirstServersLine(t *testing.T) {
	a, srvA, srvB, first, mine, ward := twoServersSetAside(t)
	if _, _, err := execute(a, (*app).pushCmd, "", "--server", srvB); err == nil {
		t.Fatal("the push to B met no conflict with the laptop's own amendment there")
	}
	listed, _, err := execute(a, (*app).pushCmd, "", "--server", srvB, "--conflicts")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(listed, "--keep-server") || !strings.Contains(listed, "--resolve "+ward.ID.String()[:13]+" --keep-mine") {
		t.Errorf("push --conflicts offers keeping B's version, set aside here, or not this machine's:\n%s", listed)
	}
	out, errs, err := execute(a, (*app).pushCmd, "", "--server", srvB, "--resolve", ward.ID.String(), "--keep-server")
	if err == nil {
		t.Fatalf("keeping B's version, the one set aside on settling with A, was taken:\n%s%s", out, errs)
	}
	why := said(err)
	for _, want := range []string{"set aside", mine.ID.String()[:13], "--keep-mine", "--server " + srvB, "--resolve " + ward.ID.String()[:13]} {
		if !strings.Contains(why, want) {
			t.Errorf("the refusal does not say %q:\n%s", want, why)
		}
	}
	if strings.Contains(out, "Settled") {
		t.Errorf("a refused settle says Settled:\n%s", out)
	}
	if out, errs, err := execute(a, (*app).pushCmd, "", "--server", srvB, "--resolve", ward.ID.String(), "--keep-mine"); err != nil {
		t.Fatalf("keep-mine on B, as the refusal said: %v\n%s%s", err, out, errs)
	}
	if out, errs, err := execute(a, (*app).pushCmd, "", "--server", srvB); err != nil {
		t.Fatalf("the next push to B: %v\n%s%s", err, out, errs)
	}
	lineA, lineB := serverLine(t, srvA, first.ID), serverLine(t, srvB, first.ID)
	if cur := lineA[len(lineA)-1].ID; cur != ward.ID {
		t.Errorf("A's current version is %s, not the ward's %s", cur, ward.ID)
	}
	if cur := lineB[len(lineB)-1]; cur.ID != ward.ID || cur.Amends != first.ID {
		t.Errorf("B's current version is %s on %s, not the ward's %s on %s as A holds it", cur.ID, cur.Amends, ward.ID, first.ID)
	}
	if _, _, err := execute(a, (*app).pushCmd, "", "--server", srvB, "--conflicts"); err != nil {
		t.Errorf("push --conflicts after settling: %v", err)
	}
}
