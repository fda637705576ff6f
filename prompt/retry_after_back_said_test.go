package prompt

import (
	"bufio"
	"errors"
	"fmt"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestSaveChosenAgainAfterGoingBackFromARefusalSaysItTriesAgain: after a
// save refused because another program held the store, Go back, then
// Save chosen again, said "Saving…" and then, the store still held,
// "Still not saved": a screen-reader user heard a save begin that the
// read before it stopped. Chosen again after a refusal, by whatever way,
// it says it tries again, as Save chosen straight after the refusal does.
func TestSaveChosenAgainAfterGoingBackFromARefusalSaysItTriesAgain(t *testing.T) {
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
	held := false
	var out strings.Builder
	// Save (refused), Go back; then Save again (still held), and Go back.
	p := &prompter{in: bufio.NewReader(&hookedLines{lines: []string{"1", "2", "1", "2"}}), out: &out, fd: -1, outFd: -1}
	p.o.Assessed = func(record.PatientID) ([]assess.Assessed, error) {
		if held {
			return nil, fmt.Errorf("reading the patient's assessments: %w", &store.Error{Kind: store.ErrLocked, Msg: "in use"})
		}
		return nil, nil
	}
	p.o.Save = func(*record.Record) error {
		held = true
		return heldRefusal{"/wards/digicheck-not-saved-x.txt"}
	}
	f := &flow{p: p, s: s, gate: map[int]bool{}}
	var saved record.Record
	if err := f.save(&saved); !errors.Is(err, errBack) {
		t.Fatalf("the first save, refused, then Go back: %v\n%s", err, out.String())
	}
	back := out.Len()
	_ = f.save(&saved)
	again := out.String()[back:]
	still := strings.Index(again, "Still not saved")
	if still < 0 {
		t.Fatalf("Save chosen again on the store still held is not refused:\n%s", again)
	}
	if before := afterLastPrompt(again[:still]); strings.Contains(before, "Saving…") || !strings.Contains(before, "Trying again…") {
		t.Errorf("Save chosen again after going back says a save begins, not that it tries again: after the prompt, %q", before)
	}
}
