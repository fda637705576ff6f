package ui

import (
	"strings"
	"testing"

	"digicheck/record"
)

// TestAPushWhoseAnswerWasLostIsNotSaidNotSent: the push after the save
// reached the server and the connection dropped before its answer. The
// saved screen said "Not sent yet (will retry): the connection dropped
// ..., so it may have reached the FHIR server": not sent, and maybe sent.
// It says what the command line says: the answer was lost, the record may
// have reached the server, and the next save or push checks.
func TestAPushWhoseAnswerWasLostIsNotSaidNotSent(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	o := testOptions(st.Save)
	o.Push = func(record.Record) PushResult {
		return PushResult{AnswerLost: true, Why: "the connection dropped before the FHIR server's answer, so it may have reached the FHIR server; the next save or push checks, and sends it only if the server does not hold it"}
	}
	d := newDriver(t, o, 80, 24)
	toSaveKey(d)
	d.press("enter")
	d.waitFor("Saved ·", "Answer lost:")
	said := strings.Join(strings.Fields(d.screen()), " ")
	for _, want := range []string{"Answer lost: it may have reached the FHIR server", "the next save or push checks", "Nothing is lost"} {
		if !strings.Contains(said, want) {
			t.Errorf("the saved screen does not say %q:\n%s", want, d.screen())
		}
	}
	if strings.Contains(said, "Not sent yet") {
		t.Errorf("a record the server may hold is said not sent:\n%s", d.screen())
	}
}
