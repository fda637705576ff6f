package prompt

import (
	"strings"
	"testing"
	"time"
)

// TestWhatNextTakesOnlyALineTypedAfterItWasShown: at a terminal, the
// clinician saves with keys typed ahead after the 1 that saves: the next
// patient's first answers, in the same burst or just as "What next?"
// comes up. None of them answers "What next?": they are dropped, and said
// so, no new assessment is begun by them, and the answer typed once the
// question was read is the one taken.
func TestWhatNextTakesOnlyALineTypedAfterItWasShown(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	n := len(expectedResult(t).Recommendation.Referrals)
	lines = append(lines, strings.Split(strings.TrimSuffix(answerReferrals(n, "1", "2"), "\n"), "\n")...)
	ahead := "1\n943 476 5920\nNurse Bob\n"
	for _, tc := range []struct {
		name string
		save []burst
	}{
		{"in the burst that saves", []burst{{after: 3 * typedAhead / 2, text: "1\n" + ahead}}},
		{"as the question comes up", []burst{{after: 3 * typedAhead / 2, text: "1\n"}, {after: typedAhead / 5, text: ahead}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bs := append(typist(lines...), tc.save...)
			bs = append(bs, burst{after: refusalHold + 500*time.Millisecond, text: "2\n"}) // Finish, once read
			var s saver
			var out strings.Builder
			if _, err := atTerminal(options(&s), bs, &out, refusalHold).all(); err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			if len(s.saved) != 1 {
				t.Fatalf("saved %d records\n%s", len(s.saved), out.String())
			}
			after := out.String()[strings.LastIndex(out.String(), "Saved."):]
			if strings.Contains(after, "Patient identifier") || strings.Contains(after, "Handout for the patient") {
				t.Fatalf("keys typed ahead of \"What next?\" answered it:\n%s", after)
			}
			said := strings.Join(strings.Fields(after), " ")
			if !strings.Contains(said, "were ignored") && !strings.Contains(said, "Not taken: that answer was typed before this question was shown") {
				t.Errorf("the keys dropped at \"What next?\" are not said:\n%s", after)
			}
		})
	}
}
