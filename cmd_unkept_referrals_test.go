package main

import (
	"os"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/store"
)

// A window closed at the save while another program held the store kept
// its answers in digicheck-not-saved-draft-<id>.txt, whose readable part
// listed the sections' answers and not the referral decisions given: the
// patient's "agreed" was only in the JSON for IT, easy to miss when the
// answers were entered again. It said the store's draft "holds only the
// answers kept before it was resumed" though it was never resumed. The
// readable part now lists each referral answered, named as the result
// screen names it, and says when the store's draft was last kept.
func TestAnUnkeptDraftsFileListsTheReferralDecisionsAndWhenTheStoresDraftWasKept(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 0)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil))
	refs := r.Recommendation.Referrals
	if len(refs) < 3 {
		t.Fatalf("the assessment offers %d referrals; want 3 to answer each way", len(refs))
	}
	// Kept in the store as the result opened, before any referral was
	// answered; the answers given after it were not kept there.
	d := store.Draft{Draft: assess.DraftOf(&r)}
	d.Consent = nil
	if err := st.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	ls, err := st.ListDrafts(0)
	if err != nil || len(ls) != 1 {
		t.Fatalf("drafts in the store: %v, %v", ls, err)
	}
	lastKept := ls[0].Saved
	d.Consent = map[string]string{
		refs[0].ProgrammeID: questionnaire.Agreed,
		refs[1].ProgrammeID: questionnaire.Declined,
		refs[2].ProgrammeID: questionnaire.NotDiscussed,
	}
	var kept []string
	p := keepUnkept(st, &d, questionnaire.National, &kept, "")
	if p == "" {
		t.Fatal("the unfinished assessment was not kept in a file")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	readable, _, ok := strings.Cut(string(b), "The same answers as data, for IT:")
	if !ok {
		t.Fatalf("the file has no part for IT:\n%s", b)
	}
	for _, w := range []string{refs[0].Name + ": agreed", refs[1].Name + ": declined", refs[2].Name + ": not discussed"} {
		if !strings.Contains(readable, w) {
			t.Errorf("the file's readable part does not say %q:\n%s", w, readable)
		}
	}
	words := strings.Join(strings.Fields(readable), " ")
	if strings.Contains(words, "resumed") {
		t.Errorf("the file says the store's draft was resumed, though it never was:\n%s", readable)
	}
	if want := "resume the unfinished assessment of this patient that the list shows (its draft, last kept " + lastKept.Local().Format("2 Jan 2006 at 15:04") + ", holds only the answers given by then)"; !strings.Contains(words, want) {
		t.Errorf("the file does not say %q:\n%s", want, readable)
	}

	// Kept while another program still holds the store: whether it keeps
	// a draft of the assessment cannot be read, and "nothing of this
	// assessment is in the store" is not said.
	release := holdStore(t, path)
	defer release()
	if p = keepUnkept(st, &d, questionnaire.National, &kept, ""); p == "" {
		t.Fatal("the unfinished assessment was not kept in a file while the store was held")
	}
	if b, err = os.ReadFile(p); err != nil {
		t.Fatal(err)
	}
	words = strings.Join(strings.Fields(string(b)), " ")
	if strings.Contains(words, "nothing of this assessment is in the store") || !strings.Contains(words, "If the list of unfinished assessments shows one of this patient, resume it (it holds only the answers kept before these)") {
		t.Errorf("kept while the store was held, the file does not say the store's drafts could not be read:\n%s", b)
	}
}

// The next start names, with the store's draft it lists, the file a window
// closed at the save kept that assessment's answers as last given in: the
// list said the older draft alone, and resuming it went on without the
// referral decisions the file held.
func TestTheNextStartNamesTheFileKeepingADraftsLaterAnswers(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 0)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil))
	d := store.Draft{Draft: assess.DraftOf(&r)}
	d.Consent = nil
	if err := st.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if err := st.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	var kept []string
	d.Consent = map[string]string{r.Recommendation.Referrals[0].ProgrammeID: questionnaire.Agreed}
	file := keepUnkept(st, &d, questionnaire.National, &kept, "")
	if file == "" {
		t.Fatal("the later answers were not kept in a file")
	}
	// The draft chosen from the list, then back to the list, and q.
	out, errs, _ := runStoreCmdIn(t, path, "2\n1\nq\n", newFromInput, "--drafts-from-input")
	said := strings.Join(strings.Fields(out), " ")
	if !strings.Contains(said, "later answers kept in a file, not in the draft") {
		t.Errorf("the list does not say the draft's later answers are in a file:\n%s%s", out, errs)
	}
	if !strings.Contains(out, file) {
		t.Errorf("the draft chosen does not name the file %s:\n%s%s", file, out, errs)
	}
}
