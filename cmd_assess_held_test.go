package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// A store held by another program (another digicheck running check,
// backup or summary; a backup tool; an antivirus) stopped a new
// assessment before its first question: digicheck waited 2 s for the
// lock and exited 1, and the clinician could not assess the patient in
// front of them. The assessment goes on, told before the first question
// that the store is in use (not damaged); at the save the store is tried
// again, and the assessment saved in it if it has been let go, else kept
// in the not-saved file beside it, with what to do.

// heldStart is what a new assessment on a store held by another program
// says before its first question, in both front ends.
const heldStart = "The store is in use by another program"

// heldStartKept is the end of those words: where the answers go if the
// store is still in use at the save.
const heldStartKept = "answers will be kept in a file if it is still in use when you save"

// TestPlainPromptsOnAStoreHeldByAnotherProgramSaveInItOnceLetGo: the plain
// prompts, started while another process holds the store's lock, are not
// stopped; the store let go before the save, the assessment is saved in
// it, and no file is written.
func TestPlainPromptsOnAStoreHeldByAnotherProgramSaveInItOnceLetGo(t *testing.T) {
	t.Parallel()
	run := startHeldPlain(t)
	run.typeLines(append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...))
	run.release()
	run.typeLines(append(declinedShown(t), "1", "2")) // save; no other assessment
	out, err := run.end()
	if err != nil {
		t.Fatalf("the assessment on a store let go before the save ended with %v:\n%s", err, out)
	}
	st, err := store.Open(run.path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := st.History(record.PatientID{Kind: record.NHSNumber, Value: "9434765919"})
	if err != nil || len(rs) != 1 {
		t.Errorf("the store let go before the save holds %d records of the patient (%v), want the assessment:\n%s", len(rs), err, out)
	}
	noFileIn(t, run.dir, out)
	if !strings.Contains(out, "Saved 1 assessment(s) in "+run.path) || strings.Contains(out, ".digicheck-") {
		t.Errorf("the end does not say the assessment was saved in the store %s, or names a temporary file:\n%s", run.path, out)
	}
}

// TestPlainPromptsOnAStoreStillHeldAtTheSaveKeepTheAnswersInAFile: the
// store still held by another process at the save, the answers and the
// note are kept in the not-saved file beside it, and the end says so, that
// the store is still in use, and to enter them again once it is free.
func TestPlainPromptsOnAStoreStillHeldAtTheSaveKeepTheAnswersInAFile(t *testing.T) {
	t.Parallel()
	run := startHeldPlain(t)
	run.typeLines(append(append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...), declinedShown(t)...))
	run.typeLines([]string{"1", "q"}) // save, refused; stop, keeping the file
	out, err := run.end()
	if err == nil {
		t.Errorf("the run ended 0 with the assessment not saved in the store:\n%s", out)
	}
	kept, _ := filepath.Glob(filepath.Join(run.dir, "digicheck-not-saved-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files keep the answers, want 1:\n%s", len(kept), out)
	}
	if k := fileBytes(t, kept[0]); !strings.Contains(k, "9434765919") || !strings.Contains(k, `"answers"`) || !strings.Contains(k, "Digital inclusion check") {
		t.Errorf("the kept file lacks the patient, the answers or the note:\n%s", k)
	}
	said := strings.Join(strings.Fields(out), " ")
	if !strings.Contains(said, kept[0]) || !strings.Contains(said, "still in use") || !strings.Contains(said, "once it is free") {
		t.Errorf("the end does not name the file %s, say the store is still in use, and what to do once it is free:\n%s", kept[0], out)
	}
	run.release()
	st, err := store.Open(run.path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rs, err := st.History(record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}); err != nil || len(rs) != 0 {
		t.Errorf("the store held throughout holds %d records of the patient (%v), want none", len(rs), err)
	}
	if left, _ := filepath.Glob(filepath.Join(run.dir, ".digicheck-*")); len(left) > 0 {
		t.Errorf("a temporary file was left behind: %v", left)
	}
}

// declinedShown is the plain prompts' answers declining each referral
// pipedAccess and pipedRest bring up.
func declinedShown(t *testing.T) []string {
	t.Helper()
	res, err := questionnaire.Current.Assess(testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkTasks: {questionnaire.TaskText}, questionnaire.LinkChoice: {string(questionnaire.RouteApp)},
	})), questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	return declineShown(len(res.Recommendation.Referrals))
}

// heldPlain is digicheck run in plain prompts from a pipe, on a store
// another process (this one) holds.
type heldPlain struct {
	t         *testing.T
	dir, path string
	cmd       *exec.Cmd
	in        io.WriteCloser
	out       *syncBuffer
	release   func()
}

