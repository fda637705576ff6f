package prompt

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/record"
	"digicheck/store"

	"github.com/charmbracelet/x/ansi"
)

// lockedRefusal is a save refused as another program held the store db,
// its answers kept in the file kept, as the command's words say it.
type lockedRefusal struct{ kept, db string }

func (e lockedRefusal) Error() string {
	return "answers and note kept in " + e.kept + " (paste the note into the patient record) as the store " + e.db + " is in use by another digicheck window or program; try again, or close it"
}
func (e lockedRefusal) KeptIn() string { return e.kept }
func (e lockedRefusal) Unwrap() error  { return &store.Error{Kind: store.ErrLocked, Msg: "in use"} }

// wholeOnLines counts the lines of said that hold path whole.
func wholeOnLines(said, path string) int {
	n := 0
	for _, l := range strings.Split(said, "\n") {
		n += strings.Count(l, path)
	}
	return n
}

// At a terminal, the plain prompts broke the paths they said where the
// words of a sentence break: "kept in /tmp/x/Ward Stores/ward-7b-" /
// "east/digicheck-not-saved-….txt", "the store /tmp/x/Ward" /
// "Stores/ward-7b-east/store.db". A screen reader read two halves of the
// path, and copied line by line and joined with a space it named another
// file. A path is now never broken inside: it moves to the next line
// whole, as a word does, and one wider than the line stands on a line of
// its own. Written to a pipe, the lines are not broken at all.
func TestAPathThePlainPromptsSayIsNeverBrokenInside(t *testing.T) {
	t.Parallel()
	rs := newRunStore(t)
	kept := filepath.Join(filepath.Dir(rs.db), "digicheck-not-saved-01a24f72-7c6c-7338-b3d2-b78a156de00c.txt")
	n := len(expectedResult(t).Recommendation.Referrals)
	run := func(width int) string {
		var s saver
		o := options(&s)
		o.Given, o.Width = rs.given, width
		o.Keep = func(*assess.Draft) error {
			return &store.Error{Kind: store.ErrLocked, Msg: "the store " + rs.db + " is in use by another digicheck window or program; try again, or close it"}
		}
		o.Save = func(*record.Record) error { return lockedRefusal{kept, rs.db} }
		var out strings.Builder
		Run(o, strings.NewReader(script+answerReferrals(n, "1", "1")+"1\n"), &out)
		return out.String()
	}
	piped := run(0)
	for _, path := range []string{rs.db, kept} {
		if wholeOnLines(piped, path) == 0 {
			t.Fatalf("%s is never said:\n%s", path, piped)
		}
	}
	for _, w := range []int{80, 60} {
		said := run(w)
		for _, path := range []string{rs.db, kept} {
			if got, want := wholeOnLines(said, path), strings.Count(piped, path); got != want {
				t.Errorf("at %d columns %s is said whole %d times, want %d:\n%s", w, path, got, want, said)
			}
		}
		for _, l := range strings.Split(said, "\n") {
			if !strings.Contains(l, "/") {
				continue // an answer typed after its prompt
			}
			if ansi.StringWidth(l) > w && strings.Trim(l, " .,;:()") != rs.db && strings.Trim(l, " .,;:()") != kept {
				t.Errorf("at %d columns, a line wider than the terminal that is not a path alone: %q", w, l)
			}
		}
	}
}

// At 60 columns, the commands said of a patient assessed before were
// broken between their words, but a flag and its value stayed together
// however wide: "    --config '/tmp/x/Ward Stores/site-config/ward
// 7b.toml'" was wider than the terminal, which cut it mid-word, and a
// screen reader read "ward 7b.to", then "ml'". A line of a command is
// now never wider than the terminal: a flag whose value does not fit
// after it on a line is broken from it, marked to go on, and the value
// (a path, never broken inside) stands on a line of its own.
func TestTheCommandLinesThePlainPromptsSayAreNoWiderThanTheTerminal(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("the commands are left whole on Windows")
	}
	const db, config = "/tmp/x/Ward Stores/ward-7b-east/store.db", "/tmp/x/Ward Stores/site-config/ward 7b.toml"
	pt := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	before := assessedOne(t, pt, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local))
	for w := 50; w <= 70; w++ {
		var s saver
		o := options(&s)
		o.Width = w
		o.Given = " --db '" + db + "' --config '" + config + "'"
		o.Assessed = func(record.PatientID) ([]assess.Assessed, error) { return []assess.Assessed{before}, nil }
		var out strings.Builder
		Run(o, strings.NewReader(strings.Join(strings.SplitAfterN(script, "\n", 5)[:4], "")), &out)
		said := out.String()
		if !strings.Contains(strings.Join(strings.Fields(said), " "), "follow it up instead") {
			t.Fatalf("at %d columns the patient is not said assessed before:\n%s", w, said)
		}
		for _, l := range strings.Split(said, "\n") {
			if ansi.StringWidth(l) > w && !strings.HasPrefix(l, "Type ") {
				t.Errorf("at %d columns, a line wider than the terminal: %q\n%s", w, l, said)
			}
		}
		// Pasted as printed, each command is the one given.
		for _, sub := range []string{"followup 9434765919", "amend " + before.Short + " --reason …"} {
			at := strings.Index(said, "digicheck "+strings.Fields(sub)[0])
			if at < 0 {
				t.Fatalf("at %d columns, no digicheck %s:\n%s", w, sub, said)
			}
			words, _ := shellWordsAt(said, at)
			want := append(append([]string{"digicheck"}, strings.Fields(sub)...), "--db", db, "--config", config)
			if strings.Join(words, "\x00") != strings.Join(want, "\x00") {
				t.Errorf("at %d columns, digicheck %s pastes as %q, want %q:\n%s", w, sub, words, want, said)
			}
		}
	}
}
