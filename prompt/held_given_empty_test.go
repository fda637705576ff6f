package prompt

import (
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// A question whose answer was given empty (the postcode skipped, no reason
// given at "Why not?") came up again taking any line at once, where one
// holding an answer is held: the postcode skipped, the review read, then
// "b" and "LS1" 0.3 s after it in one go saved LS1 as the patient's
// postcode district, never asked of the patient. An answer given empty is
// an answer: held as one holding a value is, a line begun within 1.2 s of
// it not used, said so, and the question asked again. A question never
// answered takes a line at once, as before.

// emptyGivenAt is a line typed at each of two moments after the question
// came up: within the reading hold, and once it could be read.
var emptyGivenAt = []time.Duration{300 * time.Millisecond, 1300 * time.Millisecond}

// sectionOf is the index of the section of v1 holding link.
func sectionOf(t *testing.T, link string) int {
	t.Helper()
	for k := range questionnaire.V1.Sections {
		for _, it := range questionnaire.V1.Sections[k].Items {
			if it.LinkID == link {
				return k
			}
		}
	}
	t.Fatalf("no section asks %s", link)
	return -1
}

// TestAQuestionAnsweredEmptyIsHeldAsOneHoldingAnAnswer: an amendment of
// a record whose postcode was skipped, and drafts resumed with it skipped
// (every section answered) or with the disability question skipped in
// the section the draft stopped in, the benefits answered after it.
func TestAQuestionAnsweredEmptyIsHeldAsOneHoldingAnAnswer(t *testing.T) {
	t.Parallel()
	about := sectionOf(t, questionnaire.LinkPostcodeDistrict)
	for _, c := range []struct {
		name, link string
		session    func(t *testing.T) *assess.Session
	}{
		{"an amendment", questionnaire.LinkPostcodeDistrict, func(t *testing.T) *assess.Session {
			r := testkit.Assessed(t, testkit.Interpreter(questionnaire.Answers{questionnaire.LinkPostcodeDistrict: nil}))
			r.ID = record.MustParseID("0190a1b2-0000-7000-8000-0000000000d1")
			return assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National,
				Clinician: "jsmith", Team: "Ward 5", Amend: &r, AmendReason: "checking the answers", Now: time.Now})
		}},
		{"a draft with every section answered", questionnaire.LinkPostcodeDistrict, func(t *testing.T) *assess.Session {
			return resumedWith(t, testkit.Interpreter(questionnaire.Answers{questionnaire.LinkPostcodeDistrict: nil}), "")
		}},
		{"a draft stopped in the section", questionnaire.LinkDisability, func(t *testing.T) *assess.Session {
			a := testkit.Interpreter(questionnaire.Answers{questionnaire.LinkDisability: nil,
				questionnaire.LinkMainLanguage: nil, questionnaire.LinkEthnicity: nil, questionnaire.LinkPostcodeDistrict: nil})
			return resumedWith(t, a, questionnaire.V1.Sections[about].ID)
		}},
	} {
		for _, at := range emptyGivenAt {
			t.Run(c.name+"/at "+at.String(), func(t *testing.T) {
				t.Parallel()
				var out strings.Builder
				line := map[string]string{questionnaire.LinkPostcodeDistrict: "LS1", questionnaire.LinkDisability: "1"}[c.link]
				p := heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National},
					[]burst{{after: at, text: line + "\n"}, {after: 1300 * time.Millisecond, text: "\n"}}, &out)
				f := &flow{p: p, s: c.session(t), gate: map[int]bool{}}
				vals, err := f.item(heldItem(t, c.link))
				if err != nil {
					t.Fatalf("item: %v\n%s", err, out.String())
				}
				said := flatOut(&out)
				if at < readingHold {
					if len(vals) != 0 {
						t.Fatalf("%q typed %v after the question answered empty came up was taken: %v:\n%s", line, at, vals, out.String())
					}
					if !strings.Contains(said, unreadLine) {
						t.Fatalf("the line not used is not said:\n%s", out.String())
					}
					return
				}
				if len(vals) != 1 || strings.Contains(said, "Not taken") {
					t.Fatalf("%q typed once the question was read gave %v:\n%s", line, vals, out.String())
				}
			})
		}
	}
}

