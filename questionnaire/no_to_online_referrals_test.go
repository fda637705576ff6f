package questionnaire

import (
	"slices"
	"strings"
	"testing"
)

// TestV2APatientWhoSaysNoToGoingOnlineIsOfferedSupportNotLessonsDevicesOrData:
// a patient with a landline only and nobody to help, who said No to doing
// health tasks online, had the adjustment "offer support and advice from a
// person; offer one-to-one lessons only if they change their mind", and
// among the three referrals to answer at once Digital Champions' one-to-one
// lessons; one who also said No, very worried and put off, was offered
// seven, the National Device Bank and the library among them. A patient who
// says No is offered support and advice, a safety need's help and help
// with their worry about scams; a programme that gives only a device, data
// or lessons is left out, to offer if they change their mind. At the
// boundary, "Yes, with some help", "Yes" and "I am not sure" are offered
// what the rules before gave them, lessons and devices included.
func TestV2APatientWhoSaysNoToGoingOnlineIsOfferedSupportNotLessonsDevicesOrData(t *testing.T) {
	patients := []struct {
		name string
		a    Answers
	}{
		{"a landline only, nobody to help, must not be phoned or written to", Answers{
			LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTelecare: {No}, LinkTasks: {TaskNone},
			LinkHelp: {HelpNobody}, LinkTechAccess: {TechHearing}, LinkWorry: {"very"}, LinkBadExperience: {"put-off"},
			LinkReadingHelp: {ReadAlways}, LinkContactAvoid: {AvoidPhone, AvoidLetter}}},
		{"a landline, a basic mobile and a care alarm, poor sight, 75 or over, on benefits", Answers{
			LinkDevices: {DevBasicMob, DevLandline}, LinkInternet: {NetNone}, LinkTelecare: {Yes}, LinkTasks: {TaskNone},
			LinkHelp: {HelpCarer}, LinkTechAccess: {TechSight, TechHearing}, LinkWorry: {"very"}, LinkBadExperience: {"put-off"},
			LinkReadingHelp: {ReadAlways}, LinkAgeBand: {"75+"}, LinkBenefits: {Yes}, LinkDisability: {Yes}}},
		{"a smartphone and home internet, nobody to help, worried about scams, on benefits", Answers{
			LinkDevices: {DevSmartphone}, LinkInternet: {NetHome}, LinkAfford: {"often"}, LinkTasks: {TaskText},
			LinkHelp: {HelpNobody}, LinkWorry: {"very"}, LinkBadExperience: {"put-off"},
			LinkAgeBand: {"75+"}, LinkBenefits: {Yes}, LinkDisability: {Yes}}},
	}
	for _, p := range patients {
		offered := map[string][]string{}
		for _, want := range []string{No, "with-help", Yes, WantNotSure} {
			a := withV2(merge(p.a, Answers{LinkWant: {want}}))
			res, err := V2.AssessWith(a, National, Services{})
			if err != nil {
				t.Fatalf("%s, %s: %v", p.name, want, err)
			}
			// These rules as they were before a patient who says No was
			// offered support alone, and with every change since.
			was := *V2
			was.beforeSaysNo, was.before = true, nil
			before, err := was.AssessWith(a, National, Services{})
			if err != nil {
				t.Fatal(err)
			}
			rec := res.Recommendation
			offered[want] = referralIDs(rec)
			if want != No {
				if got, was := referralIDs(rec), referralIDs(before.Recommendation); !slices.Equal(got, was) {
					t.Errorf("%s, wants online %q: referrals %v, the rules before gave %v", p.name, want, got, was)
				}
				continue
			}
			for _, f := range rec.Referrals {
				prog, _ := National.Lookup(f.ProgrammeID)
				support := slices.Contains(prog.Provides, ProvidesSupport)
				alarm := slices.Contains(prog.For, ForTelecare) && a.One(LinkTelecare) == Yes
				scams := slices.Contains(f.Barriers, Trust)
				if !support && !alarm && !scams {
					t.Errorf("%s, says No: %s is offered (gives %v), which gives no support, meets no safety need and no worry about scams",
						p.name, f.ProgrammeID, prog.Provides)
				}
				if !strings.Contains(f.Reason, "as the patient does not want to go online") {
					t.Errorf("%s, says No: %s's reason does not say why it is offered: %q", p.name, f.ProgrammeID, f.Reason)
				}
			}
			for _, id := range []string{"digital-unite", "national-device-bank", "public-library", "national-databank", "learn-my-way"} {
				if rec.HasReferral(id) {
					t.Errorf("%s, says No: %s offered: %v", p.name, id, referralIDs(rec))
				}
			}
			// What they would open is not asked about either.
			for _, ask := range rec.AskAbout {
				for _, id := range ask.ProgrammeIDs {
					if slices.Contains([]string{"national-device-bank", "national-databank", "social-tariffs"}, id) {
						t.Errorf("%s, says No: %q is asked to open %s", p.name, ask.Question, id)
					}
				}
			}
			if len(rec.Referrals) == 0 {
				t.Errorf("%s, says No: no support offered at all", p.name)
			}
		}
		// Saying No never adds a programme, and takes lessons away.
		for _, id := range offered[No] {
			if !slices.Contains(offered["with-help"], id) {
				t.Errorf("%s: %s offered to a patient who says No, not to one who wants help online", p.name, id)
			}
		}
		if len(offered[No]) >= len(offered["with-help"]) {
			t.Errorf("%s: No is offered %v, with help %v", p.name, offered[No], offered["with-help"])
		}
	}
}
