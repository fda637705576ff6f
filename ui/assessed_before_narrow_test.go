package ui

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/record"
)

// TestTheNoticeOfAPatientAssessedBeforeIsReadWholeAtSixtyColumns: at
// 60x20, with a --db and a --config in folders whose names have spaces,
// the notice of a patient assessed before put the --config path, wider
// than the window, on rows of its own (copied from the screen, it held a
// newline), and its sentence "Follow it up now (f). A new assessment is
// right for a new baseline: go on with it (n)…" was cut off the bottom
// with nothing to say so. Each command is given whole on rows that copy
// whole, or not at all, the screen saying how to see it; and the notice
// is read to its end, or says that more of it is below and how to see it.
func TestTheNoticeOfAPatientAssessedBeforeIsReadWholeAtSixtyColumns(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the commands are left whole on Windows")
	}
	t.Parallel()
	for _, given := range []string{
		" --db '/tmp/x/Ward Stores/digicheck.db' --config '/tmp/x/Ward Stores/site-config/ward 7b.toml'",
		" --db '/tmp/uifix/x/Ward Stores/digicheck store.db' --config '/tmp/uifix/x/Ward Stores/site-config/ward 7b.toml'",
	} {
		t.Run("", func(t *testing.T) {
			t.Parallel()
			o := testOptions((&memStore{}).Save)
			o.Given = given
			o.FollowUpOffered = true
			before := earlierAssessment(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr A", "Ward 1")
			o.Assessed = func(record.PatientID) ([]assess.Assessed, error) { return []assess.Assessed{before}, nil }
			d := newDriver(t, o, 60, 20)
			givePatient(d)
			s := d.screen()
			if !strings.Contains(flat(s), "this patient was assessed before") {
				t.Fatalf("the notice of a patient assessed before is not on screen:\n%s", s)
			}
			commandCopiesWhole(t, s, "digicheck followup", "digicheck followup "+validNHS+given, 60)
			commandCopiesWhole(t, s, "digicheck amend", "digicheck amend "+before.Short+" --reason …"+given, 60)
			if !strings.Contains(flat(s), "Or change the patient (esc), or stop (ctrl+c).") && !strings.Contains(s, "more below") {
				t.Errorf("at 60x20 the notice is cut with nothing to say more is below:\n%s", s)
			}
			checkFits(t, d.m.View().Content, 60, 20)
		})
	}
}
