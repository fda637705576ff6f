package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"digicheck/questionnaire"
)

// serverNotice is what followup says when the FHIR server cannot be
// reached, with a URL long enough to be wrapped inside the box.
const serverNotice = "warning: could not reach the FHIR server http://fhir.example-trust.nhs.uk:8080/fhir/R4 (dial tcp 10.0.0.1:8080: connect: connection refused).\n" +
	"What is shown is this machine's record of patient 943 476 5919 only: another machine may have amended it or followed it up since."

// boxText is the text inside the notice box on screen, its lines joined
// with single spaces (and none after a hyphen), or "" when there is no box.
func boxText(screen string) string {
	var words []string
	in := false
	for _, l := range strings.Split(screen, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(l, "╭"):
			in = true
		case strings.HasPrefix(l, "╰"):
			in = false
		case in && strings.HasPrefix(l, "│"):
			words = append(words, strings.Fields(strings.Trim(l, "│"))...)
		}
	}
	// A line broken after a hyphen (in a URL) is one word.
	return strings.ReplaceAll(strings.Join(words, " "), "- ", "-")
}

// TestTheServersNoticeIsOnTheFirstFrame: a follow-up started after the
// FHIR server could not be reached says so, in full, in a box on its
// first frame, above the question, which stays in view with its keys;
// every line fits 80 columns.
func TestTheServersNoticeIsOnTheFirstFrame(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	o.Notice = serverNotice
	d := newDriver(t, o, 80, 24)
	s := d.screen()
	if got, want := boxText(s), strings.Join(strings.Fields(serverNotice), " "); got != want {
		t.Fatalf("the first frame's notice box says\n%q\nwant\n%q\nscreen:\n%s", got, want, s)
	}
	d.waitFor("Follow-up", "Following up the assessment of 2 Feb 2026", "Clinician", "enter next")
	for i, l := range strings.Split(s, "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("line %d is %d columns wide: %q", i, w, l)
		}
	}
	if strings.Index(s, "╰") > strings.Index(s, "Clinician") {
		t.Errorf("the notice is not above the question:\n%s", s)
	}
}

// TestALongNoticeLeavesTheQuestionInView: on the smallest window the UI
// draws, a notice too long for the room left shows what fits, saying
// there is more (read with pgdn), rather than push the question and its
// keys off the screen.
func TestALongNoticeLeavesTheQuestionInView(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	o.Notice = strings.Repeat(serverNotice+"\n", 4)
	d := newDriver(t, o, minWidth, minHeight)
	d.waitFor("Clinician", "enter next", "▼ more below: pgdn")
	if !strings.Contains(boxText(d.screen()), "could not reach the FHIR server") {
		t.Fatalf("the cut notice does not begin with the warning:\n%s", d.screen())
	}
}

// TestTheServersNoticeStaysBesideTheChange: the follow-up's result, where
// the change since the earlier assessment is read, repeats the notice,
// since that earlier assessment may not be the latest. It is about the
// patient followed up: the next patient's assessment, started from the
// saved screen, does not show it.
func TestTheServersNoticeStaysBesideTheChange(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st, repeat(questionnaire.Declined, 10)...)
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	o.Notice = serverNotice
	d := newDriver(t, o, 80, 24)
	d.press("enter", "enter")
	d.waitFor("Follow-up · Access · 1 of 5")
	if boxText(d.screen()) != "" {
		t.Fatalf("the notice box stays over the questions:\n%s", d.screen())
	}
	d.press("x", "enter")
	d.waitFor("How do you get online?")
	d.press("x", "enter")
	d.waitFor("Do you run out of data")
	d.press("1")
	d.waitFor("Skills · 2 of 5")
	d.press("x")
	answerRest(d)
	d.press("end", "enter")
	d.waitFor("Follow-up · Result", "Change since 2 Feb 2026")
	if got, want := boxText(d.screen()), strings.Join(strings.Fields(serverNotice), " "); got != want {
		t.Fatalf("the result's notice box says\n%q\nwant\n%q\nscreen:\n%s", got, want, d.screen())
	}
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Saved ·")
	d.press("n")
	d.waitFor("New assessment")
	if strings.Contains(d.screen(), "could not reach") {
		t.Fatalf("a new assessment shows the last patient's notice:\n%s", d.screen())
	}
}
