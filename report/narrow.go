package report

import (
	"strings"

	"charm.land/lipgloss/v2"
	lipgloss_table "charm.land/lipgloss/v2/table"
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

// fit is the width of each column of t in width columns, and the columns
// of each table it is drawn as: one table of all its columns when it fits
// (each column as wide as its widest cell), else narrowed as above.
func (t table) fit(width int) (widths []int, parts [][]int) {
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
		return natural, [][]int{allColumns(n)}
	}
	widths = make([]int, n)
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
	return widths, [][]int{allColumns(n)}
}

// split lays t out as several tables, each with the text columns and as
// many columns of numbers as fit. The text columns are narrowed further,
// down to their longest words, where one column of numbers beside them
// would not fit.
func (t table) split(width int, natural, least []int) (widths []int, parts [][]int) {
	n := len(t.header)
	widths = make([]int, n)
	copy(widths, least)
	widest := 0
	for j := t.left; j < n; j++ {
		widest = max(widest, least[j])
	}
	for j := range t.left {
		widths[j] = max(least[j], min(natural[j], splitTextColumn))
	}
	for total(widths[:t.left])+2+widest > width {
		k := -1
		for j := range t.left {
			if floor := t.longestText(j); widths[j] > floor && (k < 0 || widths[j] > widths[k]) {
				k = j
			}
		}
		if k < 0 {
			break
		}
		widths[k]--
	}
	used := total(widths[:t.left])
	var cols []int
	w := used
	for j := t.left; j < n; j++ {
		if len(cols) > 0 && w+2+least[j] > width {
			parts = append(parts, append(allColumns(t.left), cols...))
			cols, w = nil, used
		}
		cols = append(cols, j)
		w += 2 + least[j]
	}
	if len(cols) > 0 {
		parts = append(parts, append(allColumns(t.left), cols...))
	}
	return widths, parts
}

// longestText is the widest word of text column j, header and rows.
func (t table) longestText(j int) int {
	w := longestWord(t.header[j])
	for _, r := range t.rows {
		if j < len(r) {
			w = max(w, longestWord(r[j]))
		}
	}
	return w
}

// draw lays out the columns cols of t, at widths, as a lipgloss table: no
// rules, two spaces between columns, numbers to the right, the header in
// bold. A cell wider than its column wraps between words (a word longer
// than the column is broken), the lines of its row under it. The header is
// drawn as the first row, as lipgloss never wraps a header.
func (t table) draw(widths []int, cols []int) string {
	pick := func(cells []string) []string {
		out := make([]string, len(cols))
		for k, j := range cols {
			if j < len(cells) {
				out[k] = cells[j]
			}
		}
		return out
	}
	lt := lipgloss_table.New().
		BorderTop(false).BorderBottom(false).BorderLeft(false).BorderRight(false).
		BorderHeader(false).BorderColumn(false).
		Row(pick(t.header)...).
		StyleFunc(func(row, col int) lipgloss.Style {
			st := lipgloss.NewStyle().Width(widths[cols[col]])
			if col > 0 {
				st = st.PaddingLeft(2).Width(2 + widths[cols[col]])
			}
			if cols[col] >= t.left {
				st = st.Align(lipgloss.Right)
			}
			if row == 0 {
				st = st.Inherit(headerStyle)
			}
			return st
		})
	for _, r := range t.rows {
		lt.Row(pick(r)...)
	}
	// Short cells leave trailing blanks, inside the header's bold too;
	// lines end at their last word.
	var b strings.Builder
	for _, l := range strings.Split(lt.String(), "\n") {
		b.WriteString(ansi.Truncate(l, ansi.StringWidth(strings.TrimRight(ansi.Strip(l), " ")), "") + "\n")
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
