package report

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestEveryFigureIsInItsColumnAtEachWidth: the summary for people, laid
// out at 40, 60, 80 and 100 columns and at its natural width, reads back
// as the tables it was made from. Each table is found by its title, its
// caption is all there, and its columns (found as the blanks two or more
// wide that run down every line of a part) hold, row by row, the header
// and the cells of that table: a figure under another column's header, a
// row's figures on another row, or a name or header that lost a word
// fails. A table split to fit shows the name column again in each part
// and the columns of figures in order, each once.
func TestEveryFigureIsInItsColumnAtEachWidth(t *testing.T) {
	for name, s := range map[string]*Summary{
		"board by month":      summarise(t, datasetOf(t, boardFixture(t)), Options{By: Month}),
		"wards exact by week": summarise(t, datasetOf(t, records(t, wardFixtures())), Options{By: Week, Exact: true}),
	} {
		for _, width := range []int{40, 60, 80, 100, 1000} {
			var b bytes.Buffer
			if err := s.WriteTableWidth(&b, names, width); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(b.String(), "\x1b") {
				t.Errorf("%s at %d: an escape code written to something that is not a terminal", name, width)
			}
			for i, l := range strings.Split(b.String(), "\n") {
				if w := ansi.StringWidth(l); w > width {
					t.Errorf("%s at %d: line %d is %d columns: %q", name, width, i+1, w, l)
				}
				if strings.HasSuffix(l, " ") {
					t.Errorf("%s at %d: line %d ends in a blank: %q", name, width, i+1, l)
				}
			}
			var tables []table
			for _, tb := range s.tables(names) {
				tables = append(tables, tb.printable())
			}
			if err := readTablesBack(b.String(), tables); err != nil {
				t.Errorf("%s at %d: %v\n%s", name, width, err, b.String())
			}
		}
	}
}

// readTablesBack checks that out lays out tables, in order (see
// TestEveryFigureIsInItsColumnAtEachWidth).
func readTablesBack(out string, tables []table) error {
	lines := strings.Split(out, "\n")
	i := 0
	for _, tb := range tables {
		// The title, wrapped at a narrow width, and the caption under it.
		for i < len(lines) && startsText(lines[i:], tb.title) == 0 {
			i++
		}
		if i == len(lines) {
			return fmt.Errorf("no table titled %q", tb.title)
		}
		i += startsText(lines[i:], tb.title)
		if tb.caption != "" {
			n := startsText(lines[i:], tb.caption)
			if n == 0 {
				return fmt.Errorf("%s: the caption is not %q", tb.title, tb.caption)
			}
			i += n
		}
		if len(tb.header) == 0 {
			continue
		}
		for next := tb.left; next < len(tb.header); {
			var part []string
			for i < len(lines) && lines[i] != "" {
				part = append(part, lines[i])
				i++
			}
			i++ // the blank line after a part
			cols := columnsOf(part)
			shown := len(cols) - tb.left
			if shown <= 0 || next+shown > len(tb.header) {
				return fmt.Errorf("%s: a part of %d columns, after %d of %d shown:\n%s", tb.title, len(cols), next, len(tb.header), strings.Join(part, "\n"))
			}
			idx := make([]int, 0, len(cols))
			for j := range tb.left {
				idx = append(idx, j)
			}
			for j := next; j < next+shown; j++ {
				idx = append(idx, j)
			}
			next += shown
			want := [][]string{pick(tb.header, idx)}
			for _, r := range tb.rows {
				want = append(want, pick(r, idx))
			}
			if err := readRows(part, cols, want); err != nil {
				return fmt.Errorf("%s: %v:\n%s", tb.title, err, strings.Join(part, "\n"))
			}
		}
	}
	return nil
}

// startsText is how many of lines, from the first, hold text's words in
// order and nothing else, or 0 when they do not.
func startsText(lines []string, text string) int {
	want := strings.Fields(text)
	var got []string
	for i, l := range lines {
		got = append(got, strings.Fields(l)...)
		if len(got) >= len(want) || len(got) == 0 {
			if slices.Equal(got, want) {
				return i + 1
			}
			return 0
		}
	}
	return 0
}

// laidColumn is a column of a laid-out table, in display columns [from, to).
type laidColumn struct{ from, to int }

// columnsOf finds the columns of lines: runs of display columns with
// text on some line, between blanks at least two wide on every line.
func columnsOf(lines []string) []laidColumn {
	width := 0
	for _, l := range lines {
		width = max(width, ansi.StringWidth(l))
	}
	blank := func(c int) bool {
		for _, l := range lines {
			if s := ansi.Cut(l, c, c+1); s != "" && s != " " {
				return false
			}
		}
		return true
	}
	var out []laidColumn
	start, gap := -1, 0
	for c := 0; c <= width; c++ {
		if c < width && !blank(c) {
			if start < 0 {
				start = c
			} else if gap >= 2 {
				out = append(out, laidColumn{start, c - gap})
				start = c
			}
			gap = 0
			continue
		}
		gap++
	}
	if start >= 0 {
		out = append(out, laidColumn{start, width})
	}
	return out
}

// readRows reads lines as rows of cells in cols, a row running on over the
// lines under it until its cells read as want's next row (a wrapped name or
// header reads on, a word to a line at the least), and says where they do
// not.
func readRows(lines []string, cols []laidColumn, want [][]string) error {
	row := 0
	acc := make([]string, len(cols))
	for _, l := range lines {
		if row == len(want) {
			return fmt.Errorf("a line after the last row: %q", l)
		}
		for k, c := range cols {
			if cell := strings.TrimSpace(ansi.Cut(l, c.from, c.to)); cell != "" {
				acc[k] = strings.TrimSpace(acc[k] + " " + cell)
			}
		}
		if slices.Equal(acc, want[row]) {
			row++
			acc = make([]string, len(cols))
		}
	}
	if row < len(want) {
		return fmt.Errorf("%d of %d rows read back; the next reads %q, want %q", row, len(want), acc, want[row])
	}
	return nil
}

// pick is the cells of r at idx, each with its words one space apart.
func pick(r []string, idx []int) []string {
	out := make([]string, len(idx))
	for k, j := range idx {
		if j < len(r) {
			out[k] = strings.Join(strings.Fields(r[j]), " ")
		}
	}
	return out
}
