package ui

import (
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/record"
)

// longGiven is a run's --db and --config in folders whose names have
// spaces and hyphens, each longer than a line of the screen.
const longGiven = " --db '/tmp/ward-stores/Community Nursing North-East Locality Team/shared-workstation-digicheck/s1.db'" +
	" --config '/tmp/site settings/north-east-community-nursing/digicheck-site-configuration-2026.toml'"

// copiedFromScreen is the command that begins begins on screen, as a
// clinician copies it with the mouse: from the row where it begins, with
// each row that goes on from it (the row before ends " \", or goes on
// with what the row before could not hold), a newline between rows as a
// terminal's copy puts one, and the screen's margin at the start of each
// row after the first; the sentence's punctuation after it left out.
// Pasted into a shell, " \" and the newline after it join two rows; a
// newline anywhere else ends the command, or, in a quoted path, is put
// into the path.
func copiedFromScreen(t *testing.T, screen, begins, want string) string {
	t.Helper()
	rows := strings.Split(screen, "\n")
	for i, r := range rows {
		at := strings.Index(r, begins)
		if at < 0 {
			continue
		}
		// flat is the rows read as one line, to tell whether the next
		// row goes on with the command; cmd is what the copy holds.
		cmd, flat := r[at:], r[at:]
		for i+1 < len(rows) {
			next := rows[i+1]
			switch {
			case strings.HasSuffix(flat, " \\"):
				flat = strings.TrimSuffix(flat, " \\") + " " + strings.TrimLeft(next, " ")
			case flat != want && strings.HasPrefix(want, flat) && len(next) > 1:
				flat += next[1:]
			default:
				next = ""
			}
			if next == "" {
				break
			}
			i++
			cmd += "\n" + next
		}
		return strings.TrimRight(cmd, ").,;:")
	}
	t.Fatalf("%q is not on the screen:\n%s", begins, screen)
	return ""
}

// shortGiven is a run's --db and --config in folders whose names have
// spaces, each of which fits a line of the screen at 60 columns.
const shortGiven = " --db '/tmp/x/Ward Stores/digicheck store.db' --config '/tmp/x/Ward Stores/site-config/ward 7b.toml'"

// commandCopiesWhole fails unless the command want, which begins begins,
// copied from screen as a clinician copies it, is the command to a shell;
// or, where it cannot be shown whole, unless the screen gives none of it
// and says how to see it whole (a wider window, or scrolling down). It
// reports whether the command was shown.
func commandCopiesWhole(t *testing.T, screen, begins, want string, w int) bool {
	t.Helper()
	if !strings.Contains(screen, begins) {
		if !strings.Contains(flat(screen), "Too wide to show here:") && !strings.Contains(screen, "▼ more below") {
			t.Errorf("at %d columns the screen neither gives %q nor says how to see it:\n%s", w, begins, screen)
		}
		if strings.Contains(screen, "▼ more below") {
			return false // cut below whole commands, shown whole above
		}
		for _, piece := range strings.Fields(want) {
			if len(piece) > 12 && strings.Contains(screen, piece) {
				t.Errorf("at %d columns the screen gives no %q, yet shows a piece of it (%q):\n%s", w, begins, piece, screen)
			}
		}
		return false
	}
	got := copiedFromScreen(t, screen, begins, want)
	g, err := exec.Command("sh", "-c", `printf '%s\n' `+got).Output()
	if err != nil {
		t.Errorf("at %d columns, copied from the screen, %q does not run: %v\n%s", w, got, err, screen)
		return true
	}
	wnt, _ := exec.Command("sh", "-c", `printf '%s\n' `+want).Output()
	if string(g) != string(wnt) {
		t.Errorf("at %d columns, copied from the screen the command is\n%s\na shell makes of it\n%s\nwant\n%s\nThe screen:\n%s", w, got, g, wnt, screen)
	}
	return true
}

// TestTheFullScreensCommandsAreShownWholeAndCopyWhole: the notice of a
// patient assessed before gave its commands broken at their flags, with a
// --db and a --config longer than the line cut at the window's edge with
// no mark; the read-back of a patient found assessed at the save gave the
// follow-up command in its sentence, broken inside the quoted paths at
// their spaces and hyphens. Then a path wider than the line went on over
// rows of its own: copied with the mouse, as a terminal copies rows (a
// newline between them), the path held a newline, and the command named a
// file that is not there. Now a command that fits is given on rows that
// copy whole, and one that cannot fit is not given in pieces: the screen
// says how wide the window must be to show it.
func TestTheFullScreensCommandsAreShownWholeAndCopyWhole(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the commands are left whole on Windows")
	}
	t.Parallel()
	for _, c := range []struct {
		given string
		w     int
		fits  bool
	}{{longGiven, 80, false}, {longGiven, 62, false}, {shortGiven, 80, true}, {shortGiven, 62, true}} {
		t.Run("assessed before", func(t *testing.T) {
			t.Parallel()
			st := &memStore{}
			o := testOptions(st.Save)
			o.Given = c.given
			before := earlierAssessment(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr A", "Ward 1")
			o.Assessed = func(record.PatientID) ([]assess.Assessed, error) { return []assess.Assessed{before}, nil }
			d := newDriver(t, o, c.w, 40)
			givePatient(d)
			d.waitFor("To correct it:")
			screen := d.screen()
			for begins, want := range map[string]string{
				"digicheck followup": "digicheck followup " + validNHS + c.given,
				"digicheck amend":    "digicheck amend " + before.Short + " --reason …" + c.given,
			} {
				if shown := commandCopiesWhole(t, screen, begins, want, c.w); shown != c.fits {
					t.Errorf("at %d columns %q shown: %v, want %v:\n%s", c.w, begins, shown, c.fits, screen)
				}
			}
		})
		t.Run("found at the save", func(t *testing.T) {
			t.Parallel()
			st := &memStore{}
			o := testOptions(st.Save)
			o.Given = c.given
			earlier := earlierAssessment(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr Dee", "Ward 1")
			read := &heldRead{held: true}
			o.Assessed = read.read
			d := newDriver(t, o, c.w, 60)
			givePatient(d)
			d.waitFor("cannot be looked up now")
			time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
			d.press("n")
			d.aloneEnds()
			d.waitFor("Access · 1 of 5")
			d.press("x", "enter")
			d.waitFor("How do you get online?")
			d.press("x", "enter")
			d.waitFor("Do you run out of data")
			d.press("1")
			d.waitFor("Skills · 2 of 5")
			d.press("x")
			answerRest(d)
			read.set(false, earlier)
			d.press("end", "enter")
			d.waitFor("Result")
			answerReferrals(d, firstReferrals)
			d.press("enter")
			d.waitFor(confirmAsk)
			d.press("end")
			screen := d.screen()
			want := "digicheck followup " + validNHS + c.given
			if shown := commandCopiesWhole(t, screen, "digicheck followup", want, c.w); shown != c.fits {
				t.Errorf("at %d columns the follow-up command shown: %v, want %v:\n%s", c.w, shown, c.fits, screen)
			}
		})
	}
}
