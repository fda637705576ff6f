package main

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestNotKeptNamesTheCurrentVersionByTheStoresPrefix: "Not kept" named
// the current version in the amend command it offers by a prefix no other
// version it named shared, but another record of the store (another
// patient's, made in the same millisecond) could share it, and the
// command, pasted, was refused as naming two records. Said of a store, it
// names it by the prefix that tells it apart there.
func TestNotKeptNamesTheCurrentVersionByTheStoresPrefix(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "s.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	first := testkit.Assessed(t, testkit.Offline(nil))
	first.ID = newID(t)
	nextMillisecond()
	cur := first
	cur.ID, cur.Amends, cur.Clinician, cur.Status, cur.AmendReason = newID(t), first.ID, "Nurse B", record.Amended, "corrected on B"
	neighbour := testkit.Assessed(t, testkit.Offline(nil))
	neighbour.ID = sameMillisecond(t, cur.ID)
	nextMillisecond()
	mine := first
	mine.ID, mine.Amends, mine.Clinician, mine.Status, mine.AmendReason = newID(t), first.ID, "Nurse A", record.Amended, "corrected on A"
	mine.Answers = questionnaire.Answers{}
	for k, v := range first.Answers {
		mine.Answers[k] = v
	}
	mine.Answers[questionnaire.LinkEthnicity] = []string{"R"}
	if _, err := st.SaveCopies([]record.Record{first, cur, neighbour}, "http://ward.example/fhir"); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	notKeptLines(&out, st, cur, mine, &first, []record.Record{mine}, "this machine's", "")
	all := flat(out.String())
	amend := regexp.MustCompile(`digicheck amend (\S+)`).FindStringSubmatch(all)
	if amend == nil {
		t.Fatalf("no amend command offered:\n%s", out.String())
	}
	if !strings.HasPrefix(cur.ID.String(), amend[1]) || strings.HasPrefix(neighbour.ID.String(), amend[1]) {
		t.Errorf("the amend command names %q: not the current version %s alone (another record here is %s):\n%s", amend[1], cur.ID, neighbour.ID, out.String())
	}
}
