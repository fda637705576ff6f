package questionnaire

import (
	"strings"
	"testing"
)

// TestAChoiceNoteNeverPutsFirstAWayRuledOut: a carer chose a text message
// for a patient who needs help reading often and must not be phoned; the
// route was rightly Via carer, but the note beside the carer's choice said
// "a call or a meeting comes first", telling staff to make the call the
// patient must not receive. Walked over every set of ways the patient must
// not be contacted, reading help often and always, every written choice,
// the help the patient has and two sets of devices: wherever the note on
// the choice says what comes first, every way it names is possible, and it
// names the way that is first.
func TestAChoiceNoteNeverPutsFirstAWayRuledOut(t *testing.T) {
	avoids := []string{AvoidPhone, AvoidSMS, AvoidEmail, AvoidLetter}
	devices := []Answers{
		{LinkDevices: {DevBasicMob}, LinkInternet: {NetNone}, LinkTasks: {TaskText}},
		{LinkDevices: {DevSmartphone}, LinkInternet: {NetHome}},
	}
	choices := []Route{RouteSMS, RouteEmail, RouteLetter, RouteApp}
	ran, noCall := 0, 0
	for mask := range 1 << len(avoids) {
		avoid := []string{}
		for i, c := range avoids {
			if mask&(1<<i) != 0 {
				avoid = append(avoid, c)
			}
		}
		if len(avoid) == 0 {
			avoid = []string{AvoidNone}
		}
		for _, reading := range []string{ReadOften, ReadAlways} {
			for _, help := range []string{HelpNobody, HelpSome, HelpCarer} {
				for _, choice := range choices {
					for _, dev := range devices {
						a := withV2(merge(dev, Answers{LinkContactAvoid: avoid, LinkReadingHelp: {reading},
							LinkHelp: {help}, LinkChoice: {string(choice)}}))
						res, err := V2.AssessWith(a, National, Services{})
						if err != nil {
							continue // answers that cannot stand together
						}
						rec := res.Recommendation
						_, first, ok := strings.Cut(rec.ChoiceNote, reading+": ")
						if !ok || !strings.Contains(first, "comes first") {
							continue
						}
						ran++
						name := strings.Join(avoid, "+") + " / reading " + reading + " / help " + help + " / chose " + string(choice) + " / " + strings.Join(dev[LinkDevices], "+")
						phone := routeCheck(t, rec, RoutePhone)
						carer := routeCheck(t, rec, RouteCarer)
						if strings.Contains(first, "call") && !phone.Possible {
							t.Errorf("%s: a call is ruled out (%s), yet the note says %q", name, phone.Reason, rec.ChoiceNote)
						}
						if strings.Contains(first, "carer") && !carer.Possible {
							t.Errorf("%s: the carer is ruled out (%s), yet the note says %q", name, carer.Reason, rec.ChoiceNote)
						}
						if !phone.Possible {
							noCall++
							if rec.Primary == RouteCarer && !strings.Contains(first, "carer") {
								t.Errorf("%s: contact is through the carer, but the note says %q", name, rec.ChoiceNote)
							}
						}
					}
				}
			}
		}
	}
	if ran < 20 || noCall < 4 {
		t.Fatalf("walked %d notes saying what comes first, %d of them with calls ruled out: the walk no longer reaches the rule", ran, noCall)
	}
}
