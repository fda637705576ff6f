package main

import (
	"strings"
	"testing"
)

// TestThePlainNewStoreWarningSaysWhatToDoFirst: the plain prompts' warning
// of a new, empty store reached "Stop" only after some sixty words (the
// path, what is not in it, the files found): what to do comes first, as
// in the full screen's box, then why.
func TestThePlainNewStoreWarningSaysWhatToDoFirst(t *testing.T) {
	t.Parallel()
	path := "/home/ward5/.local/share/digicheck/digicheck.db"
	for _, c := range []struct {
		name   string
		traces []string
		made   bool
	}{
		{"no sign of one before", nil, true},
		{"files show one was kept", []string{"digicheck.db.moved"}, true},
		{"still new", []string{"digicheck.db.moved"}, false},
	} {
		words := strings.Fields(newStoreWords(path, c.traces, c.made))
		first := strings.Join(words[:min(len(words), 16)], " ")
		if !strings.Contains(first, "Stop") || !strings.Contains(first, "new and empty") {
			t.Errorf("%s: the warning does not say to stop, and why, in its first words: %q", c.name, first)
		}
		rest := strings.Join(words, " ")
		if !strings.Contains(rest, "Ask IT to") || !strings.Contains(rest, path) {
			t.Errorf("%s: the warning does not say whom to ask, or name the store: %q", c.name, rest)
		}
	}
}
