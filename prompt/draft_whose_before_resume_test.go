package prompt

import (
	"strings"
	"testing"
	"time"

	"digicheck/record"
)

// anotherClinicianDraft is a draft of the script's patient that another
// clinician started at 09:12 on the day the run's clock says, on another
// login, at the third section; label is what the list calls it, and names
// no one, so what the prompts say of whose it is comes from the draft. The
// run's clock must say 21 November 2026.
func anotherClinicianDraft(label string) Resume {
	d := draft(record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}, "Dr Bea Okafor", "Ward 7", firstTwoSections(), "motivation")
	d.Started = time.Date(2026, 11, 21, 9, 12, 0, 0, time.Local)
	return Resume{Label: label, Draft: d, Login: "nurse2"}
}

// TestWhoseADraftIsIsSaidBeforeItCanBeResumed: on a shared ward
// workstation the next clinician could resume another's draft and save it
// as their own, told only the patient and when it was last kept. Before
// the resume is offered, the prompts say who started it (the clinician,
// their team, the login where it is not the clinician's name) and when,
// and that resumed it is saved as theirs unless the clinician is changed;
// resumed, they say again who it is recorded as done by.
func TestWhoseADraftIsIsSaidBeforeItCanBeResumed(t *testing.T) {
	t.Parallel()
	started := "Started today at 09:12 by Dr Bea Okafor, team Ward 7 (computer login nurse2). Resumed, it is saved as their assessment unless the clinician is changed at the review."
	resumed := "It is recorded as done by Dr Bea Okafor, team Ward 7; if that is not you, change the clinician at the review, before saving."
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	for _, c := range []struct {
		name, in, offer string
	}{
		// The list of drafts: the draft, then resume it (3).
		{"from the list", "2\n3\nq\n", "What would you like to do with this draft?"},
		// A new assessment of the draft's patient: resume the draft (1).
		{"entering its patient", "1\n" + strings.Join(lines[:4], "\n") + "\n1\nq\n", "What would you like to do?"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var s saver
			o := options(&s)
			o.Now = func() time.Time { return time.Date(2026, 11, 21, 12, 0, 0, 0, time.Local) }
			o.Drafts = []Resume{anotherClinicianDraft("the draft")}
			o.DraftsFromInput = true
			var out strings.Builder
			_, _ = Run(o, strings.NewReader(c.in), &out)
			said := out.String()
			offer := strings.Index(said, c.offer)
			if offer < 0 {
				t.Fatalf("the resume was not offered:\n%s", said)
			}
			if i := strings.Index(said, started); i < 0 || i > offer {
				t.Errorf("before the resume is offered, the prompts do not say %q:\n%s", started, said[:offer])
			}
			back := strings.Index(said, "Resuming the assessment of patient 943 476 5919")
			if back < 0 {
				t.Fatalf("the draft was not resumed:\n%s", said)
			}
			if !strings.HasPrefix(said[back:], "Resuming the assessment of patient 943 476 5919, with the answers kept.\n"+resumed+"\n") {
				t.Errorf("resuming does not say %q:\n%s", resumed, said[back:])
			}
		})
	}
}

// TestAnOlderDraftSaysTheDayItWasStarted: a draft started on another day
// says the day in words, and one kept by a window whose login is the
// clinician's name does not say it twice.
func TestAnOlderDraftSaysTheDayItWasStarted(t *testing.T) {
	t.Parallel()
	var p prompter
	p.o.Now = func() time.Time { return time.Date(2026, 11, 21, 12, 0, 0, 0, time.Local) }
	d := anotherClinicianDraft("the draft")
	d.Draft.Started = time.Date(2026, 11, 19, 16, 5, 0, 0, time.Local)
	d.Login = d.Draft.Clinician
	want := "Started on Thursday 19 November 2026 at 16:05 by Dr Bea Okafor, team Ward 7. Resumed, it is saved as their assessment unless the clinician is changed at the review."
	if got := p.whose(d); got != want {
		t.Errorf("whose:\n got %q\nwant %q", got, want)
	}
}
