package prompt

import (
	"errors"
	"strings"
	"testing"
)

// TestInputEndingAfterASaveIsANormalEnd: input that ends after a saved
// assessment, at "What next?" or with a new assessment chosen but nothing
// of it given, ends the run normally: nothing was in progress, so it is
// not said that an assessment was left unfinished. (It said "Saved 1
// assessment(s)" and then that the input ended before the assessment was
// finished.) Once a line of the new assessment is given, it is in
// progress, and the input ending is said.
func TestInputEndingAfterASaveIsANormalEnd(t *testing.T) {
	n := len(expectedResult(t).Recommendation.Referrals)
	for _, c := range []struct {
		tail    string
		want    error
		meaning string
	}{
		{"1\n", nil, "saved; the input ends at What next?"},
		{"1\n1\n", nil, "saved; a new assessment, and the input ends at its first question"},
		{"1\n3\n", nil, "saved; the handout, and the input ends at What next?"},
		{"1\n1\n1\n", ErrEndOfInput, "saved; a new assessment, its identifier chosen"},
	} {
		var s saver
		var out strings.Builder
		_, err := Run(options(&s), strings.NewReader(script+answerReferrals(n, "1", "2")+c.tail), &out)
		if !errors.Is(err, c.want) || (c.want == nil && err != nil) {
			t.Errorf("%s: err %v, want %v", c.meaning, err, c.want)
		}
		if len(s.saved) != 1 {
			t.Errorf("%s: %d records saved, want 1", c.meaning, len(s.saved))
		}
	}
}
