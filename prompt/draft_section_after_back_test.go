package prompt

import (
	"errors"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/questionnaire"
)

// TestADraftStoppedAfterGoingBackResumesAtTheQuestionOpened: the access
// section is answered (a basic mobile, not online), the skills section
// opened, and b taken back to the devices question, where "a landline
// phone only" opens a question the section did not ask before ("a care
// alarm?"). Stopped there, the draft was listed "at Skills" and resumed
// there: the care alarm was never asked, and the review found the access
// section short. The draft now resumes at Access, and resumed, asks it.
func TestADraftStoppedAfterGoingBackResumesAtTheQuestionOpened(t *testing.T) {
	t.Parallel()
	var s saver
	o := options(&s)
	o.Instrument = questionnaire.V2
	var kept *assess.Draft
	o.Keep = func(d *assess.Draft) error { c := *d; c.Answers = d.Answers.Clone(); kept = &c; return nil }
	in := strings.Join([]string{
		"1", "943 476 5919", "", "Ward 5", // the patient, the clinician kept, the team
		"4", "4", "1", // a basic mobile; not online; never short of credit
		"b", "b", "b", // from the skills section's first question back to the devices
		"5",    // a landline phone only
		"", "", // online and credit: kept
		"q", // at "a care alarm?": stop
	}, "\n") + "\n"
	var out strings.Builder
	if _, err := Run(o, strings.NewReader(in), &out); !errors.Is(err, ErrQuit) {
		t.Fatalf("run: %v, want stopped\n%s", err, out.String())
	}
	said := out.String()
	if !strings.Contains(said, "Do you have a care alarm that works through your phone line?") {
		t.Fatalf("the landline did not open the care alarm question:\n%s", said)
	}
	if kept == nil {
		t.Fatalf("no draft kept:\n%s", said)
	}
	if kept.Section != "access" {
		t.Errorf("the draft resumes at section %q, want %q, where the care alarm is asked", kept.Section, "access")
	}

	// Resumed, it opens at Access, its answers read out to keep, and asks
	// the care alarm before anything of Skills.
	o = options(&s)
	o.Instrument = questionnaire.V2
	o.Drafts = []Resume{{Label: "the draft", Draft: *kept}}
	o.DraftsFromInput = true
	out.Reset()
	// Resume it; keep the devices, online and credit; stop.
	_, _ = Run(o, strings.NewReader("2\n3\n\n\n\nq\n"), &out)
	said = out.String()
	_, after, ok := strings.Cut(said, "Resuming the assessment of patient 943 476 5919")
	if !ok {
		t.Fatalf("the draft was not resumed:\n%s", said)
	}
	alarm, skills := strings.Index(after, "care alarm"), strings.Index(after, "Section 2 of")
	if alarm < 0 || skills >= 0 && skills < alarm {
		t.Errorf("resumed, the care alarm is not asked before the skills section:\n%s", after)
	}
}
