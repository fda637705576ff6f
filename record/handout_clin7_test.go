package record_test

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// TestHandoutOfARelayUserKeepsEveryWayIn: a deaf patient who must be
// contacted by text and must not be phoned was told they could text the
// team's number or write to its address; after an amend added "By phone
// through text relay", the handout said only "call ... through the
// relay": the text number and address were gone, and nothing said how to
// reach the relay. Every way the patient can use is kept, in how to
// change this and in who to call, and a text relay user is given each
// number with 18001 before it (Relay UK's prefix, from BT's own pages),
// said once; at the boundary a sign language video relay, which has no
// prefix, gets none.
func TestHandoutOfARelayUserKeepsEveryWayIn(t *testing.T) {
	o := record.HandoutOptions{Team: "Ward 7", TeamPhone: "0113 496 0000", TeamText: "07700 900123", TeamAddress: "1 Example Road, Leeds"}
	for _, tc := range []struct {
		name     string
		requires []string
		want     []string
		wantNot  []string
	}{
		{"texts only, no relay", []string{questionnaire.ContactSMS},
			[]string{"send a text message to Ward 7 on 07700 900123", "write to Ward 7 at 1 Example Road, Leeds"},
			[]string{"0113 496 0000"}},
		{"texts, and text relay added by an amend", []string{questionnaire.ContactSMS, questionnaire.ContactTextRelay},
			[]string{"send a text message to Ward 7 on 07700 900123", "write to Ward 7 at 1 Example Road, Leeds",
				"call Ward 7 on 18001 0113 496 0000 through the relay", "The 18001 at the start puts your call through text relay."},
			nil},
		{"sign language video relay", []string{questionnaire.ContactSMS, questionnaire.ContactBSLRelay},
			[]string{"send a text message to Ward 7 on 07700 900123", "write to Ward 7 at 1 Example Road, Leeds",
				"call Ward 7 on 0113 496 0000 through the relay"},
			[]string{"18001"}},
	} {
		a := deafWith(questionnaire.AvoidPhone, tc.requires...)
		if tc.requires[len(tc.requires)-1] == questionnaire.ContactBSLRelay {
			// A video relay call needs a smartphone online.
			a[questionnaire.LinkDevices], a[questionnaire.LinkInternet] = []string{questionnaire.DevSmartphone}, []string{questionnaire.NetMobile}
		}
		h := record.HandoutWith(agreedAll(t, a), o)
		flat := strings.Join(strings.Fields(h), " ")
		_, change, _ := strings.Cut(flat, "How to change this")
		change, questions, _ := strings.Cut(change, "Help you said yes to")
		if i := strings.LastIndex(questions, "------"); i >= 0 {
			questions = questions[i:]
		}
		for _, w := range tc.want {
			if w == "The 18001 at the start puts your call through text relay." {
				if !strings.Contains(questions, w) {
					t.Errorf("%s: who to call lacks %q:\n%s", tc.name, w, h)
				}
				continue
			}
			inChange := strings.Replace(w, "send a text message", "You can send a text message", 1)
			inChange = strings.Replace(inChange, "write to", "You can write to", 1)
			if !strings.Contains(change, inChange) {
				t.Errorf("%s: how to change this lacks %q:\n%s", tc.name, inChange, h)
			}
			if !strings.Contains(questions, w) {
				t.Errorf("%s: who to call lacks %q:\n%s", tc.name, w, h)
			}
		}
		for _, w := range tc.wantNot {
			if strings.Contains(flat, w) {
				t.Errorf("%s: handout has %q:\n%s", tc.name, w, h)
			}
		}
	}
}
