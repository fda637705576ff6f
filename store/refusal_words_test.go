package store

import (
	"strings"
	"testing"
)

// A store found damaged by a read refused its saves saying "... Nothing
// was written to it. Keep the file ... restore the store from a backup;
// nothing was written to it, and nothing will be until digicheck check
// finds it sound": twice, and too long for the box of the full-screen
// UI at 80x24. It says it once.
func TestARefusalSaysNothingWasWrittenOnce(t *testing.T) {
	s := openTemp(t)
	for range 60 {
		save(t, s, assessed(t, nhsPatient))
	}
	keptDrafts(t, s, 2)
	zeroLastPage(t, s, bucketRecords) // a damaged draft alone is set aside, and refuses nothing
	s2, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s2.ListDrafts(0); err == nil {
		t.Fatal("a damaged page of records went unnoticed")
	}
	err = s2.Refused()
	if err == nil {
		t.Fatal("no refusal after damage was found")
	}
	if n := strings.Count(strings.ToLower(err.Error()), "nothing was written to it"); n != 1 {
		t.Errorf("the refusal says %d times that nothing was written:\n%s", n, err)
	}
	if !strings.Contains(err.Error(), "until digicheck check finds it sound") {
		t.Errorf("the refusal does not say what lifts it:\n%s", err)
	}
}
