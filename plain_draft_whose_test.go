package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/site"
	"digicheck/store"
)

// TestThePlainPromptsSayWhoseADraftIsBeforeItCanBeResumed: at a shared
// ward workstation, digicheck --accessible offered the next clinician
// another's draft to resume saying only when it was last kept; resumed
// and saved, it went into the record as the assessment of the clinician
// who started it, unawares. Chosen from the list, a draft is said to be
// started today by its clinician and team, on the login that kept it
// (the store's own), before "Resume it" can be taken.
func TestThePlainPromptsSayWhoseADraftIsBeforeItCanBeResumed(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Included(nil))
	d := store.Draft{}
	d.Patient, d.Clinician, d.Team = r.Patient, "Nurse Bea Okafor", "Ward 7"
	d.InstrumentVersion, d.Section, d.Answers = r.InstrumentVersion, "skills", r.Answers
	if err := st.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if err := st.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	ds, err := st.ListDrafts(0)
	if err != nil || len(ds) != 1 {
		t.Fatalf("%d drafts (%v), want the one kept", len(ds), err)
	}
	by := "by Nurse Bea Okafor, team Ward 7"
	if l := ds[0].Login; l != "" {
		by += " (computer login " + l + ")"
	}
	out, errs, _ := execute(&app{settings: site.Settings{DB: path}}, newFromInput, "2\nq\n", "--drafts-from-input")
	said := out + errs
	ask := strings.Index(said, "What would you like to do with this draft?")
	if ask < 0 {
		t.Fatalf("the draft was not offered:\n%s", said)
	}
	if !strings.Contains(said[:ask], "Started today at ") || !strings.Contains(said[:ask], by+". Resumed, it is saved as their assessment") {
		t.Errorf("before the resume is offered, the prompts do not say it was started today %s:\n%s", by, said[:ask])
	}
}
