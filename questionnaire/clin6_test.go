package questionnaire

import (
	"strings"
	"testing"
)

// TestV2NoLouderRingForAPatientWhoCannotHearCalls: a deaf patient's
// adjustment suggested a "louder ring". It is suggested only to a patient
// who may hear a call: at the boundary, a sight need with a basic mobile
// keeps it; hearing, sign language or "not by phone" leave it out.
func TestV2NoLouderRingForAPatientWhoCannotHearCalls(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change Answers
		louder bool
	}{
		{"sight, may be phoned", Answers{LinkTechAccess: {TechSight}}, true},
		{"hearing", Answers{LinkTechAccess: {TechHearing}}, false},
		{"sight, not by phone", Answers{LinkTechAccess: {TechSight}, LinkContactAvoid: {AvoidPhone}}, false},
		{"sight, sign language", Answers{LinkTechAccess: {TechSight}, LinkCommNeeds: {NeedBSLInterpreter}}, false},
		{"sight, calls by text relay", Answers{LinkTechAccess: {TechSight}, LinkContactNeeds: {ContactTextRelay}}, false},
	} {
		change := Answers{LinkDevices: {DevBasicMob}, LinkInternet: {NetNone}}
		for k, v := range tc.change {
			change[k] = v
		}
		rec := assessV2(t, withV2(change), Services{}).Recommendation
		adj, ok := adjustment(rec, "tech-access")
		if !ok {
			t.Fatalf("%s: no tech-access adjustment: %v", tc.name, codes(rec.Adjustments))
		}
		if got := strings.Contains(adj.Text, "louder ring"); got != tc.louder {
			t.Errorf("%s: louder ring %v, want %v: %q", tc.name, got, tc.louder, adj.Text)
		}
		if !strings.Contains(adj.Text, "vibrate") {
			t.Errorf("%s: %q lost the settings that do not need hearing", tc.name, adj.Text)
		}
	}
}

// TestV2CareAlarmHelpOnlyWhereThePatientMayHaveAnAlarm: the care-alarm
// adjustment is made where the patient with a landline has an alarm or is
// not sure; never where they said no, nor without a landline. The
// switchover help, for every landline, names no alarm.
func TestV2CareAlarmHelpOnlyWhereThePatientMayHaveAnAlarm(t *testing.T) {
	for _, tc := range []struct {
		devices  []string
		telecare string
		alarm    bool
	}{
		{[]string{DevLandline}, Yes, true},
		{[]string{DevLandline}, NotSure, true},
		{[]string{DevLandline}, No, false},
		{[]string{DevSmartphone}, "", false}, // not asked without a landline
	} {
		change := Answers{LinkDevices: tc.devices, LinkTelecare: {tc.telecare}}
		if tc.telecare == "" {
			change[LinkTelecare] = nil
		}
		rec := assessV2(t, withV2(change), Services{}).Recommendation
		if _, got := adjustment(rec, "telecare"); got != tc.alarm {
			t.Errorf("%v, alarm %s: care-alarm adjustment %v, want %v", tc.devices, tc.telecare, got, tc.alarm)
		}
	}
	p, ok := National.Lookup("digital-phone-switchover")
	if !ok {
		t.Fatal("no switchover help in the directory")
	}
	if s := p.PatientLine + " " + p.Contact; strings.Contains(strings.ToLower(s), "alarm") {
		t.Errorf("the switchover help, given for every landline, speaks of a care alarm: %q", s)
	}
}
