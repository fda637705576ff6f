package main

import (
	"slices"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// TestAPushSettlesAVoidOverAVoidItself (issue 13): the ward and the laptop
// each voided the same assessment, the laptop on server B, the ward on
// server A, and the ward's push to B kept B's void over its own. Its next
// push to A met A's void (the ward's own, set aside here) as a conflict:
// listed, exit 1, to be settled by hand with --keep-server, though both
// voids say the same thing, the assessment is entered in error. The push
// settles it itself: the server's void stands there, nothing is sent over
// it, it says that it settled it and how (naming whose void is current
// here, the laptop's, made on another machine), exits 0, and push
// --conflicts lists nothing. This machine's void is kept in its history
// as it was, with its own reason.
func TestAPushSettlesAVoidOverAVoidItself(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t) // two FHIR servers, three machines
	s := voidedOnBothServers(t)
	before := ids(serverLine(t, s.A.Base, s.first.ID))
	out, errs, err := execute(s.ward, (*app).pushCmd, "")
	said := strings.Join(strings.Fields(out+errs), " ")
	if testing.Verbose() {
		t.Logf("the ward's push to A:\n%s%s", out, errs)
	}
	if err != nil {
		t.Errorf("the ward's push to A, which holds the assessment voided as the ward does, failed: %v\n%s%s", err, out, errs)
	}
	for _, wrong := range []string{"conflict:", "--resolve", "--keep-server", "this machine's void " + s.lVoid.ID.String()[:13]} {
		if strings.Contains(said, wrong) {
			t.Errorf("the push says %q:\n%s%s", wrong, out, errs)
		}
	}
	for _, want := range []string{"Settled without a command", "Nurse Laptop's void " + s.lVoid.ID.String()[:13] + ", made on another machine"} {
		if !strings.Contains(said, want) {
			t.Errorf("the push does not say %q:\n%s%s", want, out, errs)
		}
	}
	if after := ids(serverLine(t, s.A.Base, s.first.ID)); !slices.Equal(after, before) {
		t.Errorf("A held %v and holds %v after the push: a version was sent over its void", before, after)
	}
	if out, errs, err := execute(s.ward, (*app).pushCmd, "", "--conflicts"); err != nil || !strings.Contains(out, "No conflicts") {
		t.Errorf("push --conflicts after (%v):\n%s%s", err, out, errs)
	}
	if out, errs, err := execute(s.ward, (*app).pushCmd, ""); err != nil {
		t.Errorf("the next push to A: %v\n%s%s", err, out, errs)
	}
	cur, err := s.wst.Current(s.first.ID)
	if err != nil || cur.Status != record.EnteredInError {
		t.Errorf("the ward's current version is %s (%s), %v: not entered in error", cur.ID, cur.Status, err)
	}
	out, _, err = execute(s.ward, (*app).historyCmd, "", s.first.Patient.Value, "--server", s.A.Base)
	if err != nil || !strings.Contains(out, s.wardVoid.ID.String()[:13]) || !strings.Contains(out, "entered in error because: wrong patient") {
		t.Errorf("the ward's history does not keep its void %s with its reason (%v):\n%s", s.wardVoid.ID, err, out)
	}
}
