package prompt

import (
	"errors"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
)

// A follow-up stopped on the full screen with "bus too dear" typed in the
// first earlier referral's "Why not?" box, enter not pressed, keeps the
// reason apart, as not confirmed (assess.Draft.UnconfirmedReasons), and
// the full screen shows it again on resume, to be confirmed. Resumed at
// the plain prompts, "Why not, in the patient's words? (optional; press
// Enter to skip)" was asked as if nothing had been typed: the Enter it
// invited went on with no reason, and the patient's words were gone from
// the draft, for a later full-screen resume too. The prompts now read the
// reason out as not confirmed before the stop, Enter confirms it, a
// reason typed replaces it, "-" leaves none; until then every draft kept
// holds it as not confirmed; and it is held as every question holding an
// answer is (held_answer_lines_test.go).

// unconfirmedWhy is the reason typed and not confirmed before the stop.
const unconfirmedWhy = "bus too dear"

// whyNotDraft is a follow-up of prev stopped at the first earlier
// referral's "Why not?" with the outcomes outcomes and the reasons why
// not held as not confirmed, as the full screen keeps it.
func whyNotDraft(t *testing.T, prev *record.Record, outcomes []record.ReferralOutcome, held map[string]string) assess.Draft {
	t.Helper()
	s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National,
		Clinician: "jsmith", Team: "Ward 5", FollowUp: prev,
		Now: func() time.Time { return time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC) }})
	if err := s.SetPatient(s.Patient(), s.Clinician(), s.Team()); err != nil {
		t.Fatal(err)
	}
	if err := s.SetOutcomes(outcomes); err != nil {
		t.Fatal(err)
	}
	s.SetStop(assess.At{Step: assess.StepOutcomes}, prev.Recommendation.Referrals[0].Name)
	d, ok := s.Draft()
	if !ok {
		t.Fatal("the follow-up keeps no draft")
	}
	d.UnconfirmedReasons = held
	return d
}

// resumingWhyNot runs the plain prompts on the lines in, resuming d, a
// draft following up prev, and returns what they said and the draft kept
// last.
func resumingWhyNot(t *testing.T, prev *record.Record, d assess.Draft, in ...string) (string, *assess.Draft) {
	t.Helper()
	var s saver
	o := options(&s)
	o.Drafts = []Resume{{Label: "the follow-up", Draft: d, Base: prev}}
	o.DraftsFromInput = true
	var kept *assess.Draft
	o.Keep = func(d *assess.Draft) error {
		c := *d
		c.Outcomes = append([]record.ReferralOutcome(nil), d.Outcomes...)
		c.UnconfirmedReasons = map[string]string{}
		for k, v := range d.UnconfirmedReasons {
			c.UnconfirmedReasons[k] = v
		}
		kept = &c
		return nil
	}
	var out strings.Builder
	if _, err := Run(o, strings.NewReader(strings.Join(in, "\n")+"\n"), &out); !errors.Is(err, ErrQuit) {
		t.Fatalf("run: %v, want stopped\n%s", err, out.String())
	}
	if kept == nil {
		t.Fatalf("no draft kept:\n%s", out.String())
	}
	return out.String(), kept
}

// outcomeOf is the outcome d holds for programme.
func outcomeOf(d *assess.Draft, programme string) (record.ReferralOutcome, bool) {
	for _, o := range d.Outcomes {
		if o.ProgrammeID == programme {
			return o, true
		}
	}
	return record.ReferralOutcome{}, false
}

func TestAReasonWhyNotNotConfirmedBeforeTheStopIsOfferedOnResume(t *testing.T) {
	t.Parallel()
	prev := saved(t)
	refs := prev.Recommendation.Referrals
	if len(refs) < 2 {
		t.Fatalf("the record followed up has %d referrals, want 2 or more", len(refs))
	}
	id := refs[0].ProgrammeID
	for _, c := range []struct {
		name, line, want string
	}{
		{"Enter confirms it", "", unconfirmedWhy},
		{"a reason typed replaces it", "could not get there", "could not get there"},
		{"- leaves none", "-", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := whyNotDraft(t, &prev, []record.ReferralOutcome{{ProgrammeID: id, Outcome: record.OutcomeNotTakenUp}},
				map[string]string{id: unconfirmedWhy})
			// Resume it; keep "No, I did not take it up"; answer
			// "Why not?"; stop at the next referral.
			said, kept := resumingWhyNot(t, &prev, d, "2", "3", "", c.line, "q")
			_, at, ok := strings.Cut(said, "Referral 1 of")
			if !ok {
				t.Fatalf("resumed, the first earlier referral was not asked:\n%s", said)
			}
			at, _, ok = strings.Cut(at, "Referral 2 of")
			if !ok {
				t.Fatalf("the second earlier referral was not asked after the first's reason:\n%s", said)
			}
			flat := strings.Join(strings.Fields(at), " ")
			if !strings.Contains(flat, `Not confirmed before the stop: "`+unconfirmedWhy+`".`) {
				t.Errorf("the reason not confirmed before the stop is not read out at \"Why not?\":\n%s", at)
			}
			if !strings.Contains(flat, "press Enter to confirm") {
				t.Errorf("\"Why not?\" does not say Enter confirms the reason:\n%s", at)
			}
			if strings.Contains(flat, "press Enter to skip") {
				t.Errorf("\"Why not?\" invites an Enter to skip, which would lose the reason:\n%s", at)
			}
			o, ok := outcomeOf(kept, id)
			if !ok || o.Outcome != record.OutcomeNotTakenUp || o.Reason != c.want {
				t.Errorf("the draft kept holds %+v for %s, want not taken up with the reason %q:\n%s", o, id, c.want, said)
			}
			if why, ok := kept.UnconfirmedReasons[id]; ok {
				t.Errorf("answered, the draft still holds the reason as not confirmed: %q", why)
			}
		})
	}
}

