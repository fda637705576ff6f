package prompt

import (
	"fmt"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
)

// typedConsent is what each number typed at a referral records.
var typedConsent = map[string]string{"1": questionnaire.Agreed, "2": questionnaire.Declined, "3": questionnaire.NotDiscussed}

// readBackBlock is what the last save question said between its
// "Referrals, as they will be saved:" and "Save this assessment?": each
// referral's line, and the line on those not shown.
func readBackBlock(t *testing.T, said string) []string {
	t.Helper()
	save := strings.LastIndex(said, "Save this assessment?")
	if save < 0 {
		t.Fatalf("no save question:\n%s", said)
	}
	head := "Referrals, as they will be saved:\n"
	at := strings.LastIndex(said[:save], head)
	if at < 0 {
		t.Fatalf("the save question reads back no referral:\n%s", said[max(0, save-600):])
	}
	return strings.Split(strings.TrimSuffix(said[at+len(head):save], "\n"), "\n")
}

// TestTheSaveQuestionReadsBackEachReferralAsItWillBeSaved: the full
// screen reads back the patient and each referral's answer before it
// saves; the plain prompts' save question named the patient and the
// clinician only, so a consent number mistyped (2 for 1) was kept unheard.
// It now says, after the patient and who assessed, each referral on a line
// of its own with the answer it is saved with, in the full screen's words,
// and the referrals not shown as not offered.
func TestTheSaveQuestionReadsBackEachReferralAsItWillBeSaved(t *testing.T) {
	t.Parallel()
	refs := expectedResult(t).Recommendation.Referrals
	if len(refs) <= assess.FirstReferrals {
		t.Fatalf("the script gives %d referrals: it must give more than the first %d", len(refs), assess.FirstReferrals)
	}
	typed := []string{"1", "2", "3"}[:assess.FirstReferrals]
	in := script + strings.Join(typed, "\n") + "\n" +
		"2\n" + // not through the others
		"1\n2\n" // save; finish
	var s saver
	var out strings.Builder
	if _, err := Run(options(&s), strings.NewReader(in), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	said := out.String()
	words := map[string]string{questionnaire.Agreed: "agreed", questionnaire.Declined: "declined", questionnaire.NotDiscussed: "not discussed"}
	want := []string{
		"Patient: NHS number 943 476 5919.",
		"By: jsmith, team Ward 5.",
		"Referrals, as they will be saved:",
	}
	for i, k := range typed {
		want = append(want, fmt.Sprintf("  %s: %s.", refs[i].Name, words[typedConsent[k]]))
	}
	want = append(want, fmt.Sprintf("  %d more referrals were not gone through with the patient, and are not offered.", len(refs)-len(typed)), "Save this assessment?")
	block := strings.Join(want, "\n") + "\n"
	if !strings.Contains(said, block) {
		save := strings.LastIndex(said, "Save this assessment?")
		t.Errorf("the save question does not read back the patient and each referral as it will be saved; want\n%s\ngot\n%s", block, said[max(0, save-600):min(len(said), save+60)])
	}
	if len(s.saved) != 1 {
		t.Fatalf("%d records saved, want 1", len(s.saved))
	}
}

// TestTheConsentsSavedAreTheOnesReadBack: the clinician mistypes the
// second referral's answer (2, declines, for 1), hears it read back as
// declined, goes back (2) and corrects it, and saves. The record holds
// every referral with the answer the last read-back gave it, and no other,
// and as many not offered as it said were not shown.
func TestTheConsentsSavedAreTheOnesReadBack(t *testing.T) {
	t.Parallel()
	refs := expectedResult(t).Recommendation.Referrals
	if len(refs) <= assess.FirstReferrals || assess.FirstReferrals < 3 {
		t.Fatalf("the script gives %d referrals, %d first: it must give more than 3 first", len(refs), assess.FirstReferrals)
	}
	in := script +
		"1\n2\n1\n" + // the second mistyped: declines
		"2\n" + // not through the others
		"2\n" + // save question: go back
		"\n1\n\n" + // the first kept, the second agreed, the third kept
		"2\n" + // not through the others
		"1\n2\n" // save; finish
	var s saver
	var out strings.Builder
	if _, err := Run(options(&s), strings.NewReader(in), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	said := out.String()
	if n := strings.Count(said, "Referrals, as they will be saved:"); n != 2 {
		t.Fatalf("the referrals were read back %d times, want twice (before going back, and before the save):\n%s", n, said)
	}
	if first := strings.Index(said, "Referrals, as they will be saved:"); !strings.Contains(said[first:], "  "+refs[1].Name+": declined.") {
		t.Errorf("the mistyped answer was not read back as declined:\n%s", said[first:])
	}
	if len(s.saved) != 1 {
		t.Fatalf("%d records saved, want 1:\n%s", len(s.saved), said)
	}
	got := s.saved[0].Recommendation
	heard := map[string]string{}
	unshown := 0
	for _, l := range readBackBlock(t, said) {
		if _, err := fmt.Sscanf(strings.TrimSpace(l), "%d more referrals were not gone through with the patient, and are not offered.", &unshown); err == nil {
			continue
		}
		name, word, ok := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(l, "  "), "."), ": ")
		if !ok {
			t.Fatalf("a line read back is not a referral and its answer: %q", l)
		}
		heard[name] = word
	}
	if len(heard) != len(got.Referrals) {
		t.Errorf("%d referrals read back, %d saved as offered", len(heard), len(got.Referrals))
	}
	for _, r := range got.Referrals {
		if w, ok := heard[r.Name]; !ok || w != record.ConsentText(r.Consent) {
			t.Errorf("%s saved as %q, read back as %q", r.Name, r.Consent, w)
		}
	}
	if unshown != len(got.Unshown) {
		t.Errorf("read back %d not shown, saved %d not offered", unshown, len(got.Unshown))
	}
	if len(got.Referrals) < 2 || got.Referrals[1].Name != refs[1].Name || got.Referrals[1].Consent != questionnaire.Agreed {
		t.Errorf("the answer corrected after the read-back was not saved: %+v", got.Referrals)
	}
}
