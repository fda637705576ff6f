package prompt

import (
	"strings"
	"testing"
)

// TestTheNameTakenByEqualsIsSaidBack: typing = at the clinician line takes
// the name offered (the site config's clinician), and the plain prompts
// said nothing of it: the clinician heard "Team" next, never the name the
// assessment is recorded under, until the read-back before saving. The
// name taken is now said at once ("Clinician: Sam Jones"), before the
// team is asked; a name typed is not said again.
func TestTheNameTakenByEqualsIsSaidBack(t *testing.T) {
	for _, c := range []struct {
		typed string
		said  bool
	}{
		{"=", true},
		{"Pat Nurse", false},
	} {
		var s saver
		var out strings.Builder
		o := options(&s)
		o.Clinician, o.Offer = "", "Sam Jones"
		_, _ = Run(o, strings.NewReader("2\nRX12345\n"+c.typed+"\nWard 5\n"), &out)
		said := out.String()
		team := strings.Index(said, "Team")
		if team < 0 {
			t.Fatalf("%q: the team was not asked:\n%s", c.typed, said)
		}
		lines := strings.Split(said[:team], "\n")
		echoed := false
		for _, l := range lines {
			echoed = echoed || strings.TrimSpace(l) == "Clinician: Sam Jones"
		}
		if echoed != c.said {
			t.Errorf("%q: said \"Clinician: Sam Jones\" before the team: %v, want %v:\n%s", c.typed, echoed, c.said, said)
		}
	}
}
