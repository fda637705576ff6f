package prompt

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// A clinician who knows the questions types each answer a moment after
// the one before, without waiting to hear the next question: half a
// second to a second apart. At an ordinary question that is an answer; at
// a question whose answer saves or ends something (the review, a
// referral's consent, the save, a discard) it is an answer meant for the
// question before, or given before this one could be read, and it must
// never answer it. Such a question takes a line only once it has been
// shown for the reading hold; one sooner is refused, saying how to answer,
// and the question is asked again.

// heldAt is a prompter reading bursts typed at a terminal, that holds
// each question whose answer saves or ends something for the reading hold
// the clinician meets.
func heldAt(o Options, bs []burst, out *strings.Builder) *prompter {
	p := atTerminal(o, bs, out, refusalHold)
	p.reading = readingHold
	return p
}

// amending is a session amending an assessment of an offline patient
// (barriers, and so referrals), assessed and ready for its result's
// questions, with the flow that asks them.
func amending(t *testing.T, p *prompter) *flow {
	t.Helper()
	r := testkit.Assessed(t, testkit.Offline(nil))
	r.Team = "Ward 5"
	return amendingRecord(t, p, &r)
}

// amendingRecord is amending with the record amended.
func amendingRecord(t *testing.T, p *prompter, r *record.Record) *flow {
	t.Helper()
	s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National,
		Clinician: "jsmith", Team: "Ward 5", Amend: r, AmendReason: "checking the answers", Now: time.Now})
	p.o.Instrument, p.o.Directory = questionnaire.V1, questionnaire.National
	if err := s.SetPatient(s.Patient(), s.Clinician(), s.Team()); err != nil {
		t.Fatal(err)
	}
	if err := s.Assess(); err != nil {
		t.Fatal(err)
	}
	if len(s.Referrals()) == 0 {
		t.Fatal("the amended assessment has no referrals to ask about")
	}
	return &flow{p: p, s: s, gate: map[int]bool{}}
}

// flatOut is what was said, on one line.
func flatOut(out *strings.Builder) string { return strings.Join(strings.Fields(out.String()), " ") }

// TestAnAnswerSoonAfterTheReviewDoesNotPassIt: "1" (yes) 0.45 to 1 s after
// the review was read out was taken, so an answer typed on for the last
// question passed the review unread. It is refused, saying how to
// confirm, and the review is asked again; a second line as soon after
// that is refused too; a line once the review has been shown for the
// hold is taken.
func TestAnAnswerSoonAfterTheReviewDoesNotPassIt(t *testing.T) {
	t.Parallel()
	for _, gap := range []time.Duration{450 * time.Millisecond, 600 * time.Millisecond, 800 * time.Millisecond, time.Second} {
		t.Run(fmt.Sprint(gap), func(t *testing.T) {
			t.Parallel()
			var out strings.Builder
			p := heldAt(Options{}, []burst{
				{after: gap, text: "1\n"},
				{after: gap, text: "1\n"},
				{after: readingHold + 300*time.Millisecond, text: "1\n"},
			}, &out)
			f := amending(t, p)
			err := f.review()
			if err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			said := flatOut(&out)
			if n := strings.Count(said, "Are these answers right?"); n != 3 {
				t.Fatalf("the review was asked %d times, want 3 (the two lines %v after it refused):\n%s", n, gap, out.String())
			}
			if n := strings.Count(said, "Not taken: that line came less than 1.2 seconds after the review was shown"); n != 2 {
				t.Errorf("said %d lines refused as too soon, want 2:\n%s", n, out.String())
			}
			if !strings.Contains(said, "if they are right, type 1 and press Enter") {
				t.Errorf("the refusal does not say how to confirm the answers:\n%s", out.String())
			}
			if !strings.Contains(said, "Result") {
				t.Errorf("the line typed once the review was read did not show the result:\n%s", out.String())
			}
		})
	}
}

// TestAWholeAssessmentTypedOnAtAPaceStopsAtTheReview: every answer of an
// assessment typed 0.6 s after the one before, the review's "1" and the
// referrals' and the save's after it, as by a clinician answering from
// memory: the questions take their answers, the review none, and nothing
// is saved.
func TestAWholeAssessmentTypedOnAtAPaceStopsAtTheReview(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t) // some 6 s of typing
	n := len(expectedResult(t).Recommendation.Referrals)
	lines := strings.Split(strings.TrimSuffix(script+consentLines(n), "\n"), "\n")
	last := strings.Count(script, "\n") - 2 // the postcode district, the last question
	bs := typist(lines[:last]...)
	for _, l := range lines[last:] {
		bs = append(bs, burst{after: 600 * time.Millisecond, text: l + "\n"})
	}
	var s saver
	var out strings.Builder
	_, err := heldAt(options(&s), bs, &out).all()
	if !errors.Is(err, ErrEndOfInput) {
		t.Fatalf("err = %v, want the input to end at the review\n%s", err, out.String())
	}
	if len(s.saved) != 0 || strings.Contains(out.String(), "Referral 1 of") {
		t.Fatalf("answers typed on at 0.6 s passed the review (saved %d):\n%s", len(s.saved), out.String())
	}
}

