//go:build !windows

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// Set-ups shared by the tests that run digicheck at a terminal.

// laptopReadFromServer: the ward saved an assessment, agreed to every
// referral, and pushed it to srv; the laptop, its store in dir, read the
// patient's assessments from there. It returns the laptop's app (Ward 7,
// its site naming srv), the ward's store and the assessment.
func laptopReadFromServer(t *testing.T, dir string, srv *fhirserver.Server) (*app, *store.Store, record.Record) {
	t.Helper()
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(dir, "digicheck.db")
	a := &app{settings: site.Settings{DB: laptop, Team: "Ward 7", Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	if _, stderr, err := execute(a, (*app).historyCmd, "", first.Patient.Value); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	return a, wst, first
}

// draftLeftOffline is the laptop left with a draft by leftDraft, its
// FHIR server since out of reach at down.
func draftLeftOffline(t *testing.T, leftDraft func(*testing.T, string, *fhirserver.Server) (*app, *store.Store, record.Record)) (a *app, first record.Record, down string) {
	t.Helper()
	a, _, first = leftDraft(t, t.TempDir(), fhirserver.Start(t))
	down = closedServer(t)
	a.settings.Config.FHIRServerURL = down
	return a, first, down
}

// resumeOnFullScreen starts digicheck at 80x24 on the store in dir, its
// config naming a's FHIR server, and presses enter on the one draft
// listed once the list has been read.
func resumeOnFullScreen(t *testing.T, dir string, a *app) *ptyTerm {
	t.Helper()
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte("fhir_server = \""+a.settings.Config.FHIRServerURL+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := startTerm(t, dir, 80, 24, []string{"DIGICHECK_CONFIG=" + cfg})
	tm.waitFor("Unfinished assessments")
	for try := 0; ; try++ {
		time.Sleep(800 * time.Millisecond) // the list has been read
		tm.keys("enter")
		time.Sleep(500 * time.Millisecond)
		if s := tm.vt.Screen(); try == 3 || !strings.Contains(s, "were ignored") {
			break
		}
	}
	return tm
}

// draftsListRead starts digicheck at 80x24 on the store in dir, which
// keeps a draft for NHS number 943 476 5919 alone, and waits until its
// list of unfinished assessments has been read.
func draftsListRead(t *testing.T, dir string) *ptyTerm {
	t.Helper()
	tm := startTerm(t, dir, 80, 24, nil)
	tm.waitFor("Unfinished assessments", "> NHS 943 476 5919")
	time.Sleep(1500 * time.Millisecond) // the list has been read
	return tm
}

// atHowOnline starts a new assessment at 80x24 on a new store and types it
// up to "How do you get online?": the patient by NHS number, no clinician
// or team, a smartphone.
func atHowOnline(t *testing.T) *ptyTerm {
	t.Helper()
	tm := startTerm(t, t.TempDir(), 80, 24, nil)
	tm.waitFor("New assessment", "Identifier")
	time.Sleep(500 * time.Millisecond)
	tm.keys("1")
	tm.waitFor("NHS number: 10 digits")
	tm.keys("9434765919", "enter")
	tm.waitFor("Clinician")
	tm.keys("Dr A Test", "enter") // the clinician types their name: none is filled in
	tm.waitFor("Team (optional)")
	tm.keys("enter")
	tm.waitFor("Which of these can you use")
	tm.keys("1", "enter")
	tm.waitFor("How do you get online?")
	return tm
}

// quitDiscarding presses ctrl+c, discards the assessment when asked, and
// waits for digicheck to end.
func (tm *ptyTerm) quitDiscarding() {
	tm.t.Helper()
	tm.keys("ctrl+c")
	tm.waitFor("Discard this assessment?")
	time.Sleep(600 * time.Millisecond)
	tm.discardAtQuit()
	tm.exited()
}
