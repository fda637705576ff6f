package record

import (
	"slices"
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestTheNoteOfAnAmendmentNamesTheCodedNeedsOfTheVersionItReplacesThatStop:
// the amended note listed the adjustments that stop in words only, so a
// clinician who had coded "Requires written information in at least 24
// point sans serif font" from the first note was not told which coded
// entry to end. Each coded need of the version replaced that the amendment
// no longer gives is listed with its SNOMED CT code and term; one it still
// gives is not, and a need with no published code is never given a code.
func TestTheNoteOfAnAmendmentNamesTheCodedNeedsOfTheVersionItReplacesThatStop(t *testing.T) {
	first := nurseBaseline(t)
	first.ID = MustParseID("01890a5d-ac96-774b-bcce-b302099a0001")
	amended := amendedNurseBaseline(t, first)
	note := NoteWith(amended, NoteOptions{Replaces: &first})
	const head = "These coded needs of the earlier note stop with this amendment: end their coded entries:\n"
	at := strings.Index(note, head)
	if at < 0 {
		t.Fatalf("the note does not name the coded needs that stop:\n%s", note)
	}
	list, _, _ := strings.Cut(note[at+len(head):], "\nBarriers:")
	stopped := 0
	for _, n := range first.Recommendation.Needs {
		still := slices.ContainsFunc(amended.Recommendation.Needs, func(m questionnaire.CodedNeed) bool { return m.Code == n.Code })
		said := n.Code != "" && strings.Contains(list, n.Code+" "+n.Term)
		switch {
		case n.Code == "" && strings.Contains(list, n.Text):
			t.Errorf("a need with no published code is listed with the codes: %q", n.Text)
		case n.Code != "" && said == still:
			t.Errorf("%s %s: still given %v, listed as stopping %v:\n%s", n.Code, n.Term, still, said, note)
		case said:
			stopped++
		}
	}
	if stopped == 0 {
		t.Fatalf("no coded need stops in the scenario:\n%s", note)
	}
	if got := NoteWith(amended, NoteOptions{}); strings.Contains(got, "coded needs of the earlier note") {
		t.Errorf("a note without the version replaced names coded needs that stop:\n%s", got)
	}
}
