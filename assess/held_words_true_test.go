package assess

import (
	"strings"
	"testing"
	"time"

	"digicheck/record"
)

// TestHeldStoreWordsAreTrueWhenThePatientWasChanged: an assessment of the
// patient found at the save, whose assessments a held store hid, was said
// hidden "as this assessment began", also when the store was held as the
// patient was changed, well after the assessment began. The words say when
// this patient was given, true of both.
func TestHeldStoreWordsAreTrueWhenThePatientWasChanged(t *testing.T) {
	now := time.Date(2026, 12, 5, 6, 29, 0, 0, time.Local)
	o := options()
	o.Now = func() time.Time { return now }
	s := start(t, o)
	first := record.PatientID{Kind: record.LocalID, Value: "H100005"}
	if err := s.SetPatient(first, "Dr A", "Ward 1"); err != nil {
		t.Fatal(err)
	}
	s.AssessedBefore(nil) // read: none
	if err := s.SetPatient(patient, "Dr A", "Ward 1"); err != nil {
		t.Fatal(err)
	}
	s.NotLookedUp() // the store held at the change
	got := s.SavedMeanwhile([]Assessed{assessedAt(t, now.Add(-24*time.Hour), "Dr B", "Ward 2")})
	if strings.Contains(got, "as this assessment began") || !strings.Contains(got, "when this patient was given") {
		t.Errorf("SavedMeanwhile = %q: it must say the store was held when this patient was given", got)
	}
}
