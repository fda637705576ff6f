package assess

import (
	"regexp"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// TestALocalNumberWithNoDigitIsRefusedAtEntry: a local hospital number
// with no digit ("Ada": a name typed in the wrong box) is refused where it
// is typed, saying what a local number looks like; one with a digit is
// taken. An amendment of a record saved before under such a number still
// goes ahead: it is refused at entry, never on read.
func TestALocalNumberWithNoDigitIsRefusedAtEntry(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		typed string
		ok    bool
	}{
		{"Ada", false},
		{"ada-smith", false},
		{"ABC", false},
		{"---", false},
		{"A1", true},
		{"RXH-123456", true},
		{"123456", true},
		{"h0", true},
	} {
		_, err := CheckPatient(record.LocalID, tc.typed)
		if tc.ok {
			if err != nil {
				t.Errorf("%q refused: %v", tc.typed, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%q taken as a local number", tc.typed)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "digit") || !strings.Contains(msg, "letters, digits and -") {
			t.Errorf("%q refused as %q: it does not say what a local number looks like", tc.typed, msg)
		}
		s := start(t, options())
		if err := s.SetPatient(record.PatientID{Kind: record.LocalID, Value: strings.ToUpper(tc.typed)}, "Dr Ada Test", ""); err == nil {
			t.Errorf("a new assessment took %q as its patient", tc.typed)
		}
	}

	old := testkit.Assessed(t, testkit.Included(nil))
	old.Patient = record.PatientID{Kind: record.LocalID, Value: "ADA"}
	id, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	old.ID, old.Time, old.Status = id, fixedNow, record.Completed
	if err := record.Validate(&old, nil); err != nil {
		t.Fatalf("a record saved before under a local number with no digit does not read: %v", err)
	}
	o := options()
	o.Amend, o.AmendReason = &old, "the number"
	s := start(t, o)
	if err := s.SetPatient(s.Patient(), "Dr Ada Test", ""); err != nil {
		t.Errorf("the amendment of a record saved under %q was refused: %v", old.Patient.Value, err)
	}
}

// TestAnNHSNumberInTheClinicianBoxIsRefused: a clinician's name that, with
// O or o read as 0, I or l as 1, and spaces and dashes dropped, is ten
// digits is a patient's NHS number typed in the wrong box ("4O1 023 2137",
// a zero typed as the letter O): refused, saying why, and never saying the
// number back. A name with a few digits, or an O, is a name; one holding
// ten digits or more in a row is not (TestANameHoldingAnNHSNumberIsRefused).
func TestAnNHSNumberInTheClinicianBoxIsRefused(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		typed string
		ok    bool
	}{
		{"4O1 023 2137", false},
		{"4o1-023-2137", false},
		{"943 476 5919", false},
		{"9434765919", false},
		{"943 476 59l9", false},
		{"94347659I9", false},
		{"OOO OOO OOOO", false},
		{"Dr O'Neil", true},
		{"R Patel", true},
		{"Dr Ola Oni", true},
		{"Nurse 1234", true},
		{"Dr Li 943 476 591", true},
		{"Dr Li 943 476 59199", false}, // eleven digits holding a valid ten
	} {
		for what, check := range map[string]func(string) error{"clinician": CheckClinician, "team": CheckTeam} {
			err := check(tc.typed)
			if tc.ok {
				if err != nil {
					t.Errorf("%s %q refused: %v", what, tc.typed, err)
				}
				continue
			}
			if err == nil {
				t.Errorf("%s %q taken", what, tc.typed)
				continue
			}
			msg := err.Error()
			if !strings.Contains(msg, "NHS number") {
				t.Errorf("%s %q refused as %q: it does not say why", what, tc.typed, msg)
			}
			if strings.Contains(msg, tc.typed) || regexp.MustCompile(`[0-9]{3}`).MatchString(msg) {
				t.Errorf("%s %q: the refusal says the number back: %q", what, tc.typed, msg)
			}
		}
	}
	s := start(t, options())
	if err := s.SetPatient(patient, "4O1 023 2137", ""); err == nil {
		t.Error("an assessment took an NHS number as its clinician")
	}
}
