package prompt

import (
	"strings"
	"testing"
)

// TestThePatientsOwnNumberIsRefusedAsTheTeam: in the plain prompts, the
// patient's local number typed as the team ("Ward rx 12345" for patient
// RX12345) is refused at the team line, before any question is asked,
// never saying the number back, and nothing is saved.
func TestThePatientsOwnNumberIsRefusedAsTheTeam(t *testing.T) {
	var s saver
	var out strings.Builder
	_, _ = Run(options(&s), strings.NewReader("2\nRX12345\nDr Ada Test\nWard rx 12345\nWard 5\n"), &out)
	said := out.String()
	i := strings.Index(said, "Not accepted: this holds the patient's own number")
	if i < 0 {
		t.Fatalf("the patient's own number was not refused as the team:\n%s", said)
	}
	after := said[i:]
	if strings.Contains(after[:strings.Index(after, "\n")], "12345") {
		t.Errorf("the refusal says the number back:\n%s", after)
	}
	if before := said[:i]; !strings.HasSuffix(strings.TrimSpace(before), "Team: Ward rx 12345") {
		t.Errorf("refused elsewhere than at the team line:\n%s", said)
	}
	if len(s.saved) != 0 {
		t.Error("saved")
	}
}
