package questionnaire

import (
	"strings"
	"testing"
)

// TestRestrictionStandsOverAConflictingChoice: a "must not contact this
// way" given when the patient's choice is that way is taken, never refused:
// the choice is what gives way, named with the reason, to be asked again.
// The choice itself is still refused against the restriction, and a set of
// answers holding both is still refused whole, so neither front end can
// save a patient who must not be texted as wanting texts (hazard H43).
func TestRestrictionStandsOverAConflictingChoice(t *testing.T) {
	avoid := mustItemV2(t, LinkContactAvoid)
	choice := mustItemV2(t, LinkChoice)
	for _, tc := range []struct {
		name     string
		choice   Route
		avoid    []string
		displace bool
		words    string
	}{
		{"text chosen, not by text", RouteSMS, []string{AvoidSMS}, true, "must not be sent texts"},
		{"call chosen, not by phone", RoutePhone, []string{AvoidPhone}, true, "must not be phoned"},
		{"email chosen, not by email", RouteEmail, []string{AvoidEmail}, true, "must not be emailed"},
		{"letter chosen, not by letter", RouteLetter, []string{AvoidLetter}, true, "must not be sent letters"},
		{"text chosen, not by phone or text", RouteSMS, []string{AvoidPhone, AvoidSMS}, true, "must not be sent texts"},
		{"text chosen, not by phone", RouteSMS, []string{AvoidPhone}, false, ""},
		{"app chosen, not by text", RouteApp, []string{AvoidSMS}, false, ""},
		{"text chosen, no restriction", RouteSMS, []string{AvoidNone}, false, ""},
	} {
		given := withV2(Answers{LinkChoice: {string(tc.choice)}})
		delete(given, LinkContactAvoid)
		if err := V2.CheckAnswer(avoid, tc.avoid, given); err != nil {
			t.Errorf("%s: the restriction was refused: %v", tc.name, err)
		}
		gone := V2.GivesWay(avoid, tc.avoid, given)
		if !tc.displace {
			if len(gone) != 0 {
				t.Errorf("%s: %v gives way, want nothing to", tc.name, gone)
			}
			continue
		}
		if len(gone) != 1 || gone[0].LinkID != LinkChoice {
			t.Fatalf("%s: gives way %v, want the choice alone", tc.name, gone)
		}
		if !strings.Contains(gone[0].Reason, tc.words) || !strings.Contains(gone[0].Reason, "choice") {
			t.Errorf("%s: reason %q does not say %q of their choice", tc.name, gone[0].Reason, tc.words)
		}
		// The choice, asked again, cannot be the way they must not be
		// contacted; and the two cannot be saved together.
		both := given.Clone()
		both[LinkContactAvoid] = tc.avoid
		withoutChoice := both.Clone()
		delete(withoutChoice, LinkChoice)
		if err := V2.CheckAnswer(choice, []string{string(tc.choice)}, withoutChoice); err == nil {
			t.Errorf("%s: the conflicting choice was taken at the choice question", tc.name)
		}
		if err := V2.Validate(both); err == nil {
			t.Errorf("%s: answers holding both the restriction and the choice were valid", tc.name)
		}
	}
}

// TestContactRequirementAndRestrictionStillRefusedBothWays: "by text" and
// "not by text" are both needs of the patient, and neither gives way to
// the other: each is refused given the other, as before.
func TestContactRequirementAndRestrictionStillRefusedBothWays(t *testing.T) {
	avoid := mustItemV2(t, LinkContactAvoid)
	given := withV2(Answers{LinkContactNeeds: {ContactSMS}})
	delete(given, LinkContactAvoid)
	if err := V2.CheckAnswer(avoid, []string{AvoidSMS}, given); err == nil {
		t.Error("not by text was taken beside must contact by text")
	}
	if gone := V2.GivesWay(avoid, []string{AvoidSMS}, given); len(gone) != 0 {
		t.Errorf("a contact requirement gave way: %v", gone)
	}
}
