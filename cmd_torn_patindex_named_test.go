package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// A new assessment on a store cut short whose patient index is damaged
// said, as the number was given, "Why: the digicheck store
// …/.digicheck-torn-….tmp is damaged … Keep the file as it is and do not
// delete it": the padded copy it is read from, gone once digicheck ends,
// named as the store to keep. The reason names the store itself.
func TestThePatientsDamagedEntriesOnAStoreCutShortNameTheStoreNotItsCopy(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var mine record.Record
	for i := range 7 {
		r := testkit.Assessed(t, testkit.Offline(nil))
		if i < 6 {
			r.Patient = record.PatientID{Kind: record.LocalID, Value: fmt.Sprintf("RXH-%05d", 10000+i)}
		}
		if err := st.Save(&r); err != nil {
			t.Fatal(err)
		}
		mine = r
	}
	flipIndexEntry(t, path, mine)
	p, _ := cutInLastPage(t, path)
	out, _ := runNewPiped(t, p, strings.Join(append(append([]string{}, pipedPatient...), "q"), "\n")+"\n")
	said := strings.Join(strings.Fields(out), " ")
	if !strings.Contains(said, "this patient's history and follow-ups cannot be trusted") {
		t.Fatalf("the damaged index entry is not said as the number is given:\n%s", out)
	}
	if strings.Contains(out, ".digicheck-") || !strings.Contains(said, "the digicheck store "+p+" is damaged") {
		t.Errorf("the reason names the padded copy, not the store %s:\n%s", p, out)
	}
}
