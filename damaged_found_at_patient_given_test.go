package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The plain prompts on a store named by --db, sound as they started and
// found damaged as the patient's assessments were read, said "nothing
// will be written to it until digicheck check finds it sound" (and the
// drafts refused after, "(Not kept as a draft in the store: …)", the
// same): run as written, that checked the default store, which said it
// was sound. Every command they say carries the --db given.
func TestThePlainPromptsOnAStoreFoundDamagedAtThePatientGiveTheStoreGiven(t *testing.T) {
	src, rs := storeWith(t, 40)
	dir := filepath.Join(t.TempDir(), "Ward 9")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "ward.db")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	f, root, size := openRecordsRoot(t, path)
	if _, err := f.WriteAt(make([]byte, size), root*size); err != nil {
		t.Fatal(err)
	}
	f.Close()
	given := " --db " + shellWord(path)
	out, errs, err := runCLI(t, nil, "1\n"+rs[0].Patient.Value+"\nDr P\nWard 7\n1\n", "--db", path, "--accessible")
	said := out + errs
	if err != nil {
		said += err.Error()
	}
	if !strings.Contains(said, "found damaged as the patient's assessments were read") || !strings.Contains(said, "digicheck check") {
		t.Fatalf("the plain prompts do not say the store was found damaged at the patient, with the check to run:\n%s", said)
	}
	if bare := bareSuggested(said, given); len(bare) > 0 {
		t.Errorf("the plain prompts give %q without%s:\n%s", bare, given, said)
	}
}
