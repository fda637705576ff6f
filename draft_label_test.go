package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestThePlainListOfDraftsSaysWhereEachStoppedAndWhatItHolds: the plain
// prompts listed a draft by the section it would resume at alone ("at
// Access", "with every section answered"): an amendment stopped in Access
// read as finished, a follow-up stopped at "Why not?" as at Access, and
// nothing said how many answers a draft held. Each is read out now as the
// full screen lists it.
func TestThePlainListOfDraftsSaysWhereEachStoppedAndWhatItHolds(t *testing.T) {
	p := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	two := questionnaire.Answers{questionnaire.LinkDevices: {questionnaire.DevSmartphone}, questionnaire.LinkInternet: {questionnaire.NetHome}}
	kept := time.Date(2026, 11, 21, 10, 0, 0, 0, time.Local)
	amended := record.MustParseID("0190a1b2-0000-7000-8000-0000000000bb")
	for _, c := range []struct {
		name string
		d    assess.Draft
		want string
	}{
		{"an amendment stopped in Access", assess.Draft{Amends: amended, Answers: two,
			Consent: map[string]string{"x": questionnaire.Agreed}, Stopped: &assess.Stop{Step: "section", Section: "access"}},
			"(an amendment), kept 21 Nov 10:00 by jsmith, stopped in Access (1 of 5), 2 answers, 1 referral answer"},
		{"a follow-up stopped at Why not?", assess.Draft{FollowsUp: amended, Section: "access",
			Outcomes:           []record.ReferralOutcome{{ProgrammeID: "x", Name: "Go ON", Outcome: record.OutcomeNotTakenUp}},
			UnconfirmedReasons: map[string]string{"x": "bus too dear"},
			Stopped:            &assess.Stop{Step: "outcomes", WhyNot: "Go ON"}},
			`(a follow-up), kept 21 Nov 10:00 by jsmith, stopped at the earlier referrals, "Why not?" for Go ON, 0 answers, 1 earlier referral followed up, 1 not confirmed`},
		{"an amendment of an earlier build", assess.Draft{Amends: amended, Answers: two, Consent: map[string]string{"x": questionnaire.Agreed}},
			"(an amendment), kept 21 Nov 10:00 by jsmith, every section answered, 2 answers, 1 referral answer"},
		{"a new assessment stopped at the result, two referrals answered", assess.Draft{Answers: two,
			Consent: map[string]string{"x": questionnaire.Agreed, "y": questionnaire.Declined}, Stopped: &assess.Stop{Step: "result"}},
			", kept 21 Nov 10:00 by jsmith, stopped at the result, 2 answers, 2 referral answers"},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.d.Patient, c.d.Clinician, c.d.InstrumentVersion = p, "jsmith", questionnaire.V2.Version
			got := draftLabel(store.Draft{Draft: c.d, Saved: kept}, "", "")
			if !strings.HasSuffix(got, c.want) {
				t.Errorf("read out as\n%q\nwant it to end\n%q", got, c.want)
			}
		})
	}
}

// TestAnAmendmentDraftIsListedWithTheVersionItAmends: two amendment
// drafts of one patient were listed alike, in both front ends; only
// resuming each said which version it amends, and that it was amended
// since, so could not be finished. Each is listed with it now.
func TestAnAmendmentDraftIsListedWithTheVersionItAmends(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	first := rs[0]
	draftOf := func(amends record.ID) store.DraftEntry {
		return store.DraftEntry{Draft: store.Draft{Draft: assess.Draft{Patient: first.Patient, Clinician: "jsmith", Amends: amends,
			InstrumentVersion: first.InstrumentVersion, Answers: first.Answers}, Saved: first.Time}}
	}
	stale := draftOf(first.ID)
	if got, want := offeredOf(st, stale).amends, "record "+record.ShortID(first.ID); got != want {
		t.Errorf("an amendment of the current version: %q, want %q", got, want)
	}

	next := first
	next.ID, next.Time, next.Amends, next.Status, next.Clinician = record.ID{}, first.Time.Add(time.Minute), first.ID, record.Amended, "Nurse Cy"
	if err := st.Amend(&next); err != nil {
		t.Fatal(err)
	}
	short := record.ShortIDs([]record.ID{first.ID, next.ID})
	want := fmt.Sprintf("record %s, which was amended since, on %s by Nurse Cy (record %s is its current version): it cannot be finished, only discarded",
		short[first.ID], next.Time.Local().Format("2 Jan 2006 at 15:04"), short[next.ID])
	o := offeredOf(st, stale)
	if o.amends != want {
		t.Errorf("an amendment of a version amended since:\n%q, want\n%q", o.amends, want)
	}
	if got := draftLabel(o.Draft, "", o.amends); !strings.Contains(got, "(an amendment of "+want+")") {
		t.Errorf("the plain prompts read it out as\n%q", got)
	}
	if got := offeredOf(st, draftOf(next.ID)).amends; got != "record "+short[next.ID] {
		t.Errorf("an amendment of the current version: %q", got)
	}
}
