package record

import (
	"bytes"
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// noSecondRoute is a patient with no device who needs information given
// verbally: a phone call, and no second non-digital route.
func noSecondRoute(t *testing.T) Record {
	t.Helper()
	r := assessed(t, questionnaire.Answers{
		questionnaire.LinkDevices:   {questionnaire.DevNone},
		questionnaire.LinkInternet:  {questionnaire.NetNone},
		questionnaire.LinkTasks:     {questionnaire.TaskNone},
		questionnaire.LinkCommNeeds: {questionnaire.NeedVerbal},
	})
	if !r.Recommendation.NoSecondRoute() {
		t.Fatalf("test patient has a second route: %s / %s", r.Recommendation.Primary, r.Recommendation.Fallback)
	}
	return r
}

// TestNoteAndShowAgreeWhenThereIsNoFallback: the note and show print the
// fallback as FallbackText words it (as the screen does), and never name
// the primary route as the fallback.
func TestNoteAndShowAgreeWhenThereIsNoFallback(t *testing.T) {
	r := noSecondRoute(t)
	title, reason := r.Recommendation.FallbackText()
	note := NoteWith(r, NoteOptions{})
	if !strings.Contains(note, "Fallback: "+title+": "+plain(reason)) {
		t.Errorf("note does not say %q with its reason:\n%s", title, note)
	}
	var buf bytes.Buffer
	if err := WriteDetailWith(&buf, r, questionnaire.V1, NoteOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Fallback "+title+": "+reason) {
		t.Errorf("show does not say %q with its reason:\n%s", title, buf.String())
	}
	primary := r.Recommendation.Primary.Title()
	for what, out := range map[string]string{"note": note, "show": buf.String()} {
		if strings.Contains(out, "Fallback: "+primary) || strings.Contains(out, "Fallback "+primary) {
			t.Errorf("%s offers the primary route %s as the fallback:\n%s", what, primary, out)
		}
	}
	buf.Reset()
	_ = WriteHistory(&buf, []Record{r}, nil)
	if !strings.Contains(buf.String(), "Contact "+primary+" / "+title) {
		t.Errorf("history does not say there is no fallback:\n%s", buf.String())
	}
}

// TestNotDiscussedIsPrintedAsSuch: a referral not put to the patient is
// neither agreed nor declined in the note and in show.
func TestNotDiscussedIsPrintedAsSuch(t *testing.T) {
	r := assessed(t, nil)
	refs := r.Recommendation.Referrals
	if len(refs) < 3 {
		t.Fatalf("test patient has %d referrals, want 3 or more", len(refs))
	}
	refs[0].Consent = questionnaire.Agreed
	refs[1].Consent = questionnaire.Declined
	refs[2].Consent = questionnaire.NotDiscussed
	note := NoteWith(r, NoteOptions{})
	for i, want := range []string{"agreed", "declined", "not discussed"} {
		if line := "- " + plain(refs[i].Name) + ": " + want + "\n"; !strings.Contains(note, line) {
			t.Errorf("note lacks %q:\n%s", line, note)
		}
	}
	var buf bytes.Buffer
	_ = WriteDetailWith(&buf, r, questionnaire.V1, NoteOptions{})
	if !strings.Contains(buf.String(), "Answer: not discussed") {
		t.Errorf("show does not say the referral was not discussed:\n%s", buf.String())
	}
}

// TestAmendReasonIsShown: the reason for an amendment is kept with the
// record and shown wherever the amendment is.
func TestAmendReasonIsShown(t *testing.T) {
	r := assessed(t, nil)
	r.Status, r.Amends, r.AmendReason = Amended, MustParseID("0196f0c0-0000-7000-8000-00000000000a"), "patient has a smartphone now"
	if n := NoteWith(r, NoteOptions{}); !strings.Contains(n, "Reason for the amendment: patient has a smartphone now") {
		t.Errorf("note:\n%s", n)
	}
	var buf bytes.Buffer
	_ = WriteDetailWith(&buf, r, questionnaire.V1, NoteOptions{})
	if !strings.Contains(buf.String(), "Reason for the amendment: patient has a smartphone now") {
		t.Errorf("show:\n%s", buf.String())
	}
	old := assessed(t, nil)
	old.ID = r.Amends
	buf.Reset()
	_ = WriteVersionsAside(&buf, []Record{old, r}, r.ID, nil)
	if !strings.Contains(buf.String(), "current, amended because: patient has a smartphone now") {
		t.Errorf("the versions show lacks the reason:\n%s", buf.String())
	}
	buf.Reset()
	_ = WriteHistory(&buf, []Record{old, r}, nil)
	if !strings.Contains(buf.String(), "amended because: patient has a smartphone now") {
		t.Errorf("history lacks the reason:\n%s", buf.String())
	}
}

// TestRecordRefusesControlCharactersInItsText: what a record holds is
// printed; the store refuses a record whose typed text would reach a
// terminal as an escape sequence.
func TestRecordRefusesControlCharactersInItsText(t *testing.T) {
	for name, spoil := range map[string]func(*Record){
		"clinician":     func(r *Record) { r.Clinician = "R Patel\x1b]52;c;ZXZpbA==\x07" },
		"team":          func(r *Record) { r.Team = "Ward 7\x1b[2J" },
		"void reason":   func(r *Record) { r.VoidReason = "wrong\npatient" },
		"amend reason":  func(r *Record) { r.AmendReason = "ok\u202eevil" },
		"patient value": func(r *Record) { r.Patient.Value = "A1\x9b" },
	} {
		r := assessed(t, nil)
		if err := r.CheckText(); err != nil {
			t.Fatalf("a clean record is refused: %v", err)
		}
		spoil(&r)
		if err := r.CheckText(); err == nil {
			t.Errorf("%s with a control character accepted", name)
		}
	}
	if _, err := NewPatientID(LocalID, "AB\x1b[31m12"); err == nil {
		t.Error("a local number with an escape sequence accepted")
	}
}

// TestShowNeutralisesWhatOldBuildsSaved: records on disk may hold text
// that input now refuses; show prints it visibly escaped.
func TestShowNeutralisesWhatOldBuildsSaved(t *testing.T) {
	r := assessed(t, questionnaire.Answers{
		questionnaire.LinkCommNeeds: {questionnaire.NeedInterpreter},
		questionnaire.LinkLanguage:  {"Polish"},
	})
	r.Answers[questionnaire.LinkLanguage] = []string{"Polish\x1b]52;c;ZXZpbA==\x07"}
	r.Clinician, r.Team = "R \x1b[31mPatel", "Ward\u202e7"
	r.Recommendation.Referrals[0].Name = "Prog\x1b[2J"
	var buf bytes.Buffer
	if err := WriteDetailWith(&buf, r, questionnaire.V1, NoteOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.ContainsAny(out, "\x1b\x07\u202e") {
		t.Errorf("show printed a control character:\n%q", out)
	}
	for _, want := range []string{`Polish\x1b]52;c;ZXZpbA==\x07`, `Prog\x1b[2J`} {
		if !strings.Contains(out, want) {
			t.Errorf("show does not show %s visibly:\n%s", want, out)
		}
	}
}
