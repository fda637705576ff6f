package record

import (
	"bytes"
	"strings"
	"testing"
)

// TestAReasonOrTeamKeptWithACharacterThatDrawsNothingIsShownEscaped: a void
// reason, an amendment's reason or a team saved by an earlier build with a
// character that draws nothing (a Hangul filler, the Braille blank, a
// combining grapheme joiner, a variation selector), typed checks refuse
// since, printed blank: history, show and the note said "entered in error
// because: " with nothing after it, and the audit trail did not show that
// anything had been typed. Each is now printed as its code (\u3164), as a
// format character is; the record itself is not changed.
func TestAReasonOrTeamKeptWithACharacterThatDrawsNothingIsShownEscaped(t *testing.T) {
	for _, c := range []struct{ typed, shown string }{
		{"\u3164\u3164", `\u3164\u3164`},
		{"\u2800", `\u2800`},
		{"wrong\u034f patient", `wrong\u034f patient`},
		{"\ufe0f", `\ufe0f`},
		{"\u115f\u1160", `\u115f\u1160`},
		{"\uffa0", `\uffa0`},
	} {
		a, _, _, c0, v := chain(t)
		a.Team = "Ward " + c.typed
		v.VoidReason = c.typed
		am := c0
		am.ID, am.Status, am.Amends, am.AmendReason = MustParseID("01900000-0000-7000-8000-0000000000c3"), Amended, c0.ID, c.typed
		var hist bytes.Buffer
		_ = WriteHistory(&hist, []Record{a, c0, v}, nil)
		_ = WriteVersionsAside(&hist, []Record{c0, v}, c0.ID, nil)
		var show bytes.Buffer
		_ = WriteDetailWith(&show, v, nil, NoteOptions{})
		_ = WriteDetailWith(&show, a, nil, NoteOptions{})
		for what, out := range map[string]string{
			"history":                     hist.String(),
			"show":                        show.String(),
			"the void's note":             NoteWith(v, NoteOptions{}),
			"the amendment's note":        NoteWith(am, NoteOptions{}),
			"the note of a team's record": NoteWith(a, NoteOptions{}),
		} {
			if strings.Contains(out, c.typed) {
				t.Errorf("%s prints %q raw:\n%s", what, c.typed, out)
			}
			if !strings.Contains(out, c.shown) {
				t.Errorf("%s does not show %s:\n%s", what, c.shown, out)
			}
		}
		if v.VoidReason != c.typed || a.Team != "Ward "+c.typed {
			t.Errorf("the record was changed: reason %q, team %q", v.VoidReason, a.Team)
		}
	}
}
