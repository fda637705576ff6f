//go:build !windows

package main

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestPlainPromptsSayTheDraftIsKeptWhenStopped: Ctrl-C at a question of
// the plain prompts ended the run without a word, and a screen-reader user
// could not tell the answers were kept. Ctrl-C and q each say, in words,
// that the answers given are kept as a draft of the patient and how to
// resume it, and the draft is there; q before any patient was given says
// nothing was kept.
func TestPlainPromptsSayTheDraftIsKeptWhenStopped(t *testing.T) {
	t.Parallel()
	for _, stop := range []string{"ctrl+c", "q"} {
		t.Run(stop, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			tm := startTerm(t, dir, 80, 24, nil, "--accessible", "--team", "Ward 7")
			tm.waitFor("Patient identifier:")
			tm.keys("1", "enter")
			tm.waitFor("NHS number (10 digits)")
			tm.keys("9434765919", "enter")
			tm.waitFor("Clinician")
			tm.keys("Dr A Test", "enter") // typed: none is filled in
			tm.waitFor("Team")
			tm.keys("enter")
			tm.waitFor("Which of these can you use")
			tm.keys("1", "enter")
			tm.waitFor("How do you get online?")
			if stop == "q" {
				tm.keys("q", "enter")
			} else {
				tm.keys("ctrl+c")
			}
			tm.exited()
			s := flatScreenOnceShows(tm, "Run digicheck to resume it")
			if !strings.Contains(s, "kept as a draft for patient 943 476 5919") || !strings.Contains(s, "Run digicheck to resume it") {
				t.Errorf("stopped with %s without saying the answers are kept as a draft:\n%s", stop, tm.vt.Screen())
			}
			if !slices.Contains(draftsIn(t, dir), "9434765919") {
				t.Errorf("no draft kept after %s", stop)
			}
		})
	}
	t.Run("q before a patient", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		tm := startTerm(t, dir, 80, 24, nil, "--accessible", "--team", "Ward 7")
		tm.waitFor("Patient identifier:")
		tm.keys("q", "enter")
		tm.exited()
		s := flatScreenOnceShows(tm, "Drafts kept before are as they were")
		if !strings.Contains(s, "No answers of this assessment were kept") || !strings.Contains(s, "Drafts kept before are as they were") || strings.Contains(s, "kept as a draft for") {
			t.Errorf("q before a patient does not say nothing was kept:\n%s", tm.vt.Screen())
		}
	})
}

// flatScreenOnceShows is the screen's words on one line, once they include
// want or a few seconds have passed: what a program printed as it ended
// may still be on its way from the terminal.
func flatScreenOnceShows(tm *ptyTerm, want string) string {
	deadline := time.Now().Add(5 * time.Second)
	for {
		s := strings.Join(strings.Fields(tm.vt.Screen()), " ")
		if strings.Contains(s, want) || time.Now().After(deadline) {
			return s
		}
		time.Sleep(20 * time.Millisecond)
	}
}
