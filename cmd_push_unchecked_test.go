package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// unchecked is A's store after the server was restored from an older
// backup: the server lacks lost, an assessment A sent after the backup,
// and holds A's six others at B's amendment of each, whose histories it
// fails to give (503), so a plain push cannot check them. mine is A's
// amendment of the first, not sent; given runs A's commands with --db.
func unchecked(t *testing.T) (srv *fhirserver.Server, given *app, a *store.Store, source string, lost, mine record.Record) {
	t.Helper()
	srv = fhirserver.Start(t)
	pathA, rs := storeWith(t, 6)
	given = &app{settings: site.Settings{DB: pathA, Team: "Ward 7"}, given: " --db " + pathA}
	if out, stderr, err := execute(given, (*app).pushCmd, "", "--server", srv.Base); err != nil || !strings.Contains(out, "Sent 6 of 6") {
		t.Fatalf("A's push: %v\n%s%s", err, out, stderr)
	}
	source, err := fhirclient.Identity(srv.Base)
	if err != nil {
		t.Fatal(err)
	}
	b, err := store.Open(filepath.Join(t.TempDir(), "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		cp := r
		if err := b.SaveCopy(&cp, source); err != nil {
			t.Fatal(err)
		}
	}
	srv.Control(t, fhirserver.Control{Backup: true})
	if a, err = store.Open(pathA, store.Options{}); err != nil {
		t.Fatal(err)
	}
	lost = testkit.Assessed(t, testkit.Offline(nil))
	if err := a.Save(&lost); err != nil {
		t.Fatal(err)
	}
	if out, stderr, err := execute(given, (*app).pushCmd, "", "--server", srv.Base); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("A's seventh: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{RestoreBackup: true})
	var faults []fhirserver.Fault
	for _, r := range rs {
		theirs := r
		theirs.ID, theirs.Amends, theirs.AmendReason, theirs.Clinician = record.ID{}, r.ID, "B's fix", "Nurse Bo"
		if err := b.Amend(&theirs); err != nil {
			t.Fatal(err)
		}
		faults = append(faults, fhirserver.Fault{Status: 503, Times: 1000, Method: "GET", Path: "/QuestionnaireResponse/" + r.ID.String() + "/_history"})
	}
	if _, _, err := execute(&app{settings: site.Settings{DB: b.Path(), Team: "Ward 7"}}, (*app).pushCmd, "", "--server", srv.Base); err != nil {
		t.Fatalf("B's amendments: %v", err)
	}
	mine = rs[0]
	mine.ID, mine.Amends, mine.AmendReason = record.ID{}, rs[0].ID, "A's fix"
	if err := a.Amend(&mine); err != nil {
		t.Fatal(err)
	}
	srv.Control(t, fhirserver.Control{Faults: faults})
	return srv, given, a, source, lost, mine
}

// TestAPlainPushSaysAFewAssessmentsItCouldNotCheckAndHoldsTheirVersions:
// the server, restored from an older backup, holds fewer assessments than
// it accepted from A, and holds six of them at another machine's
// amendment, whose histories do not answer (503). A plain push printed a
// warning for each, every one saying the push "went on to send what is
// pending" (its own amendment of one of them included, over a base the
// server may have lost), with a bare "digicheck push --check-server" that,
// run as printed, pushed the default store. It names a few and counts the
// rest, sends the assessment the server lost, holds the amendment back
// and exits non-zero, and every push command it prints carries this run's
// --db and --server.
func TestAPlainPushSaysAFewAssessmentsItCouldNotCheckAndHoldsTheirVersions(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv, given, a, source, lost, mine := unchecked(t)

	// The dry run first: it sends nothing, and says so of them.
	_, stderr, err := execute(given, (*app).pushCmd, "", "--server", srv.Base, "--dry-run")
	if err != nil {
		stderr += " " + err.Error()
	}
	dry := unfolded(stderr)
	if !strings.Contains(dry, "this dry run went on with the other assessments; a push would send none of this one's versions") || strings.Contains(dry, "this push went on") {
		t.Errorf("the dry run does not say that a push would send none of the versions of what it could not check:\n%s", dry)
	}
	bare(t, dry, given.given, srv.Base)

	out, stderr, err := execute(given, (*app).pushCmd, "", "--server", srv.Base)
	said := out + stderr
	if err != nil {
		said += err.Error()
	}
	flat := unfolded(said)
	if err == nil {
		t.Errorf("A's push exits 0 with its amendment held back:\n%s", flat)
	}
	if n := strings.Count(flat, "warning: could not check"); n == 0 || n > 3 {
		t.Errorf("A's push gives %d warnings of assessments it could not check, not a few:\n%s", n, flat)
	}
	for _, want := range []string{"and 3 more", "Sent 1 of 2", "1 record version of an assessment the server could not be checked for now is kept here and not sent"} {
		if !strings.Contains(flat, want) {
			t.Errorf("A's push does not say %q:\n%s", want, flat)
		}
	}
	if strings.Contains(flat, "each waits behind an earlier version not sent, or the push stopped first") {
		t.Errorf("A's push says the amendment it held back waits behind another, or that it stopped:\n%s", flat)
	}
	if strings.Contains(flat, "went on to send what is pending") {
		t.Errorf("A's push says it sent what is pending, the versions it held back among them:\n%s", flat)
	}
	if _, ok, err := a.PushedVersion(source, mine.ID); err != nil || ok {
		t.Errorf("A's amendment of an assessment it could not check was sent (%v)", err)
	}
	if _, ok, err := a.PushedVersion(source, lost.ID); err != nil || !ok {
		t.Errorf("the assessment the server lost was not sent again (%v)", err)
	}
	bare(t, flat, given.given, srv.Base)
}

// bare fails t for each digicheck push command in said that does not
// carry this run's --server (and, to run here, its --db and --config,
// given): run as printed, it pushed the default store, or to the site's
// server.
func bare(t *testing.T, said, given, server string) {
	t.Helper()
	here := "digicheck push" + given + " --server " + server
	there := "digicheck push --server " + server
	var without []string
	for _, at := range regexp.MustCompile(`digicheck push`).FindAllStringIndex(said, -1) {
		rest := said[at[0]:]
		if !strings.HasPrefix(rest, here) && !strings.HasPrefix(rest, there) {
			without = append(without, rest[:min(len(rest), 60)])
		}
	}
	if len(without) > 0 {
		t.Errorf("push commands printed without this run's flags: %q in:\n%s", without, said)
	}
}

// unfolded is text as a reader copies it: each command broken over lines
// with " \" (assess.WrapCommand) joined again, and every run of spaces and
// line breaks one space.
func unfolded(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\\\n", " ")), " ")
}
