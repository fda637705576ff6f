package prompt

import (
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

// Keys typed while the plain prompts waited, as the patient's number was
// given, for a store another program held (the patient's entries read,
// about 2 s) answered the questions after it, none yet on screen: the
// clinician's name, the team and the first question's answer typed in one
// burst with the number were saved, the first as an answer the patient
// never gave. They are dropped, and said so, as keys typed during the
// wait to keep a draft are.
func TestKeysTypedWhileTheNumbersCheckWaitsForAHeldStoreAnswerNothing(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		wait    time.Duration
		dropped bool
	}{
		{"the store held", waitSaid + 300*time.Millisecond, true},
		{"the store free", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var s saver
			o := options(&s)
			o.Clinician = ""
			o.CheckPatient = func(record.PatientID) error {
				time.Sleep(tc.wait) // the store's wait for its lock; busy is said, not an error
				return nil
			}
			// The number, then in the same burst the clinician, the team
			// and the first question's answer.
			bs := []burst{
				{after: 3 * typedAhead / 2, text: "1\n"},
				{after: 3 * typedAhead / 2, text: "943 476 5919\nNurse Jo\nWard 5\n4\n"},
			}
			var out strings.Builder
			res, _ := atTerminal(o, bs, &out, 0).all()
			text := out.String()
			said := strings.Contains(text, "Keys typed while digicheck waited for the store were ignored")
			d := res.Unkept
			if d == nil {
				d = res.Draft
			}
			answered := d != nil && len(d.Answers[questionnaire.LinkDevices]) > 0
			if tc.dropped && (answered || !said || strings.Contains(text, "Nurse Jo")) {
				t.Errorf("keys typed during the wait were used (first question answered: %v) or not said ignored:\n%s", answered, text)
			}
			if !tc.dropped && said {
				t.Errorf("with no wait, keys typed on were said ignored for a wait:\n%s", text)
			}
		})
	}
}
