package ui

import (
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// joined is the screen with every space and line break taken out: a file's
// path, wrapped over lines, is found whole in it.
func joined(screen string) string { return strings.Join(strings.Fields(screen), "") }

// TestTheDraftsListSaysTheReferralAnswersADraftKeeps: a draft stopped at
// the result with two referrals answered was listed "Stopped at the
// result · 16 answers", as if the patient's decisions were not kept.
func TestTheDraftsListSaysTheReferralAnswersADraftKeeps(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	dr := draftAt(t, st)
	dr.Consent = map[string]string{"library": questionnaire.Agreed, "learn-my-way": questionnaire.Declined}
	dr.Stopped = &assess.Stop{Step: "result"}
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(dr)
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments", "Stopped at the result · 5 answers · 2 referral answers")
}

// TestAFullScreenDraftWhoseLaterAnswersAreInAFileNamesTheFile: a window
// closed at the save while another program held the store kept the
// answers as last given, referral decisions included, in a file; the full
// screen listed and resumed the store's older draft without a word of it
// (the plain prompts named it), and the result asked the referrals afresh.
// The list entry, the draft resumed, and a new assessment of its patient
// now name the file and say what to do with it.
func TestAFullScreenDraftWhoseLaterAnswersAreInAFileNamesTheFile(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	dr := draftAt(t, st)
	file := "/var/lib/digicheck/digicheck-not-saved-draft-" + dr.ID.String() + ".txt"
	list := func(t *testing.T, w, h int) *driver {
		o := withStore(testOptions(nil), st)
		o.Drafts = []Resumable{{Draft: dr, KeptFile: file}}
		d := newDriver(t, o, w, h)
		d.waitFor("Unfinished assessments", "NHS 943 476 5919")
		return d
	}
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		d := list(t, size[0], size[1])
		if s := d.screen(); !strings.Contains(joined(s), file) || !strings.Contains(flat(s), "and any referral decisions") {
			t.Errorf("%dx%d: the list does not name the file that keeps the draft's later answers:\n%s", size[0], size[1], s)
		}
		checkFits(t, d.m.View().Content, size[0], size[1])
	}

	t.Run("resumed", func(t *testing.T) {
		d := list(t, 80, 24)
		d.press("enter")
		d.waitFor("Motivation and trust · 3 of 5", "recorded as done by Nurse Bea Draft")
		if s := d.screen(); !strings.Contains(joined(s), file) || !strings.Contains(flat(s), "give them again, then delete it") {
			t.Errorf("the draft resumed does not name the file that keeps its later answers:\n%s", s)
		}
	})
	t.Run("its patient given, the file deep in folders", func(t *testing.T) {
		deep := "/home/ward5/shared/digicheck/stores/community-nursing/" + file[len("/var/lib/digicheck/"):]
		o := withStore(testOptions(nil), st)
		referred := dr
		referred.Consent = map[string]string{"library": questionnaire.Agreed, "learn-my-way": questionnaire.Declined}
		referred.Stopped = &assess.Stop{Step: "result"}
		o.Drafts = []Resumable{{Draft: referred, KeptFile: deep}}
		d := newDriver(t, o, 60, 20)
		d.waitFor("Unfinished assessments")
		d.press("n")
		enterPatientNoWait(d)
		d.waitFor("An unfinished assessment of NHS 943 476 5919", "r resume the draft")
		s := flat(d.screen())
		if !strings.Contains(s, "Later answers are in a file (referrals too, if any).") || !strings.Contains(s, "the draft stays on the list of unfinished assessments.") {
			t.Errorf("the file, or the advice under it, is not on screen whole:\n%s", d.screen())
		}
		checkFits(t, d.m.View().Content, 60, 20)
	})
	t.Run("its patient given", func(t *testing.T) {
		for _, size := range [][2]int{{80, 24}, {60, 20}} {
			d := list(t, size[0], size[1])
			d.press("n")
			enterPatientNoWait(d)
			d.waitFor("An unfinished assessment of NHS 943 476 5919", "r resume the draft")
			// The file named, and the advice under it still whole on screen.
			s := d.screen()
			if !strings.Contains(joined(s), file) || !strings.Contains(flat(s), "Later answers") {
				t.Errorf("%dx%d: a new assessment of the draft's patient does not name the file that keeps its later answers:\n%s", size[0], size[1], s)
			}
			if !strings.Contains(flat(s), "the draft stays on the list of unfinished assessments.") {
				t.Errorf("%dx%d: the advice under the draft is cut off:\n%s", size[0], size[1], s)
			}
			checkFits(t, d.m.View().Content, size[0], size[1])
		}
	})
}

// amendmentDraft is a draft of the scenario patient amending base, kept
// at kept.
func amendmentDraft(t *testing.T, base record.Record, kept time.Time) store.Draft {
	t.Helper()
	id, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	return store.Draft{Draft: assess.Draft{
		ID: id, Patient: base.Patient, Clinician: "Nurse Amy Amend", Team: "Ward 9",
		InstrumentVersion: base.InstrumentVersion, Answers: base.Answers.Clone(),
		Amends: base.ID, Started: kept.Add(-time.Minute), Stopped: &assess.Stop{Step: "result"},
	}, Saved: kept}
}

