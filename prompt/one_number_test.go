package prompt

import (
	"errors"
	"strings"
	"testing"
)

// TestANumberTypedTwiceOnAQuestionOfOneAnswerIsRefused: "1 1" typed for
// eleven on the interpreter's language list (a screen-reader user saying
// the digits apart) was taken as 1, Polish, with no word, as "2 2" was
// taken as 2; "1 5" was refused. A question with one answer takes one
// number: the same number twice is refused as any two are.
func TestANumberTypedTwiceOnAQuestionOfOneAnswerIsRefused(t *testing.T) {
	for _, typed := range []string{"2 2", "2,2", "2  2"} {
		lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
		if lines[6] != "2" {
			t.Fatalf("the script's seventh line is %q, not the afford question's 2", lines[6])
		}
		lines[6] = typed // afford: a question of one answer
		var s saver
		var out strings.Builder
		n := len(expectedResult(t).Recommendation.Referrals)
		_, err := Run(options(&s), strings.NewReader(strings.Join(lines, "\n")+"\n"+consentLines(n)), &out)
		if !errors.Is(err, ErrAnswerNotTaken) {
			t.Fatalf("%q on a question of one answer: err = %v, want it refused\n%s", typed, err, out.String())
		}
		if !strings.Contains(out.String(), "Not an answer: \""+typed+"\"") {
			t.Errorf("%q: the refusal does not say what was typed:\n%s", typed, out.String())
		}
		if len(s.saved) != 0 {
			t.Errorf("%q: saved %d records", typed, len(s.saved))
		}
	}
}

// TestATwoDigitLineRefusedOnAQuestionOfOneAnswerIsQuotedWhole: "1 0" on
// the interpreter's language list was refused as Not an answer: "0", so a
// nurse listening with a screen reader heard "0" and may have thought the
// 1 taken; it was not. Every refusal quotes the whole line typed, this one
// too, whichever of its numbers is past the list.
func TestATwoDigitLineRefusedOnAQuestionOfOneAnswerIsQuotedWhole(t *testing.T) {
	for _, typed := range []string{"1 0", "2 9", "0 1"} {
		lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
		lines[6] = typed // afford: a question of one answer
		var s saver
		var out strings.Builder
		n := len(expectedResult(t).Recommendation.Referrals)
		_, err := Run(options(&s), strings.NewReader(strings.Join(lines, "\n")+"\n"+consentLines(n)), &out)
		if !errors.Is(err, ErrAnswerNotTaken) {
			t.Fatalf("%q on a question of one answer: err = %v, want it refused\n%s", typed, err, out.String())
		}
		_, refusal, _ := strings.Cut(out.String(), "Not an answer: ")
		if !strings.HasPrefix(refusal, "\""+typed+"\". Type a number from 1 to") {
			t.Errorf("%q: the refusal does not quote the whole line:\n%s", typed, out.String())
		}
	}
}
