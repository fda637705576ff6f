package ui

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/prompt"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestAFullScreenResumeShowsTheRestrictionThePlainPromptsLeftAtKeepThisAnswer:
// in the plain prompts, "must not contact: Text messages" typed and entered
// over the patient's text choice, and q at the "Keep this answer?" that
// follows. Resumed on the full screen the draft said every section was
// answered, with no restriction and the text choice: one enter after
// another saved a record that routes the patient by text. It now opens on
// the question with the restriction ticked, saying it was not confirmed
// before the stop (as the review does), with their choice not answered;
// confirmed, their choice is asked again.
func TestAFullScreenResumeShowsTheRestrictionThePlainPromptsLeftAtKeepThisAnswer(t *testing.T) {
	t.Parallel()
	r := testkit.AssessedV2(t, testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkChoice: {string(questionnaire.RouteSMS)},
	})))
	// Saved, as every record amended is: the draft is an amendment's.
	r.ID = record.MustParseID("01a2410f-bc2f-7000-8000-000000000018")
	var kept *assess.Draft
	in := strings.Join([]string{
		"", "", // clinician, team: kept
		"6",        // review: change Communication and contact
		"", "", "", // needs, reading help, must contact: kept
		"3", // must not: text messages
		"q", // at "Keep this answer?"
	}, "\n") + "\n"
	var out strings.Builder
	st := &memStore{}
	_, err := prompt.Run(prompt.Options{
		Instrument: questionnaire.V2, Directory: questionnaire.National,
		Clinician: r.Clinician, Team: r.Team, Save: st.Save,
		Amend: &r, AmendReason: "they must not be texted",
		Keep: func(d *assess.Draft) error {
			c := *d
			c.Answers, c.Unconfirmed = d.Answers.Clone(), d.Unconfirmed.Clone()
			kept = &c
			return nil
		},
	}, strings.NewReader(in), &out)
	if !errors.Is(err, prompt.ErrQuit) || !strings.Contains(out.String(), "Keep this answer?") {
		t.Fatalf("the plain prompts did not stop at 'Keep this answer?': %v\n%s", err, out.String())
	}
	if kept == nil {
		t.Fatalf("the plain prompts kept no draft:\n%s", out.String())
	}

	// As the store keeps it, and reads it back.
	b, err := json.Marshal(store.Draft{Draft: *kept})
	if err != nil {
		t.Fatal(err)
	}
	var dr store.Draft
	if err := json.Unmarshal(b, &dr); err != nil {
		t.Fatal(err)
	}
	o := restrictionOptions(st)
	o.Drafts = []Resumable{{Draft: dr, Base: &r}}
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.press("enter")
	d.waitFor("Is there a way we must not contact you?", "[x] Text messages", "not confirmed before the stop")
	if f := d.m.activeForm().focused(); f == nil || f.title != "Is there a way we must not contact you?" {
		t.Fatalf("resumed, the screen is not on the restriction left at 'Keep this answer?':\n%s", d.screen())
	}
	a := d.m.s.Answers()
	if a.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Error("resumed, the restriction never kept is taken as an answer")
	}
	if c, ok := a[questionnaire.LinkChoice]; ok {
		t.Errorf("resumed, their choice is %v, the choice the restriction entered refuses", c)
	}
	if rv := plain(d.m.reviewText(200)); !strings.Contains(rv, "Not confirmed before the stop: Text messages") {
		t.Errorf("the review does not say the restriction is not confirmed:\n%s", rv)
	}
	d.press("enter") // confirmed: the restriction stands, their choice is asked again
	d.waitFor("How would you like us to contact you?", "✓ Must not use: Text messages")
	if dr, _ := d.m.draftNow(true); !dr.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) || len(dr.Unconfirmed) != 0 {
		t.Errorf("confirmed, the draft holds answers %v, not confirmed %v", dr.Answers[questionnaire.LinkContactAvoid], dr.Unconfirmed)
	}
}
