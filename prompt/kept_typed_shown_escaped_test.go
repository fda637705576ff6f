package prompt

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// TestANameOrTeamKeptWithACharacterThatDrawsNothingIsSaidAsItsCode: a
// record an earlier build saved with a clinician's name or a team holding
// a character that draws nothing (a Hangul filler, the Braille blank),
// which checks refuse since, was amended at the plain prompts: they said
// "Amending the assessment ... made by Dr Lee", "or = for Dr Lee" and "or
// = for Ward 5, the team of the assessment amended", the character unseen
// by the clinician and read as nothing by a screen reader. Each is said as
// its code (\u3164), as history and show say it; the record is not
// changed.
func TestANameOrTeamKeptWithACharacterThatDrawsNothingIsSaidAsItsCode(t *testing.T) {
	for _, c := range []struct{ typed, shown string }{
		{"\u3164", `\u3164`},
		{"\u2800", `\u2800`},
		{"\u115f\u1160", `\u115f\u1160`},
		{"\ufe0f", `\ufe0f`},
	} {
		old := testkit.Assessed(t, testkit.Offline(nil))
		old.ID = record.MustParseID("0190a1b2-0000-7000-8000-0000000000a1")
		old.Clinician, old.Team = "Dr"+c.typed+" Lee", "Ward "+c.typed+"5"
		var sv saver
		o := options(&sv)
		o.Amend, o.AmendReason = &old, "answers misheard"
		o.Clinician, o.Offer = "", old.Clinician
		var out strings.Builder
		_, _ = Run(o, strings.NewReader("=\nPat Nurse\n=\n"), &out)
		said := out.String()
		if strings.Contains(said, c.typed) {
			t.Errorf("%+q is said raw:\n%s", c.typed, said)
		}
		for _, want := range []string{"by Dr" + c.shown + " Lee", "or = for Dr" + c.shown + " Lee", "or = for Ward " + c.shown + "5"} {
			if !strings.Contains(said, want) {
				t.Errorf("%+q: the prompts do not say %q:\n%s", c.typed, want, said)
			}
		}
		if old.Clinician != "Dr"+c.typed+" Lee" {
			t.Errorf("the record was changed: %q", old.Clinician)
		}
	}
}
