package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestTheNoteInTheFileOfARefusedSaveIsTheRecordsNote: a save another
// program held too long keeps the answers and the note in a file, and the
// clinician pastes that note into the patient record. A follow-up's file
// held "Follows up record …" where the record, once saved, says the change
// since the check followed up and the adjustments that stop with it; an
// amendment's left out the adjustments of the earlier note that stop. The
// saved screen then said a note pasted from the file "stands: it is this
// record's note". For a new assessment, a follow-up, an amendment and an
// amendment of a follow-up, the note in the file is the note the record
// holds once the store saves it, as show and the saved screen give it.
func TestTheNoteInTheFileOfARefusedSaveIsTheRecordsNote(t *testing.T) {
	t.Parallel()
	now := time.Now()
	opts := func() assess.Options {
		return assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Clinician: "Dr Ada Test", Team: "Ward 5", Now: func() time.Time { return now }}
	}
	// finish answers every step of s with a, answers each referral, and
	// gives the record it would save.
	finish := func(t *testing.T, s *assess.Session, a questionnaire.Answers) record.Record {
		t.Helper()
		if !s.PatientFixed() {
			if err := s.SetPatient(record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}, s.Clinician(), s.Team()); err != nil {
				t.Fatal(err)
			}
		} else if err := s.SetPatient(s.Patient(), "Dr Bea Fix", "Ward 5"); err != nil {
			t.Fatal(err)
		}
		if refs := s.OutcomeReferrals(); len(refs) > 0 {
			var os []record.ReferralOutcome
			for _, f := range refs {
				os = append(os, record.ReferralOutcome{ProgrammeID: f.ProgrammeID, Outcome: record.OutcomeNotTakenUp, Reason: "bus too dear"})
			}
			if err := s.SetOutcomes(os); err != nil {
				t.Fatal(err)
			}
		}
		for k := range s.Instrument().Sections {
			if err := s.SetSection(k, a); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Assess(); err != nil {
			t.Fatal(err)
		}
		s.ShowAll(true)
		for i := range s.Referrals() {
			if err := s.SetConsent(i, questionnaire.Agreed); err != nil {
				t.Fatal(err)
			}
		}
		r, err := s.Record()
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	// Each case has a store of its own holding an assessment of the
	// patient with an interpreter, large print and letters, and a
	// follow-up of it.
	var st *store.Store
	var first, later record.Record
	setUp := func(t *testing.T) {
		t.Helper()
		path, _ := storeWith(t, 0)
		var err error
		if st, err = store.Open(path, store.Options{}); err != nil {
			t.Fatal(err)
		}
		first = finish(t, assess.Start(opts()), testkit.Interpreter(nil))
		if err := st.Save(&first); err != nil {
			t.Fatal(err)
		}
		o := opts()
		o.FollowUp = &first
		later = finish(t, assess.Start(o), testkit.Interpreter(nil))
		if err := st.Save(&later); err != nil {
			t.Fatal(err)
		}
	}

	for _, c := range []struct {
		name string
		opts func() assess.Options
		a    questionnaire.Answers
	}{
		{"a new assessment", opts, testkit.Offline(nil)},
		{"a follow-up", func() assess.Options {
			o := opts()
			o.FollowUp = &later
			return o
		}, testkit.Included(nil)},
		{"an amendment", func() assess.Options {
			o := opts()
			o.Amend, o.AmendReason = &first, "needs were misheard"
			return o
		}, testkit.Included(nil)},
		{"an amendment of a follow-up", func() assess.Options {
			o := opts()
			o.Amend, o.Earlier, o.AmendReason = &later, &first, "needs were misheard"
			return o
		}, testkit.Included(nil)},
	} {
		t.Run(c.name, func(t *testing.T) {
			setUp(t)
			r := finish(t, assess.Start(c.opts()), c.a)
			var kept []string
			_ = keepRefused(st, &r, &store.Error{Kind: store.ErrLocked, Msg: "another program held the store too long"}, &kept, "")
			if len(kept) != 1 {
				t.Fatalf("the refused save kept %v; want one file", kept)
			}
			b, err := os.ReadFile(kept[0])
			if err != nil {
				t.Fatal(err)
			}
			saved := r
			put := st.Save
			if !saved.Amends.IsZero() {
				put = st.Amend
			}
			if err := put(&saved); err != nil {
				t.Fatal(err)
			}
			note := record.NoteWith(saved, record.NoteOptions{Replaces: replacedOf(st, saved)})
			if !strings.HasPrefix(string(b), note+"\n\n") {
				t.Errorf("the file's note is not the record's.\nThe file:\n%s\nThe record's note:\n%s", b, note)
			}
			if c.name != "a new assessment" && !strings.Contains(note, "stop with this") {
				t.Errorf("the record's note says no adjustment stops, which this test is to show:\n%s", note)
			}
		})
	}
}
