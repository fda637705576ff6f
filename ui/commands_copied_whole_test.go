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

// copiedFromScreen is the command want as a clinician copies it from
// screen: from the row where it begins, each row after one that ends " \"
// joined with a space (the " \" and the indent dropped, as a shell joins
// them), and a row going on with what the row before could not hold
// joined as it is, less the screen's margin; the sentence's punctuation
// after it left out.
func copiedFromScreen(t *testing.T, screen, begins, want string) string {
	t.Helper()
	rows := strings.Split(screen, "\n")
	for i, r := range rows {
		at := strings.Index(r, begins)
		if at < 0 {
			continue
		}
		cmd := r[at:]
		for i+1 < len(rows) {
			switch {
			case strings.HasSuffix(cmd, " \\"):
				i++
				cmd = strings.TrimSuffix(cmd, " \\") + " " + strings.TrimLeft(rows[i], " ")
				continue
			case cmd != want && strings.HasPrefix(want, cmd) && len(rows[i+1]) > 1:
				i++
				cmd += rows[i][1:]
				continue
			}
			break
		}
		return strings.TrimRight(cmd, ").,;:")
	}
	t.Fatalf("%q is not on the screen:\n%s", begins, screen)
	return ""
}

// sameWords fails unless a POSIX shell makes the same words of got and
// want.
func sameWords(t *testing.T, got, want string) {
	t.Helper()
	g, err := exec.Command("sh", "-c", `printf '%s\n' `+got).Output()
	if err != nil {
		t.Fatalf("a shell cannot run %q: %v", got, err)
	}
	w, _ := exec.Command("sh", "-c", `printf '%s\n' `+want).Output()
	if string(g) != string(w) {
		t.Errorf("a shell gives digicheck\n%s\nwant\n%s", g, w)
	}
}

// TestTheFullScreensCommandsAreShownWholeAndCopyWhole: the notice of a
// patient assessed before gave its commands broken at their flags, with a
// --db and a --config longer than the line cut at the window's edge with
// no mark; the read-back of a patient found assessed at the save gave the
// follow-up command in its sentence, broken inside the quoted paths at
// their spaces and hyphens. Pasted as shown, a shell ran another command.
// Now no part of a command is cut, and copied from the screen each is the
// command, at 80 columns and narrower.
func TestTheFullScreensCommandsAreShownWholeAndCopyWhole(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the commands are left whole on Windows")
	}
	t.Parallel()
	for _, w := range []int{80, 62} {
		t.Run("assessed before", func(t *testing.T) {
			t.Parallel()
			st := &memStore{}
			o := testOptions(st.Save)
			o.Given = longGiven
			before := earlierAssessment(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr A", "Ward 1")
			o.Assessed = func(record.PatientID) ([]assess.Assessed, error) { return []assess.Assessed{before}, nil }
			d := newDriver(t, o, w, 40)
			givePatient(d)
			d.waitFor("To correct it:")
			screen := d.screen()
			for begins, want := range map[string]string{
				"digicheck followup": "digicheck followup " + validNHS + longGiven,
				"digicheck amend":    "digicheck amend " + before.Short + " --reason …" + longGiven,
			} {
				if got := copiedFromScreen(t, screen, begins, want); got != want {
					t.Errorf("at %d columns, copied from the screen the command is\n%s\nwant\n%s\nThe screen:\n%s", w, got, want, screen)
				} else {
					sameWords(t, got, want)
				}
			}
		})
		t.Run("found at the save", func(t *testing.T) {
			t.Parallel()
			st := &memStore{}
			o := testOptions(st.Save)
			o.Given = longGiven
			earlier := earlierAssessment(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr Dee", "Ward 1")
			read := &heldRead{held: true}
			o.Assessed = read.read
			d := newDriver(t, o, w, 60)
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
			want := "digicheck followup " + validNHS + longGiven
			if got := copiedFromScreen(t, screen, "digicheck followup", want); got != want {
				t.Errorf("at %d columns, copied from the read-back the command is\n%s\nwant\n%s\nThe screen:\n%s", w, got, want, screen)
			} else {
				sameWords(t, got, want)
			}
		})
	}
}
