package main

import (
	"bytes"
	"maps"
	"regexp"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// TestNotKeptNamesTwoVersionsOfOneMillisecondApart: two laptops amended
// one assessment in the same millisecond, and a settle kept the server's
// version; "Not kept" named the version current here, and gave the amend
// command to put the correction into it, by the 13 characters both ids
// share, so the command, pasted, was refused as naming two records. Each
// record it names is given by a prefix none of the others shares.
func TestNotKeptNamesTwoVersionsOfOneMillisecondApart(t *testing.T) {
	first := testkit.Assessed(t, testkit.Offline(nil))
	first.ID = newID(t)
	nextMillisecond()
	theirs := first
	theirs.ID, theirs.Amends, theirs.Clinician = newID(t), first.ID, "Nurse B"
	mine := first
	mine.ID, mine.Amends, mine.Clinician = sameMillisecond(t, theirs.ID), first.ID, "Nurse A"
	mine.Answers = maps.Clone(first.Answers)
	mine.Answers[questionnaire.LinkEthnicity] = []string{"R"}

	var out bytes.Buffer
	notKeptLineWords(&out, theirs, mine, &first, []record.Record{mine}, "this machine's", "")
	all := flat(out.String())
	if !strings.Contains(all, "Not kept:") {
		t.Fatalf("the settle lists nothing not kept:\n%s", out.String())
	}
	amend := regexp.MustCompile(`digicheck amend (\S+)`).FindStringSubmatch(all)
	if amend == nil {
		t.Fatalf("no amend command offered:\n%s", out.String())
	}
	if !strings.HasPrefix(theirs.ID.String(), amend[1]) || strings.HasPrefix(mine.ID.String(), amend[1]) {
		t.Errorf("the amend command names %q: not the current version %s alone (the version not kept is %s):\n%s", amend[1], theirs.ID, mine.ID, out.String())
	}
}
