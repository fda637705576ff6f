package record

import (
	"slices"
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// A follow-up whose patient no longer needs what the check before it
// arranged (large print, an Italian interpreter, translated letters, "Do
// not phone", "Do not write") stops each of those adjustments. The note and
// the result said so, but the patient's handout said nothing: the patient
// was not told they would now get standard print, no interpreter, and calls
// and letters again. The handout of a follow-up now says each adjustment
// that stops, in the patient's words.

// nurseBaseline is the check a community nurse made: large print (24
// point), an Italian interpreter with letters translated, not by phone and
// not by letter.
func nurseBaseline(t *testing.T) Record {
	t.Helper()
	r := assessedV2(t, questionnaire.Answers{
		questionnaire.LinkCommNeeds:     {questionnaire.NeedLargePrint, questionnaire.NeedInterpreter},
		questionnaire.LinkPrintSize:     {"24"},
		questionnaire.LinkLanguageCode:  {"it"},
		questionnaire.LinkTranslated:    {questionnaire.Yes},
		questionnaire.LinkContactAvoid:  {questionnaire.AvoidPhone, questionnaire.AvoidLetter},
		questionnaire.LinkLanguage:      nil,
		questionnaire.LinkReadingHelp:   {questionnaire.ReadNever},
		questionnaire.LinkContactNeeds:  {questionnaire.ContactNone},
		questionnaire.LinkBadExperience: {questionnaire.No},
		questionnaire.LinkChoice:        {questionnaire.ChoiceNone},
	})
	if err := questionnaire.V2.Validate(r.Answers); err != nil {
		t.Fatalf("the baseline's answers do not stand: %v", err)
	}
	return r
}

// nurseFollowUp is the follow-up of nurseBaseline whose answers need none
// of it any more.
func nurseFollowUp(t *testing.T, first Record) Record {
	t.Helper()
	later := assessedV2(t, questionnaire.Answers{
		questionnaire.LinkCommNeeds:     {questionnaire.NeedNone},
		questionnaire.LinkPrintSize:     nil,
		questionnaire.LinkLanguageCode:  nil,
		questionnaire.LinkTranslated:    nil,
		questionnaire.LinkLanguage:      nil,
		questionnaire.LinkContactAvoid:  {questionnaire.AvoidNone},
		questionnaire.LinkReadingHelp:   {questionnaire.ReadNever},
		questionnaire.LinkContactNeeds:  {questionnaire.ContactNone},
		questionnaire.LinkBadExperience: {questionnaire.No},
		questionnaire.LinkChoice:        {questionnaire.ChoiceNone},
	})
	if err := questionnaire.V2.Validate(later.Answers); err != nil {
		t.Fatalf("the follow-up's answers do not stand: %v", err)
	}
	later.ID = MustParseID("01890a5d-ac96-774b-bcce-b302099a9999")
	later.Time = first.Time.AddDate(0, 1, 0)
	later.FollowsUp = first.ID
	c := Compare(first, later)
	later.Change = &c
	return later
}

func TestTheHandoutOfAFollowUpTellsThePatientWhichAdjustmentsOfTheCheckBeforeStop(t *testing.T) {
	first := nurseBaseline(t)
	later := nurseFollowUp(t, first)
	if len(later.Change.Stopped) < 5 {
		t.Fatalf("the scenario needs the five adjustments to stop: %+v", later.Change.Stopped)
	}
	for _, large := range []bool{false, true} {
		h := strings.Join(strings.Fields(HandoutWith(later, HandoutOptions{LargePrint: large, Team: "Ward 7"})), " ")
		for _, want := range []string{
			"Our letters to you will be in standard print from now on.",
			"We will no longer book an interpreter for you.",
			"Our letters to you will be in English from now on.",
			"We may phone you again.",
			"We may write to you again.",
		} {
			if !strings.Contains(h, want) {
				t.Errorf("large print %v: the handout does not tell the patient %q:\n%s", large, want, h)
			}
		}
		// Told before "How to change this", with a word on what to do if
		// they still need it.
		const head, after = "What is different now", "If any of this is not right for you, please tell us in one of the ways below."
		if at, change := strings.Index(h, head), strings.Index(h, headChange); at < 0 || change < at {
			t.Errorf("large print %v: no %q before %q:\n%s", large, head, headChange, h)
		}
		if !strings.Contains(h, after) {
			t.Errorf("large print %v: the handout does not say what to do if this is not right (%q):\n%s", large, after, h)
		}
	}
}

// TestTheHandoutOfAFollowUpWhereNothingStopsSaysNothingMore: a follow-up
// that keeps every adjustment, or had none to stop, hands out what a first
// check with the same answers would, to the byte.
func TestTheHandoutOfAFollowUpWhereNothingStopsSaysNothingMore(t *testing.T) {
	for name, change := range map[string]questionnaire.Answers{
		"the same needs":                 nil,
		"fewer barriers, the same needs": {questionnaire.LinkAfford: {"never"}, questionnaire.LinkWorry: {"not"}},
	} {
		first := nurseBaseline(t)
		later := assessedV2(t, withAnswers(first.Answers, change))
		later.Time, later.FollowsUp = first.Time.AddDate(0, 1, 0), first.ID
		c := Compare(first, later)
		if len(c.Stopped) != 0 {
			t.Fatalf("%s: the scenario needs nothing to stop: %+v", name, c.Stopped)
		}
		later.Change = &c
		alone := later
		alone.FollowsUp, alone.Change = ID{}, nil
		for _, large := range []bool{false, true} {
			o := HandoutOptions{LargePrint: large, Team: "Ward 7", TeamPhone: "0113 496 0000"}
			if got, want := HandoutWith(later, o), HandoutWith(alone, o); got != want {
				t.Errorf("%s, large print %v: the follow-up's handout says more than the check's:\n%s\nwant:\n%s", name, large, got, want)
			}
		}
	}
}

// TestEachAdjustmentThatStopsIsSaidAsTheFollowUpsResultAllows: each line a
// follow-up's handout says of an adjustment that stops, from real
// assessments of both versions, on both sides of each rule: a call, a text
// or a letter said to come again only where the follow-up's result can
// make it; what was posted said as given by hand where nothing is posted
// now; nothing said to stop that the follow-up still arranges under
// another code (version 1's sign language or carer need, followed up with
// version 2's, in a change an earlier build saved), or that the patient is
// still told another way.
func TestEachAdjustmentThatStopsIsSaidAsTheFollowUpsResultAllows(t *testing.T) {
	none := questionnaire.Answers{questionnaire.LinkCommNeeds: {questionnaire.NeedNone}, questionnaire.LinkPrintSize: nil,
		questionnaire.LinkLanguageCode: nil, questionnaire.LinkTranslated: nil, questionnaire.LinkLanguage: nil,
		questionnaire.LinkContactAvoid: {questionnaire.AvoidNone}, questionnaire.LinkContactNeeds: {questionnaire.ContactNone}}
	needs := func(codes ...string) questionnaire.Answers {
		a := withAnswers(none, questionnaire.Answers{questionnaire.LinkCommNeeds: codes})
		if slices.Contains(codes, questionnaire.NeedLargePrint) {
			a[questionnaire.LinkPrintSize] = []string{"20"}
		}
		return a
	}
	landline := questionnaire.Answers{questionnaire.LinkDevices: {questionnaire.DevLandline}, questionnaire.LinkInternet: {questionnaire.NetNone},
		questionnaire.LinkTasks: {questionnaire.TaskNone}, questionnaire.LinkChoice: {questionnaire.ChoiceNone}, questionnaire.LinkTelecare: {questionnaire.No}}
	online := withAnswers(none, questionnaire.Answers{questionnaire.LinkDevices: {questionnaire.DevSmartphone}, questionnaire.LinkInternet: {questionnaire.NetHome},
		questionnaire.LinkTasks: {questionnaire.TaskText, questionnaire.TaskEmail}})
	v1 := func(t *testing.T, a questionnaire.Answers) Record { return assessed(t, a) }
	v2 := func(t *testing.T, a questionnaire.Answers) Record {
		return assessedV2(t, withAnswers(questionnaire.Answers{questionnaire.LinkChoice: {questionnaire.ChoiceNone}}, a))
	}
	// The change of these as a build before version 1's codes were read
	// as version 2's saved it, naming them as stopped.
	earlierBuild := map[string]bool{
		"version 1's sign language need, followed up by version 2's": true,
		"version 1's carer need, followed up by version 2's":         true,
	}
	for _, tc := range []struct {
		name           string
		before         func(*testing.T, questionnaire.Answers) Record
		was, now       questionnaire.Answers
		want, unwanted []string
	}{
		{"large print stops", v2, needs(questionnaire.NeedLargePrint), none,
			[]string{"Our letters to you will be in standard print from now on."}, nil},
		{"large print stops, and a screen reader rules letters out", v2, needs(questionnaire.NeedLargePrint), needs(questionnaire.NeedScreenRead),
			[]string{"What we give you to read will be in standard print from now on."}, []string{"Our letters to you"}},
		{"easy read stops", v2, needs(questionnaire.NeedEasyRead), none,
			[]string{"Our letters to you will not be in easy read from now on."}, nil},
		{"information told stops", v2, needs(questionnaire.NeedVerbal), none,
			[]string{"We will not always tell you things from now on. Some things we will only write down."}, nil},
		{"an interpreter and translated letters stop", v2,
			withAnswers(needs(questionnaire.NeedInterpreter), questionnaire.Answers{questionnaire.LinkLanguageCode: {"it"}, questionnaire.LinkTranslated: {questionnaire.Yes}}), none,
			[]string{"We will no longer book an interpreter for you.", "Our letters to you will be in English from now on."}, nil},
		{"a sign language interpreter stops", v2, needs(questionnaire.NeedBSLInterpreter), none,
			[]string{"We will no longer book a sign language interpreter for you."}, nil},
		{"version 1's sign language need, followed up by version 2's", v1, questionnaire.Answers{questionnaire.LinkCommNeeds: {questionnaire.NeedBSL, questionnaire.NeedTextRelay}},
			withAnswers(needs(questionnaire.NeedBSLInterpreter), questionnaire.Answers{questionnaire.LinkContactNeeds: {questionnaire.ContactTextRelay}}),
			nil, []string{"no longer book a sign language", "stop calling you with text relay"}},
		{"text relay stops", v2, withAnswers(none, questionnaire.Answers{questionnaire.LinkContactNeeds: {questionnaire.ContactTextRelay}}), none,
			[]string{"We will stop calling you with text relay."}, nil},
		{"a video relay stops", v2, withAnswers(needs(questionnaire.NeedBSLInterpreter), questionnaire.Answers{questionnaire.LinkContactNeeds: {questionnaire.ContactBSLRelay},
			questionnaire.LinkDevices: {questionnaire.DevSmartphone}, questionnaire.LinkInternet: {questionnaire.NetHome}}),
			withAnswers(needs(questionnaire.NeedBSLInterpreter), questionnaire.Answers{questionnaire.LinkContactNeeds: {questionnaire.ContactTextRelay}}),
			[]string{"We will stop calling you through a sign language video relay."}, []string{"no longer book a sign language"}},
		{"a screen reader stops", v2, withAnswers(online, needs(questionnaire.NeedScreenRead)), online,
			[]string{"We will stop making what we send ready for a screen reader."}, nil},
		// Nothing could be sent that it reads: the patient was told what
		// documents said, and that is what stops.
		{"a screen reader nothing could be sent to stops", v2, needs(questionnaire.NeedScreenRead), none,
			[]string{stoppedScreenReaderTold}, []string{"screen reader"}},
		// The patient who needs help reading often is still told what
		// letters say (reading help): nothing stops for them, and "we
		// will no longer tell you what is in everything we write" beside
		// "we will also tell you what our letters say" contradicted it.
		{"a screen reader nothing could be sent to stops, help reading often stays", v2,
			withAnswers(needs(questionnaire.NeedScreenRead), questionnaire.Answers{questionnaire.LinkReadingHelp: {questionnaire.ReadOften}}),
			withAnswers(none, questionnaire.Answers{questionnaire.LinkReadingHelp: {questionnaire.ReadOften}}),
			nil, []string{stoppedScreenReaderTold, headStopped}},
		{"a screen reader nothing could be sent to stops, help reading always stays", v2,
			withAnswers(needs(questionnaire.NeedScreenRead), questionnaire.Answers{questionnaire.LinkReadingHelp: {questionnaire.ReadAlways}}),
			withAnswers(none, questionnaire.Answers{questionnaire.LinkReadingHelp: {questionnaire.ReadAlways}}),
			nil, []string{stoppedScreenReaderTold, headStopped}},
		// Help reading sometimes is a check of understanding, not the
		// telling: the telling stops, and is said to.
		{"a screen reader nothing could be sent to stops, help reading sometimes stays", v2,
			withAnswers(needs(questionnaire.NeedScreenRead), questionnaire.Answers{questionnaire.LinkReadingHelp: {questionnaire.ReadSometimes}}),
			withAnswers(none, questionnaire.Answers{questionnaire.LinkReadingHelp: {questionnaire.ReadSometimes}}),
			[]string{stoppedScreenReaderTold}, nil},
		{"contact through the carer stops", v2, withAnswers(none, questionnaire.Answers{questionnaire.LinkContactNeeds: {questionnaire.ContactCarer}}), none,
			[]string{"We will stop contacting you through your carer."}, nil},
		{"version 1's carer need, followed up by version 2's", v1, questionnaire.Answers{questionnaire.LinkCommNeeds: {questionnaire.NeedCarer}},
			withAnswers(none, questionnaire.Answers{questionnaire.LinkContactNeeds: {questionnaire.ContactCarer}}),
			nil, []string{"through your carer."}},
		{"contact by letter stops", v2, withAnswers(none, questionnaire.Answers{questionnaire.LinkContactNeeds: {questionnaire.ContactLetter}}), none,
			[]string{"We may now contact you in other ways, not only by letter."}, nil},
		{"not by phone stops", v2, withAnswers(none, questionnaire.Answers{questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone}}), none,
			[]string{"We may phone you again."}, nil},
		{"not by phone stops, and the patient now signs with no relay", v2, withAnswers(none, questionnaire.Answers{questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone}}),
			needs(questionnaire.NeedBSLInterpreter), nil, []string{"phone you again", headStopped}},
		{"not by text stops", v2, withAnswers(none, questionnaire.Answers{questionnaire.LinkContactAvoid: {questionnaire.AvoidSMS}}), none,
			[]string{"We may send you text messages again."}, nil},
		{"not by text stops, and the patient now has a landline only", v2, withAnswers(none, questionnaire.Answers{questionnaire.LinkContactAvoid: {questionnaire.AvoidSMS}}),
			withAnswers(none, landline), nil, []string{"text messages again"}},
		{"not by email stops", v2, withAnswers(online, questionnaire.Answers{questionnaire.LinkContactAvoid: {questionnaire.AvoidEmail}}), online,
			[]string{"We may email you again."}, nil},
		{"not by letter stops", v2, withAnswers(none, questionnaire.Answers{questionnaire.LinkContactAvoid: {questionnaire.AvoidLetter}}), none,
			[]string{"We may write to you again."}, nil},
		{"not by letter stops, and the patient is now told, not written to", v2, withAnswers(none, questionnaire.Answers{questionnaire.LinkContactAvoid: {questionnaire.AvoidLetter}}),
			needs(questionnaire.NeedVerbal), nil, []string{"write to you again"}},
		{"reading help stops", v2, withAnswers(none, questionnaire.Answers{questionnaire.LinkReadingHelp: {questionnaire.ReadOften}}), none,
			[]string{"We will not tell you what our letters say from now on, unless you ask."}, nil},
		{"help reading sometimes stops", v2, withAnswers(none, questionnaire.Answers{questionnaire.LinkReadingHelp: {questionnaire.ReadSometimes}}), none,
			[]string{"We will stop checking that our letters make sense to you."}, nil},
		{"reading help stops, and information is now told", v2, withAnswers(none, questionnaire.Answers{questionnaire.LinkReadingHelp: {questionnaire.ReadOften}}),
			needs(questionnaire.NeedVerbal), nil, []string{"We will not tell you"}},
	} {
		first := tc.before(t, tc.was)
		later := v2(t, tc.now)
		if err := questionnaire.V2.Validate(later.Answers); err != nil {
			t.Fatalf("%s: the follow-up's answers do not stand: %v", tc.name, err)
		}
		later.Time, later.FollowsUp = first.Time.AddDate(0, 1, 0), first.ID
		c := Compare(first, later)
		if earlierBuild[tc.name] {
			c.Stopped = nil
			for _, was := range first.Recommendation.Adjustments {
				if !slices.ContainsFunc(later.Recommendation.Adjustments, func(now questionnaire.Adjustment) bool { return now.Code == was.Code }) {
					c.Stopped = append(c.Stopped, was)
				}
			}
		}
		if len(c.Stopped) == 0 {
			t.Fatalf("%s: the scenario needs an adjustment to stop", tc.name)
		}
		later.Change = &c
		h := strings.Join(strings.Fields(HandoutWith(later, HandoutOptions{Team: "Ward 7"})), " ")
		for _, w := range tc.want {
			if !strings.Contains(h, w) {
				t.Errorf("%s: the handout does not say %q:\n%s", tc.name, w, h)
			}
		}
		for _, u := range tc.unwanted {
			if strings.Contains(h, u) {
				t.Errorf("%s: the handout says %q:\n%s", tc.name, u, h)
			}
		}
	}
}
