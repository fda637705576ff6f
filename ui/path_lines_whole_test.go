package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestAPathLongerThanTheWindowIsShownWhole: a not-saved file's name wider
// than the window (digicheck-not-saved-draft-ID.txt is 66 columns) goes on
// as many lines as it needs, none wider than the window: at 60x20 the saved
// screen cut it to "...-47791701" and ".t", with no mark that it was cut.
func TestAPathLongerThanTheWindowIsShownWhole(t *testing.T) {
	path := "/tmp/tcap41/home/.local/share/digicheck/digicheck-not-saved-draft-01a24ba4-87be-77d1-b3f6-477917018b48.txt"
	for _, w := range []int{58, 40, 76} {
		got := pathLines(path, w)
		if strings.ReplaceAll(got, "\n", "") != path {
			t.Errorf("width %d: the lines do not hold the path whole:\n%s", w, got)
		}
		for _, l := range strings.Split(got, "\n") {
			if ansi.StringWidth(l) > w {
				t.Errorf("width %d: line %q is wider than the window, so it is cut", w, l)
			}
		}
	}
}
