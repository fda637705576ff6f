package ui

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestARefusedSaveNoticeLeavesTheHighlightedReferralInViewAndTheLineTrue:
// at 80x24 the notice of a save refused (the store held, the answers kept
// in a file) took lines from the foot of the result while the line above
// it said "lines 3-18 of 18": the last lines, the highlighted referral the
// keys answer among them, were hidden under the notice, and nothing said
// more was below. The lines the line names are those on screen, and the
// highlighted referral stays in view.
func TestARefusedSaveNoticeLeavesTheHighlightedReferralInViewAndTheLineTrue(t *testing.T) {
	t.Parallel()
	const path = "/home/nurse/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	st := &memStore{fail: keptErr{path}}
	d := newDriver(t, testOptions(st.Save), 80, 24)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved:", "Press r to try again.")
	screenTellsTrue(t, d, "after the refused save", true)
	d.press("end")
	screenTellsTrue(t, d, "after the refused save, at the end", true)
	d.press("home")
	screenTellsTrue(t, d, "after the refused save, at the top", false)
}

// screenTellsTrue fails unless the result's lines that the scroll line
// names are the lines on screen, first and last, and, if highlighted,
// the referral the keys answer is on screen.
func screenTellsTrue(t *testing.T, d *driver, when string, highlighted bool) {
	t.Helper()
	s := d.screen()
	m := regexp.MustCompile(`lines (\d+)-(\d+) of (\d+)`).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("%s the screen names no lines of the result:\n%s", when, s)
	}
	first, _ := strconv.Atoi(m[1])
	last, _ := strconv.Atoi(m[2])
	content := strings.Split(ansi.Strip(d.m.resultView.GetContent()), "\n")
	rows := strings.Split(s, "\n")
	on := func(line int) bool {
		want := strings.TrimRight(content[line], " ")
		for _, r := range rows {
			if strings.TrimRight(strings.TrimPrefix(r, " "), " ") == want {
				return true
			}
		}
		return false
	}
	for _, n := range []int{first, last} {
		if strings.TrimSpace(content[n-1]) != "" && !on(n-1) {
			t.Errorf("%s the screen says %q, but line %d of the result (%q) is not on it:\n%s", when, m[0], n, content[n-1], s)
		}
	}
	if last < len(content) && strings.TrimSpace(content[last]) != "" && on(last) {
		t.Errorf("%s the screen says %q, but shows line %d too:\n%s", when, m[0], last+1, s)
	}
	if last < len(content) && !strings.Contains(s, "more below") {
		t.Errorf("%s the result goes on below line %d, and the screen does not say so:\n%s", when, last, s)
	}
	if highlighted && d.m.referral < len(d.m.refSpans) && !on(d.m.refSpans[d.m.referral].start) {
		t.Errorf("%s the highlighted referral (%q) is not on screen:\n%s", when, content[d.m.refSpans[d.m.referral].start], s)
	}
	checkFits(t, d.m.View().Content, 80, 24)
}
