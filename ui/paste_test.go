package ui

import (
	"io"
	"os"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A bracketed paste holding an escape sequence is refused whole, with the
// note a typed one gets, naming the sequence; never saved with the
// sequence quietly taken out ("Nurse Red Jones"). The terminal library
// drops such sequences from a paste, so pasteGuard marks them first.

func TestPasteGuardMarksEscapesInsideAPasteOnly(t *testing.T) {
	t.Parallel()
	sent := "a\x1b[A\x1b[200~Nurse \x1b[31mRed\x1b[0m Jones\x1b[201~b"
	for _, size := range []int{1, 3, 4096} {
		raw, _ := io.ReadAll(readerOf(t, sent, size))
		want := "a\x1b[A\x1b[200~Nurse " + escMark + "[31mRed" + escMark + "[0m Jones\x1b[201~b"
		if string(raw) != want {
			t.Fatalf("read %d bytes at a time: got %q, want %q", size, raw, want)
		}
	}
}

func readerOf(t *testing.T, sent string, size int) io.Reader {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for s := sent; s != ""; {
			n := min(size, len(s))
			w.Write([]byte(s[:n]))
			s = s[n:]
		}
		w.Close()
	}()
	return newPasteGuard(r)
}

func TestAnEscapeSequenceInAPasteIsRefusedWhole(t *testing.T) {
	t.Parallel()
	for _, paste := range []string{
		"Nurse \x1b[31mRed\x1b[0m Jones",
		"Nurse " + escMark + "[31mRed" + escMark + "[0m Jones", // as pasteGuard passes it on
		"Nurse\t\x1b[31mRed",
	} {
		d, f := openTeam(t)
		d.typeText("Dr ")
		d.send(tea.PasteMsg{Content: paste})
		if got := f.input.Value(); got != "Dr " {
			t.Fatalf("paste %q left %q, want it refused whole and \"Dr \" kept", paste, got)
		}
		d.waitFor(`not pasted: an escape sequence (\x1b[31m) came in with the text`)
	}
}