// TestTheDraftsListSaysWhichVersionEachAmendmentAmends: two amendment
// drafts of one patient were listed alike; only resuming each said which
// version it amends, and that it was amended since, so could not be
// finished. Each entry says it now.
func TestTheDraftsListSaysWhichVersionEachAmendmentAmends(t *testing.T) {
	t.Parallel()
	base := earlier(t)
	o := testOptions(nil)
	stale := "record 01890000-0000, which was amended since, on 6 Dec 2026 at 09:14 by Nurse Cy (record 01890000-0001 is its current version): it cannot be finished, only discarded"
	o.Drafts = []Resumable{
		{Draft: amendmentDraft(t, base, fixedNow.Add(-2*time.Minute)), Base: &base, Amends: stale},
		{Draft: amendmentDraft(t, base, fixedNow.Add(-time.Minute)), Base: &base, Amends: "record 01890000-0001"},
	}
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		d := newDriver(t, o, size[0], size[1])
		d.waitFor("Unfinished assessments", "amendment")
		if s := flat(d.screen()); !strings.Contains(s, "Amends record 01890000-0001") {
			t.Errorf("%dx%d: the list does not say which version the last kept amendment amends:\n%s", size[0], size[1], d.screen())
		}
		checkFits(t, d.m.View().Content, size[0], size[1])
		d.press("down")
		if s := joined(d.screen()); !strings.Contains(s, joined("Amends "+stale)) { // an id is wrapped at its hyphen
			t.Errorf("%dx%d: the list does not say the other amendment's version was amended since:\n%s", size[0], size[1], d.screen())
		}
		checkFits(t, d.m.View().Content, size[0], size[1])
	}
}

// TestTheNoticeOfAnAmendmentDraftIsWordedForAnAmendment: a new assessment
// of a patient with an amendment draft was told "Resume it (r) to finish
// it, rather than assess the patient twice": an amendment corrects a saved
// record, and is no second assessment.
func TestTheNoticeOfAnAmendmentDraftIsWordedForAnAmendment(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	base := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	o.Drafts = []Resumable{{Draft: amendmentDraft(t, base, fixedNow), Base: &base, Amends: "record 01890000-0000"}}
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		d := newDriver(t, o, size[0], size[1])
		startNewFor(t, d)
		d.waitFor("An unfinished amendment of NHS 943 476 5919", "r resume the draft", "n new assessment anyway")
		s := flat(d.screen())
		if strings.Contains(s, "assess the patient twice") || !strings.Contains(s, "corrects record 01890000-0000") {
			t.Errorf("%dx%d: the notice of an amendment draft is not worded for an amendment:\n%s", size[0], size[1], d.screen())
		}
		if !strings.Contains(s, "the draft stays on the list.") {
			t.Errorf("%dx%d: the advice under the draft is cut off:\n%s", size[0], size[1], d.screen())
		}
		checkFits(t, d.m.View().Content, size[0], size[1])
	}
}

// TestAFollowUpToldOfADraftOffersToGoOnWithTheFollowUp: after f on the
// notice of an earlier assessment, the follow-up was told of the
// patient's amendment draft kept elsewhere, naming another draft than the
// new assessment had (the first started, not the last kept), and offered
// "n new assessment anyway" while the clinician had chosen a follow-up.
func TestAFollowUpToldOfADraftOffersToGoOnWithTheFollowUp(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	older := amendmentDraft(t, prev, fixedNow.Add(-time.Hour))
	older.Clinician = "Nurse Old"
	latest := amendmentDraft(t, prev, fixedNow)
	latest.Clinician = "Nurse Latest"
	how := "To resume it, run digicheck with no command and choose it from the list of unfinished assessments."
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	o.Elsewhere = []Elsewhere{{Draft: older, How: how}, {Draft: latest, How: how}}
	for _, size := range [][2]int{{60, 20}, {80, 24}} {
		d := newDriver(t, o, size[0], size[1])
		d.press("enter", "enter")
		d.waitFor("An unfinished amendment of NHS 943 476 5919", "Nurse Latest", "n follow-up anyway")
		s := flat(d.screen())
		if strings.Contains(s, "new assessment anyway") || !strings.Contains(s, "go on with the follow-up anyway (n): the draft is kept as it is.") {
			t.Errorf("%dx%d: the follow-up is offered a new assessment, or the advice is cut off:\n%s", size[0], size[1], d.screen())
		}
		if strings.Contains(s, "Nurse Old") {
			t.Errorf("names the draft first started, not the last kept:\n%s", d.screen())
		}
		checkFits(t, d.m.View().Content, size[0], size[1])
		if size[0] == 80 {
			d.press("n")
			d.waitFor("Earlier referrals")
		}
	}
}

// TestTheNoticeOfAnAmendmentDraftAmendedSinceSaysItCannotBeFinished: the
// version it amends was amended since: resuming would be refused, so the
// notice does not advise it.
func TestTheNoticeOfAnAmendmentDraftAmendedSinceSaysItCannotBeFinished(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	base := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	stale := "record 01890000-0000, which was amended since, on 6 Dec 2026 at 09:14 by Nurse Cy (record 01890000-0001 is its current version): it cannot be finished, only discarded"
	o.Drafts = []Resumable{{Draft: amendmentDraft(t, base, fixedNow), Base: &base, Amends: stale, AmendedSince: true}}
	d := newDriver(t, o, 80, 24)
	startNewFor(t, d)
	d.waitFor("An unfinished amendment of NHS 943 476 5919")
	s := joined(d.screen())
	if strings.Contains(s, joined("to finish the correction")) || !strings.Contains(s, joined("It corrects "+stale)) || !strings.Contains(s, joined("Discard it from the list")) {
		t.Errorf("the notice of an amendment draft that cannot be finished advises finishing it:\n%s", d.screen())
	}
}
