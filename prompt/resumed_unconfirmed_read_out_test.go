package prompt

import (
	"errors"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// TestAResumedDraftReadsOutTheAnswerNotConfirmedBeforeTheStop: stopped on
// the full screen with "must not contact: Text messages" ticked and enter
// not pressed, the draft holds the tick apart, as not confirmed
// (Draft.Unconfirmed). Resumed in the plain prompts, the question was asked
// as if nothing had been ticked, so what the patient said was lost unheard.
// It is now read out at its question, as the full screen shows it, and
// Enter confirms it: the draft kept after holds it as the answer, and no
// longer as not confirmed.
func TestAResumedDraftReadsOutTheAnswerNotConfirmedBeforeTheStop(t *testing.T) {
	t.Parallel()
	r := testkit.AssessedV2(t, testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkChoice: {string(questionnaire.RouteSMS)},
	})))
	k := contactSectionOf(t)
	sec := questionnaire.V2.Sections[k]
	answers := r.Answers.Clone()
	after := false
	for _, it := range sec.Items {
		// The questions from "must not contact" on were not confirmed.
		after = after || it.LinkID == questionnaire.LinkContactAvoid
		if after {
			delete(answers, it.LinkID)
		}
	}
	for _, later := range questionnaire.V2.Sections[k+1:] {
		for _, it := range later.Items {
			delete(answers, it.LinkID)
		}
	}
	d := assess.Draft{
		ID: r.ID, Patient: r.Patient, Clinician: r.Clinician, Team: r.Team,
		InstrumentVersion: questionnaire.V2.Version, Answers: answers, Section: sec.ID,
		Unconfirmed: questionnaire.Answers{questionnaire.LinkContactAvoid: {questionnaire.AvoidSMS}},
		Started:     time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC),
	}

	var s saver
	o := options(&s)
	o.Instrument = questionnaire.V2
	o.Drafts = []Resume{{Label: "the draft", Draft: d}}
	o.DraftsFromInput = true
	var kept *assess.Draft
	o.Keep = func(d *assess.Draft) error { c := *d; c.Answers = d.Answers.Clone(); kept = &c; return nil }
	var asked []string
	for _, it := range sec.Items {
		if it.LinkID == questionnaire.LinkContactAvoid {
			break
		}
		if assess.Asked(&it, answers) {
			asked = append(asked, "") // answered before: kept
		}
	}
	// Resume it; keep the answers before "must not contact"; Enter there
	// confirms the tick; stop at their choice.
	in := strings.Join(append(append([]string{"2", "3"}, asked...), "", "q"), "\n") + "\n"
	var out strings.Builder
	if _, err := Run(o, strings.NewReader(in), &out); !errors.Is(err, ErrQuit) {
		t.Fatalf("run: %v, want stopped\n%s", err, out.String())
	}
	said := out.String()
	_, at, ok := strings.Cut(said, "Is there a way we must not contact you?")
	if !ok {
		t.Fatalf("resumed, 'must not contact' was not asked:\n%s", said)
	}
	at, _, _ = strings.Cut(at, "How would you like us to contact you?")
	if !strings.Contains(at, "Not confirmed before the stop: Text messages.") {
		t.Errorf("the tick not confirmed before the stop is not read out at its question:\n%s", at)
	}
	if !strings.Contains(at, "press Enter to confirm") {
		t.Errorf("the question does not say Enter confirms the tick:\n%s", at)
	}
	if kept == nil {
		t.Fatalf("no draft kept:\n%s", said)
	}
	if !kept.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Errorf("Enter did not confirm the tick: must not contact %v\n%s", kept.Answers[questionnaire.LinkContactAvoid], said)
	}
	if len(kept.Unconfirmed) != 0 {
		t.Errorf("confirmed, the tick is still kept as not confirmed: %v", kept.Unconfirmed)
	}
}
