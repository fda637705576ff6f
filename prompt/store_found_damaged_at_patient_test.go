package prompt

import (
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/record"
	"digicheck/store"
)

// A store sound at the start and found damaged as the patient's entries
// were read (read whole): the plain prompts said nothing of it until a
// draft was refused. It is said before the first question, as a store
// damaged at the start is, and as the store's damage, not the patient's
// entries'; said at the start, it is not said again.
func TestPlainPromptsSayAStoreFoundDamagedAsThePatientIsReadBeforeTheFirstQuestion(t *testing.T) {
	t.Parallel()
	found := assess.StoreFoundDamaged{Err: &store.Error{Kind: store.ErrDamaged, Msg: "the digicheck store x.db is damaged: the pages that lead to the records are damaged"}}
	for _, atStart := range []bool{false, true} {
		var s saver
		o := options(&s)
		o.Keep = func(*assess.Draft) error { return found }
		o.CheckPatient = func(record.PatientID) error { return found }
		if atStart {
			o.Warning = "Warning: this assessment cannot be saved in the store, which is damaged: its answers will be kept in a file beside the store."
		}
		var out strings.Builder
		_, _ = Run(o, strings.NewReader(script+consentLines(len(expectedResult(t).Recommendation.Referrals))), &out)
		text := out.String()
		first := strings.Index(text, "Which of these can you use")
		if first < 0 {
			t.Fatalf("the first question is not asked:\n%s", text)
		}
		said := strings.Count(text[:first], "found damaged as the patient's assessments were read")
		if want := map[bool]int{false: 1, true: 0}[atStart]; said != want {
			t.Errorf("damaged at the start %v: the store found damaged is said %d times before the first question; want %d:\n%s", atStart, said, want, text[:first])
		}
		if strings.Contains(text, "entries for patient") {
			t.Errorf("the store's damage is said as the patient's entries':\n%s", text)
		}
	}
}
