package record

import (
	"strings"
	"testing"
)

// TestAnAmendedNoteSaysAnOutcomeCorrectedToNotKnown: a follow-up said the
// patient went to both referrals agreed last time; its amendment corrects
// one to "not known". The amended note, which replaces the follow-up's,
// lists that referral as not known rather than leaving it out (a reader
// could not tell it from a referral never made), as a follow-up's note
// lists one answered "not known" at once.
func TestAnAmendedNoteSaysAnOutcomeCorrectedToNotKnown(t *testing.T) {
	first := assessed(t, nil)
	refs := first.Recommendation.Referrals
	if len(refs) < 2 {
		t.Fatalf("want two referrals to agree to, have %d", len(refs))
	}
	refs[0].Consent, refs[1].Consent = "agreed", "agreed"
	a, b := refs[0], refs[1]

	fu := followUp(t, first, nil)
	fu.Outcomes = []ReferralOutcome{
		{ProgrammeID: a.ProgrammeID, Name: a.Name, Outcome: OutcomeAttended},
		{ProgrammeID: b.ProgrammeID, Name: b.Name, Outcome: OutcomeHelped},
	}
	c := Compare(first, fu)
	fu.Change = &c
	if note := NoteWith(fu, NoteOptions{}); strings.Contains(note, "not known") {
		t.Fatalf("every outcome was given, and the note says one is not known:\n%s", note)
	}

	amended := fu
	amended.ID = MustParseID("01890a5d-ac96-774b-bcce-b3020999aaaa")
	amended.Amends = fu.ID
	amended.AmendReason = "the patient did not say whether they went to the second"
	amended.Outcomes = fu.Outcomes[:1]
	ac := Compare(first, amended)
	amended.Change = &ac
	note := NoteWith(amended, NoteOptions{})
	for _, want := range []string{
		"- " + a.Name + ": attended\n",
		"- " + b.Name + ": not known\n",
	} {
		if !strings.Contains(note, want) {
			t.Errorf("the amended note lacks %q:\n%s", want, note)
		}
	}
	if strings.Contains(note, b.Name+": attended, and it helped") {
		t.Errorf("the amended note still says what the amendment corrected:\n%s", note)
	}

	// A follow-up that said "not known" from the start says it too.
	fresh := followUp(t, first, nil)
	fresh.Outcomes = nil
	fc := Compare(first, fresh)
	fresh.Change = &fc
	if note := NoteWith(fresh, NoteOptions{}); !strings.Contains(note, "- "+a.Name+": not known\n") || !strings.Contains(note, "- "+b.Name+": not known\n") {
		t.Errorf("a follow-up with no outcome known leaves its earlier referrals out:\n%s", note)
	}
}
