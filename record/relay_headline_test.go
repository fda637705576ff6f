package record

import (
	"bytes"
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// deafRelayPatient is the patient a clinician met: deaf, own smartphone
// with mobile data, needs BSL, must be contacted by a sign language video
// relay and must not be phoned, chose text messages.
func deafRelayPatient(t *testing.T) Record {
	t.Helper()
	return assessedV2(t, questionnaire.Answers{
		questionnaire.LinkDevices: {questionnaire.DevSmartphone}, questionnaire.LinkInternet: {questionnaire.NetMobile},
		questionnaire.LinkCommNeeds:    {questionnaire.NeedBSLInterpreter},
		questionnaire.LinkPrintSize:    nil,
		questionnaire.LinkContactNeeds: {questionnaire.ContactBSLRelay},
		questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone},
		questionnaire.LinkChoice:       {string(questionnaire.RouteSMS)},
	})
}

// TestEveryPrinterHeadsARelayPatientWithTheRelay: the note said "Contact
// by: Phone call" and history "Contact Phone call / Letter" for a patient
// recorded as must-not-phone, the relay only in the adjustments. The note,
// `show` and history name the sign language video relay call instead, and
// never head the result with a phone call; a patient with no relay is
// still headed with a phone call (the boundary).
func TestEveryPrinterHeadsARelayPatientWithTheRelay(t *testing.T) {
	r := deafRelayPatient(t)
	if r.Recommendation.Primary != questionnaire.RoutePhone {
		t.Fatalf("the rules put %s first, not the relay call", r.Recommendation.Primary)
	}
	var show, hist bytes.Buffer
	if err := WriteDetailWith(&show, r, questionnaire.V2, NoteOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteHistory(&hist, []Record{r}, func(id ID) string { return id.String()[:8] }); err != nil {
		t.Fatal(err)
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, c := range []struct{ name, text, want, never string }{
		{"note", NoteWith(r, NoteOptions{}), "Contact by: Sign language video relay call.", "Contact by: Phone call"},
		{"show", show.String(), "Contact by Sign language video relay call:", "Contact by Phone call"},
		{"history", flat(hist.String()), "Contact Sign language video relay call /", "Contact Phone call"},
	} {
		if !strings.Contains(c.text, c.want) || strings.Contains(c.text, c.never) {
			t.Errorf("%s does not head the result with the relay call (%q):\n%s", c.name, c.want, c.text)
		}
	}

	plain := assessed(t, nil) // chose a phone call, has a phone, no relay
	if plain.Recommendation.Primary != questionnaire.RoutePhone || !strings.Contains(NoteWith(plain, NoteOptions{}), "Contact by: Phone call.") {
		t.Errorf("a patient with no relay is not headed with a phone call:\n%s", NoteWith(plain, NoteOptions{}))
	}
}
