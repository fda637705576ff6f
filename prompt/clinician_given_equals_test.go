package prompt

import (
	"strings"
	"testing"
)

// TestEqualsTakesTheClinicianGivenAsItTakesTheOneOffered: `amend
// --clinician "Nurse B"` asks "Clinician (press Enter for Nurse B)", and
// without --clinician the same line offers "or = for Nurse B". A script or
// a clinician typing = at the first was refused ("a clinician's name has
// letters"), so what answers one broke the other. = now takes the name
// given, as it takes the name offered, and says whom it took.
func TestEqualsTakesTheClinicianGivenAsItTakesTheOneOffered(t *testing.T) {
	var s saver
	var out strings.Builder
	o := options(&s)
	o.Clinician, o.Offer = "Nurse B", ""
	_, _ = Run(o, strings.NewReader("2\nRX12345\n=\nWard 5\n"), &out)
	said := out.String()
	team := strings.Index(said, "Team")
	if team < 0 {
		t.Fatalf("the team was not asked after = at the clinician line:\n%s", said)
	}
	if strings.Contains(said[:team], "Not accepted") {
		t.Errorf("= at a clinician line holding a name given was refused:\n%s", said[:team])
	}
	if !strings.Contains(said[:team], "Clinician: Nurse B") {
		t.Errorf("= took the name given without saying whom it took:\n%s", said[:team])
	}
}
