package store

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// confidentAnswers: no barrier in any domain, the NHS App chosen.
func confidentAnswers() questionnaire.Answers {
	return testkit.Included(questionnaire.Answers{questionnaire.LinkChoice: {string(questionnaire.RouteApp)}})
}

// reassessed is old's patient assessed again with other answers, the way
// the terminal UI builds an amendment or a follow-up.
func reassessed(tb testing.TB, old record.Record, a questionnaire.Answers) record.Record {
	tb.Helper()
	r := testkit.Assessed(tb, a)
	r.Patient, r.Clinician, r.Team = old.Patient, "Dr B. Mensah", old.Team
	return r
}

// amend saves an amendment of old with other answers.
func amend(tb testing.TB, s *Store, old record.Record) record.Record {
	tb.Helper()
	r := reassessed(tb, old, testkit.Full(questionnaire.Answers{questionnaire.LinkWant: {questionnaire.No}}))
	r.Amends = old.ID
	r.FollowsUp = old.FollowsUp
	if err := s.Amend(&r); err != nil {
		tb.Fatalf("Amend %s: %v", old.ID, err)
	}
	return r
}

func void(tb testing.TB, s *Store, id record.ID) record.Record {
	tb.Helper()
	v, err := s.Void(id, Voiding{Reason: "wrong patient selected", Clinician: "Sister A. Okafor", Team: "Ward 7"})
	if err != nil {
		tb.Fatalf("Void %s: %v", id, err)
	}
	return v
}

func ids(rs []record.Record) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID.String())
	}
	return out
}

func countRecords(t *testing.T, s *Store) int {
	t.Helper()
	n := 0
	if err := s.Each(func(record.Record) error { n++; return nil }, nil); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAmendmentSupersedesAndKeepsTheOldRecord(t *testing.T) {
	s := openTemp(t)
	a := save(t, s, assessed(t, nhsPatient))
	a2 := amend(t, s, a)
	if a2.Status != record.Amended || a2.Amends != a.ID || a2.ID == a.ID {
		t.Fatalf("amendment = %s %s amends %s", a2.ID, a2.Status, a2.Amends)
	}
	if got, err := s.Get(a.ID); err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("the old record changed: %+v, %v", got, err)
	}
	for _, id := range []record.ID{a.ID, a2.ID} {
		cur, err := s.Current(id)
		if err != nil || cur.ID != a2.ID {
			t.Errorf("Current(%s) = %s, %v; want %s", id, cur.ID, err, a2.ID)
		}
		vs, err := s.Versions(id)
		if err != nil || !slices.Equal(ids(vs), []string{a.ID.String(), a2.ID.String()}) {
			t.Errorf("Versions(%s) = %v, %v; want [%s %s]", id, ids(vs), err, a.ID, a2.ID)
		}
	}
	a3 := amend(t, s, a2)
	if vs, _ := s.Versions(a2.ID); !slices.Equal(ids(vs), []string{a.ID.String(), a2.ID.String(), a3.ID.String()}) {
		t.Errorf("Versions after a second amendment = %v", ids(vs))
	}
	if hist, _ := s.History(a.Patient); len(hist) != 3 {
		t.Errorf("History has %d records, want all 3 versions", len(hist))
	}
}

// The terminal UI pre-fills an amendment from the record it amends: what
// is copied from the old record must not make the amendment look like it.
func TestAmendmentBuiltFromTheOldRecordIsANewVersion(t *testing.T) {
	s := openTemp(t)
	old := assessed(t, nhsPatient)
	old.Time = time.Now().Add(-24 * time.Hour).UTC()
	old = save(t, s, old)
	r := old // pre-filled: id, time and status are the old record's
	r.Amends = old.ID
	r.Clinician = "Dr B. Mensah"
	r.Answers = testkit.Full(nil)
	r.Answers[questionnaire.LinkWant] = []string{questionnaire.No}
	r.Result = testkit.Assessed(t, r.Answers).Result // the result of the answers given
	before := time.Now().Add(-time.Second)
	if err := s.Amend(&r); err != nil {
		t.Fatal(err)
	}
	if r.ID == old.ID || r.Status != record.Amended || r.Time.Before(before) {
		t.Errorf("amendment saved as %s, %s at %v; want a new id, amended, now", r.ID, r.Status, r.Time)
	}
	if got, err := s.Get(old.ID); err != nil || !reflect.DeepEqual(got, old) {
		t.Errorf("the old record changed: %v", err)
	}
	// A retry of the same amendment is refused as already saved, not
	// saved twice.
	id := r.ID
	if err := s.Amend(&r); !errors.Is(err, ErrExists) || r.ID != id {
		t.Errorf("retrying a saved amendment = %v (id %s), want ErrExists for %s", err, r.ID, id)
	}
	v := r
	v.Status = record.EnteredInError
	if err := s.Amend(&v); !errors.Is(err, ErrInvalidRecord) {
		t.Errorf("Amend of a void = %v, want ErrInvalidRecord", err)
	}
}

