package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// An assessment begun while another program held the store, the store
// free by the first save, finds the patient already assessed there: the
// save asks "Save these answers as another assessment of this patient?".
// Stopped at that question (q, Ctrl+C, the window closed), the end said
// another program had held the store at the save, wrote the answers to a
// file saying to start a new assessment of this patient and give them,
// and kept no draft in the store, free: the second assessment the
// question had just held back. It now ends as a second assessment
// declined ends: the patient already has an assessment, these answers
// were not saved, follow the patient up instead (with this run's --db);
// the answers are kept as a draft in the store, to resume only to save
// them as another assessment after all. The store let go while the
// questions were answered (its drafts kept in it since), the end said
// "Run digicheck to resume it", that second assessment again.
func TestPlainPromptsStoppedWhereTheFirstSaveFoundThePatientAssessedSayFollowUp(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		stop   func(run *heldPlain) (string, error)
		status int
	}{
		{"q", func(run *heldPlain) (string, error) { run.typeLines([]string{"q"}); return run.end() }, 1},
		{"Ctrl+C", func(run *heldPlain) (string, error) { return run.endBy(os.Interrupt) }, 130},
		{"window closed", func(run *heldPlain) (string, error) { return run.endBy(syscall.SIGHUP) }, 129},
	} {
		for _, early := range []bool{false, true} {
			name := c.name
			if early {
				name += ", let go during the questions"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				out, err := stopWhereTheFirstSaveFoundThePatientAssessed(t, early, c.stop)
				var exit *exec.ExitError
				if !errors.As(err, &exit) || exit.ExitCode() != c.status {
					t.Errorf("the run ended with %v, want status %d:\n%s", err, c.status, out)
				}
			})
		}
	}
}

// endBy stops digicheck with sig, its input left open (closed, the
// prompts would end with it too), and waits for it to end.
func (r *heldPlain) endBy(sig os.Signal) (string, error) {
	r.t.Helper()
	_ = r.cmd.Process.Signal(sig)
	done := make(chan error, 1)
	go func() { done <- r.cmd.Wait() }()
	select {
	case err := <-done:
		r.in.Close()
		return r.out.String(), err
	case <-time.After(60 * time.Second):
		r.t.Fatalf("digicheck did not end:\n%s", r.out.String())
	}
	return "", nil
}

// stopWhereTheFirstSaveFoundThePatientAssessed gives every answer on a
// store held (let go after the patient is given if early, its drafts then
// kept in it; else just before the save), saves, and stops with stop at
// the question the save asks.
func stopWhereTheFirstSaveFoundThePatientAssessed(t *testing.T, early bool, stop func(*heldPlain) (string, error)) (string, error) {
	patient := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	run := startHeldPlainArgs(t, func(st *store.Store) {
		r := testkit.Assessed(t, testkit.Included(nil))
		r.Time = time.Now().Add(-time.Hour)
		if err := st.Save(&r); err != nil {
			t.Fatal(err)
		}
	}, "--db")
	run.typeLines(pipedPatient)
	if early {
		run.waitFor("so this patient's earlier assessments")
		run.release()
	}
	run.typeLines(append(append(append([]string{}, pipedAccess...), pipedRest...), declinedShown(t)...))
	if !early {
		run.waitFor("Save this assessment? 1. Save 2. Go back Type a number")
		run.release()
		run.typeLines([]string{"1"}) // save: the store, free now, shows the patient assessed
	} // else the read-back, the store free, asks at once
	run.waitFor("Save as another assessment 2. Go back Type a number")
	out, runErr := stop(run)
	// A command too long for its line is continued on the next ("\").
	said := strings.ReplaceAll(strings.Join(strings.Fields(out), " "), " \\ ", " ")
	end := said[strings.LastIndex(said, "Go back")+len("Go back"):]
	for _, not := range []string{"held", "still in use", "enter them again", "start a new assessment"} {
		if strings.Contains(end, not) {
			t.Errorf("the end says %q, of a store read free at the save that found the patient assessed:\n%s", not, end)
		}
	}
	for _, want := range []string{"already has an assessment", "not saved", "digicheck --db " + run.path + " followup 9434765919"} {
		if !strings.Contains(end, want) {
			t.Errorf("the end does not say %q (the patient already assessed; not saved; follow up in this store):\n%s", want, end)
		}
	}
	kept, _ := filepath.Glob(filepath.Join(run.dir, "digicheck-not-saved-*.txt"))
	if len(kept) == 0 && strings.Contains(end, "written to a file") {
		// The answers went into the store, free by then, as a draft.
		t.Errorf("the end says the answers are written to a file, and none was:\n%s", end)
	}
	for _, k := range kept {
		body := strings.Join(strings.Fields(fileBytes(t, k)), " ")
		if strings.Contains(body, "start a new assessment") || strings.Contains(body, "held") {
			t.Errorf("the file %s says to start a new assessment of this patient, or that the store was held:\n%s", k, body)
		}
	}
	st, err := store.Open(run.path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := st.ListDrafts(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Patient != patient || len(ds[0].Answers) == 0 {
		t.Errorf("the store, free at the stop, keeps %d drafts; want this assessment's:\n%s", len(ds), out)
	}
	if rs, _ := st.History(patient); len(rs) != 1 {
		t.Errorf("the store holds %d records of the patient, want the one saved before", len(rs))
	}
	return out, runErr
}

// startHeldPlainArgs is startHeldPlainOn with the store given on the
// command line (flags, the path added after the last), as a clinician
// gives it, so that the commands the run says carry it.
func startHeldPlainArgs(t *testing.T, before func(st *store.Store), flags ...string) *heldPlain {
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
	cmd := exec.Command(binary(t), append(flags, path)...)
	cmd.Env = []string{
		"HOME=" + dir,
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"),
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
	run.waitFor(heldStartKept)
	return run
}
