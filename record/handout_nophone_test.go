package record_test

import (
	"regexp"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// agreedAll is the record of answers a, every referral agreed, so each
// programme's line (and its phone, where it has one) is in the handout.
func agreedAll(t *testing.T, a questionnaire.Answers) record.Record {
	t.Helper()
	res, err := questionnaire.V2.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	for i := range res.Recommendation.Referrals {
		res.Recommendation.Referrals[i].Consent = questionnaire.Agreed
	}
	return record.Record{Answers: a, Result: res, Team: "Ward 7"}
}

// TestHandoutOfAPatientWithNoPhoneOffersNoCall: a patient with no mobile
// and no landline, who had not said "not by phone", was told "call your
// GP practice", "call Ward 7 on ..." and "You can call them on ...": calls
// they have no phone for. The handout names what they can do (in person,
// by letter), or has the carer who does most things for them call; at
// the boundary, a landline keeps the calls.
func TestHandoutOfAPatientWithNoPhoneOffersNoCall(t *testing.T) {
	call := regexp.MustCompile(`(?i)\b(call|ring)\b|by phone`)
	carerCalls := regexp.MustCompile(`(?i)the person who looks after you can (call|tell)|by phone to the person who looks after you`)
	allowed := regexp.MustCompile(`(?i)\b(not|never)\b|Home phone lines|care alarm`)
	for _, tc := range []struct {
		name    string
		devices []string
		help    string
		want    string // "none", "carer" or "own": who may call
	}{
		{"no device", []string{questionnaire.DevNone}, questionnaire.HelpNobody, "none"},
		{"a shared device only", []string{questionnaire.DevShared}, questionnaire.HelpNobody, "none"},
		{"no phone, a carer does most things", []string{questionnaire.DevShared}, questionnaire.HelpCarer, "carer"},
		{"a landline", []string{questionnaire.DevLandline}, questionnaire.HelpNobody, "own"},
	} {
		a := testkit.ScriptedPatients[0].Answers.Clone() // landline, care alarm, reads with help
		a[questionnaire.LinkDevices], a[questionnaire.LinkHelp] = tc.devices, []string{tc.help}
		a[questionnaire.LinkReadingHelp] = []string{questionnaire.ReadAlways}
		if tc.want != "own" {
			delete(a, questionnaire.LinkTelecare)
		}
		r := agreedAll(t, a)
		h := record.HandoutWith(r, record.HandoutOptions{Team: "Ward 7", TeamPhone: "0113 496 0000"})
		var own, carer int
		for _, s := range ownSentences(r, h) {
			switch {
			case allowed.MatchString(s):
			case carerCalls.MatchString(s):
				carer++
			case call.MatchString(s):
				own++
			}
		}
		switch {
		case tc.want == "none" && own+carer > 0:
			t.Errorf("%s: the handout sends them to a phone:\n%s", tc.name, h)
		case tc.want == "none" && !strings.Contains(h, "in person") && !strings.Contains(h, "by letter"):
			t.Errorf("%s: the handout names no way they can reach us:\n%s", tc.name, h)
		case tc.want == "carer" && (own > 0 || carer == 0):
			t.Errorf("%s: %d calls of their own, %d by their carer, want the carer's only:\n%s", tc.name, own, carer, h)
		case tc.want == "own" && (own == 0 || carer > 0):
			t.Errorf("%s: %d calls of their own, %d by a carer, want their own:\n%s", tc.name, own, carer, h)
		}
	}
}

// TestHandoutOfACarerContactedPatientHasTheCarerCall: the handout of a
// patient who must be contacted through their carer said "call your GP
// practice" and "call Ward 7 on ...", to the patient. Every call in it is
// the carer's to make ("the person who looks after you can call ..."), or
// a neutral "ask"; at the boundary, the same patient with no carer
// requirement is told to call.
func TestHandoutOfACarerContactedPatientHasTheCarerCall(t *testing.T) {
	toPatient := regexp.MustCompile(`(?i)(^|[.,] |\bor )call\b|you can call`)
	for _, tc := range []struct {
		name  string
		carer bool
	}{{"through the carer", true}, {"no carer requirement", false}} {
		a := testkit.ScriptedPatients[3].Answers.Clone() // dementia; his daughter answers
		a[questionnaire.LinkDevices], a[questionnaire.LinkTelecare] = []string{questionnaire.DevShared, questionnaire.DevLandline}, []string{questionnaire.No}
		if !tc.carer {
			a[questionnaire.LinkContactNeeds] = []string{questionnaire.ContactNone}
			a[questionnaire.LinkHelp] = []string{questionnaire.HelpSome}
		}
		r := agreedAll(t, a)
		h := record.HandoutWith(r, record.HandoutOptions{Team: "Ward 7", TeamPhone: "0113 496 0000"})
		carerCalls := strings.Count(h, "The person who looks after you can") + strings.Count(h, "the person who looks\nafter you can") +
			strings.Count(strings.Join(strings.Fields(h), " "), "the person who looks after you can call")
		var own []string
		for _, s := range ownSentences(r, h) {
			if toPatient.MatchString(s) && !strings.Contains(s, "person who looks after you can") {
				own = append(own, s)
			}
		}
		switch {
		case tc.carer && (len(own) > 0 || carerCalls == 0):
			t.Errorf("%s: calls for the patient to make %q, %d for the carer:\n%s", tc.name, own, carerCalls, h)
		case !tc.carer && len(own) == 0:
			t.Errorf("%s: no call for the patient, so the boundary is not tested:\n%s", tc.name, h)
		}
	}
}

// ownSentences splits a handout into sentences, its lines joined, leaving
// out each programme's own description of itself (its line for the
// patient and how to get there), which is the directory's, not ours.
func ownSentences(r record.Record, h string) []string {
	flat := strings.Join(strings.Fields(h), " ")
	for _, f := range r.Recommendation.Referrals {
		flat = strings.ReplaceAll(flat, strings.Join(strings.Fields(f.PatientLine), " "), "")
		flat = strings.ReplaceAll(flat, strings.Join(strings.Fields(f.Contact), " "), "")
	}
	return regexp.MustCompile(`[.:]\s`).Split(flat, -1)
}
