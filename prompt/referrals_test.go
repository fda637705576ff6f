package prompt

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// TestTheResultListsTheFirstReferralsOnly: a patient with many referrals
// (the scripted patient with the most: seven) hears the first three before the
// consent questions, each with a short reason, and that more fit, offered
// once those three are answered. (Every referral was read out, each with a
// long "Ranked n of 10" reason, before a single question was asked.)
func TestTheResultListsTheFirstReferralsOnly(t *testing.T) {
	p := slices.MaxFunc(testkit.ScriptedPatients, func(x, y testkit.Scripted) int { return len(x.Referrals) - len(y.Referrals) })
	if len(p.Referrals) <= assess.FirstReferrals {
		t.Fatalf("the fixture has %d referrals; it needs more than %d", len(p.Referrals), assess.FirstReferrals)
	}
	lines := append([]string{"1", "943 476 5919", "", "Ward 5"}, scriptLines(questionnaire.V2, p.Answers)...)
	lines = append(lines, "1", "1", "1", "1") // the answers are right; the first three agreed
	lines = append(lines, "1", "3")           // go through the others too; the fourth not discussed
	var s saver
	o := options(&s)
	o.Instrument = questionnaire.V2
	var out strings.Builder
	Run(o, strings.NewReader(strings.Join(lines, "\n")+"\n"), &out)
	text := out.String()
	n := len(p.Referrals)
	result, asked, ok := strings.Cut(text[strings.Index(text, "Result:"):], fmt.Sprintf("Referral 1 of %d: ", n))
	if !ok {
		t.Fatalf("no consent question asked:\n%s", text)
	}
	listed := regexp.MustCompile(`(?m)^  \d+\. `).FindAllString(result, -1)
	if len(listed) != assess.FirstReferrals || strings.Contains(result, "Referral:") {
		t.Errorf("%d referrals listed before the first consent question, want %d:\n%s", len(listed), assess.FirstReferrals, result)
	}
	if strings.Contains(result, "Ranked") {
		t.Errorf("the referrals listed carry their long reasons:\n%s", result)
	}
	first, _ := questionnaire.National.Lookup(p.Referrals[0])
	for _, want := range []string{
		fmt.Sprintf("Referrals: %d fit the patient; the first %d, most useful first:", n, assess.FirstReferrals),
		"  1. " + first.Name + ": for ",
		fmt.Sprintf("The other %d are offered once these are answered.", n-assess.FirstReferrals),
	} {
		if !strings.Contains(result, want) {
			t.Errorf("the result does not say %q:\n%s", want, result)
		}
	}
	// The count of the rest is said in plain words, not "referral(s)".
	more := fmt.Sprintf("%d more referrals fit the patient", n-assess.FirstReferrals)
	if n-assess.FirstReferrals == 1 {
		more = "1 more referral fits the patient"
	}
	if !strings.Contains(asked, more) {
		t.Errorf("the rest are not counted as %q:\n%s", more, asked)
	}
	// On request, the rest are offered, and then asked about one by one.
	if !strings.Contains(asked, "Go through them too?") || !strings.Contains(asked, fmt.Sprintf("Referral 4 of %d", n)) {
		t.Errorf("the rest are not offered on request:\n%s", asked)
	}
}
