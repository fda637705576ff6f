package prompt

import (
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/store"
)

// A key typed while the plain prompts waited, silent, for a store another
// program held (the draft of the answer just given, about 2 s), answered
// the next section's first question, which was not yet on screen: a "3"
// typed to correct the answer before was saved as the patient's "I am not
// sure". The wait is said as it begins to last, and keys typed during it
// are dropped, and said so, as keys typed before any question not yet
// shown are.
func TestKeysTypedWhileWaitingForAHeldStoreAnswerNothing(t *testing.T) {
	t.Parallel()
	var s saver
	o := options(&s)
	o.Keep = func(d *assess.Draft) error {
		if _, ok := d.Answers[questionnaire.LinkHelp]; ok {
			time.Sleep(waitSaid + 300*time.Millisecond) // the store's wait for its lock
			return &store.Error{Kind: store.ErrLocked, Msg: "the store is in use by another digicheck window or program"}
		}
		return nil
	}
	lines := strings.Split(script, "\n")
	help := 8 // the Skills section's last question, "help"
	bs := typist(lines[:help]...)
	// Help's answer, and a 2 typed straight after it, during the wait.
	bs = append(bs, burst{after: 3 * typedAhead / 2, text: lines[help] + "\n2\n"})
	var out strings.Builder
	res, _ := atTerminal(o, bs, &out, 0).all()
	text := out.String()
	d := res.Unkept
	if d == nil {
		d = res.Draft
	}
	if d == nil {
		t.Fatalf("no answers handed back:\n%s", text)
	}
	if got, ok := d.Answers[questionnaire.LinkWant]; ok {
		t.Errorf("a key typed during the wait for the store answered the next section's first question, not yet shown: %v\n%s", got, text)
	}
	waiting := strings.Index(text, "Waiting for the store")
	ignored := strings.Index(text, "Keys typed while digicheck waited for the store were ignored")
	if waiting < 0 || ignored < waiting {
		t.Errorf("the wait for the store is not said, or the keys typed during it not said ignored after it:\n%s", text)
	}
}
