package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestSummaryHelpSaysACorrectionIsNotProtected: summary --help says what
// docs/disclosure.md says, that a span published again after a
// correction is not protected, and no longer lists it among the releases
// the rounding keeps the same.
func TestSummaryHelpSaysACorrectionIsNotProtected(t *testing.T) {
	t.Parallel()
	cmd, _, err := newRoot(nil, &bytes.Buffer{}, &bytes.Buffer{}).Find([]string{"summary"})
	if err != nil {
		t.Fatal(err)
	}
	help := strings.Join(strings.Fields(cmd.Long), " ")
	if strings.Contains(help, "re-run after a correction") {
		t.Error("summary --help says a period re-run after a correction is shown the same")
	}
	for _, want := range []string{
		"It does not protect a span published again after a correction (a void, an amendment or a late record)",
		"publish a span once, or withdraw the earlier release and say so",
	} {
		if !strings.Contains(help, want) {
			t.Errorf("summary --help lacks %q", want)
		}
	}
}

// TestSummaryHelpSaysDistrictAndEquityRowsAreNotProtectedAcrossOverlaps:
// the opening paragraph of summary --help said overlapping spans of whole
// periods are protected, while docs/disclosure.md, the notes and the HTML
// say rows by postcode district and by the equity answers are not. Both
// the help and the docs' opening now say the protection across
// overlapping spans is for totals and team rows only.
func TestSummaryHelpSaysDistrictAndEquityRowsAreNotProtectedAcrossOverlaps(t *testing.T) {
	t.Parallel()
	cmd, _, err := newRoot(nil, &bytes.Buffer{}, &bytes.Buffer{}).Find([]string{"summary"})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("docs/disclosure.md")
	if err != nil {
		t.Fatal(err)
	}
	opening, _, _ := strings.Cut(string(doc), "## ")
	for name, text := range map[string]string{"summary --help": cmd.Long, "docs/disclosure.md's opening": opening} {
		text = strings.Join(strings.Fields(text), " ")
		for _, want := range []string{
			"for totals and team rows, overlapping spans of whole periods",
			"Rows by postcode district and by the equity answers are not protected across overlapping spans",
		} {
			if !strings.Contains(strings.ReplaceAll(text, "*", ""), want) {
				t.Errorf("%s lacks %q:\n%s", name, want, text)
			}
		}
	}
}