// resumedWith is a new assessment's draft holding a, resumed: every
// section answered (section ""), or stopped in the section of that id.
func resumedWith(t *testing.T, a questionnaire.Answers, section string) *assess.Session {
	t.Helper()
	s, err := assess.Resume(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Now: time.Now}, assess.Draft{
		ID:      record.MustParseID("0190a1b2-0000-7000-8000-0000000000d2"),
		Patient: record.PatientID{Kind: record.LocalID, Value: "H100006"}, Clinician: "Gil Poe", Team: "Ward7",
		InstrumentVersion: questionnaire.V1.Version, Answers: a, Section: section, Started: time.Now(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestAPostcodeSkippedAndGoneBackToIsHeld is the tester's burst: the
// optional questions asked, each skipped, then b at the question after
// the postcode and "LS1" 0.3 s after the postcode came up again.
func TestAPostcodeSkippedAndGoneBackToIsHeld(t *testing.T) {
	t.Parallel()
	about := sectionOf(t, questionnaire.LinkPostcodeDistrict)
	for _, at := range emptyGivenAt {
		t.Run(at.String(), func(t *testing.T) {
			t.Parallel()
			quick := 100 * time.Millisecond
			bs := []burst{{after: quick, text: "1\n"}} // ask the optional questions
			for range questionnaire.V1.Sections[about].Items {
				bs = append(bs, burst{after: quick, text: "\n"}) // each skipped
			}
			// b at the question after: the postcode again.
			bs = append(bs, burst{after: at, text: "LS1\n"}, burst{after: 1300 * time.Millisecond, text: "\n"})
			var out strings.Builder
			f := &flow{p: heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National}, bs, &out), gate: map[int]bool{}}
			// The sections before answered, the optional ones not yet.
			a := testkit.Interpreter(nil)
			for _, it := range questionnaire.V1.Sections[about].Items {
				delete(a, it.LinkID)
			}
			f.s = resumedWith(t, a, questionnaire.V1.Sections[about].ID)
			back := true
			asks := append(f.section(about), func() error {
				if back {
					back = false
					return errBack
				}
				return nil
			})
			if err := f.p.run(asks, 0, false); err != nil {
				t.Fatalf("run: %v\n%s", err, out.String())
			}
			got := f.s.Answers()[questionnaire.LinkPostcodeDistrict]
			if at < readingHold {
				if len(got) != 0 {
					t.Fatalf("\"LS1\" typed %v after the skipped postcode came up again was taken: %v:\n%s", at, got, out.String())
				}
				if n := strings.Count(flatOut(&out), unreadLine); n != 1 {
					t.Errorf("a line not used said %d times, want 1 (the postcode gone back to):\n%s", n, out.String())
				}
				return
			}
			if len(got) != 1 || got[0] != "LS1" {
				t.Fatalf("\"LS1\" typed once the postcode was read gave %v:\n%s", got, out.String())
			}
		})
	}
}

// TestAQuestionNeverAnsweredIsNotHeld: a new assessment's postcode,
// never answered, takes a line at once.
func TestAQuestionNeverAnsweredIsNotHeld(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	p := heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National}, []burst{{after: 300 * time.Millisecond, text: "LS1\n"}}, &out)
	s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Now: time.Now})
	f := &flow{p: p, s: s, gate: map[int]bool{}}
	vals, err := f.item(heldItem(t, questionnaire.LinkPostcodeDistrict))
	if err != nil || len(vals) != 1 || vals[0] != "LS1" {
		t.Fatalf("a postcode never answered: %v, %v, want LS1 taken at once:\n%s", vals, err, out.String())
	}
}

