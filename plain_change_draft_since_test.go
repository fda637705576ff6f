package main

import (
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// TestThePlainPromptsSayAtTheReviewADraftKeptInAnotherWindowSinceTheyBegan:
// the plain prompts, changed at the review to a patient whose draft
// another window kept after the run began, went straight back to the
// review, and the save made a second assessment beside the draft: the
// drafts were looked in as listed when the run began, if at all. The
// store is read at the change, and the draft is said before the review.
func TestThePlainPromptsSayAtTheReviewADraftKeptInAnotherWindowSinceTheyBegan(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "digicheck.db")
	in, typing := io.Pipe()
	a := &app{settings: site.Settings{DB: path, Team: "Ward 7", Accessible: true}}
	c := a.newCmd()
	var out syncBuffer
	c.SetIn(in)
	c.SetOut(&out)
	c.SetErr(&out)
	c.SetArgs(nil)
	c.SilenceUsage, c.SilenceErrors = true, true
	done := make(chan error, 1)
	go func() { done <- c.Execute() }()
	defer func() {
		typing.Close()
		<-done
	}()
	// Every answer, up to "Are these answers right?".
	lines := append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest[:len(pipedRest)-1]...)
	if _, err := io.WriteString(typing, strings.Join(lines, "\n")+"\n"); err != nil {
		t.Fatal(err)
	}
	waitFor := func(what string) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for !strings.Contains(out.String(), what) {
			if time.Now().After(deadline) {
				t.Fatalf("no %q:\n%s", what, out.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitFor("Are these answers right?")
	// Meanwhile, another window keeps a draft of another patient.
	other, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Included(nil))
	d := store.Draft{}
	d.Patient = record.PatientID{Kind: record.NHSNumber, Value: "4010232137"}
	d.Clinician, d.Team = "Dr Cat", "Ward 7"
	d.InstrumentVersion, d.Section = questionnaire.Current.Version, "skills"
	d.Answers = questionnaire.Answers{questionnaire.LinkDevices: r.Answers[questionnaire.LinkDevices]}
	if err := other.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if err := other.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	// The patient changed at the review to that one: the identifier,
	// the clinician and the team kept.
	if _, err := io.WriteString(typing, "2\n\n401 023 2137\n\n\n"); err != nil {
		t.Fatal(err)
	}
	at := strings.Index(out.String(), "Are these answers right?")
	deadline := time.Now().Add(30 * time.Second)
	for strings.Count(out.String()[at:], "Review the answers:") < 1 {
		if time.Now().After(deadline) {
			t.Fatalf("no review after the change:\n%s", out.String()[at:])
		}
		time.Sleep(20 * time.Millisecond)
	}
	said := out.String()[at:]
	said = said[:strings.Index(said, "Review the answers:")]
	if !strings.Contains(strings.Join(strings.Fields(said), " "), "Patient 401 023 2137 has an unfinished assessment kept as a draft: kept ") {
		t.Errorf("changed at the review to a patient whose draft was kept since the run began, the draft is not said before the review:\n%s", said)
	}
}
