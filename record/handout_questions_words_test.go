package record_test

import (
	"slices"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// lastSection is the handout's last section: its heading and its text,
// the lines joined by spaces.
func lastSection(h string) (heading, text string) {
	lines := strings.Split(strings.TrimRight(h, "\n"), "\n")
	for i := len(lines) - 1; i > 0; i-- {
		if strings.Trim(lines[i], "-") == "" && strings.HasPrefix(lines[i], "-") {
			return lines[i-1], strings.Join(strings.Fields(strings.Join(lines[i+1:], " ")), " ")
		}
	}
	return "", ""
}

// TestTheQuestionsHeadingSaysCallOnlyWithANumberToCall: a ward patient
// whose team has no team_phone got the heading "Who to call" over "If you
// have questions, ask Ward 7 or your GP practice.": no number to call. The
// heading is "Who to call" only where the section gives a number to call,
// and "Who to ask" otherwise, as for a patient who must not be phoned; at
// the boundary, each kind of caller (the patient, through a relay, their
// carer) with the team's number and without.
func TestTheQuestionsHeadingSaysCallOnlyWithANumberToCall(t *testing.T) {
	relay := deafWith(questionnaire.AvoidPhone, questionnaire.ContactSMS, questionnaire.ContactTextRelay)
	for _, tc := range []struct {
		name  string
		a     questionnaire.Answers
		team  string
		phone string
		want  string
	}{
		{"may be phoned, the team's number", testkit.ScriptedPatients[4].Answers, "Ward 7", "0113 496 0000", "Who to call"},
		{"may be phoned, no number", testkit.ScriptedPatients[4].Answers, "Ward 7", "", "Who to ask"},
		{"may be phoned, no team nor number", testkit.ScriptedPatients[4].Answers, "", "", "Who to ask"},
		{"text relay, the team's number", relay, "Ward 7", "0113 496 0000", "Who to call"},
		{"text relay, no number", relay, "Ward 7", "", "Who to ask"},
		{"the carer calls, the team's number", testkit.ScriptedPatients[3].Answers, "Ward 7", "0113 496 0000", "Who to call"},
		{"the carer calls, no number", testkit.ScriptedPatients[3].Answers, "Ward 7", "", "Who to ask"},
		{"must not be phoned", deafWith(questionnaire.AvoidPhone, questionnaire.ContactSMS), "Ward 7", "0113 496 0000", "Who to ask"},
	} {
		r := agreedAll(t, tc.a)
		r.Team = tc.team
		h := record.HandoutWith(r, record.HandoutOptions{Team: tc.team, TeamPhone: tc.phone})
		heading, text := lastSection(h)
		if heading != tc.want {
			t.Errorf("%s: heading %q over %q, want %q", tc.name, heading, text, tc.want)
		}
		if calls := strings.Contains(text, " call "); calls != (heading == "Who to call") {
			t.Errorf("%s: heading %q over %q", tc.name, heading, text)
		}
	}
}

// TestWhoToAskSaysIfYouHaveQuestionsOnce: a patient who must not be
// phoned, of a team with both team_text and team_address, was told "If you
// have questions, send a text message to ..." and then "If you have
// questions, write to ..." on the next line. It is said once, the other
// way following it; at the boundary, the text number alone, the address
// alone and neither.
func TestWhoToAskSaysIfYouHaveQuestionsOnce(t *testing.T) {
	a := deafWith(questionnaire.AvoidPhone, questionnaire.ContactSMS)
	for _, tc := range []struct {
		name, text, address string
		want                []string
	}{
		{"both", "07700 900123", "1 Example Road, Leeds", []string{
			"If you have questions, send a text message to Ward 7 on 07700 900123.",
			"You can write to Ward 7 at 1 Example Road, Leeds.",
			"You can also ask Ward 7 at your next visit, or ask at your GP practice."}},
		{"a text number only", "07700 900123", "", []string{
			"If you have questions, send a text message to Ward 7 on 07700 900123.",
			"You can also ask Ward 7 at your next visit"}},
		{"an address only", "", "1 Example Road, Leeds", []string{
			"If you have questions, write to Ward 7 at 1 Example Road, Leeds.",
			"You can also ask Ward 7 at your next visit"}},
		{"neither", "", "", []string{"If you have questions, ask Ward 7 at your next visit, or ask at your GP practice."}},
	} {
		r := agreedAll(t, a)
		h := record.HandoutWith(r, record.HandoutOptions{Team: "Ward 7", TeamPhone: "0113 496 0000", TeamText: tc.text, TeamAddress: tc.address})
		heading, text := lastSection(h)
		if n := strings.Count(text, "If you have questions"); n != 1 {
			t.Errorf("%s: %q says \"If you have questions\" %d times:\n%s", tc.name, heading, n, text)
		}
		for _, w := range tc.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: %q does not say %q:\n%s", tc.name, heading, w, text)
			}
		}
	}
}

// TestSettingsHelpNamesTheDeviceThePatientHas: a patient with a landline
// and a basic mobile, no computer, was told "We can show you how to make
// your phone or computer easier to use", beside the adjustment "Show them
// the settings on their mobile phone". The handout names the device the
// adjustment does: their mobile phone; at the boundary, a smartphone or a
// computer of their own keeps "your phone or computer", and a shared
// device alone "a shared device".
func TestSettingsHelpNamesTheDeviceThePatientHas(t *testing.T) {
	for _, tc := range []struct {
		name    string
		devices []string
		want    string
	}{
		{"a landline and a basic mobile", []string{questionnaire.DevBasicMob, questionnaire.DevLandline}, "We can show you how to make your mobile phone easier to use."},
		{"a basic mobile only", []string{questionnaire.DevBasicMob}, "We can show you how to make your mobile phone easier to use."},
		{"a shared device and a basic mobile", []string{questionnaire.DevBasicMob, questionnaire.DevShared}, "We can show you how to make your mobile phone easier to use."},
		{"a smartphone", []string{questionnaire.DevSmartphone}, "We can show you how to make your phone or computer easier to use."},
		{"a computer and a basic mobile", []string{questionnaire.DevBasicMob, questionnaire.DevComputer}, "We can show you how to make your phone or computer easier to use."},
		{"a shared device only", []string{questionnaire.DevShared}, "We can show you how to make a shared device easier to use while you use it."},
	} {
		a := testkit.ScriptedPatients[0].Answers.Clone() // landline, care alarm, poor sight
		a[questionnaire.LinkDevices] = tc.devices
		if !slices.Contains(tc.devices, questionnaire.DevLandline) {
			delete(a, questionnaire.LinkTelecare) // asked of a landline only
		}
		r := agreedAll(t, a)
		if !slices.ContainsFunc(r.Recommendation.Adjustments, func(x questionnaire.Adjustment) bool { return x.Code == "tech-access" }) {
			t.Fatalf("%s: no settings help to say: %v", tc.name, r.Recommendation.Adjustments)
		}
		h := strings.Join(strings.Fields(record.HandoutWith(r, record.HandoutOptions{Team: "Ward 7", TeamPhone: "0113 496 0000"})), " ")
		if !strings.Contains(h, tc.want) {
			t.Errorf("%s: the handout does not say %q:\n%s", tc.name, tc.want, h)
		}
	}
}
