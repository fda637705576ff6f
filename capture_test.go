//go:build !windows

package main

import (
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"charm.land/lipgloss/v2"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// keyBytes is what a terminal sends for each key.
func keyBytes(keys ...string) []byte {
	var b []byte
	for _, k := range keys {
		s, ok := map[string]string{"enter": "\r", "esc": "\x1b", "down": "\x1b[B", "up": "\x1b[A"}[k]
		if !ok {
			s = k
		}
		b = append(b, s...)
	}
	return b
}

// read in a list of keys is a pause of longer than the hold (refusalHold in
// ui) where a question comes up because of the answer before it: keys
// typed before such a question was shown answer nothing (see
// TestABurstInAFollowUpAnswersNoQuestionItBringsUp), so a clinician who
// knows the program types up to it, reads it, and types on.
const read = "read"

// alone in a list of keys is a pause of longer than the word hold (1.2 s
// in ui) after a key of the review, the result or the saved screen: such a
// key (a consent, q) is taken only when typed on its own, with no key after
// it for that long.
const alone = "alone"

// readName in a list of keys reads the clinician box as a clinician
// does before typing their name in it: the keys before it are sent, and
// the rest after a pause.
const readName = "read the name"

// readReferral in a list of keys reads down the result, as a clinician
// does before asking about the first referral: a consent key answers only a
// referral wholly on screen, and at 80x24 the first is below the fold. The
// keys before it are sent; then ↓ (or ↑) is pressed, one at a time, while
// the footer says the consent keys would answer a referral off screen.
const readReferral = "read the referral"

// offeredNameRead is how long a test reads the name offered in the
// clinician box before its enter: the word hold (1.2 s) and a margin.
const offeredNameRead = 1500 * time.Millisecond

// endKey is the End key as a terminal sends it. At 80x24 the review does
// not fit, and is passed only once all of it has been on screen: End
// scrolls to its end.
const endKey = "\x1b[F"

// writeKeys types keys into tm, each run between reads in one write (or a
// key every gap), reading for 500 ms at each read, and pausing 1.5 s at
// each alone. Each pause starts once the program has drawn what the keys
// before it brought up (settled): on a loaded machine a question can come
// up later than the pause lasts, and keys typed before it was shown are
// then rightly ignored, which is not what such a test is about.
func writeKeys(t *testing.T, tm *ptyTerm, gap time.Duration, keys ...string) {
	t.Helper()
	var run []string
	flush := func(pause time.Duration) {
		if gap == 0 {
			if _, err := tm.ptmx.Write(keyBytes(run...)); err != nil {
				t.Fatal(err)
			}
		} else {
			for _, k := range run {
				if _, err := tm.ptmx.Write(keyBytes(k)); err != nil {
					t.Fatal(err)
				}
				time.Sleep(gap)
			}
		}
		run = nil
		settled(tm)
		time.Sleep(pause)
	}
	for _, k := range keys {
		switch k {
		case read:
			flush(500 * time.Millisecond)
		case readName:
			flush(offeredNameRead)
		case alone:
			flush(1500 * time.Millisecond)
		case readReferral:
			flush(500 * time.Millisecond)
			tm.readReferral()
		default:
			run = append(run, k)
		}
	}
	flush(500 * time.Millisecond)
}

// highBarrier is a whole assessment of a patient with a landline only, no
// internet, who needs large print and chooses a phone call, typed as a
// clinician who knows the program types it: numbers choose answers, arrows
// and enter in two places, and an enter after a number out of habit in two
// others. It ends saved. The review and the result are read before keys
// are typed at them: keys typed before either was shown answer nothing.
var highBarrier = []string{
	"1", "9434765919", "enter", readName, "Dr A Test", "enter", "enter", // patient; the clinician reads the box, then types their name
	"5", "enter", "4", "enter", "1", // access: landline only; not online; never runs out
	read, "2", // no care alarm, asked because of the landline: read before it is answered
	"7", "enter", "1", "3", "enter", "5", "enter", // skills: none on their own; needs no help; no NHS App; nothing hard
	"down", "down", "down", "enter", // wants online: not sure (arrows); one who says No is offered two referrals, support alone
	"down", "down", "down", "enter", // worry: very worried (arrows)
	"1", "enter", // bad experience: no, and an enter typed after the number out of habit, which confirms it
	"2", "enter", // needs: large print
	read, "1", "1", // 20 point, asked because of large print; reading help never
	"1", "enter", "1", "enter", // no contact requirement; no way ruled out
	"4", "1", // their choice: phone call; the patient answered
	"2", "enter", // optional section: skip, and again an enter out of habit
	alone, endKey, alone, "enter", // the review, read to its end before it is left (an enter is taken there only once it has been on view for the word hold, and its end too)
	read, readReferral, "d", "down", alone, "n", "down", alone, "a", alone, // the result, read down to the first referral: the three referrals shown declined, not discussed, agreed, ↓ between them (the highlight moves only by ↓, and brings the next referral on screen, which is read out before its answer: a consent typed within the word hold of the ↓ that brought its referral up records nothing)
	"enter", alone, "enter", // the answers read back, then saved
}

// highBarrierAnswers is what highBarrier means: the patient's answers to
// version 1's questions as they answer version 2 (testkit.V2).
var highBarrierAnswers = testkit.V2(questionnaire.Answers{
	questionnaire.LinkDevices:       {questionnaire.DevLandline},
	questionnaire.LinkInternet:      {questionnaire.NetNone},
	questionnaire.LinkAfford:        {"never"},
	questionnaire.LinkTasks:         {questionnaire.TaskNone},
	questionnaire.LinkHelp:          {questionnaire.HelpNone},
	questionnaire.LinkWant:          {questionnaire.WantNotSure},
	questionnaire.LinkWorry:         {"very"},
	questionnaire.LinkBadExperience: {questionnaire.No},
	questionnaire.LinkCommNeeds:     {questionnaire.NeedLargePrint},
	questionnaire.LinkReadingHelp:   {"never"},
	questionnaire.LinkChoice:        {string(questionnaire.RoutePhone)},
})

// typeAssessment types highBarrier into the real binary, in one write up
// to each question an answer brings up, or a key at a time, and returns
// the record saved.
func typeAssessment(t *testing.T, gap time.Duration) record.Record {
	t.Helper()
	dir := t.TempDir()
	tm := startTerm(t, dir, 80, 24, nil)
	tm.waitFor("New assessment", "Identifier")
	writeKeys(t, tm, gap, highBarrier...)
	tm.waitFor("Saved · record")
	if _, err := tm.ptmx.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	tm.exited()
	st, err := store.Open(filepath.Join(dir, "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var recs []record.Record
	if err := st.Each(func(r record.Record) error { recs = append(recs, r); return nil }, nil); err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 {
		t.Fatalf("%d records saved, want 1", len(recs))
	}
	return recs[0]
}

// TestABurstOfKeysSavesWhatWasMeant types a whole assessment into the real
// binary as one write, as a remote desktop or a loaded ward PC delivers a
// fast typist's keys, and again a key every 150 ms, and again as one write
// beside a CPU hog: every record holds the answers meant, and the same
// referral answers. (A form that applied typed-ahead keys to the question
// just left, or started on a preselected answer, saves other answers.)
func TestABurstOfKeysSavesWhatWasMeant(t *testing.T) {
	check := func(t *testing.T, name string, r record.Record) {
		t.Helper()
		if !reflect.DeepEqual(r.Answers, highBarrierAnswers) {
			t.Errorf("%s: answers\n got %v\nwant %v", name, r.Answers, highBarrierAnswers)
		}
		var consents []string
		for _, f := range r.Recommendation.Referrals {
			consents = append(consents, f.Consent)
		}
		want := []string{questionnaire.Declined, questionnaire.NotDiscussed, questionnaire.Agreed}
		if len(consents) < 3 || !reflect.DeepEqual(consents[:3], want) {
			t.Errorf("%s: referral answers %v, want %v first", name, consents, want)
		}
		for i, c := range consents[min(3, len(consents)):] {
			if c != questionnaire.NotDiscussed {
				t.Errorf("%s: referral %d was never shown but is %q, want not discussed", name, i+4, c)
			}
		}
		if r.Recommendation.Primary != questionnaire.RoutePhone {
			t.Errorf("%s: contact by %s, want phone", name, r.Recommendation.Primary)
		}
	}
	// The two typed without a hog go side by side; the one beside the
	// hog runs after them, alone, as the hog would slow any test beside it.
	var burst, paced record.Record
	t.Run("without a hog", func(t *testing.T) {
		t.Run("one write", func(t *testing.T) {
			t.Parallel()
			burst = typeAssessment(t, 0)
			check(t, "one write", burst)
		})
		t.Run("150 ms apart", func(t *testing.T) {
			t.Parallel()
			paced = typeAssessment(t, 150*time.Millisecond)
			check(t, "150 ms apart", paced)
		})
	})
	if !reflect.DeepEqual(burst.Answers, paced.Answers) {
		t.Errorf("one write and 150 ms apart saved different answers")
	}

	stop := hog(2 * runtime.NumCPU())
	loaded := typeAssessment(t, 0)
	stop()
	check(t, "one write beside a CPU hog", loaded)
}

// TestEscAndTheNextKeyInOneWriteGoBackAndAnswerNothing types into the real
// binary, in one write, the Access section and then esc 3, as a terminal
// delivers esc and the key after it in one read. Esc goes back to the care
// alarm question; the 3, typed before that question was on screen again,
// answers nothing, and the screen says so. Typed once the question is in
// view, the rest of the assessment saves the answers meant. (Read together,
// esc 3 was one alt+3 key, dropped without a word, and the keys after it
// then fell on the wrong questions.)
func TestEscAndTheNextKeyInOneWriteGoBackAndAnswerNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tm := startTerm(t, dir, 80, 24, nil)
	tm.waitFor("New assessment", "Identifier")
	access := slices.Index(highBarrier, "7") // the first key of the Skills section
	first := append(slices.Clone(highBarrier[:access]), "esc", "3")
	writeKeys(t, tm, 0, first...)
	tm.waitFor("Keys typed straight after esc were ignored", "Access · 1 of")
	time.Sleep(1500 * time.Millisecond) // the question is read: an enter keeps its answer only once it has been on view for the word hold
	writeKeys(t, tm, 0, append([]string{"enter"}, highBarrier[access:]...)...)
	tm.waitFor("Saved · record")
	if _, err := tm.ptmx.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	tm.exited()
	st, err := store.Open(filepath.Join(dir, "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var recs []record.Record
	if err := st.Each(func(r record.Record) error { recs = append(recs, r); return nil }, nil); err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || !reflect.DeepEqual(recs[0].Answers, highBarrierAnswers) {
		t.Fatalf("%d records; answers %v, want %v", len(recs), recs[0].Answers, highBarrierAnswers)
	}
}

// hog keeps n goroutines spinning until stop is called.
func hog(n int) (stop func()) {
	var done atomic.Bool
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := 0
			for !done.Load() {
				x++
			}
			_ = x
		}()
	}
	return func() { done.Store(true); wg.Wait() }
}

// Backgrounds to measure against: common dark and light terminal
// backgrounds, with a default foreground for text drawn without colour.
var (
	darkBackgrounds  = []string{"#000000", "#0C0C0C", "#1E1E1E", "#300A24", "#012456", "#3A3A3A"}
	lightBackgrounds = []string{"#FFFFFF", "#F0F0F0", "#FDF6E3"}
)

// wcag is WCAG 2's contrast ratio of two colours.
func wcag(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, bl, _ := c.RGBA()
		lin := func(v uint32) float64 {
			s := float64(v>>8) / 255
			if s <= 0.03928 {
				return s / 12.92
			}
			return math.Pow((s+0.055)/1.055, 2.4)
		}
		return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(bl)
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// worstContrast is the lowest contrast of any character drawn on screen
// against its background, for each background a terminal of that kind may
// have, and where it is.
func worstContrast(cells [][]cell, defaultFG string, backgrounds []string) (float64, string) {
	worst, where := 21.0, ""
	for _, bgName := range backgrounds {
		for y, row := range cells {
			for x, c := range row {
				if strings.TrimSpace(c.g) == "" {
					continue
				}
				fg, bg := c.pen.fg, c.pen.bg
				if fg == nil {
					fg = lipgloss.Color(defaultFG)
				}
				if bg == nil {
					bg = lipgloss.Color(bgName)
				}
				if c.pen.reverse {
					fg, bg = bg, fg
				}
				if r := wcag(fg, bg); r < worst {
					worst, where = r, fmt.Sprintf("%q at row %d col %d on %s", c.g, y+1, x+1, bgName)
				}
			}
		}
	}
	return worst, where
}

// coloured reports whether any character is drawn in a colour.
func coloured(cells [][]cell) bool {
	for _, row := range cells {
		for _, c := range row {
			if strings.TrimSpace(c.g) != "" && (c.pen.fg != nil || c.pen.bg != nil) {
				return true
			}
		}
	}
	return false
}

// TestEveryScreenIsReadableOnDarkAndLight runs the real binary in a
// terminal that says its background is dark, or light (COLORFGBG), with 256
// colours and with 24-bit colour, and measures the contrast of every
// character on each screen of an assessment (patient, a multiple choice, a
// single choice, a refused answer, review, result, saved) against every
// common background of that kind: 4.5:1 (WCAG AA) at the least. Where the
// background is not known, or the terminal has 16 colours, nothing may be
// coloured: the terminal's own pair of colours is the only one known to be
// readable.
func TestEveryScreenIsReadableOnDarkAndLight(t *testing.T) {
	t.Parallel()
	steps := []struct {
		screen string
		keys   []string
		wait   []string
	}{
		{"patient", nil, []string{"New assessment", "Identifier"}},
		{"multiple choice", []string{"1", "9434765919", "enter", readName, "Dr A Test", "enter", "enter"}, []string{"Which of these can you use"}},
		{"single choice", []string{"5", "enter", "4", "enter"}, []string{"Do you run out of data"}},
		{"refused answer", []string{"enter"}, []string{"Choose an answer"}},
		{"review", []string{"1", read, "2", "7", "enter", "1", "3", "enter", "5", "enter", "4", "3", "1", "2", "enter", read, "1", "1",
			"1", "enter", "1", "enter", "4", "1", "2"}, []string{"Review", "Print size"}},
		{"result", []string{alone, endKey, alone, "enter"}, []string{"Barriers"}}, // the referrals may begin below the fold
		{"read back", []string{readReferral, "d", "down", alone, "n", "down", alone, "a", alone, "enter"}, []string{readBackAsk}},
		{"saved", []string{alone, "enter"}, []string{"Saved · record"}},
	}
	terminals := []struct {
		name        string
		env         []string
		defaultFG   string
		backgrounds []string
		colour      bool
	}{
		{"dark, 256 colours", []string{"COLORFGBG=15;0"}, "#D0D0D0", darkBackgrounds, true},
		{"dark, 24-bit", []string{"COLORFGBG=15;0", "COLORTERM=truecolor"}, "#D0D0D0", darkBackgrounds, true},
		{"light, 256 colours", []string{"COLORFGBG=0;15"}, "#000000", lightBackgrounds, true},
		{"light, 24-bit", []string{"COLORFGBG=0;15", "COLORTERM=truecolor"}, "#000000", lightBackgrounds, true},
		{"background unknown", nil, "#D0D0D0", darkBackgrounds, false},
		{"16 colours", []string{"COLORFGBG=15;0", "TERM=xterm"}, "#D0D0D0", darkBackgrounds, false},
	}
	for _, term := range terminals {
		t.Run(term.name, func(t *testing.T) {
			t.Parallel()
			tm := startTerm(t, t.TempDir(), 80, 24, term.env)
			for _, s := range steps {
				if len(s.keys) > 0 {
					writeKeys(t, tm, 0, s.keys...)
				}
				tm.waitFor(s.wait...)
				// The frame that shows the text may be followed by one
				// that finishes the screen; give it a moment.
				time.Sleep(100 * time.Millisecond)
				if s.screen == "refused answer" || s.screen == "review" {
					// Keys typed straight after a refusal are dropped
					// (they were meant for a question that never came),
					// and an enter straight after the number that opened
					// the review confirms that number: the next step is
					// typed after reading the screen.
					time.Sleep(600 * time.Millisecond)
				}
				cells := tm.vt.Cells()
				if !term.colour {
					if coloured(cells) {
						t.Errorf("%s screen: drawn in colour where no colour is known to be readable:\n%s", s.screen, tm.vt.Screen())
					}
					continue
				}
				if !coloured(cells) {
					t.Errorf("%s screen: no colour at all; the theme was not applied", s.screen)
				}
				r, where := worstContrast(cells, term.defaultFG, term.backgrounds)
				if r < 4.5 {
					t.Errorf("%s screen: contrast %.2f:1 (%s), want 4.5:1 or more", s.screen, r, where)
				}
				t.Logf("%s screen: lowest contrast %.2f:1 (%s)", s.screen, r, where)
			}
		})
	}
}

// settled waits until tm's screen has not changed for 150 ms (at most 10
// s): the program has taken the keys typed so far and drawn what they
// brought up.
func settled(tm *ptyTerm) {
	const still = 150 * time.Millisecond
	deadline := time.Now().Add(10 * time.Second)
	last, since := tm.vt.Screen(), time.Now()
	for time.Now().Before(deadline) {
		time.Sleep(30 * time.Millisecond)
		if s := tm.vt.Screen(); s != last {
			last, since = s, time.Now()
		} else if time.Since(since) >= still {
			return
		}
	}
}
