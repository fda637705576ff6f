package assess

import (
	"reflect"

	"digicheck/questionnaire"
)

// SameAnswers reports whether refused, the draft of a save refused and
// kept in a file, and given, a draft kept since, hold the same answers as
// that file says them: the patient's details, the clinician and team, the
// reason to amend, the answers, the referrals' answers and the earlier
// referrals' outcomes. Where the assessment stopped, and when it started,
// are no answers. With the same answers the file holds the refused save's
// note, and a note pasted from it stands; with any other, it does not.
//
// It is the one rule the assess command writes the file by and the full
// screen says whether the note stands by: kept in two copies, the screen
// could say "the note stands" of a file written again without it.
func SameAnswers(refused, given Draft) bool {
	return refused.Patient == given.Patient && refused.Clinician == given.Clinician && refused.Team == given.Team &&
		refused.AmendReason == given.AmendReason && sameConsents(refused.Consent, given.Consent) &&
		(len(refused.Answers) == 0 && len(given.Answers) == 0 || reflect.DeepEqual(refused.Answers, given.Answers)) &&
		(len(refused.Outcomes) == 0 && len(given.Outcomes) == 0 || reflect.DeepEqual(refused.Outcomes, given.Outcomes))
}

// sameConsents reports whether refused, the referrals' answers of a save
// refused as its record has them, and given, a draft's, are the same. A
// referral shown (m) and left unanswered is in the record as not
// discussed, and in no draft, which holds the answers given: worked out
// again, the draft's record has it so too, and the same note. Told apart,
// the file of a save refused after m, written again from the draft kept
// straight after the refusal, lost its note while the screen said to
// paste it.
func sameConsents(refused, given map[string]string) bool {
	for id, c := range refused {
		if g, ok := given[id]; ok && g == c || !ok && c == questionnaire.NotDiscussed {
			continue
		}
		return false
	}
	for id := range given {
		if _, ok := refused[id]; !ok {
			return false
		}
	}
	return true
}
