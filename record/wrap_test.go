package record

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestWrapCountsTerminalCellsNotBytes(t *testing.T) {
	for _, c := range []struct {
		name, text string
		width      int
		want       string
	}{
		// Each 漢字 is 4 cells and 6 bytes: two and a space fit in 9 cells.
		{"wide characters", "漢字 漢字 漢字", 9, "漢字 漢字\n漢字\n"},
		// e + U+0301 is one cell in three bytes.
		{"combining marks", "cafe\u0301 cafe\u0301 cafe\u0301", 10, "cafe\u0301 cafe\u0301\ncafe\u0301\n"},
		{"plain", "one two three", 7, "one two\nthree\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Wrap(c.text, "", "", c.width)
			if got != c.want {
				t.Errorf("Wrap(%q, %d) = %q, want %q", c.text, c.width, got, c.want)
			}
			for _, l := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
				if ansi.StringWidth(l) > c.width {
					t.Errorf("line %q is %d cells, over %d", l, ansi.StringWidth(l), c.width)
				}
			}
		})
	}
}

func TestWrapIndentsTheFirstLineAndTheRestEachTheirOwnWay(t *testing.T) {
	got := Wrap("Asked only when the answer includes none", "3. ", "     ", 20)
	want := "3. Asked only when\n     the answer\n     includes none\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestWrapNeverBreaksAWebAddressOrANumberAtAHyphen(t *testing.T) {
	got := Wrap("Help at nhs.uk/nhs-app and face-to-face on 0113\u00a0496\u00a00123.", "", "", 14)
	want := "Help at\nnhs.uk/nhs-app\nand\nface-to-face\non\n0113\u00a0496\u00a00123.\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAHistoryLineCountsWideCharactersInCells(t *testing.T) {
	// Nine two-cell characters are 18 cells (27 bytes): with "; " they fit
	// beside a 6-cell item in 30 columns, which counting bytes would refuse.
	lines := wrapItems([]string{"漢字漢字漢字漢字漢", "Access"}, "  ", 30)
	if len(lines) != 1 || lines[0] != "  漢字漢字漢字漢字漢; Access" {
		t.Errorf("lines = %q, want one line", lines)
	}
	// An item wider than a line is broken inside the word, at cell widths.
	for _, l := range wrapItems([]string{strings.Repeat("漢", 20)}, "  ", 12) {
		if w := ansi.StringWidth(l); w > 12 {
			t.Errorf("line %q is %d cells, over 12", l, w)
		}
	}
}

// TestWrapKeepsAnNHSNumberWholeOnOneLine: a line broken inside an NHS
// number ("patient 943" / "476 5919") may be read as another patient's
// number; the three groups go to a line together, at any width.
func TestWrapKeepsAnNHSNumberWholeOnOneLine(t *testing.T) {
	const nhs = "943 476 5919"
	text := "Voided: the assessment of patient " + nhs + " (" + nhs + "), entered in error for patient " + nhs + "."
	for width := 14; width <= 80; width++ {
		got := Wrap(text, "", "  ", width)
		if n := strings.Count(got, nhs); n != 3 {
			t.Errorf("at %d columns the NHS number is whole %d times, want 3:\n%s", width, n, got)
		}
		if strings.Join(strings.Fields(got), " ") != text {
			t.Errorf("at %d columns words changed:\n%s", width, got)
		}
	}
}
