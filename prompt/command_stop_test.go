package prompt

import (
	"strings"
	"testing"

	"digicheck/record"
	"digicheck/store"
)

// A warning whose reason ends with a command to run ("…: run digicheck
// check --db FILE") was said with the sentence's full stop glued to the
// store's path: copied as given, "digicheck check --db FILE." named a
// store that is not there. The command is set on a line of its own, with
// no stop after it, at 80 and at 60 columns.
func TestACommandThatEndsAWarningIsOnALineOfItsOwnWithNoStopGluedToIt(t *testing.T) {
	t.Parallel()
	const path = "/tmp/tcap58/stores/e59900.db"
	damaged := &store.Error{Kind: store.ErrDamaged, Msg: "patient 999 000 0018 was assessed before: the store read 2 of their records; a follow-up of the latest was due, but none can be made until the store is restored: run digicheck check --db " + path}
	for _, width := range []int{80, 60} {
		var s saver
		o := options(&s)
		o.Width = width
		o.CheckPatient = func(record.PatientID) error { return damaged }
		var out strings.Builder
		if _, err := Run(o, strings.NewReader(script+consentLines(len(expectedResult(t).Recommendation.Referrals))), &out); err != nil {
			t.Fatalf("run: %v\n%s", err, out.String())
		}
		text := out.String()
		if strings.Contains(text, path+".") {
			t.Errorf("at %d columns, the full stop is glued to the path of the command:\n%s", width, text)
		}
		own := false
		for _, l := range strings.Split(text, "\n") {
			own = own || strings.TrimSpace(l) == "digicheck check --db "+path
		}
		if !own {
			t.Errorf("at %d columns, the command is not on a line of its own:\n%s", width, text)
		}
	}
}

// Where a command ends is read as a shell reads it: a comma, semicolon,
// colon or bracket inside a quoted path is the path's, not the sentence's
// going on after the command, so the command still goes on a line of its
// own with no stop glued to the path.
func TestAQuotedPathsPunctuationIsNotTakenForTheSentenceGoingOn(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"the store is damaged: run digicheck check --db '/srv/Ward 9, East/d.db'", "the store is damaged: run\n    digicheck check --db '/srv/Ward 9, East/d.db'"},
		{"the store is damaged: run digicheck check --db '/srv/a; b: c (x)/d.db'.", "the store is damaged: run\n    digicheck check --db '/srv/a; b: c (x)/d.db'"},
		{`the store is damaged: run digicheck check --db "C:\Program Files (x86)\digicheck\d.db"`, "the store is damaged: run\n    digicheck check --db \"C:\\Program Files (x86)\\digicheck\\d.db\""},
		{"the store is damaged: run digicheck check --db '/srv/it'\\''s, here/d.db'", "the store is damaged: run\n    digicheck check --db '/srv/it'\\''s, here/d.db'"},
		{"run digicheck check --db /srv/d.db, then restore it", "run digicheck check --db /srv/d.db, then restore it."},
		{"run digicheck check --db '/srv/Ward 9/d.db' (it finds what is wrong)", "run digicheck check --db '/srv/Ward 9/d.db' (it finds what is wrong)."},
		{"nothing to run here", "nothing to run here."},
	} {
		if got := stopped(tc.in); got != tc.want {
			t.Errorf("stopped(%q) =\n%q\nwant\n%q", tc.in, got, tc.want)
		}
	}
}
