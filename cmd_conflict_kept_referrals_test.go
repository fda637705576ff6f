package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// TestTheConflictsListSaysAReferralTheAmendmentKeepsAsKeptNotAsNotOffered:
// an amendment whose answers no longer offer referrals the patient had
// agreed to keeps them, with the answer given, as show and the saved
// screen say; push --conflicts, which a clinician reads to choose which
// version to keep, said of that amendment "server: not offered", as if
// keeping it lost the agreed referrals. A kept referral is said with its
// answer and that the amendment keeps it from the version before.
func TestTheConflictsListSaysAReferralTheAmendmentKeepsAsKeptNotAsNotOffered(t *testing.T) {
	t.Parallel()
	mine := testkit.Assessed(t, testkit.Offline(nil))
	if len(mine.Recommendation.Referrals) == 0 {
		t.Fatal("the assessment offers no referral to keep")
	}
	f := mine.Recommendation.Referrals[0]
	f.Consent = questionnaire.Agreed
	mine.Recommendation.Referrals = []questionnaire.Referral{f}
	theirs := mine
	theirs.Recommendation.Referrals, theirs.Recommendation.Kept = nil, []questionnaire.Referral{f}
	theirs.Status, theirs.AmendReason = record.Amended, "wants online: yes"
	name := "Referral " + questionnaire.Printable(f.Name)
	for _, d := range recordDiffs(mine, theirs) {
		if d.field != name {
			continue
		}
		if d.theirs == "not offered" || !strings.Contains(d.theirs, record.ConsentText(questionnaire.Agreed)) || !strings.Contains(d.theirs, "kept from the version amended") {
			t.Errorf("%s: here %q, server %q; want the server's kept, with its answer", name, d.mine, d.theirs)
		}
		return
	}
	t.Errorf("%s is not listed, though the server's version keeps it only from the version before it", name)
}
