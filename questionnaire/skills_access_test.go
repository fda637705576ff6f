package questionnaire

import (
	"slices"
	"strings"
	"testing"
)

// TestV2TextingWithNoMobileIsNotASkillsBarrier: a patient with no mobile
// phone cannot read and reply to a text message however skilled they are;
// that is an access matter, not a skills barrier. Found with a patient
// with a tablet of their own who could do every task but texting: Skills
// "some barrier" and three skills referrals. Each at its boundary: a
// mobile of any kind counts texting again; another task not done still
// counts; version 1 is scored as it always was.
func TestV2TextingWithNoMobileIsNotASkillsBarrier(t *testing.T) {
	for _, tc := range []struct {
		name    string
		devices []string
		tasks   []string
		band    Band
		says    string // in the band's reason, if any
	}{
		{"own tablet, no mobile, all but texting", []string{DevComputer}, tasksExcept(TaskText), NoBarrier, ""},
		{"shared tablet, no mobile, all but texting", []string{DevShared}, tasksExcept(TaskText), NoBarrier, ""},
		{"own tablet and basic mobile, all but texting", []string{DevComputer, DevBasicMob}, tasksExcept(TaskText), SomeBarrier, "read and reply to a text message"},
		{"smartphone, all but texting", []string{DevSmartphone}, tasksExcept(TaskText), SomeBarrier, "read and reply to a text message"},
		{"own tablet, no mobile, all but texting and video", []string{DevComputer}, tasksExcept(TaskText, TaskVideo), SomeBarrier, "cannot: join a video call"},
		{"own tablet, no mobile, none", []string{DevComputer}, []string{TaskNone}, SignificantBarrier,
			"can do none of the 5 counted on their own (not counted, as it needs a device they do not have: read and reply to a text message)"},
		{"basic mobile, none", []string{DevBasicMob}, []string{TaskNone}, SignificantBarrier, "can do none of the 6 on their own"},
	} {
		a := withV2(Answers{LinkDevices: tc.devices, LinkTasks: tc.tasks})
		res := assessV2(t, a, Services{})
		if res.Bands.Skills != tc.band {
			t.Errorf("%s: Skills %s, want %s", tc.name, res.Bands.Skills, tc.band)
		}
		why := V2.BandReason(a, Skills)
		if tc.says != "" && !strings.Contains(why, tc.says) {
			t.Errorf("%s: reason %q, want it to say %q", tc.name, why, tc.says)
		}
		if tc.band != NoBarrier && !slices.Contains(tc.devices, DevBasicMob) && !slices.Contains(tc.devices, DevSmartphone) && countedPart(why, "text message") {
			t.Errorf("%s: reason %q counts texting", tc.name, why)
		}
		if tc.band == NoBarrier {
			for _, r := range res.Recommendation.Referrals {
				if slices.Contains(r.Barriers, Skills) {
					t.Errorf("%s: a skills referral %s with no skills barrier", tc.name, r.ProgrammeID)
				}
			}
		}
	}
	// Version 1 keeps its scoring: its records are read as they were made.
	v1 := with(Answers{LinkDevices: {DevComputer}, LinkTasks: tasksExcept(TaskText)})
	if b := assess(t, v1).Bands.Skills; b != SomeBarrier {
		t.Errorf("version 1: Skills %s, want some barrier as before", b)
	}
}

// countedPart reports whether the reason says s among what it counts: the
// part before "not counted", which names the tasks left out.
func countedPart(why, s string) bool {
	counted, _, _ := strings.Cut(why, "not counted")
	return strings.Contains(counted, s)
}
