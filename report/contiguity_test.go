package report

import (
	"bytes"
	"strings"
	"testing"
)

// weeklyAssessed is count[w] assessments in week w from Monday 5 January
// 2026, the first on the Monday and the last on the Sunday, so that no
// week is cut short by the data.
func weeklyAssessed(t *testing.T, count []int) *Inputs {
	of := make([]int, len(count))
	copy(of, count)
	return datasetOf(t, weeklyShare(t, of, make([]int, len(count))))
}

// TestAShownSignalNeverBordersAHiddenPeriod: ten weeks of about 20
// assessed, then a week of none (hidden), then eight of about 30. On the
// exact values an XmR chart flags a shift above the mean from the week
// after the empty one, and a shift of the weeks before it. Published, a
// shift that starts beside the hidden week says the hidden week did not
// carry it on (its value is on the other side of the mean), and "1
// signal(s) take in a period whose value is hidden" beside it bounded the
// value further. A signal that takes in or borders a hidden period is not
// shown, and the chart says only that such signals are never shown,
// whether there are any or not: the same words whatever the hidden value.
func TestAShownSignalNeverBordersAHiddenPeriod(t *testing.T) {
	counts := func(hidden int) []int {
		c := []int{20, 21, 19, 20, 22, 18, 20, 21, 19, 20, hidden}
		return append(c, 30, 31, 29, 30, 32, 28, 30, 31)
	}
	const gap = 10
	exact, err := summarise(t, weeklyAssessed(t, counts(0)), Options{By: Week, Exact: true}).SPC("assessed", MethodXmR, ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	borders := false
	for _, sig := range exact.Signals {
		for _, p := range sig.Points {
			borders = borders || p == gap+1 || p == gap-1
		}
	}
	if !borders {
		t.Fatalf("exact signals %v: none borders week %d, so the fixture tests nothing", exact.Signals, gap)
	}
	var notes []string
	for _, hidden := range []int{0, 3, 6} {
		s := summarise(t, weeklyAssessed(t, counts(hidden)), Options{By: Week})
		ch, err := s.SPC("assessed", MethodXmR, ChartOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !ch.Points[gap].Missing {
			t.Fatalf("week %d (%d assessed) is shown: the fixture tests nothing", gap, hidden)
		}
		for _, sig := range ch.Signals {
			for _, p := range sig.Points {
				if p >= gap-1 && p <= gap+1 {
					t.Errorf("hidden week of %d: a %s signal is shown at week %d, beside or on the hidden week %d", hidden, sig.Rule, p, gap)
				}
			}
		}
		if strings.Contains(ch.Note, "1 signal") || strings.Contains(ch.Note, "2 signal") {
			t.Errorf("hidden week of %d: the note counts the signals held back: %q", hidden, ch.Note)
		}
		var out bytes.Buffer
		if err := ch.Write(&out, 80); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(oneLine(out.String()), "are never shown, whether there are any or not") {
			t.Errorf("hidden week of %d: the chart does not say signals beside hidden weeks are never shown:\n%s", hidden, out.String())
		}
		notes = append(notes, ch.Note)
	}
	for _, n := range notes[1:] {
		if n != notes[0] {
			t.Errorf("the note differs with the hidden value:\n%q\n%q", notes[0], n)
		}
	}
}
