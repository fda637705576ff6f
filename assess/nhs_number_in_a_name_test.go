package assess

import (
	"regexp"
	"strings"
	"testing"

	"digicheck/record"
)

// TestANameHoldingAnNHSNumberIsRefused: a clinician or team that holds a
// run of ten or more digits (O or o read as 0, I or l as 1, spaces and
// dashes inside the run) is refused, whatever is around it: a patient's
// NHS number, or a phone number, in a name would go to every note, export
// and summary. One that passes the NHS number's Modulus 11 check is called
// an NHS number; the refusal never says the digits back. Nine digits, or
// runs of fewer broken by a letter, are a name.
func TestANameHoldingAnNHSNumberIsRefused(t *testing.T) {
	t.Parallel()
	eachNameBox(t, []nameCase{
		{"Ada Smith 401 023 213", true, false},      // 9 digits
		{"Ada Smith 401 023 2137", false, true},     // 10, valid
		{"Ward 7 re 401 023 2137", false, true},     // 10, valid, after a number
		{"Ward 7 401 023 2137", false, true},        // 11 in a row, 10 of them valid
		{"401-023-2137 Ada Smith", false, true},     // before the name
		{"Ada 4O1 023 2137 Smith", false, true},     // O for 0 inside
		{"Ada 401 O23 2l37 Smith", false, true},     // O and l inside
		{"Ada 94347659I9 Smith", false, true},       // I for 1 inside
		{"Ada Smith 401 023 2138", false, false},    // 10, check digit wrong
		{"Ward 7 bleep 07700 900123", false, false}, // 11: a phone number
		{"Team 2023-2024 rota", true, false},        // 8
		{"Bay 4 - 10 - 12 beds", true, false},       // 5
		{"Dr Ola Oni", true, false},
		{"Dr Lill O'Neil", true, false},
		{"Ward 10 ext 1234 Bay 5", true, false},
	}, func(what string, c nameCase, msg string) {
		if said := strings.Contains(msg, "an NHS number"); said != c.nhs {
			t.Errorf("%s %q refused as %q: calls it an NHS number %v, want %v", what, c.typed, msg, said, c.nhs)
		}
		if !strings.Contains(msg, "digits") {
			t.Errorf("%s %q refused as %q: it does not say why", what, c.typed, msg)
		}
		if regexp.MustCompile(`[0-9]{3}|[0-9] [0-9]`).MatchString(msg) {
			t.Errorf("%s %q: the refusal says the number back: %q", what, c.typed, msg)
		}
	})
	assessmentRefuses(t, "Dr Ada Test", "Ward 7 re 401 023 2137", "a team holding an NHS number")
}

// TestAnNHSNumberWithALetterForADigitSaysWhich: an NHS number typed with
// the letter O for a zero, or I or l for a one, is refused saying which
// letter is the fault, not only that an NHS number has ten digits.
func TestAnNHSNumberWithALetterForADigitSaysWhich(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ typed, want string }{
		{"4O1 023 2137", "the letter O is not a zero: type the digits"},
		{"4o1 023 2137", "the letter O is not a zero: type the digits"},
		{"94347659I9", "the letter I is not a one: type the digits"},
		{"943 476 59l9", "the letter l is not a one: type the digits"},
		{"943 476 591", "10 digits"},
		{"RXH12345", "10 digits"},
	} {
		_, err := CheckPatient(record.NHSNumber, tc.typed)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q refused as %v, want it to say %q", tc.typed, err, tc.want)
		}
	}
	if _, err := CheckPatient(record.NHSNumber, "401 023 2137"); err != nil {
		t.Errorf("a valid NHS number refused: %v", err)
	}
}
