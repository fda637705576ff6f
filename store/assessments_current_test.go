package store

import (
	"testing"

	"digicheck/record"
)

// Two windows on one patient leave two assessments that count, neither
// following up the other: the store lists each, in its current version
// with its first, in the order they were first made, the last the one
// Latest gives (what a follow-up follows up).
func TestAPatientsAssessmentsThatCountAreEachCurrentVersionInTheOrderFirstMade(t *testing.T) {
	s := openTemp(t)
	pid, _ := record.ParsePatientID(nhsPatient)
	if as, err := s.Assessments(pid); err != nil || len(as) != 0 {
		t.Fatalf("Assessments of a new patient = %d, %v; want none", len(as), err)
	}
	a := save(t, s, assessed(t, nhsPatient))
	b := save(t, s, assessed(t, nhsPatient))
	c := save(t, s, assessed(t, nhsPatient))
	save(t, s, assessed(t, localPatient))
	a2 := amend(t, s, a) // saved last, but the first assessment made
	void(t, s, b.ID)
	as, err := s.Assessments(pid)
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 2 {
		t.Fatalf("Assessments = %d, want 2 (a amended, c; b voided)", len(as))
	}
	if as[0].Current.ID != a2.ID || as[0].First.ID != a.ID {
		t.Errorf("first = %s (first version %s), want %s (first version %s)", as[0].Current.ID, as[0].First.ID, a2.ID, a.ID)
	}
	if as[1].Current.ID != c.ID || as[1].First.ID != c.ID {
		t.Errorf("second = %s (first version %s), want %s", as[1].Current.ID, as[1].First.ID, c.ID)
	}
	if l, err := s.Latest(pid); err != nil || l.ID != as[len(as)-1].Current.ID {
		t.Errorf("Latest = %s, %v; want the last of Assessments, %s", l.ID, err, as[len(as)-1].Current.ID)
	}
}

// A follow-up links the patient's assessments: the one it follows up
// (in any version) is marked followed up, so that only assessments no
// follow-up links are taken as standing side by side.
func TestAnAssessmentAFollowUpLinksToIsMarkedFollowedUp(t *testing.T) {
	s := openTemp(t)
	pid, _ := record.ParsePatientID(nhsPatient)
	a := save(t, s, assessed(t, nhsPatient))
	f := reassessed(t, a, confidentAnswers())
	f.FollowsUp = a.ID
	f = save(t, s, f)
	amend(t, s, a) // amended after it was followed up: still followed up
	b := save(t, s, assessed(t, nhsPatient))
	as, err := s.Assessments(pid)
	if err != nil {
		t.Fatal(err)
	}
	got := map[record.ID]bool{}
	for _, x := range as {
		got[x.First.ID] = x.FollowedUp
	}
	if len(as) != 3 || !got[a.ID] || got[f.ID] || got[b.ID] {
		t.Errorf("followed up = %v (%d assessments); want only %s (the one followed up)", got, len(as), a.ID)
	}
}
