package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// TestADryRunSaysItAskedTheServerOfTheNewestAlone: a laptop's amendment
// was lost when the server was restored from an older backup, and the
// laptop then sent more than ten new assessments, each as it was saved.
// A plain push --dry-run, which asks the server of the ten newest alone,
// said "0 record versions in 0 Bundles would be sent" and nothing more,
// read by IT planning the recovery as the laptop having nothing to
// recover; the push itself says what it asked. The dry run says so too,
// and which command asks of each: this run's flags, --check-server
// --dry-run. That dry run finds the amendment, and names the command that
// sends it again: push --check-server, not "a push without --dry-run",
// which asks of the newest alone and sends nothing.
func TestADryRunSaysItAskedTheServerOfTheNewestAlone(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "200")
	srv := fhirserver.Start(t)
	pathA, rs := storeWith(t, 1)
	given := &app{settings: site.Settings{DB: pathA, Team: "Ward 7", Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}, given: " --db " + pathA}
	if out, stderr, err := execute(given, (*app).pushCmd, ""); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("A's push: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{Backup: true})
	a, err := store.Open(pathA, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mine := rs[0]
	mine.ID, mine.Amends, mine.AmendReason = record.ID{}, rs[0].ID, "A's fix"
	if err := a.Amend(&mine); err != nil {
		t.Fatal(err)
	}
	if out, stderr, err := execute(given, (*app).pushCmd, ""); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("A's push of its amendment: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{RestoreBackup: true})
	sent := given.pushAfterSave(a)
	for range 11 {
		r := testkit.Assessed(t, testkit.Offline(nil))
		if err := a.Save(&r); err != nil {
			t.Fatal(err)
		}
		if ok, why := sent(r); !ok {
			t.Fatalf("the push after a save: %s", why)
		}
	}

	flat := func(stderr string, err error) string {
		if err != nil {
			stderr += err.Error()
		}
		return strings.Join(strings.Fields(stderr), " ")
	}
	_, stderr, err := execute(given, (*app).pushCmd, "", "--dry-run")
	said := flat(stderr, err)
	for _, want := range []string{
		"Dry run: 0 record versions",
		"10 assessments with the newest versions",
		"digicheck push" + given.given + " --check-server --dry-run",
	} {
		if !strings.Contains(said, want) {
			t.Errorf("the dry run that asked of the newest alone does not say %q:\n%s", want, said)
		}
	}
	if b := bareCommands(said, given.given); len(b) > 0 {
		t.Errorf("push commands printed without this run's flags: %q in:\n%s", b, said)
	}

	_, stderr, err = execute(given, (*app).pushCmd, "", "--check-server", "--dry-run")
	said = flat(stderr, err)
	for _, want := range []string{
		"no longer holds 1 record version",
		"Dry run: 1 record version in 1 Bundle would be sent",
		"digicheck push" + given.given + " --check-server to send it again",
	} {
		if !strings.Contains(said, want) {
			t.Errorf("push --check-server --dry-run does not say %q:\n%s", want, said)
		}
	}
	if strings.Contains(said, "A push without --dry-run") {
		t.Errorf("push --check-server --dry-run says a plain push sends them again, which asks of the newest alone:\n%s", said)
	}
	if b := bareCommands(said, given.given); len(b) > 0 {
		t.Errorf("push commands printed without this run's flags: %q in:\n%s", b, said)
	}
}
