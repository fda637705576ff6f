package main

import (
	"strings"
	"testing"
)

// TestTheFollowUpOfSeveralThatCountListsThemWithThisRunsStore: a follow-up
// of a patient with several assessments that count, none a follow-up of
// another, says which it follows up and to "see them all with digicheck
// history NUMBER": run as shown, that read the default store (none, or
// another), not the one this run was given with --db. It carries the
// run's --db, as every other command shown does.
func TestTheFollowUpOfSeveralThatCountListsThemWithThisRunsStore(t *testing.T) {
	path, rs := storeWith(t, 2)
	if rs[0].Patient != rs[1].Patient {
		t.Fatal("the two assessments are not of one patient")
	}
	_, stderr, _ := runCLI(t, nil, "", "--db", path, "followup", rs[0].Patient.Value)
	if !strings.Contains(stderr, "2 assessments that count") {
		t.Fatalf("the follow-up does not say the patient has 2 assessments that count:\n%s", stderr)
	}
	if want := "digicheck history " + rs[0].Patient.Value + " --db " + path; !strings.Contains(strings.Join(strings.Fields(stderr), " "), want) {
		t.Errorf("the follow-up does not give %q:\n%s", want, stderr)
	}
}