// TestAReasonWhyNotNotConfirmedIsKeptUntilConfirmed: resumed, stopped
// again before the reason was confirmed, the draft kept still holds it
// as not confirmed (and not as the outcome's reason), so the next resume,
// in either front end, offers it again; the reason of a later referral
// is kept while an earlier one is answered.
func TestAReasonWhyNotNotConfirmedIsKeptUntilConfirmed(t *testing.T) {
	t.Parallel()
	prev := saved(t)
	refs := prev.Recommendation.Referrals
	if len(refs) < 2 {
		t.Fatalf("the record followed up has %d referrals, want 2 or more", len(refs))
	}
	first, second := refs[0].ProgrammeID, refs[1].ProgrammeID
	const secondWhy = "no bus on Sundays"
	d := whyNotDraft(t, &prev, []record.ReferralOutcome{
		{ProgrammeID: first, Outcome: record.OutcomeNotTakenUp},
		{ProgrammeID: second, Outcome: record.OutcomeNotTakenUp},
	}, map[string]string{first: unconfirmedWhy, second: secondWhy})

	for _, c := range []struct {
		name string
		in   []string
		// confirmed is the reason each referral's outcome holds, held
		// those held as not confirmed.
		confirmed, held map[string]string
	}{
		{"stopped at the first referral's Why not?", []string{"2", "3", "", "q"},
			map[string]string{first: "", second: ""}, map[string]string{first: unconfirmedWhy, second: secondWhy}},
		{"the first confirmed, stopped at the second's Why not?", []string{"2", "3", "", "", "", "q"},
			map[string]string{first: unconfirmedWhy, second: ""}, map[string]string{second: secondWhy}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			said, kept := resumingWhyNot(t, &prev, d, c.in...)
			for _, id := range []string{first, second} {
				o, ok := outcomeOf(kept, id)
				if !ok || o.Outcome != record.OutcomeNotTakenUp || o.Reason != c.confirmed[id] {
					t.Errorf("the draft kept holds %+v for %s, want not taken up with the reason %q confirmed:\n%s", o, id, c.confirmed[id], said)
				}
				if got, want := kept.UnconfirmedReasons[id], c.held[id]; got != want {
					t.Errorf("the draft kept holds %q for %s as not confirmed, want %q:\n%s", got, id, want, said)
				}
			}
			// Resumed from it, the session offers what it holds.
			s, err := assess.Resume(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, FollowUp: &prev}, *kept)
			if err != nil {
				t.Fatal(err)
			}
			for id, want := range c.held {
				if why, ok := s.UnconfirmedReason(id); !ok || why != want {
					t.Errorf("resumed from the draft kept, %s's reason not confirmed is %q (%v), want %q", id, why, ok, want)
				}
			}
		})
	}
}

// resumedWhyNotHeld is a flow over a follow-up resumed from a draft whose
// first earlier referral was not taken up, the reason "bus too dear"
// typed and not confirmed, at a terminal whose bursts are bs.
func resumedWhyNotHeld(t *testing.T, bs []burst, out *strings.Builder) (*flow, string) {
	t.Helper()
	prev := saved(t)
	id := prev.Recommendation.Referrals[0].ProgrammeID
	d := whyNotDraft(t, &prev, []record.ReferralOutcome{{ProgrammeID: id, Outcome: record.OutcomeNotTakenUp}},
		map[string]string{id: unconfirmedWhy})
	s, err := assess.Resume(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, FollowUp: &prev, Now: time.Now}, d)
	if err != nil {
		t.Fatal(err)
	}
	p := heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National}, bs, out)
	return &flow{p: p, s: s, gate: map[int]bool{}}, id
}

