package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/fhir"
	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// currentRecordOn is the record the server at base holds as the current
// version of assessment a.
func currentRecordOn(t *testing.T, base string, a record.ID) record.ID {
	t.Helper()
	c, err := fhirclient.New(fhirclient.Config{Base: base, Timeout: 20 * time.Second, Attempts: 2})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Read(context.Background(), "QuestionnaireResponse", a.String())
	if err != nil {
		t.Fatal(err)
	}
	r, ok, err := fhir.RecordIn(res.JSON)
	if err != nil || !ok {
		t.Fatalf("the server's current version of %s carries no record: %v", a, err)
	}
	return r.ID
}

// TestAServerThatLostOnlyAnAmendmentIsFoundShortAndRefilled: a server
// restored from a backup made before an assessment was amended holds the
// assessment still, as first saved, and as many assessments as before.
// Only a loss of whole assessments was found (by their count): summary
// --server went on counting the amendment the server no longer holds,
// unmarked, and push --check-server said the server held everything it
// had accepted. The summary now marks the server short of the amendment,
// in its output, until it holds it again; push --check-server sends it
// again.
func TestAServerThatLostOnlyAnAmendmentIsFoundShortAndRefilled(t *testing.T) {
	testkit.EndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv := fhirserver.Start(t)
	path, rs := storeWith(t, 2)
	if _, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push: %v\n%s", err, stderr)
	}
	// The backup is made; then the first assessment is amended, and the
	// amendment sent.
	srv.Control(t, fhirserver.Control{Backup: true})
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	amended := rs[0]
	amended.ID, amended.Amends, amended.AmendReason, amended.Clinician = record.ID{}, rs[0].ID, "age given wrongly", "Nurse Bea"
	if err := st.Amend(&amended); err != nil {
		t.Fatal(err)
	}
	if out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("push of the amendment: %v\n%s%s", err, out, stderr)
	}

	qi := filepath.Join(t.TempDir(), "qi.db")
	summary := func() (string, string) {
		t.Helper()
		out, stderr, err := runStoreCmd(t, qi, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", "csv", "--server", srv.Base)
		if err != nil {
			t.Fatalf("summary --server: %v\n%s", err, stderr)
		}
		return out, stderr
	}
	if out, _ := summary(); strings.Contains(firstCaveat(t, out), "SERVER SHORT") {
		t.Fatalf("a server that lost nothing is said to be short: %q", firstCaveat(t, out))
	}

	// Restored from the backup: the amendment is gone, the assessment
	// and the count of assessments are as they were.
	srv.Control(t, fhirserver.Control{RestoreBackup: true})
	if got := currentRecordOn(t, srv.Base, rs[0].ID); got != rs[0].ID {
		t.Fatalf("the server restored holds %s as current, not the version first saved: not the case this test is of", got)
	}
	for run := 1; run <= 2; run++ {
		out, stderr := summary()
		flat := strings.Join(strings.Fields(firstCaveat(t, out)), " ")
		if !strings.Contains(flat, "holds fewer record versions than this machine read from it before") || !strings.Contains(flat, "1 record version") {
			t.Errorf("run %d: the summary of a server that lost an amendment is not marked short of 1 record version: %q\nstderr:\n%s", run, flat, stderr)
		}
		if !strings.Contains(flat, "digicheck push --check-server") {
			t.Errorf("run %d: the caveat does not give the push that sends a lost amendment again (--check-server): %q", run, flat)
		}
	}

	out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base, "--check-server")
	if err != nil {
		t.Fatalf("push --check-server: %v\n%s%s", err, out, stderr)
	}
	if got := currentRecordOn(t, srv.Base, rs[0].ID); got != amended.ID {
		t.Errorf("after push --check-server the server holds %s as current, not the amendment %s:\n%s%s", got, amended.ID, out, stderr)
	}
	if flat := strings.Join(strings.Fields(out), " "); !strings.Contains(flat, "no longer holds") {
		t.Errorf("push --check-server does not say the server no longer holds a version it accepted:\n%s%s", out, stderr)
	}
	if out, stderr := summary(); strings.Contains(firstCaveat(t, out), "SERVER SHORT") {
		t.Errorf("the caveat stays once the server holds the amendment again: %q\n%s", firstCaveat(t, out), stderr)
	}
}
