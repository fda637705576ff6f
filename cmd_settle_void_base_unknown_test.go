package main

import (
	"bytes"
	"maps"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// TestSettlingOverAVoidListsTheCorrectionBeforeItWhenTheSharedVersionCannotBeCompared:
// the ward corrected an answer and then voided the assessment, and the
// settle undid that void; when the version both lines amended could not
// be compared with the ward's correction (not held here, of another
// instrument version, or itself a void), the settle said nothing of the
// correction, and it was dropped from the current result without a word.
// It is listed as any version answering differently is, every answer
// the current version does not hold, with the void after it.
func TestSettlingOverAVoidListsTheCorrectionBeforeItWhenTheSharedVersionCannotBeCompared(t *testing.T) {
	first := testkit.Assessed(t, testkit.Offline(nil))
	first.ID = newID(t)
	nextMillisecond()
	cur := first
	cur.ID, cur.Amends, cur.Clinician = newID(t), first.ID, "Nurse Bea"
	nextMillisecond()
	corrected := first
	corrected.ID, corrected.Amends, corrected.Clinician = newID(t), first.ID, "Sister Okafor"
	corrected.Answers = maps.Clone(first.Answers)
	corrected.Answers[questionnaire.LinkEthnicity] = []string{"R"}
	nextMillisecond()
	void := corrected
	void.ID, void.Amends, void.Clinician = newID(t), corrected.ID, "Dr Nwosu"
	void.Status, void.VoidReason = record.EnteredInError, "wrong patient"
	changed := fieldsChanged(t, cur, corrected)

	otherInstrument := first
	otherInstrument.InstrumentVersion = questionnaire.V2.Version
	if otherInstrument.InstrumentVersion == corrected.InstrumentVersion {
		otherInstrument.InstrumentVersion = questionnaire.V1.Version
	}
	voided := first
	voided.Status, voided.VoidReason = record.EnteredInError, "wrong patient"
	for name, base := range map[string]*record.Record{
		"not held here":           nil,
		"of another instrument":   &otherInstrument,
		"itself entered in error": &voided,
	} {
		var out bytes.Buffer
		notKeptLineWords(&out, cur, void, base, []record.Record{corrected, void}, "Dr Nwosu's", "")
		all := flat(out.String())
		if testing.Verbose() {
			t.Logf("shared version %s:\n%s", name, out.String())
		}
		if !strings.Contains(all, "Not kept:") {
			t.Errorf("shared version %s: the settle lists nothing not kept, though the ward corrected an answer before its void:\n%s", name, out.String())
			continue
		}
		at := strings.Index(all, "Void (undone by this settle)")
		if at < 0 {
			t.Errorf("shared version %s: the settle does not list the void it undid:\n%s", name, out.String())
			continue
		}
		for _, f := range changed {
			i := strings.Index(all, f+" current:")
			if i < 0 || i > at {
				t.Errorf("shared version %s: %q is not listed before the void:\n%s", name, f, out.String())
			}
		}
		for _, w := range []string{"which answered differently", corrected.ID.String()[:13], "Sister Okafor", void.ID.String()[:13], "Dr Nwosu", "wrong patient", "digicheck amend " + cur.ID.String()[:13]} {
			if !strings.Contains(all, w) {
				t.Errorf("shared version %s: the settle does not say %q:\n%s", name, w, out.String())
			}
		}
		if strings.Contains(all[:at], "before it:") {
			t.Errorf("shared version %s: an answer is given a \"before it\" from a version it cannot be compared with:\n%s", name, out.String())
		}
	}
}
