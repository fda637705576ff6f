package store

import (
	"errors"
	"testing"

	"digicheck/questionnaire"
)

// TestARecordWhoseResultIsNotItsAnswersIsNotSaved: a result is a pure
// function of the answers, and every read checks it (H29). A record whose
// answers were changed without assessing them again must be refused when it
// is saved: saved, it would be refused on every read as damaged, and the
// store with it.
func TestARecordWhoseResultIsNotItsAnswersIsNotSaved(t *testing.T) {
	s := openTemp(t)
	r := assessed(t, nhsPatient)
	r.Answers[questionnaire.LinkWant] = []string{questionnaire.No} // the result not worked out again
	err := s.Save(&r)
	if !errors.Is(err, ErrInvalidRecord) {
		t.Fatalf("Save of a record whose result is not its answers' = %v, want ErrInvalidRecord", err)
	}
	good := save(t, s, assessed(t, nhsPatient))
	if _, err := s.Get(good.ID); err != nil {
		t.Errorf("the store is not readable after the refusal: %v", err)
	}
	if rep, err := s.Check(); err != nil || !rep.OK() {
		t.Errorf("check after the refusal: %v\n%s", err, rep)
	}
}
