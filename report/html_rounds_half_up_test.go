package report

import (
	"testing"

	"digicheck/site"
)

// The board report gave 25 of 40 choices honoured as 62% where the
// table, the Markdown and the CSV gave 63%: it rounded a share that is
// exactly half way to the even number, they half away from zero, as
// docs/disclosure.md says, so one month's share read a point apart in a
// board paper and its board report. Every share the board report gives
// is now rounded as the other formats round it, whole percentages under
// disclosure control and one decimal place with exact counts.
func TestTheBoardReportRoundsASharesHalfAsTheOtherFormatsDo(t *testing.T) {
	for _, c := range []struct {
		k, n  int
		exact bool
		want  string
	}{
		{25, 40, false, "63%"},
		{35, 40, false, "88%"}, // 87.5
		{45, 40 * 2, false, "56%"},
		{1, 8, true, "12.5%"},
		{1, 16, true, "6.3%"},  // 6.25
		{3, 16, true, "18.8%"}, // 18.75
		{1, 3, true, "33.3%"},
	} {
		s := &Summary{Exact: c.exact, Disclosure: site.DefaultDisclosure, Cells: []Cell{
			{Period: All, Breakdown: All, Group: All, Measure: MeasureAssessed, Count: c.n, Shown: c.n, Base: -1},
			{Period: All, Breakdown: All, Group: All, Measure: MeasureAssessed, Count: c.k, Shown: c.k, Base: 0},
		}}
		table := s.Percent(1) + "%"
		board := s.htmlPercent(100 * float64(c.k) / float64(c.n))
		if board != c.want || table != c.want {
			t.Errorf("%d of %d (exact %v): the board report gives %s, the table %s; want %s in both", c.k, c.n, c.exact, board, table, c.want)
		}
	}
}
