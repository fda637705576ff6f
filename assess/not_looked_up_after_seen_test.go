package assess

import (
	"strings"
	"testing"
	"time"
)

// A patient changed at the review to one assessed before (told, and
// turned down with esc), then given again while another program held the
// store, was told their assessments could not be looked up and would be
// at the save; the save named none, its read matching the ids seen the
// first time. What could not be looked up now is named at the save,
// whatever was read of the patient earlier in the assessment.
func TestAPatientNotLookedUpIsNamedAtTheSaveThoughReadEarlier(t *testing.T) {
	given := time.Date(2026, 12, 5, 10, 0, 0, 0, time.Local)
	o := options()
	o.Now = func() time.Time { return given }
	earlier := assessedAt(t, given.Add(-24*time.Hour), "Dr F", "Ward 1")
	earlier.Short = "0ea1"
	s := start(t, o)
	if err := s.SetPatient(patient, "Dr A", "Ward 3"); err != nil {
		t.Fatal(err)
	}
	if w := s.AssessedBefore([]Assessed{earlier}); w == "" {
		t.Fatal("the patient's earlier assessment is not said as the patient is given")
	}
	// Given again, the store held: nothing could be read.
	s.NotLookedUp()
	if got := s.SavedMeanwhile([]Assessed{earlier}); !strings.Contains(got, "(record "+earlier.Short+")") {
		t.Errorf("the save's read does not name the assessment that could not be looked up: %q", got)
	}
	// Read again once the store is let go: said there, not again at the save.
	if w := s.AssessedBefore([]Assessed{earlier}); w == "" {
		t.Fatal("the patient's earlier assessment is not said when read again")
	}
	if got := s.SavedMeanwhile([]Assessed{earlier}); got != "" {
		t.Errorf("an assessment said as the patient was given is said again at the save: %q", got)
	}
}
