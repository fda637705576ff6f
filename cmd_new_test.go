package main

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/prompt"
	"digicheck/questionnaire"
	"github.com/spf13/cobra"

	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// runNewPiped runs digicheck new with answers piped in: plain prompts.
func runNewPiped(t *testing.T, path, input string) (string, error) {
	t.Helper()
	out, errs, err := execute(&app{settings: site.Settings{DB: path}}, (*app).newCmd, input)
	return out + errs, err
}

// newFromInput is digicheck new with --drafts-from-input given (a flag of
// the root command), as a script that resumes or discards a draft runs it.
func newFromInput(a *app) *cobra.Command {
	c := a.newCmd()
	c.Flags().Bool("drafts-from-input", false, "")
	return c
}

var pipedPatient = []string{"1", "943 476 5919", "Dr A Test", ""} // the clinician is typed: none is offered

var pipedAccess = []string{"1", "1", "1"} // smartphone, home internet, never short of data

var pipedRest = []string{
	"1", "1", "3", "5", // skills: reads texts; needs no help; no NHS App; nothing makes devices hard
	"1", "1", "1", // wants to, not worried, no bad experience
	"1", "1", // nothing extra, never needs reading help
	"1", "1", "1", "1", // no contact requirement, no way ruled out, NHS App, the patient answered
	"2", // skip the optional questions
	"1", // the answers are right
}

// TestPlainPromptsKeepADraftUntilSaved: accessible mode keeps the answers
// of each finished section as a draft, and saving the assessment removes
// it (the record is saved under the draft's id).
func TestPlainPromptsKeepADraftUntilSaved(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 0)
	out, err := runNewPiped(t, path, strings.Join(append(pipedPatient, pipedAccess...), "\n")+"\n")
	if !errors.Is(err, prompt.ErrEndOfInput) {
		t.Fatalf("half an assessment piped in: %v\n%s", err, out)
	}
	if !strings.Contains(out, "kept as a draft") {
		t.Errorf("output does not say the answers were kept:\n%s", out)
	}
	st, _ := store.Open(path, store.Options{})
	ds, err := st.ListDrafts(0)
	if err != nil || len(ds) != 1 {
		t.Fatalf("%d drafts (%v), want 1", len(ds), err)
	}
	if d := ds[0]; d.Section != "skills" || len(d.Answers) != 3 || d.Patient.Value != "9434765919" {
		t.Errorf("draft %+v", d)
	}

	a := testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkTasks: {questionnaire.TaskText}, questionnaire.LinkChoice: {string(questionnaire.RouteApp)},
	}))
	res, err := questionnaire.Current.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	// The kept draft is not offered to piped answers: they start a new
	// assessment.
	lines := append(append(pipedPatient, pipedAccess...), pipedRest...)
	lines = append(lines, declineShown(len(res.Recommendation.Referrals))...)
	lines = append(lines, "1", "2") // save; no other assessment
	out, err = runNewPiped(t, path, strings.Join(lines, "\n")+"\n")
	if err != nil {
		t.Fatalf("whole assessment piped in: %v\n%s", err, out)
	}
	if !strings.Contains(out, "1 unfinished assessment is kept as a draft, left as it is") {
		t.Errorf("the earlier draft was not mentioned:\n%s", out)
	}
	ds, _ = st.ListDrafts(0)
	if len(ds) != 1 {
		t.Fatalf("%d drafts after a saved assessment, want only the earlier unfinished one", len(ds))
	}
	n := 0
	_ = st.Each(func(r record.Record) error {
		n++
		if r.ID == ds[0].ID {
			t.Error("the unfinished draft's id was used for the saved record")
		}
		return nil
	}, nil)
	if n != 1 {
		t.Fatalf("%d records, want 1", n)
	}

	// Resume the draft, as piped answers may when asked to: the access
	// answers are kept, the questions start at skills, and the record is
	// saved under the draft's id. The patient was assessed after the
	// draft was started, so the list says that saving it makes a second
	// assessment, and the save's read-back says so and asks it.
	draftID := ds[0].ID
	lines = append([]string{"2", "3"}, pipedRest...)
	lines = append(lines, declineShown(len(res.Recommendation.Referrals))...)
	lines = append(lines, "1", "2") // save as another assessment; no other
	outs, errs, err := execute(&app{settings: site.Settings{DB: path}}, newFromInput, strings.Join(lines, "\n")+"\n", "--drafts-from-input")
	out = outs + errs
	if err != nil {
		t.Fatalf("resumed draft: %v\n%s", err, out)
	}
	for _, want := range []string{
		"saving it would make another assessment of this patient",
		"after this draft was started.\nSave these answers as another assessment of this patient?",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("resuming a draft of a patient assessed since does not say %q:\n%s", want, out)
		}
	}
	if ds, _ = st.ListDrafts(0); len(ds) != 0 {
		t.Fatalf("%d drafts after the resumed assessment was saved", len(ds))
	}
	r, err := st.Get(draftID)
	if err != nil {
		t.Fatalf("the resumed assessment was not saved under its draft's id: %v", err)
	}
	if !reflect.DeepEqual(r.Answers, a) {
		t.Errorf("resumed record answers %v, want %v", r.Answers, a)
	}
}

// declineShown is the plain prompts' answers that decline the referrals
// shown first and do not go through the rest.
func declineShown(n int) []string {
	var lines []string
	for range min(n, assess.FirstReferrals) {
		lines = append(lines, "2")
	}
	if n > assess.FirstReferrals {
		lines = append(lines, "2") // no: the rest are not offered this time
	}
	return lines
}

// Issue 15: the plain prompts, as the full-screen UI does, keep in a file
// the answers of an unfinished assessment the store would not keep as a
// draft (here a store found damaged), when the input ends inside it, and
// say where; the run does not claim a draft was kept.
func TestPlainPromptsKeepAnUnkeptDraftInAFileAndSayWhere(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 0)
	if err := os.WriteFile(store.DamageNote(path), []byte("the store failed its checks\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := runNewPiped(t, path, strings.Join(append(pipedPatient, pipedAccess...), "\n")+"\n")
	if err == nil {
		t.Fatalf("an unfinished assessment the store did not keep ended without an error:\n%s", out)
	}
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "digicheck-not-saved-draft-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files keep the unfinished assessment, want 1:\n%s", len(kept), out)
	}
	if !strings.Contains(out, kept[0]) {
		t.Errorf("the output does not say where the answers are kept (%s):\n%s", kept[0], out)
	}
	if strings.Contains(out, "kept as a draft for patient") {
		t.Errorf("the output says a draft was kept in the store, which refused it:\n%s", out)
	}
	b := fileBytes(t, kept[0])
	for _, want := range []string{"9434765919", questionnaire.LinkDevices, questionnaire.LinkAfford} {
		if !strings.Contains(b, want) {
			t.Errorf("the kept file lacks %q:\n%s", want, b)
		}
	}
}
