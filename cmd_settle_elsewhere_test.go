package main

import (
	"regexp"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// pasted is text as a shell reads a command pasted from it: a line ending
// in " \" goes on with the next.
func pasted(text string) string {
	return regexp.MustCompile(` \\\n *`).ReplaceAllString(text, " ")
}

// TestASettleWarnsOfTheOtherServerHoldingTheVersionSetAside (issue 13):
// the laptop's amendment is current on server A; on server B the ward
// voided the assessment (wrong patient), and the laptop's push to B met
// that void, settled there by keeping B's void. Settling said the
// laptop's versions were set aside and nothing of A, which went on
// holding, and counting, the amendment as current. The settle warns,
// naming A and the commands that settle it there, and those commands, run
// as printed, leave A holding the void as B does.
func TestASettleWarnsOfTheOtherServerHoldingTheVersionSetAside(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	A, B := fhirserver.Start(t), fhirserver.Start(t)
	laptop, lst, first := agreedToEverything(t)
	pushWith(t, A.Base, lst)
	pushWith(t, B.Base, lst)
	mine := first
	mine.ID, mine.Amends, mine.AmendReason, mine.Clinician = record.ID{}, first.ID, "amended on the laptop", "Dr Lap"
	if err := lst.Amend(&mine); err != nil {
		t.Fatal(err)
	}
	pushWith(t, A.Base, lst)
	_, wst := wardReading(t, B.Base, first)
	if _, err := wst.Void(first.ID, store.Voiding{Reason: "wrong patient", Clinician: "Sister Okafor"}); err != nil {
		t.Fatal(err)
	}
	pushWith(t, B.Base, wst)
	a := &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: A.Base}}}}
	if _, _, err := execute(a, (*app).pushCmd, "", "--server", B.Base); err == nil {
		t.Fatal("the laptop's push to B met no conflict with the ward's void")
	}
	out, errs, err := execute(a, (*app).pushCmd, "", "--server", B.Base, "--resolve", mine.ID.String()[:13], "--keep-server")
	if err != nil {
		t.Fatalf("keep-server on B: %v\n%s%s", err, out, errs)
	}
	said := out + errs
	flat := strings.Join(strings.Fields(said), " ")
	for _, want := range []string{"warning: the FHIR server " + A.Base + " took this machine's amendment " + mine.ID.String()[:13], "holds it as current"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the settle on B does not say %q:\n%s", want, said)
		}
	}
	for i, l := range strings.Split(said, "\n") {
		if len(l) > 80 {
			t.Errorf("line %d of the settle is %d columns: %q", i+1, len(l), l)
		}
	}
	if !strings.Contains(said, "warning: the FHIR server") {
		t.FailNow()
	}
	commands := regexp.MustCompile(`(?m)^ +digicheck push.*$`).FindAllString(pasted(said[strings.Index(said, "warning: the FHIR server"):]), -1)
	if len(commands) != 2 {
		t.Fatalf("the warning gives %d commands, not the push and the settle:\n%s", len(commands), said)
	}
	for _, c := range commands {
		args := strings.Fields(strings.TrimPrefix(strings.TrimSpace(c), "digicheck push"))
		execute(a, (*app).pushCmd, "", args...) // the push meets the conflict, and fails
	}
	if out, errs, err := execute(a, (*app).pushCmd, ""); err != nil {
		t.Fatalf("the next push to A, after the commands printed: %v\n%s%s", err, out, errs)
	}
	lineA, lineB := serverLine(t, A.Base, first.ID), serverLine(t, B.Base, first.ID)
	curA, curB := lineA[len(lineA)-1], lineB[len(lineB)-1]
	if curA.Status != record.EnteredInError || curB.Status != record.EnteredInError {
		t.Errorf("A's current version is %s (%s), B's %s (%s): not both the void", curA.ID, curA.Status, curB.ID, curB.Status)
	}
}

// TestSettleCommandsWithALongServerAreWholeWhenPasted (issue 13): push
// --server URL --conflicts printed its commands whole however wide, and an
// 80-column terminal cut them mid-flag ("--" / "keep-mine"). Every line is
// within 80 columns, and each command, broken between its flags with a
// trailing " \", runs as printed.
func TestSettleCommandsWithALongServerAreWholeWhenPasted(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	a, _, srvB, _, _, ward := twoServersSetAside(t)
	if _, _, err := execute(a, (*app).pushCmd, "", "--server", srvB); err == nil {
		t.Fatal("the push to B met no conflict")
	}
	listed, _, err := execute(a, (*app).pushCmd, "", "--server", srvB, "--conflicts")
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(listed, "\n") {
		if len(l) > 80 {
			t.Errorf("line %d of push --conflicts is %d columns: %q", i+1, len(l), l)
		}
	}
	offered := regexp.MustCompile(`digicheck push --server \S+ --resolve \S+ --keep-mine[^\n]*`).FindAllString(pasted(listed), -1)
	if len(offered) != 1 || !strings.Contains(offered[0], ward.ID.String()[:13]) {
		t.Fatalf("push --conflicts, pasted, offers %q:\n%s", offered, listed)
	}
	args := strings.Fields(strings.TrimPrefix(offered[0], "digicheck push "))
	if out, errs, err := execute(a, (*app).pushCmd, "", args...); err != nil {
		t.Fatalf("the command offered (%s) was refused: %v\n%s%s", offered[0], err, out, errs)
	}
}

// TestHistoryOfAnotherServerGivesItsCommandsWithItAndWhole (issue 13):
// history read from a server that is not the site's (--server URL) said
// its conflict's commands without --server, so that run as printed they
// settled with the site's server, or with none; with it, they ran past 80
// columns. Each names the server read and is whole when pasted, every
// line within 80 columns.
func TestHistoryOfAnotherServerGivesItsCommandsWithItAndWhole(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	laptop, srv, amended := laptopVoidedOnServer(t)
	_, lst, _ := agreedToEverything(t) // a site server the laptop never pushed to
	site2 := fhirserver.Start(t)
	pushWith(t, site2.Base, lst)
	a := &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: site2.Base}}}}
	out, errs, err := execute(a, (*app).historyCmd, "", amended.Patient.Value, "--server", srv.Base)
	if err != nil {
		t.Fatalf("history: %v\n%s%s", err, out, errs)
	}
	for i, l := range strings.Split(errs, "\n") {
		if len(l) > 80 {
			t.Errorf("line %d of history's stderr is %d columns: %q", i+1, len(l), l)
		}
	}
	short := amended.ID.String()[:13]
	p := pasted(errs)
	for _, want := range []string{"digicheck push --server " + srv.Base + " --conflicts", "digicheck push --server " + srv.Base + " --resolve " + short + " --keep-server"} {
		if !strings.Contains(p, want) {
			t.Errorf("history does not give %q:\n%s", want, errs)
		}
	}
}
