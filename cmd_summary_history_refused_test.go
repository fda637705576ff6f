package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/remote"
	"digicheck/store"
)

// TestASummaryOfAServerThatRefusesItsHistoryTellsITNotToRunItAgain: the
// server holds a follow-up of a version it does not hold as current, and
// refuses outright the history that would place it (405: some FHIR
// servers turn _history off). The summary said "run this again when the
// server answers", which no retry makes true. It says the server does not
// give that history, and to tell IT.
func TestASummaryOfAServerThatRefusesItsHistoryTellsITNotToRunItAgain(t *testing.T) {
	testkit.EndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv := fhirserver.Start(t)
	c, err := fhirclient.New(fhirclient.Config{Base: srv.Base, Timeout: 20 * time.Second, Attempts: 2, Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	path, rs := storeWith(t, 1)
	if _, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push: %v\n%s", err, stderr)
	}
	srv.Control(t, fhirserver.Control{Backup: true})
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	amended := rs[0]
	amended.ID, amended.Time, amended.Amends, amended.AmendReason = record.ID{}, time.Time{}, rs[0].ID, "typo"
	if err := st.Amend(&amended); err != nil {
		t.Fatal(err)
	}
	follow := testkit.Assessed(t, testkit.Included(nil))
	follow.Patient, follow.FollowsUp = rs[0].Patient, amended.ID
	if err := st.Save(&follow); err != nil {
		t.Fatal(err)
	}

	if out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push of the amendment and follow-up: %v\n%s%s", err, out, stderr)
	}
	res, err := c.Read(ctx, "QuestionnaireResponse", follow.ID.String())
	if err != nil {
		t.Fatal(err)
	}
	// Restored to the first version alone; the follow-up sent again.
	srv.Control(t, fhirserver.Control{RestoreBackup: true})
	if _, err := c.Transaction(ctx, []fhirclient.Put{{Type: "QuestionnaireResponse", ID: follow.ID.String(), Resource: res.JSON}}); err != nil {
		t.Fatal(err)
	}
	srv.Control(t, fhirserver.Control{Faults: []fhirserver.Fault{{Status: 405, Times: 1000, Method: "GET", Path: "/QuestionnaireResponse/" + rs[0].ID.String() + "/_history"}}})

	qi := filepath.Join(t.TempDir(), "qi.db")
	out, stderr, err := runStoreCmd(t, qi, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", "csv", "--server", srv.Base)
	if err == nil {
		t.Fatalf("summary --server ended well while a follow-up it could not place was left out:\n%s%s", out, stderr)
	}
	flat := strings.Join(strings.Fields(err.Error()), " ")
	if strings.Contains(flat, "again") {
		t.Errorf("a history the server refuses outright is said as one to read again: %q", flat)
	}
	for _, want := range []string{"405", "tell IT", "history"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the summary's error does not say %q (what the server refused, whom to tell): %q", want, flat)
		}
	}
	if !strings.Contains(strings.ToLower(out), "damaged") {
		t.Errorf("the summary's output carries no damaged caveat:\n%s", out)
	}
	// Each version left out is named on standard error first: said
	// there as one to try again, the same run contradicted itself.
	if said := strings.Join(strings.Fields(stderr), " "); strings.Contains(said, "try again") || !strings.Contains(said, "405") {
		t.Errorf("the version left out is named as one to read again, or without the server's refusal:\n%s", stderr)
	}

	// The export writes an unreadable row in its place, and said it was
	// "named below as unreadable", while what followed named none: the
	// server's version was named above, as read.
	_, stderr, err = runStoreCmd(t, filepath.Join(t.TempDir(), "qi.db"), (*app).exportCmd, "--format", "csv", "--identifiable", "--server", srv.Base)
	if err == nil {
		t.Fatalf("export --server ended well with a version left out:\n%s", stderr)
	}
	said := strings.Join(strings.Fields(stderr), " ")
	if !strings.Contains(said, "Exported") || strings.Contains(said, "named below") || !strings.Contains(said, "named above") {
		t.Errorf("the export does not say its unreadable row stands for the server's version named above:\n%s%v", stderr, err)
	}
}

// TestVersionsLeftOutForARefusedAndAnUnreadHistoryAreEachSaidAsWhatTheyAre:
// of two follow-ups left out, one because the server refused its history
// outright (405) and one because it did not answer (503), the refused one
// was said as held "in a form this machine cannot take in", which is
// untrue, and nothing said to tell IT of the refusal.
func TestVersionsLeftOutForARefusedAndAnUnreadHistoryAreEachSaidAsWhatTheyAre(t *testing.T) {
	left := func(status int) remote.Skipped {
		return remote.Skipped{Resource: "QuestionnaireResponse/x", Err: &remote.UnlinkedError{Unread: &fhirclient.Error{Status: status, Msg: "server said no"}}}
	}
	said := keptLeftWords([]remote.Skipped{left(405), left(503)}, "as damaged")
	for _, want := range []string{"1 could not be placed because the FHIR server's history could not be read now", "run this again when the server answers", "1 because the FHIR server refuses the history that would place it (it answered 405 Method Not Allowed)", "tell IT"} {
		if !strings.Contains(said, want) {
			t.Errorf("the versions left out are not said %q:\n%s", want, said)
		}
	}
	if strings.Contains(said, "cannot take in") {
		t.Errorf("a version whose history the server refused is said as one in a form this machine cannot take in:\n%s", said)
	}
}
