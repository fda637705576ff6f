//go:build !windows

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// wholeOnScreen fails unless each of phrases is on screen with its words
// whole, read across lines: a word the terminal cut at its edge reads as
// two ("could no" / "t connect").
func wholeOnScreen(t *testing.T, screen string, phrases ...string) {
	t.Helper()
	joined := strings.Join(strings.Fields(screen), " ")
	for _, p := range phrases {
		if !strings.Contains(joined, p) {
			t.Errorf("the screen does not say %q with its words whole:\n%s", p, screen)
		}
	}
	for _, l := range strings.Split(screen, "\n") {
		if len([]rune(l)) > 80 {
			t.Errorf("a line wider than the terminal: %q", l)
		}
	}
}

// TestWhatAnAmendPrintsAroundTheFullScreenIsWrappedAtWords: an amendment
// on the full screen with the FHIR server down, saved and quit: what was
// printed before the full screen (the server asked, and not reached) and
// after it (the note, the push tried again and not sent) was cut by the
// terminal mid-word ("as" / "sessments", "could no" / "t connect"). Each
// is wrapped at whole words to the terminal's width.
func TestWhatAnAmendPrintsAroundTheFullScreenIsWrappedAtWords(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	prev := savedPatient(t, dir)
	server := closedServer(t)
	config := filepath.Join(dir, "site.toml")
	if err := os.WriteFile(config, []byte("fhir_server = \""+server+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := startTerm(t, dir, 80, 24, []string{"DIGICHECK_CONFIG=" + config}, "amend", prev.ID.String(), "--reason", "ui test")
	step := func(wait string, keys ...string) {
		t.Helper()
		tm.waitFor(wait)
		for _, k := range keys {
			time.Sleep(1500 * time.Millisecond) // past any hold of typed-ahead keys
			tm.keys(k)
		}
	}
	step("Clinician", "Dr A Test", "enter", "enter") // typed: none is filled in
	step("Review", endKey, "enter")
	// The keys held as the result opened are said where the footer names
	// a referral still below the fold ("▼ a/d/n will answer"), which
	// readReferral reads down by: ↑, typed once the result could be read
	// (one typed at once is held too, and said so), scrolls nothing at the
	// top and clears the notice.
	step("Result", "up")
	for i := range 3 {
		if i > 0 {
			time.Sleep(1500 * time.Millisecond)
			tm.keys("down") // only ↓ moves the highlight on
		}
		tm.readReferral() // a consent key answers only a referral wholly on screen
		time.Sleep(1500 * time.Millisecond)
		tm.keys("n")
	}
	time.Sleep(1500 * time.Millisecond)
	tm.keys("enter")
	for i := 0; i < 20 && !strings.Contains(tm.vt.Screen(), "Saved ·"); i++ {
		if s := tm.vt.Screen(); strings.Contains(s, "Nothing has changed") || strings.Contains(s, readBackAsk) {
			time.Sleep(1500 * time.Millisecond)
			tm.keys("enter")
		}
		time.Sleep(500 * time.Millisecond)
	}
	step("Saved ·", "q")
	tm.exited()
	wholeOnScreen(t, tm.vt.Screen(), "to the trust's FHIR server (waiting at most 15s)...",
		"Not sent yet (will retry): record ", ", could not connect to the FHIR server. Nothing is lost: it is kept here and sent with the next save or push.",
		"also explain what they say in person", "Learn My Way (Good Things Foundation)", "digicheck.db")
}

// TestWhatAnAmendSaysBeforeTheFullScreenStaysWrappedAtWords: what amend
// says as it asks the FHIR server, before the full screen, is what the
// clinician finds above it once it ends: it was cut mid-word ("as" /
// "sessments", "sh" / "own").
func TestWhatAnAmendSaysBeforeTheFullScreenStaysWrappedAtWords(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	prev := savedPatient(t, dir)
	server := closedServer(t)
	config := filepath.Join(dir, "site.toml")
	if err := os.WriteFile(config, []byte("fhir_server = \""+server+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := startTerm(t, dir, 80, 24, []string{"DIGICHECK_CONFIG=" + config}, "amend", prev.ID.String(), "--reason", "ui test")
	tm.waitFor("Clinician")
	time.Sleep(1500 * time.Millisecond)
	tm.keys("ctrl+c")
	tm.exited()
	wholeOnScreen(t, tm.vt.Screen(), "for patient "+prev.Patient.String()+"'s assessments (waiting at most 8s)...",
		"What is shown is this machine's record of patient "+prev.Patient.String()+" only: another machine may have amended it or followed it up since.",
		"If this goes on, tell IT.")
}
