package prompt

import (
	"strings"
	"testing"

	"digicheck/record"
)

// TestPlainPromptsSayAPushWhoseAnswerWasLostMayHaveReachedTheServer: the
// push after the save reached the server and the connection dropped
// before its answer. The prompts said "Not sent yet (will retry): record
// X, the connection dropped ..., so it may have reached the FHIR server":
// not sent, and maybe sent. They say what the command line says.
func TestPlainPromptsSayAPushWhoseAnswerWasLostMayHaveReachedTheServer(t *testing.T) {
	out := runPaused(t, func(record.Record) (bool, string) {
		return false, AnswerLost + "the connection dropped before the FHIR server's answer, so it may have reached the FHIR server; the next save or push checks, and sends it only if the server does not hold it"
	}, "2\n")
	said := strings.Join(strings.Fields(out), " ")
	if !strings.Contains(said, "Answer lost: record 0190a1b2-0000-7000-8000-0000000000aa may have reached the FHIR server") || !strings.Contains(said, "the next save or push checks") {
		t.Errorf("a push whose answer was lost is not said so:\n%s", out)
	}
	if strings.Contains(said, "Not sent yet") {
		t.Errorf("a record the server may hold is said not sent:\n%s", out)
	}
}
