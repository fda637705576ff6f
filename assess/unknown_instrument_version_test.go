package assess

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestAnAmendmentOfARecordOfAnUnknownInstrumentVersionIsRefused: an
// amendment of a record made with an instrument version this build does
// not know was asked with this build's questions, silently, and saved
// under the record's version with answers to other questions. It is now
// refused plainly, and nothing can be given or saved.
func TestAnAmendmentOfARecordOfAnUnknownInstrumentVersionIsRefused(t *testing.T) {
	r := saved(t, answers)
	r.InstrumentVersion = "99"
	o := Options{Directory: questionnaire.National, Clinician: "Dr A", Amend: &r, AmendReason: "misheard"}
	s := Start(o)
	err := s.SetPatient(r.Patient, "Dr A", "")
	if err == nil || !strings.Contains(err.Error(), "this record was made with instrument version 99, which this build does not know") {
		t.Fatalf("an amendment of a version 99 record went on (%v), asking version %s", err, s.Instrument().Version)
	}
	if _, err := s.Record(); err == nil {
		t.Fatal("an amendment of a version 99 record made a record")
	}
}

// TestAnAmendmentDraftOfAnotherVersionThanItsRecordIsNotResumed: a draft
// of an amendment keeps the instrument version it was begun with, which is
// its record's; a draft whose version is not its record's (the record was
// changed since, or the draft is damaged) was resumed with the record's
// questions holding answers to the draft's. It is refused, saying why.
func TestAnAmendmentDraftOfAnotherVersionThanItsRecordIsNotResumed(t *testing.T) {
	r := saved(t, answers) // version 1
	d := DraftOf(&r)
	d.Amends = r.ID
	d.InstrumentVersion = questionnaire.Current.Version
	if d.InstrumentVersion == r.InstrumentVersion {
		t.Fatal("this test needs a current version other than the record's")
	}
	o := Options{Directory: questionnaire.National, Clinician: "Dr A", Amend: &r, AmendReason: "misheard"}
	s, err := Resume(o, d)
	if err == nil {
		t.Fatalf("an amendment draft of version %s of a version %s record was resumed, asking version %s", d.InstrumentVersion, r.InstrumentVersion, s.Instrument().Version)
	}
	if !strings.Contains(err.Error(), "version "+d.InstrumentVersion) || !strings.Contains(err.Error(), "version "+r.InstrumentVersion) {
		t.Errorf("the refusal does not name both versions: %v", err)
	}
	d.InstrumentVersion = r.InstrumentVersion
	if _, err := Resume(o, d); err != nil {
		t.Errorf("an amendment draft of its record's version was refused: %v", err)
	}
}
