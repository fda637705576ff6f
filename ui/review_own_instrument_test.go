package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/prompt"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// reviewShowsEveryAnswerOf fails unless the review on screen lays out the
// sections of ins, in its order, and shows each answer in answers on a row
// of its own section, in ins's words, with nothing said to be unanswered.
func reviewShowsEveryAnswerOf(t *testing.T, d *driver, ins *questionnaire.Instrument, answers questionnaire.Answers) {
	t.Helper()
	text := plain(d.m.reviewText(200))
	// Each section's rows: from its heading to the next heading.
	rows := map[int][]string{}
	at := -1
	for _, l := range strings.Split(text, "\n") {
		for k, sec := range ins.Sections {
			short := sec.Short
			if short == "" {
				short = sec.Title
			}
			if strings.HasPrefix(l, fmt.Sprintf("%d  %s ", k+1, short)) {
				if k != at+1 {
					t.Errorf("section %d (%s) is laid out after section %d:\n%s", k+1, short, at+1, text)
				}
				at = k
			}
		}
		if at >= 0 {
			rows[at] = append(rows[at], l)
		}
	}
	if at != len(ins.Sections)-1 {
		t.Fatalf("the review lays out %d of version %s's %d sections:\n%s", at+1, ins.Version, len(ins.Sections), text)
	}
	if strings.Contains(text, "not answered") {
		t.Errorf("the review says a question is not answered, where every question of version %s was:\n%s", ins.Version, text)
	}
	for k, sec := range ins.Sections {
		for i := range sec.Items {
			it := &sec.Items[i]
			vals := answers[it.LinkID]
			if len(vals) == 0 {
				continue
			}
			want := itemLabel(it) + " "
			shown := false
			for _, l := range rows[k] {
				if strings.Contains(l, want) && strings.HasSuffix(l, it.AnswerText(vals)) {
					shown = true
				}
			}
			if !shown {
				t.Errorf("%s (%s) is not shown as %q in %s:\n%s", it.LinkID, itemLabel(it), it.AnswerText(vals), sec.Title, text)
			}
		}
	}
}

