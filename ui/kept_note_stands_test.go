package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// TestAPastedNoteIsSaidToStandOnlyWhenItIsTheSavedRecordsNote: once a save
// refused and kept in a file succeeds, the saved screen says whether a note
// pasted from the file stands. It said so whenever the record's id and
// time were the file's; a follow-up's change since the check it follows up
// is the store's to work out, against the version that stands at the
// save, and one amended meanwhile gives another note. Said to stand, the
// patient record kept a note that is not the record's.
func TestAPastedNoteIsSaidToStandOnlyWhenItIsTheSavedRecordsNote(t *testing.T) {
	file := filepath.Join(t.TempDir(), "digicheck-not-saved-x.txt")
	if err := os.WriteFile(file, []byte("note"), 0o600); err != nil {
		t.Fatal(err)
	}
	prev := testkit.Assessed(t, testkit.Interpreter(nil))
	prev.ID = record.MustParseID("01890000-0000-7000-8000-0000000000a0")
	kept := testkit.Assessed(t, testkit.Included(nil))
	kept.FollowsUp = prev.ID
	record.SetChange(&kept, prev)
	same := kept
	if k := keptGoneOf(file, kept, same); k.changed || !strings.Contains(k.text(80), "stands: it is this record's note") {
		t.Errorf("the record saved as kept: the screen says %q", k.text(80))
	}
	amended := prev
	amended.ID = record.MustParseID("01890000-0000-7000-8000-0000000000a1")
	amended.Answers = testkit.Included(nil)
	amended.Result = kept.Result
	other := kept
	record.SetChange(&other, amended)
	if k := keptGoneOf(file, kept, other); !k.changed || strings.Contains(k.text(80), "stands") {
		t.Errorf("the record saved with another change since than the file's note: the screen says %q", k.text(80))
	}
}