func TestOnlyTheCurrentVersionCanBeAmendedOrVoided(t *testing.T) {
	s := openTemp(t)
	a := save(t, s, assessed(t, nhsPatient))
	a2 := amend(t, s, a)
	before := countRecords(t, s)

	again := reassessed(t, a, testkit.Full(nil))
	again.Amends = a.ID
	err := s.Amend(&again)
	var se *SupersededError
	if !errors.Is(err, ErrSuperseded) || !errors.As(err, &se) || se.Current != a2.ID || se.ID != a.ID {
		t.Fatalf("amending a superseded version = %v, want a SupersededError naming %s as current", err, a2.ID)
	}
	if !strings.Contains(err.Error(), a2.ID.String()) {
		t.Errorf("message %q does not say which id is current", err)
	}
	if _, err := s.Void(a.ID, Voiding{Reason: "mistake"}); !errors.As(err, &se) || se.Current != a2.ID {
		t.Errorf("voiding a superseded version = %v, want a SupersededError naming %s", err, a2.ID)
	}
	if n := countRecords(t, s); n != before {
		t.Errorf("refused amendments left %d records, want %d", n, before)
	}
}

func TestAmendmentOfAnotherPatientOrAMissingRecordIsRefused(t *testing.T) {
	s := openTemp(t)
	a := save(t, s, assessed(t, nhsPatient))
	other := assessed(t, localPatient)
	other.Amends = a.ID
	if err := s.Amend(&other); !errors.Is(err, ErrWrongPatient) {
		t.Errorf("amendment of another patient's record = %v, want ErrWrongPatient", err)
	}
	missing := assessed(t, nhsPatient)
	missing.Amends = record.MustParseID("0190a1b2-0000-7000-8000-000000000001")
	if err := s.Amend(&missing); !errors.Is(err, ErrNotFound) {
		t.Errorf("amendment of a missing record = %v, want ErrNotFound", err)
	}
	if _, err := s.Void(record.MustParseID("0190a1b2-0000-7000-8000-000000000001"), Voiding{Reason: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("void of a missing record = %v, want ErrNotFound", err)
	}
	if n := countRecords(t, s); n != 1 {
		t.Errorf("%d records stored, want only the first", n)
	}
}

func TestVoidKeepsTheRecordAndSaysWhoAndWhy(t *testing.T) {
	s := openTemp(t)
	a := save(t, s, assessed(t, nhsPatient))
	before := time.Now().Add(-time.Second)
	v, err := s.Void(a.ID, Voiding{Reason: "  wrong patient selected ", Clinician: "Sister A. Okafor", Team: "Ward 9"})
	if err != nil {
		t.Fatal(err)
	}
	if v.Status != record.EnteredInError || v.Amends != a.ID || v.VoidReason != "wrong patient selected" ||
		v.Clinician != "Sister A. Okafor" || v.Team != "Ward 9" || v.Time.Before(before) {
		t.Errorf("void record = %+v", v)
	}
	if !reflect.DeepEqual(v.Answers, a.Answers) || !reflect.DeepEqual(v.Result, a.Result) {
		t.Errorf("the void does not carry the voided answers and result")
	}
	if got, _ := s.Get(a.ID); !reflect.DeepEqual(got, a) {
		t.Errorf("the voided record changed")
	}
	if cur, _ := s.Current(a.ID); cur.ID != v.ID {
		t.Errorf("Current = %s, want the void %s", cur.ID, v.ID)
	}

	// A void is final: nothing supersedes it.
	if _, err := s.Void(v.ID, Voiding{Reason: "again"}); !errors.Is(err, ErrVoided) {
		t.Errorf("voiding a void = %v, want ErrVoided", err)
	}
	r := reassessed(t, a, testkit.Full(nil))
	r.Amends = v.ID
	if err := s.Amend(&r); !errors.Is(err, ErrVoided) {
		t.Errorf("amending a void = %v, want ErrVoided", err)
	}
	if _, err := s.Void(save(t, s, assessed(t, nhsPatient)).ID, Voiding{Reason: " \n"}); !errors.Is(err, ErrInvalidRecord) {
		t.Errorf("void without a reason = %v, want ErrInvalidRecord", err)
	}
}

func TestSaveRefusesAStatusThatDisagreesWithItsLinks(t *testing.T) {
	s := openTemp(t)
	a := save(t, s, assessed(t, nhsPatient))
	for name, change := range map[string]func(*record.Record){
		"completed but supersedes":    func(r *record.Record) { r.Status, r.Amends = record.Completed, a.ID },
		"amended but supersedes none": func(r *record.Record) { r.Status = record.Amended },
		"void without reason":         func(r *record.Record) { r.Status, r.Amends = record.EnteredInError, a.ID },
		"reason without void":         func(r *record.Record) { r.Status, r.Amends, r.VoidReason = record.Amended, a.ID, "x" },
		"unknown status":              func(r *record.Record) { r.Status = "preliminary" },
		"outcomes without a follow-up": func(r *record.Record) {
			r.Outcomes = []record.ReferralOutcome{{ProgrammeID: "x", Outcome: record.OutcomeHelped}}
		},
		"amendment moves the follow-up": func(r *record.Record) {
			r.Status, r.Amends, r.FollowsUp = record.Amended, a.ID, a.ID
		},
	} {
		r := assessed(t, nhsPatient)
		change(&r)
		if err := s.Save(&r); !errors.Is(err, ErrInvalidRecord) {
			t.Errorf("%s: Save = %v, want ErrInvalidRecord", name, err)
		}
	}
	if n := countRecords(t, s); n != 1 {
		t.Errorf("%d records stored, want only the first", n)
	}
}

// Two windows amending the same record at once: the check and the index
// entry are in one transaction, so exactly one amendment is saved.
func TestConcurrentAmendmentsOfOneRecordSaveOne(t *testing.T) {
	s := openTemp(t)
	s.timeout = 5 * time.Second
	for round := range 5 {
		a := save(t, s, assessed(t, nhsPatient))
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			st, err := Open(s.Path(), Options{Timeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			wg.Go(func() {
				r := reassessed(t, a, testkit.Full(nil))
				r.Amends = a.ID
				errs[i] = st.Amend(&r)
			})
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, ErrSuperseded):
				t.Errorf("round %d: losing amendment failed with %v, want ErrSuperseded", round, err)
			}
		}
		if won != 1 {
			t.Errorf("round %d: %d amendments saved, want 1", round, won)
		}
		if vs, err := s.Versions(a.ID); err != nil || len(vs) != 2 {
			t.Errorf("round %d: %d versions, %v; want 2", round, len(vs), err)
		}
	}
	if rep, err := s.Check(); err != nil || !rep.OK() {
		t.Errorf("Check after concurrent amendments: %v\n%s", err, rep)
	}
}

