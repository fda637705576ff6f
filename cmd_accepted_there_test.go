package main

import (
	"bytes"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// TestAConflictSettledElsewhereIsNotCalledSettledHere: push --conflicts
// listed a version refused as a conflict, then said "Settled: … this
// machine's own record … (by another clinician) … accepted as there": a
// conflict listed and settled in one breath, the record called this
// machine's own beside another clinician's name. It says plainly there is
// no conflict any more, and why.
func TestAConflictSettledElsewhereIsNotCalledSettledHere(t *testing.T) {
	t.Parallel()
	r := testkit.Assessed(t, testkit.Included(nil))
	id, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	r.ID, r.Clinician = id, "Dr Other"
	var b bytes.Buffer
	if err := acceptedThere(&b, "7", r); err != nil {
		t.Fatal(err)
	}
	all := strings.Join(strings.Fields(b.String()), " ")
	for _, bad := range []string{"Settled:", "this machine's own"} {
		if strings.Contains(all, bad) {
			t.Errorf("it says %q: %s", bad, all)
		}
	}
	for _, want := range []string{"No conflict any more", "server's current version 7 is record " + r.ID.String()[:13], "kept on the server since by another machine"} {
		if !strings.Contains(all, want) {
			t.Errorf("it does not say %q: %s", want, all)
		}
	}
}