// TestAConsentSoonAfterItsQuestionIsNotTaken: a referral's question is
// read to the patient; a "1" (agrees) 0.6 s after it was shown, typed on
// from the question before, recorded the patient's agreement unheard. It
// is refused and the referral asked again; the answer given once it was
// read is the one recorded.
func TestAConsentSoonAfterItsQuestionIsNotTaken(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	p := heldAt(Options{}, []burst{
		{after: 600 * time.Millisecond, text: "1\n"},
		{after: readingHold + 300*time.Millisecond, text: "3\n"},
	}, &out)
	f := amending(t, p)
	err := f.consent()
	if !errors.Is(err, ErrEndOfInput) {
		t.Fatalf("err = %v, want the input to end at the second referral\n%s", err, out.String())
	}
	if c := f.s.Referrals()[0].Consent; c != questionnaire.NotDiscussed {
		t.Errorf("the first referral's consent is %q, want not discussed, as answered once read:\n%s", c, out.String())
	}
	said := flatOut(&out)
	if n := strings.Count(said, "Referral 1 of"); n != 2 {
		t.Errorf("the first referral was asked %d times, want 2:\n%s", n, out.String())
	}
	if !strings.Contains(said, "Not taken: that line came less than 1.2 seconds after this referral was shown") {
		t.Errorf("the consent typed too soon is not said to be refused:\n%s", out.String())
	}
}

// TestASaveSoonAfterItsQuestionIsNotTaken: "Save this assessment?" and,
// for an amendment that changed nothing, "save it anyway?" take a line
// only once shown for the hold: a "1" typed 0.6 s after either, on from
// the answer before (the last referral's, the save's), saved answers no
// one had confirmed. ("Save anyway" took even a line typed before it
// was shown.)
func TestASaveSoonAfterItsQuestionIsNotTaken(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	var s saver
	p := heldAt(Options{Save: s.save}, []burst{
		{after: 600 * time.Millisecond, text: "1\n"},                // Save this assessment?
		{after: readingHold + 300*time.Millisecond, text: "1\n"},    // Save
		{after: 600 * time.Millisecond, text: "1\n"},                // save it anyway?
		{after: readingHold + 300*time.Millisecond, text: "1\n1\n"}, // Save anyway; the 1 typed with it is dropped
	}, &out)
	// An amendment of a saved version, changing nothing.
	f := amending(t, &prompter{})
	f.s.ShowAll(true)
	for i := range f.s.Referrals() {
		if err := f.s.SetConsent(i, questionnaire.NotDiscussed); err != nil {
			t.Fatal(err)
		}
	}
	version, err := f.s.Record()
	if err != nil {
		t.Fatal(err)
	}
	f = amendingRecord(t, p, &version)
	if !f.s.Unchanged() {
		t.Fatal("the amendment changed something: save anyway is not asked")
	}
	var saved record.Record
	if err := f.save(&saved); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(s.saved) != 1 {
		t.Fatalf("saved %d records, want 1\n%s", len(s.saved), out.String())
	}
	said := flatOut(&out)
	for _, q := range []string{"Save this assessment?", "save it anyway as a new version?"} {
		if n := strings.Count(said, q); n != 2 {
			t.Errorf("%q was asked %d times, want 2 (the line 0.6 s after it refused):\n%s", q, n, out.String())
		}
	}
	if n := strings.Count(said, "Not taken: that line came less than 1.2 seconds after this question was shown"); n != 2 {
		t.Errorf("said %d lines refused as too soon, want 2:\n%s", n, out.String())
	}
}

// TestADiscardSoonAfterItsQuestionIsNotTaken: "Discard these answers?"
// takes a line only once it has been shown for the hold: a "1" 0.6 s
// after it, on from "Discard it", discarded a patient's answers no one
// had confirmed losing. It is refused and asked again; "2" once read
// keeps them.
func TestADiscardSoonAfterItsQuestionIsNotTaken(t *testing.T) {
	t.Parallel()
	discarded := 0
	o := options(&saver{})
	o.Drafts = []Resume{{
		Label:   "Patient 943 476 5919, kept 10:00 by jsmith, at Motivation and trust",
		Draft:   draft(record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}, "jsmith", "Ward 5", firstTwoSections(), "motivation"),
		Discard: func() error { discarded++; return nil },
	}}
	var out strings.Builder
	bs := append(typist("2", "2"),
		burst{after: 600 * time.Millisecond, text: "1\n"},
		burst{after: readingHold + 300*time.Millisecond, text: "2\n"})
	_, err := heldAt(o, bs, &out).all()
	if !errors.Is(err, ErrEndOfInput) {
		t.Fatalf("err = %v\n%s", err, out.String())
	}
	if discarded != 0 {
		t.Fatalf("a 1 typed 0.6 s after the question discarded the draft:\n%s", out.String())
	}
	said := flatOut(&out)
	if n := strings.Count(said, "Discard these answers?"); n != 2 {
		t.Errorf("the discard was asked %d times, want 2:\n%s", n, out.String())
	}
	if !strings.Contains(said, "Not taken: that line came less than 1.2 seconds after this question was shown") {
		t.Errorf("the line typed too soon is not said to be refused:\n%s", out.String())
	}
}

// TestPipedAnswersAreNotHeld: a script's lines are meant in order, and
// none waits for a reader: the review and the save take them at once.
func TestPipedAnswersAreNotHeld(t *testing.T) {
	t.Parallel()
	var s saver
	var out strings.Builder
	n := len(expectedResult(t).Recommendation.Referrals)
	start := time.Now()
	if _, err := Run(options(&s), strings.NewReader(script+consentLines(n)), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(s.saved) != 1 || time.Since(start) > readingHold {
		t.Fatalf("piped answers: saved %d in %v\n%s", len(s.saved), time.Since(start), out.String())
	}
}
