package main

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// The file kept for a follow-up the store did not save gives what became
// of the earlier referrals, and a reason typed for one not taken up and
// not confirmed before a stop, said as such. Each is named as the
// directory names it (an outcome kept with no name was said by its
// programme id), and the patient's words are in plain quotes, not Go's
// ("bus \"fare\"").
func TestAFollowUpsKeptFileNamesEachReferralAndQuotesAnUnconfirmedReasonPlainly(t *testing.T) {
	t.Parallel()
	dir := questionnaire.Directory{Programmes: []questionnaire.Programme{
		{ID: "national-device-bank", Name: "National Device Bank"},
		{ID: "learn-my-way", Name: "Learn My Way"},
	}}
	got := outcomesText([]record.ReferralOutcome{{ProgrammeID: "national-device-bank", Outcome: record.OutcomeNotTakenUp, Reason: "no phone"}},
		map[string]string{"learn-my-way": `bus "fare"`}, dir)
	for _, want := range []string{
		"National Device Bank: ",
		"Learn My Way: why not, not confirmed before the stop: “bus \"fare\"”.",
		"Not an answer until it is checked with the patient and given.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the file does not say %q:\n%s", want, got)
		}
	}
	for _, not := range []string{"national-device-bank", "learn-my-way", `\"`} {
		if strings.Contains(got, not) {
			t.Errorf("the file says %q:\n%s", not, got)
		}
	}
}
