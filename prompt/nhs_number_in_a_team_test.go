package prompt

import (
	"strings"
	"testing"
)

// TestATeamHoldingAnNHSNumberIsRefused: a team typed with a patient's NHS
// number in it ("Ward 7 re 401 023 2137") is refused saying why, never
// saying the digits back, and asked again; nothing is saved under it.
func TestATeamHoldingAnNHSNumberIsRefused(t *testing.T) {
	t.Parallel()
	var s saver
	var out strings.Builder
	_, _ = Run(options(&s), strings.NewReader("2\nRXH123\nDr Ada Test\nWard 7 re 401 023 2137\n"), &out)
	said := out.String()
	i := strings.Index(said, "Not accepted: ")
	if i < 0 || !strings.Contains(said[i:], "NHS number") {
		t.Fatalf("a team holding an NHS number was not refused:\n%s", said)
	}
	refusal, _, _ := strings.Cut(said[i:], "\n")
	if strings.Contains(refusal, "401") || strings.Contains(refusal, "2137") {
		t.Errorf("the refusal says the number back: %q", refusal)
	}
	if len(s.saved) != 0 {
		t.Error("saved")
	}
}
