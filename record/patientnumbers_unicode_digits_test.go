package record

import "testing"

// TestAPatientNumberWrittenInFullWidthOrOtherUnicodeDigitsIsFoundInFreeText:
// a reason "pt ９９４５８０７３０７", the patient's NHS number in full-width
// digits as an East Asian input method types them, was kept, though the
// same number in ASCII digits is refused: only 0 to 9 were read as digits.
// Every Unicode decimal digit (Nd) is now read as its value, so the number
// is found, whatever the script of its digits, with spaces between its
// groups too; at the boundary, a run of nine is not one, a number that fails
// the check is a run but not an NHS number, and digits of other kinds
// (superscripts, circled) are not decimal digits.
func TestAPatientNumberWrittenInFullWidthOrOtherUnicodeDigitsIsFoundInFreeText(t *testing.T) {
	for _, c := range []struct {
		name, in string
		runs     int
		nhs      bool
	}{
		{"ASCII digits", "pt 9945807307", 1, true},
		{"full-width digits", "pt ９９４５８０７３０７", 1, true},
		{"full-width digits in groups", "pt ９９４ ５８０ ７３０７", 1, true},
		{"full-width and ASCII mixed", "pt ９９４5807３０７", 1, true},
		{"Arabic-Indic digits", "pt ٩٩٤٥٨٠٧٣٠٧", 1, true},
		{"Devanagari digits", "pt ९९४५८०७३०७", 1, true},
		{"mathematical bold digits", "pt 𝟗𝟗𝟒𝟓𝟖𝟎𝟕𝟑𝟎𝟕", 1, true},
		{"mathematical monospace digits", "pt 𝟿𝟿𝟺𝟻𝟾𝟶𝟽𝟹𝟶𝟽", 1, true},
		{"nine full-width digits", "pt ９９４５８０７３０", 0, false},
		{"ten full-width digits failing the check", "pt ９９４５８０７３０８", 1, false},
		{"superscript digits", "pt ⁹⁹⁴⁵⁸⁰⁷³⁰⁷", 0, false},
	} {
		runs := PatientNumberRuns(c.in)
		if len(runs) != c.runs {
			t.Errorf("%s: %q: %d runs of ten or more digits, want %d", c.name, c.in, len(runs), c.runs)
			continue
		}
		if c.runs == 0 {
			continue
		}
		if runs[0].NHS != c.nhs {
			t.Errorf("%s: %q: read as an NHS number %v, want %v", c.name, c.in, runs[0].NHS, c.nhs)
		}
		if got := WithoutPatientNumbers(c.in); got != "pt "+NumberWithheld {
			t.Errorf("%s: WithoutPatientNumbers(%q) = %q", c.name, c.in, got)
		}
	}
}
