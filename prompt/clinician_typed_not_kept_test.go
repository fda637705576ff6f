package prompt

import (
	"strings"
	"testing"
)

// TestTheNextAssessmentsClinicianIsTypedAndEnterDoesNotKeepTheLastName:
// after a save, the next assessment offered the last clinician's name and
// one Enter kept it, so on a shared workstation a second clinician's
// assessment was saved under the first one's name. The name is now only
// offered: Enter alone is refused, saying to type your own name, and
// nothing is saved under it; = is the deliberate choice of the name
// offered, and a name typed is taken as typed.
func TestTheNextAssessmentsClinicianIsTypedAndEnterDoesNotKeepTheLastName(t *testing.T) {
	t.Parallel()
	n := len(expectedResult(t).Recommendation.Referrals)
	rest := strings.SplitN(script, "\n", 4)[3] // after the patient and the clinician
	for _, c := range []struct {
		name, typed string
		want        []string // who the records saved are by
	}{
		{"Enter alone", "", []string{"jsmith"}},
		{"= for the name offered", "=", []string{"jsmith", "jsmith"}},
		{"a name typed", "Pat Nurse", []string{"jsmith", "Pat Nurse"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var s saver
			var out strings.Builder
			in := script + answerReferrals(n, "1", "2") + "1\n1\n" + // save, then a new assessment
				"1\n943 476 5919\n" + c.typed + "\n" + rest + consentLines(n)
			// A line refused stops piped answers there (the lines after
			// it were meant for later questions): an error, nothing more
			// saved.
			if _, err := Run(options(&s), strings.NewReader(in), &out); (err != nil) != (c.typed == "") {
				t.Fatalf("run: %v\n%s", err, out.String())
			}
			var by []string
			for _, r := range s.saved {
				by = append(by, r.Clinician)
			}
			if strings.Join(by, "|") != strings.Join(c.want, "|") {
				t.Fatalf("saved by %q, want %q:\n%s", by, c.want, out.String())
			}
			text := out.String()
			next := text[strings.Index(text, "What next?"):]
			if !strings.Contains(next, "Clinician (type your name, or = for jsmith):") {
				t.Errorf("the next assessment's clinician question does not offer the last name as = :\n%s", next)
			}
			if refused := strings.Contains(next, "Not accepted: type your own name"); refused != (c.typed == "") {
				t.Errorf("Enter alone refused with a word: %v, want %v:\n%s", refused, c.typed == "", next)
			}
		})
	}
}

// TestWithNoNameGivenTheClinicianIsTyped: with no name given on the
// command line (the login name is never offered), Enter alone is refused
// and saves nothing; a name typed is taken.
func TestWithNoNameGivenTheClinicianIsTyped(t *testing.T) {
	t.Parallel()
	n := len(expectedResult(t).Recommendation.Referrals)
	for _, c := range []struct{ typed, want string }{{"", ""}, {"Pat Nurse", "Pat Nurse"}} {
		var s saver
		var out strings.Builder
		o := options(&s)
		o.Clinician = ""
		in := strings.Replace(script, "943 476 5919\n\n", "943 476 5919\n"+c.typed+"\n", 1) + consentLines(n)
		if _, err := Run(o, strings.NewReader(in), &out); (err != nil) != (c.typed == "") {
			t.Fatalf("run: %v\n%s", err, out.String())
		}
		if !strings.Contains(out.String(), "Clinician (type your name):") {
			t.Errorf("the clinician question does not ask for a name typed:\n%s", out.String())
		}
		if c.want == "" {
			if len(s.saved) != 0 || !strings.Contains(out.String(), "Not accepted: type your own name") {
				t.Errorf("Enter alone saved %d records, or was refused without a word:\n%s", len(s.saved), out.String())
			}
			continue
		}
		if len(s.saved) != 1 || s.saved[0].Clinician != c.want {
			t.Fatalf("saved %d records (%+v), want one by %s:\n%s", len(s.saved), s.saved, c.want, out.String())
		}
	}
}
