package prompt

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// heldRefusal is a save refused because another program held the store
// past the wait, its answers and note kept in a file (as the command's
// keepRefused makes it).
type heldRefusal struct{ path string }

func (e heldRefusal) Error() string {
	return "answers and note kept in " + e.path + " (paste the note into the patient record) as the store is in use by another digicheck window or program; try again, or close it"
}
func (e heldRefusal) KeptIn() string { return e.path }
func (e heldRefusal) Unwrap() error {
	return &store.Error{Kind: store.ErrLocked, Msg: "in use"}
}

// hookedLines gives its lines one read at a time, calling before[i], if
// set, as line i is read: what another window and another program do
// while the clinician reads the question the line answers.
type hookedLines struct {
	lines  []string
	before map[int]func()
	next   int
}

func (h *hookedLines) Read(b []byte) (int, error) {
	if h.next >= len(h.lines) {
		return 0, io.EOF
	}
	if f := h.before[h.next]; f != nil {
		f()
	}
	n := copy(b, h.lines[h.next]+"\n")
	h.next++
	return n, nil
}

// heldStore is the store as the save sees it: held by another program
// (every read of the patient's assessments refused), or let go, holding
// what another window saved meanwhile.
type heldStore struct {
	held   bool
	as     []assess.Assessed
	file   string
	saves  int
	saved  int
	said   []string // what was said before each save was tried
	inHeld int      // saves tried while a read was refused as held
}

// retryFlow is the save of an assessment whose answers are all given, on
// st, its first try refused as the store was held (the store held still
// just after), with lines to answer the save's questions.
func retryFlow(t *testing.T, st *heldStore, lines []string, before map[int]func()) (string, error) {
	t.Helper()
	r := testkit.Assessed(t, testkit.Included(nil))
	s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Clinician: "Dr A", Team: "Ward 1"})
	if err := s.SetPatient(r.Patient, "Dr A", "Ward 1"); err != nil {
		t.Fatal(err)
	}
	if w := s.AssessedBefore([]assess.Assessed{}); w != "" {
		t.Fatalf("the patient is said assessed before: %s", w)
	}
	for k := range s.Instrument().Sections {
		if err := s.SetSection(k, r.Answers); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Assess(); err != nil {
		t.Fatal(err)
	}
	s.ShowAll(true)
	for i := range s.Referrals() {
		if err := s.SetConsent(i, questionnaire.Declined); err != nil {
			t.Fatal(err)
		}
	}
	var out strings.Builder
	p := &prompter{in: bufio.NewReader(&hookedLines{lines: lines, before: before}), out: &out, fd: -1, outFd: -1}
	p.o.Assessed = func(record.PatientID) ([]assess.Assessed, error) {
		if st.held {
			return nil, fmt.Errorf("reading the patient's assessments: %w", &store.Error{Kind: store.ErrLocked, Msg: "in use"})
		}
		return st.as, nil
	}
	p.o.Save = func(*record.Record) error {
		st.saves++
		st.said = append(st.said, out.String())
		if st.held {
			st.inHeld++
		}
		if st.saves == 1 {
			st.held = true // still held just after the refusal
			return heldRefusal{st.file}
		}
		st.saved++
		return nil
	}
	var saved record.Record
	err := (&flow{p: p, s: s, gate: map[int]bool{}}).save(&saved)
	return strings.Join(strings.Fields(out.String()), " "), err
}

// After a save refused because another program held the store, the read
// of the patient's assessments made as "Save this assessment?" was asked
// again came while the store was still held, found nothing, and Save,
// chosen once another window had saved the same patient, saved a second
// current assessment of them without a word. The save reads them again as
// it is chosen, and says one saved meanwhile, and asks, before saving.
func TestASaveRetriedAfterAHeldStoreSaysAnAssessmentSavedMeanwhileBeforeSaving(t *testing.T) {
	st := &heldStore{file: "/wards/digicheck-not-saved-x.txt"}
	r := testkit.Assessed(t, testkit.Included(nil))
	other := assessedOne(t, r.Patient, time.Now().Add(time.Minute))
	lines := []string{"1", "1", "1", "1", "1", "1"}
	said, err := retryFlow(t, st, lines, map[int]func(){
		// The holder ended; another window saved the patient.
		1: func() { st.held, st.as = false, []assess.Assessed{other} },
	})
	if err != nil {
		t.Fatalf("save: %v\n%s", err, said)
	}
	if st.saved != 1 {
		t.Fatalf("%d saves made, want 1:\n%s", st.saved, said)
	}
	before := strings.Join(strings.Fields(st.said[len(st.said)-1]), " ")
	refused := strings.Index(before, "Not saved")
	named := strings.LastIndex(before, "(record "+other.Short+"), after this assessment was started")
	if refused < 0 || named < refused {
		t.Fatalf("the retry saved without saying the assessment saved meanwhile (record %s):\n%s", other.Short, said)
	}
}

// Save chosen again while the store is still held: the patient's
// assessments cannot be read, so nothing is saved (saved on a store let go
// between that read and the save, another window's assessment of the
// patient went unsaid), and it says the store is still in use, the
// answers still in the file. Once saved, it says that file is removed, and
// that a note pasted from it stands.
func TestASaveRetriedWhileTheStoreIsStillHeldSavesNothingAndSaysSo(t *testing.T) {
	for _, left := range []bool{false, true} {
		file := filepath.Join(t.TempDir(), "digicheck-not-saved-x.txt")
		st := &heldStore{file: file}
		lines := []string{"1", "1", "1", "1", "1"}
		said, err := retryFlow(t, st, lines, map[int]func(){
			0: func() {
				if left {
					if err := os.WriteFile(file, []byte("note"), 0o600); err != nil {
						t.Error(err)
					}
				}
			},
			2: func() { st.held = false },
		})
		if err != nil {
			t.Fatalf("save: %v\n%s", err, said)
		}
		if st.inHeld != 0 {
			t.Fatalf("saved while the patient's assessments could not be read (%d tries):\n%s", st.inHeld, said)
		}
		for _, w := range []string{"Still not saved", "still in use", file} {
			if !strings.Contains(said, w) {
				t.Errorf("Save chosen while the store is still held does not say %q:\n%s", w, said)
			}
		}
		// Nor can a draft of the patient's kept meanwhile be looked up:
		// said with the earlier assessments, as before the first question.
		if j := strings.Join(strings.Fields(said), " "); !strings.Contains(j, "Still not saved: the store is still in use by another program, so this patient's earlier assessments, and any unfinished one kept as a draft, cannot be looked up") {
			t.Errorf("Save chosen while the store is still held does not say the patient's drafts cannot be looked up either:\n%s", said)
		}
		if st.saved != 1 {
			t.Fatalf("%d saves made once the store was let go, want 1:\n%s", st.saved, said)
		}
		after := said[strings.LastIndex(said, "Saved."):]
		want := []string{"is removed", file, "A note already pasted from it stands"}
		if left {
			want = []string{"is still there", "delete it", file, "A note already pasted from it stands"}
		}
		for _, w := range want {
			if !strings.Contains(after, w) {
				t.Errorf("file left %v: the save does not say %q of the file:\n%s", left, w, said)
			}
		}
	}
}
