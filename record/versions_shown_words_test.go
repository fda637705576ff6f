package record

import (
	"bytes"
	"strings"
	"testing"
)

// TestTheVersionShownIsMarkedInWords: show's list of versions marked the
// one printed above it "<- shown", a programmer's arrow a clinician reads
// as nothing. It is marked in words.
func TestTheVersionShownIsMarkedInWords(t *testing.T) {
	a, _, a2, _, _ := chain(t)
	var buf bytes.Buffer
	if err := WriteVersionsAside(&buf, []Record{a, a2}, a.ID, nil); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, "<-") {
		t.Errorf("the version shown is marked with an arrow:\n%s", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, a.ID.String()) && strings.HasPrefix(l, "  1") && !strings.HasSuffix(l, "superseded (this is the version printed above)") {
			t.Errorf("the version shown is not marked in words: %q", l)
		}
	}
}
