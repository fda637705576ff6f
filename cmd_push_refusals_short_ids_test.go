package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestRefusedSettlesOfferCommandsThatNameOneRecord: with two versions made
// in one millisecond in the store, the settles' refusals (the server not
// read, not shown, lost, a void over an amendment) offered commands that
// named the record by the 13 characters both ids share, refused, pasted,
// as naming two records. Each now names it by the store's prefix that
// tells it apart.
func TestRefusedSettlesOfferCommandsThatNameOneRecord(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "s.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mine := testkit.Assessed(t, testkit.Offline(nil))
	mine.ID = newID(t)
	other := mine
	other.ID = sameMillisecond(t, mine.ID)
	if _, err := st.SaveCopies([]record.Record{mine, other}, "http://ward.example/fhir"); err != nil {
		t.Fatal(err)
	}
	theirs := mine
	theirs.ID, theirs.Clinician = newID(t), "Nurse Bea"
	voided := mine
	voided.Status = record.EnteredInError
	k := store.Conflict{Record: mine.ID, Assessment: mine.ID, ServerVersion: "1", Shown: "1", ServerRecord: theirs.ID, ServerClinician: "Nurse Bea", ServerTime: time.Now(), What: "amendment", At: time.Now()}
	for name, refusal := range map[string]error{
		"not read":           settleNotRead(st, context.DeadlineExceeded, mine.ID, mine.ID, "--keep-mine"),
		"not shown":          settleOnShown(st, k, "2", theirs, mine.ID),
		"lost":               lacksRefusal(st, k, mine.ID),
		"void over amending": voidOverRefusal(st, k, voided, theirs, "1"),
	} {
		if refusal == nil {
			t.Fatalf("%s: no refusal", name)
		}
		msg := flat(refusal.Error())
		named := regexp.MustCompile(`(?:--resolve|^record) ([0-9a-f-]+)`).FindAllStringSubmatch(msg, -1)
		if len(named) == 0 {
			t.Fatalf("%s names no record:\n%s", name, msg)
		}
		for _, m := range named {
			if strings.HasPrefix(other.ID.String(), m[1]) {
				t.Errorf("%s names the record as %q, which names %s as well:\n%s", name, m[1], other.ID, msg)
			}
		}
	}
}
