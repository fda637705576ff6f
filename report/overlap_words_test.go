package report

import (
	"bytes"
	"strings"
	"testing"
)

// TestWhatOverlappingSpansTellIsSaidWhereverItIsPrinted: the notes said
// that beside a summary whose span overlaps, "the totals and each team's
// row are protected". They are rounded by the cell key, which shows the
// same assessments the same every time, so a total shown differently in
// December to October and December to November (40, then 45) holds some
// assessment of November, though November's own row shows it as *, which
// says "0 to 9, zero included". Every place that says what overlapping
// spans protect now says that their totals and team rows tell whether
// the periods between them hold none, and no longer calls them
// protected without that.
func TestWhatOverlappingSpansTellIsSaidWhereverItIsPrinted(t *testing.T) {
	s := summarise(t, yearToDateFixture(t), Options{By: Month, From: day(t, "2026-04-01"), To: day(t, "2026-06-30")})
	var csv bytes.Buffer
	if err := s.WriteCSV(&csv); err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(strings.SplitN(csv.String(), "\n", 3)[1], "notes on the first row")
	for where, text := range map[string]string{
		"the overlap note":                    s.OverlapNote(),
		"the CSV's first row":                 first,
		"the board report's does not protect": DoesNotProtectAgainst,
	} {
		text = strings.Join(strings.Fields(text), " ")
		for _, claim := range []string{"each team's row are protected", "team rows are protected", "(the totals and each team's row are protected)"} {
			if strings.Contains(text, claim) {
				t.Errorf("%s still says %q: %s", where, claim, text)
			}
		}
		for _, want := range []string{"not zero", "narrow", "zero included", "postcode district"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s does not say what overlapping spans tell (%q): %s", where, want, text)
			}
		}
	}
	if strings.Contains(ProtectsAgainst, "or from summaries of overlapping spans of whole periods.") {
		t.Errorf("the board report says overlapping spans are protected, without what they tell: %s", ProtectsAgainst)
	}
	// The difference of two overlapping totals is the count of the
	// periods between them to within a few (docs/disclosure.md): more
	// than whether it is zero, so no small count is "given no".
	if !strings.Contains(ProtectsAgainst, "whether one is zero") || !strings.Contains(ProtectsAgainst, "narrow") {
		t.Errorf("the board report's \"protects against\" does not say overlapping spans tell whether a hidden count is zero and can narrow it: %s", ProtectsAgainst)
	}
	if strings.Contains(ProtectsAgainst, "give no small count") {
		t.Errorf("the board report says overlapping spans give no small count, though their difference can narrow one: %s", ProtectsAgainst)
	}
}
