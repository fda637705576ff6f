package record

import (
	"bytes"
	"strings"
	"testing"
)

// TestAVoidShowsItsOwnReasonAsEnteredInErrorBecause: a void saved by the
// build that copied the amended version's reason into it showed that
// reason as "Reason for the amendment" and, in history, "amended because:
// B offline; reason: wrong patient". Show, the versions list and history
// give a void's own reason, as "Entered in error because", and nothing
// of an amendment's.
func TestAVoidShowsItsOwnReasonAsEnteredInErrorBecause(t *testing.T) {
	_, _, _, c, v := chain(t)
	c.Status, c.AmendReason = Amended, "B offline"
	v.AmendReason = "B offline" // as saved by that build

	var detail bytes.Buffer
	if err := WriteDetailWith(&detail, v, nil, NoteOptions{}); err != nil {
		t.Fatal(err)
	}
	var versions bytes.Buffer
	if err := WriteVersionsAside(&versions, []Record{c, v}, v.ID, nil); err != nil {
		t.Fatal(err)
	}
	voidLine := ""
	for _, l := range strings.Split(versions.String(), "\n") {
		if strings.Contains(l, v.ID.String()) {
			voidLine = l
		}
	}
	history := historyLines(t, []Record{c, v})[v.ID.String()]
	for _, s := range []struct{ where, out, want string }{
		{"show", detail.String(), "Entered in error because: wrong patient\n"},
		{"show's versions", voidLine, "current, entered in error because: wrong patient"},
		{"history", history, "entered in error because: wrong patient"},
	} {
		if !strings.Contains(s.out, s.want) {
			t.Errorf("%s does not give the void's reason as %q:\n%s", s.where, s.want, s.out)
		}
		for _, bad := range []string{"Reason for the amendment", "amended because", "B offline"} {
			if strings.Contains(s.out, bad) {
				t.Errorf("%s shows the amendment's reason (%q) for a void:\n%s", s.where, bad, s.out)
			}
		}
	}
	if got := AmendmentReason(v); got != "" {
		t.Errorf("AmendmentReason of a void = %q, want none", got)
	}
	if got := AmendmentReason(c); got != "B offline" {
		t.Errorf("AmendmentReason of the amendment = %q", got)
	}
}
