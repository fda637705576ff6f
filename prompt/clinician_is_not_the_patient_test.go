package prompt

import (
	"strings"
	"testing"
)

// TestThePatientsOwnNumberIsRefusedAsTheClinician: in the plain prompts,
// the patient's local number typed again as the clinician ("RX12345") is
// refused at the clinician line, before the team is asked, and nothing is
// saved.
func TestThePatientsOwnNumberIsRefusedAsTheClinician(t *testing.T) {
	var s saver
	var out strings.Builder
	_, _ = Run(options(&s), strings.NewReader("2\nRX12345\nrx-12345\n"), &out)
	said := out.String()
	i := strings.Index(said, "Not accepted: this is the patient's own number")
	if i < 0 {
		t.Fatalf("the patient's own number was not refused as the clinician:\n%s", said)
	}
	if strings.Contains(said[:i], "Team") {
		t.Errorf("refused only after the team was asked:\n%s", said)
	}
	if len(s.saved) != 0 {
		t.Error("saved")
	}
}
