package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// Damaged stores, item 5 of the last re-test (t15g fault 6): a patient's
// entry of the patient index filed under another number was found only at
// the first draft, after the first section's answers, so the clinician
// went on as if the patient's history were sound. The plain prompts say it
// as the number is given, before the next question, that this patient's
// history cannot be trusted and the answers go to a file; nothing is
// written.
func TestPlainPromptsSayADamagedIndexEntryAsTheNumberIsGiven(t *testing.T) {
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
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := runNewPiped(t, path, strings.Join(append(append([]string{}, pipedPatient...), "q"), "\n")+"\n")
	said := strings.Join(strings.Fields(out), " ")
	at := strings.Index(said, "this patient's history and follow-ups cannot be trusted")
	next := strings.Index(said, "Clinician")
	if at < 0 || next >= 0 && at > next {
		t.Errorf("the damaged index entry is not said as the number is given, before the next question:\n%s", out)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Errorf("the damaged store was written to:\n%s", out)
	}
}
