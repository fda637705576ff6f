package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"digicheck/record"
)

// The question about a kept draft at the start of a new assessment of its
// patient ("r resumes, n new") takes only a key typed on its own, after it
// was shown: a word typed there (a name, a number typed with letters)
// resumes nothing and starts nothing.

// slowly delivers keys at a typist's pace, one every 0.45 s, then lets
// the timers the model set run, as a word typed with two fingers reaches
// it.
func slowly(d *driver, keys ...string) {
	var cmds []tea.Cmd
	for _, k := range keys {
		_, cmd := d.m.Update(keyPress(k))
		cmds = append(cmds, cmd)
		time.Sleep(450 * time.Millisecond)
	}
	for _, c := range cmds {
		d.run(c)
	}
}

// keptTyping is the question about the patient's kept draft, read, with
// keys held at it as at a terminal; it counts the claims of the draft.
func keptTyping(t *testing.T) (*driver, *int) {
	st := tempStore(t)
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(draftAt(t, st))
	claims := 0
	o.ClaimDraft = func(record.ID) error { claims++; return nil }
	d := newDriver(t, o, 80, 24)
	startNewFor(t, d)
	d.waitFor("An unfinished assessment of NHS 943 476 5919", "r resume the draft", "n new assessment anyway")
	d.m.refusalHold = refusalHold
	time.Sleep(refusalHold) // the question has been read
	return d, &claims
}

// stillAsked fails unless the question about the kept draft is still on
// screen, nothing resumed and no new assessment begun.
func stillAsked(t *testing.T, d *driver, claims int, what string) {
	t.Helper()
	if d.m.kept == nil || d.m.screen != patientScreen || claims != 0 {
		t.Fatalf("%s at the question about the kept draft resumed it or began a new assessment (claims %d, screen %d):\n%s", what, claims, d.m.screen, d.screen())
	}
	d.waitFor("An unfinished assessment of NHS 943 476 5919")
}

// TestAWordTypedAtTheKeptDraftQuestionResumesAndStartsNothing: a name or
// a number typed with letters at "resume it (r), or a new assessment
// anyway (n)?", in a burst or at a typist's pace, resumes nothing and
// starts nothing: its r or n is a letter of a word, and the word is
// refused, saying so. r or n typed on its own answers.
func TestAWordTypedAtTheKeptDraftQuestionResumesAndStartsNothing(t *testing.T) {
	t.Parallel()
	for _, w := range []string{"Bernard", "nurse", "Ann", "r2", "n1", "Rn"} {
		t.Run(w, func(t *testing.T) {
			t.Parallel()
			d, claims := keptTyping(t)
			burst(d, append(word(w), "enter")...)
			stillAsked(t, d, *claims, w)
			if !strings.Contains(flat(d.screen()), "Keys are being ignored") {
				t.Fatalf("%q was not refused on screen:\n%s", w, d.screen())
			}
		})
	}
	for _, w := range []string{"rn", "nr", "Ronan"} {
		t.Run(w+" slowly", func(t *testing.T) {
			t.Parallel()
			d, claims := keptTyping(t)
			slowly(d, word(w)...)
			time.Sleep(wordHold + 100*time.Millisecond)
			stillAsked(t, d, *claims, w+" typed slowly")
		})
	}

	t.Run("r on its own", func(t *testing.T) {
		t.Parallel()
		d, claims := keptTyping(t)
		d.press("r") // taken once no key has followed it
		if *claims != 1 || d.m.kept != nil {
			t.Fatalf("r typed on its own did not resume the draft (claims %d):\n%s", *claims, d.screen())
		}
	})
	t.Run("n on its own", func(t *testing.T) {
		t.Parallel()
		d, claims := keptTyping(t)
		d.press("n")
		if *claims != 0 || d.m.kept != nil || d.m.screen != sectionScreen {
			t.Fatalf("n typed on its own did not start the new assessment:\n%s", d.screen())
		}
		d.waitFor("Access · 1 of 5")
	})
}
