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
// said the totals and team rows were: but a total shown differently in
// two overlapping spans holds some assessment of the periods between
// them, so it says their count is not zero where their own row shows *
// (0 to 9, zero included). The help and the docs' opening now say so,
// and neither lists overlapping spans among what is protected.
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
	_, limits, _ := strings.Cut(string(doc), "## What it does not protect against")
	_, protects, _ := strings.Cut(string(doc), "## What it protects against")
	protects, _, _ = strings.Cut(protects, "### ")
	for name, text := range map[string]string{"summary --help": cmd.Long, "docs/disclosure.md's opening": opening,
		"docs/disclosure.md's \"What it protects against\"": protects, "docs/disclosure.md's \"What it does not protect against\"": limits} {
		text = strings.ReplaceAll(strings.Join(strings.Fields(text), " "), "`", "")
		for _, claim := range []string{"for totals and team rows, overlapping spans of whole periods", "is safe for its totals and team rows", "team rows are protected"} {
			if strings.Contains(text, claim) {
				t.Errorf("%s still says %q", name, claim)
			}
		}
		for _, want := range []string{
			"Rows by postcode district and by the equity answers are not protected across overlapping spans",
			"not zero",
		} {
			if name != "summary --help" && name != "docs/disclosure.md's opening" && want != "not zero" {
				continue
			}
			if !strings.Contains(strings.ReplaceAll(text, "*", ""), want) {
				t.Errorf("%s lacks %q:\n%s", name, want, text)
			}
		}
	}
}
