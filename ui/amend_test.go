package ui

import (
	"strings"
	"testing"
	"time"

	"digicheck/prompt"
)

// An amendment that changes nothing would save a new version that
// corrects nothing: both front ends say so and ask before saving it.
// (It was saved without a word.)

func TestAnAmendmentThatChangesNothingAsksBeforeSaving(t *testing.T) {
	t.Parallel()
	old := earlier(t)
	s := &memStore{}
	o := testOptions(s.Save)
	o.Clinician, o.Team = old.Clinician, old.Team
	o.Amend, o.AmendReason = &old, "checked again"
	d := newDriver(t, o, 80, 24)
	d.waitFor("Amend assessment", "Clinician")
	d.press("enter", "tab", "enter") // the clinician given; the record's team, by Tab
	d.waitFor("Amendment · Review")
	d.press("end", "enter")
	d.waitFor("Amendment · Result")
	d.m.refusalHold = time.Hour // an enter typed with the first is held
	d.press("enter", "enter")
	// Said with the answers read back, in the one question before the save,
	// after every referral answered (read to its end).
	d.m.refusalHold = 0
	d.press("end")
	d.waitFor("Nothing has changed from the version amended", "saving makes it a new version", confirmAsk)
	if s.Calls() != 0 {
		t.Fatal("an amendment that changes nothing was saved without asking")
	}
	d.press("enter")
	d.waitFor("Saved ·")
	if s.Calls() != 1 {
		t.Fatalf("%d saves after enter was pressed again", s.Calls())
	}
}

func TestPlainPromptsAskBeforeSavingAnAmendmentThatChangesNothing(t *testing.T) {
	t.Parallel()
	old := earlier(t)
	s := &memStore{}
	o := testOptions(s.Save)
	var out strings.Builder
	// The clinician given, the record's team (=), the review left as it
	// is, the referrals answered before kept, saved, then asked, and Go
	// back chosen.
	in := "\n=\n1\n\n\n\n2\n1\n2\n"
	_, _ = prompt.Run(prompt.Options{
		Instrument: o.Instrument, Directory: o.Directory,
		Clinician: old.Clinician, Team: old.Team, Save: s.Save, Now: o.Now,
		Amend: &old, AmendReason: "checked again",
	}, strings.NewReader(in), &out)
	if !strings.Contains(out.String(), "Nothing has changed from the version amended: save it anyway as a new version?") {
		o := out.String()
		t.Fatalf("not asked before saving an unchanged amendment:\n…%s", o[max(len(o)-2000, 0):])
	}
	if s.Calls() != 0 {
		t.Fatalf("saved %d after Go back", s.Calls())
	}
}
