package prompt

import (
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// At the plain prompts, a question that comes up holding an answer the
// patient gave (every question of an amendment, a section changed from
// the review, a resumed draft, a follow-up's reason why not) took any line
// at once: on an amendment, "3" on the review, the first question read for
// 1.6 s, then one burst "Enter Enter 1 Enter": the second Enter kept the
// internet answers before they were printed, and the 1 replaced "Data or
// credit: Sometimes" with "No, never", saying nothing. A line typed
// before such a question was printed, or within 1.2 s of it, is now not
// used, and said so, and the question is asked again, for every kind of
// question; a line once it has been read answers it as before.

// heldAnswers is the patient amended: Internet or wifi at home and mobile
// data, "Sometimes" short of data or credit, an interpreter of Tigrinya.
var heldAnswers = testkit.Interpreter(questionnaire.Answers{
	questionnaire.LinkInternet: {questionnaire.NetHome, questionnaire.NetMobile},
	questionnaire.LinkLanguage: {"Tigrinya"},
})

// amendingHeld is a flow amending the record of heldAnswers, at a
// terminal whose bursts are bs, each question holding an answer for the
// reading hold.
func amendingHeld(t *testing.T, bs []burst, out *strings.Builder) *flow {
	t.Helper()
	r := testkit.Assessed(t, heldAnswers.Clone())
	r.ID = record.MustParseID("0190a1b2-0000-7000-8000-0000000000b7")
	p := heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National}, bs, out)
	s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National,
		Clinician: "jsmith", Team: "Ward 5", Amend: &r, AmendReason: "checking the answers", Now: time.Now})
	if err := s.SetPatient(s.Patient(), s.Clinician(), s.Team()); err != nil {
		t.Fatal(err)
	}
	return &flow{p: p, s: s, gate: map[int]bool{}}
}

// heldItem is the question of instrument v1 answering link.
func heldItem(t *testing.T, link string) *questionnaire.Item {
	t.Helper()
	for k := range questionnaire.V1.Sections {
		for j := range questionnaire.V1.Sections[k].Items {
			if it := &questionnaire.V1.Sections[k].Items[j]; it.LinkID == link {
				return it
			}
		}
	}
	t.Fatalf("no question answers %s", link)
	return nil
}

const unreadLine = "Not taken: that line came less than 1.2 seconds after this question was shown, before it could be read; nothing typed with it was used."

func TestALineSoonAfterAQuestionHoldingAnAnswerIsNotUsed(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		kind, link string
		lines      map[string][]string // a line, and the answer it gives once read
	}{
		{"single", questionnaire.LinkAfford, map[string][]string{"": {"sometimes"}, "1": {"never"}, "3": {"often"}}},
		{"tick-all", questionnaire.LinkInternet, map[string][]string{"": {questionnaire.NetHome, questionnaire.NetMobile}, "1": {questionnaire.NetHome}, "3": {questionnaire.NetPublic}}},
		{"text box", questionnaire.LinkLanguage, map[string][]string{"": {"Tigrinya"}, "Amharic": {"Amharic"}, "n": {"n"}}},
	} {
		for line, answer := range c.lines {
			for _, at := range []time.Duration{0, 300 * time.Millisecond, 1300 * time.Millisecond} {
				name := c.kind + "/" + strings.ReplaceAll(line+" Enter", " ", "_") + "/at " + at.String()
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					var out strings.Builder
					// Then, after a refusal, Enter once the question
					// asked again has been read.
					f := amendingHeld(t, []burst{{after: at, text: line + "\n"}, {after: 1300 * time.Millisecond, text: "\n"}}, &out)
					it := heldItem(t, c.link)
					given := f.s.Answers()[c.link]
					vals, err := f.item(it)
					if err != nil {
						t.Fatalf("item: %v\n%s", err, out.String())
					}
					said := flatOut(&out)
					if at < readingHold {
						if !slices.Equal(vals, given) {
							t.Fatalf("%q typed %v after %q was shown answered it %v; the patient gave %v:\n%s", line, at, it.Text, vals, given, out.String())
						}
						if !strings.Contains(said, unreadLine) {
							t.Fatalf("the line not used is not said:\n%s", out.String())
						}
						if n := strings.Count(said, it.Text); n != 2 {
							t.Errorf("the question was shown %d times, want 2 (asked again after the line not used):\n%s", n, out.String())
						}
						return
					}
					if !slices.Equal(vals, answer) || strings.Contains(said, "Not taken") {
						t.Fatalf("%q typed %v after %q was shown answered it %v, want %v:\n%s", line, at, it.Text, vals, answer, out.String())
					}
				})
			}
		}
	}
}

