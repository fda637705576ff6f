package questionnaire

import (
	"slices"
	"strings"
	"testing"
)

// TestV2ReferralOrderMeetsTheBarrierThePatientHas: the order of referrals
// follows the barrier the patient has. Found by a clinician trying the
// instrument:
//   - poor sight on a shared tablet: RNIB Sight Loss Advice ranked 10th of
//     10, behind general courses (one online only). A programme for what
//     makes technology hard for the patient now ranks after a device they
//     lack and before data, skills and support;
//   - no device and no wish to go online: the National Device Bank ranked
//     last, behind three skills programmes. Support came first for such a
//     patient, then device before data before skills as for everyone;
//     since a patient who says No is offered support alone (a device,
//     data and lessons only if they change their mind), it is not
//     offered to them, and device before skills holds at the boundary,
//     for one who wants to go online, with help or without;
//   - no device at all: AbilityNet ("A volunteer can help you with your
//     phone or computer") ranked first. It needs a device of the
//     patient's own.
//
// Each case at its boundary: the same patient without the sight answer,
// wanting to go online, or with a tablet of their own.
func TestV2ReferralOrderMeetsTheBarrierThePatientHas(t *testing.T) {
	sightShared := Answers{LinkDevices: {DevShared}, LinkInternet: {NetPublic}, LinkTasks: {TaskNone}, LinkTechAccess: {TechSight},
		LinkAgeBand: {"75+"}, LinkBenefits: {Yes}, LinkDisability: {Yes}, LinkAfford: {"often"}}
	noDevice := Answers{LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}, LinkAgeBand: {"75+"},
		LinkBenefits: {Yes}, LinkDisability: {Yes}, LinkAfford: {"often"}, LinkWant: {No}}
	for _, tc := range []struct {
		name   string
		a      Answers
		before [][2]string // each first ranked before the second
		first3 []string    // among the first three shown
		absent []string    // not offered
		says   map[string]string
	}{
		{name: "sight, shared tablet", a: sightShared,
			before: [][2]string{{"national-device-bank", "rnib-sight-loss-advice"}, {"rnib-sight-loss-advice", "learn-my-way"},
				{"rnib-sight-loss-advice", "public-library"}, {"rnib-sight-loss-advice", "abilitynet"}},
			first3: []string{"rnib-sight-loss-advice"},
			says:   map[string]string{"rnib-sight-loss-advice": "meets what makes technology hard for the patient (sight), after any device"}},
		{name: "sight, own tablet", a: merge(sightShared, Answers{LinkDevices: {DevComputer}}),
			before: [][2]string{{"rnib-sight-loss-advice", "learn-my-way"}, {"rnib-sight-loss-advice", "abilitynet"}},
			first3: []string{"rnib-sight-loss-advice"}},
		{name: "no sight answer, shared tablet", a: merge(sightShared, Answers{LinkTechAccess: {TechNone}}),
			absent: []string{"rnib-sight-loss-advice"}},
		{name: "no device, not wanting", a: noDevice,
			first3: []string{"digital-inclusion-network"},
			absent: []string{"abilitynet", "learn-my-way", "national-device-bank", "public-library", "digital-unite"}},
		{name: "no device, wanting with help", a: merge(noDevice, Answers{LinkWant: {"with-help"}}),
			before: [][2]string{{"national-device-bank", "public-library"}, {"national-device-bank", "digital-unite"}},
			first3: []string{"national-device-bank"},
			absent: []string{"abilitynet", "learn-my-way"}},
		{name: "no device, wanting", a: merge(noDevice, Answers{LinkWant: {Yes}}),
			before: [][2]string{{"national-device-bank", "public-library"}, {"national-device-bank", "digital-unite"}},
			first3: []string{"national-device-bank"},
			absent: []string{"abilitynet", "learn-my-way"}},
		{name: "own tablet, not wanting", a: merge(noDevice, Answers{LinkDevices: {DevComputer}, LinkInternet: {NetHome}}),
			first3: []string{"abilitynet"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := assessV2(t, withV2(tc.a), Services{}).Recommendation
			got := referralIDs(rec)
			for _, p := range tc.before {
				i, j := slices.Index(got, p[0]), slices.Index(got, p[1])
				if i < 0 || (j >= 0 && j < i) {
					t.Errorf("%s not ranked before %s: %v", p[0], p[1], got)
				}
			}
			for _, id := range tc.first3 {
				if i := slices.Index(got, id); i < 0 || i > 2 {
					t.Errorf("%s not among the first three: %v", id, got)
				}
			}
			for _, id := range tc.absent {
				if slices.Contains(got, id) {
					t.Errorf("%s offered: %v", id, got)
				}
			}
			for id, want := range tc.says {
				if i := slices.Index(got, id); i >= 0 && !strings.Contains(rec.Referrals[i].Reason, want) {
					t.Errorf("%s: reason %q, want it to say %q", id, rec.Referrals[i].Reason, want)
				}
			}
		})
	}
}

// TestV2AnOnlineOnlyProgrammeNeedsAWayOnline: an online-only programme is
// never offered to a patient who cannot get online, whatever else they
// have, and is offered at the boundary where they can (issue 11).
func TestV2AnOnlineOnlyProgrammeNeedsAWayOnline(t *testing.T) {
	for _, tc := range []struct {
		name    string
		devices []string
		net     []string
		online  bool
	}{
		{"smartphone, no internet", []string{DevSmartphone}, []string{NetNone}, false},
		{"no device", []string{DevNone}, []string{NetNone}, false},
		{"basic mobile, home wifi", []string{DevBasicMob}, []string{NetHome}, false},
		{"shared tablet, public wifi", []string{DevShared}, []string{NetPublic}, true},
		{"smartphone, mobile data", []string{DevSmartphone}, []string{NetMobile}, true},
	} {
		a := withV2(Answers{LinkDevices: tc.devices, LinkInternet: tc.net, LinkTasks: {TaskNone}, LinkWorry: {"very"}, LinkAfford: {"often"}})
		rec := assessV2(t, a, Services{}).Recommendation
		for _, p := range National.Programmes {
			if p.OnlineOnly && !tc.online && rec.HasReferral(p.ID) {
				t.Errorf("%s: online-only %s offered: %v", tc.name, p.ID, referralIDs(rec))
			}
		}
		if tc.online && !rec.HasReferral("learn-my-way") {
			t.Errorf("%s: online, yet no online course: %v", tc.name, referralIDs(rec))
		}
	}
}
