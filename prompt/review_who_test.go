package prompt

import (
	"strings"
	"testing"
)

// The plain prompts' review started at "Access:", and "Save this
// assessment?" named no one: a screen-reader user heard the patient's
// number only as it was typed, and never heard the clinician kept as the
// default (the previous user's name) nor the team, so a wrong number or a
// wrong name was saved unnoticed. The review reads them back first, in
// the full screen's words (Patient, NHS number or Local number, By), and
// the save question names them again.
func TestPlainReviewAndSaveReadBackThePatientTheClinicianAndTheTeam(t *testing.T) {
	t.Parallel()
	n := len(expectedResult(t).Recommendation.Referrals)
	local := strings.Replace(script, "1\n943 476 5919\n", "2\nrx-4471\n", 1)
	for _, c := range []struct {
		name, in, patient string
	}{
		{"NHS number", script, "Patient: NHS number 943 476 5919."},
		{"local number", local, "Patient: Local number RX-4471."},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var s saver
			var out strings.Builder
			if _, err := Run(options(&s), strings.NewReader(c.in+consentLines(n)), &out); err != nil {
				t.Fatalf("run: %v\n%s", err, out.String())
			}
			if len(s.saved) != 1 {
				t.Fatalf("saved %d records, want 1:\n%s", len(s.saved), out.String())
			}
			text := out.String()
			who := "By: jsmith, team Ward 5."
			review := strings.Index(text, "Review the answers:\n")
			if review < 0 {
				t.Fatalf("no review:\n%s", text)
			}
			first := "Review the answers:\n" + c.patient + "\n" + who + "\n" + "Access:\n"
			if !strings.HasPrefix(text[review:], first) {
				t.Errorf("the review does not begin with the patient, the clinician and the team; want it to begin\n%s\ngot\n%s", first, text[review:min(len(text), review+200)])
			}
			save := strings.LastIndex(text, "Save this assessment?")
			if save < 0 {
				t.Fatalf("no save question:\n%s", text)
			}
			// Named as the question begins (after the last answer's
			// line), before the referrals it reads back.
			asked := strings.LastIndex(text[:save], "\nType a number")
			if named := strings.LastIndex(text[:save], "\n"+c.patient+"\n"+who+"\n"); named < 0 || named < asked {
				t.Errorf("the save question does not name the patient (%q) and who assessed (%q):\n%s", c.patient, who, text[max(0, save-300):])
			}
		})
	}
}
