package assess

import (
	"regexp"
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// saysNoDigits fails when a refusal says the digits typed back.
func saysNoDigits(t *testing.T, typed, msg string) {
	t.Helper()
	if regexp.MustCompile(`[0-9]{3}|[0-9] [0-9]`).MatchString(msg) {
		t.Errorf("%q: the refusal says the number back: %q", typed, msg)
	}
}

// TestAnNHSNumberTypedWithTheLanguageIsRefused: the language box (version
// 1's interpreter language, version 2's "another language") refuses a run
// of ten or more digits, as the clinician and team boxes do: "Tigrinya
// 9434765919" was kept, printed in the adjustments, the note and the
// patient's handout, and written in pseudonymised exports. Both front ends
// check a typed answer with Session.Check, and a section is completed with
// SetSection, which refuses it too. Nine digits, or a language alone, are
// taken.
func TestAnNHSNumberTypedWithTheLanguageIsRefused(t *testing.T) {
	t.Parallel()
	for _, ins := range []*questionnaire.Instrument{questionnaire.V1, questionnaire.V2} {
		it, ok := ins.Item(questionnaire.LinkLanguage)
		if !ok || it.Type != questionnaire.Text {
			t.Fatalf("version %s has no language answered in words", ins.Version)
		}
		o := options()
		o.Instrument = ins
		s := start(t, o)
		for _, c := range []struct {
			typed string
			nhs   bool // refused, calling it an NHS number
			long  bool // refused as ten or more digits
		}{
			{"Tigrinya 9434765919", true, true},
			{"Kurdish CN 999 000 0034", true, true},
			{"Tigrinya 943-476-5919", true, true},
			{"9434765919 Tigrinya", true, true},
			{"Kurdish 943 476 59l9", true, true}, // l for a one
			{"Tigrinya 9434765918", false, true}, // check digit wrong
			{"Polish 07700 900123", false, true}, // a phone number
			{"Tigrinya 943476591", false, false}, // nine digits
			{"Tigrinya", false, false},
			{"Kurdish (Sorani)", false, false},
			{"Ilocano", false, false},
		} {
			err := s.Check(it, []string{c.typed})
			if !c.long {
				if err != nil {
					t.Errorf("v%s: %q refused: %v", ins.Version, c.typed, err)
				}
				continue
			}
			if err == nil {
				t.Errorf("v%s: %q taken as a language", ins.Version, c.typed)
				continue
			}
			msg := err.Error()
			if said := strings.Contains(msg, "an NHS number"); said != c.nhs {
				t.Errorf("v%s: %q refused as %q: calls it an NHS number %v, want %v", ins.Version, c.typed, msg, said, c.nhs)
			}
			if !strings.Contains(msg, "type the language alone") {
				t.Errorf("v%s: %q refused as %q: it does not say what to type", ins.Version, c.typed, msg)
			}
			saysNoDigits(t, c.typed, msg)
		}
	}
	// The same answer in a whole section, as the full screen completes it.
	s := start(t, options())
	if err := s.SetPatient(patient, "Dr Ada Test", "Ward 5"); err != nil {
		t.Fatal(err)
	}
	a := answers.Clone()
	a[questionnaire.LinkLanguage] = []string{"Tigrinya 9434765919"}
	refused := false
	for k := range s.Instrument().Sections {
		if err := s.SetSection(k, a); err != nil {
			refused = true
			if !strings.Contains(err.Error(), "NHS number") {
				t.Errorf("section %d refused as %v", k, err)
			}
		}
	}
	if !refused {
		t.Error("a section with an NHS number in the language was completed")
	}
}

// TestAPatientNumberInTheReasonNotTakenUpIsRefused: the follow-up's "why
// not, in the patient's words" refuses a run of ten or more digits
// ("daughter 943 476 5919 has it"), never saying it back; a reason with
// fewer digits is taken.
func TestAPatientNumberInTheReasonNotTakenUpIsRefused(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		typed   string
		refused bool
	}{
		{"daughter 943 476 5919 has it", true},
		{"ring her on 07700 900123", true},
		{"no bus on the 15th", false},
		{"no time, 3 appointments in 2 weeks", false},
	} {
		err := CheckOutcomeReason(c.typed)
		if (err != nil) != c.refused {
			t.Errorf("%q: refused %v (%v), want %v", c.typed, err != nil, err, c.refused)
			continue
		}
		if err != nil {
			if !strings.Contains(err.Error(), "type it without the number") {
				t.Errorf("%q refused as %q: it does not say what to do", c.typed, err)
			}
			saysNoDigits(t, c.typed, err.Error())
		}
	}
}