func TestLatestIsTheLastAssessmentMadeThatCounts(t *testing.T) {
	s := openTemp(t)
	pid, _ := record.ParsePatientID(nhsPatient)
	if _, err := s.Latest(pid); !errors.Is(err, ErrNotFound) {
		t.Errorf("Latest of a new patient = %v, want ErrNotFound", err)
	}
	a := save(t, s, assessed(t, nhsPatient))
	b := save(t, s, assessed(t, nhsPatient))
	save(t, s, assessed(t, localPatient))
	a2 := amend(t, s, a) // saved last, but it is the first assessment
	if got, err := s.Latest(pid); err != nil || got.ID != b.ID {
		t.Errorf("Latest = %s, %v; want %s (an amendment of an older assessment does not make it the latest)", got.ID, err, b.ID)
	}
	void(t, s, b.ID)
	if got, err := s.Latest(pid); err != nil || got.ID != a2.ID {
		t.Errorf("Latest after voiding %s = %s, %v; want %s", b.ID, got.ID, err, a2.ID)
	}
	void(t, s, a2.ID)
	if _, err := s.Latest(pid); !errors.Is(err, ErrNotFound) {
		t.Errorf("Latest with every assessment voided = %v, want ErrNotFound", err)
	}
}

func TestFollowUpFillsTheChangeAndNamesTheOutcomes(t *testing.T) {
	s := openTemp(t)
	first := save(t, s, assessed(t, nhsPatient))
	ref := first.Recommendation.Referrals
	f := reassessed(t, first, confidentAnswers())
	f.FollowsUp = first.ID
	f.Outcomes = []record.ReferralOutcome{
		{ProgrammeID: ref[0].ProgrammeID, Outcome: record.OutcomeHelped},
		{ProgrammeID: ref[1].ProgrammeID, Outcome: record.OutcomeNotTakenUp, Reason: "could not get there"},
	}
	f.Change = &record.Change{Since: record.MustParseID("0190a1b2-0000-7000-8000-0000000000ff")}
	f = save(t, s, f)
	want := record.Compare(first, f)
	if f.Change == nil || !reflect.DeepEqual(*f.Change, want) {
		t.Fatalf("Change = %+v, want %+v", f.Change, want)
	}
	if f.Outcomes[0].Name != ref[0].Name || f.Outcomes[1].Name != ref[1].Name {
		t.Errorf("outcomes not named from the earlier referrals: %+v", f.Outcomes)
	}
	got, err := s.Get(f.ID)
	if err != nil || !reflect.DeepEqual(got, f) {
		t.Errorf("stored follow-up differs from the saved one: %v", err)
	}
	note := record.NoteWith(got, record.NoteOptions{})
	for _, w := range []string{"Change since the check of", "Access: was significant barrier, now no barrier (better)", ref[1].Name + ": not taken up (could not get there)"} {
		if !strings.Contains(note, w) {
			t.Errorf("note lacks %q:\n%s", w, note)
		}
	}
	// A plain assessment has no change, whatever the caller put there.
	plain := assessed(t, nhsPatient)
	plain.Change = &want
	if plain = save(t, s, plain); plain.Change != nil {
		t.Errorf("a record that follows nothing up kept a Change")
	}
}

