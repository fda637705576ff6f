package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// flipIndexEntry flips one bit of the NHS number r's entry of the patient
// index is filed under, wherever the file at path holds it.
func flipIndexEntry(t *testing.T, path string, r record.Record) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	key := []byte(r.Patient.Kind + "\x00" + r.Patient.Value + "\x00" + r.ID.String())
	n := 0
	for at := 0; ; {
		i := bytes.Index(b[at:], key)
		if i < 0 {
			break
		}
		b[at+i+len(r.Patient.Kind)+1+4] ^= 1
		at += i + 1
		n++
	}
	if n == 0 {
		t.Fatal("the patient's index entry is not in the file")
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// Damaged stores, fault 4: a patient's entry of the patient index filed
// under another number, and no check run first. The assessment of that
// patient wrote some twenty drafts into the damaged store, then its save
// was refused with "Nothing was written to it", which was false. The
// patient's entries are read once the number is given: the clinician is
// told at the first section, the answers go to a file from the start, and
// the store is as it was.
func TestAnAssessmentOfAPatientWhoseIndexEntryIsDamagedWritesNothing(t *testing.T) {
	t.Parallel()
	// Local patients' entries sort before the NHS number's, which is
	// filed last: flipped, it stays in order, as one bit often does.
	path := filepath.Join(t.TempDir(), "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var mine record.Record
	for i := range 7 {
		r := testkit.Assessed(t, testkit.Offline(nil))
		if i < 6 {
			r.Patient = record.PatientID{Kind: record.LocalID, Value: fmt.Sprintf("RXH-%05d", 10000+i)}
		}
		if err := st.Save(&r); err != nil {
			t.Fatal(err)
		}
		mine = r
	}
	flipIndexEntry(t, path, mine)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out, err := runNewPiped(t, path, strings.Join(append(append(pipedPatient, pipedAccess...), pipedRest...), "\n")+"\n")
	if err == nil {
		t.Errorf("an assessment the damaged store refused ended without an error:\n%s", out)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Errorf("the damaged store was written to:\n%s", out)
	}
	// Said at the first section, before the questions that follow it.
	said := strings.Index(out, "the patient index is damaged")
	if said < 0 || said > strings.Index(out, "Do you go online") && strings.Contains(out, "Do you go online") {
		t.Errorf("the damage is not said once the patient's number is given:\n%s", out)
	}
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "digicheck-not-saved-*.txt"))
	if len(kept) != 1 {
		t.Errorf("%d files keep the assessment; want 1:\n%s", len(kept), out)
	}
	st, err = store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ds, _ := st.ListDrafts(0); len(ds) != 0 {
		t.Errorf("%d drafts kept in the damaged store; want none", len(ds))
	}
}

// linesThen gives its lines one Read at a time, and runs then before the
// line numbered at: what happens while the assessment goes on.
type linesThen struct {
	lines []string
	at    int
	then  func()
}

func (r *linesThen) Read(p []byte) (int, error) {
	if len(r.lines) == 0 {
		return 0, io.EOF
	}
	if r.at == 0 && r.then != nil {
		r.then()
		r.then = nil
	}
	r.at--
	n := copy(p, r.lines[0]+"\n")
	r.lines = r.lines[1:]
	return n, nil
}

// And damage found while the assessment went on (check, run in another
// window, found it), after the assessment's drafts were kept: the refusal
// of its save said "nothing was written to it", though this run's drafts
// were. It says what was written.
func TestASaveRefusedAfterItsDraftsWereKeptDoesNotSayNothingWasWritten(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 3)
	lines := append(append(append([]string(nil), pipedPatient...), pipedAccess...), pipedRest...)
	lines = append(append(lines, declineShown(5)...), "1") // the referrals declined, saved
	in := &linesThen{lines: lines, at: len(pipedPatient) + len(pipedAccess) + 2, then: func() {
		if err := os.WriteFile(store.DamageNote(path), []byte("the digicheck store "+path+" is damaged: a page of records is damaged. Nothing was written to it. Keep the file as it is\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}}
	c := (&app{settings: site.Settings{DB: path}}).newCmd()
	var stdout, stderr bytes.Buffer
	c.SetIn(in)
	c.SetOut(&stdout)
	c.SetErr(&stderr)
	c.SilenceUsage, c.SilenceErrors = true, true
	err := c.Execute()
	out := stdout.String() + stderr.String()
	if err != nil {
		out += "\n" + err.Error()
	}
	st, oerr := store.Open(path, store.Options{})
	if oerr != nil {
		t.Fatal(oerr)
	}
	if ds, _ := st.ListDrafts(0); len(ds) == 0 || err == nil {
		t.Fatalf("want the save refused after a draft was kept (drafts %d, %v):\n%s", len(ds), err, out)
	}
	if strings.Contains(strings.ToLower(out), "nothing was written to it") {
		t.Errorf("the refusal says nothing was written to the store, which holds this run's draft:\n%s", out)
	}
	if !strings.Contains(out, "kept in it as a draft") {
		t.Errorf("the refusal does not say the answers were kept in the store as a draft:\n%s", out)
	}
}
