package questionnaire

import (
	"strings"
	"testing"
)

// TestAChosenLetterIsPossibleSaidOnce: a patient who chose a letter, with
// a landline only, read in the note "Contact by Letter: the patient's own
// choice; possible: possible by post", a word said twice in a note pasted
// to the record. It says "possible by post" once, in both versions; a
// reason that does not start with it still says "possible:".
func TestAChosenLetterIsPossibleSaidOnce(t *testing.T) {
	v2 := assessV2(t, withV2(Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}, LinkTelecare: {No}, LinkChoice: {string(RouteLetter)}}), Services{}).Recommendation
	v1res, err := V1.Assess(Answers{
		LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkAfford: {"never"}, LinkTasks: {TaskNone},
		LinkHelp: {HelpNone}, LinkWant: {Yes}, LinkWorry: {"not"}, LinkBadExperience: {No},
		LinkCommNeeds: {NeedNone}, LinkReadingHelp: {ReadNever}, LinkChoice: {string(RouteLetter)},
	}, National)
	if err != nil {
		t.Fatal(err)
	}
	for name, rec := range map[string]Recommendation{"version 2": v2, "version 1": v1res.Recommendation} {
		if rec.Primary != RouteLetter {
			t.Fatalf("%s: the scenario needs a letter first, got %s (%s)", name, rec.Primary, rec.PrimaryReason)
		}
		if strings.Contains(rec.PrimaryReason, "possible: possible") || !strings.Contains(rec.PrimaryReason, "possible by post") {
			t.Errorf("%s: %q, want \"possible by post\" said once", name, rec.PrimaryReason)
		}
	}
	sms := assessV2(t, withV2(Answers{LinkDevices: {DevBasicMob}, LinkInternet: {NetNone}, LinkTasks: {TaskText}, LinkChoice: {string(RouteSMS)}}), Services{}).Recommendation
	if sms.Primary == RouteSMS && !strings.Contains(sms.PrimaryReason, "; possible: ") {
		t.Errorf("a text message chosen: %q, want its reason after \"possible:\"", sms.PrimaryReason)
	}
}
