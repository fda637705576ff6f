package main

import (
	"strings"
	"testing"
)

// An amendment stopped before any answer was changed said "No answers of
// this assessment were kept: none had been given yet", read as if the
// record's answers were lost. It says nothing was changed and the record
// is as it was, and how to correct it: the command it gives carries
// --reason, which amend refuses to run without (pasted without it, it
// failed with "say why with --reason").
func TestAnAmendmentStoppedUnchangedSaysTheRecordIsAsItWas(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	// Who (the clinician and team as given); then q at the review.
	out, errs, err := runStoreCmdIn(t, path, "\n\nq\n", (*app).amendCmd, rs[0].ID.String(), "--reason", "worry misheard", "--clinician", "Dr Fix")
	if err == nil {
		t.Fatalf("an amendment stopped was not reported stopped:\n%s%s", out, errs)
	}
	said := strings.Join(strings.Fields(out+errs), " ")
	if strings.Contains(said, "No answers of this assessment were kept") || strings.Contains(said, "none had been given yet") {
		t.Errorf("the stop reads as if the record's answers were lost:\n%s%s", out, errs)
	}
	for _, want := range []string{"Nothing was changed", "record " + rs[0].ID.String() + " is as it was", "digicheck amend " + rs[0].ID.String() + " --reason "} {
		if !strings.Contains(said, want) {
			t.Errorf("the stop does not say %q:\n%s%s", want, out, errs)
		}
	}
}
