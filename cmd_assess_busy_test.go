package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// A store only busy for a few seconds as the patient's number is given
// (a backup, a second window holding it) is not damaged: the plain
// prompts said "the store's entries for patient ... are damaged, so this
// patient's history and follow-ups cannot be trusted, and this assessment
// cannot be saved in the store", and then saved it in the store anyway.
// They say the store is busy, go on, and keep the draft and the
// assessment in the store once it is free; nothing goes to a file.
func TestPlainPromptsSayABriefBusyStoreAtTheNumberIsBusyNotDamaged(t *testing.T) {
	t.Parallel()
	res, err := questionnaire.Current.Assess(testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkTasks: {questionnaire.TaskText}, questionnaire.LinkChoice: {string(questionnaire.RouteApp)},
	})), questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	rest := append(append([]string{"Dr A Test", ""}, pipedAccess...), pipedRest...)
	rest = append(rest, declineShown(len(res.Recommendation.Referrals))...)
	rest = append(rest, "1", "2") // save; no other assessment
	st, dir, out, err := busyAtTheNumber(t, rest)
	if err != nil {
		t.Fatalf("assessment with the store busy at the number: %v\n%s", err, out)
	}
	rs, err := st.History(record.PatientID{Kind: record.NHSNumber, Value: "9434765919"})
	if err != nil || len(rs) != 1 {
		t.Errorf("the assessment is not in the store once it is free: %d records, %v\n%s", len(rs), err, out)
	}
	noFileIn(t, dir, out)
}

// TestPlainPromptsWriteNoFileForABriefBusyStoreAtTheNumber: the input
// ending before the first answer, with the store busy only as the number
// was given, the patient's details went to a not-saved file holding the
// NHS number ("could not be kept as a draft in the store"), though the
// store had long been free: as with a store never busy, nothing is kept
// of an assessment with no answers given, and no file is written.
func TestPlainPromptsWriteNoFileForABriefBusyStoreAtTheNumber(t *testing.T) {
	t.Parallel()
	st, dir, out, _ := busyAtTheNumber(t, []string{"Dr A Test", ""})
	if ds, err := st.ListDrafts(0); err != nil || len(ds) != 0 {
		t.Errorf("drafts in the store of an assessment with no answers: %+v, %v\n%s", ds, err, out)
	}
	noFileIn(t, dir, out)
}

// busyAtTheNumber runs digicheck new in plain prompts on a new store,
// gives an NHS number while another program holds the store for 4 s
// (past the 2 s a read waits), then types rest. It checks the store is
// said busy, not damaged, before the next question.
func busyAtTheNumber(t *testing.T, rest []string) (st *store.Store, dir, out string, err error) {
	t.Helper()
	dir = t.TempDir()
	path := filepath.Join(dir, "digicheck.db")
	st, err = store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in, typing := io.Pipe()
	a := &app{settings: site.Settings{DB: path, Team: "Ward 7", Accessible: true}}
	c := a.newCmd()
	var b bytes.Buffer
	c.SetIn(in)
	c.SetOut(&b)
	c.SetErr(&b)
	c.SetArgs(nil)
	c.SilenceUsage, c.SilenceErrors = true, true
	done := make(chan error, 1)
	go func() { done <- c.Execute() }()
	// The kind of number, read: then another program takes the store,
	// and the number is given.
	if _, err := io.WriteString(typing, "1\n"); err != nil {
		t.Fatal(err)
	}
	other, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(typing, "943 476 5919\n"); err != nil {
		other.Close()
		t.Fatal(err)
	}
	time.Sleep(4 * time.Second)
	other.Close()
	if _, err := io.WriteString(typing, strings.Join(rest, "\n")+"\n"); err != nil {
		t.Fatal(err)
	}
	typing.Close()
	err = <-done
	out = b.String()
	said := strings.Join(strings.Fields(out), " ")
	if strings.Contains(said, "are damaged") || strings.Contains(said, "is damaged") || strings.Contains(said, "cannot be trusted") || strings.Contains(said, "cannot be saved in the store") {
		t.Errorf("a store busy for a few seconds is called damaged:\n%s", out)
	}
	at := strings.Index(said, "busy")
	next := strings.Index(said, "Clinician")
	if at < 0 || next >= 0 && at > next {
		t.Errorf("the busy store is not said as the number is given, before the next question:\n%s", out)
	}
	return st, dir, out, err
}

// noFileIn fails if a not-saved file was written in dir.
func noFileIn(t *testing.T, dir, out string) {
	t.Helper()
	files, _ := os.ReadDir(dir)
	for _, f := range files {
		if strings.Contains(f.Name(), "not-saved") {
			t.Errorf("a file %s was written although the store was free to keep the answers in:\n%s", f.Name(), out)
		}
	}
}