// TestAVersionOneRecordIsAmendedWithItsOwnSectionsAndSavedAsThePlainPromptsSaveIt:
// new assessments ask version 2; a record made with version 1 is amended
// with version 1. The review lays out version 1's sections with every
// answer as recorded (it was laid out with version 2's, naming answers
// version 2 does not have and calling its new questions unanswered), and
// the amendment saved is the record the plain prompts make from the same
// answers.
func TestAVersionOneRecordIsAmendedWithItsOwnSectionsAndSavedAsThePlainPromptsSaveIt(t *testing.T) {
	t.Parallel()
	if questionnaire.V1.Version == questionnaire.V2.Version {
		t.Fatal("two versions are needed")
	}
	old := testkit.Assessed(t, testkit.Offline(nil))
	old.Team = "Ward 9" // an amendment keeps its record's team, in both
	if old.InstrumentVersion != questionnaire.V1.Version {
		t.Fatalf("the fixture is version %s", old.InstrumentVersion)
	}
	st := tempStore(t)
	if err := st.Save(&old); err != nil {
		t.Fatal(err)
	}
	o := withStore(testOptions(nil), st)
	o.Instrument = questionnaire.V2
	o.Amend, o.AmendReason = &old, "data is no longer a worry"
	d := newDriver(t, o, 80, 24)
	d.waitFor("Amend assessment", "Clinician")
	d.press("enter", "tab", "enter") // the clinician given; the record's team, by Tab
	d.waitFor("Amendment · Review", "1-5 change section")
	reviewShowsEveryAnswerOf(t, d, questionnaire.V1, old.Answers)

	// Data or credit: often → never.
	d.press("1")
	d.waitFor("Amendment · Access · 1 of 5")
	d.press("enter", "enter")
	d.waitFor("Do you run out of data or credit")
	d.press("1")
	d.waitFor("Amendment · Review", "Data or credit  No, never")
	want := old.Answers.Clone()
	want[questionnaire.LinkAfford] = []string{"never"}
	reviewShowsEveryAnswerOf(t, d, questionnaire.V1, want)
	d.press("end", "enter")
	d.waitFor("Amendment · Result")
	n := len(d.m.referrals())
	consents := answerReferrals(d, n)
	saveReadBack(d)
	d.waitFor("Saved ·")
	got, err := st.Current(old.ID)
	if err != nil {
		t.Fatal(err)
	}

	// The plain prompts, given the same answers.
	var saved []record.Record
	po := prompt.Options{
		Instrument: questionnaire.V2, Directory: o.Directory, Clinician: o.Clinician, Team: o.Team,
		Amend: &old, AmendReason: o.AmendReason, Now: func() time.Time { return fixedNow },
		Save: func(r *record.Record) error { saved = append(saved, *r); return nil },
	}
	in := []string{
		"", "=", // clinician: kept; team: the record's
		"3",    // review: change Access
		"", "", // devices, internet: kept
		"1", // data or credit: never
		"1", // review: right
	}
	for i, c := range consents {
		if i == assess.FirstReferrals {
			in = append(in, "1") // go through the others too
		}
		in = append(in, map[string]string{questionnaire.Agreed: "1", questionnaire.Declined: "2"}[c])
	}
	var out strings.Builder
	if _, err := prompt.Run(po, strings.NewReader(strings.Join(in, "\n")+"\n1\n2\n"), &out); err != nil || len(saved) != 1 {
		t.Fatalf("the plain prompts saved %d records (%v):\n%s", len(saved), err, out.String())
	}
	same := func(r record.Record) record.Record {
		r.ID, r.Time, r.ReviewBy = record.ID{}, time.Time{}, ""
		return r
	}
	if g, p := fmt.Sprintf("%+v", same(got)), fmt.Sprintf("%+v", same(saved[0])); g != p {
		t.Errorf("the full screen saved another amendment than the plain prompts from the same answers:\nfull screen %s\nplain       %s", g, p)
	}
	if got.InstrumentVersion != questionnaire.V1.Version || !got.Answers.Has(questionnaire.LinkAfford, "never") {
		t.Errorf("saved as version %s with %v", got.InstrumentVersion, got.Answers)
	}
}

// TestAVersionOneDraftIsResumedWithItsOwnSections: a draft of a version 1
// assessment is finished with version 1's questions, where new
// assessments ask version 2: the list of drafts counts its sections, and
// the review shows every answer, each in its own section.
func TestAVersionOneDraftIsResumedWithItsOwnSections(t *testing.T) {
	t.Parallel()
	r := testkit.Assessed(t, testkit.Full(nil))
	dr := assess.DraftOf(&r)
	id, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	dr.ID, dr.Started = id, fixedNow.Add(-time.Hour)
	o := testOptions(nil)
	o.Instrument = questionnaire.V2
	o.Drafts = []Resumable{{Draft: store.Draft{Draft: dr, Saved: fixedNow.Add(-time.Hour)}}}
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments", "Every section answered")
	d.press("enter")
	d.waitFor("Review", "1-5 change section")
	reviewShowsEveryAnswerOf(t, d, questionnaire.V1, r.Answers)

	// Left at its fourth section, it says which of its own it reached.
	dr.Section = questionnaire.V1.Sections[3].ID
	o.Drafts = []Resumable{{Draft: store.Draft{Draft: dr, Saved: fixedNow.Add(-time.Hour)}}}
	d = newDriver(t, o, 80, 24)
	d.waitFor("Reached " + questionnaire.V1.Sections[3].Title + " (4 of 5)")
	d.press("enter")
	d.waitFor(questionnaire.V1.Sections[3].Title, questionnaire.V1.Sections[3].Items[0].Text)
}
