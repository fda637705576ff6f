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

// TestShowOfAFollowUpWhoseCheckWasEnteredInErrorSaysSo: the check a
// follow-up follows up was later marked entered in error (recorded
// against the wrong patient). history drops the change at once, as the QI
// summary does; show of the follow-up went on printing "Change since the
// check of ...", the adjustments of that check that "stop with this
// follow-up" and what became of its referrals, with nothing saying the
// check was void: another person's assessment, read as this patient's.
// show now says the check followed up was entered in error, and why, and
// leaves out what was worked out against it: in the note and in the
// patient's handout alike.
func TestShowOfAFollowUpWhoseCheckWasEnteredInErrorSaysSo(t *testing.T) {
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
	for i := range base.Recommendation.Referrals {
		base.Recommendation.Referrals[i].Consent = questionnaire.Agreed
	}
	if err := st.Save(&base); err != nil {
		t.Fatal(err)
	}
	fu := testkit.AssessedV2(t, testkit.Included(nil))
	fu.Team, fu.Status, fu.FollowsUp = "Ward 7", record.Completed, base.ID
	fu.Time = base.Time.Add(24 * 3600e9)
	c := record.Compare(base, fu)
	fu.Change = &c
	if len(base.Recommendation.Referrals) == 0 || len(c.Stopped) == 0 {
		t.Fatalf("the scenario needs a referral and an adjustment that stops: %+v, %+v", base.Recommendation.Referrals, c.Stopped)
	}
	const heldReason = "kept on hold for hours"
	ref := base.Recommendation.Referrals[0]
	fu.Outcomes = []record.ReferralOutcome{{ProgrammeID: ref.ProgrammeID, Name: ref.Name, Outcome: record.OutcomeNotTakenUp, Reason: heldReason}}
	if err := st.Save(&fu); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DIGICHECK_DB": db, "DIGICHECK_CONFIG": cfg}
	worked := []string{"Change since the check of", "stop with this follow-up", heldReason}
	stoppedWords := "We will no longer book an interpreter for you."
	show := func() (string, string) {
		t.Helper()
		out, errs, err := runCLI(t, env, "", "show", fu.ID.String())
		if err != nil {
			t.Fatalf("show: %v\n%s", err, errs)
		}
		h, errs, err := runCLI(t, env, "", "show", fu.ID.String(), "--handout")
		if err != nil {
			t.Fatalf("show --handout: %v\n%s", err, errs)
		}
		return out, strings.Join(strings.Fields(h), " ")
	}
	// The scenario: before the void, all of it is shown.
	out, h := show()
	for _, w := range worked {
		if !strings.Contains(out, w) {
			t.Fatalf("before the void, show lacks %q:\n%s", w, out)
		}
	}
	if !strings.Contains(h, stoppedWords) {
		t.Fatalf("before the void, the handout lacks %q:\n%s", stoppedWords, h)
	}

	const why = "wrong patient, was for another"
	if _, err := st.Void(base.ID, store.Voiding{Reason: why, Clinician: "Nurse A"}); err != nil {
		t.Fatal(err)
	}
	out, h = show()
	if os.Getenv("DIGICHECK_SHOW_OUT") != "" {
		t.Log(out)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, w := range []string{
		"FOLLOWS UP AN ASSESSMENT ENTERED IN ERROR: record " + base.ID.String() + ", which this follow-up follows up, was later marked entered in error (" + why + ")",
		"Follows up: " + base.ID.String() + " (entered in error)",
	} {
		if !strings.Contains(flat, w) {
			t.Errorf("show of the follow-up does not say %q:\n%s", w, out)
		}
	}
	for _, w := range worked {
		if strings.Contains(out, w) {
			t.Errorf("show of the follow-up still gives %q, worked out against the assessment entered in error:\n%s", w, out)
		}
	}
	if strings.Contains(out, ": was ") && strings.Contains(out, ", now ") {
		t.Errorf("show of the follow-up still gives a change against the assessment entered in error:\n%s", out)
	}
	if strings.Contains(h, stoppedWords) {
		t.Errorf("the handout still tells the patient what stops of the assessment entered in error (%q):\n%s", stoppedWords, h)
	}
}
