package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// Damaged stores (H27), fault 2 of a re-test: after a refused save, keeping
// the answers (ctrl+c then k, or going back then q) wrote a second file,
// "…-draft-<id>", for the same assessment beside the refused save's file:
// the exit asked for two assessments to be entered again, and an answer
// changed after the refusal made the two files disagree. One assessment
// has one file: the refused save's, while its answers are as saved; the
// answers as last given, in that same file, once one has changed.
func TestKeepingAnAssessmentAfterItsRefusedSaveLeavesOneFile(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil))
	if r.ID, err = record.NewID(); err != nil {
		t.Fatal(err)
	}
	var kept []string
	_ = keepRefused(st, &r, &store.Error{Kind: store.ErrDamaged, Msg: "the store is damaged"}, &kept, "")
	if len(kept) != 1 {
		t.Fatalf("the refused save kept %v; want one file", kept)
	}
	saved, err := os.ReadFile(kept[0])
	if err != nil {
		t.Fatal(err)
	}

	// Kept unchanged: the refused save's file stands, with its note.
	d := store.Draft{Draft: assess.DraftOf(&r)}
	if p := keepUnkept(st, &d, questionnaire.National, &kept, ""); p != kept[0] || len(kept) != 1 {
		t.Errorf("kept unchanged after the refusal: kept in %q, files %v; want the refused save's file alone", p, kept)
	}
	if b, _ := os.ReadFile(kept[0]); string(b) != string(saved) {
		t.Errorf("the refused save's file was rewritten though no answer changed")
	}

	// A referral's consent changed after the refusal: the same file
	// holds the answers as last given.
	if len(r.Recommendation.Referrals) == 0 {
		t.Fatal("the assessment has no referral to change")
	}
	ref := r.Recommendation.Referrals[0]
	if ref.Consent == questionnaire.Declined {
		t.Fatal("the first referral is declined already: nothing to change")
	}
	d.Consent = map[string]string{}
	for k, v := range assess.DraftOf(&r).Consent {
		d.Consent[k] = v
	}
	d.Consent[ref.ProgrammeID] = questionnaire.Declined
	p := keepUnkept(st, &d, questionnaire.National, &kept, "")
	if p != kept[0] || len(kept) != 1 {
		t.Fatalf("kept after a change: in %q, files %v; want the one file of this assessment", p, kept)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"declined"`) {
		t.Errorf("the file does not hold the changed answer:\n%s", b)
	}
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "digicheck-not-saved-*"))
	if len(files) != 1 {
		t.Errorf("files beside the store: %v; want one for the one assessment", files)
	}
}

// The same in the plain prompts: a save refused by a damaged store, then
// Go back and q, with no answer changed or with the first referral's
// consent changed. One file keeps the assessment, with the answers as last
// given, and the stop does not say "none had been given yet" beside it.
func TestPlainPromptsStoppedAfterARefusedSaveKeepOneFileAndSaySo(t *testing.T) {
	t.Parallel()
	for _, change := range []bool{false, true} {
		path, _ := storeWith(t, 1)
		if err := os.WriteFile(store.DamageNote(path), []byte("the store failed its checks\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		a := testkit.V2(testkit.Included(questionnaire.Answers{
			questionnaire.LinkTasks: {questionnaire.TaskText}, questionnaire.LinkChoice: {string(questionnaire.RouteApp)},
		}))
		res, err := questionnaire.Current.Assess(a, questionnaire.National)
		if err != nil {
			t.Fatal(err)
		}
		lines := append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...)
		lines = append(lines, declineShown(len(res.Recommendation.Referrals))...)
		lines = append(lines, "1", "2") // save, refused; go back
		if change {
			lines = append(lines, "1") // the first referral agreed, after the refusal
		}
		lines = append(lines, "q")
		out, _ := runNewPiped(t, path, strings.Join(lines, "\n")+"\n")
		kept, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "digicheck-not-saved-*.txt"))
		if len(kept) != 1 {
			t.Fatalf("changed %v: %d files keep the one assessment, want 1: %v\n%s", change, len(kept), kept, out)
		}
		if strings.Contains(out, "none had been given yet") {
			t.Errorf("changed %v: the stop says no answers had been given, beside the file that keeps them:\n%s", change, out)
		}
		if b := fileBytes(t, kept[0]); change != strings.Contains(b, `"agreed"`) {
			t.Errorf("changed %v: the file's answers are not those last given:\n%s", change, b)
		}
	}
}
