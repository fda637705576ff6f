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

// TestAVoidOrAmendmentReasonWithAnInvisibleCharacterIsRefused: a reason
// pasted with a right-to-left mark, a zero width space, a soft hyphen or a
// byte order mark in it was kept, and history and the conflicts view
// printed it as "wrong patient\u200f" (or, where the text is not
// neutralised, raw). It is refused where it is typed, with the words the
// other-language answer is refused with, as a usage error (exit status 2),
// and nothing is saved; the same reason without it is taken. So is one
// of characters that draw nothing (a Hangul filler, the Braille blank, a
// combining grapheme joiner): history printed "entered in error
// because: " with nothing after it.
func TestAVoidOrAmendmentReasonWithAnInvisibleCharacterIsRefused(t *testing.T) {
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
		for _, reason := range []string{"wrong patient\u200f", "wrong\u200b patient", "wrong pa\u00adtient", "\ufeffwrong patient", "wrong\u2060patient",
			// Characters that draw nothing and are no format character:
			// "entered in error because: " with nothing after it.
			"\u3164\u3164", "\u2800\u2800", "\uffa0", "\u034f", "\u17b5", "wrong\u115f patient", "\u1160"} {
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
			if !strings.Contains(err.Error(), "--reason: ") || !strings.Contains(err.Error(), "is an invisible character (U+") ||
				!strings.Contains(err.Error(), "retype the reason without it") {
				t.Errorf("%s: %v; want the invisible character named, and to retype the reason", what, err)
			}
			if got := exitStatus(err); got != 2 {
				t.Errorf("%s: exit status %d, want 2 (a usage error)", what, got)
			}
		}
	}
	out, stderr, err := runStoreCmd(t, path, (*app).voidCmd, r.ID.String(), "--reason", "wrong patient", "--clinician", "Dr Ada Test")
	if err != nil {
		t.Fatalf("void with a plain reason: %v\n%s%s", err, out, stderr)
	}
	st, err = store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cur, err := st.Current(r.ID); err != nil || cur.Status != record.EnteredInError || cur.VoidReason != "wrong patient" {
		t.Errorf("the void after the refusals: %s, reason %q (%v); want one void, its reason plain", cur.Status, cur.VoidReason, err)
	}
}
