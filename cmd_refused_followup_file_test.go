package main

import (
	"os"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestTheFileOfARefusedFollowUpSaysToFollowUpAgain: the file kept when a
// store refused a follow-up's save told the clinician to "start a new
// assessment of this patient and give these answers": followed, it made
// an assessment linked to nothing, the change since the assessment
// followed up and what became of its referrals lost. It says to finish
// the follow-up (resumed, or digicheck followup run again for the
// patient) and which record it follows up.
func TestTheFileOfARefusedFollowUpSaysToFollowUpAgain(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	base := testkit.Assessed(t, testkit.Offline(nil))
	if base.ID, err = record.NewID(); err != nil {
		t.Fatal(err)
	}
	r := base
	if r.ID, err = record.NewID(); err != nil {
		t.Fatal(err)
	}
	r.FollowsUp = base.ID
	var kept []string
	_ = keepRefused(st, &r, &store.Error{Kind: store.ErrDamaged, Msg: "the store is damaged"}, &kept, "")
	if len(kept) != 1 {
		t.Fatalf("the refused save kept %v; want one file", kept)
	}
	b, err := os.ReadFile(kept[0])
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(b)), " ")
	if strings.Contains(text, "start a new assessment of this patient and give these answers") {
		t.Errorf("the follow-up's file says to start a new assessment:\n%s", b)
	}
	for _, want := range []string{"this is a follow-up of record " + base.ID.String(), "resume this follow-up", "digicheck followup " + r.Patient.Value} {
		if !strings.Contains(text, want) {
			t.Errorf("the follow-up's file does not say %q:\n%s", want, b)
		}
	}
}

// TestTheFileOfAnUnfinishedAssessmentSaysToResumeItsDraft: the answers of
// an unfinished assessment the store stopped keeping are written to a
// not-saved-draft file, its earlier answers still a draft in the store.
// The file said to "start a new assessment of this patient and give these
// answers" and then to discard that draft, while the list of drafts, for
// the same file, said to give the rest again in the draft: two ways to
// enter one assessment. The file now says to resume the draft the list
// shows and give the rest in it.
func TestTheFileOfAnUnfinishedAssessmentSaysToResumeItsDraft(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 0)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil))
	d := store.Draft{Draft: assess.DraftOf(&r)}
	if err := st.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	var kept []string
	p := keepUnkept(st, &d, questionnaire.National, &kept, "")
	if p == "" {
		t.Fatal("no file kept")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(b)), " ")
	for _, not := range []string{"start a new assessment of this patient and give these answers", "discard that draft"} {
		if strings.Contains(text, not) {
			t.Errorf("the unfinished assessment's file says %q, where the list of drafts says to resume it:\n%s", not, b)
		}
	}
	for _, want := range []string{"resume the unfinished assessment of this patient", "then delete this file"} {
		if !strings.Contains(text, want) {
			t.Errorf("the unfinished assessment's file does not say %q:\n%s", want, b)
		}
	}
}
