package prompt

import (
	"strings"
	"testing"
	"time"

	"digicheck/record"
)

// TestPlainPromptsSayTheSendingOutcomeBeforeWhatNext: the plain prompts
// read out whether the save was sent only after Finish, though a refused
// connection fails at once: a screen-reader user who chose "A new
// assessment" heard nothing of the last one until the end of the session.
// The outcome of a push that ends within a few seconds is read out before
// "What next?".
func TestPlainPromptsSayTheSendingOutcomeBeforeWhatNext(t *testing.T) {
	queued := make(chan struct{}, 1)
	pushQueued = func() { queued <- struct{}{} }
	defer func() { pushQueued = func() {} }()
	n := len(expectedResult(t).Recommendation.Referrals)
	var s saver
	o := options(&s)
	o.PushWait = 15 * time.Second
	o.Push = func(record.Record) (bool, string) {
		time.Sleep(300 * time.Millisecond)
		return false, "could not connect to the FHIR server"
	}
	var out strings.Builder
	if _, err := Run(o, strings.NewReader(script+answerReferrals(n, "1", "2")+"1\n2\n"), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	<-queued // the push is done with the hook
	said := out.String()
	notSent := strings.Index(said, "Not sent yet (will retry): record 0190a1b2-0000-7000-8000-0000000000aa, could not connect to the FHIR server.")
	next := strings.Index(said, "What next?")
	if notSent < 0 || next < 0 || notSent > next {
		t.Errorf("the push's outcome is not read out before What next?:\n%s", said)
	}
}
