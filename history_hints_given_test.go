package main

import (
	"strings"
	"testing"

	"digicheck/site"
)

// history run with --db (a ward's store, copied from the end of a run)
// said of a patient with several assessments that count "void it
// (digicheck void ID); to correct one, amend it (digicheck amend ID)":
// run as written, they opened the default store. Its commands carry the
// --db and --config history was given, as every other command shown does.
func TestHistorysVoidAndAmendHintsCarryTheStoreGiven(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 2) // two of one patient, neither a follow-up of the other
	given := " --db " + shellWord(path)
	out, errs, err := execute(&app{settings: site.Settings{DB: path}, given: given}, (*app).historyCmd, "", rs[0].Patient.Value)
	if err != nil {
		t.Fatalf("history: %v\n%s", err, errs)
	}
	said := strings.Join(strings.Fields(strings.ReplaceAll(out+errs, " \\\n", " ")), " ") // a command broken between its words with " \\"
	if !strings.Contains(said, "MORE THAN ONE CURRENT") {
		t.Fatalf("history does not say two assessments count:\n%s", out)
	}
	for _, want := range []string{"digicheck void ID" + given, "digicheck amend ID" + given} {
		if !strings.Contains(said, want) {
			t.Errorf("history does not give %q:\n%s%s", want, out, errs)
		}
	}
}
