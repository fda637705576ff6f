package main

import (
	"strings"
	"testing"
)

// TestFillersKeepAnNHSNumberAndAnIdWhole: at a terminal, messages were
// filled at every space, so an NHS number broke across lines ("patient
// 943" / "476 5919"); a record id or a file's path must not break at its
// hyphens either. Every word-filler keeps both whole, at any width.
func TestFillersKeepAnNHSNumberAndAnIdWhole(t *testing.T) {
	t.Parallel()
	const nhs, id = "943 476 5919", "01a23991-ecc0-7d40-8800-0123456789ab"
	text := "Marked entered in error: record " + id + " (patient " + nhs + "), and a note of the assessment of patient " + nhs + " kept in /tmp/digicheck-not-saved-" + id + ".txt for the clinician."
	fillers := map[string]func(width int) string{
		"fillLines": func(w int) string { return fillLines(text, w, 0) },
		"wrapText":  func(w int) string { return wrapText(text, w) },
	}
	for name, fill := range fillers {
		for width := 66; width <= 120; width++ { // the path is 65 columns
			out := fill(width)
			whole := 0
			for _, l := range strings.Split(out, "\n") {
				whole += strings.Count(l, nhs)
				for _, part := range []string{"943", "476", "5919"} {
					if strings.Contains(l, part) && !strings.Contains(l, nhs) {
						t.Errorf("%s at %d columns splits the NHS number: line %q", name, width, l)
					}
				}
			}
			if whole != 2 {
				t.Errorf("%s at %d columns: the NHS number is whole %d times, want 2:\n%s", name, width, whole, out)
			}
			if n := strings.Count(out, id); n != 2 {
				t.Errorf("%s at %d columns: the id is whole %d times, want 2:\n%s", name, width, n, out)
			}
		}
	}
}

// TestCheckAndSummaryWrapKeepAnNHSNumberWhole: check's and summary's lines
// at a terminal (wrapReport) broke an NHS number between its groups ("the
// draft of patient 943" / "  476 5919"), where the other fillers keep it
// whole.
func TestCheckAndSummaryWrapKeepAnNHSNumberWhole(t *testing.T) {
	t.Parallel()
	const nhs = "943 476 5919"
	text := "- the draft of patient " + nhs + " kept by Nurse A on ward 7 cannot be read, and was set aside: its answers are kept in the file beside the store"
	for width := 24; width <= 140; width++ {
		out := wrapReport(text, width)
		if n := strings.Count(out, nhs); n != 1 {
			t.Errorf("at %d columns the NHS number is whole %d times, want 1:\n%s", width, n, out)
		}
	}
}
