package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestSummaryHelpSaysACorrectionIsNotProtected: summary --help says what
// docs/disclosure.md says, that a span published again after a
// correction is not protected, and no longer lists it among the releases
// the rounding keeps the same.
func TestSummaryHelpSaysACorrectionIsNotProtected(t *testing.T) {
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
