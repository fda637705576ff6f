package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
)

// TestQuittingTheFullScreenSaysARecordNotSentYet: quitting the full
// screen with a record the FHIR server had not accepted said only "Saved
// 1 assessment(s) in …", where the plain prompts say "Not sent yet (will
// retry)". It is said, of that record only, and nothing of one the
// server holds.
func TestQuittingTheFullScreenSaysARecordNotSentYet(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	path, st, r := agreedToEverything(t)
	a := &app{settings: site.Settings{DB: path}}
	a.settings.Config.FHIRServer.FHIRServerURL = closedServer(t)
	var b strings.Builder
	a.unsentNote(&b, st, []record.Record{r}, nil)
	said := strings.Join(strings.Fields(b.String()), " ")
	if !strings.Contains(said, "Not sent yet (will retry): record "+r.ID.String()) || !strings.Contains(said, "Nothing is lost") {
		t.Errorf("a record not sent is not said to be: %q", b.String())
	}
	b.Reset()
	a.unsentNote(&b, st, []record.Record{r}, func(record.Record) bool { return true })
	if b.Len() > 0 {
		t.Errorf("a record left to another word is said: %q", b.String())
	}

	srv := fhirserver.Shared(t)
	pushWith(t, srv.Base, st)
	a.settings.Config.FHIRServer.FHIRServerURL = srv.Base
	b.Reset()
	a.unsentNote(&b, st, []record.Record{r}, nil)
	if b.Len() > 0 {
		t.Errorf("a record the server holds is said not sent: %q", b.String())
	}
}

// TestAKeptFilesPathBreaksOnlyAfterAFolder: quitting after a refused
// save, the kept file's path was broken by the terminal inside the record
// id in its name ("…digicheck-not-saved-01a23a87-3b82-70e6-ba2b-" /
// "36dcab721cbe.txt").
func TestAKeptFilesPathBreaksOnlyAfterAFolder(t *testing.T) {
	t.Parallel()
	const name = "digicheck-not-saved-01a23a87-3b82-70e6-ba2b-36dcab721cbe.txt"
	path := "/tmp/t13d/m2/.local/share/digicheck/" + name
	got := folderLines(path, 80)
	lines := strings.Split(got, "\n")
	if strings.Join(lines, "") != path {
		t.Fatalf("folderLines(%q) = %q: not the path", path, got)
	}
	for _, l := range lines {
		if len(l) > 80 {
			t.Errorf("a line of %d columns: %q", len(l), l)
		}
	}
	if lines[len(lines)-1] != name {
		t.Errorf("the file's name is not whole on its line:\n%s", got)
	}
}

// TestQuittingAfterARefusalOfCredentialsSaysItAsTheSavedScreenDid: the
// saved screen said a 401 as "Not sent: the FHIR server refused this
// machine's credentials (401) ... tell IT", and quitting then said "Not
// sent yet (will retry)", the nurse's last words on it, which no retry
// makes true until IT fixes the settings. Quitting repeats the refusal.
func TestQuittingAfterARefusalOfCredentialsSaysItAsTheSavedScreenDid(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	path, st, r := agreedToEverything(t)
	srv := fhirserver.Start(t)
	srv.RequireToken(t, "trust-token")
	a := &app{settings: site.Settings{DB: path}}
	a.settings.Config.FHIRServer.FHIRServerURL = srv.Base
	sent, why := a.pushAfterSave(st)(r)
	if sent || !strings.Contains(why, "refused this machine's credentials (401)") {
		t.Fatalf("the push after the save: sent %v, %q", sent, why)
	}
	var b strings.Builder
	a.unsentNote(&b, st, []record.Record{r}, nil)
	said := strings.Join(strings.Fields(b.String()), " ")
	if strings.Contains(said, "will retry") || !strings.Contains(said, "Not sent: record "+r.ID.String()+": the FHIR server refused this machine's credentials (401): the site's FHIR settings need fixing first; tell IT") {
		t.Errorf("quitting after a 401: %q", b.String())
	}
}
