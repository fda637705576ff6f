package prompt

import (
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/record"
)

// TestAPatientChangedAtTheReviewToOneWithADraftIsToldOfIt: at "Are these
// answers right?", "Change the patient, the clinician or the team" to a
// patient with an unfinished assessment went straight back to the review,
// and the save made a second assessment of that patient while their draft
// stayed on the list, with no word at the change or at the save (the full
// screen says it before going back to the review). The change now says
// the draft, as the start of an assessment does, and asks in numbered
// lines: go on with this assessment for this patient (the draft stays
// kept), or change the patient's details. Resuming the draft is not
// offered there: it would drop the answers given. Left by going back
// (b) from the details, the change is not taken: the review reads back
// the patient as before.
func TestAPatientChangedAtTheReviewToOneWithADraftIsToldOfIt(t *testing.T) {
	first := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	other := record.PatientID{Kind: record.NHSNumber, Value: "4010232137"}
	label := "Patient 401 023 2137, kept 10:00 by Dr Cat, at Skills"
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	// Every answer to "Are these answers right?", then the patient
	// changed at the review: the identifier kept, the other patient's
	// number, the clinician and the team kept.
	toReview := "1\n" + strings.Join(lines[:len(lines)-1], "\n") + "\n"
	change := "2\n\n401 023 2137\n\n\n"
	n := len(expectedResult(t).Recommendation.Referrals)
	told := "Patient 401 023 2137 has an unfinished assessment kept as a draft: kept 10:00 by Dr Cat, at Skills."
	try := func(in string) (saver, string, error) {
		var s saver
		o := options(&s)
		o.Drafts = []Resume{{Label: label, Draft: draft(other, "Dr Cat", "Ward 7", firstTwoSections(), "skills")}}
		o.DraftsFromInput = true
		// Kept after every answer, as a run on a store keeps it.
		o.Keep = func(*assess.Draft) error { return nil }
		var out strings.Builder
		_, err := Run(o, strings.NewReader(in), &out)
		return s, out.String(), err
	}
	run := func(t *testing.T, in string) (saver, string) {
		t.Helper()
		s, out, err := try(in)
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return s, out
	}
	// changed is what was said from the change at the review to the next
	// review.
	changed := func(t *testing.T, out string) string {
		t.Helper()
		at := strings.Index(out, "Type a number from 1 to 7: 2\n")
		if at < 0 {
			t.Fatalf("the patient was not changed at the review:\n%s", out)
		}
		next := strings.Index(out[at:], "Review the answers:")
		if next < 0 {
			t.Fatalf("no review after the change:\n%s", out[at:])
		}
		return out[at : at+next]
	}

	t.Run("go on", func(t *testing.T) {
		s, out := run(t, toReview+change+"1\n1\n"+consentLines(n))
		said := changed(t, out)
		for _, want := range []string{
			told,
			"Finish that draft rather than assess the patient twice: save or stop this assessment, then resume it from the list of unfinished assessments.",
			"1. Go on with this assessment for this patient (the draft stays kept)",
			"2. Change the patient's details",
		} {
			if !strings.Contains(said, want) {
				t.Errorf("changed at the review to a patient with a draft, it does not say %q before the review:\n%s", want, said)
			}
		}
		if strings.Contains(said, "Resume the draft") {
			t.Errorf("resuming the draft, which drops the answers given, is offered at the change:\n%s", said)
		}
		if len(s.saved) != 1 || s.saved[0].Patient != other {
			t.Fatalf("saved %+v, want one record of %s", s.saved, other)
		}
	})

	t.Run("change the patient's details", func(t *testing.T) {
		// Back to the number, offered as typed; the first patient's
		// number given again, the review and the save are theirs.
		s, out := run(t, toReview+change+"2\n943 476 5919\n\n\n1\n"+consentLines(n))
		said := changed(t, out)
		if !strings.Contains(said, told) {
			t.Fatalf("the draft is not said at the change:\n%s", said)
		}
		_, after, _ := strings.Cut(said, "2. Change the patient's details\n")
		if _, next, _ := strings.Cut(after, ": 2\n"); !strings.HasPrefix(next, "NHS number (10 digits) (press Enter for 4010232137)") {
			t.Errorf("after \"Change the patient's details\" the question asked is not the patient's number:\n%s", next)
		}
		if len(s.saved) != 1 || s.saved[0].Patient != first {
			t.Fatalf("saved %+v, want one record of %s", s.saved, first)
		}
	})

	// Left with b, from the details or from the question itself: back
	// at the review, which reads back the first patient, not the one
	// whose draft was said and never gone on with.
	for _, c := range []struct{ name, in string }{
		{"details changed, left with b", "2\nb\nb\n"}, // the number, the identifier, the review
		{"left with b", "b\nb\nb\nb\nb\n"},            // the team, the clinician, the number, the identifier, the review
	} {
		t.Run(c.name, func(t *testing.T) {
			_, out, _ := try(toReview + change + c.in + "q\n") // q stops at the review
			said := changed(t, out)
			if !strings.Contains(said, told) {
				t.Fatalf("the draft is not said at the change:\n%s", said)
			}
			back := strings.LastIndex(out, "Review the answers:\n")
			if back < 0 || !strings.HasPrefix(out[back:], "Review the answers:\nPatient: NHS number 943 476 5919.\n") {
				t.Errorf("left unfinished, the change was taken: the review reads back\n%s", out[max(back, 0):min(len(out), max(back, 0)+120)])
			}
		})
	}
}

// TestAPatientChangedAtTheReviewIsLookedUpInTheStoreAsItIsThen: the
// drafts said at the change are those the store keeps then
// (Options.DraftsOf), not the list read as the run began: a draft kept
// in another window since is said, and one finished or discarded since
// is not.
func TestAPatientChangedAtTheReviewIsLookedUpInTheStoreAsItIsThen(t *testing.T) {
	other := record.PatientID{Kind: record.NHSNumber, Value: "4010232137"}
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	toReview := strings.Join(lines[:len(lines)-1], "\n") + "\n"
	change := "2\n\n401 023 2137\n\n\n"
	n := len(expectedResult(t).Recommendation.Referrals)
	since := Resume{Label: "Patient 401 023 2137, kept 10:05 by Dr Cat, at Skills", Draft: draft(other, "Dr Cat", "Ward 7", firstTwoSections(), "skills")}
	for _, c := range []struct {
		name          string
		atStart, then []Resume
		list          string // the drafts list's answer, when there is one
		in            string
		told          bool
	}{
		{name: "kept since", then: []Resume{since}, in: "1\n", told: true},
		{name: "gone since", atStart: []Resume{since}, list: "1\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var s saver
			o := options(&s)
			o.Drafts = c.atStart
			o.DraftsOf = func(p record.PatientID) ([]Resume, error) {
				if p != other {
					return nil, nil
				}
				return c.then, nil
			}
			o.DraftsFromInput = true
			o.Keep = func(*assess.Draft) error { return nil }
			var out strings.Builder
			if _, err := Run(o, strings.NewReader(c.list+toReview+change+c.in+"1\n"+consentLines(n)), &out); err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			if said := strings.Contains(out.String(), "Patient 401 023 2137 has an unfinished assessment kept as a draft: kept 10:05 by Dr Cat, at Skills."); said != c.told {
				t.Errorf("the draft said at the change: %v, want %v\n%s", said, c.told, out.String())
			}
			if len(s.saved) != 1 || s.saved[0].Patient != other {
				t.Fatalf("saved %+v, want one record of %s", s.saved, other)
			}
		})
	}
}
