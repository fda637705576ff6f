package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// conflictNotice is what followup shows in the box when the FHIR server
// holds a newer state of one of the patient's assessments that this
// machine could not take in, and the follow-up goes on from the latest
// assessment, read from the server: the lines readPatient prints, as the
// box is given them.
const conflictNotice = "warning: the FHIR server holds a newer state of this patient's assessment, made by Sister Okafor at 2026-03-05 10:12 on another machine, that this machine could not take in. This machine's amendment 019cb8d9-68aa is current here only and is not sent; the assessment cannot be amended or voided here until that is settled.\n" +
	"Server version 3 (record 019cb8d9-68aa-7784-8541-e42792789780) of assessment 019b1418-1dd5-7784-8541-e42792789780.\n" +
	"See both:\ndigicheck push --conflicts\n" +
	"Keep the server's version (this machine's kept, superseded):\ndigicheck push --resolve 019cb8d9-68aa-7784-8541-e42792789780 --keep-server\n" +
	"Keep this machine's version:\ndigicheck push --resolve 019cb8d9-68aa-7784-8541-e42792789780 --keep-mine\n" +
	"Following up 019cd2f1-0c1e-7b61-9a57-2f8a3c1d4e5b of 2026-03-06, read from the FHIR server http://localhost:8080/fhir."

// noticeRows is the text rows of the notice box on screen, less the row
// that says there is more to read.
func noticeRows(screen string) []string {
	var rows []string
	in := false
	for _, l := range strings.Split(screen, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(l, "╭"):
			in = true
		case strings.HasPrefix(l, "╰"):
			in = false
		case in && strings.HasPrefix(l, "│"):
			r := strings.TrimSpace(strings.Trim(l, "│"))
			if !strings.HasPrefix(r, "▲") && !strings.HasPrefix(r, "▼") {
				rows = append(rows, r)
			}
		}
	}
	return rows
}

// TestALongFollowUpNoticeIsReadWholeAt80x24 (issue 13): at 80x24 the box
// a follow-up starts with cut a warning of an assessment in conflict with
// the server after its seventh line, with "…": the commands that settle
// it, and the line saying where the assessment followed up came from,
// were never shown. Every word of it can be read now: the box says there
// is more, and pgdn and pgup page through it, wrapped at whole words
// inside the box (a record id or a command's option never cut at its
// hyphens),
// with the question under it in view and its answer untouched.
func TestALongFollowUpNoticeIsReadWholeAt80x24(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	o.Notice = conflictNotice
	d := newDriver(t, o, 80, 24)
	first := d.screen()
	if !strings.Contains(first, "more below") {
		t.Fatalf("the first frame does not say there is more of the notice to read:\n%s", first)
	}
	var seen []string
	for i := 0; ; i++ {
		s := d.screen()
		d.waitFor("Clinician", "Dr Ada Test", "enter next")
		for n, l := range strings.Split(s, "\n") {
			if w := ansi.StringWidth(l); w > 80 {
				t.Errorf("line %d is %d columns wide: %q", n, w, l)
			}
		}
		rows := noticeRows(s)
		// A last page drawn from the end repeats the rows before it.
		overlap := 0
		for k := min(len(seen), len(rows)); k > 0; k-- {
			if strings.Join(seen[len(seen)-k:], "\n") == strings.Join(rows[:k], "\n") {
				overlap = k
				break
			}
		}
		seen = append(seen, rows[overlap:]...)
		if !strings.Contains(s, "more below") {
			break
		}
		if i == 20 {
			t.Fatalf("pgdn never reached the end of the notice:\n%s", s)
		}
		d.press("pgdown")
	}
	if got, want := strings.Join(seen, " "), strings.Join(strings.Fields(conflictNotice), " "); got != want {
		t.Errorf("read through with pgdn, the box says\n%q\nwant\n%q", got, want)
	}
	for _, whole := range []string{"019cb8d9-68aa-7784-8541-e42792789780", "--keep-server", "--keep-mine", "digicheck push --conflicts"} {
		if !strings.Contains(strings.Join(seen, "\n"), whole) {
			t.Errorf("%q is not whole on a line of the box:\n%s", whole, strings.Join(seen, "\n"))
		}
	}
	for range 20 {
		d.press("pgup")
	}
	if d.screen() != first {
		t.Errorf("pgup back to the start does not show the first frame again:\n%s", d.screen())
	}
}

// TestALongFollowUpNoticeAt80x24Golden is the first frame of a follow-up
// with a notice longer than its box, the record followed up named
// 0123abcd-ef01.
func TestALongFollowUpNoticeAt80x24Golden(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	o.Notice = conflictNotice
	d := newDriver(t, o, 80, 24)
	// The record followed up is made anew for each run.
	golden.RequireEqual(t, strings.ReplaceAll(d.screen(), prev.ID.String()[:13], "0123abcd-ef01"))
}
