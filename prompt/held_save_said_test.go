package prompt

import (
	"path/filepath"
	"strings"
	"testing"
)

// afterLastPrompt is what was said after the last question's prompt in
// text ("Type a number ...").
func afterLastPrompt(text string) string {
	i := strings.LastIndex(text, "Type a number")
	if i < 0 {
		return text
	}
	return text[i:]
}

// A save, and Save chosen again, on a store another program held were
// 6 to 9 seconds of silence in the plain prompts after "1": a
// screen-reader user heard nothing, and could not tell a wait from a
// hang. "Saving…" is said at once as Save is chosen, and "Trying again…"
// as it is chosen again after a refusal, each before the store is read
// or written; with the store known to be held, that it waits for it.
func TestASaveOnAHeldStoreSaysSavingAndTryingAgainAtOnce(t *testing.T) {
	file := filepath.Join(t.TempDir(), "digicheck-not-saved-x.txt")
	st := &heldStore{file: file}
	said, err := retryFlow(t, st, []string{"1", "1", "1", "1", "1"}, map[int]func(){
		2: func() { st.held = false },
	})
	if err != nil {
		t.Fatalf("save: %v\n%s", err, said)
	}
	if len(st.said) != 2 {
		t.Fatalf("%d saves tried, want 2:\n%s", len(st.said), said)
	}
	if first := afterLastPrompt(strings.Join(strings.Fields(st.said[0]), " ")); !strings.Contains(first, "Saving…") {
		t.Errorf("the save is tried without saying Saving… first: after the prompt, %q", first)
	}
	still := strings.Index(said, "Still not saved")
	if still < 0 {
		t.Fatalf("Save chosen again on the store still held is not refused:\n%s", said)
	}
	if before := afterLastPrompt(said[:still]); !strings.Contains(before, "Trying again… (waiting for the store, a few seconds)") {
		t.Errorf("Save chosen again on the store held waits without saying it tries again, waiting for the store: after the prompt, %q", before)
	}
	if last := afterLastPrompt(strings.Join(strings.Fields(st.said[1]), " ")); !strings.Contains(last, "Trying again…") {
		t.Errorf("the save tried again is made without saying Trying again… first: after the prompt, %q", last)
	}
}
