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

// nameCase is a clinician or team typed, and whether it is taken.
type nameCase struct {
	typed string
	ok    bool
	nhs   bool // refused as an NHS number (passes Modulus 11)
}

// eachNameBox types every case in the clinician box and in the team box:
// one that is a name must be taken; one that is not must be refused, and
// refused then checks what the refusal says. The tests of both boxes share
// it, so each case is typed in both the same way.
func eachNameBox(t *testing.T, cases []nameCase, refused func(what string, c nameCase, msg string)) {
	t.Helper()
	for _, c := range cases {
		for what, check := range map[string]func(string) error{"clinician": CheckClinician, "team": CheckTeam} {
			err := check(c.typed)
			switch {
			case c.ok && err != nil:
				t.Errorf("%s %q refused: %v", what, c.typed, err)
			case !c.ok && err == nil:
				t.Errorf("%s %q taken", what, c.typed)
			case !c.ok:
				refused(what, c, err.Error())
			}
		}
	}
}

// assessmentRefuses fails unless an assessment refuses clinician and team
// as who is assessing, what being what they hold.
func assessmentRefuses(t *testing.T, clinician, team, what string) {
	t.Helper()
	s := start(t, options())
	if err := s.SetPatient(patient, clinician, team); err == nil {
		t.Errorf("an assessment took %s", what)
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
	eachNameBox(t, []nameCase{
		{typed: "4O1 023 2137"},
		{typed: "4o1-023-2137"},
		{typed: "943 476 5919"},
		{typed: "9434765919"},
		{typed: "943 476 59l9"},
		{typed: "94347659I9"},
		{typed: "OOO OOO OOOO"},
		{typed: "Dr O'Neil", ok: true},
		{typed: "R Patel", ok: true},
		{typed: "Dr Ola Oni", ok: true},
		{typed: "Nurse 1234", ok: true},
		{typed: "Dr Li 943 476 591", ok: true},
		{typed: "Dr Li 943 476 59199"}, // eleven digits holding a valid ten
	}, func(what string, c nameCase, msg string) {
		if !strings.Contains(msg, "NHS number") {
			t.Errorf("%s %q refused as %q: it does not say why", what, c.typed, msg)
		}
		if strings.Contains(msg, c.typed) || regexp.MustCompile(`[0-9]{3}`).MatchString(msg) {
			t.Errorf("%s %q: the refusal says the number back: %q", what, c.typed, msg)
		}
	})
	assessmentRefuses(t, "4O1 023 2137", "", "an NHS number as its clinician")
}