// TestAReasonWhyNotGivenEmptyIsHeld: "No, I did not take it up", no
// reason given, then b from the question after: "bus" typed 0.3 s after
// "Why not?" came up again was kept as the patient's words. And a draft
// resumed after that "Why not?" holds it given empty; one stopped at it
// (never answered) does not.
func TestAReasonWhyNotGivenEmptyIsHeld(t *testing.T) {
	t.Parallel()
	prev := testkit.Assessed(t, heldAnswers.Clone())
	prev.ID = record.MustParseID("0190a1b2-0000-7000-8000-0000000000d3")
	for i := range prev.Recommendation.Referrals {
		prev.Recommendation.Referrals[i].Consent = questionnaire.Agreed
	}
	if len(prev.Recommendation.Referrals) < 2 {
		t.Fatal("the record followed up has fewer than 2 referrals")
	}
	start := func(p *prompter) *assess.Session {
		s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National,
			Clinician: "jsmith", Team: "Ward 5", FollowUp: &prev, Now: time.Now})
		if err := s.SetPatient(s.Patient(), s.Clinician(), s.Team()); err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, at := range emptyGivenAt {
		t.Run("gone back to/"+at.String(), func(t *testing.T) {
			t.Parallel()
			var out strings.Builder
			p := heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National}, []burst{
				{after: 1300 * time.Millisecond, text: "3\n"}, // not taken up
				{after: 100 * time.Millisecond, text: "\n"},   // no reason
				// b at the question after
				{after: at, text: "bus\n"}, {after: 1300 * time.Millisecond, text: "\n"},
			}, &out)
			f := &flow{p: p, s: start(p), gate: map[int]bool{}}
			id := f.s.OutcomeReferrals()[0].ProgrammeID
			back := true
			asks := append(f.earlierReferrals()[:2], func() error {
				if back {
					back = false
					return errBack
				}
				return nil
			})
			if err := p.run(asks, 0, false); err != nil {
				t.Fatalf("run: %v\n%s", err, out.String())
			}
			code, why, _ := f.s.Outcome(id)
			want := "bus"
			if at < readingHold {
				want = ""
			}
			if code != record.OutcomeNotTakenUp || why != want {
				t.Fatalf("\"bus\" typed %v after \"Why not?\" given empty came up again: %s %q, want not taken up %q:\n%s", at, code, why, want, out.String())
			}
			if said := flatOut(&out); (at < readingHold) != strings.Contains(said, unreadLine) {
				t.Errorf("typed %v after: the line not used said? %v:\n%s", at, at < readingHold, out.String())
			}
		})
	}
	for _, c := range []struct {
		name    string
		stopped int // the referral whose "Why not?" the draft stopped at
		held    bool
	}{
		{"a draft stopped after it", 1, true},
		{"a draft stopped at it", 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var out strings.Builder
			p := heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National},
				[]burst{{after: 300 * time.Millisecond, text: "bus\n"}, {after: 1300 * time.Millisecond, text: "\n"}}, &out)
			s := start(p)
			refs := s.OutcomeReferrals()
			id := refs[0].ProgrammeID
			outcomes := []record.ReferralOutcome{{ProgrammeID: id, Outcome: record.OutcomeNotTakenUp}}
			if c.stopped == 1 {
				outcomes = append(outcomes, record.ReferralOutcome{ProgrammeID: refs[1].ProgrammeID, Outcome: record.OutcomeNotTakenUp})
			}
			if err := s.SetOutcomes(outcomes); err != nil {
				t.Fatal(err)
			}
			s.SetStop(assess.At{Step: assess.StepOutcomes}, refs[c.stopped].Name)
			d, ok := s.Draft()
			if !ok {
				t.Fatal("the follow-up keeps no draft")
			}
			if s, err := p.resume(Resume{Label: "the follow-up", Draft: d, Base: &prev}); err != nil {
				t.Fatal(err)
			} else {
				f := &flow{p: p, s: s, gate: map[int]bool{}}
				if err := f.earlierReferrals()[1](); err != nil {
					t.Fatalf("why not: %v\n%s", err, out.String())
				}
				_, why, _ := s.Outcome(id)
				if want := map[bool]string{true: "", false: "bus"}[c.held]; why != want {
					t.Fatalf("\"bus\" typed 0.3 s after \"Why not?\" came up gave %q, want %q:\n%s", why, want, out.String())
				}
			}
			if said := flatOut(&out); c.held != strings.Contains(said, unreadLine) {
				t.Errorf("the line not used said? %v:\n%s", c.held, out.String())
			}
		})
	}
}
