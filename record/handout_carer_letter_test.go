package record

import (
	"regexp"
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// A patient who speaks Tigrinya, needs letters translated, uses a screen
// reader and needs things told, contacted through their carer, whose
// fallback is a letter to the carer: the note told staff "Give written
// information translated into Tigrinya by hand: do not post it", as no
// letter can reach the patient, and the handout told the patient "We will
// send you letters in Tigrinya", because a letter was the fallback. That
// letter goes to the carer, not to the patient: the handout says what is
// given by hand as the note does. A follow-up that stops the screen
// reader's adjustment of such a check said "We will stop making what we
// send ready for a screen reader", though nothing was ever sent that a
// screen reader read: the patient was told what documents said.

// tigrinyaThroughCarer is that patient's answers.
func tigrinyaThroughCarer() questionnaire.Answers {
	a := deafAnswers(questionnaire.ContactNone, questionnaire.ContactCarer)
	a[questionnaire.LinkDevices] = []string{questionnaire.DevLandline}
	a[questionnaire.LinkTelecare] = []string{"no"}
	a[questionnaire.LinkCommNeeds] = []string{questionnaire.NeedScreenRead, questionnaire.NeedVerbal, questionnaire.NeedInterpreter}
	a[questionnaire.LinkLanguageCode] = []string{questionnaire.LanguageOther}
	a[questionnaire.LinkLanguage] = []string{"Tigrinya"}
	a[questionnaire.LinkTranslated] = []string{questionnaire.Yes}
	a[questionnaire.LinkHelp] = []string{questionnaire.HelpCarer}
	a[questionnaire.LinkRespondent] = []string{questionnaire.RespondentCarer}
	return a
}

func TestAPatientWrittenToOnlyThroughTheirCarerIsPromisedNoLetterTheNoteSaysIsGivenByHand(t *testing.T) {
	a := tigrinyaThroughCarer()
	res, err := questionnaire.V2.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	rec := res.Recommendation
	if !rec.FallbackToCarer || rec.Fallback != questionnaire.RouteLetter {
		t.Fatalf("the scenario needs a letter to the carer as the fallback: %s to carer %v", rec.Fallback, rec.FallbackToCarer)
	}
	r := Record{Answers: a, Result: res, Team: "Ward 7"}
	if note := NoteWith(r, NoteOptions{}); !strings.Contains(note, "Give written information translated into Tigrinya by hand: do not post it") {
		t.Fatalf("the scenario needs the note to say the translation is given by hand:\n%s", note)
	}
	for _, large := range []bool{false, true} {
		h := HandoutWith(r, HandoutOptions{Team: "Ward 7", LargePrint: large})
		flat := strings.Join(strings.Fields(h), " ")
		if !strings.Contains(flat, "We will give you things to read in Tigrinya.") {
			t.Errorf("large print %v: the handout does not say the translation is given:\n%s", large, h)
		}
		for _, s := range regexp.MustCompile(`[^.:]+[.:]`).FindAllString(flat, -1) {
			if regexp.MustCompile(`(?i)\bletters?\b`).MatchString(s) && !strings.Contains(s, "contact the person who looks after you by a letter") {
				t.Errorf("large print %v: the handout promises the patient a letter: %q\n%s", large, strings.TrimSpace(s), h)
			}
		}
	}
}

func TestAFollowUpThatStopsAScreenReaderNothingWasSentToSaysTheTellingStops(t *testing.T) {
	first := Record{ID: MustParseID("01890a5d-ac96-774b-bcce-b302099a0011"), Answers: tigrinyaThroughCarer()}
	res, err := questionnaire.V2.Assess(first.Answers, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	first.Result = res
	later := Record{ID: MustParseID("01890a5d-ac96-774b-bcce-b302099a0012"), FollowsUp: first.ID, Answers: tigrinyaThroughCarer()}
	later.Answers[questionnaire.LinkCommNeeds] = []string{questionnaire.NeedInterpreter}
	// No longer needing help reading: nothing else tells them what is
	// written (reading help still in force would, and the telling would
	// not be said to stop: TestAnAmendmentThatStopsWhatAnotherAdjustmentStillGivesSaysSo).
	later.Answers[questionnaire.LinkReadingHelp] = []string{questionnaire.ReadNever}
	if res, err = questionnaire.V2.Assess(later.Answers, questionnaire.National); err != nil {
		t.Fatal(err)
	}
	later.Result = res
	c := Compare(first, later)
	later.Change = &c
	h := strings.Join(strings.Fields(HandoutWith(later, HandoutOptions{Team: "Ward 7"})), " ")
	if strings.Contains(h, "screen reader") {
		t.Errorf("the handout speaks of a screen reader nothing was ever sent to:\n%s", h)
	}
	if !strings.Contains(h, stoppedScreenReaderTold) {
		t.Errorf("the handout does not say %q:\n%s", stoppedScreenReaderTold, h)
	}
}
