package record

import (
	"testing"

	"digicheck/questionnaire"
)

// A save checks its record with Validate before anything else, on every
// save: a record that breaks no rule is checked without building anything
// (no sorted copy of its questions, no lookup table, no problems), its
// answers found by walking the instrument's questions once rather than
// searching them for each answer. (An NHS number's check digit is worked
// out on a copy of its digits: the patients here have a local number.)
func TestValidatingASoundRecordAllocatesNothing(t *testing.T) {
	for _, c := range []struct {
		name string
		r    Record
		ins  *questionnaire.Instrument
	}{
		{"v1", assessed(t, nil), questionnaire.V1},
		{"v2", assessedV2(t, nil), questionnaire.V2},
	} {
		r := c.r
		r.Patient = PatientID{LocalID, "A12345"}
		if err := Validate(&r, c.ins); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if n := testing.AllocsPerRun(100, func() { _ = Validate(&r, c.ins) }); n != 0 {
			t.Errorf("%s: Validate of a sound record made %.0f allocations; want none", c.name, n)
		}
	}
}