// TestALineSoonAfterAReasonNotConfirmedIsNotUsed: the reason offered is
// the patient's words, held as an answer is: a line within 1.2 s of it
// being shown (typed on for the referral question, as "Enter n Enter")
// neither confirms nor replaces it, and says so; a line once it has been
// read does.
func TestALineSoonAfterAReasonNotConfirmedIsNotUsed(t *testing.T) {
	t.Parallel()
	for _, line := range []string{"", "n", "-"} {
		for _, at := range []time.Duration{0, 300 * time.Millisecond, 1300 * time.Millisecond} {
			t.Run(strings.ReplaceAll(line+" Enter", " ", "_")+"/at "+at.String(), func(t *testing.T) {
				t.Parallel()
				var out strings.Builder
				// Then, after a line not used, Enter once read.
				f, id := resumedWhyNotHeld(t, []burst{{after: at, text: line + "\n"}, {after: 1300 * time.Millisecond, text: "\n"}}, &out)
				why := f.earlierReferrals()[1] // the reason why not of the first
				if err := why(); err != nil {
					t.Fatalf("why not: %v\n%s", err, out.String())
				}
				code, got, _ := f.s.Outcome(id)
				want := unconfirmedWhy
				switch {
				case at < readingHold:
				case line == "-":
					want = ""
				case line != "":
					want = line
				}
				if code != record.OutcomeNotTakenUp || got != want {
					t.Fatalf("%q typed %v after the reason not confirmed was shown: the outcome is %q with the reason %q, want not taken up with %q:\n%s", line, at, code, got, want, out.String())
				}
				said := flatOut(&out)
				if (at < readingHold) != strings.Contains(said, unreadLine) {
					t.Errorf("typed %v after: the line not used said? %v:\n%s", at, at < readingHold, out.String())
				}
				if n := strings.Count(said, `Not confirmed before the stop: "`+unconfirmedWhy+`".`); at < readingHold && n != 2 {
					t.Errorf("the reason not confirmed was read out %d times, want 2 (asked again after the line not used):\n%s", n, out.String())
				}
			})
		}
	}
}

// TestAReasonNotConfirmedIsOfferedFirstWhenTheDraftResumesAtTheReview: a
// follow-up stopped with a reason typed in the earlier referrals changed
// from the review, every section answered, resumes at the review, where
// the full screen opens the earlier referrals on the box with the reason.
// The plain prompts went straight to "Are these answers right?", the
// reason said nowhere: the referral holding it is now asked first, its
// reason read out to be confirmed, then the review.
func TestAReasonNotConfirmedIsOfferedFirstWhenTheDraftResumesAtTheReview(t *testing.T) {
	t.Parallel()
	prev := saved(t)
	id := prev.Recommendation.Referrals[0].ProgrammeID
	d := whyNotDraft(t, &prev, []record.ReferralOutcome{{ProgrammeID: id, Outcome: record.OutcomeNotTakenUp}},
		map[string]string{id: unconfirmedWhy})
	d.Answers, d.Section = prev.Answers.Clone(), "" // every section answered
	if s, err := assess.Resume(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, FollowUp: &prev}, d); err != nil {
		t.Fatal(err)
	} else if at := s.ResumeAt(); at.Step != assess.StepReview {
		t.Fatalf("the draft resumes at %+v, want the review", at)
	}
	// Resume it; keep "No, I did not take it up"; Enter confirms the
	// reason; stop at the review.
	said, kept := resumingWhyNot(t, &prev, d, "2", "3", "", "", "q")
	_, after, _ := strings.Cut(said, "Resuming the assessment")
	before, _, ok := strings.Cut(after, "Review the answers")
	if !ok {
		t.Fatalf("the review was not asked after the reason:\n%s", said)
	}
	if !strings.Contains(strings.Join(strings.Fields(before), " "), `Not confirmed before the stop: "`+unconfirmedWhy+`".`) {
		t.Fatalf("resumed at the review, the reason not confirmed before the stop was not read out before it:\n%s", said)
	}
	if n := strings.Count(before, "Referral "); n != 1 {
		t.Errorf("%d earlier referrals asked before the review, want the one holding the reason:\n%s", n, said)
	}
	if o, ok := outcomeOf(kept, id); !ok || o.Outcome != record.OutcomeNotTakenUp || o.Reason != unconfirmedWhy {
		t.Errorf("the draft kept holds %+v for %s, want not taken up with the reason %q confirmed:\n%s", o, id, unconfirmedWhy, said)
	}
	if len(kept.UnconfirmedReasons) != 0 {
		t.Errorf("confirmed, the draft still holds reasons as not confirmed: %v", kept.UnconfirmedReasons)
	}
}
