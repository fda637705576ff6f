package record

import (
	"regexp"
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestAPatientWhoMustNotBeWrittenToIsNeverPromisedALetter: a patient who
// must not be sent letters, and needs large print, Easy Read or what is
// written translated, was told on their handout "Our letters to you will
// be in large print… We will send you letters in Kurdish… We will not send
// you letters", and staff read "Send written information translated into
// Kurdish" beside "Do not write to the patient". With "must not: letters",
// each adjustment that would post something says it is given by hand, and
// the handout promises no letter, in every sentence but the one that says
// we will not send them; without it (the boundary), the letters stand.
func TestAPatientWhoMustNotBeWrittenToIsNeverPromisedALetter(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		need      string
		notLetter bool
		staff     string // the adjustment's words
		handout   string // the handout's sentence
	}{
		{questionnaire.NeedLargePrint, true, "Give leaflets and printed information in large print, 20 point", "What we give you to read will be in large print, 20 point or bigger."},
		{questionnaire.NeedLargePrint, false, "Send letters and leaflets in large print, 20 point", "Our letters to you will be in large print, 20 point or bigger."},
		{questionnaire.NeedEasyRead, true, "Give information in Easy Read by hand: do not post it", "We will give you easy read information."},
		{questionnaire.NeedEasyRead, false, "Send information in Easy Read", "We will send you easy read letters."},
		{questionnaire.NeedInterpreter, true, "Give written information translated into Kurdish by hand: do not post it", "We will give you things to read in Kurdish."},
		{questionnaire.NeedInterpreter, false, "Send written information translated into Kurdish", "We will send you letters in Kurdish."},
	} {
		avoid := questionnaire.AvoidSMS
		if c.notLetter {
			avoid = questionnaire.AvoidLetter
		}
		a := deafAnswers(avoid, questionnaire.ContactPhone)
		a[questionnaire.LinkCommNeeds] = []string{c.need}
		a[questionnaire.LinkReadingHelp] = []string{questionnaire.ReadSometimes}
		switch c.need {
		case questionnaire.NeedLargePrint:
			a[questionnaire.LinkPrintSize] = []string{"20"}
		case questionnaire.NeedInterpreter:
			a[questionnaire.LinkLanguageCode] = []string{questionnaire.LanguageOther}
			a[questionnaire.LinkLanguage] = []string{"Kurdish"}
			a[questionnaire.LinkTranslated] = []string{questionnaire.Yes}
		}
		res, err := questionnaire.V2.Assess(a, questionnaire.National)
		if err != nil {
			t.Fatal(err)
		}
		name := c.need + map[bool]string{true: ", must not be sent letters", false: ", may be sent letters"}[c.notLetter]
		found := false
		for _, adj := range res.Recommendation.Adjustments {
			if strings.HasPrefix(adj.Text, c.staff) {
				found = true
			}
			if c.notLetter && adj.Code != questionnaire.AvoidLetter && regexp.MustCompile(`(?i)^send\b|\bletters?\b`).MatchString(adj.Text) {
				t.Errorf("%s: staff are told to write: %q", name, adj.Text)
			}
		}
		if !found {
			t.Errorf("%s: no adjustment says %q: %v", name, c.staff, res.Recommendation.Adjustments)
		}
		h := HandoutWith(Record{Answers: a, Result: res, Team: "Ward 7"}, HandoutOptions{Team: "Ward 7"})
		flat := strings.Join(strings.Fields(h), " ")
		if !strings.Contains(flat, c.handout) {
			t.Errorf("%s: the handout does not say %q:\n%s", name, c.handout, h)
		}
		if !c.notLetter {
			continue
		}
		for _, s := range regexp.MustCompile(`[^.:]+[.:]`).FindAllString(flat, -1) {
			if regexp.MustCompile(`(?i)\bletters?\b`).MatchString(s) && !regexp.MustCompile(`\bnot\b`).MatchString(s) {
				t.Errorf("%s: the handout promises a letter: %q\n%s", name, strings.TrimSpace(s), h)
			}
		}
	}
}

// TestHelpReadingIsNeverAboutLettersToAPatientWhoMustNotBeWrittenTo: the
// handout's line for a patient who needs help reading said "We will also
// tell you what our letters say"; to one who must not be sent letters it
// speaks of what they are given to read, and to others it stands.
func TestHelpReadingIsNeverAboutLettersToAPatientWhoMustNotBeWrittenTo(t *testing.T) {
	t.Parallel()
	for _, avoid := range []string{questionnaire.AvoidLetter, questionnaire.AvoidSMS} {
		ans := questionnaire.Answers{questionnaire.LinkDevices: {questionnaire.DevLandline}, questionnaire.LinkContactAvoid: {avoid}}
		got := adjustmentForResult(questionnaire.Adjustment{Code: "reading-help"}, ans, nil)
		if letters := strings.Contains(got, "letters"); letters != (avoid != questionnaire.AvoidLetter) {
			t.Errorf("must not: %s: %q", avoid, got)
		}
	}
}
