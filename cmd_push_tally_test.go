package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"digicheck/internal/testkit"
	"digicheck/push"
)

// TestTheLastProgressLineCountsWhatThePushLastDid: a push whose server
// went down part way said "push: the other 9 of 10 record versions not
// sent either", then "Sent 2 of 10" and "8 of 10 record versions not
// sent": the lines said piped come every few seconds, and the closing one
// counted from the last said, not from where the push stopped.
func TestTheLastProgressLineCountsWhatThePushLastDid(t *testing.T) {
	t.Parallel()
	var w bytes.Buffer
	b := newProgressBar(&w, false)
	b.update(push.Progress{Done: 1, Total: 10, Sent: 1, Bundles: 1})
	b.update(push.Progress{Done: 2, Total: 10, Sent: 2, Bundles: 2}) // within the interval: not said
	b.done()
	out := w.String()
	if !strings.Contains(out, "the other 8 of 10 record versions not sent either") || strings.Contains(out, "the other 9") {
		t.Errorf("after 2 of 10 sent, the progress lines do not count the other 8 as not sent:\n%s", out)
	}
	if !strings.Contains(out, "2 of 10 record versions accounted for: 2 sent") {
		t.Errorf("the progress lines do not say where the push stopped, 2 of 10 sent:\n%s", out)
	}
}

// TestAProgressLineSaidBeforeThePushEndsSaysSoFar: piped, a push said
// "push: 4 of 5 record versions accounted for: ...; 1 Bundle", then
// "push: 5 of 5 ...; 2 Bundles": two tallies that each read as the last.
// A line said while the push goes on says its count is so far; the last,
// at the end or where the push stopped, does not.
func TestAProgressLineSaidBeforeThePushEndsSaysSoFar(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		steps []push.Progress
		last  string
	}{
		{"all accounted for", []push.Progress{{Done: 4, Total: 5, Sent: 4, Bundles: 1}, {Done: 5, Total: 5, Sent: 5, Bundles: 2}}, "push: 5 of 5 record versions accounted for: 5 sent"},
		{"stopped part way", []push.Progress{{Done: 4, Total: 10, Sent: 4, Bundles: 1}, {Done: 6, Total: 10, Sent: 6, Bundles: 2}}, "push: 6 of 10 record versions accounted for: 6 sent"},
	} {
		var w bytes.Buffer
		b := newProgressBar(&w, false)
		for _, p := range tc.steps {
			b.update(p)
		}
		b.done()
		lines := strings.Split(strings.TrimRight(w.String(), "\n"), "\n")
		if !strings.HasPrefix(lines[0], "push: so far 4 of ") {
			t.Errorf("%s: the line said while the push went on does not say so far:\n%s", tc.name, w.String())
		}
		if !strings.Contains(w.String(), "\n"+tc.last) {
			t.Errorf("%s: the last count is not said as %q:\n%s", tc.name, tc.last, w.String())
		}
	}
}

// TestOneRecordVersionIsCountedInTheSingular: "Sent 0 of 1 record
// versions", "1 of 1 record versions not sent".
func TestOneRecordVersionIsCountedInTheSingular(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	for _, tc := range []struct {
		n, of int
		want  string
	}{
		{0, 1, "0 of 1 record version"},
		{1, 1, "1 of 1 record version"},
		{1, 2, "1 of 2 record versions"},
		{0, 0, "0 of 0 record versions"},
	} {
		if got := push.OfVersions(tc.n, tc.of); got != tc.want {
			t.Errorf("OfVersions(%d, %d) = %q, want %q", tc.n, tc.of, got, tc.want)
		}
	}
	a, _, _, _, _ := offlineLaptop(t)
	out, errs, err := execute(a, (*app).pushCmd, "")
	all := strings.Join(strings.Fields(out+errs+errText(err)), " ")
	// The piped progress lines ("push: ...") keep one form, for the
	// logs and scripts that read them.
	var said []string
	for _, l := range strings.Split(out+errs+errText(err), "\n") {
		if !strings.HasPrefix(l, "push: ") {
			said = append(said, l)
		}
	}
	all = strings.Join(strings.Fields(strings.Join(said, "\n")), " ")
	if !strings.Contains(all, "of 1 record version") || strings.Contains(all, "of 1 record versions") {
		t.Errorf("a push of one record version counts it in the plural:\n%s", all)
	}
}

// TestNothingToSendSaysWhatIsHeldHereAndNotThere: a laptop holding a
// version read from server A (the ward's amendment) pushed to server B,
// which lacks it: "Nothing to send: every record version in this store
// was accepted by B in earlier pushes", which was not so. What is held
// here and not sent there is counted and said.
func TestNothingToSendSaysWhatIsHeldHereAndNotThere(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	A, B, laptop, _, first := laptopOnTwoServers(t)
	amendedOnTheWard(t, A.Base, first)
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", A.Base); err != nil {
		t.Fatalf("history on the laptop: %v\n%s", err, stderr)
	}
	out, errs, err := execute(laptopApp(laptop, ""), (*app).pushCmd, "", "--server", B.Base)
	if err != nil {
		t.Fatalf("push to B: %v\n%s%s", err, out, errs)
	}
	all := strings.Join(strings.Fields(out), " ")
	if strings.Contains(all, "every record version in this store was accepted") {
		t.Errorf("push to B says every version here is there, though the ward's amendment is not:\n%s", out)
	}
	if !strings.Contains(all, "1 record version read from another FHIR server") {
		t.Errorf("push to B does not count the version read from another server and not sent there:\n%s", out)
	}
}

// TestTheProgressBarFitsTheTerminalWidth: at 40 columns (and after a
// window was narrowed from 80 to 40 while a push ran) every redraw of
// "[------------------------------] 4/150, 0 sent" wrapped and left a
// line of its own. The bar is fitted to the terminal's width as it is at
// each redraw, and each redraw clears what the one before left.
func TestTheProgressBarFitsTheTerminalWidth(t *testing.T) {
	t.Parallel()
	for _, cols := range []int{80, 40, 30, 20, 12} {
		var w bytes.Buffer
		b := newProgressBar(&w, true)
		b.cols = func() int { return cols }
		b.update(push.Progress{Done: 150, Total: 150, Sent: 150, Bundles: 30})
		for _, draw := range strings.Split(w.String(), "\r") {
			draw = strings.TrimPrefix(draw, "\x1b[K")
			if n := ansi.StringWidth(draw); n >= cols {
				t.Errorf("at %d columns a redraw is %d columns wide, and wraps: %q", cols, n, draw)
			}
		}
		if !strings.Contains(w.String(), "150/150") {
			t.Errorf("at %d columns the bar leaves out the count: %q", cols, w.String())
		}
		if !strings.Contains(w.String(), "\r\x1b[K") {
			t.Errorf("at %d columns a redraw does not clear what the one before left: %q", cols, w.String())
		}
	}
}
