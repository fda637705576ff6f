package record

import (
	"errors"
	"strings"
	"testing"
)

// TestANumberOneDigitOffTenIsSaidNotToBeAnNHSNumber: `history 943476591`
// (a digit dropped) answered "no assessments for patient 943476591", with
// nothing to say the number was not taken as an NHS number. A local number
// of 9 or 11 digits only is still a local number, and says plainly that it
// is not an NHS number, which has 10 digits; at the boundaries, 8 and 12
// digits, letters, and a real NHS number say nothing.
func TestANumberOneDigitOffTenIsSaidNotToBeAnNHSNumber(t *testing.T) {
	for _, c := range []struct {
		in   string
		kind string
		say  string // "" says nothing
	}{
		{"94347659", LocalID, ""},
		{"943476591", LocalID, "943476591 has 9 digits"},
		{"943-476-591", LocalID, "943-476-591 has 9 digits"},
		{"9434765919", NHSNumber, ""},
		{"94347659190", LocalID, "94347659190 has 11 digits"},
		{"943476591901", LocalID, ""},
		{"RXH345678", LocalID, ""},
		{"K-943476591", LocalID, ""},
	} {
		p, err := ParsePatientID(c.in)
		if err != nil || p.Kind != c.kind {
			t.Errorf("%q: %+v, %v; want a %s", c.in, p, err, c.kind)
			continue
		}
		got := p.NotAnNHSNumber()
		if c.say == "" {
			if got != "" {
				t.Errorf("%q: says %q, want nothing", c.in, got)
			}
			continue
		}
		if !strings.Contains(got, c.say) || !strings.Contains(got, "not an NHS number") || !strings.Contains(got, "an NHS number has 10 digits") {
			t.Errorf("%q: says %q, want %q, that it is not an NHS number, and that one has 10 digits", c.in, got, c.say)
		}
	}
}

// TestASpacedNumberOfTheWrongLengthIsAnNHSNumberMistyped:
// `followup '943 476 591'` said "a local number uses letters, digits and -
// only", which does not point at the dropped digit. Digits in the groups of
// an NHS number, one short or one over, are refused as an NHS number of the
// wrong length; at the boundary, letters with a space are still refused as
// a local number, and ten spaced digits are an NHS number.
func TestASpacedNumberOfTheWrongLengthIsAnNHSNumberMistyped(t *testing.T) {
	for _, c := range []struct {
		in   string
		want error
	}{
		{"943 476 591", ErrNHSLength},
		{"943 476 59190", ErrNHSLength},
		{"RXH 12345", ErrLocalID},
		{"943 476 5919", nil},
	} {
		_, err := ParsePatientID(c.in)
		if !errors.Is(err, c.want) || (c.want == nil) != (err == nil) {
			t.Errorf("%q: %v, want %v", c.in, err, c.want)
		}
		if c.want == ErrNHSLength && !strings.Contains(err.Error(), "9 digits given") && !strings.Contains(err.Error(), "11 digits given") {
			t.Errorf("%q: %v does not say how many digits were given", c.in, err)
		}
	}
}