// TestABurstAfterAnAmendedSectionsFirstAnswerChangesNoAnswerAfterIt is the
// tester's burst: Access changed from the review, the devices read for
// 1.6 s, then "Enter Enter 1 Enter" in one go.
func TestABurstAfterAnAmendedSectionsFirstAnswerChangesNoAnswerAfterIt(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	f := amendingHeld(t, []burst{
		{after: 1600 * time.Millisecond, text: "\n\n1\n"},
		{after: 1300 * time.Millisecond, text: "\n"}, // the internet, read, kept
		{after: 1300 * time.Millisecond, text: "\n"}, // data or credit, read, kept
	}, &out)
	if err := f.p.run(f.section(0), 0, true); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	a := f.s.Answers()
	for _, link := range []string{questionnaire.LinkDevices, questionnaire.LinkInternet, questionnaire.LinkAfford} {
		if !slices.Equal(a[link], heldAnswers[link]) {
			t.Errorf("%s is %v, the patient gave %v:\n%s", link, a[link], heldAnswers[link], out.String())
		}
	}
	// Typed before the internet question was printed: dropped, and said.
	if !strings.Contains(flatOut(&out), ignoredNote(beforeShown)) {
		t.Errorf("the lines not used are not said:\n%s", out.String())
	}
}

// followingUpHeld is a follow-up of a patient whose first earlier referral
// was not taken up, "no time", as a resumed draft holds it, at a terminal
// whose bursts are bs.
func followingUpHeld(t *testing.T, bs []burst, out *strings.Builder) (*flow, string) {
	t.Helper()
	prev := testkit.Assessed(t, heldAnswers.Clone())
	prev.ID = record.MustParseID("0190a1b2-0000-7000-8000-0000000000b8")
	for i := range prev.Recommendation.Referrals {
		prev.Recommendation.Referrals[i].Consent = questionnaire.Agreed
	}
	p := heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National}, bs, out)
	s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National,
		Clinician: "jsmith", Team: "Ward 5", FollowUp: &prev, Now: time.Now})
	if err := s.SetPatient(s.Patient(), s.Clinician(), s.Team()); err != nil {
		t.Fatal(err)
	}
	id := s.OutcomeReferrals()[0].ProgrammeID
	if err := s.SetOutcomes([]record.ReferralOutcome{{ProgrammeID: id, Outcome: record.OutcomeNotTakenUp, Reason: "no time"}}); err != nil {
		t.Fatal(err)
	}
	return &flow{p: p, s: s, gate: map[int]bool{}}, id
}

func TestALineSoonAfterAReasonWhyNotHeldIsNotUsed(t *testing.T) {
	t.Parallel()
	for _, line := range []string{"", "n", "Amharic"} {
		for _, at := range []time.Duration{0, 300 * time.Millisecond, 1300 * time.Millisecond} {
			t.Run(strings.ReplaceAll(line+" Enter", " ", "_")+"/at "+at.String(), func(t *testing.T) {
				t.Parallel()
				var out strings.Builder
				f, id := followingUpHeld(t, []burst{{after: at, text: line + "\n"}, {after: 1300 * time.Millisecond, text: "\n"}}, &out)
				why := f.earlierReferrals()[1] // the reason why not of the first
				if err := why(); err != nil {
					t.Fatalf("why not: %v\n%s", err, out.String())
				}
				_, got, _ := f.s.Outcome(id)
				want := line
				if at < readingHold || line == "" {
					want = "no time"
				}
				if got != want {
					t.Fatalf("%q typed %v after the reason was shown left it %q, want %q:\n%s", line, at, got, want, out.String())
				}
				if said := flatOut(&out); (at < readingHold) != strings.Contains(said, unreadLine) {
					t.Errorf("typed %v after: the line not used said? %v:\n%s", at, !(at < readingHold), out.String())
				}
			})
		}
	}
}

// TestALineSoonAfterTheOptionalQuestionsGateAnsweredIsNotUsed: in an
// amendment whose optional questions were asked, a "2" typed 0.3 s after
// "Ask these optional questions?" was printed skipped them, dropping the
// patient's answers; it is not used, and Enter once read keeps asking
// them. A "2" 1.3 s after skips them.
func TestALineSoonAfterTheOptionalQuestionsGateAnsweredIsNotUsed(t *testing.T) {
	t.Parallel()
	for _, at := range []time.Duration{300 * time.Millisecond, 1300 * time.Millisecond} {
		t.Run(at.String(), func(t *testing.T) {
			t.Parallel()
			var out strings.Builder
			f := amendingHeld(t, []burst{{after: at, text: "2\n"}, {after: 1300 * time.Millisecond, text: "\n"}}, &out)
			k := len(questionnaire.V1.Sections) - 1
			if !questionnaire.V1.Sections[k].Optional {
				t.Fatal("the last section of v1 is not the optional one")
			}
			if err := f.section(k)[0](); err != nil {
				t.Fatalf("gate: %v\n%s", err, out.String())
			}
			if ask := f.gate[k]; ask != (at < readingHold) {
				t.Fatalf("\"2\" typed %v after the gate was shown: ask the optional questions %v:\n%s", at, ask, out.String())
			}
			if said := flatOut(&out); (at < readingHold) != strings.Contains(said, unreadLine) {
				t.Errorf("typed %v after: the line not used said? %v:\n%s", at, at >= readingHold, out.String())
			}
		})
	}
}
