package record

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestHandoutNeverPromisesACallToAPatientContactedThroughTheirCarer: the
// handout told a patient who must be contacted through their carer "We will
// also tell you what our letters say, by phone or face to face": a call to
// the patient direct. A call goes to the person who looks after them; with
// no such requirement, the plain wording stands.
func TestHandoutNeverPromisesACallToAPatientContactedThroughTheirCarer(t *testing.T) {
	adj := questionnaire.Adjustment{Code: "reading-help"}
	carer := adjustmentForResult(adj, questionnaire.Answers{questionnaire.LinkContactNeeds: {questionnaire.ContactCarer}}, nil)
	if !strings.Contains(carer, "by phone to the person who looks after you") || strings.Contains(carer, "by phone or face to face") {
		t.Errorf("contact through the carer: %q", carer)
	}
	plain := adjustmentForResult(adj, questionnaire.Answers{questionnaire.LinkContactNeeds: {questionnaire.ContactLetter},
		questionnaire.LinkDevices: {questionnaire.DevLandline}}, nil)
	if plain != "We will also tell you what our letters say, by phone or face to face." {
		t.Errorf("no carer requirement: %q", plain)
	}
}
