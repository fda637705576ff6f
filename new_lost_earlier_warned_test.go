package main

import (
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// A store not yet checked lost a page of its records, among them an
// earlier assessment of the patient. history and followup said so; a new
// assessment of the patient went straight to the first question as if
// they had never been assessed (the full screen warned only after the
// first section, when its draft was refused), and a new baseline was
// taken for a patient assessed an hour before. Before the first question
// the patient's earlier assessments are read as history reads them, and
// what cannot be read is said: they may be missing, run check.
func TestANewAssessmentWarnsBeforeTheFirstQuestionThatLostEarlierAssessmentsMayBeMissing(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 30) // every one of patient 943 476 5919
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var first string
	err = db.View(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket([]byte("records")).Cursor().First()
		first = string(k)
		return nil
	})
	db.Close()
	if err != nil || first == "" {
		t.Fatalf("no record in the store: %v", err)
	}
	zeroLeafHolding(t, path, first)
	out, _ := runNewPiped(t, path, strings.Join(append(pipedPatient, pipedAccess...), "\n")+"\n")
	before, _, asked := strings.Cut(out, "Which of these can you use")
	if !asked {
		t.Fatalf("the first question was not asked:\n%s", out)
	}
	said := strings.Join(strings.Fields(before), " ")
	for _, want := range []string{"may be missing", "digicheck check"} {
		if !strings.Contains(said, want) {
			t.Errorf("before the first question, %q is not said:\n%s", want, before)
		}
	}
}
