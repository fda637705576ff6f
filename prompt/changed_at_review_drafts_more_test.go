package prompt

import (
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/record"
)

// A patient changed at the review to one with several drafts names the
// last kept and says how many more of theirs are on the list, as the
// start of a new assessment does: naming one alone, a colleague's draft
// with the patient's referral decisions went unsaid.
func TestAPatientChangedAtTheReviewToOneWithSeveralDraftsSaysHowManyMore(t *testing.T) {
	other := record.PatientID{Kind: record.NHSNumber, Value: "4010232137"}
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	toReview := strings.Join(lines[:len(lines)-1], "\n") + "\n"
	change := "2\n\n401 023 2137\n\n\n"
	n := len(expectedResult(t).Recommendation.Referrals)
	for _, read := range []string{"as the run began", "at the change"} {
		t.Run(read, func(t *testing.T) {
			var s saver
			o := options(&s)
			older := Resume{Label: "Patient 401 023 2137, kept 09:00 by Pipe Nurse, stopped at the review", Draft: draft(other, "Pipe Nurse", "Community", firstTwoSections(), "review")}
			newer := Resume{Label: "Patient 401 023 2137, kept 10:00 by Nurse Ed, stopped at the result", Draft: draft(other, "Nurse Ed", "Ward 7", firstTwoSections(), "result")}
			if read == "as the run began" {
				o.Drafts = []Resume{older, newer}
			} else {
				o.DraftsOf = func(p record.PatientID) ([]Resume, error) {
					if p != other {
						return nil, nil
					}
					return []Resume{older, newer}, nil
				}
			}
			o.DraftsFromInput = true
			o.Keep = func(*assess.Draft) error { return nil }
			var out strings.Builder
			start := "" // no list: drafts read at the change alone
			if o.Drafts != nil {
				start = "1\n" // start a new assessment, past the list
			}
			if _, err := Run(o, strings.NewReader(start+toReview+change+"1\n1\n"+consentLines(n)), &out); err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			all := strings.Join(strings.Fields(out.String()), " ")
			at := strings.Index(all, "has an unfinished assessment kept as a draft: kept 10:00 by Nurse Ed")
			if at < 0 {
				t.Fatalf("the last kept draft of the patient changed to is not named:\n%s", out.String())
			}
			if !strings.Contains(all[at:], "1 more of this patient's drafts is on the list of unfinished assessments.") {
				t.Fatalf("changed at the review to a patient with two drafts, it does not say one more is on the list:\n%s", out.String())
			}
		})
	}
}
