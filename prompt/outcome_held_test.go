package prompt

import (
	"strings"
	"testing"
	"time"
)

// TestWhatBecameOfAReferralTakesNoLineTypedBeforeItWasRead: in a
// follow-up, the team and then "1" typed in one burst, the habit of a new
// assessment (keep the team, tick the first device), answered "Did you
// go to ...?" before it was shown: "Yes, I went" was recorded, the
// patient never asked. The question records what the patient did, as a
// consent records what they agreed to: a line typed before it was shown
// is dropped and said so, and one typed before it has been on view for
// the reading hold (0.6 s after) is refused and the question asked again,
// as for a referral's consent.
func TestWhatBecameOfAReferralTakesNoLineTypedBeforeItWasRead(t *testing.T) {
	t.Parallel()
	// The clinician box offers the name given (jsmith), held until read:
	// its Enter comes once it has been.
	read := 1300 * time.Millisecond
	for _, c := range []struct {
		name   string
		bursts []burst
		want   string
	}{
		{"typed with the team", []burst{{after: read, text: "\n"}, {after: 75 * time.Millisecond, text: "\n1\n"}},
			"Keys typed before this question was shown were ignored"},
		{"0.6 s after it was shown", []burst{{after: read, text: "\n"}, {after: 75 * time.Millisecond, text: "\n"}, {after: 600 * time.Millisecond, text: "1\n"}},
			"Not taken: that line came less than 1.2 seconds after this question was shown"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var s saver
			o := options(&s)
			base := saved(t)
			o.FollowUp = &base
			var out strings.Builder
			_, _ = heldAt(o, c.bursts, &out).all()
			said := flatOut(&out)
			if !strings.Contains(said, "Referral 1 of") {
				t.Fatalf("the first earlier referral was not asked about:\n%s", out.String())
			}
			if strings.Contains(said, "Referral 2 of") || strings.Contains(said, "Section 1 of") {
				t.Errorf("a line typed before the outcome question could be read answered it:\n%s", out.String())
			}
			if !strings.Contains(said, c.want) {
				t.Errorf("the line not taken is not said (%q):\n%s", c.want, out.String())
			}
		})
	}
}
