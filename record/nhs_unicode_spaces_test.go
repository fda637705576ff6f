package record

import "testing"

// TestAnNHSNumberWrittenWithOtherSpacesIsTheSameNumber: an NHS number
// pasted from a letter, a web page or a spreadsheet with no-break spaces
// between its groups (943\u00a0476\u00a05919), or thin or narrow no-break
// spaces, was refused as "an NHS number has 10 digits", though it has ten,
// in both front ends and on the command line. Every Unicode space is a
// space, as the space typed is; the number kept is its ten digits.
func TestAnNHSNumberWrittenWithOtherSpacesIsTheSameNumber(t *testing.T) {
	for _, s := range []string{"943\u00a0476\u00a05919", "943\u2009476\u20095919", "943\u202f476\u202f5919", "\u00a0943 476 5919\u00a0", "943\u3000476\u30005919"} {
		id, err := NewPatientID(NHSNumber, s)
		if err != nil || id.Value != "9434765919" {
			t.Errorf("NewPatientID(NHS, %+q) = %v, %v; want 9434765919", s, id, err)
		}
		id, err = ParsePatientID(s)
		if err != nil || id.Kind != NHSNumber || id.Value != "9434765919" {
			t.Errorf("ParsePatientID(%+q) = %v, %v; want the NHS number 9434765919", s, id, err)
		}
	}
	// Still refused: a wrong check digit, and a letter for a digit, named.
	if _, err := ParsePatientID("943\u00a0476\u00a05918"); err == nil {
		t.Error("a wrong check digit written with no-break spaces was taken")
	}
	if err := LetterForDigit("943\u00a04O6\u00a05919"); err == nil {
		t.Error("a letter O for a zero, written with no-break spaces, is not named")
	}
}
