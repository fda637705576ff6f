package main

import (
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
)

// TestAnAmendmentWhoseAnswerWasLostIsNotSaidNotSentByThePrompts: an
// amendment saved through the plain prompts, which the FHIR server
// applied before the connection dropped. The prompts said "Not sent yet
// (will retry): record X, the connection dropped ... so it may have
// reached the FHIR server": not sent, and maybe sent, in one line. They
// say it as the command line does: the answer was lost, it may have
// reached the server, and the next save or push checks.
func TestAnAmendmentWhoseAnswerWasLostIsNotSaidNotSentByThePrompts(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	path, st, base := agreedToEverything(t)
	a := &app{settings: site.Settings{DB: path, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	if out, errs, err := execute(a, (*app).pushCmd, ""); err != nil || !strings.Contains(out, "Sent ") {
		t.Fatalf("push: %v\n%s%s", err, out, errs)
	}
	srv.Faults(t, fhirserver.Fault{Method: "POST", Path: "/", After: "reset"})
	lines := []string{"", "", "1"} // clinician and team as offered; the review confirmed
	for range assess.FirstReferrals {
		lines = append(lines, "")
	}
	lines = append(lines, "2", "1", "2") // not the rest; save; no new assessment
	out, errs, err := execute(a, (*app).amendCmd, strings.Join(lines, "\n")+"\n", base.ID.String(), "--reason", "typo", "--clinician", "Dr Fix")
	if err != nil {
		t.Fatalf("amend: %v\n%s%s", err, out, errs)
	}
	amended, err := st.Current(base.ID)
	if err != nil || amended.ID == base.ID {
		t.Fatalf("no amendment saved: %v", err)
	}
	if !serverHolds(t, srv.Base, base.ID, amended) {
		t.Fatalf("the server did not apply the amendment: not the case this test is of\n%s", out)
	}
	said := strings.Join(strings.Fields(out), " ")
	if strings.Contains(said, "Not sent yet (will retry): record "+amended.ID.String()+", the connection dropped") {
		t.Errorf("the amendment the server may hold is said not sent:\n%s", said)
	}
	if !strings.Contains(said, "Answer lost: record "+amended.ID.String()+" may have reached the FHIR server") {
		t.Errorf("the amendment whose answer was lost is not said so:\n%s", said)
	}
}

// TestQuittingTheFullScreenSaysARecordWhoseAnswerWasLostAsSuch: quitting
// the full screen with a record whose push after its save lost the
// server's answer said "Not sent yet (will retry)" of a record the
// server may hold. It is said as the saved screen said it.
func TestQuittingTheFullScreenSaysARecordWhoseAnswerWasLostAsSuch(t *testing.T) {
	path, st, r := agreedToEverything(t)
	a := &app{settings: site.Settings{DB: path}}
	a.settings.Config.FHIRServer.FHIRServerURL = closedServer(t)
	afterSaveWhy.Store(r.ID, answerLostWhy)
	defer afterSaveWhy.Delete(r.ID)
	var b strings.Builder
	a.unsentNote(&b, st, []record.Record{r}, nil)
	said := strings.Join(strings.Fields(b.String()), " ")
	if strings.Contains(said, "Not sent yet") || !strings.Contains(said, "Answer lost: record "+r.ID.String()+" may have reached the FHIR server") {
		t.Errorf("a record whose answer was lost is said: %q", b.String())
	}
}
