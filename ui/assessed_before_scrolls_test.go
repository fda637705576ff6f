package ui

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/record"
)

// TestTheNoticeOfAPatientAssessedBeforeScrollsToItsEnd: at 60x20, with a
// --db and a --config in folders whose names have spaces, the notice of a
// patient assessed before said "▼ more below" under the followup command,
// and ↓, pgdn and end only brought up "Press f to follow the patient up…":
// the amend command and the sentence that says what f and n do could not
// be read. The notice scrolls with the keys that scroll the result: every
// line of it comes on screen, its commands whole, and ↑, pgup and home go
// back to its first line. The keys that answer it still answer it.
func TestTheNoticeOfAPatientAssessedBeforeScrollsToItsEnd(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the commands are left whole on Windows")
	}
	t.Parallel()
	const given = " --db '/tmp/uifix/x/Ward Stores/digicheck store.db' --config '/tmp/uifix/x/Ward Stores/site-config/ward 7b.toml'"
	for _, size := range []struct{ w, h int }{{60, 20}, {80, 24}} {
		t.Run("", func(t *testing.T) {
			t.Parallel()
			o := testOptions((&memStore{}).Save)
			o.Given = given
			o.FollowUpOffered = true
			before := earlierAssessment(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr A", "Ward 1")
			o.Assessed = func(record.PatientID) ([]assess.Assessed, error) { return []assess.Assessed{before}, nil }
			d := newDriver(t, o, size.w, size.h)
			givePatient(d)
			if !strings.Contains(flat(d.screen()), "this patient was assessed before") {
				t.Fatalf("the notice of a patient assessed before is not on screen:\n%s", d.screen())
			}
			var notice []string
			for _, l := range strings.Split(plain(d.m.earlierText(d.m.contentWidth())), "\n") {
				if strings.TrimSpace(l) != "" {
					notice = append(notice, l)
				}
			}
			first, last := notice[0], notice[len(notice)-1]

			seen := map[string]bool{}
			look := func(why string) string {
				t.Helper()
				s := d.screen()
				checkFits(t, d.m.View().Content, size.w, size.h)
				if strings.Contains(s, "Press f to follow the patient up") {
					t.Fatalf("%dx%d: %s is taken for an answer to the notice:\n%s", size.w, size.h, why, s)
				}
				for _, l := range strings.Split(s, "\n") {
					seen[strings.TrimSpace(l)] = true
				}
				for begins, want := range map[string]string{
					"digicheck followup": "digicheck followup " + validNHS + given,
					"digicheck amend":    "digicheck amend " + before.Short + " --reason …" + given,
				} {
					if strings.Contains(s, begins) {
						commandCopiesWhole(t, s, begins, want, size.w)
					}
				}
				return s
			}
			s := look("the first frame")
			if !strings.Contains(s, first) {
				t.Fatalf("%dx%d: the notice's first line %q is not on screen:\n%s", size.w, size.h, first, s)
			}
			for i := 0; i < 40 && !strings.Contains(s, last); i++ {
				d.press("down")
				s = look("↓")
			}
			for _, l := range notice {
				if !seen[strings.TrimSpace(l)] {
					t.Errorf("%dx%d: the notice's line %q never came on screen with ↓", size.w, size.h, l)
				}
			}
			if !strings.Contains(flat(s), "Or change the patient (esc), or stop (ctrl+c).") {
				t.Errorf("%dx%d: ↓ does not bring the notice's last sentence into view:\n%s", size.w, size.h, s)
			}
			if strings.Contains(s, "more below") {
				t.Errorf("%dx%d: at the notice's end the screen says more is below:\n%s", size.w, size.h, s)
			}
			d.press("home")
			if s = look("home"); !strings.Contains(s, first) {
				t.Errorf("%dx%d: home does not go back to the notice's first line:\n%s", size.w, size.h, s)
			}
			d.press("end")
			if s = look("end"); !strings.Contains(flat(s), "Or change the patient (esc), or stop (ctrl+c).") {
				t.Errorf("%dx%d: end does not show the notice's last sentence:\n%s", size.w, size.h, s)
			}
			for i := 0; i < 10 && !strings.Contains(s, first); i++ {
				d.press("pgup")
				s = look("pgup")
			}
			if !strings.Contains(s, first) {
				t.Errorf("%dx%d: pgup does not go back to the notice's first line:\n%s", size.w, size.h, s)
			}
			for i := 0; i < 10 && !strings.Contains(s, last); i++ {
				d.press("pgdown")
				s = look("pgdn")
			}
			if !strings.Contains(s, last) {
				t.Errorf("%dx%d: pgdn does not bring the notice's last line into view:\n%s", size.w, size.h, s)
			}
			for i := 0; i < 40 && !strings.Contains(s, first); i++ {
				d.press("up")
				s = look("↑")
			}
			if !strings.Contains(s, first) {
				t.Errorf("%dx%d: ↑ does not go back to the notice's first line:\n%s", size.w, size.h, s)
			}
			// Still answered by its keys.
			d.press("n")
			if d.m.earlier != "" {
				t.Errorf("%dx%d: n no longer goes on after scrolling the notice:\n%s", size.w, size.h, d.screen())
			}
		})
	}
}
