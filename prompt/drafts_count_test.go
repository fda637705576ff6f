package prompt

import (
	"strings"
	"testing"

	"digicheck/record"
)

// TestTheDraftsKeptAreCountedInPlainWords: one draft is "1 unfinished
// assessment is kept as a draft", not "1 unfinished assessment(s) are
// kept as drafts"; two are "2 unfinished assessments are kept as drafts",
// both where piped answers leave them alone and on the list offered.
func TestTheDraftsKeptAreCountedInPlainWords(t *testing.T) {
	for _, n := range []int{1, 2} {
		o := options(&saver{})
		for i := range n {
			nhs := []string{"9434761042", "9434761034"}[i]
			o.Drafts = append(o.Drafts, Resume{
				Label: "Patient " + nhs,
				Draft: draft(record.PatientID{Kind: record.NHSNumber, Value: nhs}, "jsmith", "Ward 5", firstTwoSections(), "motivation"),
			})
		}
		want := map[int]string{1: "1 unfinished assessment is kept as a draft", 2: "2 unfinished assessments are kept as drafts"}[n]
		var out strings.Builder
		_, _ = Run(o, strings.NewReader("1\n"), &out)
		if !strings.Contains(out.String(), want+", left as "+map[int]string{1: "it is", 2: "they are"}[n]) || strings.Contains(out.String(), "(s)") {
			t.Errorf("piped, %d drafts are not said as %q:\n%s", n, want, out.String())
		}
		out.Reset()
		o.DraftsFromInput = true
		_, _ = Run(o, strings.NewReader(""), &out)
		if !strings.Contains(out.String(), want+", last kept first") || strings.Contains(out.String(), "(s)") {
			t.Errorf("listed, %d drafts are not said as %q:\n%s", n, want, out.String())
		}
	}
}
