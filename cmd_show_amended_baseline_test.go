package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestShowOfAFollowUpWhoseCheckWasAmendedSinceSaysWhichItComparesWith:
// the check a follow-up follows up was amended after the follow-up was
// saved (an answer misheard). history compares the follow-up with the
// amended version; show of the follow-up went on giving its change
// against the version before the amendment ("significant, now none
// (better)") with nothing to say that version had been corrected, so a
// reader took the "better" as real. show now says first that the check
// was amended, by which record and why, that the change below is against
// the version before the amendment, and gives the change against the
// amended version, as history gives it.
func TestShowOfAFollowUpWhoseCheckWasAmendedSinceSaysWhichItComparesWith(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte("team = \"Ward 7\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	base := testkit.AssessedV2(t, testkit.Interpreter(nil))
	base.Team, base.Status = "Ward 7", record.Completed
	if err := st.Save(&base); err != nil {
		t.Fatal(err)
	}
	fu := testkit.AssessedV2(t, testkit.Included(nil))
	fu.Team, fu.Status, fu.FollowsUp = "Ward 7", record.Completed, base.ID
	fu.Time = base.Time.Add(24 * 3600e9)
	c := record.Compare(base, fu)
	fu.Change = &c
	if err := st.Save(&fu); err != nil {
		t.Fatal(err)
	}
	// The amendment gives the check the follow-up's answers: against it,
	// no domain changed.
	const why = "worry answer misheard"
	amended := testkit.AssessedV2(t, testkit.Included(nil))
	amended.Team, amended.Status, amended.Amends, amended.AmendReason = "Ward 7", record.Amended, base.ID, why
	amended.Patient, amended.Time = base.Patient, fu.Time.Add(3600e9)
	if err := st.Amend(&amended); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DIGICHECK_DB": db, "DIGICHECK_CONFIG": cfg}
	out, errs, err := runCLI(t, env, "", "show", fu.ID.String())
	if err != nil {
		t.Fatalf("show: %v\n%s", err, errs)
	}
	hist, errs, err := runCLI(t, env, "", "history", base.Patient.Value)
	if err != nil {
		t.Fatalf("history: %v\n%s", err, errs)
	}
	if strings.Contains(hist, "(better)") {
		t.Fatalf("the scenario needs history to compare with the amended check, which gives no change:\n%s", hist)
	}
	if !strings.Contains(out, "(better)") && !strings.Contains(out, "better") {
		t.Fatalf("the scenario needs the follow-up's own change to say better:\n%s", out)
	}
	flat := strings.Join(strings.Fields(out), " ")
	head := "FOLLOWS UP AN ASSESSMENT AMENDED SINCE: record " + base.ID.String() + ", which this follow-up follows up, was amended since (now record " + amended.ID.String() + ", because: " + why + ")."
	if !strings.HasPrefix(flat, head) {
		t.Errorf("show of the follow-up does not begin %q:\n%s", head, out)
	}
	for _, w := range []string{
		"The change below is against record " + base.ID.String() + " as it was before the amendment",
		"Against the amended version, as the history compares: no change in any barrier (Access no barrier; Skills no barrier; Motivation no barrier; Trust no barrier).",
	} {
		if !strings.Contains(flat, w) {
			t.Errorf("show of the follow-up does not say %q:\n%s", w, out)
		}
	}
}

// TestShowOfAFollowUpOfAVersionAmendedBeforeItDoesNotSayAmendedSince: the
// follow-up was made after the check it follows up had been amended (on a
// machine that had not yet read the amendment, which another made): show
// said the check "was amended since" and that the change was against the
// old version "as this follow-up was saved", both untrue of a follow-up
// made after the amendment. It says the check had been amended before the
// follow-up was made, and still gives the change against the amended
// version.
func TestShowOfAFollowUpOfAVersionAmendedBeforeItDoesNotSayAmendedSince(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	base := testkit.AssessedV2(t, testkit.Interpreter(nil))
	base.Team, base.Status = "Ward 7", record.Completed
	if err := st.Save(&base); err != nil {
		t.Fatal(err)
	}
	const why = "worry answer misheard"
	amended := testkit.AssessedV2(t, testkit.Included(nil))
	amended.Team, amended.Status, amended.Amends, amended.AmendReason = "Ward 7", record.Amended, base.ID, why
	amended.Patient, amended.Time = base.Patient, base.Time.Add(3600e9)
	// The follow-up, a day later, follows up the version before the
	// amendment: where it was made, the amendment had not been read.
	fu := testkit.AssessedV2(t, testkit.Included(nil))
	fu.Team, fu.Status, fu.FollowsUp = "Ward 7", record.Completed, base.ID
	fu.Time = base.Time.Add(24 * 3600e9)
	c := record.Compare(base, fu)
	fu.Change = &c
	if err := st.Save(&fu); err != nil {
		t.Fatal(err)
	}
	if err := st.Amend(&amended); err != nil {
		t.Fatal(err)
	}
	out, errs, err := runCLI(t, map[string]string{"DIGICHECK_DB": db}, "", "show", fu.ID.String())
	if err != nil {
		t.Fatalf("show: %v\n%s", err, errs)
	}
	flat := strings.Join(strings.Fields(out), " ")
	head := "FOLLOWS UP A VERSION AMENDED BEFORE IT: record " + base.ID.String() + ", which this follow-up follows up, had been amended before this follow-up was made (now record " + amended.ID.String() + ", because: " + why + ")."
	if !strings.HasPrefix(flat, head) {
		t.Errorf("show of the follow-up does not begin %q:\n%s", head, out)
	}
	for _, w := range []string{"amended since", "as this follow-up was saved"} {
		if strings.Contains(flat, w) {
			t.Errorf("show says %q of an amendment made before the follow-up:\n%s", w, out)
		}
	}
	for _, w := range []string{
		"The change below is against record " + base.ID.String() + " as it was before the amendment",
		"Against the amended version, as the history compares: no change in any barrier",
	} {
		if !strings.Contains(flat, w) {
			t.Errorf("show of the follow-up does not say %q:\n%s", w, out)
		}
	}
}
