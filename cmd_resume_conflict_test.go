//go:build !windows

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// followUpDraftInConflict: on the laptop, a follow-up of its amendment
// was started and left as a draft while the laptop was offline; the
// amendment then met the ward's as a conflict when pushed.
func followUpDraftInConflict(t *testing.T, db string) (*app, *store.Store, record.Record, store.Draft) {
	t.Helper()
	a, _, lst, first, onLaptop := offlineLaptopAt(t, db)
	fu := testkit.Assessed(t, testkit.Included(nil))
	d := store.Draft{}
	d.Patient, d.FollowsUp, d.Clinician = first.Patient, onLaptop.ID, "Nurse Bea"
	d.InstrumentVersion, d.Section, d.Answers = fu.InstrumentVersion, "skills", fu.Answers
	if err := lst.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if err := lst.ReleaseDrafts(); err != nil { // as a window closed
		t.Fatal(err)
	}
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil || !strings.Contains(said(err), "changed on another machine") {
		t.Fatalf("push of the laptop's amendment: %v; want a conflict", err)
	}
	return a, lst, onLaptop, d
}

// TestAFollowUpDraftOfAVersionInConflictIsNotResumed: a follow-up draft
// started before the version it follows up went into conflict with the
// FHIR server was resumed from the list at start, saved, and said "Sent",
// though a new follow-up of it is refused before anything is asked. The
// resume is refused likewise, with the same words, on the full screen and
// at the plain prompts, and the draft is kept.
func TestAFollowUpDraftOfAVersionInConflictIsNotResumed(t *testing.T) {
	testkit.EndToEnd(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "digicheck.db")
	a, _, onLaptop, d := followUpDraftInConflict(t, db)
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte("fhir_server = \""+a.settings.Config.FHIRServerURL+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	tm := startTerm(t, dir, 80, 24, []string{"DIGICHECK_CONFIG=" + cfg})
	tm.waitFor("Unfinished assessments", "> NHS 943 476 5919")
	for try := 0; ; try++ {
		time.Sleep(800 * time.Millisecond) // the list has been read
		tm.keys("enter")
		time.Sleep(500 * time.Millisecond)
		if s := tm.vt.Screen(); try == 3 || !strings.Contains(s, "were ignored") {
			break // a loaded machine drew the list late: its keys were held
		}
	}
	tm.waitFor("cannot be followed up")
	s := strings.Join(strings.Fields(tm.vt.Screen()), " ")
	for _, want := range []string{"Not resumed", "in conflict with the FHIR server", "Nothing was saved"} {
		if !strings.Contains(s, want) {
			t.Errorf("the screen does not say %q:\n%s", want, tm.vt.Screen())
		}
	}
	if strings.Contains(s, "press enter to keep each") {
		t.Errorf("the draft was resumed:\n%s", tm.vt.Screen())
	}
	tm.quitKeeping("Discard")

	// The plain prompts: the draft chosen, refused, the list again; the
	// input ends.
	out, stderr, err := execute(&app{settings: a.settings}, newFromInput, "2\n3\n", "--drafts-from-input")
	all := strings.Join(strings.Fields(out+stderr), " ")
	for _, want := range []string{"Not resumed: record " + onLaptop.ID.String() + " cannot be followed up", "in conflict with the FHIR server",
		"digicheck push --resolve " + onLaptop.ID.String() + " --keep-server", "The draft is kept"} {
		if !strings.Contains(all, want) {
			t.Errorf("the plain prompts do not say %q (%v):\n%s%s", want, err, out, stderr)
		}
	}
	if strings.Contains(all, "Sent") {
		t.Errorf("the plain prompts say Sent:\n%s", out)
	}
	if got := draftsIn(t, dir); len(got) != 1 {
		t.Errorf("drafts after the refusals: %v, want the one kept", got)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Get(d.ID); err == nil {
		t.Error("the draft was saved as a record")
	}
}

// TestAFollowUpDraftOfAVersionSetAsideIsNotResumed: the conflict of the
// version a follow-up draft rests on was settled by keeping the server's
// version, which sets this machine's aside. Resumed, the draft was asked
// through again and its save refused as if the store could not be
// written. The resume is refused, saying why and what to do, and the
// draft is kept.
func TestAFollowUpDraftOfAVersionSetAsideIsNotResumed(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "digicheck.db")
	a, _, onLaptop, d := followUpDraftInConflict(t, db)
	if out, errs, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-server"); err != nil {
		t.Fatalf("push --keep-server: %v\n%s%s", err, out, errs)
	}
	out, stderr, _ := execute(&app{settings: a.settings}, newFromInput, "2\n3\n", "--drafts-from-input")
	all := strings.Join(strings.Fields(out+stderr), " ")
	for _, want := range []string{"Not resumed: record " + onLaptop.ID.String()[:13] + " cannot be followed up",
		"set aside when its conflict with the FHIR server was settled", "digicheck followup " + onLaptop.Patient.Value} {
		if !strings.Contains(all, want) {
			t.Errorf("the plain prompts do not say %q:\n%s%s", want, out, stderr)
		}
	}
	if strings.Contains(all, "Resuming the assessment") {
		t.Errorf("the draft was resumed:\n%s", out)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Get(d.ID); err == nil {
		t.Error("the draft was saved as a record")
	}
	if ds, _ := st.ListDrafts(0); len(ds) != 1 {
		t.Errorf("%d drafts, want the one kept", len(ds))
	}
}
