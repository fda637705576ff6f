package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestASummaryOfAServerRestoredFromAnOlderBackupCountsWhatTheServerHoldsNow:
// a QI lead's machine summarised the server (its cache took in every
// assessment there); the server was then restored from a backup older than
// some of them (here: emptied, and one store's assessments sent again).
// The incremental read asks only what changed since, so it never saw the
// loss: the cache's figures were counted as the server's, and said to be on
// the server. The summary notices that the server holds fewer assessments
// than the cache, says so, and counts what a first read of the server now
// counts (marked, unlike the first read, as short of what this machine
// read from it before).
func TestASummaryOfAServerRestoredFromAnOlderBackupCountsWhatTheServerHoldsNow(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv := fhirserver.Start(t)
	_, wst, _ := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	_, ost, _ := agreedToEverything(t)
	pushWith(t, srv.Base, ost)

	qi := filepath.Join(t.TempDir(), "qi.db")
	before, stderr, err := runStoreCmd(t, qi, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", "csv", "--server", srv.Base)
	if err != nil {
		t.Fatalf("first summary --server: %v\n%s", err, stderr)
	}

	// Restored from an older backup: only the ward's assessment is there.
	srv.Control(t, fhirserver.Control{Reset: true})
	fhirserver.SendStore(t, srv.Base, wst)

	fresh, stderr, err := runStoreCmd(t, filepath.Join(t.TempDir(), "fresh.db"), (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", "csv", "--server", srv.Base)
	if err != nil {
		t.Fatalf("summary --server, a first read: %v\n%s", err, stderr)
	}
	if fresh == before {
		t.Fatalf("the restore changed nothing a first read counts, not the case this test is of:\n%s", fresh)
	}
	got, stderr, err := runStoreCmd(t, qi, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", "csv", "--server", srv.Base)
	if err != nil {
		t.Fatalf("summary --server from the cache: %v\n%s", err, stderr)
	}
	if assessedCount(t, got) != assessedCount(t, fresh) {
		t.Errorf("the cached summary counts what the server no longer holds: %q, a first read %q\nstderr:\n%s", assessedLine(got), assessedLine(fresh), stderr)
	}
	if flat := strings.Join(strings.Fields(stderr), " "); !strings.Contains(flat, "fewer than the 4 this machine read from it before") {
		t.Errorf("the summary does not say the server holds fewer assessments than before:\n%s", stderr)
	}
}

// assessedLine is the line of a summary's CSV that counts every assessment.
func assessedLine(csv string) string {
	for _, l := range strings.Split(csv, "\n") {
		if strings.HasPrefix(l, "all,all,all,assessed,") {
			return l
		}
	}
	return ""
}
