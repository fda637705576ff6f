package prompt

import (
	"io"
	"strings"
	"testing"

	"digicheck/record"
)

// runPaused runs the script with pushes, the input stopping after the save
// until the push's line is ready (the clinician reads the note meanwhile),
// then going on with rest. It returns what was said.
func runPaused(t *testing.T, push func(record.Record) (bool, string), rest string) string {
	t.Helper()
	queued := make(chan struct{}, 4)
	pushQueued = func() { queued <- struct{}{} }
	defer func() { pushQueued = func() {} }()
	n := len(expectedResult(t).Recommendation.Referrals)
	r, w := io.Pipe()
	go func() {
		io.WriteString(w, script+answerReferrals(n, "1", "2")+"1\n") // save
		<-queued
		io.WriteString(w, rest)
		w.Close()
	}()
	var s saver
	o := options(&s)
	o.Push = push
	var out strings.Builder
	if _, err := Run(o, r, &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	return out.String()
}

// TestPlainPromptsSayWhetherTheSaveWasSent: after Saved, the push runs in
// the background, and what it ended with is read out before the next
// question: sent, or not sent yet and why, with nothing lost.
func TestPlainPromptsSayWhetherTheSaveWasSent(t *testing.T) {
	out := runPaused(t, func(record.Record) (bool, string) { return true, "" }, "3\n2\n") // read the handout, finish
	saved, sending := strings.Index(out, "Saved."), strings.Index(out, "Sending it to the trust's FHIR server in the background.")
	sent := strings.Index(out, "Sent to the trust's FHIR server: record 0190a1b2-0000-7000-8000-0000000000aa.")
	lastQuestion := strings.LastIndex(out, "What next?")
	if saved < 0 || sending < saved || sent < sending || lastQuestion < sent {
		t.Errorf("want Saved, sending, then Sent, read out before a question:\n%s", out)
	}

	out = runPaused(t, func(record.Record) (bool, string) { return false, "the server did not answer" }, "2\n")
	if !strings.Contains(out, "Not sent yet (will retry): record 0190a1b2-0000-7000-8000-0000000000aa, the server did not answer. Nothing is lost") {
		t.Errorf("a failed push is not read out:\n%s", out)
	}
}

// TestPlainPromptsNeverWaitForThePush: a push still running when the
// clinician finishes is not waited for; the run ends and says it was not
// sent yet.
func TestPlainPromptsNeverWaitForThePush(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	n := len(expectedResult(t).Recommendation.Referrals)
	var s saver
	o := options(&s)
	o.Push = func(record.Record) (bool, string) { <-block; return true, "" }
	var out strings.Builder
	if _, err := Run(o, strings.NewReader(script+consentLines(n)), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Not sent yet (will retry): still sending when digicheck finished.") {
		t.Errorf("the end of the run does not say the push was still going:\n%s", out.String())
	}
}
