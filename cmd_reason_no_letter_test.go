package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// TestAVoidOrAmendmentReasonOfCombiningMarksOnlyIsRefused: void --reason
// of a lone combining acute accent was taken ("Reason:́"), and history
// printed "entered in error because: ́", a void kept with no reason to
// read. A reason with no letter or digit is refused on the command line,
// a usage error (exit status 2), and nothing is saved.
func TestAVoidOrAmendmentReasonOfCombiningMarksOnlyIsRefused(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil))
	if err := st.Save(&r); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"void", "amend"} {
		for _, reason := range []string{"\u0301", "\u0300\u0301", "\u20e3", "\U0001d159", " \u0301 "} {
			mk := (*app).voidCmd
			if cmd == "amend" {
				mk = (*app).amendCmd
			}
			a := &app{settings: site.Settings{DB: path, Team: "Ward 7"}}
			out, stderr, err := execute(a, mk, "", r.ID.String(), "--reason", reason, "--clinician", "Dr Ada Test")
			what := cmd + " --reason " + questionnaire.Printable(reason)
			if err == nil {
				t.Errorf("%s was taken:\n%s%s", what, out, stderr)
				continue
			}
			if !strings.Contains(err.Error(), "--reason: ") || !strings.Contains(err.Error(), "no letter or digit") {
				t.Errorf("%s: %v; want the reason refused for having no letter or digit", what, err)
			}
			if got := exitStatus(err); got != 2 {
				t.Errorf("%s: exit status %d, want 2 (a usage error)", what, got)
			}
		}
	}
	st, err = store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cur, err := st.Current(r.ID); err != nil || cur.Status == record.EnteredInError || cur.ID != r.ID {
		t.Errorf("after the refusals: %s (%v); want the assessment as saved, nothing voided or amended", cur.Status, err)
	}
}
