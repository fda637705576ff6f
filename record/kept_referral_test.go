package record

import (
	"slices"
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// amendedKeeping is handout patient 0's record amended so that the first
// agreed referral is kept from the version amended (its answers no longer
// give it), and the referral after it is one the amended answers still
// give, left among those not shown, that a version saved before such a
// referral was saved once also kept with its answer (in both Unshown and
// Kept).
func amendedKeeping(t *testing.T) (r Record, gone, still questionnaire.Referral) {
	t.Helper()
	r = handoutRecord(t, 0)
	r.Status, r.Amends = Amended, MustParseID("0196f0c0-0000-7000-8000-000000000000")
	rec := &r.Recommendation
	refs := slices.Clone(rec.Referrals)
	var agreed []int
	for i, f := range refs {
		if f.Consent == questionnaire.Agreed {
			agreed = append(agreed, i)
		}
	}
	if len(agreed) < 2 {
		t.Fatalf("the scenario needs two agreed referrals: %+v", refs)
	}
	gone, still = refs[agreed[0]], refs[agreed[1]]
	rec.Referrals = slices.DeleteFunc(refs, func(f questionnaire.Referral) bool {
		return f.ProgrammeID == gone.ProgrammeID || f.ProgrammeID == still.ProgrammeID
	})
	unshown := still
	unshown.Consent = ""
	rec.Unshown = append(slices.Clone(rec.Unshown), unshown)
	rec.Kept = []questionnaire.Referral{gone, still}
	return r, gone, still
}

// A referral the amended answers still give was saved both among those
// "not shown or offered" and among those "these answers no longer offer",
// with its kept answer: the note and show said both, and a clinician could
// not tell whether it stands. It stands: it is said once, among the
// referrals, with its answer; a referral truly no longer given is still
// said as no longer offered.
func TestAKeptReferralTheAnswersStillGiveIsSaidOnceAmongTheReferralsWithItsAnswer(t *testing.T) {
	r, gone, still := amendedKeeping(t)
	var show strings.Builder
	if err := WriteDetailWith(&show, r, questionnaire.V1, NoteOptions{}); err != nil {
		t.Fatal(err)
	}
	stands := map[string]string{"note": "- " + still.Name + ": agreed", "show": "Referral " + still.Name + ": "}
	// show begins with the note; its own account of the referrals is
	// under "Why".
	_, why, _ := strings.Cut(show.String(), "\nWhy\n")
	for name, text := range map[string]string{"note": NoteWith(r, NoteOptions{}), "show": why} {
		for _, l := range strings.Split(text, "\n") {
			if strings.Contains(l, "not gone through or offered") && strings.Contains(l, still.Name) {
				t.Errorf("%s says %s, agreed, was not shown or offered: %q", name, still.Name, l)
			}
		}
		i := strings.Index(text, "no longer offer")
		if i < 0 {
			t.Errorf("%s does not say %s is no longer offered:\n%s", name, gone.Name, text)
			continue
		}
		// From the line that says so.
		j := strings.LastIndex(text[:i], "\n")
		head, tail := text[:j+1], text[j+1:]
		if !strings.Contains(tail, gone.Name) {
			t.Errorf("%s does not say %s, kept, is no longer offered:\n%s", name, gone.Name, text)
		}
		if strings.Contains(tail, still.Name) {
			t.Errorf("%s says these answers no longer offer %s, which they still give:\n%s", name, still.Name, text)
		}
		if !strings.Contains(head, stands[name]) {
			t.Errorf("%s does not list %s among the referrals with its answer:\n%s", name, still.Name, text)
		}
	}
}
