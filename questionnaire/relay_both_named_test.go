package questionnaire

import (
	"strings"
	"testing"
)

// TestEveryRelayThePatientMustBeCalledByIsNamedWhereverCallsAreLimited: a
// patient who must be contacted by text relay and by a sign language video
// relay, and must not be phoned, was told "Make phone calls through text
// relay" and, two lines on, "Do not make a voice call to the patient: call
// only through a sign language video relay": two instructions that
// contradict. Walked over each relay alone and both, with and without
// phone calls ruled out, and two sets of devices: wherever the result says
// to call only through a relay (the route's reason, the fallback's, every
// adjustment, the ways they can be told), it names every relay the patient
// must be called by.
func TestEveryRelayThePatientMustBeCalledByIsNamedWhereverCallsAreLimited(t *testing.T) {
	relays := map[string]string{ContactTextRelay: "text relay", ContactBSLRelay: "sign language video relay"}
	devices := []Answers{
		{LinkDevices: {DevBasicMob}, LinkInternet: {NetNone}, LinkTasks: {TaskText}},
		{LinkDevices: {DevSmartphone}, LinkInternet: {NetHome}},
	}
	ran, limited := 0, 0
	for _, need := range [][]string{{ContactTextRelay}, {ContactBSLRelay}, {ContactTextRelay, ContactBSLRelay}} {
		for _, avoid := range []string{AvoidNone, AvoidPhone} {
			for _, dev := range devices {
				a := withV2(merge(dev, Answers{LinkContactNeeds: need, LinkContactAvoid: {avoid}}))
				res, err := V2.AssessWith(a, National, Services{})
				if err != nil {
					continue // answers that cannot stand together
				}
				ran++
				rec := res.Recommendation
				name := strings.Join(need, "+") + " / " + avoid + " / " + strings.Join(dev[LinkDevices], "+")
				texts := []string{rec.PrimaryReason, rec.FallbackReason}
				for _, adj := range rec.Adjustments {
					texts = append(texts, adj.Text, adj.Reason)
				}
				for _, text := range texts {
					i := strings.Index(text, "only through ")
					if i < 0 {
						continue
					}
					limited++
					for _, code := range need {
						if !strings.Contains(text[i:], relays[code]) {
							t.Errorf("%s: must be called by %s, but the result says %q", name, relays[code], text)
						}
					}
				}
			}
		}
	}
	if ran < 8 || limited < 4 {
		t.Fatalf("walked %d results, %d lines limiting calls to a relay: the walk no longer reaches the rule", ran, limited)
	}
}
