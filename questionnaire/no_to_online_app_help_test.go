package questionnaire

import (
	"slices"
	"strings"
	"testing"
)

// TestV2APatientWhoSaysNoToGoingOnlineIsNotOfferedNHSAppHelp: a patient
// who owns a smartphone and said No to doing health tasks online was still
// offered NHS App help and support ("There is help to set up the NHS App"),
// beside the adjustment saying to offer lessons only if they change their
// mind: setting up and using the NHS App is doing health tasks online, what
// they said No to (hazard H51: support, safety and trust help, not
// lessons, a device or data). It is left out for them, saying why; at the
// boundary, "Yes, with some help", "Yes" and "I am not sure" are offered it
// as before, and the rules before this change (which records saved before
// were made with) offered it to one who said No.
func TestV2APatientWhoSaysNoToGoingOnlineIsNotOfferedNHSAppHelp(t *testing.T) {
	for _, dev := range []struct {
		name string
		a    Answers
	}{
		{"a smartphone and home internet, texts only", Answers{LinkDevices: {DevSmartphone}, LinkInternet: {NetHome}, LinkTasks: {TaskText}}},
		{"a computer, nobody to help, worried about scams", Answers{LinkDevices: {DevComputer}, LinkInternet: {NetHome}, LinkTasks: {TaskText},
			LinkHelp: {HelpNobody}, LinkWorry: {"very"}, LinkBadExperience: {"put-off"}}},
	} {
		for _, tc := range []struct {
			want    string
			offered bool
		}{{No, false}, {"with-help", true}, {Yes, true}, {WantNotSure, true}} {
			a := withV2(merge(dev.a, Answers{LinkWant: {tc.want}}))
			rec := assessV2(t, a, Services{}).Recommendation
			if got := rec.HasReferral(ProgrammeNHSApp); got != tc.offered {
				t.Errorf("%s, wants online %q: NHS App help offered %v, want %v: %v", dev.name, tc.want, got, tc.offered, referralIDs(rec))
			}
			// These rules as they were before this change, with every
			// change since.
			was := *V2
			was.beforeNoAppAsk, was.before = true, nil
			before, err := was.AssessWith(a, National, Services{})
			if err != nil {
				t.Fatal(err)
			}
			if !before.Recommendation.HasReferral(ProgrammeNHSApp) {
				t.Errorf("%s, wants online %q: the rules before did not offer NHS App help, so this test shows nothing: %v",
					dev.name, tc.want, referralIDs(before.Recommendation))
			}
			if tc.want != No {
				if got, was := referralIDs(rec), referralIDs(before.Recommendation); !slices.Equal(got, was) {
					t.Errorf("%s, wants online %q: referrals %v, the rules before gave %v", dev.name, tc.want, got, was)
				}
				continue
			}
			if len(rec.Referrals) == 0 {
				t.Errorf("%s, says No: no support offered at all", dev.name)
			}
			p, _ := National.Lookup(ProgrammeNHSApp)
			out, why := V2.rankFactsV2(a, V2.Score(a)).SaysNoLeavesOut(p, p.Barriers)
			if !out || !strings.Contains(why, "NHS App") || !strings.Contains(why, "only if they change their mind") {
				t.Errorf("%s, says No: left out %v, why %q", dev.name, out, why)
			}
		}
	}
}

// TestV2TheQuestionsThatCouldOpenMoreReferralsNameNoDeviceHelpForAPatientWithNoDevice:
// the unanswered questions that could open more referrals asked the age
// and disability questions to open AbilityNet for a patient with no
// smartphone, tablet or computer of their own, though AbilityNet's help is
// with the patient's own phone or computer ("A volunteer can help you with
// your phone or computer"; needs_device in the directory) and it is never
// offered to them, whatever the answers. Each at its boundary: no device,
// a landline and a basic mobile, a shared tablet, against a smartphone or a
// computer of their own, for whom the questions still name it; the rules
// before this change named it for all of them.
func TestV2TheQuestionsThatCouldOpenMoreReferralsNameNoDeviceHelpForAPatientWithNoDevice(t *testing.T) {
	names := func(rec Recommendation, id string) []string {
		var out []string
		for _, ask := range rec.AskAbout {
			if slices.Contains(ask.ProgrammeIDs, id) {
				out = append(out, ask.LinkID)
			}
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		a     Answers
		named bool
	}{
		{"no device", Answers{LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}}, false},
		{"a landline and a basic mobile", Answers{LinkDevices: {DevBasicMob, DevLandline}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}, LinkTelecare: {No}}, false},
		{"a shared tablet", Answers{LinkDevices: {DevShared}, LinkInternet: {NetPublic}, LinkTasks: {TaskNone}}, false},
		{"a smartphone of their own", Answers{LinkDevices: {DevSmartphone}, LinkInternet: {NetHome}, LinkTasks: {TaskText}}, true},
		{"a computer of their own", Answers{LinkDevices: {DevComputer}, LinkInternet: {NetHome}, LinkTasks: {TaskText}}, true},
	} {
		for _, want := range []string{Yes, No} {
			a := withV2(merge(tc.a, Answers{LinkWant: {want}}))
			rec := assessV2(t, a, Services{}).Recommendation
			if got := names(rec, "abilitynet"); (len(got) > 0) != tc.named {
				t.Errorf("%s, wants online %q: the questions %v name AbilityNet, want named %v", tc.name, want, got, tc.named)
			}
			if rec.HasReferral("abilitynet") {
				t.Errorf("%s: AbilityNet offered with its age and disability unanswered", tc.name)
			}
			// Answering as the questions ask: AbilityNet comes only where
			// they named it.
			answered := withV2(merge(a, Answers{LinkAgeBand: {"75+"}, LinkDisability: {Yes}}))
			if got := assessV2(t, answered, Services{}).Recommendation.HasReferral("abilitynet"); got != tc.named {
				t.Errorf("%s, wants online %q: 75 or over and disabled, AbilityNet offered %v, but the questions named it %v", tc.name, want, got, tc.named)
			}
			before, err := rulesBefore(t, func(ins *Instrument) bool { return ins.beforeNoAppAsk }).AssessWith(a, National, Services{})
			if err != nil {
				t.Fatal(err)
			}
			if len(names(before.Recommendation, "abilitynet")) == 0 {
				t.Errorf("%s, wants online %q: the rules before did not name AbilityNet either, so this shows nothing", tc.name, want)
			}
		}
	}
}
