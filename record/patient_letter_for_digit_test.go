package record

import (
	"errors"
	"strings"
	"testing"
)

// TestAnNHSNumberGivenWithALetterForADigitSaysWhichLetter: `history
// "4O1 023 2137"` said only that a local number uses letters, digits and -,
// where the NHS number box says the letter O is not a zero. The command
// line says the same: the O (o) is not a zero, the I (l) not a one, and
// still that an NHS number has 10 digits (ErrNHSLength). At the
// boundaries: the number with its digits is an NHS number; a letter
// other than O, I or l and a digit dropped with the letter are not said
// to be a letter for a digit; and a number of digits alone of the wrong
// length still says how many digits were given. One with no space
// ("4O10232137"), which the local number box refuses too, is said in the
// words of that box (TestTheCommandLineRefusesALocalNumberThatReadsAsAnNHSNumberWithALetter).
func TestAnNHSNumberGivenWithALetterForADigitSaysWhichLetter(t *testing.T) {
	for _, c := range []struct {
		in     string
		letter string // the words wanted, "" for no word of a letter
		kind   string // the kind taken, "" for a refusal
	}{
		{"4O1 023 2137", "the letter O is not a zero: type the digits", ""},
		{"4o1 023 2137", "the letter O is not a zero: type the digits", ""},
		{"401 O23 2137", "the letter O is not a zero: type the digits", ""},
		{"4I1 023 2137", "the letter I is not a one: type the digits", ""},
		{"4l1 023 2137", "the letter l is not a one: type the digits", ""},
		{" 4O1 023 2l37 ", "the letter O is not a zero: type the digits", ""},
		{"4O1 023 213", "the letter O is not a zero: type the digits", ""},
		{"401 023 2137", "", NHSNumber},
		{"4A1 023 2137", "", ""},
		{"RXH 12345", "", ""},
	} {
		p, err := ParsePatientID(c.in)
		switch {
		case c.kind != "":
			if err != nil || p.Kind != c.kind {
				t.Errorf("%q: %+v, %v; want a %s", c.in, p, err, c.kind)
			}
		case err == nil:
			t.Errorf("%q: taken as %+v, want a refusal", c.in, p)
		case c.letter != "":
			if !strings.Contains(err.Error(), c.letter) || !errors.Is(err, ErrNHSLength) {
				t.Errorf("%q: %v; want %q, and that an NHS number has 10 digits", c.in, err, c.letter)
			}
		case strings.Contains(err.Error(), "the letter"):
			t.Errorf("%q: %v; want no word of a letter for a digit", c.in, err)
		}
	}
}