// TestALocalNumberHoldingAnNHSNumberIsRefused: a local hospital number
// holding ten digits in a row that are an NHS number, with something
// more ("9434765919X", a key pressed once too often), is refused telling
// the clinician to choose NHS number: kept as a local number it splits the
// patient's history. So is a run of eleven digits holding one
// ("9434765919-1", an NHS number with a suffix: the full screen took it
// with no word, the plain prompts only warned, and the clinician box
// refused it as an NHS number), and ten digits that pass the check
// standing alone between dashes in a longer run ("9434765919-12"). Ten
// digits that fail the NHS number's check, a run of nine, eleven holding
// no NHS number, or twelve in a row, are a local number's own.
func TestALocalNumberHoldingAnNHSNumberIsRefused(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		typed   string
		refused bool
	}{
		{"9434765919X", true},
		{"X9434765919", true},
		{"RX-943-476-5919", true},
		{"9990000034A", true},
		{"943-476-5919-B", true},
		{"9434765918X", false}, // ten, check digit wrong
		{"943476591X", false},  // nine
		{"94347659191", true},  // eleven in a row, an NHS number first
		{"9434765919-1", true}, // an NHS number with a suffix
		{"19434765919", true},  // eleven, an NHS number last
		{"1-9434765919", true},
		{"9434765919-12", true}, // ten alone between dashes
		{"12345678901", false},  // eleven, holding no NHS number
		{"A20240101123", false}, // eleven, holding no NHS number
		{"943476591912", false}, // twelve in a row
		{"RX12345", false},
		{"A12345-6789", false},
	} {
		id, err := CheckPatient(record.LocalID, c.typed)
		if !c.refused {
			if err != nil {
				t.Errorf("%q refused: %v", c.typed, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%q taken as local number %q", c.typed, id.Value)
			continue
		}
		if !strings.Contains(err.Error(), "choose NHS number") {
			t.Errorf("%q refused as %q: it does not say to choose NHS number", c.typed, err)
		}
		saysNoDigits(t, c.typed, err.Error())
	}
}

// TestTheClinicianIsNeverThePatientsOwnNumber: the clinician box refuses
// the patient's own local number given one screen before ("RX12345"), in
// any case, with dashes, or as a word of the name; a name is taken.
func TestTheClinicianIsNeverThePatientsOwnNumber(t *testing.T) {
	t.Parallel()
	local := record.PatientID{Kind: record.LocalID, Value: "RX12345"}
	for _, c := range []struct {
		clinician string
		refused   bool
	}{
		{"RX12345", true},
		{"rx12345", true},
		{"RX-12345", true},
		{"Dr RX12345", true},
		{"Dr Ada Test", false},
		{"Dr Rex Hill", false},
	} {
		s := start(t, options())
		err := s.SetPatient(local, c.clinician, "Ward 5")
		if (err != nil) != c.refused {
			t.Errorf("clinician %q for patient %s: refused %v (%v), want %v", c.clinician, local, err != nil, err, c.refused)
			continue
		}
		if err != nil && !strings.Contains(err.Error(), "the patient's own number") {
			t.Errorf("clinician %q refused as %q: it does not say why", c.clinician, err)
		}
		if err != nil && s.Clinician() == c.clinician {
			t.Errorf("clinician %q refused but kept", c.clinician)
		}
	}
}
