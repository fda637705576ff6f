//go:build !windows

package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// keptAnswer is the answer to linkID the file a refused save kept the
// answers in holds now, as its data says it (a record, or, once answers
// changed, a draft).
func keptAnswer(t *testing.T, shown, dir, linkID string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "digicheck-not-saved-*.txt"))
	if len(files) != 1 {
		t.Fatalf("files keeping the answers: %v; want the refused save's one:\n%s", files, shown)
	}
	body := fileBytes(t, files[0])
	_, data, ok := strings.Cut(body, "The same answers as data, for IT:\n")
	if !ok {
		t.Fatalf("the file holds no data:\n%s", body)
	}
	var d store.Draft
	if err := json.Unmarshal([]byte(data), &d); err == nil && d.Answers != nil {
		return d.Answers[linkID]
	}
	var r record.Record
	if err := json.Unmarshal([]byte(data), &r); err != nil {
		t.Fatalf("the file's data is neither a draft nor a record: %v\n%s", err, body)
	}
	return r.Answers[linkID]
}

// Full screen, a save refused while another program held the store, the
// answers and note kept in a file, the only copy: an answer changed in a
// section opened from the review ("Worry: A little worried" on screen)
// reached that file only at the section's end, and a run killed (SIGKILL)
// before it left the answer the patient had corrected. The file holds
// each answer confirmed in the section by the time the screen shows it.
func TestTheFileOfARefusedSaveHoldsEachSectionAnswerAsSoonAsTheScreenShowsIt(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	tm, dir := atResult(t)
	for _, k := range []string{"d", "down", "n", "down", "a"} {
		tm.keys(k)
		time.Sleep(1500 * time.Millisecond)
	}
	holdStoreNow(t, filepath.Join(dir, "digicheck.db"))
	tm.saveReadBack()
	tm.waitFor("Not saved")
	time.Sleep(2500 * time.Millisecond) // the draft kept after the refusal has been refused too
	if got := keptAnswer(t, tm.vt.Screen(), dir, questionnaire.LinkWorry); len(got) != 1 || got[0] != "very" {
		t.Fatalf("the refused save kept the worry as %q, want very", got)
	}

	tm.keys("esc")
	tm.waitFor("Check every answer with the patient")
	time.Sleep(1500 * time.Millisecond)
	tm.keys("3")
	tm.waitFor("Would you like to do things")
	time.Sleep(1500 * time.Millisecond)
	tm.keys("enter") // kept as it was
	tm.waitFor("How worried are you")
	time.Sleep(1500 * time.Millisecond)
	tm.keys("2") // a little worried
	tm.waitFor("Worry: A little worried")
	if got := keptAnswer(t, tm.vt.Screen(), dir, questionnaire.LinkWorry); len(got) != 1 || got[0] == "very" {
		t.Errorf("the screen shows the worry changed, the file keeps %q:\n%s", got, tm.vt.Screen())
	}
	if err := tm.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-tm.done
	if got := keptAnswer(t, tm.vt.Screen(), dir, questionnaire.LinkWorry); len(got) != 1 || got[0] == "very" {
		t.Errorf("killed as the screen showed the worry changed, the file keeps %q", got)
	}
}
