package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/record"
	"digicheck/store"
)

// keptConsents is what the file the refused save kept the answers in, in
// dir, holds as the referrals' answers, from its data for IT: a record as
// the save wrote it, or a draft as answers changed after it were. shown
// is what the run shows, for a failure.
func keptConsents(t *testing.T, shown string, dir string) map[string]string {
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
	if err := json.Unmarshal([]byte(data), &d); err == nil && len(d.Consent) > 0 {
		return d.Consent
	}
	var r record.Record
	if err := json.Unmarshal([]byte(data), &r); err != nil {
		t.Fatalf("the file's data is neither a draft nor a record: %v\n%s", err, body)
	}
	return assess.DraftOf(&r).Consent
}

// answered counts the referrals kept answered so.
func answered(consents map[string]string, as string) int {
	n := 0
	for _, c := range consents {
		if c == as {
			n++
		}
	}
	return n
}

// waitSaid waits for the run's output to say want n times in all.
func (r *heldPlain) waitSaid(want string, n int) {
	r.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for strings.Count(strings.Join(strings.Fields(r.out.String()), " "), want) < n {
		if time.Now().After(deadline) {
			r.t.Fatalf("waited for %q said %d times:\n%s", want, n, r.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Plain prompts, a save refused while another program held the store,
// the answers and note kept in the file named: a referral's answer
// changed after it (Go back, then the referral answered again) was not in
// that file until the run ended, and a run killed meanwhile left the
// patient's first answer in the only copy. The file follows each answer
// changed, as it is given, and a run killed (SIGKILL) then leaves it so.
func TestPlainPromptsWriteTheRefusedSavesFileAgainWithEachReferralAnswerChangedByGoBack(t *testing.T) {
	t.Parallel()
	run := startHeldPlain(t)
	declined := declinedShown(t)
	lines := append(append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...), declined...)
	run.typeLines(lines)
	run.waitSaid("Save this assessment?", 1)
	run.typeLines([]string{"1"}) // save: refused, kept in the file
	run.waitSaid("Not saved", 1)
	run.waitSaid("Save this assessment?", 2)
	was := keptConsents(t, run.out.String(), run.dir)
	if answered(was, "declined") == 0 || answered(was, "agreed") != 0 {
		t.Fatalf("the refused save kept %v; want every referral declined", was)
	}
	run.typeLines([]string{"2"}) // go back: the referrals are asked again
	run.waitSaid("Referral 1 of", 2)
	run.typeLines([]string{"1"}) // the first, declined, now agreed
	run.waitSaid("Referral 2 of", 2)
	if got := keptConsents(t, run.out.String(), run.dir); answered(got, "agreed") != 1 {
		t.Errorf("a referral agreed after the refused save, Go back, is not in the file named as the next is asked: it keeps %v\n%s", got, run.out.String())
	}
	if said := strings.Join(strings.Fields(run.out.String()), " "); strings.Contains(said[strings.LastIndex(said, "Referral 1 of"):], "will be kept in a file, named then") {
		t.Errorf("the answer, kept in the file named at the save, is said to be kept in a file to be named:\n%s", run.out.String())
	}
	run.typeLines(declined[1:]) // the rest as they were
	run.waitSaid("Save this assessment?", 3)
	if err := run.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = run.cmd.Wait()
	if got := keptConsents(t, run.out.String(), run.dir); answered(got, "agreed") != 1 {
		t.Errorf("killed once the referral was agreed, the file keeps %v", got)
	}
}

// The same, with the file named at the save no longer writable (replaced
// by a folder): the referral agreed after Go back was in neither the
// store nor the file, and the prompts said it was "kept in the file named
// at the save". They say it is kept in neither, naming the file and why.
func TestPlainPromptsSayAnAnswerIsInNeitherWhenTheRefusedSavesFileCannotBeWritten(t *testing.T) {
	t.Parallel()
	run := startHeldPlain(t)
	declined := declinedShown(t)
	lines := append(append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...), declined...)
	run.typeLines(lines)
	run.waitSaid("Save this assessment?", 1)
	run.typeLines([]string{"1"}) // save: refused, kept in the file
	run.waitSaid("Not saved", 1)
	run.waitSaid("Save this assessment?", 2)
	files, _ := filepath.Glob(filepath.Join(run.dir, "digicheck-not-saved-*.txt"))
	if len(files) != 1 {
		t.Fatalf("files keeping the answers: %v; want the refused save's one:\n%s", files, run.out.String())
	}
	if err := os.Remove(files[0]); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(files[0], 0o700); err != nil {
		t.Fatal(err)
	}
	run.typeLines([]string{"2"}) // go back: the referrals are asked again
	run.waitSaid("Referral 1 of", 2)
	run.typeLines([]string{"1"}) // the first, declined, now agreed
	run.waitSaid("Referral 2 of", 2)
	said := strings.Join(strings.Fields(run.out.String()), " ")
	after := said[strings.LastIndex(said, "Referral 1 of"):]
	if strings.Contains(after, "kept in the file named at the save") {
		t.Errorf("an answer the file could not take is said to be kept in it:\n%s", run.out.String())
	}
	if !strings.Contains(after, "not in the file named at the save") || !strings.Contains(after, filepath.Base(files[0])) {
		t.Errorf("an answer kept in neither the store nor the file is not said so, naming the file:\n%s", run.out.String())
	}
	if err := run.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = run.cmd.Wait()
}
