package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A save refused while another program held the store kept the answers
// and note in a file, and told the clinician to paste that note; tried
// again once the store was free, it found the patient assessed, and the
// clinician saved these answers as another assessment, unchanged. The
// saved screen's heading said "Paste this note into the patient record"
// while the lines below said the note already pasted from the file stands:
// pasted again, the record held it twice. The heading now says to paste it
// only if the file's note was not pasted.
func TestSavedAfterARefusedSaveSaysToPasteTheNoteOnlyIfTheFilesWasNot(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt")
	read := &heldRead{}
	d, _ := notSavedHeld(t, file, read)
	read.set(false, earlierAssessment(t, fixedNow.Add(-time.Hour), "Dr Ann Test", "Ward 2"))
	d.press("r")
	d.waitFor("This patient was assessed on")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("end")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("enter")
	d.waitFor("Saved · record", "A note already pasted from it stands")
	s := flat(d.screen())
	if strings.Contains(s, "Saved. Paste this note into the patient record.") || !strings.Contains(s, "only if") {
		t.Errorf("the heading tells the clinician to paste the note, though the one pasted from the file stands:\n%s", d.screen())
	}
}
