package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// TestAConflictOnlyAVoidRestsOnIsSettledByKeepingTheServersVoid (issue
// 13): the ward voided an assessment on server A (wrong patient); the
// laptop's amendment went to server B, where the ward kept its void over
// it (the amendment taken in under a new void). The ward's line to A, the
// laptop's amendment then the new void, cannot go over A's void without
// undoing it for a while, so keep-mine is refused; and nothing settled it:
// every push to A listed the conflict and exited non-zero for ever. Both
// sides hold the assessment entered in error, so the push itself keeps
// A's void as the settled state, as --keep-server would: the ward's versions not sent to A are set
// aside for A, shown so, and later pushes to A send nothing, list no
// conflict and succeed. A's void is current after every command.
func TestAConflictOnlyAVoidRestsOnIsSettledByKeepingTheServersVoid(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	A, B, laptop, lst, first := laptopOnTwoServers(t)
	wardPath, wst := wardReading(t, A.Base, first)
	void := voidOn(t, wst, first.ID, "Sister Okafor")
	pushWith(t, A.Base, wst)
	amended := amendOn(t, lst, first, "amended on the laptop", "Dr Lap")
	if out, errs, err := execute(laptopApp(laptop, B.Base), (*app).pushCmd, ""); err != nil {
		t.Fatalf("the laptop's push to B: %v\n%s%s", err, out, errs)
	}
	ward := laptopApp(wardPath, A.Base)
	execute(ward, (*app).pushCmd, "", "--server", B.Base)
	if out, errs, err := execute(ward, (*app).pushCmd, "", "--server", B.Base, "--resolve", void.ID.String()[:13], "--keep-mine", "--void-server-version"); err != nil {
		t.Fatalf("the ward's settle on B: %v\n%s%s", err, out, errs)
	}
	cur, err := wst.Current(first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if cur.Status != record.EnteredInError || cur.ID == void.ID {
		t.Fatalf("the ward's current version after its settle on B is %s (%s), not a new void", cur.ID, cur.Status)
	}
	lineB := serverLine(t, B.Base, first.ID)
	if lineB[len(lineB)-1].ID != cur.ID {
		t.Fatalf("B's current version is %s, not the ward's new void %s", lineB[len(lineB)-1].ID, cur.ID)
	}

	// The ward's push to A meets A's void with the ward's: the same
	// outcome, settled by the push itself, keeping A's void and sending
	// nothing over it.
	out, errs, err := execute(ward, (*app).pushCmd, "")
	if err != nil {
		t.Fatalf("the ward's push to A, which holds the assessment voided as the ward does: %v\n%s%s", err, out, errs)
	}
	voidedThroughout(t, A.Base, first.ID)
	settle := strings.Join(strings.Fields(out+errs), " ")
	if !strings.Contains(settle, "Settled without a command") || !strings.Contains(settle, "entered in error") || strings.Contains(settle, "--resolve") {
		t.Errorf("the push does not say it settled it itself, keeping A's void:\n%s%s", out, errs)
	}
	// keep-mine is still never taken.
	if _, _, err := execute(ward, (*app).pushCmd, "", "--resolve", cur.ID.String()[:13], "--keep-mine"); err == nil {
		t.Fatal("keep-mine over A's void, sending the laptop's amendment first, was taken")
	}
	voidedThroughout(t, A.Base, first.ID)
	before := serverLine(t, A.Base, first.ID)

	// Later pushes to A send nothing, list no conflict, and succeed.
	for i := range 2 {
		if out, errs, err := execute(ward, (*app).pushCmd, ""); err != nil {
			t.Errorf("push %d to A after the settle: %v\n%s%s", i+1, err, out, errs)
		}
		voidedThroughout(t, A.Base, first.ID)
	}
	if after := serverLine(t, A.Base, first.ID); len(after) != len(before) {
		t.Errorf("A holds %d versions after the pushes, %d before: something was sent over its void", len(after), len(before))
	}
	for _, r := range serverLine(t, A.Base, first.ID) {
		if r.ID == amended.ID || r.ID == cur.ID {
			t.Errorf("A holds the ward's version %s, set aside for it", r.ID.String()[:13])
		}
	}
	if listed, _, err := execute(ward, (*app).pushCmd, "", "--conflicts"); err != nil || !strings.HasPrefix(listed, "No conflicts") {
		t.Errorf("push --conflicts after the settle: %v\n%s", err, listed)
	}
	// B is untouched, and the ward's void stays current here.
	if now, err := wst.Current(first.ID); err != nil || now.ID != cur.ID {
		t.Errorf("the ward's current version after the settle is %s, not its void %s (%v)", now.ID, cur.ID, err)
	}
	if out, errs, err := execute(ward, (*app).pushCmd, "", "--server", B.Base); err != nil {
		t.Errorf("the ward's push to B after the settle on A: %v\n%s%s", err, out, errs)
	}
	// history and show say the versions not sent to A are set aside
	// for it.
	hist, _, err := execute(ward, (*app).historyCmd, "", first.Patient.Value)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(hist), " ")
	for _, id := range []record.ID{amended.ID, cur.ID} {
		if !strings.Contains(flat, "set aside for the FHIR server") {
			t.Errorf("history does not mark the versions set aside for A:\n%s", hist)
			break
		}
		if !strings.Contains(flat, id.String()[:13]) {
			t.Errorf("history does not show %s:\n%s", id.String()[:13], hist)
		}
	}
	shown, _, err := execute(ward, (*app).showCmd, "", cur.ID.String()[:13])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(strings.Fields(shown), " "), "set aside for the FHIR server") {
		t.Errorf("show does not mark the void set aside for A:\n%s", shown)
	}
}
