package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// bareSuggested are the commands of suggested that text gives without
// given after them, its words on one line.
func bareSuggested(text, given string) []string {
	flat := strings.Join(strings.Fields(strings.ReplaceAll(text, " \\\n", " ")), " ")
	var bare []string
	for _, c := range suggested {
		for rest := flat; ; {
			i := strings.Index(rest, c)
			if i < 0 {
				break
			}
			rest = rest[i+len(c):]
			if rest != "" && isWordByte(rest[0]) || strings.HasPrefix(rest, " [flags]") { // a longer word, or cobra's usage
				continue
			}
			if !strings.HasPrefix(rest, given) {
				end := min(len(rest), 40)
				bare = append(bare, c+rest[:end])
			}
		}
	}
	return bare
}

// damagedWardStore is a store in a folder with a space, one of whose
// patient 9434765919's three records was changed on disk: a damaged
// store, named by --db.
func damagedWardStore(t *testing.T) (path, given string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "Ward 9")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(dir, "ward.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var rs []record.Record
	for range 3 {
		r := testkit.Assessed(t, testkit.Offline(nil))
		if err := st.Save(&r); err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	testkit.TamperJSON(t, path, "records", rs[1].ID.String(), func(r *record.Record) {
		r.Recommendation.Primary = questionnaire.RouteEmail
	})
	return path, " --db " + shellWord(path)
}

// On a damaged store named by --db, history said "run digicheck check",
// and the note it left beside the store said it too: copied and run, it
// checked the default store, which said it was sound. Every command it
// suggests carries the --db given; the note, read alone beside the
// store, names that store.
func TestHistoryOfADamagedStoreGivesItsCommandsWithTheStoreGiven(t *testing.T) {
	path, given := damagedWardStore(t)
	out, errs, err := runCLI(t, nil, "", "--db", path, "history", "9434765919")
	if err != nil {
		t.Fatalf("history: %v\n%s%s", err, out, errs)
	}
	if !strings.Contains(out+errs, "digicheck check") {
		t.Fatalf("history of a damaged store suggests no check:\n%s%s", out, errs)
	}
	if bare := bareSuggested(out+errs, given); len(bare) > 0 {
		t.Errorf("history gives %q without%s:\n%s%s", bare, given, out, errs)
	}
	note, err := os.ReadFile(store.DamageNote(path))
	if err != nil {
		t.Fatalf("no note beside the damaged store: %v", err)
	}
	if bare := bareSuggested(string(note), given); len(bare) > 0 || !strings.Contains(string(note), "digicheck check") {
		t.Errorf("the note beside the store gives %q without%s:\n%s", bare, given, note)
	}
	// A second run reads the note: what it says of it carries the store.
	out, errs, _ = runCLI(t, nil, "", "--db", path, "history", "9434765919")
	if bare := bareSuggested(out+errs, given); len(bare) > 0 {
		t.Errorf("history, the note left, gives %q without%s:\n%s%s", bare, given, out, errs)
	}
}

// followup of a patient on a damaged store named by --db refused, saying
// "run digicheck check" and "start a new assessment with digicheck new":
// run as written, they checked and assessed into the default store.
func TestFollowupOfADamagedStoreGivesItsCommandsWithTheStoreGiven(t *testing.T) {
	path, given := damagedWardStore(t)
	out, errs, err := runCLI(t, nil, "", "--db", path, "followup", "9434765919")
	said := out + errs
	if err != nil {
		said += err.Error()
	}
	if !strings.Contains(said, "digicheck new") || !strings.Contains(said, "digicheck check") {
		t.Fatalf("followup on a damaged store does not say to check it, or to assess anew:\n%s", said)
	}
	if bare := bareSuggested(said, given); len(bare) > 0 {
		t.Errorf("followup gives %q without%s:\n%s", bare, given, said)
	}
}

// The plain prompts on a damaged store named by --db ended an assessment
// saying the store takes nothing "until digicheck check finds it sound",
// and "run digicheck check": run as written, they checked the default
// store. Every command said carries the --db given.
func TestAnAssessmentOnADamagedStoreEndsGivingItsCommandsWithTheStoreGiven(t *testing.T) {
	path, given := damagedWardStore(t)
	// Saved, refused: "Finish, with the answers kept in the file" (1).
	out, errs, err := runCLI(t, nil, strings.TrimSuffix(pipedAssessment, "2\n")+"1\n", "--db", path, "new", "--accessible")
	said := out + errs
	if err != nil {
		said += err.Error()
	}
	if !strings.Contains(said, "digicheck check") || !strings.Contains(said, "kept in the file") {
		t.Fatalf("an assessment on a damaged store does not end with its answers in a file, saying to check the store:\n%s", said)
	}
	if bare := bareSuggested(said, given); len(bare) > 0 {
		t.Errorf("the assessment gives %q without%s:\n%s", bare, given, said)
	}
}
