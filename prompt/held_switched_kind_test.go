package prompt

import (
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
)

// TestASwitchedIdentifierOffersNotTheOtherKindsNumber: from the review,
// "Patient identifier:" switched NHS number -> local hospital number
// offered the NHS number as the local number ("Local hospital number
// (press Enter for 9434765919):"), and the other way the local number as
// the NHS number. A kind switched offers no number; switched back, the
// number given is offered again.
func TestASwitchedIdentifierOffersNotTheOtherKindsNumber(t *testing.T) {
	t.Parallel()
	read := 1300 * time.Millisecond
	nhs := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	local := record.PatientID{Kind: record.LocalID, Value: "H100006"}
	for _, c := range []struct {
		name     string
		from, to record.PatientID
		lines    []string
		offered  string // said after the switch, and never the old number
	}{
		{"NHS to local", nhs, local, []string{"2", "H100006"}, "Local hospital number:"},
		{"local to NHS", local, nhs, []string{"1", "9434765919"}, "NHS number (10 digits):"},
		{"switched and back", nhs, nhs, []string{"2", "b", "1", ""}, "NHS number (10 digits) (press Enter for 9434765919):"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var bs []burst
			for _, l := range append(c.lines, "", "") { // then the clinician and the team kept
				bs = append(bs, burst{after: read, text: l + "\n"})
			}
			var out strings.Builder
			f := &flow{p: heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Team: "Ward7"}, bs, &out), gate: map[int]bool{}}
			f.s = assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Team: "Ward7", Now: time.Now})
			if err := f.s.SetPatient(c.from, "Gil Poe", "Ward7"); err != nil {
				t.Fatal(err)
			}
			changedFromReview(t, f, &out)
			_, after, _ := strings.Cut(flatOut(&out), "Patient identifier:")
			if !strings.Contains(after, c.offered) {
				t.Errorf("after the identifier was switched, %q was not asked:\n%s", c.offered, out.String())
			}
			if c.from != c.to && strings.Contains(after, "press Enter for "+c.from.Value) {
				t.Errorf("the %s kind offers the other kind's number %s:\n%s", c.to.Kind, c.from.Value, out.String())
			}
			if got := f.s.Patient(); got != c.to {
				t.Errorf("the patient is %s, want %s:\n%s", got, c.to, out.String())
			}
		})
	}
}
