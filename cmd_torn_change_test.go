package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/record"
)

// keptOnCutShort checks what an assessment run on the store file cut
// short at p (size bytes long) left: one file beside the store keeping
// the patient's answers, naming the store and never the padded copy it was
// read from; no padded copy; the file cut short unchanged.
func keptOnCutShort(t *testing.T, what, p string, size int, patient record.PatientID, out string) string {
	t.Helper()
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(p), "digicheck-not-saved-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%s on a store cut short: %d files keep its answers, want 1:\n%s", what, len(kept), out)
	}
	b := fileBytes(t, kept[0])
	if !strings.Contains(b, patient.Value) || !strings.Contains(b, `"answers"`) || strings.Contains(b, ".digicheck-") {
		t.Errorf("%s: the kept file lacks the patient or the answers, or names the padded copy:\n%s", what, b)
	}
	if strings.Contains(out, ".digicheck-") {
		t.Errorf("%s names the padded copy, not the store:\n%s", what, out)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(p), ".digicheck-*")); len(left) > 0 {
		t.Errorf("%s left a padded copy behind: %v", what, left)
	}
	if fi, err := os.Stat(p); err != nil || fi.Size() != int64(size) {
		t.Errorf("%s changed the store cut short: %v", what, err)
	}
	return b
}

// Damaged stores, item 1 of the last re-test: new, summary, history, show
// and due read a store file cut short (from a copy padded to its full
// length), but followup refused it at once, so a patient could not be
// followed up on a file every reader read. The follow-up goes on, linked
// to the latest assessment read, and its answers are kept in a file
// beside the store, as a new assessment's are.
func TestAFollowUpOnAStoreCutShortIsKeptInAFile(t *testing.T) {
	t.Parallel()
	path, _, first := agreedToEverything(t)
	p, size := cutInLastPage(t, path)
	lines := followUpLines(t, first, "Dr F Up", "", "3", "no bus")
	out, errs, err := runStoreCmdIn(t, p, strings.Join(lines, "\n")+"\n", (*app).followupCmd, first.Patient.Value)
	all := out + errs
	if err != nil && strings.Contains(err.Error(), "bytes of") {
		t.Fatalf("followup on a store cut short refused at once: %v\n%s", err, all)
	}
	if !strings.Contains(all, "cannot be saved in the store") {
		t.Errorf("no warning before the follow-up that it cannot be saved (err %v):\n%s", err, all)
	}
	b := keptOnCutShort(t, "followup", p, size, first.Patient, all+errText(err))
	if !strings.Contains(b, first.ID.String()) {
		t.Errorf("the kept follow-up does not name the assessment it follows up (%s):\n%s", first.ID, b)
	}
}

// And an amendment likewise: the record is read from what is left, and
// the corrected answers are kept in a file, with the version they amend.
func TestAnAmendmentOnAStoreCutShortIsKeptInAFile(t *testing.T) {
	t.Parallel()
	path, _, base := agreedToEverything(t)
	p, size := cutInLastPage(t, path)
	lines := []string{"", "", "1"} // clinician and team as offered; the review confirmed
	for range assess.FirstReferrals {
		lines = append(lines, "") // the answer given before
	}
	lines = append(lines, "2", "1", "2") // not the rest; save; no new assessment
	out, errs, err := runStoreCmdIn(t, p, strings.Join(lines, "\n")+"\n", (*app).amendCmd, base.ID.String(), "--reason", "typo", "--clinician", "Dr Fix")
	all := out + errs
	if err != nil && strings.Contains(err.Error(), "bytes of") {
		t.Fatalf("amend on a store cut short refused at once: %v\n%s", err, all)
	}
	if !strings.Contains(all, "cannot be saved in the store") {
		t.Errorf("no warning before the amendment that it cannot be saved (err %v):\n%s", err, all)
	}
	b := keptOnCutShort(t, "amend", p, size, base.Patient, all+errText(err))
	if !strings.Contains(b, base.ID.String()) || !strings.Contains(b, "typo") {
		t.Errorf("the kept amendment does not name the version it amends (%s) or its reason:\n%s", base.ID, b)
	}
}
