//go:build !windows

package main

import (
	"slices"
	"strings"
	"testing"
)

// TestPlainPromptsSayTheDraftIsKeptWhenStopped: Ctrl-C at a question of
// the plain prompts ended the run without a word, and a screen-reader user
// could not tell the answers were kept. Ctrl-C and q each say, in words,
// that the answers given are kept as a draft of the patient and how to
// resume it, and the draft is there; q before any patient was given says
// nothing was kept.
func TestPlainPromptsSayTheDraftIsKeptWhenStopped(t *testing.T) {
	for _, stop := range []string{"ctrl+c", "q"} {
		t.Run(stop, func(t *testing.T) {
			dir := t.TempDir()
			tm := startTerm(t, dir, 80, 24, nil, "--accessible", "--team", "Ward 7")
			tm.waitFor("Patient identifier:")
			tm.keys("1", "enter")
			tm.waitFor("NHS number (10 digits)")
			tm.keys("9434765919", "enter")
			tm.waitFor("Clinician")
			tm.keys("enter")
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
			s := strings.Join(strings.Fields(tm.vt.Screen()), " ")
			if !strings.Contains(s, "kept as a draft for patient 943 476 5919") || !strings.Contains(s, "Run digicheck to resume it") {
				t.Errorf("stopped with %s without saying the answers are kept as a draft:\n%s", stop, tm.vt.Screen())
			}
			if !slices.Contains(draftsIn(t, dir), "9434765919") {
				t.Errorf("no draft kept after %s", stop)
			}
		})
	}
	t.Run("q before a patient", func(t *testing.T) {
		dir := t.TempDir()
		tm := startTerm(t, dir, 80, 24, nil, "--accessible", "--team", "Ward 7")
		tm.waitFor("Patient identifier:")
		tm.keys("q", "enter")
		tm.exited()
		s := strings.Join(strings.Fields(tm.vt.Screen()), " ")
		if !strings.Contains(s, "No answers were kept") || strings.Contains(s, "kept as a draft for") {
			t.Errorf("q before a patient does not say nothing was kept:\n%s", tm.vt.Screen())
		}
	})
}
