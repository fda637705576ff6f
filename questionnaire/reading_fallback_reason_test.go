package questionnaire

import (
	"strings"
	"testing"
)

// TestTheInPersonReasonNamesAWrittenFallbackOnlyWhereTheFallbackIsWritten:
// a patient who needs help reading always, must not be phoned or written
// to, and has nobody to help was told in person with the reason "... so a
// written route is the fallback only", beside "Fallback: None" and "Do not
// write to the patient": a reader could send the letter the patient
// refused. Walked over every set of ways the patient must not be contacted,
// every reading-help answer, a need that rules a letter out (told, not
// written; a screen reader) and two sets of devices: wherever a reason says
// a written route is the fallback, the fallback is a letter the patient may
// be sent; where a visit comes first for reading and no letter can follow
// it, the reason says there is no written fallback, and why.
func TestTheInPersonReasonNamesAWrittenFallbackOnlyWhereTheFallbackIsWritten(t *testing.T) {
	avoids := []string{AvoidPhone, AvoidSMS, AvoidEmail, AvoidLetter}
	devices := []Answers{
		{LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}},
		{LinkDevices: {DevSmartphone}, LinkInternet: {NetHome}},
	}
	ran, readFirst, noWritten := 0, 0, 0
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
		for _, reading := range []string{ReadNever, ReadRarely, ReadSometimes, ReadOften, ReadAlways} {
			for _, need := range []string{NeedNone, NeedVerbal, NeedScreenRead} {
				for _, dev := range devices {
					a := withV2(merge(dev, Answers{LinkContactAvoid: avoid, LinkReadingHelp: {reading},
						LinkCommNeeds: {need}, LinkHelp: {HelpNobody}}))
					res, err := V2.AssessWith(a, National, Services{})
					if err != nil {
						continue // answers that cannot stand together
					}
					ran++
					rec := res.Recommendation
					name := strings.Join(avoid, "+") + " / reading " + reading + " / " + need + " / " + strings.Join(dev[LinkDevices], "+")
					writtenFallback := written(rec.Fallback) && !rec.NoSecondRoute()
					for what, reason := range map[string]string{"route": rec.PrimaryReason, "fallback": rec.FallbackReason} {
						if strings.Contains(reason, "written route is the fallback") && !writtenFallback {
							t.Errorf("%s: the %s's reason says a written route is the fallback, but the fallback is %s (%s):\n%s",
								name, what, rec.Fallback, rec.FallbackReason, reason)
						}
					}
					for _, adj := range rec.Adjustments {
						if strings.Contains(adj.Reason, "written route is the fallback") && !writtenFallback {
							t.Errorf("%s: adjustment %s says a written route is the fallback, but the fallback is %s", name, adj.Code, rec.Fallback)
						}
					}
					if rec.Primary != RouteInPerson || !strings.Contains(rec.PrimaryReason, "cannot be told by voice otherwise") {
						continue
					}
					readFirst++
					switch {
					case writtenFallback:
						if !strings.HasSuffix(rec.PrimaryReason, "so a written route is the fallback only") {
							t.Errorf("%s: a letter behind the visit, but the reason does not say it is the fallback only: %q", name, rec.PrimaryReason)
						}
					default:
						noWritten++
						letter := routeCheck(t, rec, RouteLetter)
						if letter.Possible {
							t.Errorf("%s: a letter is possible, yet the fallback is %s", name, rec.Fallback)
						}
						if want := ", and no written fallback is possible (Letter: " + letter.Reason + ")"; !strings.HasSuffix(rec.PrimaryReason, want) {
							t.Errorf("%s: fallback %s (%s), but the reason does not end %q:\n%s", name, rec.Fallback, rec.FallbackReason, want, rec.PrimaryReason)
						}
					}
				}
			}
		}
	}
	// The walk reaches both sides of the boundary: a visit first with a
	// letter behind it, and one with no letter possible.
	if ran < 100 || readFirst == 0 || noWritten == 0 || noWritten == readFirst {
		t.Fatalf("walked %d patients, %d told in person for reading, %d of them with no written fallback", ran, readFirst, noWritten)
	}
}
