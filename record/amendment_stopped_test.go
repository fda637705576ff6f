package record

import (
	"slices"
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// An amendment that takes an adjustment away ("Phone calls" recorded in
// error under "must not contact", large print that is not needed) said
// nothing of it: the note only said it replaced the earlier note, so a
// colleague had to set two notes side by side to find what stopped, and
// the handout was silent, though the patient holds the earlier one ("We
// will not phone you", "Our letters to you will be in large print"). The
// note of an amendment now lists each adjustment of the version it
// replaces that stops, and the handout tells the patient, as a
// follow-up's do.

// amendedNurseBaseline is nurseBaseline amended, the answers corrected to
// need none of what it arranged.
func amendedNurseBaseline(t *testing.T, first Record) Record {
	t.Helper()
	r := nurseFollowUp(t, first)
	r.FollowsUp, r.Change = ID{}, nil
	r.Amends, r.Status, r.AmendReason = first.ID, Amended, "recorded in error"
	return r
}

func TestTheNoteOfAnAmendmentListsTheAdjustmentsOfTheVersionItReplacesThatStop(t *testing.T) {
	first := nurseBaseline(t)
	first.ID = MustParseID("01890a5d-ac96-774b-bcce-b302099a0001")
	amended := amendedNurseBaseline(t, first)
	note := NoteWith(amended, NoteOptions{Replaces: &first})
	at := strings.Index(note, "These adjustments of the earlier note stop with this amendment:\n")
	if at < 0 {
		t.Fatalf("the note does not say which adjustments stop:\n%s", note)
	}
	stopped := 0
	for _, a := range first.Recommendation.Adjustments {
		still := slices.ContainsFunc(amended.Recommendation.Adjustments, func(n questionnaire.Adjustment) bool { return n.Code == a.Code })
		if said := strings.Contains(note[at:], "- "+a.Text+"\n"); said == still {
			t.Errorf("still made %v, said to stop %v: %q\n%s", still, said, a.Text, note)
		}
		if !still {
			stopped++
		}
	}
	if stopped < 5 {
		t.Errorf("%d adjustments stop, the scenario needs the 5 of nurseBaseline:\n%s", stopped, note)
	}
	// Without the version it replaces, or with another record, the note
	// says nothing stops.
	if got := NoteWith(amended, NoteOptions{}); strings.Contains(got, "stop with this amendment") {
		t.Errorf("a note without the version replaced says something stops:\n%s", got)
	}
	other := first
	other.ID = MustParseID("01890a5d-ac96-774b-bcce-b302099a0002")
	if got := NoteWith(amended, NoteOptions{Replaces: &other}); strings.Contains(got, "stop with this amendment") {
		t.Errorf("a record that is not the version replaced is taken for it:\n%s", got)
	}
}

func TestTheHandoutOfAnAmendmentTellsThePatientWhichAdjustmentsStop(t *testing.T) {
	first := nurseBaseline(t)
	first.ID = MustParseID("01890a5d-ac96-774b-bcce-b302099a0001")
	amended := amendedNurseBaseline(t, first)
	for _, large := range []bool{false, true} {
		h := strings.Join(strings.Fields(HandoutWith(amended, HandoutOptions{LargePrint: large, Team: "Ward 7", Replaces: &first})), " ")
		for _, want := range []string{
			headStopped,
			"Our letters to you will be in standard print from now on.",
			"We will no longer book an interpreter for you.",
			"Our letters to you will be in English from now on.",
			"We may phone you again.",
			"We may write to you again.",
			sayStoppedAfter,
		} {
			if !strings.Contains(h, want) {
				t.Errorf("large print %v: the handout does not tell the patient %q:\n%s", large, want, h)
			}
		}
	}
	// An amendment that keeps every adjustment hands out what it did.
	same := first
	same.ID, same.Amends, same.Status = MustParseID("01890a5d-ac96-774b-bcce-b302099a0003"), first.ID, Amended
	o := HandoutOptions{Team: "Ward 7"}
	if got, want := HandoutWith(same, HandoutOptions{Team: "Ward 7", Replaces: &first}), HandoutWith(same, o); got != want {
		t.Errorf("an amendment that stops nothing hands out more:\n%s\nwant:\n%s", got, want)
	}
}