func TestFollowUpMustFollowTheLatestAssessmentThatCounts(t *testing.T) {
	s := openTemp(t)
	a := save(t, s, assessed(t, nhsPatient))
	b := save(t, s, assessed(t, nhsPatient))
	other := save(t, s, assessed(t, localPatient))
	try := func(followsUp record.ID) error {
		f := reassessed(t, a, confidentAnswers())
		f.FollowsUp = followsUp
		return s.Save(&f)
	}
	if err := try(a.ID); !errors.Is(err, ErrNotLatest) || !strings.Contains(err.Error(), b.ID.String()) {
		t.Errorf("follow-up of an older assessment = %v, want ErrNotLatest naming %s", err, b.ID)
	}
	if err := try(other.ID); !errors.Is(err, ErrWrongPatient) {
		t.Errorf("follow-up of another patient's assessment = %v, want ErrWrongPatient", err)
	}
	if err := try(record.MustParseID("0190a1b2-0000-7000-8000-000000000001")); !errors.Is(err, ErrNotFound) {
		t.Errorf("follow-up of a missing record = %v, want ErrNotFound", err)
	}
	b2 := amend(t, s, b)
	var se *SupersededError
	if err := try(b.ID); !errors.As(err, &se) || se.Current != b2.ID {
		t.Errorf("follow-up of a superseded version = %v, want a SupersededError naming %s", err, b2.ID)
	}
	v := void(t, s, b2.ID)
	if err := try(v.ID); !errors.Is(err, ErrVoided) {
		t.Errorf("follow-up of a void = %v, want ErrVoided", err)
	}
	if err := try(a.ID); err != nil {
		t.Errorf("with the later assessment voided, following up %s: %v", a.ID, err)
	}
	latest, err := s.Latest(a.Patient)
	if err != nil {
		t.Fatal(err)
	}
	for name, o := range map[string][]record.ReferralOutcome{
		"unknown outcome": {{ProgrammeID: "x", Outcome: "went"}},
		"no programme":    {{Outcome: record.OutcomeHelped}},
		"two for one":     {{ProgrammeID: "x", Outcome: record.OutcomeHelped}, {ProgrammeID: "x", Outcome: record.OutcomeAttended}},
	} {
		f := reassessed(t, a, confidentAnswers())
		f.FollowsUp = latest.ID
		f.Outcomes = o
		if err := s.Save(&f); !errors.Is(err, ErrInvalidRecord) {
			t.Errorf("%s: Save = %v, want ErrInvalidRecord", name, err)
		}
	}
}

