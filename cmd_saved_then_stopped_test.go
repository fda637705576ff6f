package main

import (
	"strings"
	"testing"

	"digicheck/store"
)

// TestAPipedRunThatSavesThenStopsNamesNoDraft: a piped run saves an
// assessment, starts a new one and ends at its second prompt, before any
// answer. Saving removed the draft of the patient saved and the new
// assessment has no answers: the run says the assessment saved is kept and
// nothing after it, never that the answers are kept as a draft for the
// patient just saved (there is no such draft).
func TestAPipedRunThatSavesThenStopsNamesNoDraft(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 0)
	input := "1\n9434765927\nNurse Eve\nWard 1\n1\n1 2\n1\n1 2 3 4 5 6\n1\n1\n5\n1\n1\n1\n1\n1\n1\n1\n3\n1\n2\n1\n1\n1\n2\n"
	out, _ := runNewPiped(t, path, input)
	if !strings.Contains(out, "Saved 1 assessment(s)") {
		t.Fatalf("the run did not save the assessment:\n%s", out)
	}
	flat := strings.Join(strings.Fields(out), " ")
	if strings.Contains(flat, "kept as a draft for patient") {
		t.Fatalf("the run names a draft that does not exist:\n%s", out)
	}
	// Said straight after "Saved.", "No answers of this assessment were
	// kept" read as if the assessment just saved were lost.
	if strings.Contains(flat, "No answers of this assessment were kept") {
		t.Fatalf("the run says no answers of \"this assessment\" were kept, after one was saved:\n%s", out)
	}
	if !strings.Contains(flat, "The assessment saved above is kept. No answers were given after it, so nothing more was kept.") {
		t.Fatalf("the run does not say the assessment saved is kept and nothing after it:\n%s", out)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ds, err := st.ListDrafts(0); err != nil || len(ds) != 0 {
		t.Fatalf("%d drafts kept (%v), want none", len(ds), err)
	}
}
