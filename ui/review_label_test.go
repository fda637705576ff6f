package ui

import (
	"strings"
	"testing"
)

// TestAReviewLabelLongerThanTheColumnWidensItAndStaysOnOneLine: "Translated
// letters" was cut to "Translated let…" at 80 columns, then wrapped inside
// the label column, so "letters" stood alone on the next line and read as
// part of an answer. The label column now fits the longest label shown:
// the label is whole on one line with its answer, and every answer of the
// review starts in the same column.
func TestAReviewLabelLongerThanTheColumnWidensItAndStaysOnOneLine(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions(nil), 80, 24)
	rows := []reviewRow{{"4  Needs", "Large print", "Yes"}, {"", "Translated letters", "Yes"}}
	lc := reviewLabelCol(rows)
	for _, w := range []int{58, 78, 98} {
		var lines []string
		for _, r := range rows {
			lines = append(lines, strings.Split(plain(d.m.row(w, lc, r.section, r.label, r.value)), "\n")...)
		}
		if len(lines) != 2 || !strings.Contains(lines[1], "Translated letters") || strings.Contains(lines[1], "…") {
			t.Fatalf("at %d columns the label is not whole on one line:\n%s", w, strings.Join(lines, "\n"))
		}
		if !strings.HasSuffix(lines[1], "Yes") || strings.Index(lines[0], "Yes") != strings.Index(lines[1], "Yes") {
			t.Errorf("at %d columns the answers are not in one column after the labels:\n%s", w, strings.Join(lines, "\n"))
		}
		for _, l := range lines {
			if len([]rune(l)) > w {
				t.Errorf("at %d columns a line is %d wide:\n%s", w, len([]rune(l)), l)
			}
		}
	}
	// With no long label the column is as it was.
	if got := reviewLabelCol(rows[:1]); got != labelCol {
		t.Errorf("with short labels the label column is %d, want %d", got, labelCol)
	}
	// A question's text, far longer than any label, wraps in the column
	// rather than push the answers off the line.
	if got := reviewLabelCol([]reviewRow{{"", strings.Repeat("word ", 10), "Yes"}}); got > maxLabelCol {
		t.Errorf("a question's text widened the label column to %d", got)
	}
}
