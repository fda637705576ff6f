package main

import (
	"path/filepath"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// A settle made on the version the push named, with push --conflicts never
// run first, waits to be sent; push --conflicts run before that send finds
// the server still on that version, so it shows it and keeps the settle: it
// drops a settle only when the server has moved on since.
func TestConflictsShownAfterASettleOnTheVersionThePushNamedKeepTheSettle(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Start(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	amendOn(t, wst, first, "amended on the ward", "Sister Okafor")
	pushWith(t, srv.Base, wst)
	onLaptop := amendOn(t, lst, first, "amended on the laptop", "Nurse Bea")
	a := laptopApp(laptop, srv.Base)
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's push met no conflict")
	}
	// --keep-mine's settle, its send not yet made (the server out of
	// reach, or the push stopped).
	settled, err := lst.SettleConflict(srv.Base, onLaptop.ID)
	if err != nil {
		t.Fatal(err)
	}
	if settled.SendOn == "" {
		t.Fatal("the settle names no server version to send on")
	}
	if out, stderr, err := execute(a, (*app).pushCmd, "", "--conflicts"); err != nil && out == "" {
		t.Fatalf("push --conflicts: %v\n%s", err, stderr)
	}
	k, ok := conflictOf(lst, srv.Base, onLaptop.ID)
	if !ok {
		t.Fatal("the settled conflict is gone before it was sent")
	}
	if k.SendOn != settled.SendOn {
		t.Errorf("push --conflicts undid the settle: it was to be sent on %q, now on %q", settled.SendOn, k.SendOn)
	}
	if k.Shown != k.ServerVersion {
		t.Errorf("push --conflicts showed version %q but noted %q as shown", k.ServerVersion, k.Shown)
	}
}
