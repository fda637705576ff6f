package main

import (
	"regexp"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// voidedThroughout fails unless, on the server at base, every version of
// assessment id after its first void is a void too: a void undone, even
// for a moment, is a wrong-patient assessment current on the shared
// record, and a reader in that moment takes it in.
func voidedThroughout(t *testing.T, base string, id record.ID) []record.Record {
	t.Helper()
	line := serverLine(t, base, id)
	voided := false
	for i, r := range line {
		if voided && r.Status != record.EnteredInError {
			t.Errorf("the server's version %d of %d (record %s, by %s) is %s, after a void: the void was undone on the server", i+1, len(line), r.ID.String()[:13], r.Clinician, r.Status)
		}
		voided = voided || r.Status == record.EnteredInError
	}
	if !voided {
		t.Errorf("the server holds no void of the assessment")
	}
	return line
}

// TestASettlesPrintedCommandsNeverUndoAVoidOnTheOtherServer (issue 13):
// the ward voided an assessment on server A (wrong patient); the laptop's
// amendment went to server B; the ward settled its conflict on B by
// keeping its void over the laptop's amendment there, which took the
// amendment in under a new void, and was told that A holds its first void
// with the commands to give A "the same current version". Run as printed,
// they put the laptop's amendment on A over the ward's void, then the new
// void: for a moment the wrong-patient assessment was current on A, and
// the settle said the void went on A's void. A void is never undone on
// the shared record without --undo-void: A's void stays current
// throughout, and what is said of A is true.
func TestASettlesPrintedCommandsNeverUndoAVoidOnTheOtherServer(t *testing.T) {
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
	if _, _, err := execute(ward, (*app).pushCmd, "", "--server", B.Base); err == nil {
		t.Fatal("the ward's push to B met no conflict with the laptop's amendment")
	}
	out, errs, err := execute(ward, (*app).pushCmd, "", "--server", B.Base, "--resolve", void.ID.String()[:13], "--keep-mine", "--void-server-version")
	if err != nil {
		t.Fatalf("the ward's settle on B: %v\n%s%s", err, out, errs)
	}
	voidedThroughout(t, B.Base, first.ID)
	settle := out + errs
	// Every command printed, run as printed, in turn (a refused one
	// changes nothing).
	var ran []string
	for _, c := range regexp.MustCompile(`(?m)^ +digicheck push.*$`).FindAllString(pasted(settle), -1) {
		args := strings.Fields(strings.TrimPrefix(strings.TrimSpace(c), "digicheck push"))
		o, e, err := execute(ward, (*app).pushCmd, "", args...)
		ran = append(ran, c, o+e)
		if err != nil {
			ran = append(ran, err.Error())
		}
	}
	execute(ward, (*app).pushCmd, "") // and a push to A after them
	lineA := voidedThroughout(t, A.Base, first.ID)
	if t.Failed() || testing.Verbose() {
		t.Logf("the settle on B said:\n%s\nthe commands it printed, and what they said:\n%s", settle, strings.Join(ran, "\n"))
	}
	if cur := lineA[len(lineA)-1]; cur.Status != record.EnteredInError {
		t.Errorf("A's current version is %s (%s), not a void", cur.ID, cur.Status)
	}
	for _, r := range lineA {
		if r.ID == amended.ID {
			t.Errorf("A holds the laptop's amendment %s, voided on A before it came", amended.ID.String()[:13])
		}
	}
	// What is said of A is what A holds: its void stands, as here.
	if flat := strings.Join(strings.Fields(settle), " "); !strings.Contains(flat, "entered in error, as this machine does, and needs nothing more") {
		t.Errorf("the settle on B does not say A holds the assessment entered in error and needs nothing more:\n%s", settle)
	}
	listed, _, err := execute(ward, (*app).pushCmd, "", "--conflicts")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(pasted(listed), "--keep-mine") {
		t.Errorf("push --conflicts for A offers keep-mine, which would undo A's void for a while:\n%s", listed)
	}
	// The laptop's next push to A meets the ward's void there, and says
	// so: its amendment was not kept.
	_, _, err = execute(laptopApp(laptop, A.Base), (*app).pushCmd, "")
	if err == nil || !strings.Contains(strings.ToLower(said(err)), "entered in error") {
		t.Errorf("the laptop's push to A does not say A holds the assessment entered in error: %v", err)
	}
}
