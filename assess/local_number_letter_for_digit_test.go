package assess

import (
	"strings"
	"testing"

	"digicheck/record"
)

// TestALocalNumberThatReadsAsAnNHSNumberWithALetterForADigitIsRefused: a
// local hospital number of ten or more characters in a row read as digits
// (O or o for 0, I or l for 1, dashes and spaces inside the run), one of
// them such a letter, is an NHS number mistyped: kept as a local number,
// history and follow-up by the NHS number never find it. It is refused
// naming the letter, as the NHS number box does, and telling the clinician
// to choose NHS number; a real local number with letters and fewer than
// ten such characters in a row is taken.
func TestALocalNumberThatReadsAsAnNHSNumberWithALetterForADigitIsRefused(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		typed string
		want  string // "" when taken
	}{
		{"943476591O", "the letter O for a zero"},
		{"94347659l9", "the letter l for a one"},
		{"O434765919", "the letter O for a zero"},
		{"943o765919", "the letter O for a zero"},
		{"9434I65919", "the letter I for a one"},
		{"943-476-591O", "the letter O for a zero"},
		{"943-476-59l9", "the letter l for a one"},
		{"RX943476591O", "the letter O for a zero"},
		{"943476591O-A", "the letter O for a zero"},
		{"9434765919O", "the letter O for a zero"}, // eleven in a row
		{"OOOO-OOOOOO", "the letter O for a zero"},
		// Nine in a row, at the boundary: a local number.
		{"43476591O", ""},
		{"4347-659l9", ""},
		{"A43476591OB", ""},
		{"RX12345", ""},
		{"A1234567B", ""},
		{"RXH-123456", ""},
		{"O12345678", ""},
		{"12345-X-67890", ""},
		// Uppercase L is no digit: "94347659L9" is not read as one.
		{"94347659L9", ""},
	} {
		id, err := CheckPatient(record.LocalID, tc.typed)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%q refused: %v", tc.typed, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%q taken as local number %q", tc.typed, id.Value)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "looks like an NHS number with "+tc.want) || !strings.Contains(msg, "choose NHS number and type the digits") {
			t.Errorf("%q refused as %q: it does not say it is an NHS number with %s", tc.typed, msg, tc.want)
		}
	}
}

// TestTheCommandLineRefusesALocalNumberThatReadsAsAnNHSNumberWithALetter:
// history and followup read the patient with record.ParsePatientID, and
// "943476591O" is refused with the words of the local number box, never
// read as a local number with no assessments.
func TestTheCommandLineRefusesALocalNumberThatReadsAsAnNHSNumberWithALetter(t *testing.T) {
	t.Parallel()
	for typed, want := range map[string]string{
		"943476591O":   "looks like an NHS number with the letter O for a zero",
		"94347659l9":   "looks like an NHS number with the letter l for a one",
		"943-476-591O": "looks like an NHS number with the letter O for a zero",
	} {
		id, err := record.ParsePatientID(typed)
		if err == nil {
			t.Errorf("%q read as %s patient %q", typed, id.Kind, id.Value)
			continue
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q refused as %q, not %q", typed, err, want)
		}
	}
	for _, typed := range []string{"RX12345", "A1234567B", "43476591O"} {
		if id, err := record.ParsePatientID(typed); err != nil || id.Kind != record.LocalID {
			t.Errorf("%q not read as a local number: %v %v", typed, id, err)
		}
	}
}
