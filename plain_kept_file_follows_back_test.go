package main

import (
	"strings"
	"testing"
	"time"
)

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
	was := keptConsents(t, nil, run.dir)
	if answered(was, "declined") == 0 || answered(was, "agreed") != 0 {
		t.Fatalf("the refused save kept %v; want every referral declined", was)
	}
	run.typeLines([]string{"2"}) // go back: the referrals are asked again
	run.waitSaid("Referral 1 of", 2)
	run.typeLines([]string{"1"}) // the first, declined, now agreed
	run.waitSaid("Referral 2 of", 2)
	if got := keptConsents(t, nil, run.dir); answered(got, "agreed") != 1 {
		t.Errorf("a referral agreed after the refused save, Go back, is not in the file named as the next is asked: it keeps %v\n%s", got, run.out.String())
	}
	run.typeLines(declined[1:]) // the rest as they were
	run.waitSaid("Save this assessment?", 3)
	if err := run.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = run.cmd.Wait()
	if got := keptConsents(t, nil, run.dir); answered(got, "agreed") != 1 {
		t.Errorf("killed once the referral was agreed, the file keeps %v", got)
	}
}
