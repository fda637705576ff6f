package prompt

import (
	"strings"
	"testing"
)

// TestEachPromptStartsOnItsOwnLine: answers read from a pipe (or typed
// ahead, before the prompt was shown) are not echoed by a terminal after
// the prompt, so each answer is written after its prompt and the line
// ended: the next prompt starts on its own line, and a transcript reads
// question, answer, question. (One prompt ran into the next: "...keep the
// answer given: 3 more referral(s) fit...".)
func TestEachPromptStartsOnItsOwnLine(t *testing.T) {
	n := len(expectedResult(t).Recommendation.Referrals)
	var s saver
	var out strings.Builder
	if _, err := Run(options(&s), strings.NewReader(script+consentLines(n)), &out); err != nil {
		t.Fatal(err)
	}
	prompts := 0
	for _, l := range strings.Split(out.String(), "\n") {
		i := strings.Index(l, "Type a number")
		if i < 0 {
			i = strings.Index(l, "(press Enter for")
		}
		if i < 0 {
			continue
		}
		prompts++
		j := strings.Index(l[i:], ": ")
		if j < 0 {
			t.Errorf("a prompt has no answer after it: %q", l)
			continue
		}
		// What follows the prompt on its line is the answer read, and
		// nothing else: no other prompt or question.
		if rest := l[i+j+2:]; strings.ContainsAny(rest, "?:") || len(rest) > 20 {
			t.Errorf("a prompt runs into what follows it: %q", l)
		}
	}
	if prompts < 20 {
		t.Fatalf("only %d prompts found:\n%s", prompts, out.String())
	}
	// The answer is written after its prompt.
	for _, want := range []string{"Type a number from 1 to 3: 2\n", "(press Enter for jsmith): \n", "Ward 5\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the output lacks %q", want)
		}
	}
}
