package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/site"
	"digicheck/store"
)

// releasingReader is the clinician's typing in the new window: before the
// first line is read, the old window lets go of its draft (release), as a
// window closed just before digicheck was opened again does once its
// process has ended.
type releasingReader struct {
	once    sync.Once
	release func()
	r       io.Reader
}

func (r *releasingReader) Read(b []byte) (int, error) {
	r.once.Do(r.release)
	return r.r.Read(b)
}

// TestAPlainPromptsDraftLetGoOfAfterTheListIsOfferedWhenItsPatientIsEntered:
// a window closed mid-assessment, and digicheck --accessible opened again
// at once, found the draft still held by the closing window as the drafts
// were listed. When the nurse entered the same patient, the prompts said
// "It is open in another window: finish it there", though that window had
// gone, and offered only a second assessment. Now a draft held elsewhere
// as the list was read is on the list, and is offered to resume as its
// patient is entered, saying it is (or was) open in another window:
// resumed once that window has let go, refused while it still holds it.
func TestAPlainPromptsDraftLetGoOfAfterTheListIsOfferedWhenItsPatientIsEntered(t *testing.T) {
	for _, tc := range []struct {
		name    string
		letGo   bool
		want    string
		notWant string
	}{
		{"let go", true, "1. Resume the draft", "Not resumed"},
		{"still held", false, "Not resumed: the draft of patient " + testkit.NHSNumber + " is open in another digicheck window", "Resuming the assessment"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "digicheck.db")
			old, err := store.Open(path, store.Options{}) // the window being closed
			if err != nil {
				t.Fatal(err)
			}
			r := testkit.Assessed(t, testkit.Included(nil))
			d := store.Draft{}
			d.Patient, d.Clinician, d.Team = r.Patient, "Nurse K", "Ward 7"
			d.InstrumentVersion, d.Section, d.Answers = r.InstrumentVersion, "skills", r.Answers
			if err := old.SaveDraft(&d); err != nil { // held by the old window
				t.Fatal(err)
			}
			in := &releasingReader{r: strings.NewReader("1\n1\n" + testkit.NHSNumber + "\nNurse K\n\n1\n"), release: func() {
				if tc.letGo {
					if err := old.ReleaseDrafts(); err != nil {
						t.Error(err)
					}
				}
			}}
			c := newFromInput(&app{settings: site.Settings{DB: path, Team: "Ward 7", Accessible: true}})
			var out bytes.Buffer
			c.SetIn(in)
			c.SetOut(&out)
			c.SetErr(&out)
			c.SetArgs([]string{"--drafts-from-input"})
			c.SilenceUsage, c.SilenceErrors = true, true
			_ = c.Execute() // the input ends in the assessment: the draft is kept
			said := out.String()
			at := strings.Index(said, "has an unfinished assessment kept as a draft")
			if at < 0 {
				t.Fatalf("the patient's draft was not said when the patient was entered:\n%s", said)
			}
			if !strings.Contains(said[at:], tc.want) || strings.Contains(said[at:], tc.notWant) {
				t.Errorf("entering the patient of a draft whose window has %s did not say %q (or said %q):\n%s", map[bool]string{true: "let it go", false: "still got it"}[tc.letGo], tc.want, tc.notWant, said)
			}
			if !strings.Contains(said[at:], "It is open in another window, or was a moment ago") {
				t.Errorf("the notice does not say the draft was open in another window as the list was read:\n%s", said)
			}
			if tc.letGo && !strings.Contains(said, "Resuming the assessment of patient") {
				t.Errorf("the draft offered was not resumed:\n%s", said)
			}
		})
	}
}
