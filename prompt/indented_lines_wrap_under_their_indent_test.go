package prompt

import (
	"regexp"
	"strings"
	"testing"
)

// TestPlainPromptsWrapAnIndentedLineUnderItsIndent: at a terminal of 80
// columns an answer on the review ("  How often do you need help reading
// letters ... from the" / "NHS? Sometimes."), a referral of the result and
// an entry of a numbered list went on at column 0 after their first line,
// where they read as a line of their own. A line indented is now wrapped
// with a hanging indent: under its first word, or under the text after
// its number ("  2. "). Piped, each message stays one line (see
// TestPlainPromptsWrapTheirLinesAtWordsToTheWidth).
func TestPlainPromptsWrapAnIndentedLineUnderItsIndent(t *testing.T) {
	t.Parallel()
	n := len(expectedResult(t).Recommendation.Referrals)
	in := script + consentLines(n)
	run := func(width int) string {
		var s saver
		var out strings.Builder
		o := options(&s)
		o.Width = width
		if _, err := Run(o, strings.NewReader(in), &out); err != nil {
			t.Fatalf("run at width %d: %v\n%s", width, err, out.String())
		}
		return out.String()
	}
	whole := strings.Split(run(0), "\n")
	marker := regexp.MustCompile(`^ +(\d+\. )?`)
	for _, width := range []int{80, 40} {
		got := strings.Split(run(width), "\n")
		// Each line of the unwrapped output is one or more lines of the
		// wrapped: the words of each, in order, tell which.
		j, checked := 0, 0
		for _, u := range whole {
			want := strings.Fields(u)
			start := j
			var words []string
			for len(words) < len(want) && j < len(got) {
				f := strings.Fields(got[j])
				if n := len(words); n > 0 && len(f) > 0 && strings.HasSuffix(words[n-1], "-") && words[n-1] != want[n-1] {
					// Broken after a hyphen ("long-" / "term"): one word.
					words[n-1] += f[0]
					f = f[1:]
				}
				words = append(words, f...)
				j++
			}
			if len(want) == 0 {
				j++
				continue
			}
			if strings.Join(words, " ") != strings.Join(want, " ") {
				t.Fatalf("at %d columns the line %q was written as %q", width, u, got[start:j])
			}
			hang := len(marker.FindString(u))
			if hang == 0 || j-start < 2 {
				continue
			}
			checked++
			for _, l := range got[start+1 : j] {
				if ind := len(l) - len(strings.TrimLeft(l, " ")); ind != hang {
					t.Errorf("at %d columns the line %q goes on at column %d, not under its indent (%d):\n%s",
						width, u, ind, hang, strings.Join(got[start:j], "\n"))
					break
				}
			}
		}
		if checked == 0 {
			t.Errorf("at %d columns no indented line was wrapped: the test checks nothing", width)
		}
	}
}
