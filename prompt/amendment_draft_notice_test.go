package prompt

import (
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// A new assessment of a patient with an amendment's draft was told
// "Resume it to finish it, rather than assess the patient twice": an
// amendment corrects a saved record, and is no second assessment. And a
// follow-up told of a draft of its patient was offered "Start a new
// assessment anyway" while the clinician had chosen a follow-up.
func TestTheNoticeOfAnAmendmentDraftIsWordedForAnAmendment(t *testing.T) {
	pt := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	d := draft(pt, "Nurse Ed", "Ward 7", firstTwoSections(), "")
	d.Amends = record.MustParseID("0190a1b2-0000-7000-8000-0000000000f1")
	label := "Patient 943 476 5919 (an amendment of record 0190a1b2-0000), kept 10:00 by Nurse Ed, stopped at the result"
	var s saver
	o := options(&s)
	o.Drafts = []Resume{{Label: label, Draft: d}}
	o.DraftsFromInput = true
	var out strings.Builder
	// A new assessment of the draft's patient.
	_, _ = Run(o, strings.NewReader("1\n1\n943 476 5919\n\nWard 5\n"), &out)
	said := strings.Join(strings.Fields(out.String()), " ")
	at := strings.Index(said, "Patient 943 476 5919 has an unfinished assessment kept as a draft")
	if at < 0 {
		t.Fatalf("the draft of the patient given is not said:\n%s", out.String())
	}
	if strings.Contains(said[at:], "assess the patient twice") || !strings.Contains(said[at:], "it corrects a saved assessment of this patient") {
		t.Errorf("the notice of an amendment draft is not worded for an amendment:\n%s", out.String())
	}
}

func TestAFollowUpToldOfADraftOffersToGoOnWithTheFollowUp(t *testing.T) {
	pt := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	r := testkit.Assessed(t, heldAnswers.Clone())
	r.ID = record.MustParseID("0190a1b2-0000-7000-8000-0000000000f1")
	r.Patient, r.Clinician, r.Team, r.Time = pt, "Nurse Pat", "Community", time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	var s saver
	o := options(&s)
	o.FollowUp = &r
	o.Elsewhere = []Elsewhere{{ID: draftID, Patient: pt, Amendment: true, Label: "Patient 943 476 5919 (an amendment of record 0190a1b2-0000), kept 10:00 by Nurse Ed",
		How: "To resume it, run digicheck with no command and choose it from the list of unfinished assessments."}}
	o.DraftsFromInput = true
	var out strings.Builder
	_, _ = Run(o, strings.NewReader("Nurse Pat\nCommunity\n"), &out)
	said := strings.Join(strings.Fields(out.String()), " ")
	at := strings.Index(said, "Patient 943 476 5919 has an unfinished assessment kept as a draft")
	if at < 0 {
		t.Fatalf("the draft of the patient followed up is not said:\n%s", out.String())
	}
	if strings.Contains(said[at:], "new assessment anyway") || !strings.Contains(said[at:], "Go on with the follow-up anyway") {
		t.Errorf("the follow-up is offered a new assessment:\n%s", out.String())
	}
	if !strings.Contains(said[at:], "it corrects a saved assessment of this patient") {
		t.Errorf("the notice of an amendment draft is not worded for an amendment:\n%s", out.String())
	}
}