// startHeldPlain makes a store, holds its lock from this process, starts
// digicheck on it, and waits for the start words, which must come before
// the first question and not call the store damaged.
func startHeldPlain(t *testing.T) *heldPlain {
	t.Helper()
	return startHeldPlainOn(t, nil)
}

// startHeldPlainOn is startHeldPlain on a store that before, if not nil,
// fills first (with drafts, say), before it is held.
func startHeldPlainOn(t *testing.T, before func(st *store.Store)) *heldPlain {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "digicheck.db")
	if before != nil {
		st, err := store.Open(path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		before(st)
		_ = st.ReleaseDrafts()
	}
	release := holdStore(t, path)
	cmd := exec.Command(binary(t))
	cmd.Env = []string{
		"HOME=" + dir,
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"DIGICHECK_DB=" + path,
		"USER=nurse",
		"PATH=" + os.Getenv("PATH"),
	}
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	run := &heldPlain{t: t, dir: dir, path: path, cmd: cmd, in: in, out: out, release: release}
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(strings.Join(strings.Fields(out.String()), " "), heldStartKept) {
		if time.Now().After(deadline) {
			in.Close()
			_ = cmd.Wait()
			t.Fatalf("a new assessment on a store another program holds did not start, saying the store is in use:\n%s", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	said := strings.Join(strings.Fields(out.String()), " ")
	if !strings.Contains(said, heldStart) || strings.Contains(said, "is damaged") || strings.Contains(said, "are damaged") {
		t.Errorf("the start does not say the store is in use by another program, or calls it damaged:\n%s", out.String())
	}
	return run
}

func (r *heldPlain) typeLines(lines []string) {
	r.t.Helper()
	if _, err := io.WriteString(r.in, strings.Join(lines, "\n")+"\n"); err != nil {
		r.t.Fatal(err)
	}
}

// end closes the input and waits for digicheck to end.
func (r *heldPlain) end() (string, error) {
	r.t.Helper()
	r.in.Close()
	done := make(chan error, 1)
	go func() { done <- r.cmd.Wait() }()
	select {
	case err := <-done:
		return r.out.String(), err
	case <-time.After(60 * time.Second):
		r.t.Fatalf("digicheck did not end:\n%s", r.out.String())
	}
	return "", nil
}

// holdStore makes a store at path and holds its lock, as another program
// writing to it does, until the func returned (or the test's end) lets go.
func holdStore(t *testing.T, path string) (release func()) {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_ = st
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	release = func() { once.Do(func() { _ = db.Close() }) }
	t.Cleanup(release)
	return release
}

// syncBuffer is a bytes.Buffer written by a process and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestPlainPromptsOnAStoreLetGoSayAPatientsDraftAndKeepTheirOwn: a run
// started while another program held the store never looked drafts up,
// even once the store was let go: a patient with a kept draft went
// straight to the first question, and every answer said "(Not kept as a
// draft in the store: ... in use by another program ...)" though nothing
// held it. Let go before the patient is given, the patient's draft is said
// before the first question, and the answers given are kept as a draft in
// the store itself.
func TestPlainPromptsOnAStoreLetGoSayAPatientsDraftAndKeepTheirOwn(t *testing.T) {
	t.Parallel()
	patient := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	run := startHeldPlainOn(t, func(st *store.Store) {
		d := store.Draft{}
		d.Patient, d.Clinician, d.Team, d.InstrumentVersion = patient, "Nurse K", "Ward 3", questionnaire.Current.Version
		if err := st.SaveDraft(&d); err != nil {
			t.Fatal(err)
		}
	})
	run.release()
	run.typeLines(append(append([]string{}, pipedPatient...), pipedAccess...))
	out, _ := run.end()
	said := strings.Join(strings.Fields(out), " ")
	if !strings.Contains(said, "Patient 943 476 5919 has an unfinished assessment kept as a draft") {
		t.Errorf("the patient's draft, in a store let go before the patient was given, is not said:\n%s", out)
	}
	if strings.Contains(said, "Not kept as a draft in the store") {
		t.Errorf("the answers are said not kept as a draft in a store let go:\n%s", out)
	}
	st, err := store.Open(run.path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := st.ListDrafts(0)
	if err != nil {
		t.Fatal(err)
	}
	mine := 0
	for _, d := range ds {
		if d.Patient == patient && d.Clinician == "Dr A Test" && len(d.Answers) > 0 {
			mine++
		}
	}
	if len(ds) != 2 || mine != 1 {
		t.Errorf("the store holds %d drafts, %d of them this run's answers; want the draft kept before and this run's:\n%s", len(ds), mine, out)
	}
}
