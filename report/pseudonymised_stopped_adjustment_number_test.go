package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// TestAPseudonymisedExportWritesNoPatientNumberInAnAdjustmentThatStops: a
// follow-up's change lists the adjustments of the check before it that
// stop, for its note; one names the interpreter's language as it was kept,
// a patient's number in it ("Kurdish CN 999 000 0034"). The pseudonymised
// NDJSON export withholds that number there too, as in the adjustments.
func TestAPseudonymisedExportWritesNoPatientNumberInAnAdjustmentThatStops(t *testing.T) {
	t.Parallel()
	first := testkit.Assessed(t, testkit.Interpreter(questionnaire.Answers{questionnaire.LinkLanguage: {"Kurdish CN 999 000 0034"}}))
	first.Patient = record.PatientID{Kind: record.LocalID, Value: "RX12345"}
	first.ID = record.MustParseID("01890000-0000-7000-8000-0000000000f1")
	later := testkit.Assessed(t, testkit.Interpreter(questionnaire.Answers{
		questionnaire.LinkCommNeeds: {questionnaire.NeedNone},
		questionnaire.LinkLanguage:  nil,
	}))
	later.Patient, later.FollowsUp = first.Patient, first.ID
	later.ID = record.MustParseID("01890000-0000-7000-8000-0000000000f2")
	later.Time = first.Time.AddDate(0, 1, 0)
	st := storeOf(t, []record.Record{first, later})
	saved, err := st.Get(later.ID)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Change == nil || !strings.Contains(record.NoteWith(saved, record.NoteOptions{}), "Kurdish CN 999 000 0034") {
		t.Fatalf("the follow-up's change does not list the interpreter that stops: %+v", saved.Change)
	}
	var b bytes.Buffer
	if _, err := ExportNDJSON(&b, st, ExportOptions{Key: testKey}); err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`999[ -]?000[ -]?0034`).FindAllString(b.String(), -1); len(m) > 0 {
		t.Errorf("the pseudonymised export writes %d patient number(s): %q\n%s", len(m), m, b.String())
	}
}
