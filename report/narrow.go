package report

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"digicheck/record"
)

// Tables narrower than their natural width. A summary is read at 80
// columns (a terminal, a file, an email), and some of its tables are
// wider: the referrals table has nine columns of numbers beside
// programme names. A table that does not fit is narrowed in steps, each
// kept only if it is not enough:
//
//  1. headers wrap between words ("Not discussed" over two lines), so a
//     column of numbers is as wide as its widest number or header word;
//  2. the text columns (names, groups) wrap between words, down to 24
//     columns each (a period's label, "2026-03 (partial)", never wraps);
//  3. the columns of numbers are split into two or more tables, each with
//     the text columns again.
//
// Numbers never wrap.

// minTextColumn is the narrowest a text column is wrapped to.
const minTextColumn = 24

// splitTextColumn is how wide the text columns may be, in all, when a
// table is split.
const splitTextColumn = 30

// fits lays out t's header and rows in width columns, or "" when t fits
// as it is (the caller draws it then).
func (t table) narrow(width int) string {
	n := len(t.header)
	natural := make([]int, n)
	least := make([]int, n) // with headers wrapped between words
	for j, h := range t.header {
		natural[j] = ansi.StringWidth(h)
		least[j] = longestWord(h)
	}
	for _, r := range t.rows {
		for j := 0; j < n && j < len(r); j++ {
			w := ansi.StringWidth(r[j])
			natural[j] = max(natural[j], w)
			if j >= t.left {
				least[j] = max(least[j], w)
			}
		}
	}
	for j := range t.left {
		least[j] = min(natural[j], minTextColumn)
	}
	if total(natural) <= width {
		return ""
	}
	widths := make([]int, n)
	copy(widths, natural)
	for j := t.left; j < n; j++ {
		widths[j] = least[j]
	}
	if total(widths) > width {
		// Wrap the text columns into what the numbers leave.
		spare := width - total(widths[t.left:]) - 2*t.left
		if need := textNeed(least[:t.left]); spare >= need {
			shareText(widths[:t.left], natural[:t.left], least[:t.left], spare)
		} else {
			return t.split(width, natural, least)
		}
	}
	return t.layout(widths, allColumns(n))
}

// split lays t out as several tables, each with the text columns and as
// many columns of numbers as fit.
func (t table) split(width int, natural, least []int) string {
	n := len(t.header)
	text := make([]int, t.left)
	for j := range t.left {
		text[j] = max(least[j], min(natural[j], splitTextColumn))
	}
	used := total(text)
	var parts []string
	var cols []int
	flush := func() {
		if len(cols) == 0 {
			return
		}
		widths := make([]int, n)
		copy(widths, text)
		for _, j := range cols {
			widths[j] = least[j]
		}
		parts = append(parts, t.layout(widths, append(allColumns(t.left), cols...)))
		cols = nil
	}
	w := used
	for j := t.left; j < n; j++ {
		if len(cols) > 0 && w+2+least[j] > width {
			flush()
			w = used
		}
		cols = append(cols, j)
		w += 2 + least[j]
	}
	flush()
	return strings.Join(parts, "\n")
}

// layout draws the columns cols of t at widths, wrapping each cell.
func (t table) layout(widths []int, cols []int) string {
	var b strings.Builder
	row := func(cells []string, style *lipgloss.Style) {
		lines := make([][]string, len(cols))
		height := 1
		for k, j := range cols {
			cell := ""
			if j < len(cells) {
				cell = cells[j]
			}
			lines[k] = strings.Split(ansi.Wrap(cell, widths[j], ""), "\n")
			height = max(height, len(lines[k]))
		}
		for i := range height {
			var l strings.Builder
			for k, j := range cols {
				s := ""
				if i < len(lines[k]) {
					s = strings.TrimRight(lines[k][i], " ")
				}
				if k > 0 {
					l.WriteString("  ")
				}
				pad := strings.Repeat(" ", max(0, widths[j]-ansi.StringWidth(s)))
				if j >= t.left {
					l.WriteString(pad + s)
				} else {
					l.WriteString(s + pad)
				}
			}
			line := strings.TrimRight(l.String(), " ")
			if style != nil {
				line = style.Render(line)
			}
			b.WriteString(line + "\n")
		}
	}
	row(t.header, &headerStyle)
	for _, r := range t.rows {
		row(r, nil)
	}
	return b.String()
}

func allColumns(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// total is the width of columns of widths, two spaces apart.
func total(widths []int) int {
	sum := 0
	for _, w := range widths {
		sum += w
	}
	return sum + 2*max(len(widths)-1, 0)
}

func textNeed(least []int) int {
	sum := 0
	for _, w := range least {
		sum += w
	}
	return sum
}

// shareText gives the text columns spare columns in all: each its least,
// then the rest to those that want more, in turn.
func shareText(widths, natural, least []int, spare int) {
	for j := range widths {
		widths[j] = least[j]
		spare -= widths[j]
	}
	for spare > 0 {
		grew := false
		for j := range widths {
			if spare > 0 && widths[j] < natural[j] {
				widths[j]++
				spare--
				grew = true
			}
		}
		if !grew {
			return
		}
	}
}

func longestWord(s string) int {
	m := 0
	for _, w := range strings.Fields(s) {
		m = max(m, ansi.StringWidth(w))
	}
	return m
}

// wrapLines wraps text to width at its spaces (record.Wrap), and styles
// each line on its own, so that no line gains the trailing blanks a style
// pads a block with. A word longer than width (a file's path) is left
// whole on a line of its own: cut, it could no longer be pasted.
func wrapLines(text string, width int, style lipgloss.Style) string {
	lines := strings.Split(strings.TrimSuffix(record.Wrap(text, "", "", width), "\n"), "\n")
	for i, l := range lines {
		lines[i] = style.Render(l)
	}
	return strings.Join(lines, "\n")
}