// A follow-up's amendment keeps its link and is compared with the earlier
// assessment as it now stands.
func TestAmendedFollowUpIsComparedWithTheCurrentEarlierVersion(t *testing.T) {
	s := openTemp(t)
	a := save(t, s, assessed(t, nhsPatient))
	f := reassessed(t, a, confidentAnswers())
	f.FollowsUp = a.ID
	f = save(t, s, f)
	a2 := amend(t, s, a)
	f2 := amend(t, s, f)
	if f2.FollowsUp != a.ID || f2.Change == nil || f2.Change.Since != a2.ID {
		t.Errorf("amended follow-up: follows up %s, change since %+v; want %s, since %s", f2.FollowsUp, f2.Change, a.ID, a2.ID)
	}
	if f2.Change != nil && f2.Change.Domains[2].Was != a2.Bands.Motivation {
		t.Errorf("compared with %v, not the amended motivation band %v", f2.Change.Domains[2].Was, a2.Bands.Motivation)
	}
}

// The summary rule: count the current version of each assessment and no
// voided one. The records no link names, less those entered in error, are
// that set; Each still holds every version.
func TestSummariesCountEachAssessmentOnceAndNoVoidedOne(t *testing.T) {
	s := openTemp(t)
	a := save(t, s, assessed(t, nhsPatient))
	a2 := amend(t, s, a)
	a3 := amend(t, s, a2) // amended twice: counted once, as a3
	b := save(t, s, assessed(t, localPatient))
	void(t, s, b.ID) // voided: not counted
	c := save(t, s, assessed(t, nhsPatient))
	d := reassessed(t, c, confidentAnswers())
	d.FollowsUp = c.ID
	d = save(t, s, d) // a follow-up is an assessment of its own
	e := save(t, s, assessed(t, localPatient))
	void(t, s, amend(t, s, e).ID) // amended, then voided: not counted
	if err := s.SaveDraft(&Draft{Draft: assess.Draft{Patient: a.Patient}}); err != nil {
		t.Fatal(err) // a draft is never counted
	}

	var counted []string
	bands := map[questionnaire.Band]int{}
	links, err := s.FactLinks()
	if err != nil {
		t.Fatal(err)
	}
	superseded := map[uuid.UUID]bool{}
	for _, old := range links {
		superseded[old] = true
	}
	err = s.Each(func(r record.Record) error {
		if !superseded[uuid.UUID(r.ID)] && r.Status != record.EnteredInError {
			counted = append(counted, r.ID.String())
			bands[r.Bands.Access]++
		}
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{a3.ID.String(), c.ID.String(), d.ID.String()}
	slices.Sort(want)
	if !slices.Equal(counted, want) {
		t.Errorf("counted %v, want %v", counted, want)
	}
	if bands[questionnaire.SignificantBarrier] != 2 || bands[questionnaire.NoBarrier] != 1 {
		t.Errorf("access bands counted %v, want 2 significant (a3, c) and 1 none (d)", bands)
	}
	if n := countRecords(t, s); n != 10 {
		t.Errorf("Each sees %d records, want all 10 versions", n)
	}
	rep, err := s.Check()
	if err != nil || !rep.OK() {
		t.Fatalf("Check: %v\n%s", err, rep)
	}
	if rep.Records != 10 || rep.Assessments != 5 || rep.Counted != 3 || rep.Voided != 2 || rep.FollowUps != 1 || rep.Drafts != 1 {
		t.Errorf("Check counts wrong:\n%s", rep)
	}
}

// TestAnAssessmentStartedFirstButFinishedLaterIsTheLater: an id is made
// when an assessment starts, so one started first (a draft resumed later)
// can be finished after another. History lists by when each was made, and
// the latest assessment, which a follow-up follows up, is the one finished
// last.
func TestAnAssessmentStartedFirstButFinishedLaterIsTheLater(t *testing.T) {
	s := openTemp(t)
	startedFirst, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Millisecond) // a later millisecond, so a later id
	startedLater, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().UTC().Truncate(time.Second)
	quick := assessed(t, nhsPatient)
	quick.ID, quick.Time = startedLater, at
	quick = save(t, s, quick)
	slow := assessed(t, nhsPatient)
	slow.ID, slow.Time = startedFirst, at.Add(time.Hour)
	slow = save(t, s, slow)

	h, err := s.History(slow.Patient)
	if err != nil || len(h) != 2 || h[0].ID != quick.ID || h[1].ID != slow.ID {
		t.Fatalf("history %v, %v: want the one finished first, then the one finished later", ids(h), err)
	}
	latest, err := s.Latest(slow.Patient)
	if err != nil || latest.ID != slow.ID {
		t.Errorf("Latest = %s, %v; want %s, finished last though started first", latest.ID, err, slow.ID)
	}
}
